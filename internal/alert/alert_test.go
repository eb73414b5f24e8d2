package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

var ctx = context.Background()

// The store serves the workflow, and the pipeline's transaction can raise.
var (
	_ Store  = (*store.Store)(nil)
	_ Raiser = (*store.Tx)(nil)
	_ Raiser = (*store.Store)(nil)
)

// fixture is a store with one flight and one traveller on it.
type fixture struct {
	st     *store.Store
	flight int64
	ident  int64
	ft     *store.FlightTraveller
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.Open(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fx := &fixture{st: st}
	fx.flight = fx.addFlight(t, message.Flight{Carrier: "TK", Number: "1970", Origin: "IST", Destination: "GZT",
		Departure: "2026-11-22T08:00", Arrival: "2026-11-22T09:30"})
	if fx.ident, err = st.SaveIdentity(ctx, store.Identity{Names: []store.PersonName{{Surname: "DOE", Given: "JOHN"}}}, nil); err != nil {
		t.Fatal(err)
	}
	fx.ft = fx.addTraveller(t, fx.flight, fx.ident, message.Traveller{Role: message.RolePassenger, Surname: "DOE",
		GivenNames: "JOHN", BirthDate: "1980-02-03", Nationality: "TUR",
		Documents: []message.Document{{Type: "V", Number: "V1"}, {Type: "P", Number: "U123", IssuingCountry: "TUR"}}})
	return fx
}

func (fx *fixture) addFlight(t *testing.T, f message.Flight) int64 {
	t.Helper()
	id, err := fx.st.UpsertFlight(ctx, 0, f)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (fx *fixture) addTraveller(t *testing.T, flight, ident int64, tr message.Traveller) *store.FlightTraveller {
	t.Helper()
	ft := &store.FlightTraveller{FlightID: flight, IdentityID: ident, Traveller: tr, RecordLocator: "ABC123", Seat: "12A"}
	if err := fx.st.PutFlightTraveller(ctx, ft); err != nil {
		t.Fatal(err)
	}
	return ft
}

// raise raises a watchlist alert for the fixture's traveller on flight.
func (fx *fixture) raise(t *testing.T, flight int64, ft *store.FlightTraveller, entry string, score float64, severity string) *store.Alert {
	t.Helper()
	a := &store.Alert{IdentityID: ft.IdentityID, FlightTravellerID: ft.ID, FlightID: flight, Cause: store.CauseWatchlist,
		List: "un", EntryID: entry, Severity: severity, Priority: 2,
		Explanation: json.RawMessage(fmt.Sprintf(`{"score":%g,"matched_name":"DOE JOHN"}`, score))}
	if _, err := Raise(ctx, fx.st, a, "pipeline"); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestNextTable(t *testing.T) {
	statuses := []string{store.AlertNew, store.AlertInReview, store.AlertConfirmed, store.AlertDismissed}
	actions := []Action{Review, Confirm, Dismiss}
	// want[from][action] is "to" (with "!" when a reason is required), or
	// "" when forbidden.
	want := map[string]map[Action]string{
		store.AlertNew:       {Review: "in_review", Dismiss: "dismissed!"},
		store.AlertInReview:  {Confirm: "confirmed!", Dismiss: "dismissed!"},
		store.AlertConfirmed: {Review: "in_review!"},
		store.AlertDismissed: {Review: "in_review!"},
	}
	for _, from := range statuses {
		for _, act := range actions {
			to, reason, err := Next(from, act)
			got := to
			if reason {
				got += "!"
			}
			if w := want[from][act]; got != w {
				t.Errorf("Next(%s, %s) = %q, want %q", from, act, got, w)
			}
			if want[from][act] == "" {
				var te *TransitionError
				if !errors.As(err, &te) || !errors.Is(err, ErrForbidden) || te.From != from {
					t.Errorf("Next(%s, %s) error = %v", from, act, err)
				}
			} else if err != nil {
				t.Errorf("Next(%s, %s): %v", from, act, err)
			}
		}
	}
	if _, _, err := Next("closed", Review); !errors.Is(err, ErrForbidden) {
		t.Errorf("unknown status: %v", err)
	}
	if got := fmt.Sprint(Allowed(store.AlertInReview)); got != "[confirm dismiss]" {
		t.Errorf("Allowed(in_review) = %s", got)
	}
	if len(Allowed(store.AlertConfirmed)) != 1 {
		t.Errorf("Allowed(confirmed) = %v", Allowed(store.AlertConfirmed))
	}
	if _, err := ParseAction("approve"); err == nil {
		t.Error("ParseAction accepted approve")
	}
}

func TestDecide(t *testing.T) {
	fx := newFixture(t)
	svc := New(fx.st)
	a := fx.raise(t, fx.flight, fx.ft, "E1", 0.9, "high")

	step := func(act Action, reason string, want error, wantStatus string) {
		t.Helper()
		got, err := svc.Decide(ctx, a.ID, act, "analyst:ann", reason)
		if want != nil {
			if !errors.Is(err, want) {
				t.Fatalf("%s with %q: err = %v, want %v", act, reason, err, want)
			}
		} else if err != nil {
			t.Fatalf("%s with %q: %v", act, reason, err)
		}
		cur, err := fx.st.Alert(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if cur.Status != wantStatus || want == nil && got.Status != wantStatus {
			t.Fatalf("%s: status = %s (returned %s), want %s", act, cur.Status, got.Status, wantStatus)
		}
	}
	step(Confirm, "looks right", ErrForbidden, store.AlertNew) // no confirmation without review
	step(Review, "", nil, store.AlertInReview)
	step(Review, "again", ErrForbidden, store.AlertInReview)
	step(Confirm, "   ", ErrReasonRequired, store.AlertInReview)
	step(Dismiss, "", ErrReasonRequired, store.AlertInReview)
	step(Confirm, strings.Repeat("x", MaxReason+1), store.ErrInvalid, store.AlertInReview)
	step(Confirm, " passport number equals listed document ", nil, store.AlertConfirmed)
	step(Dismiss, "changed my mind", ErrForbidden, store.AlertConfirmed)
	step(Review, "", ErrReasonRequired, store.AlertConfirmed) // reopening needs a reason
	step(Review, "new information from liaison", nil, store.AlertInReview)
	step(Dismiss, "different birth date", nil, store.AlertDismissed)

	if _, err := svc.Decide(ctx, 999, Review, "analyst:ann", ""); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown alert: %v", err)
	}
	if _, err := svc.Decide(ctx, a.ID, Review, " ", "x"); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("no actor: %v", err)
	}

	// The history: who, when, from, to, why.
	evs, err := fx.st.AlertEvents(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, e := range evs {
		if e.At.IsZero() {
			t.Errorf("event without time: %+v", e)
		}
		trail = append(trail, fmt.Sprintf("%s %s>%s %s", e.Actor, e.From, e.To, e.Reason))
	}
	wantTrail := []string{
		"pipeline >new raised",
		"analyst:ann new>in_review ",
		"analyst:ann in_review>confirmed passport number equals listed document",
		"analyst:ann confirmed>in_review new information from liaison",
		"analyst:ann in_review>dismissed different birth date",
	}
	if fmt.Sprint(trail) != fmt.Sprint(wantTrail) {
		t.Fatalf("events:\n%s\nwant:\n%s", strings.Join(trail, "\n"), strings.Join(wantTrail, "\n"))
	}
	// The audit log has the same changes, and the chain holds.
	recs, err := fx.st.AuditLog(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var audit []string
	for _, r := range recs {
		if r.Object == fmt.Sprintf("alert:%d", a.ID) {
			audit = append(audit, r.Actor+" "+r.Action+" "+r.Detail+" "+r.Purpose)
		}
	}
	wantAudit := []string{
		"analyst:ann alert.status new->in_review ",
		"analyst:ann alert.status in_review->confirmed passport number equals listed document",
		"analyst:ann alert.status confirmed->in_review new information from liaison",
		"analyst:ann alert.status in_review->dismissed different birth date",
	}
	if fmt.Sprint(audit) != fmt.Sprint(wantAudit) {
		t.Fatalf("audit:\n%s\nwant:\n%s", strings.Join(audit, "\n"), strings.Join(wantAudit, "\n"))
	}
	if _, err := fx.st.VerifyAudit(ctx); err != nil {
		t.Fatal(err)
	}
}

// staleStore changes the alert behind the workflow's back between its read
// and its write, as a concurrent analyst would.
type staleStore struct {
	*store.Store
	once bool
}

func (s *staleStore) TransitionAlert(ctx context.Context, id int64, from, to, actor, reason string) error {
	if !s.once {
		s.once = true
		if err := s.Store.TransitionAlert(ctx, id, from, store.AlertDismissed, "analyst:other", "false positive"); err != nil {
			return err
		}
	}
	return s.Store.TransitionAlert(ctx, id, from, to, actor, reason)
}

func TestDecideConflict(t *testing.T) {
	fx := newFixture(t)
	a := fx.raise(t, fx.flight, fx.ft, "E1", 0.9, "high")
	svc := New(&staleStore{Store: fx.st})
	if _, err := svc.Decide(ctx, a.ID, Review, "analyst:ann", ""); !errors.Is(err, ErrConflict) {
		t.Fatalf("concurrent change: %v", err)
	}
	cur, _ := fx.st.Alert(ctx, a.ID)
	if cur.Status != store.AlertDismissed {
		t.Fatalf("status = %s; the other analyst's decision must stand", cur.Status)
	}
}

func TestDetailAudited(t *testing.T) {
	fx := newFixture(t)
	svc := New(fx.st)
	a := fx.raise(t, fx.flight, fx.ft, "E1", 0.9, "high")
	d, err := svc.Detail(ctx, a.ID, "analyst:ann", "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Alert.ID != a.ID || d.Alert.Flight != "TK1970 2026-11-22 IST-GZT" || d.Flight == nil || d.Flight.Arrival != "2026-11-22T09:30" ||
		d.Traveller == nil || d.Traveller.Data.Surname != "DOE" || d.Traveller.Data.BirthDate != "1980-02-03" ||
		d.Traveller.RecordLocator != "ABC123" || len(d.Events) != 1 || d.Events[0].To != store.AlertNew ||
		fmt.Sprint(d.Allowed) != "[review dismiss]" || !strings.Contains(string(d.Alert.Explanation), `"score":0.9`) {
		t.Fatalf("detail = %+v", d)
	}
	if _, err := svc.Detail(ctx, a.ID, "analyst:bob", "case 2026/17"); err != nil {
		t.Fatal(err)
	}
	recs, _ := fx.st.AuditLog(ctx, 0, 1000)
	var reads []string
	for _, r := range recs {
		if r.Action == "alert.read" {
			reads = append(reads, r.Actor+" "+r.Object+" "+r.Purpose)
		}
	}
	want := fmt.Sprintf("[analyst:ann alert:%d alert review analyst:bob alert:%d case 2026/17]", a.ID, a.ID)
	if fmt.Sprint(reads) != want {
		t.Fatalf("audited reads = %q, want %s", reads, want)
	}
	if _, err := svc.Detail(ctx, 999, "analyst:ann", ""); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown alert: %v", err)
	}
	if _, err := svc.Detail(ctx, a.ID, "", ""); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("no actor: %v", err)
	}
}

func TestQueueOrderAndFilters(t *testing.T) {
	fx := newFixture(t)
	svc := New(fx.st)
	later := fx.addFlight(t, message.Flight{Carrier: "PC", Number: "12", Origin: "SAW", Destination: "ADB",
		Departure: "2026-11-23T07:00"})
	ft2 := fx.addTraveller(t, later, fx.ident, fx.ft.Traveller)
	a1 := fx.raise(t, later, ft2, "E1", 0.9, "high")       // priority 2, later flight
	a2 := fx.raise(t, fx.flight, fx.ft, "E2", 0.9, "high") // priority 2, earlier flight
	c := &store.Alert{IdentityID: fx.ident, FlightTravellerID: fx.ft.ID, FlightID: fx.flight, Cause: store.CauseCriterion,
		Rule: "one-way-cash", Severity: "medium", Priority: 1}
	if _, err := Raise(ctx, fx.st, c, "pipeline"); err != nil {
		t.Fatal(err)
	}
	views, err := svc.Queue(ctx, store.AlertQueueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, v := range views {
		got = append(got, v.ID)
	}
	if fmt.Sprint(got) != fmt.Sprint([]int64{c.ID, a2.ID, a1.ID}) {
		t.Fatalf("queue order = %v, want criterion (priority 1), then by departure", got)
	}
	f, err := ParseQuery(map[string][]string{"status": {"open"}, "cause": {"watchlist"}, "flight": {"pc 12"}, "date": {"2026-11-23"}})
	if err != nil {
		t.Fatal(err)
	}
	views, err = svc.Queue(ctx, f)
	if err != nil || len(views) != 1 || views[0].ID != a1.ID || views[0].Flight != "PC12 2026-11-23 SAW-ADB" {
		t.Fatalf("filtered queue = %+v, %v", views, err)
	}
	for _, bad := range []map[string][]string{
		{"status": {"closed"}}, {"cause": {"rumour"}}, {"priority": {"0"}}, {"flight": {"T"}}, {"date": {"22/11/2026"}},
		{"date_to": {"x"}},
	} {
		if _, err := ParseQuery(bad); err == nil {
			t.Errorf("ParseQuery(%v) accepted", bad)
		}
	}
}

func TestStrongerRule(t *testing.T) {
	al := func(score string, sev string, prio int) store.Alert {
		a := store.Alert{Severity: sev, Priority: prio}
		if score != "" {
			a.Explanation = json.RawMessage(`{"score":` + score + `}`)
		}
		return a
	}
	cases := []struct {
		prev, next store.Alert
		want       bool
	}{
		{al("0.85", "high", 3), al("0.90", "high", 2), true},      // +0.05
		{al("0.85", "high", 3), al("0.89", "high", 2), false},     // +0.04, priority ignored when scored
		{al("0.95", "high", 1), al("0.90", "critical", 2), true},  // severity rose
		{al("0.95", "critical", 1), al("0.99", "high", 1), false}, // +0.04, severity fell
		{al("", "medium", 3), al("", "medium", 2), true},          // unscored: priority more urgent
		{al("", "medium", 2), al("", "medium", 2), false},
		{al("", "medium", 0), al("", "medium", 0), false},
	}
	for i, c := range cases {
		why, got := Stronger(c.prev, c.next)
		if got != c.want || got == (why == "") {
			t.Errorf("case %d: Stronger = %v %q, want %v", i, got, why, c.want)
		}
	}
}

func TestRaiseKeepsStatusAndNotesStrongerEvidence(t *testing.T) {
	fx := newFixture(t)
	svc := New(fx.st)
	a := fx.raise(t, fx.flight, fx.ft, "E1", 0.85, "high")
	if _, err := svc.Decide(ctx, a.ID, Dismiss, "analyst:ann", "different person"); err != nil {
		t.Fatal(err)
	}
	next := func(score float64, sev string) (Raised, store.Alert) {
		t.Helper()
		b := &store.Alert{IdentityID: fx.ident, FlightTravellerID: fx.ft.ID, FlightID: fx.flight, Cause: store.CauseWatchlist,
			List: "un", EntryID: "E1", Severity: sev, Priority: 1,
			Explanation: json.RawMessage(fmt.Sprintf(`{"score":%g}`, score))}
		r, err := Raise(ctx, fx.st, b, "pipeline")
		if err != nil {
			t.Fatal(err)
		}
		if b.ID != a.ID || r.Created {
			t.Fatalf("re-raise made a new alert: %+v %+v", r, b)
		}
		cur, err := fx.st.Alert(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		return r, cur
	}
	// Slightly stronger: updated, still dismissed, no note.
	if r, cur := next(0.87, "high"); r.Stronger || cur.Status != store.AlertDismissed || !strings.Contains(string(cur.Explanation), "0.87") {
		t.Fatalf("weak re-raise: %+v %+v", r, cur)
	}
	// Materially stronger: still dismissed, with a note.
	if r, cur := next(0.97, "critical"); !r.Stronger || cur.Status != store.AlertDismissed {
		t.Fatalf("strong re-raise: %+v %+v", r, cur)
	}
	evs, _ := fx.st.AlertEvents(ctx, a.ID)
	last := evs[len(evs)-1]
	if last.From != store.AlertDismissed || last.To != store.AlertDismissed || last.Actor != "pipeline" ||
		last.Reason != "re-raised while dismissed with materially stronger evidence (score 0.870 -> 0.970; severity high -> critical); reopen to review" {
		t.Fatalf("note = %+v", last)
	}
	// A confirmed alert keeps its status, and is not noted.
	if _, err := svc.Decide(ctx, a.ID, Review, "analyst:ann", "stronger evidence"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Decide(ctx, a.ID, Confirm, "analyst:ann", "document matches"); err != nil {
		t.Fatal(err)
	}
	n := len(evs) + 2
	if r, cur := next(0.99, "critical"); r.Stronger || cur.Status != store.AlertConfirmed {
		t.Fatalf("confirmed re-raise: %+v %+v", r, cur)
	}
	if evs, _ = fx.st.AlertEvents(ctx, a.ID); len(evs) != n+1 || evs[n].Reason != "updated by new data" {
		t.Fatalf("events after confirmed re-raise = %+v", evs[n:])
	}
}

func TestLookout(t *testing.T) {
	fx := newFixture(t)
	unit := time.FixedZone("TRT", 3*3600)
	far := time.FixedZone("far", -5*3600)
	zones := map[string]*time.Location{"IST": unit, "GZT": unit, "SAW": unit, "JFK": far}
	now := time.Date(2026, 11, 22, 6, 0, 0, 0, unit) // 03:00 UTC
	svc := New(fx.st, WithClock(func() time.Time { return now }), WithLocation(unit),
		WithAirportZones(func(c string) (*time.Location, bool) { l, ok := zones[c]; return l, ok }))

	confirm := func(a *store.Alert) {
		t.Helper()
		if _, err := svc.Decide(ctx, a.ID, Review, "analyst:ann", ""); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Decide(ctx, a.ID, Confirm, "analyst:ann", "document matches"); err != nil {
			t.Fatal(err)
		}
	}
	flight := func(num, org, dst, dep, arr string) (int64, *store.FlightTraveller) {
		id := fx.addFlight(t, message.Flight{Carrier: "TK", Number: num, Origin: org, Destination: dst, Departure: dep, Arrival: arr})
		return id, fx.addTraveller(t, id, fx.ident, fx.ft.Traveller)
	}
	// In the window: departs in 2 hours (fixture flight, 08:00 IST).
	in1 := fx.raise(t, fx.flight, fx.ft, "IN1", 0.9, "high")
	confirm(in1)
	// In: departed yesterday from JFK, lands at 10:00 local, in the window;
	// its departure is outside it.
	f2, ft2 := flight("2", "JFK", "IST", "2026-11-21T18:00", "2026-11-22T10:00")
	in2 := fx.raise(t, f2, ft2, "IN2", 0.9, "critical")
	confirm(in2)
	// In: known only by date, tomorrow (the window ends 06:00 tomorrow).
	f3, ft3 := flight("3", "IST", "SAW", "2026-11-23", "")
	in3 := fx.raise(t, f3, ft3, "IN3", 0.9, "high")
	confirm(in3)
	// Out: departed 05:00 local today, landed 05:50, before now.
	f4, ft4 := flight("4", "IST", "SAW", "2026-11-22T05:00", "2026-11-22T05:50")
	confirm(fx.raise(t, f4, ft4, "OUT1", 0.9, "high"))
	// Out: departs 06:00 tomorrow local, the end of the window.
	f5, ft5 := flight("5", "IST", "GZT", "2026-11-23T06:00", "2026-11-23T07:30")
	out2 := fx.raise(t, f5, ft5, "OUT2", 0.9, "high")
	confirm(out2)
	// Out: 23:00 on JFK's clock is 07:00 tomorrow in the unit's zone.
	f6, ft6 := flight("6", "JFK", "IST", "2026-11-22T23:00", "2026-11-23T16:00")
	out3 := fx.raise(t, f6, ft6, "OUT3", 0.9, "high")
	confirm(out3)
	// Out: in the window but not confirmed.
	fx.raise(t, fx.flight, fx.ft, "NEW", 0.9, "high")
	dis := fx.raise(t, fx.flight, fx.ft, "DIS", 0.9, "high")
	if _, err := svc.Decide(ctx, dis.ID, Dismiss, "analyst:ann", "different person"); err != nil {
		t.Fatal(err)
	}

	rep, err := svc.Lookout(ctx, "api:officer1", "")
	if err != nil {
		t.Fatal(err)
	}
	if !rep.From.Equal(now) || !rep.To.Equal(now.Add(24*time.Hour)) {
		t.Fatalf("window = %v .. %v", rep.From, rep.To)
	}
	var got []int64
	for _, e := range rep.Entries {
		got = append(got, e.AlertID)
	}
	if want := []int64{in1.ID, in2.ID, in3.ID}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("lookout = %v, want %v (soonest first)", got, want)
	}
	e := rep.Entries[0]
	if e.Surname != "DOE" || e.GivenNames != "JOHN" || e.BirthDate != "1980-02-03" || e.DocumentType != "P" ||
		e.DocumentNumber != "U123" || e.DocumentCountry != "TUR" || e.Flight != "TK1970 2026-11-22 IST-GZT" ||
		e.Reason != "watchlist match: un entry IN1, severity high, confirmed by an analyst" {
		t.Fatalf("entry = %+v", e)
	}
	// No explanation internals reach the frontline.
	b, _ := json.Marshal(rep)
	for _, leak := range []string{"score", "matched_name", "explanation", "0.9", "document matches"} {
		if strings.Contains(string(b), leak) {
			t.Errorf("lookout JSON contains %q: %s", leak, b)
		}
	}
	recs, _ := fx.st.AuditLog(ctx, 0, 1000)
	lastRec := recs[len(recs)-1]
	if lastRec.Action != "lookout.read" || lastRec.Actor != "api:officer1" || lastRec.Purpose != DefaultLookoutPurpose ||
		lastRec.Detail != "entries=3" {
		t.Fatalf("audit = %+v", lastRec)
	}

	// Four hours later (10:00) the first flight has landed; the JFK flight
	// lands at the very start of the window; the date-only flight counts
	// from midnight; flights 5 and 6 have come into the window.
	now = now.Add(4 * time.Hour)
	rep, err = svc.Lookout(ctx, "api:officer1", "shift B")
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, e := range rep.Entries {
		got = append(got, e.AlertID)
	}
	if want := []int64{in2.ID, in3.ID, out2.ID, out3.ID}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("lookout at 10:00 = %v, want %v", got, want)
	}
}

func TestLookoutCSV(t *testing.T) {
	var b strings.Builder
	err := WriteLookoutCSV(&b, []LookoutEntry{
		{AlertID: 7, Surname: "O'NEIL, JR", GivenNames: "ANN", BirthDate: "1980-02-03", DocumentType: "P",
			DocumentNumber: "U123", DocumentCountry: "TUR", Flight: "TK1970 2026-11-22 IST-GZT",
			Departure: "2026-11-22T08:00", Arrival: "2026-11-22T09:30", Severity: "high",
			Reason: "watchlist match: un entry E1, severity high, confirmed by an analyst"},
		{AlertID: 8, Surname: "=HYPERLINK(\"x\")", GivenNames: "-1", Reason: "risk criterion match"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "alert_id,surname,given_names,birth_date,document_type,document_number,document_country,flight,departure,arrival,severity,reason\n" +
		"7,\"O'NEIL, JR\",ANN,1980-02-03,P,U123,TUR,TK1970 2026-11-22 IST-GZT,2026-11-22T08:00,2026-11-22T09:30,high,\"watchlist match: un entry E1, severity high, confirmed by an analyst\"\n" +
		"8,\"'=HYPERLINK(\"\"x\"\")\",'-1,,,,,,,,,risk criterion match\n"
	if b.String() != want {
		t.Fatalf("CSV:\n%s\nwant:\n%s", b.String(), want)
	}
}
