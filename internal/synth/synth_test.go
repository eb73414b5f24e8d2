package synth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/paxlst"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// apiRec is one passenger of an API list.
type apiRec struct {
	surname, given, flight, seat string
}

// corpus is what the tests read back from a generated world, with
// package edifact only.
type corpus struct {
	w        *World
	stats    Stats
	digest   [32]byte
	files    []File
	pnrLocs  map[string]bool
	phones   map[string][]string // locator -> phone digits
	api      map[string][]apiRec // locator -> API records
	names    []string
	cards    []string
	warnings []string
}

var testWorld = sync.OnceValue(func() *corpus {
	return generate(Config{Seed: 3, Days: 7, Travellers: 1500, Listed: testEntries()}, true)
})

// generate runs a world and reads every file back.
func generate(cfg Config, keep bool) *corpus {
	c := &corpus{w: New(cfg), pnrLocs: map[string]bool{}, phones: map[string][]string{}, api: map[string][]apiRec{}}
	h := sha256.New()
	st, err := c.w.Each(context.Background(), func(f File) error {
		h.Write([]byte(f.Name))
		h.Write(f.Data)
		if !keep {
			return nil
		}
		c.files = append(c.files, f)
		ef, err := edifact.ReadFile(f.Data)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		for _, w := range ef.Warnings {
			c.warnings = append(c.warnings, f.Name+": "+w.String())
		}
		for _, m := range ef.Messages() {
			c.read(m)
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
	c.stats = st
	copy(c.digest[:], h.Sum(nil))
	return c
}

func (c *corpus) read(m *edifact.Message) {
	var loc, flight, depDate string
	var rec *apiRec
	flush := func() {
		if rec != nil && loc != "" {
			c.api[loc] = append(c.api[loc], *rec)
		}
		rec, loc = nil, ""
	}
	for _, s := range m.Segments {
		switch s.Tag {
		case "RCI":
			loc = s.Value(0, 1)
			c.pnrLocs[loc] = true
		case "SSR":
			if s.Value(0, 0) == "CTCM" {
				c.phones[loc] = append(c.phones[loc], digitsOnly(s.Value(0, 8)))
			}
		case "TIF":
			c.names = append(c.names, s.Value(0, 0), s.Value(1, 0))
		case "FOP":
			if s.Value(0, 0) == "CC" {
				c.cards = append(c.cards, s.Value(0, 4))
			}
		case "TDT":
			flight = s.Value(1, 0)
		case "DTM":
			if s.Value(0, 0) == "189" {
				depDate = s.Value(0, 1)
			}
		case "NAD":
			if s.Value(0, 0) == "FL" {
				flush()
				rec = &apiRec{surname: s.Value(3, 0), given: strings.Join(s.Elem(3)[1:], " "), flight: flight + "/" + depDate}
				c.names = append(c.names, s.Elem(3)...)
			}
		case "RFF":
			if s.Value(0, 0) == "AVF" && m.Type == "PAXLST" {
				loc = s.Value(0, 1)
			}
			if s.Value(0, 0) == "SEA" && rec != nil {
				rec.seat = s.Value(0, 1)
			}
		}
	}
	if m.Type == "PAXLST" {
		flush()
	}
}

// digitsOnly keeps the digits of a phone, dropping an international 00.
func digitsOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return strings.TrimPrefix(b.String(), "00")
}

// apiKey is how a truth flight appears in the API list: designator and
// local departure YYMMDDHHMM.
func apiKey(f Flight) string {
	t, _ := time.Parse("2006-01-02T15:04", f.Departure)
	return f.Carrier + f.Number + "/" + t.Format("0601021504")
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 42, Days: 3, Travellers: 600, Listed: testEntries()}
	a := generate(cfg, false)
	b := generate(cfg, false)
	if a.digest != b.digest {
		t.Fatal("same seed produced different output")
	}
	if a.stats != b.stats {
		t.Fatalf("same seed, different stats: %+v vs %+v", a.stats, b.stats)
	}
	cfg.Seed = 43
	if c := generate(cfg, false); c.digest == a.digest {
		t.Fatal("different seeds produced the same output")
	}
	// The order of the watchlist entries must not matter.
	cfg.Seed = 42
	rev := slices.Clone(cfg.Listed)
	slices.Reverse(rev)
	cfg.Listed = rev
	if d := generate(cfg, false); d.digest != a.digest {
		t.Fatal("reordering the watchlist changed the output")
	}
}

func TestEnvelopes(t *testing.T) {
	c := testWorld()
	if len(c.warnings) > 0 {
		t.Fatalf("%d envelope warnings, first: %s", len(c.warnings), c.warnings[0])
	}
	if c.stats.Files < 500 || c.stats.Messages < c.stats.Files {
		t.Fatalf("too little output: %+v", c.stats)
	}
	prev := ""
	nMsgs := 0
	for _, f := range c.files {
		if f.Name <= prev {
			t.Fatalf("files out of order: %s after %s", f.Name, prev)
		}
		prev = f.Name
		if !strings.HasPrefix(f.Name, f.Time.Format("20060102T1504Z")+"-"+f.Kind+"-") {
			t.Errorf("name %s does not start with its time and kind", f.Name)
		}
		ef, err := edifact.ReadFile(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ef.Messages()); got != f.Messages {
			t.Errorf("%s: %d messages, File says %d", f.Name, got, f.Messages)
		}
		nMsgs += f.Messages
		for _, m := range ef.Messages() {
			want := map[string]string{"api": "PAXLST", "pnr": "PNRGOV"}[f.Kind]
			if m.Type != want || (want == "PAXLST" && m.VersionString() != "D:05B") || (want == "PNRGOV" && m.VersionString() != "13:1") {
				t.Errorf("%s: message %s %s", f.Name, m.Type, m.VersionString())
			}
		}
	}
	if nMsgs != c.stats.Messages {
		t.Errorf("stats say %d messages, files hold %d", c.stats.Messages, nMsgs)
	}
}

// TestPAXLSTParses reads every API list with the PAXLST parser: no error,
// no count warning, every traveller with a document.
func TestPAXLSTParses(t *testing.T) {
	c := testWorld()
	for _, f := range c.files {
		if f.Kind != "api" {
			continue
		}
		ef, _ := edifact.ReadFile(f.Data)
		for _, m := range ef.Messages() {
			pm, err := paxlst.ParseMessage(m, message.ParseOptions{})
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if len(pm.Warnings) > 0 {
				t.Fatalf("%s: warnings %q", f.Name, pm.Warnings)
			}
			if len(pm.Flights) != 1 || pm.Flights[0].Departure == "" || pm.Flights[0].Arrival == "" {
				t.Fatalf("%s: flights %+v", f.Name, pm.Flights)
			}
			for _, tr := range pm.Travellers {
				if len(tr.Documents) != 1 || tr.Documents[0].Number == "" || tr.BirthDate == "" || tr.Nationality == "" {
					t.Fatalf("%s: traveller %+v", f.Name, tr)
				}
			}
		}
	}
}

// TestDecodeRoundTrip runs TestDecodeAll (decode.Decode on every file)
// in a child go test with the synthdecode tag, so that this package's
// tests still build while the parser packages are being edited; it skips
// only when they do not compile.
func TestDecodeRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	if out, err := exec.Command(goBin, "build", "github.com/chokepoint/chokepoint/internal/decode").CombinedOutput(); err != nil {
		t.Skipf("parser packages do not compile: %s", firstLine(out))
	}
	out, err := exec.Command(goBin, "test", "-tags", "synthdecode", "-run", "^TestDecodeAll$", "-count=1", "-v", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("round trip failed:\n%s", out)
	}
	t.Logf("%s", lastLines(out, 4))
}

