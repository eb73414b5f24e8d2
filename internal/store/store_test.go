package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// PostgresEnv names the environment variable holding the PostgreSQL DSN
// the tests run against; unset skips them.
const PostgresEnv = "CHOKEPOINT_TEST_POSTGRES"

// target is one empty database that tests may open several times: a
// data directory for SQLite, a DSN for PostgreSQL.
type target struct{ dir, dsn string }

func (tg target) openErr() (*Store, error) { return Open(context.Background(), tg.dir, tg.dsn) }

func (tg target) open(t testing.TB) *Store {
	t.Helper()
	s, err := tg.openErr()
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newSQLite(t testing.TB) target { return target{dir: t.TempDir()} }

// newPostgres makes a fresh schema for one test, dropped afterwards, and
// returns a DSN whose search_path is that schema.
func newPostgres(t testing.TB) target {
	t.Helper()
	dsn := os.Getenv(PostgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set; PostgreSQL tests skipped (e.g. %s=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)", PostgresEnv, PostgresEnv)
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	admin := stdlib.OpenDB(*cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		t.Fatalf("PostgreSQL at %s=%q does not answer: %v", PostgresEnv, dsn, err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "chk_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return target{dsn: u.String()}
}

func TestSQLite(t *testing.T)   { testStore(t, newSQLite) }
func TestPostgres(t *testing.T) { testStore(t, newPostgres) }

// testStore is the suite every backend passes.
func testStore(t *testing.T, newTarget func(testing.TB) target) {
	tests := []struct {
		name string
		fn   func(t *testing.T, tg target)
	}{
		{"Migrations", testMigrations},
		{"RawDedup", testRawDedup},
		{"RawPagination", testRawPagination},
		{"Flights", testFlights},
		{"Bookings", testBookings},
		{"Identities", testIdentities},
		{"TxVisibilityAndRollback", testTx},
		{"Screening", testScreening},
		{"Alerts", testAlerts},
		{"Audit", testAudit},
		{"Tokens", testTokens},
		{"Watchlists", testWatchlists},
		{"Criteria", testCriteria},
		{"Depersonalise", testDepersonalise},
		{"Delete", testDelete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newTarget(t))
		})
	}
}

// result carries a call's value and error until a test checks them:
// must(f()).ok(t).
type result[T any] struct {
	v   T
	err error
}

func must[T any](v T, err error) result[T] { return result[T]{v, err} }

func (r result[T]) ok(t testing.TB) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

type result2[A, B any] struct {
	a   A
	b   B
	err error
}

func must2[A, B any](a A, b B, err error) result2[A, B] { return result2[A, B]{a, b, err} }

func (r result2[A, B]) ok(t testing.TB) (A, B) {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.a, r.b
}

func (r result2[A, B]) first(t testing.TB) A {
	a, _ := r.ok(t)
	return a
}

func check(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var ctx = context.Background()

func testMigrations(t *testing.T, tg target) {
	s := tg.open(t)
	steps, err := migrations(s.Backend())
	check(t, err)
	want := len(steps)
	if v := must(s.SchemaVersion(ctx)).ok(t); v != want {
		t.Fatalf("schema version %d, want %d", v, want)
	}
	s.Close()
	// Re-opening is idempotent, also when several processes open at once.
	var wg sync.WaitGroup
	stores := make([]*Store, 3)
	errs := make([]error, 3)
	for i := range stores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = tg.openErr()
		}()
	}
	wg.Wait()
	for _, st := range stores {
		if st != nil {
			t.Cleanup(func() { st.Close() })
		}
	}
	for i, err := range errs {
		check(t, err)
		var n int
		check(t, stores[i].w.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n))
		if n != want {
			t.Fatalf("%d migrations recorded, want %d", n, want)
		}
	}
}

func testRawDedup(t *testing.T, tg target) {
	s := tg.open(t)
	body := []byte("UNA:+.? 'UNB+UNOA:4+SENDER+RECEIVER+250101:1200+1'")
	id1, dup1 := must2(s.PutRaw(ctx, RawMessage{Source: "file:/in/a.edi", Format: message.FormatPAXLST, Kind: "api",
		Status: StatusAccepted, Body: body, Warnings: []string{"UNT: count 12, want 13"}})).ok(t)
	id2, dup2 := must2(s.PutRaw(ctx, RawMessage{Source: "http", Status: StatusAccepted, Body: body})).ok(t)
	if dup1 || !dup2 || id1 != id2 {
		t.Fatalf("PutRaw twice: (%d,%v) (%d,%v); want same id, second dup", id1, dup1, id2, dup2)
	}
	all := must(s.ListRaw(ctx, RawFilter{})).ok(t)
	if len(all) != 1 {
		t.Fatalf("%d rows after the same bytes twice, want 1", len(all))
	}
	m := must(s.Raw(ctx, id1)).ok(t)
	if string(m.Body) != string(body) || m.Source != "file:/in/a.edi" || len(m.Warnings) != 1 || m.Size != int64(len(body)) {
		t.Fatalf("Raw = %+v", m)
	}
	if len(m.SHA256) != 64 {
		t.Fatalf("sha256 %q", m.SHA256)
	}
	check(t, s.SetRawStatus(ctx, id1, StatusRejected, "BGM: unknown document type 999", nil))
	if m := must(s.Raw(ctx, id1)).ok(t); m.Status != StatusRejected || m.RejectReason == "" {
		t.Fatalf("after SetRawStatus: %+v", m)
	}
	if _, err := s.Raw(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Raw(999) err = %v, want ErrNotFound", err)
	}
}

