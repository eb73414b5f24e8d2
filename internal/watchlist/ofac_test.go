package watchlist

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadOFACCounts checks both real OFAC versions against their READMEs.
func TestReadOFACCounts(t *testing.T) {
	lists := fullLists(t)
	tests := []struct {
		name string
		imp  *Import
		want map[string]int
	}{
		{"2022-01-31", lists["ofac2022"], map[string]int{
			// README: 9,044 rows; the last row (HAMER AND NAIL CONSTRUCTION
			// LIMITED) carries ent_num 2677, already used by AL-ZOMOR: it is
			// skipped and reported (its real ent_num, 34489, is in 2024).
			"entries":    9043,
			"individual": 4643, // README: 4,643
			"sdgt":       1046, // README: 1,046
			"dob":        4512, // README: 4,512 with DOB
			// README: 1,221 "Passport" remarks; here "Diplomatic Passport"
			// and "Travel Document Number" count as passports too.
			"passport": 1227,
			// README: 6,520 alt.csv rows of individuals: 2 equal another
			// name of the same entry once "SURNAME, Given" is turned around.
			"good": 6518,
			// README: 1,718 weak a.k.a.s: one is cut short by OFAC's
			// Remarks limit (28263, reported in Problems); the other 3
			// repeat a name already on the entry (an alt.csv alias, which
			// stays good, or the primary name).
			"low": 1714,
		}},
		{"2024-05-03", lists["ofac2024"], map[string]int{
			"entries":    14965, // README: 14,965
			"individual": 6854,  // README: 6,854
			"sdgt":       1349,  // README: 1,349
			"dob":        6736,  // README: 6,736
			"passport":   1671,  // README: 1,665 "Passport", plus other passport labels
			"good":       0,     // no alt.csv
			// README: 2,053: the rest are cut short by the Remarks limit
			// (reported in Problems) or repeat a name already on the entry.
			"low": 2050,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := map[string]int{"entries": len(tt.imp.Entries)}
			for _, e := range tt.imp.Entries {
				if e.Kind != KindIndividual {
					continue
				}
				n["individual"]++
				for _, p := range e.Programs {
					if p == "SDGT" {
						n["sdgt"]++
					}
				}
				if len(e.BirthDates) > 0 {
					n["dob"]++
				}
				for _, d := range e.Documents {
					if d.Type == "passport" {
						n["passport"]++
						break
					}
				}
				for _, nm := range e.Names[1:] {
					n[nm.Quality]++
				}
			}
			t.Logf("measured %v; problems %v", n, tt.imp.Problems)
			for k, v := range tt.want {
				if n[k] != v {
					t.Errorf("%s: %d, want %d", k, n[k], v)
				}
			}
		})
	}
	if d := lists["ofac2024"].Digest; d != "210ca6b4a8187a34e0850be69ecc6e918f23ad7778b8b5b2f9c9d5fbbaf4e0cb" {
		t.Errorf("2024 digest %s is not the README's sha256 of sdn.csv", d)
	}
	var dup bool
	for _, p := range lists["ofac2022"].Problems {
		dup = dup || (p.Entry == "2677" && p.Line == 9044 && strings.Contains(p.Reason, "duplicate"))
	}
	if !dup {
		t.Errorf("2022: duplicate ent_num 2677 on line 9044 not reported: %v", lists["ofac2022"].Problems)
	}
}