func firstLine(b []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(b), []byte("\n"))
	return string(line)
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func TestGroundTruth(t *testing.T) {
	c := testWorld()
	gt := c.w.GroundTruth(&c.stats)
	byType := map[string]int{}
	for _, sc := range gt.Scenarios {
		byType[sc.Type]++
	}
	for _, typ := range ScenarioTypes {
		if byType[typ] < 2 {
			t.Errorf("scenario %s: %d instances, want several", typ, byType[typ])
		}
	}
	if gt.Ordinary.Travellers != 1500 || c.stats.OrdinaryTravellers != 1500 {
		t.Errorf("ordinary travellers %d / %d, want 1500", gt.Ordinary.Travellers, c.stats.OrdinaryTravellers)
	}
	for _, tr := range gt.Travellers {
		if len(tr.RecordLocators) == 0 || len(tr.Flights) == 0 {
			t.Errorf("%s: no booking", tr.ID)
			continue
		}
		for _, f := range tr.Flights {
			if !f.InPeriod {
				continue
			}
			if !c.pnrLocs[f.RecordLocator] {
				t.Errorf("%s: locator %s not in any PNR push", tr.ID, f.RecordLocator)
			}
			if f.NoShow {
				continue // the unflown return of a short-return ticket
			}
			found := false
			for _, a := range c.api[f.RecordLocator] {
				if a.flight == apiKey(f) && a.surname == tr.DocSurname {
					found = true
				}
			}
			if !found {
				t.Errorf("%s (%s): not in the API list of %s with locator %s", tr.ID, tr.DocSurname, apiKey(f), f.RecordLocator)
			}
		}
	}
	for _, sc := range gt.Scenarios {
		switch sc.Type {
		case ScenarioBrokenTravel:
			if len(sc.Legs) != 1 {
				t.Errorf("%s: %d legs", sc.Instance, len(sc.Legs))
				continue
			}
			l := sc.Legs[0]
			arr, _ := time.Parse("2006-01-02T15:04", l.Arrival.Arrival)
			dep, _ := time.Parse("2006-01-02T15:04", l.Onward.Departure)
			if l.Arrival.RecordLocator == l.Onward.RecordLocator {
				t.Errorf("%s: same record locator on both legs", sc.Instance)
			}
			if gap := dep.Sub(arr); gap <= 0 || gap > 72*time.Hour || l.GapHours > 72 {
				t.Errorf("%s: onward flight %v after arrival", sc.Instance, gap)
			}
			if l.Arrival.Destination != "IST" && l.Arrival.Destination != "SAW" {
				t.Errorf("%s: arrival at %s", sc.Instance, l.Arrival.Destination)
			}
			if !slices.Contains(borderAirports, l.Onward.Destination) {
				t.Errorf("%s: onward to %s", sc.Instance, l.Onward.Destination)
			}
			for _, tr := range gt.Travellers {
				if tr.ID != l.Traveller {
					continue
				}
				var flown []Flight
				for _, f := range tr.Flights {
					if !f.NoShow {
						flown = append(flown, f)
					}
				}
				if last := flown[len(flown)-1]; last.Destination != l.Onward.Destination || last.RecordLocator != l.Onward.RecordLocator {
					t.Errorf("%s: flies on after the border: %+v", sc.Instance, last)
				}
			}
		case ScenarioFacilitator:
			ph := strings.TrimPrefix(sc.Phones[0], "+")
			n := 0
			for loc, list := range c.phones {
				if slices.Contains(list, ph) && slices.Contains(sc.RecordLocators, loc) {
					n++
				}
			}
			if n < 3 {
				t.Errorf("%s: phone %s on %d bookings", sc.Instance, ph, n)
			}
		case ScenarioGrowingGroup, ScenarioAgencyNetwork:
			if sc.Agency == nil || len(sc.RecordLocators) < 3 {
				t.Errorf("%s: agency %v, %d bookings", sc.Instance, sc.Agency, len(sc.RecordLocators))
			}
		}
	}
}

