package network

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// patternWorld plants a facilitator, an agency network and a growing
// group among noise that must not raise a pattern: a big agency giving
// its own phone on every booking, a family booked out and back on two
// bookings, one person recorded as three identities, two families sharing
// an e-mail, a phone on only two bookings, a pair sitting together twice.
type patternWorld struct {
	st    *store.Store
	g     *Graph
	ids   map[string]int64
	trips []Trigger
	ctx   context.Context
}

func newPatternWorld(t *testing.T) *patternWorld {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &patternWorld{st: st, ids: map[string]int64{}, ctx: ctx}
	var delta Delta
	next := int64(0)
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		person := func(key, surname, given string) int64 {
			id, err := tx.SaveIdentity(ctx, store.Identity{Names: []store.PersonName{{Surname: surname, Given: given}}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			w.ids[key] = id
			return id
		}
		// book puts travellers on one booking, on flight fl on day d.
		book := func(loc string, fl int64, d int, office string, phones, emails []string, card string, seats []string, pax ...int64) {
			next++
			b := &message.Booking{RecordLocator: loc, Contacts: message.Contacts{Phones: phones, Emails: emails}}
			if office != "" {
				b.Office = &message.Office{AgencyID: office, Country: "TR"}
			}
			if card != "" {
				b.Payments = []message.Payment{{Method: message.PayCard, CardHash: "h" + card, CardLast4: card}}
			}
			for i, id := range pax {
				seat := ""
				if seats != nil {
					seat = seats[i]
				}
				d, err := Observe(ctx, tx, Observation{IdentityID: id, FlightID: fl, Date: fmt.Sprintf("2026-03-%02d", d),
					Seat: seat, BookingID: next, RecordLocator: loc, Booking: b})
				if err != nil {
					t.Fatal(err)
				}
				delta.Add(d)
				w.trips = append(w.trips, Trigger{IdentityID: id})
			}
		}
		// Noise: 40 travellers through a big agency that gives its own
		// phone on every booking (a hub).
		for i := range 40 {
			id := person(fmt.Sprintf("NOISE%d", i), fmt.Sprintf("NOISE%d", i), "TEST")
			book(fmt.Sprintf("N%05d", i), int64(1000+i%7), 2+i%20, "9999999",
				[]string{"+902122220000", fmt.Sprintf("+9053300%05d", i)}, nil, "", nil, id)
		}
		// Facilitator: one phone (written three ways) on the bookings of
		// three men who share nothing else, through different offices.
		f1, f2, f3 := person("FAC1", "ALPHA", "ONE"), person("FAC2", "BRAVO", "TWO"), person("FAC3", "CHARLIE", "THREE")
		book("FAC001", 1, 2, "1110001", []string{"+90 532 111 2233"}, nil, "", nil, f1)
		book("FAC002", 2, 4, "1110002", []string{"00905321112233"}, []string{"met@example.net"}, "", nil, f2)
		book("FAC003", 3, 6, "1110004", []string{"0532 111 22 33"}, nil, "", nil, f3)
		// Agency network: a small office giving its phone on four
		// bookings of five travellers, paid cash. One of them shares an
		// e-mail with one of the facilitator's: two networks in one
		// contact group, each reported.
		a1, a2, a3 := person("AG1", "DELTA", "A"), person("AG2", "ECHO", "B"), person("AG3", "FOXTROT", "C")
		a4, a5 := person("AG4", "GOLF", "D"), person("AG5", "HOTEL", "E")
		agp := []string{"+905425550000"}
		book("AGN001", 11, 2, "5550001", agp, nil, "", nil, a1)
		book("AGN002", 12, 3, "5550001", agp, []string{"met@example.net"}, "", nil, a2)
		book("AGN003", 13, 5, "5550001", agp, nil, "", nil, a3)
		book("AGN004", 14, 7, "5550001", agp, nil, "", nil, a4, a5)
		// Growing group: a pair, then newcomers on their own bookings
		// giving an earlier member's phone, all at one small agency.
		g1, g2 := person("GG1", "INDIA", "ONE"), person("GG2", "INDIA", "TWO")
		g3, g4, g5 := person("GG3", "JULIET", "THREE"), person("GG4", "KILO", "FOUR"), person("GG5", "LIMA", "FIVE")
		book("GRW001", 21, 2, "5550002", []string{"+4915111111111"}, nil, "", nil, g1, g2)
		book("GRW002", 22, 3, "5550002", []string{"+4915133333333", "+4915111111111"}, nil, "", nil, g3)
		book("GRW003", 23, 4, "5550002", []string{"+4915144444444", "+4915133333333"}, nil, "", nil, g4)
		book("GRW004", 24, 5, "5550002", []string{"+4915155555555", "+4915111111111"}, nil, "", nil, g5)
		// A family booked out and back on two bookings, one phone.
		m1, m2, m3 := person("FAM1", "MIKE", "ONE"), person("FAM2", "MIKE", "TWO"), person("FAM3", "MIKE", "THREE")
		book("FAMOUT", 31, 3, "", []string{"+4917000000001"}, nil, "", nil, m1, m2, m3)
		book("FAMBCK", 32, 9, "", []string{"+4917000000001"}, nil, "", nil, m1, m2, m3)
		// One person recorded as three identities (names not merged), his
		// e-mail and card on three bookings.
		s1, s2, s3 := person("SPLIT1", "NOVEMBER", "JOHN"), person("SPLIT2", "NOVEMBER", "JOHN PAUL"), person("SPLIT3", "NOVEMBER", "JOHN")
		book("SPL001", 41, 2, "", nil, []string{"john.november@example.com"}, "4321", nil, s1)
		book("SPL002", 42, 5, "", nil, []string{"john.november@example.com"}, "4321", nil, s2)
		book("SPL003", 43, 8, "", nil, []string{"john.november@example.com"}, "4321", nil, s3)
		// Two families whose e-mails collide: two bookings only.
		o1, o2, o3 := person("OSC1", "OSCAR", "ONE"), person("OSC2", "OSCAR", "TWO"), person("PAPA1", "PAPA", "ONE")
		book("OSC001", 51, 2, "", nil, []string{"info@example.org"}, "", nil, o1, o2)
		book("PAP001", 52, 6, "", nil, []string{"info@example.org"}, "", nil, o3)
		// A phone on only two bookings of two people.
		q1, q2 := person("Q1", "QUEBEC", "ONE"), person("Q2", "ROMEO", "TWO")
		book("QQQ001", 61, 2, "1110003", []string{"+905339990000"}, nil, "", nil, q1)
		book("QQQ002", 62, 4, "1110003", []string{"+905339990000"}, nil, "", nil, q2)
		// Two strangers side by side on two flights, separate bookings.
		r1, r2 := person("R1", "SIERRA", "ONE"), person("R2", "TANGO", "TWO")
		for i, fl := range []int64{71, 72} {
			book(fmt.Sprintf("SIE%03d", fl), fl, 3+i*4, "", []string{fmt.Sprintf("+4916000000%02d", fl)}, nil, "", []string{"12A"}, r1)
			book(fmt.Sprintf("TAN%03d", fl), fl, 3+i*4, "", []string{fmt.Sprintf("+4916100000%02d", fl)}, nil, "", []string{"12B"}, r2)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	w.g = NewGraph(Config{})
	if err := w.g.Apply(delta); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *patternWorld) names(keys ...string) []int64 {
	var out []int64
	for _, k := range keys {
		out = append(out, w.ids[k])
	}
	slices.Sort(out)
	return out
}

func TestPatterns(t *testing.T) {
	w := newPatternWorld(t)
	var all []int64
	for _, id := range w.ids {
		all = append(all, id)
	}
	slices.Sort(all)
	got := map[string][]int64{}
	for _, p := range w.g.Patterns(all, StoreNamer(w.ctx, w.st)) {
		if _, dup := got[p.Rule]; dup {
			t.Errorf("two %s patterns: %+v", p.Rule, p)
		}
		got[p.Rule] = p.Members
		if len(p.Bookings) < PatternMinBookings || len(p.Shared) == 0 || len(p.Joined) == 0 {
			t.Errorf("%s: thin evidence %+v", p.Rule, p)
		}
		if p.Rule == RuleAgencyNetwork && p.Office != "office:IATA 5550001" {
			t.Errorf("agency network office %q", p.Office)
		}
	}
	want := map[string][]int64{
		RuleSharedContact: w.names("FAC1", "FAC2", "FAC3"),
		RuleAgencyNetwork: w.names("AG1", "AG2", "AG3", "AG4", "AG5"),
		RuleGrowingGroup:  w.names("GG1", "GG2", "GG3", "GG4", "GG5"),
	}
	for rule, ms := range want {
		if !slices.Equal(got[rule], ms) {
			t.Errorf("%s: members %v, want %v", rule, got[rule], ms)
		}
	}
	if len(got) != len(want) {
		t.Errorf("patterns %v, want only %v", got, want)
	}
	// Without names, the three records of one person look like three
	// travellers: the namer is what keeps them apart.
	var split bool
	for _, p := range w.g.Patterns(w.names("SPLIT1"), nil) {
		split = split || p.Rule == RuleSharedContact
	}
	if !split {
		t.Error("without names, the split identities should look like a shared contact")
	}
}

func TestPatternSignals(t *testing.T) {
	w := newPatternWorld(t)
	ctx := w.ctx
	names := StoreNamer(ctx, w.st)
	// Only the facilitator's last traveller was just committed: its whole
	// contact group is examined (the facilitator's pattern, and the agency
	// network met through a shared e-mail), each member alerted once.
	alerts, err := w.g.PatternSignals(ctx, w.st, []Trigger{{IdentityID: w.ids["FAC3"]}}, names)
	if err != nil {
		t.Fatal(err)
	}
	byRule := map[string][]int64{}
	for _, a := range alerts {
		byRule[a.Rule] = append(byRule[a.Rule], a.IdentityID)
		if a.Cause != store.CauseNetwork || a.Status != store.AlertNew || a.Priority != 3 {
			t.Errorf("alert %+v", a)
		}
		var p Pattern
		if err := json.Unmarshal(a.Explanation, &p); err != nil {
			t.Fatal(err)
		}
		if a.Rule == RuleSharedContact && (p.Summary == "" || len(p.Shared) != 1 || p.Shared[0].Node != "phone:+905321112233" || len(p.Bookings) != 3) {
			t.Errorf("explanation %s", a.Explanation)
		}
	}
	for rule, keys := range map[string][]string{RuleSharedContact: {"FAC1", "FAC2", "FAC3"}, RuleAgencyNetwork: {"AG1", "AG2", "AG3", "AG4", "AG5"}} {
		slices.Sort(byRule[rule])
		if !slices.Equal(byRule[rule], w.names(keys...)) {
			t.Errorf("%s alerted %v, want %v", rule, byRule[rule], w.names(keys...))
		}
	}
	if len(alerts) != 8 {
		t.Errorf("%d alerts on the first pass, want 8", len(alerts))
	}
	// Every traveller again: the growing group is raised, the other two
	// patterns are not written again; no noise is alerted.
	alerts, err = w.g.PatternSignals(ctx, w.st, w.trips, names)
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 5 {
		t.Errorf("%d alerts on the second pass, want 5 (growing group)", len(alerts))
	}
	net, err := w.st.Alerts(ctx, store.AlertFilter{Cause: store.CauseNetwork, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	planted := map[int64]bool{}
	for _, k := range []string{"FAC1", "FAC2", "FAC3", "AG1", "AG2", "AG3", "AG4", "AG5", "GG1", "GG2", "GG3", "GG4", "GG5"} {
		planted[w.ids[k]] = true
	}
	if len(net) != 13 {
		t.Errorf("%d network alerts, want 13", len(net))
	}
	for _, a := range net {
		if !planted[a.IdentityID] {
			t.Errorf("noise alerted: %+v %s", a, a.Explanation)
		}
	}
}
