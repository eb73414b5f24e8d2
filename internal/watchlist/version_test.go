package watchlist

import (
	"strings"
	"testing"
)

func TestEntryDigest(t *testing.T) {
	a := Entry{List: "x", ID: "1", Kind: KindIndividual,
		Names:         []Name{{Full: "A B", Quality: QualityPrimary}, {Full: "C", Quality: QualityGood}, {Full: "D", Quality: QualityLow}},
		BirthDates:    []BirthDate{{Date: "1970"}, {From: "1960", To: "1962"}},
		Nationalities: []string{"SYR", "IRQ"},
		Documents:     []Document{{Type: "passport", Number: "1"}, {Type: "passport", Number: "2"}},
		Programs:      []string{"P1", "P2"},
	}
	b := a
	b.Names = []Name{a.Names[0], a.Names[2], a.Names[1]}
	b.BirthDates = []BirthDate{a.BirthDates[1], a.BirthDates[0]}
	b.Nationalities = []string{"IRQ", "SYR"}
	b.Documents = []Document{a.Documents[1], a.Documents[0]}
	b.Programs = []string{"P2", "P1"}
	if EntryDigest(a) != EntryDigest(b) {
		t.Error("digest depends on the order of aliases, dates, nationalities, documents or programs")
	}
	if a.Names[1].Full != "C" || a.Nationalities[0] != "SYR" {
		t.Error("EntryDigest changed its argument")
	}
	for name, change := range map[string]func(e *Entry){
		"primary swapped": func(e *Entry) { e.Names = []Name{a.Names[1], a.Names[0], a.Names[2]} },
		"alias quality":   func(e *Entry) { e.Names = []Name{a.Names[0], a.Names[1], {Full: "D", Quality: QualityGood}} },
		"date":            func(e *Entry) { e.BirthDates = []BirthDate{{Date: "1971"}, a.BirthDates[1]} },
		"approximate":     func(e *Entry) { e.BirthDates = []BirthDate{{Date: "1970", Approximate: true}, a.BirthDates[1]} },
		"gender":          func(e *Entry) { e.Gender = "M" },
		"remarks":         func(e *Entry) { e.Remarks = "x" },
	} {
		c := a
		change(&c)
		if EntryDigest(c) == EntryDigest(a) {
			t.Errorf("%s: digest unchanged", name)
		}
	}
}

func TestDiff(t *testing.T) {
	e := func(id, name string) Entry {
		return Entry{ID: id, Names: []Name{{Full: name, Quality: QualityPrimary}}}
	}
	ch := Diff([]Entry{e("3", "C"), e("1", "A"), e("2", "B")}, []Entry{e("2", "B2"), e("4", "D"), e("1", "A"), e("10", "E")})
	if strings.Join(ch.Added, ",") != "10,4" || strings.Join(ch.Changed, ",") != "2" || strings.Join(ch.Removed, ",") != "3" {
		t.Errorf("Diff = %+v", ch)
	}
	if ch := Diff(nil, nil); ch.Added != nil || ch.Changed != nil || ch.Removed != nil {
		t.Errorf("Diff(nil, nil) = %+v", ch)
	}
}

// TestDiffOFAC versions the real OFAC list from 2022-01-31 to 2024-05-03.
// Both sides are read from sdn.csv alone (the 2024 set has no alt.csv),
// so aliases do not show as changes.
func TestDiffOFAC(t *testing.T) {
	prev, err := ReadOFAC(sdnOnlyDir(t, ofac2022))
	if err != nil {
		t.Fatal(err)
	}
	next := fullLists(t)["ofac2024"]
	ch := Diff(prev.Entries, next.Entries)
	t.Logf("2022-01-31 (%d entries) -> 2024-05-03 (%d entries): %d added, %d changed, %d removed",
		len(prev.Entries), len(next.Entries), len(ch.Added), len(ch.Changed), len(ch.Removed))
	// Entries only grow by what is added and shrink by what is removed.
	if len(prev.Entries)+len(ch.Added)-len(ch.Removed) != len(next.Entries) {
		t.Errorf("counts do not add up")
	}
	// Measured: 6,414 added, 684 changed, 492 removed. The list grew by
	// about 5,900 entries in those two years (mostly Russia-related
	// programs after 2022-02). Changes are real edits: programs renamed
	// (SDNTK ILLICIT-DRUGS-EO -> ILLICIT-DRUGS-EO14059), "Secondary
	// sanctions risk" remarks added, dates and documents added.
	if len(ch.Added) != 6414 || len(ch.Changed) != 684 || len(ch.Removed) != 492 {
		t.Errorf("Diff: %d added, %d changed, %d removed; want 6414, 684, 492", len(ch.Added), len(ch.Changed), len(ch.Removed))
	}
	has := func(list []string, id string) bool {
		for _, x := range list {
			if x == id {
				return true
			}
		}
		return false
	}
	// The 2022 file's last row, dropped there for reusing ent_num 2677,
	// is in 2024 under its own ent_num 34489: added.
	if !has(ch.Added, "34489") {
		t.Error("34489 not added")
	}
	// AL-ZOMOR (2677) is unchanged.
	if has(ch.Changed, "2677") || has(ch.Removed, "2677") {
		t.Error("2677 reported changed or removed")
	}
}
