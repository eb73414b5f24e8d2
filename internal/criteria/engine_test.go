package criteria

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/store"
)

func TestExamples(t *testing.T) {
	c := newChecker(t)
	ex, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) < 5 {
		t.Fatalf("%d examples, want 5", len(ex))
	}
	var active []store.Criterion
	for file, f := range ex {
		if f.Status != store.CriterionDraft {
			t.Errorf("%s: status %s, examples ship as drafts", file, f.Status)
		}
		if file != f.Name+".yaml" {
			t.Errorf("%s: name %s does not match the file", file, f.Name)
		}
		cr := f.Criterion()
		if _, err := c.Check(cr); err != nil {
			t.Errorf("%s: %v", file, err)
		}
		cr.Status = store.CriterionActive
		active = append(active, cr)
	}
	e := c.NewEngine(active)
	if len(e.Skipped()) > 0 {
		t.Fatalf("skipped: %v", e.Skipped())
	}
	hits, err := e.Evaluate(brokenTravel())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, h := range hits {
		got[h.Criterion] = true
	}
	for _, want := range []string{"istanbul-border-broken-travel", "border-oneway-cash-lastminute"} {
		if !got[want] {
			t.Errorf("broken travel: %s did not hit (hits %v)", want, got)
		}
	}
	if got["border-return-not-flown"] || got["border-oneway-multiple-cards"] || got["border-alone-second-hub-noreturn"] {
		t.Errorf("broken travel: unexpected hits %v", got)
	}
	if hits, _ := e.Evaluate(ordinary()); len(hits) != 0 {
		t.Errorf("ordinary traveller hit %v", hits)
	}
	// Second hub: connect in Vienna, then Istanbul, booked 5 days before.
	s := brokenTravel()
	s.Booking.LeadDays = 5
	s.Journey.Transits = []Transit{{Airport: "VIE", DwellHours: 2}, {Airport: "IST", DwellHours: 3}}
	hits, _ = e.Evaluate(s)
	found := false
	for _, h := range hits {
		found = found || h.Criterion == "border-alone-second-hub-noreturn"
	}
	if !found {
		t.Errorf("second hub: no hit, got %v", hits)
	}
}

func TestExplanation(t *testing.T) {
	c := newChecker(t)
	cr := crit("cash-border", `in_group(flight.destination, "tr-syria-border") && booking.paid_cash && traveller.age_years < 30`)
	e := c.NewEngine([]store.Criterion{cr})
	hits, err := e.Evaluate(brokenTravel())
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v, err %v", hits, err)
	}
	h := hits[0]
	if h.Criterion != "cash-border" || h.Severity != SeverityHigh || h.Version != 1 {
		t.Errorf("hit %+v", h)
	}
	x := h.Explanation
	wantConds := []string{`in_group(flight.destination, "tr-syria-border")`, `booking.paid_cash`, `traveller.age_years < 30`}
	if len(x.Conditions) != len(wantConds) {
		t.Fatalf("conditions %+v", x.Conditions)
	}
	for i, w := range wantConds {
		if x.Conditions[i].Expr != w || x.Conditions[i].Value != true {
			t.Errorf("condition %d: %+v, want %q true", i, x.Conditions[i], w)
		}
	}
	if x.Fields["flight.destination"] != "GZT" || x.Fields["booking.paid_cash"] != true || x.Fields["traveller.age_years"] != int64(24) {
		t.Errorf("fields %v", x.Fields)
	}
	a, err := h.Alert(brokenTravel())
	if err != nil {
		t.Fatal(err)
	}
	if a.Cause != store.CauseCriterion || a.Rule != "cash-border" || a.IdentityID != 7 || a.FlightTravellerID != 70 ||
		a.FlightID != 700 || a.Priority != 2 || !json.Valid(a.Explanation) {
		t.Errorf("alert %+v", a)
	}

	// A top-level || says which branch matched.
	or := crit("either", `(booking.paid_cash && flight.destination == "GZT") || (booking.card_count > 3 && flight.destination == "GZT")`)
	hits, _ = c.NewEngine([]store.Criterion{or}).Evaluate(brokenTravel())
	if len(hits) != 1 || hits[0].Explanation.Conditions[0].Value != true || hits[0].Explanation.Conditions[1].Value != false {
		t.Errorf("or: %+v", hits)
	}
}

func TestEngineSkips(t *testing.T) {
	c := newChecker(t)
	future := crit("future", `booking.paid_cash && flight.destination == "GZT"`)
	future.StartDate, future.ReviewDate = "2027-01-01", "2027-06-01"
	overdue := crit("overdue", `booking.paid_cash && flight.destination == "GZT"`)
	overdue.StartDate, overdue.ReviewDate = "2026-01-01", "2026-06-01"
	unlawful := crit("unlawful", `traveller.nationality == "SYR"`)
	draft := crit("draft", `booking.paid_cash`)
	draft.Status = store.CriterionDraft
	ok := crit("fine", `booking.paid_cash && flight.destination == "GZT"`)
	e := c.NewEngine([]store.Criterion{future, overdue, unlawful, draft, ok})
	if got := e.Criteria(); len(got) != 1 || got[0] != "fine" {
		t.Errorf("criteria %v", got)
	}
	reasons := map[string]string{}
	for _, s := range e.Skipped() {
		reasons[s.Criterion] = s.Reason
	}
	if !strings.Contains(reasons["future"], "starts on 2027-01-01") || !strings.Contains(reasons["overdue"], "review overdue") ||
		!strings.Contains(reasons["unlawful"], "refused") || reasons["draft"] != "" || len(reasons) != 3 {
		t.Errorf("skipped %v", reasons)
	}
}

func TestEvalErrorsDoNotStopOthers(t *testing.T) {
	c := newChecker(t)
	// hours_between on an unknown time is an error.
	bad := crit("bad", `hours_between(booking.created, flight.departure) < 48.0 && booking.paid_cash`)
	good := crit("good", `booking.paid_cash && flight.destination == "GZT"`)
	s := brokenTravel()
	s.Booking.Created = time.Time{}
	hits, err := c.NewEngine([]store.Criterion{bad, good}).Evaluate(s)
	var ee *EvalError
	if !errors.As(err, &ee) || ee.Criterion != "bad" {
		t.Errorf("err %v", err)
	}
	if len(hits) != 1 || hits[0].Criterion != "good" {
		t.Errorf("hits %v", hits)
	}
}

func TestContextInterrupts(t *testing.T) {
	c := newChecker(t)
	e := c.NewEngine(manyCriteria(5))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.AppendHits(ctx, nil, brokenTravel()); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
}

func TestConcurrentEvaluate(t *testing.T) {
	c := newChecker(t)
	e := c.NewEngine(manyCriteria(20))
	want, _ := e.Evaluate(brokenTravel())
	done := make(chan int)
	for range 4 {
		go func() {
			n := 0
			for range 200 {
				h, _ := e.Evaluate(brokenTravel())
				n += len(h)
			}
			done <- n
		}()
	}
	for range 4 {
		if n := <-done; n != 200*len(want) {
			t.Errorf("got %d hits, want %d", n, 200*len(want))
		}
	}
}