var nameRE = regexp.MustCompile(`^[A-Z][A-Z '-]*[A-Z]$|^[A-Z]$`)

func TestNamesPlausible(t *testing.T) {
	c := testWorld()
	if len(c.names) < 1000 {
		t.Fatalf("only %d names", len(c.names))
	}
	for _, n := range c.names {
		if n == "" {
			continue
		}
		if !nameRE.MatchString(n) || strings.Contains(n, "  ") {
			t.Fatalf("implausible name %q", n)
		}
	}
	for _, tr := range c.w.GroundTruth(nil).Travellers {
		for _, n := range []string{tr.Surname, tr.GivenNames, tr.DocSurname, tr.DocGivenNames} {
			if n != "" && !nameRE.MatchString(n) {
				t.Errorf("%s: implausible name %q", tr.ID, n)
			}
		}
	}
}

func TestCardsPassLuhn(t *testing.T) {
	c := testWorld()
	if len(c.cards) == 0 {
		t.Fatal("no card payment")
	}
	for _, n := range c.cards {
		if !luhnValid(n) || len(n) < 15 {
			t.Fatalf("card %s fails Luhn", n)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Şükrü Öztürk": "SUKRU OZTURK", "Işık": "ISIK", "İbrahim": "IBRAHIM", "Hodžić": "HODZIC",
		"Đorđević": "DJORDJEVIC", "O'Brien": "O'BRIEN", "Lefèvre": "LEFEVRE", "van den Berg": "VAN DEN BERG",
		"Diya’ al-Rahman": "DIYA' AL-RAHMAN", "Dr. Shahab": "DR SHAHAB",
	} {
		if got := foldPNR(in); got != want {
			t.Errorf("foldPNR(%q) = %q, want %q", in, got, want)
		}
	}
	if got := foldMRZ("Müller Jördis Åberg"); got != "MUELLER JOERDIS AABERG" {
		t.Errorf("foldMRZ = %q", got)
	}
}

func TestEscaping(t *testing.T) {
	w := newEdiWriter(nil)
	w.unb("UNOA", "4", "S", "", "R", "", "260302", "1000", "1", "APP")
	w.unh("1", "PAXLST", "D", "05B", "UN", "IATA", "")
	vals := []string{"O'NEILL", "A+B", "X:Y", "Q?", "?", "END?'"}
	w.seg("FTX").els(vals...).end()
	w.seg("FTX").el("A").co("").co("").el("").end() // trailing empties trimmed
	w.unt()
	w.unz()
	f, err := edifact.ReadFile(w.buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) > 0 {
		t.Fatalf("warnings: %v\n%s", f.Warnings, w.buf)
	}
	m := f.Messages()[0]
	seg := m.Segments[0]
	for i, v := range vals {
		if got := seg.Value(i, 0); got != v {
			t.Errorf("element %d: %q, want %q", i, got, v)
		}
	}
	if !bytes.Contains(w.buf, []byte("FTX+A'")) {
		t.Errorf("trailing empty elements kept:\n%s", w.buf)
	}
}

func TestLocatorsUnique(t *testing.T) {
	w := New(Config{Seed: 9, Days: 1, Travellers: -1, NoPlanted: true})
	seen := map[string]bool{}
	for _, ns := range []uint32{0, 1} {
		is := w.newIssuer(ns)
		for range 200_000 {
			l := is.locator()
			if seen[l] || len(l) != 6 {
				t.Fatalf("locator %q repeated or malformed", l)
			}
			seen[l] = true
		}
	}
}

func TestTimezones(t *testing.T) {
	s := buildSchedule()
	lhr := s.airportBy["LHR"].tz
	winter := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 2, 12, 0, 0, 0, time.UTC)
	if lhr.offsetAt(winter) != 0 || lhr.offsetAt(summer) != time.Hour {
		t.Errorf("LHR offsets %v %v", lhr.offsetAt(winter), lhr.offsetAt(summer))
	}
	ist := s.airportBy["IST"].tz
	if ist.offsetAt(summer) != 3*time.Hour {
		t.Errorf("IST offset %v", ist.offsetAt(summer))
	}
	// A flight's arrival is after its departure in UTC, and local times
	// differ by the duration plus the offset change.
	for i := range s.routes {
		ft := s.times(flightKey{i, dayIndex(winter)})
		if !ft.arrUTC.After(ft.depUTC) {
			t.Fatalf("route %d arrives before it leaves", i)
		}
	}
}