func testRawPagination(t *testing.T, tg target) {
	s := tg.open(t)
	check(t, s.WithTx(ctx, func(tx *Tx) error {
		for i := range 25 {
			st, reason := StatusAccepted, ""
			if i%5 == 0 {
				st, reason = StatusRejected, "UNH: missing"
			}
			if _, _, err := tx.PutRaw(ctx, RawMessage{Source: "queue", Status: st, RejectReason: reason,
				Body: fmt.Appendf(nil, "message %d", i)}); err != nil {
				return err
			}
		}
		return nil
	}))
	var seen []int64
	before := int64(0)
	for page := 0; ; page++ {
		rs := must(s.ListRaw(ctx, RawFilter{Before: before, Limit: 10})).ok(t)
		if len(rs) == 0 {
			break
		}
		if page > 3 {
			t.Fatal("pagination does not end")
		}
		for _, r := range rs {
			if r.Body != nil {
				t.Fatal("listing loaded bodies")
			}
			seen = append(seen, r.ID)
		}
		before = rs[len(rs)-1].ID
	}
	if len(seen) != 25 {
		t.Fatalf("paged through %d messages, want 25", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] >= seen[i-1] {
			t.Fatalf("not newest first: %v", seen)
		}
	}
	rej := must(s.ListRaw(ctx, RawFilter{Status: StatusRejected})).ok(t)
	if len(rej) != 5 {
		t.Fatalf("%d rejected, want 5", len(rej))
	}
}

func testFlights(t *testing.T, tg target) {
	s := tg.open(t)
	f := message.Flight{Carrier: "LH", Number: "7000", Origin: "FRA", Destination: "IAD", Departure: "2031-05-01T10:15",
		OperatingCarrier: "UA", OperatingNumber: "900"}
	id1 := must(s.UpsertFlight(ctx, 0, f)).ok(t)
	f2 := f
	f2.Carrier, f2.Number, f2.Arrival = "AC", "9001", "2031-05-01T12:40"
	id2 := must(s.UpsertFlight(ctx, 0, f2)).ok(t)
	id3 := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "ua", Number: "900", Origin: "FRA", Destination: "IAD",
		Departure: "2031-05-01"})).ok(t)
	if id1 != id2 || id2 != id3 {
		t.Fatalf("one operating flight got ids %d %d %d", id1, id2, id3)
	}
	other := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA", Number: "900", Origin: "FRA", Destination: "IAD",
		Departure: "2031-05-02T10:15"})).ok(t)
	if other == id1 {
		t.Fatal("next day's flight got the same id")
	}
	m := must(s.Flight(ctx, id1)).ok(t)
	fl := m.Flight
	if fl.Carrier != "UA" || fl.Number != "900" || fl.DepartureDate != "2031-05-01" || fl.DepartureLocal != "2031-05-01T10:15" ||
		fl.ArrivalLocal != "2031-05-01T12:40" {
		t.Fatalf("flight = %+v", fl)
	}
	if fmt.Sprint(fl.Codeshares) != "[{AC 9001} {LH 7000}]" {
		t.Fatalf("codeshares = %v", fl.Codeshares)
	}
	for _, d := range []Designator{{"LH", "7000"}, {"UA", "900"}, {"ac", "9001"}} {
		fs := must(s.FlightsByDesignator(ctx, d.Carrier, d.Number, "2031-05-01")).ok(t)
		if len(fs) != 1 || fs[0].ID != id1 {
			t.Fatalf("FlightsByDesignator(%v) = %+v", d, fs)
		}
	}
	if fs := must(s.Flights(ctx, "2031-05-01")).ok(t); len(fs) != 1 || len(fs[0].Codeshares) != 2 {
		t.Fatalf("Flights(date) = %+v", fs)
	}
	ft := &FlightTraveller{FlightID: id1, Traveller: message.Traveller{Role: message.RolePassenger, Surname: "DOE", GivenNames: "JANE"}}
	check(t, s.PutFlightTraveller(ctx, ft))
	if m := must(s.Flight(ctx, id1)).ok(t); len(m.Travellers) != 1 || m.Travellers[0].Traveller.Surname != "DOE" {
		t.Fatalf("manifest = %+v", m.Travellers)
	}
	if _, err := s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA"}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("flight without number: %v", err)
	}
}

func booking(locator, email string, segs ...string) message.Booking {
	b := message.Booking{RecordLocator: locator, Created: "2031-04-01",
		Office:   &message.Office{AgencyID: "12345678", City: "FRA"},
		Contacts: message.Contacts{Emails: []string{email}, Phones: []string{"+49 69 1234567"}},
		Payments: []message.Payment{{Method: message.PayCard, CardType: "VI", CardLast4: "1111", CardHash: "hmac:abc",
			Holder: "JANE DOE", Amount: 512, Currency: "EUR", Billing: &message.Address{City: "Frankfurt"}}},
		History:    []message.HistoryEntry{{When: "2031-04-01", Action: "added", What: "TIF DOE/JANE"}},
		Travellers: []message.Traveller{traveller("DOE", "JANE")},
	}
	for _, d := range segs {
		b.Itinerary = append(b.Itinerary, message.Segment{Carrier: "UA", Number: "900", Origin: "FRA", Destination: "IAD", Departure: d})
	}
	return b
}

func traveller(surname, given string) message.Traveller {
	return message.Traveller{Ref: "1", Role: message.RolePassenger, Surname: surname, GivenNames: given, Title: "MS",
		Gender: "F", BirthDate: "1980-02-03", BirthPlace: "Lyon", Nationality: "FRA", Residence: "DEU",
		Embarkation: "FRA", Debarkation: "IAD", Seat: "12A", RecordLocator: "ABC123",
		Documents:      []message.Document{{Type: "P", Number: "X1234567", IssuingCountry: "FRA", Expiry: "2035-01-01"}},
		Address:        &message.Address{Street: "1 Rue X", City: "Lyon"},
		Contacts:       &message.Contacts{Emails: []string{"jane@example.org"}},
		FrequentFlyers: []message.FrequentFlyer{{Carrier: "LH", Number: "992001234"}},
		Tickets: []message.Ticket{{Number: "2201234567890", Payments: []message.Payment{{Method: message.PayCard,
			CardLast4: "1111", CardHash: "hmac:abc", Holder: "JANE DOE", Amount: 512, Currency: "EUR"}}}},
		Bags: &message.Bags{Count: 2}, CheckedIn: true,
	}
}

