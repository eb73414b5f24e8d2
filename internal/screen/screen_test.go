package screen

import (
	"strings"
	"sync"
	"testing"

	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// hand-built entries, shaped like the importers' output
func testEntries() []watchlist.Entry {
	return []watchlist.Entry{
		{List: "un", ID: "QDi.006", Kind: watchlist.KindIndividual, Gender: "M",
			Names: []watchlist.Name{
				{Full: "AYMAN MUHAMMED RABIE AL-ZAWAHIRI", Quality: watchlist.QualityPrimary},
				{Full: "Ayman Al-Zawahari", Quality: watchlist.QualityGood},
				{Full: "Abu Mohammed", Quality: watchlist.QualityLow},
			},
			BirthDates:    []watchlist.BirthDate{{Date: "1951-06-19"}},
			Nationalities: []string{"EGY"},
			Documents:     []watchlist.Document{{Type: "passport", Number: "1084010", Country: "EGY"}}},
		{List: "ofac", ID: "6916", Kind: watchlist.KindIndividual,
			Names:      []watchlist.Name{{Full: "Ahmed Mohammed ALI", Quality: watchlist.QualityPrimary}},
			BirthDates: []watchlist.BirthDate{{From: "1965", To: "1967"}}},
		{List: "ofac", ID: "7001", Kind: watchlist.KindIndividual,
			Names:      []watchlist.Name{{Full: "Mohammed ALI", Quality: watchlist.QualityPrimary}},
			BirthDates: []watchlist.BirthDate{{Date: "1970", Approximate: true}}},
		{List: "un", ID: "QDi.037", Kind: watchlist.KindIndividual,
			Names: []watchlist.Name{{Full: "ABDUL RAHMAN YASIN", Quality: watchlist.QualityPrimary}}},
		{List: "ofac", ID: "36", Kind: watchlist.KindEntity,
			Names: []watchlist.Name{{Full: "AEROCARIBBEAN AIRLINES", Quality: watchlist.QualityPrimary}}},
	}
}

func top(t *testing.T, ms []Match) Match {
	t.Helper()
	if len(ms) == 0 {
		t.Fatal("no match")
	}
	return ms[0]
}

func TestScreenFindsSpellings(t *testing.T) {
	s := New(testEntries(), Options{Versions: []ListVersion{{List: "un", Version: "2026-02-27"}}})
	for _, c := range []struct{ q, id string }{
		{"AYMAN ZAWAHRI", "QDi.006"},
		{"ZAWAHIRI/AIMAN MR", "QDi.006"},
		{"أيمن الظواهري", "QDi.006"},
		{"Abdurrahman Yasin", "QDi.037"},
		{"ABD AL-RAHMAN YASSIN", "QDi.037"},
	} {
		m := top(t, s.Screen(Query{Name: c.q}))
		if m.EntryID != c.id || m.Score < DefaultThreshold {
			t.Errorf("%q: got %s %.3f, want %s", c.q, m.EntryID, m.Score, c.id)
		}
		if m.Explanation.Summary == "" || len(m.Explanation.Pairs) == 0 {
			t.Errorf("%q: no explanation", c.q)
		}
	}
	m := top(t, s.Screen(Query{Name: "Ayman Al-Zawahari"}))
	if m.Version != "2026-02-27" || m.MatchedName != "Ayman Al-Zawahari" {
		t.Errorf("version/matched name: %+v", m)
	}
}

func TestExactAliasAlertsWithoutOtherData(t *testing.T) {
	s := New(testEntries(), Options{})
	// a common name, exactly as listed, with nothing else known
	m := top(t, s.Screen(Query{Name: "Mohammed Ali"}))
	if m.EntryID != "7001" || m.Score < DefaultThreshold {
		t.Fatalf("got %s %.3f", m.EntryID, m.Score)
	}
}

func TestBirthDate(t *testing.T) {
	s := New(testEntries(), Options{})
	base := top(t, s.Screen(Query{Name: "Mohammed Ali"})).Score
	// a clear conflict pulls the common-name match below the threshold
	if ms := s.Screen(Query{Name: "Mohammed Ali", BirthDate: "1990-01-01"}); len(ms) > 0 && ms[0].EntryID == "7001" {
		t.Errorf("conflicting date still alerts: %.3f", ms[0].Score)
	}
	// within the approximate year: lifted
	if m := top(t, s.TopK(Query{Name: "Mohammed Ali", BirthDate: "1971-05-02"}, 1)); m.Score <= base {
		t.Errorf("agreeing approximate date did not lift: %.3f <= %.3f", m.Score, base)
	}
	// every listed date counts: range 1965-1967
	m := top(t, s.TopK(Query{Name: "Ahmed Mohammed Ali", BirthDate: "1966"}, 1))
	found := false
	for _, f := range m.Explanation.Fields {
		if f.Field == "birth_date" && f.Delta > 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("range not used: %+v", m.Explanation.Fields)
	}
	// exact date lifts a fuzzy name above the threshold
	fuzzy := s.TopK(Query{Name: "AYMAN ZAWAHRY"}, 1)[0].Score
	withDOB := top(t, s.Screen(Query{Name: "AYMAN ZAWAHRY", BirthDate: "1951-06-19"})).Score
	if withDOB <= fuzzy {
		t.Errorf("exact date: %.3f <= %.3f", withDOB, fuzzy)
	}
}

func TestDocumentDecisive(t *testing.T) {
	s := New(testEntries(), Options{})
	m := top(t, s.Screen(Query{Name: "A ZAWAHRI", Documents: []QueryDocument{{Type: "P", Number: "1084-010", Country: "EGY"}}}))
	if m.EntryID != "QDi.006" || m.Score < 0.99 {
		t.Errorf("document match: %s %.3f", m.EntryID, m.Score)
	}
	// a different passport of the same country is a mild negative
	a := s.TopK(Query{Name: "AYMAN ZAWAHRI"}, 1)[0].Score
	b := s.TopK(Query{Name: "AYMAN ZAWAHRI", Documents: []QueryDocument{{Type: "passport", Number: "A9999999", Country: "EGY"}}}, 1)[0].Score
	if b >= a {
		t.Errorf("different document: %.3f >= %.3f", b, a)
	}
}

func TestGenderAndEntities(t *testing.T) {
	s := New(testEntries(), Options{})
	a := s.TopK(Query{Name: "Ayman Zawahiri"}, 1)[0].Score
	b := s.TopK(Query{Name: "Ayman Zawahiri", Gender: "F"}, 1)[0].Score
	if b >= a {
		t.Errorf("gender clash: %.3f >= %.3f", b, a)
	}
	if ms := s.Screen(Query{Name: "AEROCARIBBEAN AIRLINES"}); len(ms) > 0 {
		t.Errorf("entities screened by default: %+v", ms)
	}
	se := New(testEntries(), Options{IncludeEntities: true})
	if ms := se.Screen(Query{Name: "AEROCARIBBEAN AIRLINES"}); len(ms) == 0 {
		t.Error("IncludeEntities: entity not found")
	}
}

func TestLowQualityAliasCountsLess(t *testing.T) {
	s := New(testEntries(), Options{})
	for _, m := range s.TopK(Query{Name: "Abu Mohammed"}, 5) {
		if m.EntryID == "QDi.006" && m.Explanation.NameQuality != watchlist.QualityLow {
			t.Errorf("matched %q as %s", m.MatchedName, m.Explanation.NameQuality)
		}
		if m.EntryID == "QDi.006" && m.Score >= 0.99 {
			t.Errorf("low-quality alias scored %.3f", m.Score)
		}
	}
}

// Candidate generation is fuzzy itself: a query with no part spelt as in
// the index still finds its entry, and never by scanning the list.
func TestFuzzyCandidates(t *testing.T) {
	s := New(testEntries(), Options{})
	for _, q := range []string{"AIMAN ZAWAHRY", "AYMAN ZAWAHIRIE", "ABDULRAHMAN YASEEN"} {
		qn := QueryName(Query{Name: q})
		qw := make([]float64, len(qn.Tokens))
		for i := range qw {
			qw[i] = 1
		}
		if len(s.candidates(qn, qw)) == 0 {
			t.Errorf("%q: no candidates", q)
		}
	}
	qn := QueryName(Query{Name: "JOHN SMITH"})
	if c := s.candidates(qn, []float64{1, 1}); len(c) != 0 {
		t.Errorf("unrelated query got candidates %v (a scan?)", c)
	}
}

func TestConcurrentScreening(t *testing.T) {
	s := New(testEntries(), Options{})
	want := top(t, s.Screen(Query{Name: "AYMAN ZAWAHRI"}))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if m := s.Screen(Query{Name: "AYMAN ZAWAHRI"}); len(m) == 0 || m[0].Score != want.Score {
					t.Error("concurrent result differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestComparePair(t *testing.T) {
	r := ComparePair("Muhammad Yusuf", "MOHAMMED YOUSSEF", "1980-02-03", "1980-02-03")
	if r.Score < 0.95 || len(r.Fields) != 1 {
		t.Errorf("%+v", r)
	}
	r = ComparePair("Muhammad Yusuf", "MOHAMMED YOUSSEF", "1980", "1990")
	if r.Score >= DefaultThreshold {
		t.Errorf("conflicting dates: %.3f", r.Score)
	}
	if !strings.Contains(r.Summary, "birth year") {
		t.Errorf("summary %q", r.Summary)
	}
}

// Real lists: every alias retrieves its own entry at rank 1 (a smoke
// sample; bench matching measures the full set).
func TestRealListsSample(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the bundled lists")
	}
	s := loadScreener(t)
	for _, c := range []struct{ q, list, id string }{
		{"Usama bin Laden", "ofac", "6365"},
		{"ABUBAKAR ALBAGHDADI", "un", "QDi.299"},
		{"صدام حسين التكريتي", "un", "IQi.001"},
		{"Abdurrahman Yasin", "un", "QDi.037"},
	} {
		found := false
		for _, m := range s.Screen(Query{Name: c.q}) {
			if m.List == c.list && m.EntryID == c.id {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: %s %s not found above threshold; top: %+v", c.q, c.list, c.id, s.TopK(Query{Name: c.q}, 2))
		}
	}
}

// Every primary or good alias of a listed individual, screened exactly as
// listed with nothing else known, alerts on its entry.
func TestEveryGoodAliasAlertsExactly(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the bundled lists")
	}
	s := loadScreener(t)
	fails := 0
	for ri := range s.recs {
		r := &s.recs[ri]
		if r.quality == watchlist.QualityLow {
			continue
		}
		e := &s.entries[r.entry]
		found := false
		for _, m := range s.Screen(Query{Name: r.full}) {
			if m.List == e.List && m.EntryID == e.ID {
				found = true
				break
			}
		}
		if !found {
			if fails++; fails <= 10 {
				t.Errorf("%s %s: alias %q does not alert on its entry; top: %+v", e.List, e.ID, r.full, s.TopK(Query{Name: r.full}, 1))
			}
		}
	}
	if fails > 10 {
		t.Errorf("%d aliases in all", fails)
	}
}

// The script classes of the benchmark: real original-script names match
// the entry's Latin names.
func TestScriptQueriesAcrossScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the bundled lists")
	}
	s := New(latinOnly(loadReal(t)), Options{})
	for _, c := range []struct{ q, list, id string }{
		{"صدام حسين التكريتي", "un", "IQi.001"},
		{"Хусан Исаевич Газиев", "un", "QDi.366"},
	} {
		found := false
		for _, m := range s.Screen(Query{Name: c.q}) {
			if m.List == c.list && m.EntryID == c.id {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: %s %s not found; top: %+v", c.q, c.list, c.id, s.TopK(Query{Name: c.q}, 2))
		}
	}
}
