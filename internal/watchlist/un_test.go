package watchlist

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestReadUNCounts checks the whole UN file against the counts in its
// README (testdata/watchlists/un-consolidated-2026-02-27/README.md).
func TestReadUNCounts(t *testing.T) {
	imp := fullLists(t)["un"]
	if imp.Generated != "2026-02-27" || imp.List != "un" || imp.Format != "un-xml" {
		t.Errorf("Generated, List, Format = %q, %q, %q", imp.Generated, imp.List, imp.Format)
	}
	// README: sha256 of consolidated.xml.
	if imp.Digest != "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf" {
		t.Errorf("Digest = %s", imp.Digest)
	}
	n := map[string]int{}
	for _, e := range imp.Entries {
		n[e.Kind]++
		if len(e.Names) == 0 || e.Names[0].Quality != QualityPrimary {
			t.Errorf("%s: first name is not primary: %+v", e.ID, e.Names)
		}
		for _, nm := range e.Names {
			if nm.Full == "" || nm.Full != strings.TrimSpace(nm.Full) || strings.ContainsAny(nm.Full, "();\n") {
				t.Errorf("%s: name %q not cut clean", e.ID, nm.Full)
			}
			if nm.Script == "" {
				t.Errorf("%s: name %q has no script", e.ID, nm.Full)
			}
		}
		if e.Kind != KindIndividual {
			continue
		}
		if len(e.BirthDates) > 0 {
			n["dob"]++
		}
		if len(e.Nationalities) > 0 {
			n["nationality"]++
		}
		if len(e.Documents) > 0 {
			n["documents"]++
		}
		if e.Gender != "" {
			n["gender"]++
		}
		for _, nm := range e.Names[1:] {
			n["alias "+nm.Quality]++
			if nm.Script != "latin" {
				n["non-latin"]++
			}
		}
		if len(e.Names) == 1 {
			n["no alias"]++
		}
	}
	t.Logf("measured: %v; problems: %v", n, imp.Problems)
	want := map[string]int{
		KindIndividual: 730, // README: 730 INDIVIDUAL
		KindEntity:     273, // README: 273 ENTITY
		// README: 728 individuals have an INDIVIDUAL_DATE_OF_BIRTH element,
		// but 49 of those are empty placeholders (<TYPE_OF_DATE/>) and one
		// holds only "30-35 years old" (LYi.022, reported in Problems).
		"dob": 678,
		// README: 625 have NATIONALITY; LYi.* "na" is no nationality.
		"nationality": 624,
		"documents":   277, // README: 468 INDIVIDUAL_DOCUMENT on 277 individuals
		"gender":      54,
		// README: 2,139 non-empty aliases (1,524 Good, 615 Low) plus 336
		// original-script names; splitting compound aliases and notes
		// yields more names, duplicates fewer.
		"alias good": 1938,
		"alias low":  648,
		// README: 169 individuals have no alias; 81 of those have an
		// original-script name, which counts as one here.
		"no alias": 88,
	}
	for k, v := range want {
		if n[k] != v {
			t.Errorf("%s: %d, want %d", k, n[k], v)
		}
	}
	if len(imp.Problems) != 2 {
		t.Errorf("problems: %v, want the two unreadable DOB notes (LYi.022, QDi.291)", imp.Problems)
	}
}