func testBookings(t *testing.T, tg target) {
	s := tg.open(t)
	t0 := time.Date(2031, 4, 1, 8, 0, 0, 0, time.UTC)
	id1, cur1 := must2(s.UpsertBooking(ctx, 0, "UA", booking("abc123", "v1@example.org", "2031-05-01T10:15"), t0.Add(time.Hour))).ok(t)
	id2, cur2 := must2(s.UpsertBooking(ctx, 0, "UA", booking("ABC123", "v2@example.org", "2031-05-01T10:15", "2031-05-09T18:00"), t0.Add(2*time.Hour))).ok(t)
	// A late push of an older state goes to history only.
	id3, cur3 := must2(s.UpsertBooking(ctx, 0, "UA", booking("ABC123", "v0@example.org", "2031-05-01T10:15"), t0)).ok(t)
	if id1 != id2 || id2 != id3 || !cur1 || !cur2 || cur3 {
		t.Fatalf("ids %d %d %d current %v %v %v", id1, id2, id3, cur1, cur2, cur3)
	}
	b := must(s.Booking(ctx, "UA", "ABC123")).ok(t)
	if b.Data.Contacts.Emails[0] != "v2@example.org" || b.LastDeparture != "2031-05-09" || b.FirstDeparture != "2031-05-01" ||
		b.Office != "12345678" || !b.VersionAt.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("current booking = %+v", b)
	}
	if b.Data.Payments[0].CardLast4 != "1111" || b.Data.Payments[0].CardHash == "" {
		t.Fatalf("payments = %+v", b.Data.Payments)
	}
	h := must(s.BookingHistory(ctx, id1)).ok(t)
	if len(h) != 3 || h[2].Data.Contacts.Emails[0] != "v0@example.org" {
		t.Fatalf("history = %d versions", len(h))
	}
	if _, err := s.Booking(ctx, "LH", "ABC123"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("other system: %v", err)
	}
}

func testIdentities(t *testing.T, tg target) {
	s := tg.open(t)
	a := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{"DOE", "JANE"}}, BirthDates: []string{"1980-02-03"}},
		[]string{"n:DOE|JANE", "dob:1980-02-03", "doc:P:X1234567"})).ok(t)
	b := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{"ROE", "RICHARD"}}}, []string{"n:ROE|RICHARD", "dob:1980-02-03"})).ok(t)
	cands := must(s.CandidatesByKeys(ctx, []string{"dob:1980-02-03", "n:DOE|JANE", "unknown"})).ok(t)
	if len(cands) != 2 || cands[0].ID != a || cands[1].ID != b {
		t.Fatalf("candidates = %+v", cands)
	}
	if fmt.Sprint(cands[0].Keys) != "[dob:1980-02-03 n:DOE|JANE]" || fmt.Sprint(cands[1].Keys) != "[dob:1980-02-03]" {
		t.Fatalf("matched keys %v %v", cands[0].Keys, cands[1].Keys)
	}
	if c := must(s.CandidatesByKeys(ctx, nil)).ok(t); c != nil {
		t.Fatal("candidates for no keys")
	}
	// Saving into an existing identity adds what is new.
	if id := must(s.SaveIdentity(ctx, Identity{ID: a, Names: []PersonName{{"DOE", "JANE"}, {"DOE", "JANE MARY"}},
		Documents: []IdentityDocument{{"P", "X1234567", "FRA"}}, Emails: []string{"jane@example.org"}},
		[]string{"email:jane@example.org"})).ok(t); id != a {
		t.Fatalf("saved into %d, want %d", id, a)
	}
	ia := must(s.Identity(ctx, a)).ok(t)
	if len(ia.Names) != 2 || len(ia.BirthDates) != 1 || len(ia.Documents) != 1 || ia.Emails[0] != "jane@example.org" {
		t.Fatalf("identity = %+v", ia)
	}
	flight := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA", Number: "900", Origin: "FRA", Destination: "IAD", Departure: "2031-05-01"})).ok(t)
	ft := &FlightTraveller{FlightID: flight, IdentityID: a, Traveller: traveller("DOE", "JANE"), Keys: []string{"n:DOE|JANE", "seat:12A"},
		Sources: []SourceRef{{MessageID: 0, Kind: message.KindAPI, Ref: "1"}}, Confidence: 0.97,
		Explanation: json.RawMessage(`{"why":"name+dob"}`)}
	check(t, s.PutFlightTraveller(ctx, ft))
	lid := must(s.LinkIdentity(ctx, IdentityLink{IdentityID: a, FlightTravellerID: ft.ID, Decision: DecisionMatch,
		Confidence: 0.93, Explanation: json.RawMessage(`{"document":"equal"}`), DecidedBy: "resolve"})).ok(t)
	if got := must(s.FlightTraveller(ctx, ft.ID)).ok(t); got.IdentityID != a || got.Seat != "12A" || got.Confidence != 0.97 ||
		got.RecordLocator != "ABC123" || len(got.Sources) != 1 {
		t.Fatalf("flight traveller = %+v", got)
	}
	links := must(s.IdentityLinks(ctx, a)).ok(t)
	if len(links) != 1 || links[0].ID != lid || links[0].Confidence != 0.93 || string(links[0].Explanation) == "" {
		t.Fatalf("links = %+v", links)
	}
	if fts := must(s.FlightTravellersByKeys(ctx, flight, []string{"seat:12A", "other", "n:DOE|JANE"})).ok(t); len(fts) != 1 ||
		fts[0].ID != ft.ID || fmt.Sprint(fts[0].Keys) != "[n:DOE|JANE seat:12A]" {
		t.Fatalf("FlightTravellersByKeys = %+v", fts)
	}
	// Update of the flight traveller (a PNR record merged in).
	ft.Traveller.FrequentFlyers = append(ft.Traveller.FrequentFlyers, message.FrequentFlyer{Carrier: "UA", Number: "1"})
	ft.Sources = append(ft.Sources, SourceRef{Kind: message.KindPNR, Ref: "2", RecordLocator: "ABC123"})
	ft.Keys = []string{"pnr:ABC123"}
	check(t, s.PutFlightTraveller(ctx, ft))
	if got := must(s.FlightTravellersByKeys(ctx, flight, []string{"pnr:ABC123"})).ok(t); len(got) != 1 || len(got[0].Sources) != 2 {
		t.Fatalf("after merge: %+v", got)
	}
	// Merge b into a.
	check(t, s.MergeIdentities(ctx, a, b, IdentityLink{Confidence: 0.8, DecidedBy: "analyst:7"}))
	cands = must(s.CandidatesByKeys(ctx, []string{"n:ROE|RICHARD"})).ok(t)
	if len(cands) != 1 || cands[0].ID != a {
		t.Fatalf("after merge candidates = %+v", cands)
	}
	if ib := must(s.Identity(ctx, b)).ok(t); ib.MergedInto != a {
		t.Fatalf("merged identity = %+v", ib)
	}
	if id := must(s.SaveIdentity(ctx, Identity{ID: b, Phones: []string{"+1 555"}}, nil)).ok(t); id != a {
		t.Fatalf("save into merged identity went to %d", id)
	}
	if len(must(s.IdentityLinks(ctx, a)).ok(t)) != 2 {
		t.Fatal("merge decision not recorded")
	}
}

