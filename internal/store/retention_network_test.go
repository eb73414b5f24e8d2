package store

import (
	"strconv"
	"testing"
	"time"
)

func TestDeleteNetworkSQLite(t *testing.T)   { testDeleteNetwork(t, newSQLite(t)) }
func TestDeleteNetworkPostgres(t *testing.T) { testDeleteNetwork(t, newPostgres(t)) }

// testDeleteNetwork: five-year deletion takes the link graph with it
// (phones, cards, documents observed from deleted trips), except what links
// a retained identity.
func testDeleteNetwork(t *testing.T, tg target) {
	s := tg.open(t)
	s.now = func() time.Time { return time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC) }
	gone := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{"OLD", "ONE"}}}, []string{"n:OLD"})).ok(t)
	kept := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{"KEPT", "ONE"}}}, []string{"n:KEPT"})).ok(t)
	check(t, s.SetIdentityRetained(ctx, kept, true, "case 7", "supervisor"))
	node := func(kind, key string) int64 {
		return must(s.UpsertNetworkNode(ctx, kind, key, "2019-05-01")).ok(t).ID
	}
	goneNode, keptNode := node("traveller", strconv.FormatInt(gone, 10)), node("traveller", strconv.FormatInt(kept, 10))
	phone, card := node("phone", "+905321112233"), node("card", "h:1234")
	for _, e := range []NetworkEdge{{A: goneNode, B: phone, Kind: "phone"}, {A: goneNode, B: card, Kind: "card"}, {A: keptNode, B: card, Kind: "card"}} {
		e.Count, e.FirstSeen, e.LastSeen = 1, "2019-05-01", "2019-05-01"
		must(s.UpsertNetworkEdge(ctx, e, true)).ok(t)
	}
	for _, id := range []int64{gone, kept} {
		must(s.PutNetworkTrip(ctx, NetworkTrip{IdentityID: id, FlightID: 9, Day: "2019-05-01"})).ok(t)
	}
	s.now = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	rep := must(s.Delete(ctx, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))).ok(t)
	if rep.Identities != 1 || rep.NetworkTrips != 1 || rep.NetworkNodes != 1 {
		t.Fatalf("report %+v: want the old identity, its trip and the phone only it used deleted", rep)
	}
	nodes := must(s.NetworkNodes(ctx, 0, 100)).ok(t)
	have := map[string]bool{}
	for _, n := range nodes {
		have[n.Kind+":"+n.Key] = true
	}
	if have["phone:+905321112233"] || have["traveller:"+strconv.FormatInt(gone, 10)] || !have["card:h:1234"] || !have["traveller:"+strconv.FormatInt(kept, 10)] {
		t.Fatalf("nodes left: %v", have)
	}
}

func TestDepersonaliseNetworkSQLite(t *testing.T) { testDepersonaliseNetwork(t, newSQLite(t)) }
func TestDepersonaliseNetworkPostgres(t *testing.T) {
	testDepersonaliseNetwork(t, newPostgres(t))
}

// testDepersonaliseNetwork: after six months the identifiers a traveller
// was linked by (phone, e-mail) leave the graph; recent links stay.
func testDepersonaliseNetwork(t *testing.T, tg target) {
	s := tg.open(t)
	id := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{"ANY", "ONE"}}}, []string{"n:ANY"})).ok(t)
	tn := must(s.UpsertNetworkNode(ctx, "traveller", strconv.FormatInt(id, 10), "2026-01-01")).ok(t).ID
	old := must(s.UpsertNetworkNode(ctx, "email", "old@example.org", "2026-01-01")).ok(t).ID
	recent := must(s.UpsertNetworkNode(ctx, "email", "new@example.org", "2026-10-01")).ok(t).ID
	must(s.UpsertNetworkEdge(ctx, NetworkEdge{A: tn, B: old, Kind: "email", Count: 1, FirstSeen: "2026-01-01", LastSeen: "2026-01-01"}, true)).ok(t)
	must(s.UpsertNetworkEdge(ctx, NetworkEdge{A: tn, B: recent, Kind: "email", Count: 1, FirstSeen: "2026-10-01", LastSeen: "2026-10-01"}, true)).ok(t)
	rep := must(s.Depersonalise(ctx, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC))).ok(t)
	if rep.NetworkNodes != 1 {
		t.Fatalf("report %+v: want the old e-mail forgotten", rep)
	}
	left := map[string]bool{}
	for _, n := range must(s.NetworkNodes(ctx, 0, 100)).ok(t) {
		left[n.Key] = true
	}
	if left["old@example.org"] || !left["new@example.org"] {
		t.Fatalf("nodes left: %v", left)
	}
}