func TestReadOFACEntries(t *testing.T) {
	lists := fullLists(t)
	t.Run("7828 four DOBs, three POBs, two passports, weak a.k.a.", func(t *testing.T) {
		e := entryByID(t, lists["ofac2024"], "7828")
		if n := e.Names[0]; n.Full != "Mehrez AMDOUNI" || n.Given != "Mehrez" || n.Surname != "AMDOUNI" || n.Quality != QualityPrimary {
			t.Errorf("primary %+v", n)
		}
		if !hasName(e, "ABU THALE", QualityLow, "latin") {
			t.Errorf("names %+v", e.Names)
		}
		want := []BirthDate{{Date: "1969-12-18"}, {Date: "1968-05-25"}, {Date: "1968-12-18"}, {Date: "1969-07-14"}}
		if len(e.BirthDates) != 4 {
			t.Fatalf("dates %+v", e.BirthDates)
		}
		for i := range want {
			if e.BirthDates[i] != want[i] {
				t.Errorf("date %d %+v, want %+v", i, e.BirthDates[i], want[i])
			}
		}
		if strings.Join(e.BirthPlaces, "|") != "Tunis, Tunisia|Naples, Italy|Algeria" {
			t.Errorf("places %q", e.BirthPlaces)
		}
		if len(e.Documents) != 2 || e.Documents[0] != (Document{Type: "passport", Number: "G737411", Country: "TUN", Note: "issued 24 Oct 1990 expires 20 Sep 1997"}) || !hasDoc(e, "passport", "0801888", "BIH") {
			t.Errorf("documents %+v", e.Documents)
		}
		if strings.Join(e.Nationalities, ",") != "TUN" || strings.Join(e.Programs, ",") != "SDGT" {
			t.Errorf("nationalities %q programs %q", e.Nationalities, e.Programs)
		}
	})
	t.Run("9340 check digit in brackets, other passport labels", func(t *testing.T) {
		e := entryByID(t, lists["ofac2024"], "9340")
		for _, d := range [][3]string{{"national_id", "D489833(9)", "HKG"}, {"passport", "750200421", "GBR"}, {"passport", "2355009C", "CHN"}} {
			if !hasDoc(e, d[0], d[1], d[2]) {
				t.Errorf("no %v in %+v", d, e.Documents)
			}
		}
		if strings.Join(e.Nationalities, ",") != "CHN,KHM" || len(e.BirthDates) != 6 {
			t.Errorf("nationalities %q dates %+v", e.Nationalities, e.BirthDates)
		}
	})
	t.Run("11748 circa range, weak a.k.a. written SURNAME, Given", func(t *testing.T) {
		e := entryByID(t, lists["ofac2024"], "11748")
		if len(e.BirthDates) != 2 || e.BirthDates[0] != (BirthDate{From: "1979", To: "1982", Approximate: true}) || e.BirthDates[1] != (BirthDate{Date: "1982"}) {
			t.Errorf("dates %+v", e.BirthDates)
		}
		if !hasName(e, "Abu MUSCAB", QualityLow, "") {
			t.Errorf("names %+v", e.Names)
		}
	})
	t.Run("alt.csv aliases, suffix, entity", func(t *testing.T) {
		e := entryByID(t, lists["ofac2022"], "306")
		if e.Kind != KindEntity || !hasName(e, "NATIONAL BANK OF CUBA", QualityGood, "") || !hasName(e, "BNC", QualityLow, "") {
			t.Errorf("306 %+v", e)
		}
		for _, e := range lists["ofac2022"].Entries {
			if e.Names[0].Surname == "LAVILLA" {
				if e.Names[0].Full != "Ruben Pestano LAVILLA Jr." || e.Names[0].Given != "Ruben Pestano" {
					t.Errorf("LAVILLA primary %+v", e.Names[0])
				}
				return
			}
		}
		t.Error("no LAVILLA")
	})
}

func TestParseRemarks(t *testing.T) {
	e := &Entry{Kind: KindIndividual}
	msgs := parseRemarks(e, "DOB 01 Jan 1970; alt. DOB 1971; DOB circa 1965; DOB 1960 to 1962; alt. DOB Feb 1958; "+
		"DOB 01 Mar 1950 to 31 Dec 1951; DOB sometime; POB Aleppo, Syria; nationality Syria; alt. nationality Korea, North; "+
		"citizen Türkiye; citizen Atlantis; Passport A1234567 (Iraq); alt. Passport 99 (Iran) expires 01 Jan 2020; "+
		"National ID No. 12345 (Yemen); Cedula No. 79488576 (Colombia); SSN 523-33-8386 (United States); Gender Female; "+
		"a.k.a. 'ABU-'UMAR'; a.k.a. 'AL-X, Abu'; Linked To: SOMETHING, Ltd.; a.k.a. 'CUT SH")
	wantDates := []BirthDate{{Date: "1970-01-01"}, {Date: "1971"}, {Date: "1965", Approximate: true}, {From: "1960", To: "1962"}, {Date: "1958-02"}, {From: "1950-03-01", To: "1951-12-31"}}
	if len(e.BirthDates) != len(wantDates) {
		t.Fatalf("dates %+v", e.BirthDates)
	}
	for i := range wantDates {
		if e.BirthDates[i] != wantDates[i] {
			t.Errorf("date %d %+v, want %+v", i, e.BirthDates[i], wantDates[i])
		}
	}
	if strings.Join(e.BirthPlaces, "|") != "Aleppo, Syria" || strings.Join(e.Nationalities, ",") != "SYR,PRK,TUR,Atlantis" || e.Gender != "F" {
		t.Errorf("places %q nationalities %q gender %q", e.BirthPlaces, e.Nationalities, e.Gender)
	}
	wantDocs := []Document{
		{Type: "passport", Number: "A1234567", Country: "IRQ"},
		{Type: "passport", Number: "99", Country: "IRN", Note: "expires 01 Jan 2020"},
		{Type: "national_id", Number: "12345", Country: "YEM"},
		{Type: "national_id", Number: "79488576", Country: "COL"},
		{Type: "ssn", Number: "523-33-8386", Country: "USA"},
	}
	if len(e.Documents) != len(wantDocs) {
		t.Fatalf("documents %+v", e.Documents)
	}
	for i := range wantDocs {
		if e.Documents[i] != wantDocs[i] {
			t.Errorf("document %d %+v, want %+v", i, e.Documents[i], wantDocs[i])
		}
	}
	if !hasName(*e, "ABU-'UMAR", QualityLow, "latin") || !hasName(*e, "Abu AL-X", QualityLow, "") || len(e.Names) != 2 {
		t.Errorf("names %+v", e.Names)
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], `"DOB sometime"`) || !strings.Contains(msgs[1], "cut short") {
		t.Errorf("messages %q", msgs)
	}
}