func testTx(t *testing.T, tg target) {
	s := tg.open(t)
	boom := errors.New("boom")
	err := s.WithTx(ctx, func(tx *Tx) error {
		id := must(tx.SaveIdentity(ctx, Identity{Names: []PersonName{{"DOE", ""}}}, []string{"k1"})).ok(t)
		// The transaction sees its own writes.
		if c := must(tx.CandidatesByKeys(ctx, []string{"k1"})).ok(t); len(c) != 1 || c[0].ID != id {
			t.Errorf("in-tx candidates = %+v", c)
		}
		// Readers outside do not.
		if c := must(s.CandidatesByKeys(ctx, []string{"k1"})).ok(t); len(c) != 0 {
			t.Errorf("uncommitted identity visible outside: %+v", c)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("WithTx err = %v", err)
	}
	if c := must(s.CandidatesByKeys(ctx, []string{"k1"})).ok(t); len(c) != 0 {
		t.Fatal("rolled back identity persisted")
	}
}

func testScreening(t *testing.T, tg target) {
	s := tg.open(t)
	past := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA", Number: "1", Origin: "FRA", Destination: "IAD", Departure: "2020-01-01T10:00"})).ok(t)
	future := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA", Number: "2", Origin: "FRA", Destination: "IAD", Departure: "2099-01-01T10:00"})).ok(t)
	var futureIDs []int64
	for i := range 5 {
		for _, fl := range []int64{past, future} {
			ft := &FlightTraveller{FlightID: fl, Traveller: message.Traveller{Surname: fmt.Sprint("P", i)}}
			check(t, s.PutFlightTraveller(ctx, ft))
			if fl == future {
				futureIDs = append(futureIDs, ft.ID)
			}
		}
	}
	var got []int64
	after := int64(0)
	for {
		page := must(s.UpcomingTravellers(ctx, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), after, 2)).ok(t)
		if len(page) == 0 {
			break
		}
		for _, ft := range page {
			got = append(got, ft.ID)
		}
		after = page[len(page)-1].ID
	}
	if fmt.Sprint(got) != fmt.Sprint(futureIDs) {
		t.Fatalf("upcoming = %v, want %v", got, futureIDs)
	}
	sc := &Screening{FlightTravellerID: futureIDs[0], Hits: 1,
		Matches:      json.RawMessage(`[{"list":"un","entry_id":"QDi.001","score":0.91}]`),
		ListVersions: map[string]int64{"un": 3, "ofac": 4}}
	check(t, s.PutScreening(ctx, sc))
	check(t, s.PutScreening(ctx, &Screening{FlightTravellerID: futureIDs[0]}))
	latest := must(s.LatestScreening(ctx, futureIDs[0])).ok(t)
	if latest.Hits != 0 || string(latest.Matches) != "[]" {
		t.Fatalf("latest = %+v", latest)
	}
	all := must(s.Screenings(ctx, futureIDs[0])).ok(t)
	if len(all) != 2 || all[0].ListVersions["ofac"] != 4 || all[0].Hits != 1 {
		t.Fatalf("screenings = %+v", all)
	}
	var m []map[string]any
	check(t, json.Unmarshal(all[0].Matches, &m))
	if m[0]["entry_id"] != "QDi.001" {
		t.Fatalf("matches = %s", all[0].Matches)
	}
	if _, err := s.LatestScreening(ctx, futureIDs[1]); !errors.Is(err, ErrNotFound) {
		t.Fatalf("never screened: %v", err)
	}
}

func testAlerts(t *testing.T, tg target) {
	s := tg.open(t)
	ident := must(s.SaveIdentity(ctx, Identity{}, nil)).ok(t)
	f1 := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA", Number: "1", Origin: "FRA", Destination: "IAD", Departure: "2031-01-01"})).ok(t)
	f2 := must(s.UpsertFlight(ctx, 0, message.Flight{Carrier: "UA", Number: "1", Origin: "FRA", Destination: "IAD", Departure: "2031-01-08"})).ok(t)
	ft1 := &FlightTraveller{FlightID: f1, IdentityID: ident}
	ft2 := &FlightTraveller{FlightID: f2, IdentityID: ident}
	check(t, s.PutFlightTraveller(ctx, ft1))
	check(t, s.PutFlightTraveller(ctx, ft2))
	a := &Alert{IdentityID: ident, FlightTravellerID: ft1.ID, FlightID: f1, Cause: CauseWatchlist, List: "un", EntryID: "QDi.001",
		Severity: "high", Priority: 2, Explanation: json.RawMessage(`{"score":0.9}`)}
	if created := must(s.UpsertAlert(ctx, a, "pipeline")).ok(t); !created || a.Status != AlertNew {
		t.Fatalf("first alert: created=%v %+v", created, a)
	}
	check(t, s.SetAlertStatus(ctx, a.ID, AlertInReview, "analyst:1", "looking"))
	// The same person, cause and entry on the next flight updates the alert.
	b := &Alert{IdentityID: ident, FlightTravellerID: ft2.ID, FlightID: f2, Cause: CauseWatchlist, List: "un", EntryID: "QDi.001",
		Severity: "critical", Priority: 1, Explanation: json.RawMessage(`{"score":0.95}`)}
	if created := must(s.UpsertAlert(ctx, b, "pipeline")).ok(t); created || b.ID != a.ID || b.Status != AlertInReview {
		t.Fatalf("second alert: created=%v %+v", created, b)
	}
	// Another entry is another alert.
	c := &Alert{IdentityID: ident, FlightTravellerID: ft2.ID, Cause: CauseCriterion, Rule: "cash-one-way", Severity: "low"}
	if created := must(s.UpsertAlert(ctx, c, "pipeline")).ok(t); !created || c.ID == a.ID {
		t.Fatal("criterion alert deduplicated with watchlist alert")
	}
	got := must(s.Alert(ctx, a.ID)).ok(t)
	if got.FlightID != f2 || got.Severity != "critical" || got.Priority != 1 || got.Status != AlertInReview {
		t.Fatalf("updated alert = %+v", got)
	}
	check(t, s.SetAlertStatus(ctx, a.ID, AlertConfirmed, "analyst:2", "document number matches"))
	if err := s.SetAlertStatus(ctx, a.ID, AlertConfirmed, "analyst:2", ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("same status again: %v", err)
	}
	if err := s.SetAlertStatus(ctx, a.ID, "closed", "analyst:2", ""); !errors.Is(err, ErrInvalid) {
		t.Fatalf("unknown status: %v", err)
	}
	if err := s.SetAlertStatus(ctx, 999, AlertDismissed, "analyst:2", ""); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown alert: %v", err)
	}
	ev := must(s.AlertEvents(ctx, a.ID)).ok(t)
	var trail []string
	for _, e := range ev {
		trail = append(trail, e.Actor+":"+e.From+">"+e.To)
	}
	want := "[pipeline:>new analyst:1:new>in_review pipeline:in_review>in_review analyst:2:in_review>confirmed]"
	if fmt.Sprint(trail) != want {
		t.Fatalf("events = %v\nwant %s", trail, want)
	}
	if l := must(s.Alerts(ctx, AlertFilter{Status: AlertConfirmed})).ok(t); len(l) != 1 || l[0].ID != a.ID {
		t.Fatalf("confirmed alerts = %+v", l)
	}
	if l := must(s.Alerts(ctx, AlertFilter{IdentityID: ident, Limit: 1})).ok(t); len(l) != 1 || l[0].ID != c.ID {
		t.Fatalf("page 1 = %+v", l)
	}
	if l := must(s.Alerts(ctx, AlertFilter{IdentityID: ident, Before: c.ID})).ok(t); len(l) != 1 || l[0].ID != a.ID {
		t.Fatalf("page 2 = %+v", l)
	}
	if n := must(s.VerifyAudit(ctx)).ok(t); n != 2 {
		t.Fatalf("%d audit records for two status changes", n)
	}
}

