package store

import (
	"context"
	"errors"
	"testing"
)

func TestNetworkSQLite(t *testing.T)   { testNetwork(t, newSQLite(t)) }
func TestNetworkPostgres(t *testing.T) { testNetwork(t, newPostgres(t)) }

func testNetwork(t *testing.T, tg target) {
	ctx := context.Background()
	s := tg.open(t)

	// Nodes: one per (kind, key); dates widen.
	a := must(s.UpsertNetworkNode(ctx, "traveller", "1", "2026-03-05")).ok(t)
	a2 := must(s.UpsertNetworkNode(ctx, "traveller", "1", "2026-03-02")).ok(t)
	a3 := must(s.UpsertNetworkNode(ctx, "traveller", "1", "")).ok(t)
	if a2.ID != a.ID || a3.ID != a.ID || a3.FirstSeen != "2026-03-02" || a3.LastSeen != "2026-03-05" {
		t.Errorf("node upserts: %+v %+v %+v", a, a2, a3)
	}
	p := must(s.UpsertNetworkNode(ctx, "phone", "+905321112233", "2026-03-05")).ok(t)
	if _, err := s.UpsertNetworkNode(ctx, "", "x", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("node without kind: %v", err)
	}

	// Edges: counts add, or are set with absolute; dates widen.
	e := must(s.UpsertNetworkEdge(ctx, NetworkEdge{A: a.ID, B: p.ID, Kind: "phone", Count: 1, FirstSeen: "2026-03-05"}, false)).ok(t)
	if e.Count != 1 || e.FirstSeen != "2026-03-05" || e.LastSeen != "2026-03-05" {
		t.Errorf("new edge %+v", e)
	}
	e = must(s.UpsertNetworkEdge(ctx, NetworkEdge{A: a.ID, B: p.ID, Kind: "phone", Count: 1, FirstSeen: "2026-03-01", LastSeen: "2026-03-09"}, false)).ok(t)
	if e.Count != 2 || e.FirstSeen != "2026-03-01" || e.LastSeen != "2026-03-09" {
		t.Errorf("updated edge %+v", e)
	}
	e = must(s.UpsertNetworkEdge(ctx, NetworkEdge{A: a.ID, B: p.ID, Kind: "phone"}, false)).ok(t)
	if e.Count != 2 {
		t.Errorf("touch changed the count: %+v", e)
	}
	e = must(s.UpsertNetworkEdge(ctx, NetworkEdge{A: a.ID, B: p.ID, Kind: "phone", Count: 7}, true)).ok(t)
	if e.Count != 7 {
		t.Errorf("absolute count: %+v", e)
	}
	if _, err := s.UpsertNetworkEdge(ctx, NetworkEdge{A: a.ID, Kind: "phone"}, false); !errors.Is(err, ErrInvalid) {
		t.Errorf("edge without end: %v", err)
	}
	nodes := must(s.NetworkNodes(ctx, 0, 0)).ok(t)
	edges := must(s.NetworkEdges(ctx, 0, 0)).ok(t)
	if len(nodes) != 2 || len(edges) != 1 || edges[0].A != a.ID || edges[0].B != p.ID || edges[0].Kind != "phone" {
		t.Errorf("nodes %+v edges %+v", nodes, edges)
	}
	if page := must(s.NetworkNodes(ctx, nodes[0].ID, 10)).ok(t); len(page) != 1 || page[0].ID != nodes[1].ID {
		t.Errorf("node page after %d: %+v", nodes[0].ID, page)
	}

	// Trips: fresh once per identity, flight and booking; a later push
	// fills in the seat.
	trip := NetworkTrip{IdentityID: 1, FlightID: 10, BookingID: 100, RecordLocator: "ABC123", Day: "2026-03-02"}
	if !must(s.PutNetworkTrip(ctx, trip)).ok(t) {
		t.Error("first trip not fresh")
	}
	trip.Seat = "12A"
	if must(s.PutNetworkTrip(ctx, trip)).ok(t) {
		t.Error("repeated trip fresh")
	}
	if _, err := s.PutNetworkTrip(ctx, NetworkTrip{IdentityID: 1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("trip without flight or booking: %v", err)
	}
	// Identity 2 shares flights 10 and 11 with 1 on separate bookings;
	// identity 3 shares both on 1's own booking; identity 4 only flight 10.
	for _, tr := range []NetworkTrip{
		{IdentityID: 1, FlightID: 11, BookingID: 101},
		{IdentityID: 2, FlightID: 10, BookingID: 200, Seat: "12B"},
		{IdentityID: 2, FlightID: 11, BookingID: 201},
		{IdentityID: 3, FlightID: 10, BookingID: 100},
		{IdentityID: 3, FlightID: 11, BookingID: 101},
		{IdentityID: 4, FlightID: 10, BookingID: 400},
		{IdentityID: 5, BookingID: 500},
	} {
		must(s.PutNetworkTrip(ctx, tr)).ok(t)
	}
	on := must(s.NetworkTripsOn(ctx, 10, 0)).ok(t)
	if len(on) != 4 || on[0].IdentityID != 1 || on[0].Seat != "12A" || on[0].RecordLocator != "ABC123" {
		t.Errorf("trips on flight 10: %+v", on)
	}
	if b := must(s.NetworkTripsOn(ctx, 0, 500)).ok(t); len(b) != 1 || b[0].IdentityID != 5 {
		t.Errorf("trips of booking 500: %+v", b)
	}
	shared := must(s.NetworkSharedFlights(ctx, 1, 11, 2)).ok(t)
	if len(shared) != 1 || shared[2] != 2 {
		t.Errorf("shared flights of 1: %v", shared)
	}

	// Inside a transaction, the writes are visible, and roll back.
	errRollback := errors.New("rollback")
	err := s.WithTx(ctx, func(tx *Tx) error {
		n := must(tx.UpsertNetworkNode(ctx, "email", "x@example.com", "2026-03-02")).ok(t)
		must(tx.UpsertNetworkEdge(ctx, NetworkEdge{A: a.ID, B: n.ID, Kind: "email", Count: 1}, false)).ok(t)
		if got := must(tx.NetworkEdges(ctx, 0, 0)).ok(t); len(got) != 2 {
			t.Errorf("edges in tx: %d", len(got))
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
	if got := must(s.NetworkNodes(ctx, 0, 0)).ok(t); len(got) != 2 {
		t.Errorf("nodes after rollback: %d", len(got))
	}

	// Rebuild sources: none before travellers are resolved.
	if src := must(s.NetworkSources(ctx, 0, 0)).ok(t); len(src) != 0 {
		t.Errorf("sources %+v", src)
	}
}
