package network

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// world is a store with planted networks and noise, observed through
// Observe as the pipeline would, and its graph loaded back.
type world struct {
	st  *store.Store
	g   *Graph
	ids map[string]int64 // planted traveller name → identity id
	ctx context.Context
}

const agencyPhone = "+902122220000"

func booking(loc string, phones []string, card string, office string) *message.Booking {
	b := &message.Booking{RecordLocator: loc, Contacts: message.Contacts{Phones: phones},
		Office: &message.Office{AgencyID: office, Country: "TR"}}
	if card != "" {
		b.Payments = []message.Payment{{Method: message.PayCard, CardHash: "h" + card, CardLast4: card}}
	}
	return b
}

func newWorld(t *testing.T, noise int) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w := &world{st: st, ids: map[string]int64{}, ctx: ctx}
	person := func(tx *store.Tx, name string) int64 {
		id, err := tx.SaveIdentity(ctx, store.Identity{Names: []store.PersonName{{Surname: name, Given: "TEST"}}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		w.ids[name] = id
		return id
	}
	var delta Delta
	observe := func(tx *store.Tx, obs Observation) {
		d, err := Observe(ctx, tx, obs)
		if err != nil {
			t.Fatal(err)
		}
		delta.Add(d)
	}
	err = st.WithTx(ctx, func(tx *store.Tx) error {
		// Noise: travellers each on their own booking through a big agency
		// that gives its own phone on every booking, each with a phone of
		// their own too.
		for i := range noise {
			id := person(tx, fmt.Sprintf("NOISE%d", i))
			b := booking(fmt.Sprintf("N%05d", i), []string{agencyPhone, fmt.Sprintf("+9053300%05d", i)}, "", "9999999")
			observe(tx, Observation{IdentityID: id, FlightID: int64(1000 + i%50), Date: fmt.Sprintf("2026-03-%02d", 2+i%20),
				BookingID: int64(100000 + i), Booking: b})
		}
		// Facilitator: one phone (written three ways) on the bookings of
		// A, B and C, on separate dates, through the big agency too.
		a, b, c, d := person(tx, "ALPHA"), person(tx, "BRAVO"), person(tx, "CHARLIE"), person(tx, "DELTA")
		observe(tx, Observation{IdentityID: a, FlightID: 1, Date: "2026-03-02", BookingID: 1,
			Booking: booking("FAC001", []string{"+90 532 111 2233", agencyPhone}, "", "9999999")})
		observe(tx, Observation{IdentityID: b, FlightID: 2, Date: "2026-03-09", BookingID: 2,
			Booking: booking("FAC002", []string{"00905321112233"}, "1234", "9999999")})
		observe(tx, Observation{IdentityID: c, FlightID: 3, Date: "2026-03-16", BookingID: 3,
			Booking: booking("FAC003", []string{"0532 111 22 33"}, "", "9999999")})
		// A card paying for B (above) and for D.
		observe(tx, Observation{IdentityID: d, FlightID: 4, Date: "2026-03-20", BookingID: 4,
			Booking: booking("CARD04", []string{"+905559998877"}, "1234", "")})
		// Repeated co-travel on separate bookings: E and F on flights 10
		// and 11, sitting side by side on both.
		e, f := person(tx, "ECHO"), person(tx, "FOXTROT")
		for i, fl := range []int64{10, 11} {
			day := fmt.Sprintf("2026-03-%02d", 3+i*5)
			observe(tx, Observation{IdentityID: e, FlightID: fl, Date: day, Seat: "14A", BookingID: 20 + fl,
				Booking: booking(fmt.Sprintf("ECHO%02d", fl), []string{fmt.Sprintf("+4915100000%02d", fl)}, "", "")})
			observe(tx, Observation{IdentityID: f, FlightID: fl, Date: day, Seat: "14B", BookingID: 40 + fl,
				Booking: booking(fmt.Sprintf("FOXT%02d", fl), []string{fmt.Sprintf("+4915200000%02d", fl)}, "", "")})
		}
		// A family on one booking: G and H.
		gg, h := person(tx, "GOLF"), person(tx, "HOTEL")
		fam := booking("FAMILY", []string{"+4917000000001"}, "", "")
		for _, id := range []int64{gg, h} {
			observe(tx, Observation{IdentityID: id, FlightID: 30, Date: "2026-03-05", BookingID: 30, Booking: fam})
		}
		// A repeated push of A's booking changes nothing.
		observe(tx, Observation{IdentityID: a, FlightID: 1, Date: "2026-03-02", BookingID: 1,
			Booking: booking("FAC001", []string{"+90 532 111 2233", agencyPhone}, "", "9999999")})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	g, err := Load(ctx, st, Config{})
	if err != nil {
		t.Fatal(err)
	}
	w.g = g
	// The graph built from the deltas must equal the one loaded.
	g2 := NewGraph(Config{})
	if err := g2.Apply(delta); err != nil {
		t.Fatal(err)
	}
	if s1, s2 := g.Stats(), g2.Stats(); s1 != s2 {
		t.Errorf("loaded graph %+v, graph from deltas %+v", s1, s2)
	}
	return w
}

func (w *world) expand(t *testing.T, name string) Result {
	t.Helper()
	res, err := w.g.Expand(w.ids[name], 2, StoreNamer(w.ctx, w.st))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func associates(res Result) map[int64]Evidence {
	m := map[int64]Evidence{}
	for _, ev := range res.Evidence {
		m[ev.IdentityID] = ev
	}
	return m
}

func TestPlantedNetworks(t *testing.T) {
	w := newWorld(t, 1500)
	st := w.g.Stats()
	if st.Travellers != 1500+8 {
		t.Errorf("travellers = %d", st.Travellers)
	}

	// From A: B and C by the facilitator's phone (one hop), D through the
	// card that paid for B (two hops); none of the agency's 1500 customers.
	res := w.expand(t, "ALPHA")
	as := associates(res)
	for _, n := range []string{"BRAVO", "CHARLIE", "DELTA"} {
		if _, ok := as[w.ids[n]]; !ok {
			t.Errorf("ALPHA's associates miss %s: %+v", n, res.Evidence)
		}
	}
	if len(as) != 3 {
		t.Errorf("ALPHA has %d associates, want 3 (hubs must not link everyone)", len(as))
	}
	if ev := as[w.ids["BRAVO"]]; ev.Hops != 1 || !strings.Contains(ev.Text, "shares phone +905321112233 with BRAVO/TEST") {
		t.Errorf("evidence for BRAVO: %+v", ev)
	}
	ev := as[w.ids["DELTA"]]
	if ev.Hops != 2 || !strings.Contains(ev.Text, "whose ticket was paid with card …1234, which also paid for DELTA/TEST") ||
		!strings.HasPrefix(ev.Text, "ALPHA/TEST") {
		t.Errorf("evidence for DELTA: %q (hops %d)", ev.Text, ev.Hops)
	}
	if len(ev.Steps) != 2 || ev.Steps[0].Via != "phone:+905321112233" || ev.Steps[1].Kind != "card" {
		t.Errorf("steps for DELTA: %+v", ev.Steps)
	}
	if as[w.ids["BRAVO"]].Strength <= as[w.ids["DELTA"]].Strength {
		t.Errorf("a one-hop link must rank above its two-hop extension")
	}
	// The agency phone and office are reported as hubs.
	var hubs []string
	for _, h := range res.Hubs {
		if !h.Hub {
			t.Errorf("hub %s without flag", h.ID)
		}
		hubs = append(hubs, h.ID)
	}
	slices.Sort(hubs)
	if want := []string{"office:IATA 9999999", "phone:" + agencyPhone}; !slices.Equal(hubs, want) {
		t.Errorf("hubs = %v, want %v", hubs, want)
	}
	// The graph view holds the seed, its identifiers and the chains.
	ids := map[string]Node{}
	for _, n := range res.Nodes {
		ids[n.ID] = n
	}
	for _, want := range []string{"phone:+905321112233", "card:1234:h1234", "booking:FAC001"} {
		if _, ok := ids[want]; !ok && want != "card:1234:h1234" {
			t.Errorf("nodes miss %s", want)
		}
	}
	if _, ok := ids["card:1234:h1234"]; !ok {
		t.Errorf("nodes miss the card on DELTA's chain")
	}
	if n := ids["phone:+905321112233"]; n.Degree != 3 || n.Hub {
		t.Errorf("facilitator phone node: %+v", n)
	}
	for _, e := range res.Edges {
		if _, ok := ids[e.From]; !ok {
			t.Errorf("edge from a node not shown: %+v", e)
		}
		if _, ok := ids[e.To]; !ok {
			t.Errorf("edge to a node not shown: %+v", e)
		}
	}

	// A noise traveller links to nobody (only hubs).
	if res := w.expand(t, "NOISE7"); len(res.Evidence) != 0 || len(res.Hubs) != 2 {
		t.Errorf("NOISE7: %d associates, %d hubs", len(res.Evidence), len(res.Hubs))
	}

	// Repeated co-travel and adjacent seats.
	as = associates(w.expand(t, "ECHO"))
	evF, ok := as[w.ids["FOXTROT"]]
	if !ok || len(as) != 1 {
		t.Fatalf("ECHO's associates: %+v", as)
	}
	if evF.Steps[0].Kind != "co_flight" && evF.Steps[0].Kind != "adjacent_seat" {
		t.Errorf("ECHO-FOXTROT link %+v", evF.Steps)
	}
	var kinds []string
	for _, e := range w.expand(t, "ECHO").Edges {
		if e.To == fmt.Sprintf("traveller:%d", w.ids["FOXTROT"]) || e.From == fmt.Sprintf("traveller:%d", w.ids["FOXTROT"]) {
			kinds = append(kinds, fmt.Sprintf("%s×%d", e.Kind, e.Count))
		}
	}
	slices.Sort(kinds)
	if want := []string{"adjacent_seat×2", "co_flight×2"}; !slices.Equal(kinds, want) {
		t.Errorf("ECHO-FOXTROT edges %v, want %v", kinds, want)
	}
	// Same booking.
	res = w.expand(t, "GOLF")
	if _, ok := associates(res)[w.ids["HOTEL"]]; !ok {
		t.Errorf("GOLF-HOTEL: %+v", res.Evidence)
	}
	same := false
	for _, e := range res.Edges {
		same = same || e.Kind == "same_booking" && e.Count == 1
	}
	if !same {
		t.Errorf("no same_booking edge in %+v", res.Edges)
	}

	if _, err := w.g.Expand(987654321, 2, nil); err == nil {
		t.Error("unknown traveller expanded")
	}
}

func TestGroups(t *testing.T) {
	w := newWorld(t, 300)
	groups := w.g.Groups(2)
	var fac *Group
	for i, gr := range groups {
		if slices.Contains(gr.Members, w.ids["ALPHA"]) {
			fac = &groups[i]
		}
		if gr.Size > 10 {
			t.Errorf("group %s of %d: hubs joined the noise", gr.ID, gr.Size)
		}
	}
	if fac == nil {
		t.Fatal("no group holds ALPHA")
	}
	want := []int64{w.ids["ALPHA"], w.ids["BRAVO"], w.ids["CHARLIE"], w.ids["DELTA"]}
	slices.Sort(want)
	if !slices.Equal(fac.Members, want) {
		t.Errorf("facilitator group %v, want %v", fac.Members, want)
	}
	// One member per week for three weeks, then DELTA in the third week.
	if fac.WeeksGrowing != 3 || fac.FirstSeen != "2026-03-02" || fac.LastSeen != "2026-03-20" {
		t.Errorf("growth: %+v", fac)
	}
	if groups[0].ID != fac.ID {
		t.Errorf("the group growing longest comes first: %s, not %s", groups[0].ID, fac.ID)
	}
	if fac.Growth[0] != (WeekCount{Week: "2026-03-02", Added: 1, Total: 1}) || fac.Growth[2].Total != 4 {
		t.Errorf("growth per week %+v", fac.Growth)
	}
	if len(w.g.Groups(5)) != 0 {
		t.Errorf("no group of 5 was planted")
	}
}

func TestSignals(t *testing.T) {
	w := newWorld(t, 50)
	ctx := w.ctx
	// DELTA is on a watchlist; CHARLIE's alert was confirmed.
	wl := &store.Alert{IdentityID: w.ids["DELTA"], Cause: store.CauseWatchlist, List: "un", EntryID: "QDi.1", Severity: "high", Priority: 1}
	if _, err := w.st.UpsertAlert(ctx, wl, "test"); err != nil {
		t.Fatal(err)
	}
	crit := &store.Alert{IdentityID: w.ids["CHARLIE"], Cause: store.CauseCriterion, Rule: "r1", Severity: "high", Priority: 2}
	if _, err := w.st.UpsertAlert(ctx, crit, "test"); err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetAlertStatus(ctx, crit.ID, store.AlertInReview, "analyst", "look"); err != nil {
		t.Fatal(err)
	}
	if err := w.st.SetAlertStatus(ctx, crit.ID, store.AlertConfirmed, "analyst", "yes"); err != nil {
		t.Fatal(err)
	}
	seeds, err := LoadSeeds(ctx, w.st)
	if err != nil {
		t.Fatal(err)
	}
	if len(seeds) != 2 || seeds[w.ids["CHARLIE"]].Rule != RuleLinkedConfirmed || seeds[w.ids["DELTA"]].Rule != RuleLinkedWatchlisted {
		t.Fatalf("seeds %+v", seeds)
	}
	triggers := []Trigger{{IdentityID: w.ids["ALPHA"]}, {IdentityID: w.ids["ECHO"]}, {IdentityID: w.ids["NOISE3"]}, {IdentityID: w.ids["DELTA"]}}
	alerts, err := w.g.Signals(ctx, w.st, seeds, triggers, StoreNamer(ctx, w.st))
	if err != nil {
		t.Fatal(err)
	}
	// ALPHA: linked to CHARLIE (confirmed, 1 hop) and DELTA (watchlisted,
	// 2 hops); nobody else; DELTA, a seed, is not alerted for itself.
	if len(alerts) != 2 {
		t.Fatalf("alerts %+v", alerts)
	}
	for _, a := range alerts {
		if a.IdentityID != w.ids["ALPHA"] || a.Cause != store.CauseNetwork || a.Status != store.AlertNew {
			t.Errorf("alert %+v", a)
		}
		var expl struct {
			Summary string
			Links   []Link
		}
		if err := json.Unmarshal(a.Explanation, &expl); err != nil {
			t.Fatal(err)
		}
		if len(expl.Links) != 1 || expl.Summary == "" {
			t.Errorf("explanation %s", a.Explanation)
		}
		switch a.Rule {
		case RuleLinkedConfirmed:
			if expl.Links[0].Seed.IdentityID != w.ids["CHARLIE"] || a.Priority != 2 {
				t.Errorf("confirmed link %s (priority %d)", a.Explanation, a.Priority)
			}
		case RuleLinkedWatchlisted:
			if expl.Links[0].Seed.IdentityID != w.ids["DELTA"] || expl.Links[0].Evidence.Hops != 2 {
				t.Errorf("watchlist link %s", a.Explanation)
			}
		default:
			t.Errorf("rule %q", a.Rule)
		}
	}
	// Raised again: the same two alerts, updated, not duplicated.
	if _, err := w.g.Signals(ctx, w.st, seeds, triggers, nil); err != nil {
		t.Fatal(err)
	}
	net, err := w.st.Alerts(ctx, store.AlertFilter{Cause: store.CauseNetwork})
	if err != nil {
		t.Fatal(err)
	}
	if len(net) != 2 {
		t.Errorf("%d network alerts after a second run", len(net))
	}
}

func TestHandlers(t *testing.T) {
	w := newWorld(t, 40)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/network/groups", GroupsHandler(w.g))
	mux.HandleFunc("GET /api/v1/network/{traveller}", ExpandHandler(w.g, w.st))
	get := func(path string) (int, map[string]any) {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: %v: %s", path, err, rec.Body)
		}
		return rec.Code, body
	}
	code, body := get(fmt.Sprintf("/api/v1/network/%d?hops=2&limit=2", w.ids["ALPHA"]))
	if code != 200 || len(body["evidence"].([]any)) != 2 || body["next_offset"].(float64) != 2 || len(body["nodes"].([]any)) < 4 {
		t.Errorf("expand: %d %v", code, body)
	}
	if code, _ := get("/api/v1/network/abc"); code != 400 {
		t.Errorf("bad id: %d", code)
	}
	if code, _ := get("/api/v1/network/99999?hops=2"); code != 404 {
		t.Errorf("unknown id: %d", code)
	}
	if code, _ := get(fmt.Sprintf("/api/v1/network/%d?hops=9", w.ids["ALPHA"])); code != 400 {
		t.Errorf("bad hops: %d", code)
	}
	code, body = get("/api/v1/network/groups?min_size=4")
	if code != 200 || len(body["items"].([]any)) != 1 {
		t.Errorf("groups: %d %v", code, body)
	}
}

func TestDayPacking(t *testing.T) {
	for _, s := range []string{"2000-01-01", "2026-03-02", "2150-12-31"} {
		if got := date(day(s)); got != s {
			t.Errorf("date(day(%s)) = %s", s, got)
		}
	}
	if day("") != 0 || day("junk") != 0 || date(0) != "" {
		t.Error("unknown dates")
	}
	if got := monday(day("2026-03-08")); got != "2026-03-02" {
		t.Errorf("monday of Sunday 2026-03-08 = %s", got)
	}
}