func testAudit(t *testing.T, tg target) {
	s := tg.open(t)
	if n := must(s.VerifyAudit(ctx)).ok(t); n != 0 {
		t.Fatalf("empty log verified %d", n)
	}
	for i := range 5 {
		seq := must(s.Audit(ctx, AuditRecord{Actor: "analyst:1", Action: "flight.read", Object: fmt.Sprint("flight:", i),
			Purpose: "case 2031/17", Detail: "line1\nline2"})).ok(t)
		if seq != int64(i+1) {
			t.Fatalf("seq %d, want %d", seq, i+1)
		}
	}
	if n := must(s.VerifyAudit(ctx)).ok(t); n != 5 {
		t.Fatalf("verified %d, want 5", n)
	}
	log := must(s.AuditLog(ctx, 2, 2)).ok(t)
	if len(log) != 2 || log[0].Seq != 3 || log[0].PrevHash != must(s.AuditLog(ctx, 1, 1)).ok(t)[0].Hash {
		t.Fatalf("audit log page = %+v", log)
	}
	// The schema refuses changes...
	if _, err := s.w.ExecContext(ctx, `UPDATE audit_log SET purpose = 'x' WHERE seq = 3`); err == nil {
		t.Fatal("audit_log accepted an update")
	}
	// ...and when someone with more rights goes around that, the chain shows it.
	dropGuard := `DROP TRIGGER audit_log_no_update`
	if s.Backend() == BackendPostgres {
		dropGuard = `DROP TRIGGER audit_log_append_only ON audit_log`
	}
	_, err := s.w.ExecContext(ctx, dropGuard)
	check(t, err)
	_, err = s.w.ExecContext(ctx, `UPDATE audit_log SET purpose = 'nothing to see' WHERE seq = 3`)
	check(t, err)
	_, err = s.VerifyAudit(ctx)
	var ae *AuditError
	if !errors.As(err, &ae) || ae.Seq != 3 || !errors.Is(err, ErrAuditTampered) {
		t.Fatalf("tampered row: err = %v", err)
	}
}

func testTokens(t *testing.T, tg target) {
	s := tg.open(t)
	plain, tok := must2(s.CreateToken(ctx, "ingest robot", "ingest", "admin")).ok(t)
	if !strings.HasPrefix(plain, TokenPrefix) || len(plain) < 40 {
		t.Fatalf("token %q", plain)
	}
	got := must(s.LookupToken(ctx, plain)).ok(t)
	if got.ID != tok.ID || got.Role != "ingest" {
		t.Fatalf("lookup = %+v", got)
	}
	if _, err := s.LookupToken(ctx, plain+"x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("wrong token: %v", err)
	}
	// The clear token is nowhere in the table.
	rows, err := s.w.QueryContext(ctx, `SELECT * FROM api_tokens`)
	check(t, err)
	cols := must(rows.Columns()).ok(t)
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		check(t, rows.Scan(ptrs...))
		for i, v := range vals {
			if str := fmt.Sprintf("%s", v); strings.Contains(str, plain) || strings.Contains(str, plain[len(TokenPrefix):]) {
				t.Fatalf("column %s holds the clear token", cols[i])
			}
		}
	}
	rows.Close()
	var hash string
	check(t, s.w.QueryRowContext(ctx, `SELECT hash FROM api_tokens WHERE id = $1`, tok.ID).Scan(&hash))
	if hash != tokenHash(plain) {
		t.Fatal("stored hash is not the token's SHA-256")
	}
	check(t, s.RevokeToken(ctx, tok.ID, "admin"))
	if _, err := s.LookupToken(ctx, plain); !errors.Is(err, ErrNotFound) {
		t.Fatalf("revoked token: %v", err)
	}
	if err := s.RevokeToken(ctx, tok.ID, "admin"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("revoke twice: %v", err)
	}
	if l := must(s.Tokens(ctx)).ok(t); len(l) != 1 || l[0].Revoked.IsZero() {
		t.Fatalf("tokens = %+v", l)
	}
	if n := must(s.VerifyAudit(ctx)).ok(t); n != 2 {
		t.Fatalf("%d audit records, want create+revoke", n)
	}
}

