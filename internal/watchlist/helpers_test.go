package watchlist

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

const (
	unFile   = "../../testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml"
	ofac2022 = "../../testdata/watchlists/ofac-sdn-2022-01-31"
	ofac2024 = "../../testdata/watchlists/ofac-sdn-2024-05-03"
	csvFile  = "../../testdata/watchlists/national-sample.csv"
)

var (
	loadOnce sync.Once
	loaded   map[string]*Import
	loadErr  error
)

// fullLists reads the real lists once for all tests.
func fullLists(t testing.TB) map[string]*Import {
	t.Helper()
	loadOnce.Do(func() {
		loaded = map[string]*Import{}
		for name, spec := range map[string]string{"un": "un:" + unFile, "ofac2022": "ofac:" + ofac2022, "ofac2024": "ofac:" + ofac2024} {
			imp, err := Load(spec)
			if err != nil {
				loadErr = err
				return
			}
			loaded[name] = imp
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func entryByID(t *testing.T, imp *Import, id string) Entry {
	t.Helper()
	for _, e := range imp.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("%s: no entry %s", imp.List, id)
	return Entry{}
}

func hasName(e Entry, full, quality, script string) bool {
	for _, n := range e.Names {
		if n.Full == full && (quality == "" || n.Quality == quality) && (script == "" || n.Script == script) {
			return true
		}
	}
	return false
}

func hasDate(e Entry, d BirthDate) bool {
	for _, x := range e.BirthDates {
		if x == d {
			return true
		}
	}
	return false
}

func hasDoc(e Entry, typ, number, country string) bool {
	for _, d := range e.Documents {
		if d.Type == typ && d.Number == number && d.Country == country {
			return true
		}
	}
	return false
}

// sdnOnlyDir is a directory holding only the given OFAC dir's sdn.csv.
func sdnOnlyDir(t testing.TB, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "sdn.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}
