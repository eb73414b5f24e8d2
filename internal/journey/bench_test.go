package journey

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// BenchmarkBuild is the pure computation for one identity with ten legs
// on five bookings.
func BenchmarkBuild(b *testing.B) {
	bl := newBuilder(b)
	var legs []store.TravelLeg
	var bookings []store.Booking
	routes := [][2]string{{"LHR", "IST"}, {"IST", "GZT"}, {"GZT", "IST"}, {"IST", "LHR"}}
	for i := range 10 {
		r := routes[i%4]
		dep := time.Date(2026, 3, 1+3*i, 9, 0, 0, 0, time.UTC)
		loc := fmt.Sprintf("LOC%03d", i/2)
		legs = append(legs, store.TravelLeg{FlightTravellerID: int64(i), BookingID: int64(i/2 + 1), RecordLocator: loc,
			Carrier: "TK", Number: strconv.Itoa(1000 + i), Origin: r[0], Destination: r[1],
			DepartureLocal: dep.Format("2006-01-02T15:04"), ArrivalLocal: dep.Add(3 * time.Hour).Format("2006-01-02T15:04"),
			Sources: []store.SourceRef{{Kind: message.KindAPI}, {Kind: message.KindPNR, Ref: "1", RecordLocator: loc}}})
		if i%2 == 0 {
			bookings = append(bookings, bk{id: int64(i/2 + 1), locator: loc, created: "2026-02-01", travellers: []string{"A", "B"}}.booking())
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if js := bl.Build(1, legs, bookings); len(js) == 0 {
			b.Fatal("no journeys")
		}
	}
}

// BenchmarkUpdate measures the incremental update: a new flight segment of
// one traveller is stored, then Update recomputes and stores that
// traveller's journeys inside the same transaction, on an SQLite store
// preloaded with CHOKEPOINT_BENCH_SEGMENTS flight segments (default
// 100000; ten per identity, one booking per identity, one flight per 100
// segments). The reported p50/p99 are of Update alone (the segment write is
// the pipeline's). The preloaded database is kept in
// CHOKEPOINT_BENCH_DIR when set, so larger sizes load once.
func BenchmarkUpdate(b *testing.B) {
	n := 100_000
	if v := os.Getenv("CHOKEPOINT_BENCH_SEGMENTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1000 {
			b.Fatalf("CHOKEPOINT_BENCH_SEGMENTS=%q: want an integer >= 1000", v)
		}
	}
	dir := os.Getenv("CHOKEPOINT_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	dir = filepath.Join(dir, fmt.Sprintf("journeys-%d", n))
	ctx := context.Background()
	identities := int64(n / 10)
	if _, err := os.Stat(filepath.Join(dir, store.DBFile)); err != nil {
		start := time.Now()
		if err := preload(ctx, dir, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("preloaded %d segments, %d identities in %v", n, identities, time.Since(start).Round(time.Second))
	}
	st, err := store.Open(ctx, dir, "")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	bl := newBuilder(b)
	var (
		tx     *store.Tx
		commit func() error
	)
	rng := rand.New(rand.NewPCG(1, 2))
	var durs []time.Duration
	i := 0
	// Like the ingest pipeline, one transaction carries a batch of new
	// segments, each followed by the update of its traveller.
	const batch = 64
	for b.Loop() {
		i++
		id := 1 + rng.Int64N(identities)
		dep := time.Date(2026, 1, 1, 6, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		f := message.Flight{Carrier: "XB", Number: strconv.Itoa(i), Origin: "IST", Destination: "GZT",
			Departure: dep.Format("2006-01-02T15:04"), Arrival: dep.Add(100 * time.Minute).Format("2006-01-02T15:04")}
		if tx == nil || i%batch == 0 {
			if tx != nil {
				if err := commit(); err != nil {
					b.Fatal(err)
				}
			}
			tx, commit = begin(ctx, st)
		}
		fid, err := tx.UpsertFlight(ctx, 0, f)
		if err != nil {
			b.Fatal(err)
		}
		ft := &store.FlightTraveller{FlightID: fid, IdentityID: id, Traveller: message.Traveller{Surname: "X"},
			Sources: []store.SourceRef{{Kind: message.KindAPI}}}
		if err := tx.PutFlightTraveller(ctx, ft); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		js, err := bl.Update(ctx, tx, id)
		durs = append(durs, time.Since(t0))
		if err != nil || len(js) == 0 {
			b.Fatalf("identity %d: %d journeys, %v", id, len(js), err)
		}
	}
	if tx != nil {
		if err := commit(); err != nil {
			b.Fatal(err)
		}
	}
	slices.Sort(durs)
	pct := func(p float64) float64 { return float64(durs[int(p*float64(len(durs)-1))].Microseconds()) }
	b.ReportMetric(pct(0.50), "p50-µs/update")
	b.ReportMetric(pct(0.99), "p99-µs/update")
	b.ReportMetric(float64(n), "segments")
}

// preload creates a store in dir and fills it with n flight segments by
// set-based SQL (the store's own methods would take hours at 10 million):
// n/10 identities with ten segments each, one booking each, on n/100
// flights spread over a year between a few airports.
func preload(ctx context.Context, dir string, n int) error {
	st, err := store.Open(ctx, dir, "")
	if err != nil {
		return err
	}
	st.Close()
	db, err := sql.Open("sqlite", filepath.Join(dir, store.DBFile)+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)")
	if err != nil {
		return err
	}
	defer db.Close()
	ident, flights := n/10, max(n/100, 100)
	const ts = "'2026-01-01T00:00:00.000000Z'"
	steps := []string{
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < ` + strconv.Itoa(ident) + `)
		INSERT INTO identities (id, data, created_at, updated_at) SELECT i, '{}', ` + ts + `, ` + ts + ` FROM c`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < ` + strconv.Itoa(flights) + `)
		INSERT INTO flights (id, carrier, number, departure_date, origin, destination, departure_local, arrival_local, created_at, updated_at)
		SELECT i, 'TK', CAST(i AS TEXT), date('2026-01-01', '+' || (i % 365) || ' days'),
			substr('LHRISTGZTISTFRAISTHTYSAW', 1 + 3 * (i % 8), 3), substr('ISTGZTISTLHRISTFRASAWHTY', 1 + 3 * (i % 8), 3),
			date('2026-01-01', '+' || (i % 365) || ' days') || 'T' || printf('%02d', 6 + i % 14) || ':00',
			date('2026-01-01', '+' || (i % 365) || ' days') || 'T' || printf('%02d', 8 + i % 14) || ':30', ` + ts + `, ` + ts + ` FROM c`,
		`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < ` + strconv.Itoa(ident) + `)
		INSERT INTO bookings (id, system, record_locator, created_date, office, version_at, data, created_at, updated_at)
		SELECT i, 'TK', printf('R%07d', i), '2025-12-01', 'AG1',  ` + ts + `,
			'{"record_locator":"' || printf('R%07d', i) || '","created":"2025-12-01","travellers":[{"ref":"1","role":"passenger","surname":"S","given_names":"G"}],"itinerary":[],"contacts":{},"payments":[{"method":"card"}]}',
			` + ts + `, ` + ts + ` FROM c`,
		`WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i+1 FROM c WHERE i < ` + strconv.Itoa(n-1) + `)
		INSERT INTO flight_travellers (flight_id, identity_id, booking_id, record_locator, role, data, sources, explanation, created_at, updated_at)
		SELECT 1 + (i * 7919) % ` + strconv.Itoa(flights) + `, 1 + i % ` + strconv.Itoa(ident) + `, 1 + i % ` + strconv.Itoa(ident) + `,
			printf('R%07d', 1 + i % ` + strconv.Itoa(ident) + `), 'passenger', '{}',
			'[{"message_id":0,"kind":"api"},{"message_id":0,"kind":"pnr","ref":"1"}]', '{}', ` + ts + `, ` + ts + ` FROM c`,
	}
	for _, q := range steps {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("preload: %w", err)
		}
	}
	return nil
}

// begin opens a write transaction that stays open until commit is called:
// WithTx runs in a goroutine that waits for the signal.
func begin(ctx context.Context, st *store.Store) (*store.Tx, func() error) {
	txc := make(chan *store.Tx)
	done := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- st.WithTx(ctx, func(tx *store.Tx) error {
			txc <- tx
			<-done
			return nil
		})
	}()
	select {
	case tx := <-txc:
		return tx, func() error { close(done); return <-errc }
	case err := <-errc:
		return nil, func() error { return err }
	}
}