func entry(id, name string) watchlist.Entry {
	return watchlist.Entry{List: "un", ID: id, Kind: watchlist.KindIndividual,
		Names: []watchlist.Name{{Full: name, Quality: watchlist.QualityPrimary}}}
}

func testWatchlists(t *testing.T, tg target) {
	s := tg.open(t)
	v1 := must2(s.PutWatchlistVersion(ctx, WatchlistVersion{List: "un", Format: "un-xml", Source: "consolidated.xml",
		ListDate: "2031-01-01"}, []watchlist.Entry{entry("QDi.001", "A B"), entry("QDi.002", "C D")}, "admin")).first(t)
	if fmt.Sprint(v1.Changes.Added) != "[QDi.001 QDi.002]" || v1.PreviousID != 0 || v1.EntryCount != 2 {
		t.Fatalf("v1 = %+v", v1)
	}
	same, unchanged, err := s.PutWatchlistVersion(ctx, WatchlistVersion{List: "un"},
		[]watchlist.Entry{entry("QDi.002", "C D"), entry("QDi.001", "A B")}, "admin")
	check(t, err)
	if !unchanged || same.ID != v1.ID {
		t.Fatalf("same content: unchanged=%v id=%d", unchanged, same.ID)
	}
	v2 := must2(s.PutWatchlistVersion(ctx, WatchlistVersion{List: "un", Format: "un-xml"},
		[]watchlist.Entry{entry("QDi.001", "A B C"), entry("QDi.003", "E F")}, "admin")).first(t)
	if v2.PreviousID != v1.ID || fmt.Sprint(v2.Changes) != "{[QDi.003] [QDi.001] [QDi.002]}" {
		t.Fatalf("v2 = %+v", v2)
	}
	must2(s.PutWatchlistVersion(ctx, WatchlistVersion{List: "ofac"}, []watchlist.Entry{entry("1", "G")}, "admin")).first(t)
	latest := must(s.LatestVersions(ctx)).ok(t)
	if len(latest) != 2 || latest[0].List != "ofac" || latest[1].ID != v2.ID {
		t.Fatalf("latest = %+v", latest)
	}
	if vs := must(s.Versions(ctx, "un")).ok(t); len(vs) != 2 || vs[0].ID != v2.ID {
		t.Fatalf("versions = %+v", vs)
	}
	es := must(s.Entries(ctx, v2.ID)).ok(t)
	if len(es) != 2 || es[0].Names[0].Full != "A B C" || es[1].ID != "QDi.003" {
		t.Fatalf("entries = %+v", es)
	}
	if got := must(s.WatchlistVersion(ctx, v1.ID)).ok(t); got.Source != "consolidated.xml" || got.ListDate != "2031-01-01" {
		t.Fatalf("version = %+v", got)
	}
}

func testCriteria(t *testing.T, tg target) {
	s := tg.open(t)
	c1 := must(s.SaveCriterion(ctx, Criterion{Name: "cash-one-way", Owner: "unit-a", Justification: "trafficking pattern",
		Severity: "medium", Status: CriterionDraft, StartDate: "2031-01-01", ReviewDate: "2031-07-01",
		Expression: `booking.payments.exists(p, p.method == "cash")`}, "analyst:1")).ok(t)
	c2 := must(s.SaveCriterion(ctx, Criterion{Name: "cash-one-way", Owner: "unit-a", Justification: "trafficking pattern",
		Severity: "medium", Status: CriterionActive, Expression: c1.Expression,
		Backtest: json.RawMessage(`{"hits":12,"flights":400}`)}, "supervisor:2")).ok(t)
	if c1.Version != 1 || c2.Version != 2 || c2.ID != c1.ID {
		t.Fatalf("versions %d %d ids %d %d", c1.Version, c2.Version, c1.ID, c2.ID)
	}
	got := must(s.Criterion(ctx, "cash-one-way")).ok(t)
	if got.Status != CriterionActive || got.UpdatedBy != "supervisor:2" || !strings.Contains(string(got.Backtest), "hits") {
		t.Fatalf("criterion = %+v", got)
	}
	if l := must(s.Criteria(ctx, CriterionActive)).ok(t); len(l) != 1 {
		t.Fatalf("active = %+v", l)
	}
	if l := must(s.Criteria(ctx, CriterionDraft)).ok(t); len(l) != 0 {
		t.Fatalf("draft = %+v", l)
	}
	vs := must(s.CriterionVersions(ctx, c1.ID)).ok(t)
	if len(vs) != 2 || vs[0].Criterion.Status != CriterionDraft || vs[1].ChangedBy != "supervisor:2" {
		t.Fatalf("versions = %+v", vs)
	}
	if _, err := s.SaveCriterion(ctx, Criterion{Name: "x", Expression: "true", Status: "live"}, "a"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("bad status: %v", err)
	}
}

// retentionFixture stores an old flight (2020) with two travellers, one
// of a retained identity, and a recent flight (2099) with one traveller
// of the first identity's twin.
type retentionFixture struct {
	oldFlight, newFlight   int64
	oldFT, keptFT, newFT   *FlightTraveller
	oldIdent, keptIdent    int64
	newIdent               int64
	oldBooking, newBooking int64
	oldRaw, newRaw         int64
}

