package watchlist

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestReadCSVSample(t *testing.T) {
	imp, err := Load("csv:" + csvFile)
	if err != nil {
		t.Fatal(err)
	}
	if imp.List != "national-sample" || imp.Format != "csv" || imp.Source != csvFile || len(imp.Digest) != 64 {
		t.Errorf("List %q Format %q Source %q Digest %q", imp.List, imp.Format, imp.Source, imp.Digest)
	}
	if len(imp.Entries) != 21 {
		t.Errorf("%d entries, want 21", len(imp.Entries))
	}
	e := entryByID(t, imp, "NL-0001")
	if n := e.Names[0]; n.Full != "Pieter Jan VAN DER ZANDVOORT" || n.Given != "Pieter Jan" || n.Surname != "VAN DER ZANDVOORT" || n.Quality != QualityPrimary {
		t.Errorf("NL-0001 primary %+v", n)
	}
	if !hasName(e, "Piet VAN DER ZANDVOORT", QualityGood, "latin") || !hasName(e, "PJ", QualityLow, "") {
		t.Errorf("NL-0001 names %+v", e.Names)
	}
	if !hasDoc(e, "passport", "NX4F81234", "NLD") || !hasDoc(e, "national_id", "998877665", "NLD") || e.Listed != "2024-01-15" || e.Gender != "M" {
		t.Errorf("NL-0001 %+v", e)
	}
	e = entryByID(t, imp, "NL-0002")
	if !hasName(e, "أميرة خليل حداد", QualityGood, "arabic") || strings.Join(e.Nationalities, ",") != "LBN,SYR" {
		t.Errorf("NL-0002 %+v", e)
	}
	for id, want := range map[string]BirthDate{
		"NL-0003": {Date: "1962-11"},
		"NL-0004": {Date: "1970", Approximate: true},
		"NL-0005": {From: "1958", To: "1961"},
		"NL-0007": {From: "1975", To: "1978", Approximate: true},
	} {
		if e := entryByID(t, imp, id); len(e.BirthDates) != 1 || e.BirthDates[0] != want {
			t.Errorf("%s dates %+v, want %+v", id, e.BirthDates, want)
		}
	}
	if e := entryByID(t, imp, "NL-0018"); e.Kind != KindEntity || !hasName(e, "NWMT", QualityGood, "") || e.Names[0].Given != "" {
		t.Errorf("NL-0018 %+v", e)
	}
	e = entryByID(t, imp, "NL-0017")
	if len(e.BirthDates) != 1 || e.BirthDates[0].Date != "1980" || e.Gender != "" || len(e.Documents) != 0 || e.Listed != "" {
		t.Errorf("NL-0017 keeps only its good fields: %+v", e)
	}
	if e := entryByID(t, imp, "NL-0016"); strings.Join(e.Nationalities, ",") != "Atlantis" {
		t.Errorf("NL-0016 nationalities %q", e.Nationalities)
	}
	var got []string
	for _, p := range imp.Problems {
		got = append(got, p.String())
	}
	want := []string{
		`line 20: NL-0016: nationality "Atlantis" is not a known country; kept as written`,
		`line 21: NL-0017: birth date "1977-02-30" not YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO (with optional ~); dropped`,
		`line 21: NL-0017: birth date "19xx" not YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO (with optional ~); dropped`,
		`line 21: NL-0017: gender "x" is not M or F; dropped`,
		`line 21: NL-0017: document "passport:12345:ZZ": unknown country "ZZ"; dropped`,
		`line 21: NL-0017: document "passport": want TYPE:NUMBER or TYPE:NUMBER:COUNTRY; dropped`,
		`line 21: NL-0017: listed "14/04/2014" is not YYYY-MM-DD; dropped`,
		`line 26: NL-0022: skipped: no name`,
		`line 27: NL-0023: skipped: unknown kind "vessel" (want individual or entity)`,
		`line 28: NL-0001: skipped: id already used on line 5`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadCSVBadFile(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "empty file"},
		{"no id column", "name,given\nX,Y\n", "no id column"},
		{"no name column", "id,gender\n1,M\n", "no name, given or surname column"},
		{"unknown column", "id,name,dob\n1,X,1970\n", `line 1: unknown column "dob"`},
		{"repeated column", "id,name,name\n1,X,Y\n", `column "name" appears twice`},
		{"bad quote", "id,name\n1,\"X\n2,Y\n", "not valid CSV"},
		{"stray quote", "id,name\n1,X \"Y\"\n", "line 2"},
		{"not UTF-8", "id,name\n1,X\n2,\xff\xfe\n", "line 3: not UTF-8"},
		{"XML", "<CONSOLIDATED_LIST/>\n", "unknown column"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.in), "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
	// Fields short of the header are a bad row, not a bad file.
	imp, err := ReadCSV(strings.NewReader("id,name,gender\n1,X\n2,Y,F\n"), "x")
	if err != nil || len(imp.Entries) != 1 || len(imp.Problems) != 1 || imp.Problems[0].Line != 2 {
		t.Errorf("short row: %v %+v", err, imp)
	}
}

func FuzzReadCSV(f *testing.F) {
	data, err := os.ReadFile(csvFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i := 3; i < len(lines); i += 5 {
		f.Add(append(append([]byte(nil), lines[3]...), lines[i]...)) // header + one row
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		imp, err := ReadCSV(bytes.NewReader(b), "fuzz")
		if err != nil {
			return
		}
		ids := map[string]bool{}
		for _, e := range imp.Entries {
			if e.ID == "" || ids[e.ID] || len(e.Names) == 0 || e.Names[0].Quality != QualityPrimary {
				t.Fatalf("bad entry %+v", e)
			}
			ids[e.ID] = true
		}
	})
}
