package pnrgov

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// The -update flag is shared with the XML tests of this package: whoever
// declares it first, both read it by name.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func ediUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const ediSamples = "../../testdata/messages/gtas"

// ediSampleFiles lists every PNRGOV EDIFACT sample (PNR folders and the
// rules-service file), relative to ediSamples.
func ediSampleFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(ediSamples, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasSuffix(path, ".md") {
			return nil
		}
		rel, _ := filepath.Rel(ediSamples, path)
		if strings.Contains(rel, "pnr-messages") || strings.Contains(rel, "gtas-rulesvc") {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 30 {
		t.Fatalf("found %d PNRGOV samples, expected at least 30", len(files))
	}
	return files
}

// ediTestOptions are fixed options: a deterministic fake card hash and
// a reference date for messages without one.
func ediTestOptions() message.ParseOptions {
	return message.ParseOptions{
		CardHash:  func(n string) string { return "hash-of-" + string(rune('0'+len(n)%10)) },
		Reference: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

type ediGolden struct {
	Messages []*message.Message `json:"messages"`
	Warnings []string           `json:"file_warnings,omitempty"`
}

func ediGoldenName(rel string) string {
	base := filepath.Base(rel)
	return strings.TrimSuffix(base, filepath.Ext(base)) + ".json"
}

func TestEDIGolden(t *testing.T) {
	for _, rel := range ediSampleFiles(t) {
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(ediSamples, rel))
			if err != nil {
				t.Fatal(err)
			}
			msgs, warns, err := ParseFile(data, ediTestOptions())
			if strings.HasSuffix(rel, "pnrBadFormat.txt") {
				if err == nil {
					t.Fatal("pnrBadFormat.txt parsed; it must be refused")
				}
				return
			}
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got, err := json.MarshalIndent(ediGolden{Messages: msgs, Warnings: warns}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", ediGoldenName(rel))
			if ediUpdating() {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no golden file (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s; rerun with -update after checking the difference", path)
			}
		})
	}
}