func setupRetention(t *testing.T, s *Store) retentionFixture {
	var fx retentionFixture
	recv := time.Date(2020, 1, 9, 12, 0, 0, 0, time.UTC)
	check(t, s.WithTx(ctx, func(tx *Tx) error {
		fx.oldRaw, _ = must2(tx.PutRaw(ctx, RawMessage{Source: "http", Status: StatusAccepted, ReceivedAt: recv, Body: []byte("old PNR DOE/JANE")})).ok(t)
		fx.newRaw, _ = must2(tx.PutRaw(ctx, RawMessage{Source: "http", Status: StatusAccepted, ReceivedAt: recv, Body: []byte("PNR for 2099")})).ok(t)
		fx.oldFlight = must(tx.UpsertFlight(ctx, fx.oldRaw, message.Flight{Carrier: "UA", Number: "900", Origin: "FRA", Destination: "IAD", Departure: "2020-01-10T10:15"})).ok(t)
		fx.newFlight = must(tx.UpsertFlight(ctx, fx.newRaw, message.Flight{Carrier: "UA", Number: "900", Origin: "FRA", Destination: "IAD", Departure: "2099-01-10T10:15"})).ok(t)
		fx.oldBooking, _ = must2(tx.UpsertBooking(ctx, fx.oldRaw, "UA", booking("OLD111", "jane@example.org", "2020-01-10T10:15"), recv)).ok(t)
		fx.newBooking, _ = must2(tx.UpsertBooking(ctx, fx.newRaw, "UA", booking("NEW222", "jane@example.org", "2099-01-10T10:15"), recv)).ok(t)
		fx.oldIdent = must(tx.SaveIdentity(ctx, Identity{Names: []PersonName{{"DOE", "JANE"}}, BirthDates: []string{"1980-02-03"}}, []string{"n:DOE|JANE"})).ok(t)
		fx.keptIdent = must(tx.SaveIdentity(ctx, Identity{Names: []PersonName{{"ROE", "RICK"}}}, []string{"n:ROE|RICK"})).ok(t)
		fx.newIdent = must(tx.SaveIdentity(ctx, Identity{Names: []PersonName{{"POE", "EDGAR"}}}, []string{"n:POE|EDGAR"})).ok(t)
		check(t, tx.SetIdentityRetained(ctx, fx.keptIdent, true, "case 2020/4: ongoing investigation", "supervisor:1"))
		fx.oldFT = &FlightTraveller{FlightID: fx.oldFlight, IdentityID: fx.oldIdent, BookingID: fx.oldBooking,
			Traveller: traveller("DOE", "JANE"), Keys: []string{"n:DOE|JANE"}, Explanation: json.RawMessage(`{"names":"DOE/JANE"}`)}
		kept := traveller("ROE", "RICK")
		fx.keptFT = &FlightTraveller{FlightID: fx.oldFlight, IdentityID: fx.keptIdent, Traveller: kept}
		fx.newFT = &FlightTraveller{FlightID: fx.newFlight, IdentityID: fx.newIdent, BookingID: fx.newBooking, Traveller: traveller("POE", "EDGAR")}
		for _, ft := range []*FlightTraveller{fx.oldFT, fx.keptFT, fx.newFT} {
			check(t, tx.PutFlightTraveller(ctx, ft))
		}
		_, err := tx.LinkIdentity(ctx, IdentityLink{IdentityID: fx.oldIdent, FlightTravellerID: fx.oldFT.ID, Decision: DecisionNew,
			Confidence: 1, Explanation: json.RawMessage(`{"names":"DOE/JANE"}`)})
		return err
	}))
	return fx
}

