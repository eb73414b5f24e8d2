package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/store"
)

func TestInbox(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	p := New(Config{Store: st})
	dir := t.TempDir()
	write := func(name, body string, age time.Duration) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-age)
		os.Chtimes(path, old, old)
	}
	write("a.edi", testAPI, time.Minute)
	write("b.edi", "garbage that is not EDIFACT", time.Minute)
	write("c.edi.part", testAPI, time.Minute) // still being written
	write("d.edi", testPNR, 0)                // too fresh
	write("e.edi", testAPI, time.Minute)      // same bytes as a.edi
	ib := &Inbox{Dir: dir, Sink: p.Process}
	for _, sub := range []string{"processed", "rejected"} {
		os.MkdirAll(filepath.Join(dir, sub), 0o755)
	}
	ib.settle = 10 * time.Second
	n, err := ib.Poll(ctx)
	if err != nil || n != 3 {
		t.Fatalf("poll: %d files, %v; want 3", n, err)
	}
	for _, f := range []string{"processed/a.edi", "processed/e.edi", "rejected/b.edi", "c.edi.part", "d.edi"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	reason, err := os.ReadFile(filepath.Join(dir, "rejected/b.edi.reason"))
	if err != nil || !strings.Contains(string(reason), "not an EDIFACT interchange") {
		t.Errorf("reason file: %q %v", reason, err)
	}
	// a.edi and e.edi are the same bytes: one stored message.
	msgs, err := st.ListRaw(ctx, store.RawFilter{})
	if err != nil || len(msgs) != 2 {
		t.Errorf("stored messages: %d, %v; want 2 (one accepted, one rejected)", len(msgs), err)
	}
}