// TestReadUNEntries checks exact values on real entries chosen for their
// traps: compound aliases, mixed scripts, year-only, approximate and
// ranged dates, documents with words in their number.
func TestReadUNEntries(t *testing.T) {
	imp := fullLists(t)["un"]

	t.Run("QDi.299 Arabic with bracketed Latin variants", func(t *testing.T) {
		e := entryByID(t, imp, "QDi.299")
		for _, n := range []struct{ full, q, script string }{
			{"IBRAHIM AWWAD IBRAHIM ALI AL-BADRI AL-SAMARRAI", QualityPrimary, "latin"},
			{"إبراهيم عواد إبراهيم علي البدري السامرائي", QualityGood, "arabic"},
			{"أبو بكر البغدادي الحسيني القريشي", QualityLow, "arabic"},
			{"Abu Bakr al-Baghdadi al-Husayni al-Quraishi", QualityLow, "latin"},
			{"Abu Bakr al-Baghdadi", QualityLow, "latin"},
			{"Abu Du’a", QualityLow, "latin"}, // from the alias NOTE
			{"Ibrahim ‘Awad Ibrahim al-Samarra’i", QualityGood, "latin"},
		} {
			if !hasName(e, n.full, n.q, n.script) {
				t.Errorf("no name %q (%s, %s) in %+v", n.full, n.q, n.script, e.Names)
			}
		}
		if !hasDate(e, BirthDate{Date: "1971"}) || e.Nationalities[0] != "IRQ" || e.Programs[0] != "Al-Qaida" || e.Listed != "2011-10-05" {
			t.Errorf("got %+v", e)
		}
	})

	t.Run("IRi.034 semicolons and an enumeration", func(t *testing.T) {
		e := entryByID(t, imp, "IRi.034")
		var got []string
		for _, n := range e.Names {
			got = append(got, n.Full)
		}
		want := []string{"M. JAVAD KARIMI SABET", "Mohammed Sabet", "Mohammad Sabet", "M. Javad Kareemi Sabet", "M. Jawad Kareemi Sabet", "M. Jawad Karimi Sabet"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("names %q, want %q", got, want)
		}
	})

	t.Run("QDi.028 SURNAME, Given aliases", func(t *testing.T) {
		e := entryByID(t, imp, "QDi.028")
		found := false
		for _, n := range e.Names {
			if n.Full == "Abubakar Khalfan Ahmed" {
				found = n.Given == "Abubakar Khalfan" && n.Surname == "Ahmed" && n.Quality == QualityGood
			}
		}
		if !found {
			t.Errorf("'Ahmed, Abubakar Khalfan' not read as given Abubakar Khalfan, surname Ahmed: %+v", e.Names)
		}
		if !hasName(e, "Ahmad Al Tanzani", QualityLow, "latin") {
			t.Errorf("no low 'Ahmad Al Tanzani'")
		}
	})

	t.Run("QDi.306 date range from a note and Arabic alias", func(t *testing.T) {
		e := entryByID(t, imp, "QDi.306")
		if !hasDate(e, BirthDate{From: "1977-08", To: "1977-09"}) || !hasDate(e, BirthDate{Date: "1976"}) {
			t.Errorf("dates %+v", e.BirthDates)
		}
		for _, n := range []string{"حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul", "Abu-Shaima"} {
			if !hasName(e, n, "", "") {
				t.Errorf("no name %q", n)
			}
		}
	})

	t.Run("TAi.002 approximate BETWEEN ranges", func(t *testing.T) {
		e := entryByID(t, imp, "TAi.002")
		want := []BirthDate{{From: "1955", To: "1958", Approximate: true}, {From: "1945", To: "1950", Approximate: true}}
		if len(e.BirthDates) != 2 || e.BirthDates[0] != want[0] || e.BirthDates[1] != want[1] {
			t.Errorf("dates %+v, want %+v", e.BirthDates, want)
		}
	})

	t.Run("LYi.019 APPROXIMATELY year and remarks cut from alias", func(t *testing.T) {
		e := entryByID(t, imp, "LYi.019")
		if !hasDate(e, BirthDate{Date: "1952", Approximate: true}) {
			t.Errorf("dates %+v", e.BirthDates)
		}
		if !hasName(e, "Safia Farkash Mohammed Al-Hadad", QualityGood, "latin") || len(e.Names) != 2 {
			t.Errorf("names %+v", e.Names)
		}
	})

	t.Run("CFi.009 month-year dates in notes", func(t *testing.T) {
		e := entryByID(t, imp, "CFi.009")
		for _, d := range []string{"1961-08", "1961-07", "1963-04", "1964-09-18", "1959"} {
			if !hasDate(e, BirthDate{Date: d}) {
				t.Errorf("no date %s in %+v", d, e.BirthDates)
			}
		}
	})

	t.Run("QDi.244 generational suffix and descriptor", func(t *testing.T) {
		e := entryByID(t, imp, "QDi.244")
		if !hasName(e, "Hilarion Del Rosario Santos III", QualityGood, "") || hasName(e, "third", "", "") {
			t.Errorf("names %+v", e.Names)
		}
		if !hasDoc(e, "passport", "AA780554", "PHL") {
			t.Errorf("documents %+v", e.Documents)
		}
	})

	t.Run("QDi.290 bracketed surname variant and Cyrillic", func(t *testing.T) {
		e := entryByID(t, imp, "QDi.290")
		for _, n := range []struct{ full, script string }{{"Lom-ali Butayev", "latin"}, {"Lom-ali Butaev", "latin"}, {"Умаров Доку Хаматович", "cyrillic"}} {
			if !hasName(e, n.full, "", n.script) {
				t.Errorf("no name %q in %+v", n.full, e.Names)
			}
		}
		if strings.Join(e.Nationalities, ",") != "RUS,former Soviet Union" {
			t.Errorf("nationalities %q: unmappable text must be kept", e.Nationalities)
		}
	})

	t.Run("KPi.035 Chinese script in brackets", func(t *testing.T) {
		e := entryByID(t, imp, "KPi.035")
		if !hasName(e, "Jin Tiesan", QualityGood, "latin") || !hasName(e, "金铁三", QualityGood, "han") {
			t.Errorf("names %+v", e.Names)
		}
		if !hasDoc(e, "passport", "645120378", "PRK") {
			t.Errorf("documents %+v", e.Documents)
		}
	})

	t.Run("TAi.148 two scripts without brackets", func(t *testing.T) {
		e := entryByID(t, imp, "TAi.148")
		if !hasName(e, "Agha Jan Alizai", QualityGood, "latin") || !hasName(e, "اغا جان عالیزی", QualityGood, "arabic") {
			t.Errorf("names %+v", e.Names)
		}
	})

	t.Run("documents with words in NUMBER", func(t *testing.T) {
		for _, c := range []struct{ id, typ, number, country string }{
			{"QDi.309", "national_id", "44103-5251752-5", "PAK"},
			{"LYi.009", "passport", "428720", "LBY"},    // "Libya 428720"
			{"SSi.003", "passport", "R00012098", "SSD"}, // "R00012098, South Sudan"
			{"SOi.010", "passport", "403062567", "USA"}, // "403062567 (US)"
			{"QDi.371", "passport", "C00146605", "GBR"}, // "British passport number C00146605"
			{"TAi.071", "national_id", "545167", "AFG"}, // number in TYPE_OF_DOCUMENT2
			{"QDi.060", "passport", "L 191609", "TUN"},  // number only in NOTE
		} {
			e := entryByID(t, imp, c.id)
			if !hasDoc(e, c.typ, c.number, c.country) {
				t.Errorf("%s: no %s %s (%s) in %+v", c.id, c.typ, c.number, c.country, e.Documents)
			}
		}
	})

	t.Run("entities: acronyms, qualifiers, f.k.a., original script", func(t *testing.T) {
		e := entryByID(t, imp, "CDe.003")
		var got []string
		for _, n := range e.Names {
			got = append(got, n.Full)
		}
		if strings.Join(got, "|") != "COMPAGNIE AERIENNE DES GRANDS LACS|GREAT LAKES BUSINESS COMPANY|CAGL|GLBC" {
			t.Errorf("CDe.003 names %q", got)
		}
		if e := entryByID(t, imp, "QDe.104"); e.Names[0].Full != "AL-HARAMAIN FOUNDATION PAKISTAN" || len(e.Names) < 1 {
			t.Errorf("QDe.104 primary %q: a country in brackets qualifies the name", e.Names[0].Full)
		}
		e = entryByID(t, imp, "QDe.137")
		if hasName(e, "original script", "", "") || !hasName(e, "هيئة تحرير الشام", QualityGood, "arabic") || !hasName(e, "HTS", QualityGood, "") || !hasName(e, "Ansar al-Mujahideen Network", "", "") {
			t.Errorf("QDe.137 names %+v", e.Names)
		}
		e = entryByID(t, imp, "CDe.001")
		if !hasName(e, "ADF/NALU", QualityGood, "latin") {
			t.Errorf("CDe.001: f.k.a. ADF/NALU missing: %+v", e.Names)
		}
	})
}