func TestNoEntriesNoListed(t *testing.T) {
	w := New(Config{Seed: 1, Days: 3, Travellers: 100})
	gt := w.GroundTruth(nil)
	if gt.Planted.Listed != 0 || gt.Planted.DecoyNamesake != 0 || gt.Planted.BrokenTravel == 0 {
		t.Errorf("planted %+v", gt.Planted)
	}
	w = New(Config{Seed: 1, Days: 3, Travellers: 100, NoPlanted: true})
	if n := len(w.GroundTruth(nil).Travellers); n != 0 {
		t.Errorf("NoPlanted planted %d travellers", n)
	}
}

func TestMessagesIteratorStops(t *testing.T) {
	w := New(Config{Seed: 5, Days: 2, Travellers: 300})
	n := 0
	for f, err := range w.Messages(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "" {
			t.Fatal("empty file")
		}
		n++
		if n == 10 {
			break
		}
	}
	if n != 10 {
		t.Fatalf("got %d files", n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var last error
	for _, err := range w.Messages(ctx) {
		last = err
	}
	if !errors.Is(last, context.Canceled) {
		t.Fatalf("cancelled run ended with %v", last)
	}
}

// jaroWinkler is an independent string similarity for the closeness test.
func jaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	win := max(la, lb)/2 - 1
	win = max(win, 0)
	ma, mb := make([]bool, la), make([]bool, lb)
	m := 0
	for i := 0; i < la; i++ {
		for j := max(0, i-win); j < min(lb, i+win+1); j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	tr, k := 0, 0
	for i := 0; i < la; i++ {
		if ma[i] {
			for !mb[k] {
				k++
			}
			if a[i] != b[k] {
				tr++
			}
			k++
		}
	}
	fm := float64(m)
	j := (fm/float64(la) + fm/float64(lb) + (fm-float64(tr)/2)/fm) / 3
	p := 0
	for p < min(4, la, lb) && a[p] == b[p] {
		p++
	}
	return j + float64(p)*0.1*(1-j)
}

// closeTo reports whether every token of a travelling name resembles a
// token, or a run of consecutive tokens, of a listed name.
func closeTo(name string, listed []string) bool {
	strip := func(s string) string { return strings.NewReplacer("-", "", "'", "", " ", "").Replace(s) }
	for _, l := range listed {
		lt := strings.Fields(strings.NewReplacer("-", " ").Replace(cleanName(l)))
		ok := true
		for _, tok := range strings.Fields(strings.NewReplacer("-", " ").Replace(name)) {
			best := 0.0
			for i := range lt {
				for j := i + 1; j <= min(len(lt), i+3); j++ {
					best = max(best, jaroWinkler(strip(tok), strip(strings.Join(lt[i:j], ""))))
				}
			}
			if best < 0.75 && len(tok) > 2 {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func checkListedClose(t *testing.T, entries []watchlist.Entry, gt GroundTruth) int {
	byID := map[string]*watchlist.Entry{}
	for i := range entries {
		byID[entries[i].List+"/"+entries[i].ID] = &entries[i]
	}
	n := 0
	for _, tr := range gt.Travellers {
		if tr.Listed == nil {
			continue
		}
		e := byID[tr.Listed.List+"/"+tr.Listed.ID]
		if e == nil {
			t.Errorf("%s: entry %s/%s not in the list", tr.ID, tr.Listed.List, tr.Listed.ID)
			continue
		}
		var names []string
		for _, nm := range e.Names {
			names = append(names, nm.Full)
		}
		for _, full := range []string{tr.GivenNames + " " + tr.Surname, tr.DocGivenNames + " " + tr.DocSurname} {
			if !closeTo(full, names) {
				t.Errorf("%s: %q is not close to %q (%v)", tr.ID, full, names, tr.Listed.Variations)
			}
		}
		if tr.Scenario == ScenarioListed {
			n++
			if tr.Listed.ListedBirthDate && !slices.ContainsFunc(e.BirthDates, func(b watchlist.BirthDate) bool { return b.Date == tr.BirthDate }) {
				t.Errorf("%s: birth date %s said listed", tr.ID, tr.BirthDate)
			}
		}
	}
	return n
}

func TestListedNamesClose(t *testing.T) {
	c := testWorld()
	gt := c.w.GroundTruth(nil)
	if n := checkListedClose(t, testEntries(), gt); n < 4 {
		t.Errorf("%d listed travellers", n)
	}
	// Some partial data: at least one name-only PNR and one listed birth
	// date over a few seeds.
	var noDocs, bdate, doc int
	for seed := int64(1); seed <= 6; seed++ {
		for _, tr := range New(Config{Seed: seed, Days: 5, Travellers: 10, Listed: testEntries()}).GroundTruth(nil).Travellers {
			if tr.Scenario != ScenarioListed {
				continue
			}
			if !tr.DocsInPNR {
				noDocs++
			}
			if tr.Listed.ListedBirthDate {
				bdate++
			}
			if tr.Listed.ListedDocument {
				doc++
			}
		}
	}
	if noDocs == 0 || bdate == 0 || doc == 0 {
		t.Errorf("partial data missing: %d name-only, %d listed birth dates, %d listed documents", noDocs, bdate, doc)
	}
}

// TestRealUNList plants from the real UN consolidated list when the
// watchlist importer can read it.
func TestRealUNList(t *testing.T) {
	const path = "../../testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml"
	if _, err := os.Stat(path); err != nil {
		t.Skip("UN list not present")
	}
	imp, err := watchlist.Load("un:" + path)
	if err != nil {
		t.Skipf("watchlist importer cannot read the UN list: %v", err)
	}
	w := New(Config{Seed: 17, Days: 7, Travellers: 50, Listed: imp.Entries})
	gt := w.GroundTruth(nil)
	if gt.Planted.Listed != DefaultCounts.Listed || gt.Planted.DecoyNamesake != DefaultCounts.DecoyNamesake {
		t.Fatalf("planted %+v", gt.Planted)
	}
	if n := checkListedClose(t, imp.Entries, gt); n != DefaultCounts.Listed {
		t.Errorf("%d listed travellers", n)
	}
	for _, tr := range gt.Travellers {
		if tr.Listed != nil {
			t.Logf("%s %-14s %s/%s %q -> PNR %q %q, doc %q %q %v", tr.Role, tr.Listed.ID, tr.Listed.List, tr.Nationality,
				tr.Listed.Name, tr.Surname, tr.GivenNames, tr.DocSurname, tr.DocGivenNames, tr.Listed.Variations)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	w := New(Config{Seed: 1, Days: 7, Travellers: 5000})
	var msgs, bytes int64
	b.ResetTimer()
	for range b.N {
		st, err := w.Each(context.Background(), func(File) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		msgs += int64(st.Messages)
		bytes += st.Bytes
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(msgs)/sec, "msgs/s")
	b.ReportMetric(float64(bytes)/sec/1e6, "MB/s")
	b.ReportMetric(float64(msgs)/float64(b.N), "msgs/op")
}
