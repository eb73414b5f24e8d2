package edifact

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDumpAll(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/messages/gtas/*/*/*")
	more, _ := filepath.Glob("../../testdata/messages/gtas/*/*.txt")
	files = append(files, more...)
	for _, f := range files {
		if filepath.Ext(f) == ".md" {
			continue
		}
		data, _ := os.ReadFile(f)
		ef, err := ReadFile(data)
		n := 0
		if ef != nil {
			for _, m := range ef.Messages() {
				n += len(m.Segments)
			}
		}
		t.Logf("%s: err=%v msgs=%d segs=%d warns=%d delims=%q", filepath.Base(f), err, len(ef.Messages()), n, len(ef.Warnings), ef.Delimiters.String())
		for _, w := range ef.Warnings {
			t.Logf("    %s", w)
		}
	}
}