func testDepersonalise(t *testing.T, tg target) {
	s := tg.open(t)
	fx := setupRetention(t, s)
	rep := must(s.Depersonalise(ctx, time.Date(2020, 7, 10, 0, 0, 0, 0, time.UTC))).ok(t)
	if rep.FlightTravellers != 1 || rep.Bookings != 1 || rep.BookingVersions != 1 || rep.Identities != 1 || rep.RawMessages != 1 {
		t.Fatalf("report = %+v", rep)
	}
	// The masked traveller lost exactly the listed categories.
	got := must(s.FlightTraveller(ctx, fx.oldFT.ID)).ok(t)
	want := traveller("DOE", "JANE")
	maskTraveller(&want)
	if a, b := must(json.Marshal(got.Traveller)).ok(t), must(json.Marshal(want)).ok(t); string(a) != string(b) {
		t.Fatalf("masked traveller\n got %s\nwant %s", a, b)
	}
	tr := got.Traveller
	if tr.Surname != "" || tr.GivenNames != "" || tr.BirthDate != "" || tr.Nationality != "" || tr.Gender != "" ||
		tr.Documents != nil || tr.Contacts != nil || tr.Address != nil || tr.FrequentFlyers != nil ||
		tr.Tickets[0].Payments[0].CardHash != "" || tr.Tickets[0].Payments[0].CardLast4 != "" || tr.Tickets[0].Payments[0].Holder != "" {
		t.Fatalf("personal data left: %+v", tr)
	}
	if tr.Role != message.RolePassenger || tr.Seat != "12A" || tr.RecordLocator != "ABC123" || tr.Embarkation != "FRA" ||
		tr.Tickets[0].Number != "2201234567890" || tr.Tickets[0].Payments[0].Amount != 512 || tr.Bags.Count != 2 || !tr.CheckedIn {
		t.Fatalf("non-personal data lost: %+v", tr)
	}
	if got.Depersonalised.IsZero() || strings.Contains(string(got.Explanation), "DOE") {
		t.Fatalf("flight traveller not marked or explanation kept: %+v", got)
	}
	if l := must(s.IdentityLinks(ctx, fx.oldIdent)).ok(t); strings.Contains(string(l[0].Explanation), "DOE") {
		t.Fatal("link explanation kept the name")
	}
	if fts := must(s.FlightTravellersByKeys(ctx, fx.oldFlight, []string{"n:DOE|JANE"})).ok(t); len(fts) != 0 {
		t.Fatal("flight traveller keys kept")
	}
	// Retained identity: untouched.
	if kept := must(s.FlightTraveller(ctx, fx.keptFT.ID)).ok(t); kept.Traveller.Surname != "ROE" || !kept.Depersonalised.IsZero() {
		t.Fatalf("retained traveller masked: %+v", kept.Traveller)
	}
	if c := must(s.CandidatesByKeys(ctx, []string{"n:ROE|RICK"})).ok(t); len(c) != 1 || c[0].Names[0].Surname != "ROE" {
		t.Fatal("retained identity masked")
	}
	// Recent flight: untouched.
	if nw := must(s.FlightTraveller(ctx, fx.newFT.ID)).ok(t); nw.Traveller.Surname != "POE" || nw.Traveller.Documents == nil {
		t.Fatal("recent traveller masked")
	}
	// Old booking masked, history too; itinerary and office stay.
	ob := must(s.BookingByID(ctx, fx.oldBooking)).ok(t)
	d := ob.Data
	if len(d.Contacts.Emails)+len(d.Contacts.Phones) != 0 || d.Payments[0].CardHash != "" || d.Payments[0].Holder != "" ||
		d.Payments[0].Billing != nil || d.Travellers[0].Surname != "" || d.History[0].What != "" || ob.Depersonalised.IsZero() {
		t.Fatalf("booking not masked: %+v", d)
	}
	if len(d.Itinerary) != 1 || d.Office.AgencyID != "12345678" || d.Payments[0].Amount != 512 || d.Payments[0].Method != message.PayCard {
		t.Fatalf("booking lost non-personal data: %+v", d)
	}
	if h := must(s.BookingHistory(ctx, fx.oldBooking)).ok(t); h[0].Data.Contacts.Emails != nil {
		t.Fatal("booking history not masked")
	}
	if nb := must(s.BookingByID(ctx, fx.newBooking)).ok(t); nb.Data.Contacts.Emails == nil {
		t.Fatal("recent booking masked")
	}
	// Identity seen only on the old flight: masked, keys gone.
	oi := must(s.Identity(ctx, fx.oldIdent)).ok(t)
	if oi.Names != nil || oi.BirthDates != nil || oi.Depersonalised.IsZero() {
		t.Fatalf("identity not masked: %+v", oi)
	}
	if c := must(s.CandidatesByKeys(ctx, []string{"n:DOE|JANE"})).ok(t); len(c) != 0 {
		t.Fatal("identity keys kept")
	}
	// Raw bodies: the old message purged, the one for a later flight kept.
	if r := must(s.Raw(ctx, fx.oldRaw)).ok(t); r.Body != nil || r.Purged.IsZero() || r.SHA256 == "" {
		t.Fatalf("old raw message: %+v", r)
	}
	if r := must(s.Raw(ctx, fx.newRaw)).ok(t); r.Body == nil {
		t.Fatal("raw message of a later flight purged")
	}
	// Recorded in the audit log; a second run changes nothing.
	log := must(s.AuditLog(ctx, 0, 0)).ok(t)
	if last := log[len(log)-1]; last.Action != "retention.depersonalise" || last.Actor != RetentionActor {
		t.Fatalf("audit = %+v", last)
	}
	if rep := must(s.Depersonalise(ctx, time.Date(2020, 7, 10, 0, 0, 0, 0, time.UTC))).ok(t); rep != (RetentionReport{}) {
		t.Fatalf("second run = %+v", rep)
	}
	must(s.VerifyAudit(ctx)).ok(t)
}

func testDelete(t *testing.T, tg target) {
	s := tg.open(t)
	fx := setupRetention(t, s)
	a := &Alert{IdentityID: fx.oldIdent, FlightTravellerID: fx.oldFT.ID, FlightID: fx.oldFlight, Cause: CauseCriterion, Rule: "r1"}
	must(s.UpsertAlert(ctx, a, "pipeline")).ok(t)
	check(t, s.PutScreening(ctx, &Screening{FlightTravellerID: fx.oldFT.ID}))
	// Identities are deleted once older than the cutoff and left alone.
	s.now = func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }
	rep := must(s.Delete(ctx, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))).ok(t)
	if rep.FlightTravellers != 1 || rep.Alerts != 1 || rep.Bookings != 1 || rep.Flights != 0 || rep.RawMessages != 0 {
		t.Fatalf("report = %+v", rep)
	}
	if _, err := s.FlightTraveller(ctx, fx.oldFT.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old traveller: %v", err)
	}
	if _, err := s.Alert(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old alert: %v", err)
	}
	// The retained identity keeps its traveller, and so its flight.
	m := must(s.Flight(ctx, fx.oldFlight)).ok(t)
	if len(m.Travellers) != 1 || m.Travellers[0].ID != fx.keptFT.ID {
		t.Fatalf("old flight manifest = %+v", m.Travellers)
	}
	if _, err := s.BookingByID(ctx, fx.oldBooking); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old booking: %v", err)
	}
	must(s.BookingByID(ctx, fx.newBooking)).ok(t)
	must(s.FlightTraveller(ctx, fx.newFT.ID)).ok(t)
	// Identities: created "now" (s.now was real time at setup) are newer than
	// the cutoff only if the clock says so; the old one has no traveller left.
	if _, err := s.Identity(ctx, fx.oldIdent); err != nil && !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	must(s.Identity(ctx, fx.keptIdent)).ok(t)
	// Releasing the retained identity lets the next run delete the rest.
	check(t, s.SetIdentityRetained(ctx, fx.keptIdent, false, "", "supervisor:1"))
	rep = must(s.Delete(ctx, time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC))).ok(t)
	if rep.FlightTravellers != 1 || rep.Flights != 1 || rep.RawMessages != 1 {
		t.Fatalf("second report = %+v", rep)
	}
	if _, err := s.Flight(ctx, fx.oldFlight); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old flight: %v", err)
	}
	if _, err := s.Raw(ctx, fx.oldRaw); !errors.Is(err, ErrNotFound) {
		t.Fatalf("old raw: %v", err)
	}
	must(s.Raw(ctx, fx.newRaw)).ok(t)
	if n := must(s.VerifyAudit(ctx)).ok(t); n < 3 {
		t.Fatalf("audit records = %d", n)
	}
}
