package watchlist

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	imp, err := Load("csv:watch=" + csvFile)
	if err != nil || imp.List != "watch" || imp.Entries[0].List != "watch" {
		t.Errorf("csv:NAME=FILE: %v, %+v", err, imp)
	}
	imp, err = Load("ofac:" + ofac2024)
	if err != nil || imp.List != "ofac" || imp.Source != ofac2024 || imp.Format != "ofac-csv" {
		t.Errorf("ofac: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "list.xml")
	if err := os.WriteFile(bad, []byte("<html>\n<body/></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	for spec, want := range map[string]string{
		"eu:file.xml":         `unknown list format "eu"`,
		"consolidated.xml":    "bad list spec",
		"un:":                 "bad list spec",
		"csv:=x.csv":          "empty list name",
		"un:/no/such/file":    "no such file",
		"csv:/no/such.csv":    "no such file",
		"ofac:/no/such/dir":   "no sdn.csv",
		"un:" + bad:           bad + ": un: line 1: root element is <html>",
		"ofac:" + t.TempDir(): "no sdn.csv",
		"csv:" + unFile:       "not valid CSV",
	} {
		_, err := Load(spec)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load(%q) error %v, want one saying %q", spec, err, want)
		}
	}
}