func TestReadUNBadFile(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "no XML element"},
		{"not XML", "REFERENCE_NUMBER,NAME\nQDi.1,X\n", "no XML element"},
		{"binary", "\x00\x01\x02<", "not well-formed"},
		{"wrong root", `<?xml version="1.0"?>` + "\n<sdnList><sdnEntry/></sdnList>", "line 2: root element is <sdnList>"},
		{"truncated", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL><FIRST_NAME>A</FIRST_NAME>\n", "line 4"},
		{"mismatched tags", "<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</ENTITIES>\n", "line 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp, err := ReadUN(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("no error; got %d entries", len(imp.Entries))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestReadUNBadEntries(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE x [<!ENTITY boom "boom">]>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00Z">
<INDIVIDUALS>
<INDIVIDUAL>
<DATAID>1</DATAID><FIRST_NAME/><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>
<INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
</INDIVIDUAL>
<INDIVIDUAL>
<DATAID>2</DATAID><FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>
<REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1970-13-45</DATE></INDIVIDUAL_DATE_OF_BIRTH>
<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1960</FROM_YEAR><TO_YEAR>1962</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
</INDIVIDUAL>
<INDIVIDUAL>
<DATAID>3</DATAID><FIRST_NAME>JANE</FIRST_NAME><REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER>
</INDIVIDUAL>
<INDIVIDUAL>
<DATAID>4</DATAID><FIRST_NAME>NO REF</FIRST_NAME>
</INDIVIDUAL>
</INDIVIDUALS>
<ENTITIES/>
</CONSOLIDATED_LIST>
`
	imp, err := ReadUN(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if imp.Generated != "2026-01-02" {
		t.Errorf("Generated %q", imp.Generated)
	}
	var ids []string
	for _, e := range imp.Entries {
		ids = append(ids, e.ID)
	}
	if strings.Join(ids, ",") != "XXi.002,DATAID-4" {
		t.Errorf("entries %q, want XXi.002 and DATAID-4", ids)
	}
	if d := imp.Entries[0].BirthDates; len(d) != 1 || d[0] != (BirthDate{From: "1960", To: "1962"}) {
		t.Errorf("XXi.002 dates %+v: the bad date is dropped, the good one kept", d)
	}
	want := []Problem{
		{Entry: "XXi.001", Line: 5, Reason: "skipped: no name"},
		{Entry: "XXi.002", Line: 9, Reason: `unreadable date of birth "1970-13-45"`},
		{Entry: "XXi.002", Line: 15, Reason: "skipped: duplicate REFERENCE_NUMBER (first at entry 1)"},
		{Entry: "DATAID-4", Line: 18, Reason: "no REFERENCE_NUMBER; DATAID used as ID"},
	}
	if len(imp.Problems) != len(want) {
		t.Fatalf("problems %v, want %v", imp.Problems, want)
	}
	for i := range want {
		if imp.Problems[i] != want[i] {
			t.Errorf("problem %d = %+v, want %+v", i, imp.Problems[i], want[i])
		}
	}
}

func FuzzReadUN(f *testing.F) {
	full, err := os.ReadFile(unFile)
	if err != nil {
		f.Fatal(err)
	}
	// Seeds: the file's head, one real individual and one real entity.
	f.Add(full[:4096])
	for _, ref := range []string{"<REFERENCE_NUMBER>QDi.299<", "<REFERENCE_NUMBER>QDe.137<", "<REFERENCE_NUMBER>TAi.002<"} {
		i := bytes.Index(full, []byte(ref))
		start := bytes.LastIndex(full[:i], []byte("<INDIVIDUAL>"))
		if start < 0 || bytes.Contains(full[start:i], []byte("</INDIVIDUAL>")) {
			start = bytes.LastIndex(full[:i], []byte("<ENTITY>"))
		}
		end := i + bytes.Index(full[i:], []byte("</INDIVIDUAL>"))
		if e := bytes.Index(full[i:], []byte("</ENTITY>")); e >= 0 && (end < i || i+e < end) {
			end = i + e
		}
		f.Add(append(append([]byte("<CONSOLIDATED_LIST><INDIVIDUALS>"), full[start:end+14]...), "</INDIVIDUALS></CONSOLIDATED_LIST>"...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := ReadUN(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, e := range imp.Entries {
			if e.ID == "" || len(e.Names) == 0 || e.Names[0].Quality != QualityPrimary {
				t.Fatalf("bad entry %+v", e)
			}
			for _, n := range e.Names {
				if strings.TrimSpace(n.Full) == "" {
					t.Fatalf("empty name in %+v", e)
				}
			}
		}
	})
}

func BenchmarkReadUN(b *testing.B) {
	data, err := os.ReadFile(unFile)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := ReadUN(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