func TestReadOFACBadFiles(t *testing.T) {
	write := func(t *testing.T, files map[string]string) string {
		dir := t.TempDir()
		for name, body := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	row := `36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ` + "\r\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no sdn.csv", map[string]string{"alt.csv": "1,2,aka,X,-0-\n"}, "no sdn.csv"},
		{"empty sdn.csv", map[string]string{"sdn.csv": "\x1a"}, "no records"},
		{"header row", map[string]string{"sdn.csv": "ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks\n" + row}, `sdn.csv: line 1: ent_num "ent_num" is not a number`},
		{"not OFAC", map[string]string{"sdn.csv": "id,name\n1,x\n"}, "sdn.csv: line 1: 2 fields, want 12"},
		{"bad alt.csv", map[string]string{"sdn.csv": row, "alt.csv": "1,2,3\n"}, "alt.csv: line 1: 3 fields, want 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadOFAC(write(t, tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
	if _, err := ReadOFAC(filepath.Join(t.TempDir(), "missing")); err == nil || !strings.Contains(err.Error(), "no sdn.csv") {
		t.Errorf("missing dir: %v", err)
	}

	t.Run("bad rows are problems", func(t *testing.T) {
		sdn := row +
			"37,,individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" +
			"38,too few fields\r\n" +
			"x39,\"SMITH, John\",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n" +
			`40,"DOE, Jane",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB someday; nationality Syria."` + "\r\n\x1a"
		alt := "40,1,aka,\"DOE, Janet\",-0- \n99,2,aka,ORPHAN,-0- \n"
		imp, err := ReadOFAC(write(t, map[string]string{"sdn.csv": sdn, "alt.csv": alt}))
		if err != nil {
			t.Fatal(err)
		}
		if len(imp.Entries) != 2 || imp.Entries[1].ID != "40" || !hasName(imp.Entries[1], "Janet DOE", QualityGood, "latin") {
			t.Errorf("entries %+v", imp.Entries)
		}
		want := []Problem{
			{Entry: "37", Line: 2, Reason: "skipped: no name"},
			{Entry: "38", Line: 3, Reason: "sdn.csv: skipped: 2 fields, want 12"},
			{Entry: "x39", Line: 4, Reason: `sdn.csv: skipped: ent_num "x39" is not a number`},
			{Entry: "40", Line: 5, Reason: `unreadable date of birth "DOB someday"`},
			{Entry: "99", Line: 2, Reason: "alt.csv: alias of an ent_num not in sdn.csv; skipped"},
		}
		if len(imp.Problems) != len(want) {
			t.Fatalf("problems %v", imp.Problems)
		}
		for i := range want {
			if imp.Problems[i] != want[i] {
				t.Errorf("problem %d %+v, want %+v", i, imp.Problems[i], want[i])
			}
		}
	})
}

// FuzzReadOFACRow feeds one sdn.csv line through the row and Remarks
// parsers.
func FuzzReadOFACRow(f *testing.F) {
	data, err := os.ReadFile(filepath.Join(ofac2024, "sdn.csv"))
	if err != nil {
		f.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, want := range []string{"^7828,", "^9340,", "^11748,", "^306,", "^36,"} {
		re := regexp.MustCompile(want)
		for _, l := range lines {
			if re.MatchString(l) {
				f.Add(l)
				break
			}
		}
	}
	f.Add(`1,"X, Y",individual,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. '`)
	f.Fuzz(func(t *testing.T, line string) {
		r := csv.NewReader(strings.NewReader(line))
		r.LazyQuotes = true
		r.FieldsPerRecord = -1
		rec, err := r.Read()
		if err != nil {
			return
		}
		e, probs := ofacEntry(rec)
		if e == nil {
			if len(probs) == 0 {
				t.Fatal("entry dropped without a problem")
			}
			return
		}
		if len(e.Names) == 0 || strings.TrimSpace(e.Names[0].Full) == "" || e.Names[0].Quality != QualityPrimary {
			t.Fatalf("bad names %+v", e.Names)
		}
		for _, d := range e.BirthDates {
			if d.Date == "" && (d.From == "" || d.To == "" || d.From > d.To) {
				t.Fatalf("bad date %+v", d)
			}
		}
	})
}

func BenchmarkReadOFAC(b *testing.B) {
	sdn, err := os.ReadFile(filepath.Join(ofac2022, "sdn.csv"))
	if err != nil {
		b.Fatal(err)
	}
	alt, err := os.ReadFile(filepath.Join(ofac2022, "alt.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(sdn) + len(alt)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := readOFAC(sdn, alt); err != nil {
			b.Fatal(err)
		}
	}
}
