package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
)

func TestAlertWorkflowSQLite(t *testing.T)   { testAlertWorkflow(t, newSQLite(t)) }
func TestAlertWorkflowPostgres(t *testing.T) { testAlertWorkflow(t, newPostgres(t)) }

func testAlertWorkflow(t *testing.T, tg target) {
	s := tg.open(t)
	early := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "TK", Number: "1970", Origin: "IST", Destination: "GZT",
		Departure: "2026-11-22T08:00", Arrival: "2026-11-22T09:30"})).ok(t)
	late := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "PC", Number: "2000", Origin: "SAW", Destination: "GZT",
		Departure: "2026-11-23T18:00", OperatingCarrier: "TK", OperatingNumber: "2001"})).ok(t)
	ident := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{Surname: "DOE"}}}, nil)).ok(t)
	ft := &FlightTraveller{FlightID: early, IdentityID: ident}
	check(t, s.PutFlightTraveller(ctx, ft))

	raise := func(a *Alert) *Alert {
		t.Helper()
		a.IdentityID = ident
		must(s.UpsertAlert(ctx, a, "pipeline")).ok(t)
		return a
	}
	a1 := raise(&Alert{FlightID: late, Cause: CauseWatchlist, List: "un", EntryID: "E1", Priority: 1,
		Explanation: json.RawMessage(`{"score":0.98}`)})
	a2 := raise(&Alert{FlightID: early, Cause: CauseWatchlist, List: "un", EntryID: "E2", Priority: 1})
	a3 := raise(&Alert{FlightID: early, Cause: CauseCriterion, Rule: "r", Priority: 3})
	a4 := raise(&Alert{Cause: CauseNetwork, Rule: "n", Priority: 0}) // no flight, no priority
	a5 := raise(&Alert{Cause: CauseNetwork, Rule: "m", Priority: 1}) // no flight

	ids := func(items []AlertQueueItem) []int64 {
		out := []int64{}
		for _, it := range items {
			out = append(out, it.Alert.ID)
		}
		return out
	}
	eq := func(name string, got []int64, want ...int64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: got %v, want %v", name, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s: got %v, want %v", name, got, want)
			}
		}
	}
	q := func(f AlertQueueFilter) []int64 { t.Helper(); return ids(must(s.AlertQueue(ctx, f)).ok(t)) }

	eq("all", q(AlertQueueFilter{}), a2.ID, a1.ID, a5.ID, a3.ID, a4.ID)
	eq("page", q(AlertQueueFilter{Limit: 2, Offset: 1}), a1.ID, a5.ID)
	eq("priority", q(AlertQueueFilter{MaxPriority: 1}), a2.ID, a1.ID, a5.ID)
	eq("cause", q(AlertQueueFilter{Cause: CauseNetwork}), a5.ID, a4.ID)
	eq("flight id", q(AlertQueueFilter{FlightID: early}), a2.ID, a3.ID)
	eq("designator", q(AlertQueueFilter{Flight: "TK1970"}), a2.ID, a3.ID)
	eq("codeshare", q(AlertQueueFilter{Flight: "PC2000"}), a1.ID)
	eq("operating", q(AlertQueueFilter{Flight: "TK2001"}), a1.ID)
	eq("date", q(AlertQueueFilter{DateFrom: "2026-11-23", DateTo: "2026-11-23"}), a1.ID)
	eq("date to", q(AlertQueueFilter{DateTo: "2026-11-22"}), a2.ID, a3.ID)
	eq("identity", q(AlertQueueFilter{IdentityID: ident + 1}))

	it := must(s.QueuedAlert(ctx, a1.ID)).ok(t)
	if it.Flight.ID != late || it.Flight.Carrier != "TK" || it.Flight.Number != "2001" || it.Flight.DepartureLocal != "2026-11-23T18:00" ||
		string(it.Alert.Explanation) == "" || it.Alert.Status != AlertNew {
		t.Fatalf("queued alert = %+v", it)
	}
	if it := must(s.QueuedAlert(ctx, a4.ID)).ok(t); it.Flight.ID != 0 || it.Flight.Carrier != "" {
		t.Fatalf("alert without flight = %+v", it.Flight)
	}
	if _, err := s.QueuedAlert(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown alert: %v", err)
	}

	// Transitions are compare-and-set.
	check(t, s.TransitionAlert(ctx, a1.ID, AlertNew, AlertInReview, "analyst:a", ""))
	if err := s.TransitionAlert(ctx, a1.ID, AlertNew, AlertDismissed, "analyst:b", "dup"); !errors.Is(err, ErrStale) {
		t.Fatalf("stale transition: %v", err)
	}
	if err := s.TransitionAlert(ctx, 9999, AlertNew, AlertInReview, "analyst:b", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown alert: %v", err)
	}
	if err := s.TransitionAlert(ctx, a1.ID, AlertInReview, "closed", "analyst:b", ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad status: %v", err)
	}
	if err := s.TransitionAlert(ctx, a1.ID, AlertInReview, AlertConfirmed, "", "x"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("no actor: %v", err)
	}
	check(t, s.TransitionAlert(ctx, a1.ID, AlertInReview, AlertConfirmed, "analyst:a", "document matches"))
	eq("confirmed", q(AlertQueueFilter{Statuses: []string{AlertConfirmed}}), a1.ID)
	eq("open", q(AlertQueueFilter{Statuses: []string{AlertNew, AlertInReview}}), a2.ID, a5.ID, a3.ID, a4.ID)

	check(t, s.NoteAlert(ctx, a1.ID, "pipeline", "stronger"))
	if err := s.NoteAlert(ctx, a1.ID, "pipeline", ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty note: %v", err)
	}
	ev := must(s.AlertEvents(ctx, a1.ID)).ok(t)
	if len(ev) != 4 || ev[2].From != AlertInReview || ev[2].To != AlertConfirmed || ev[2].Reason != "document matches" ||
		ev[3].From != AlertConfirmed || ev[3].To != AlertConfirmed || ev[3].Reason != "stronger" {
		t.Fatalf("events = %+v", ev)
	}
	log := must(s.AuditLog(ctx, 0, 1000)).ok(t)
	var actions []string
	for _, r := range log {
		if r.Object == fmt.Sprintf("alert:%d", a1.ID) {
			actions = append(actions, r.Action+" "+r.Detail+" "+r.Purpose)
		}
	}
	if len(actions) != 3 || actions[0] != "alert.status new->in_review " ||
		actions[1] != "alert.status in_review->confirmed document matches" || actions[2] != "alert.note confirmed alert workflow" {
		t.Fatalf("audit = %q", actions)
	}

	// AlertByKey finds what UpsertAlert would update.
	got := must(s.AlertByKey(ctx, Alert{IdentityID: ident, Cause: CauseWatchlist, List: "un", EntryID: "E1"})).ok(t)
	if got.ID != a1.ID || got.Status != AlertConfirmed {
		t.Fatalf("by key = %+v", got)
	}
	if _, err := s.AlertByKey(ctx, Alert{IdentityID: ident, Cause: CauseWatchlist, List: "un", EntryID: "E9"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown key: %v", err)
	}
}
