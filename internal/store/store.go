// Package store owns Chokepoint's persistence: the raw messages received,
// flights and their codeshares, bookings and their history, the travellers
// of each flight, traveller identities and the blocking keys that find
// them, watchlist versions and their entries, screening results, alerts
// and their events, the tamper-evident audit log, API tokens, targeting
// criteria, and the retention rules (depersonalisation after six months,
// deletion after five years).
//
// Two backends share one schema and one set of queries: embedded SQLite
// (the default; one file under the data directory, WAL mode, one writer
// connection and a pool of readers) and PostgreSQL, selected by a
// postgres:// DSN. Schema migrations are embedded and applied by Open.
//
// Every operation is a method available both on *Store, where it runs on
// its own (reads on the reader pool, writes in their own transaction), and
// on *Tx, where it joins a write transaction: the ingest pipeline writes
// many messages per transaction with WithTx, and reads inside it see the
// batch's own uncommitted writes.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// Errors returned by the store; test with errors.Is.
var (
	// ErrNotFound is returned when the object asked for does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrInvalid is returned for an argument the store refuses (an unknown
	// status, a missing key field).
	ErrInvalid = errors.New("store: invalid argument")
)

// Backend names, as returned by Store.Backend.
const (
	BackendSQLite   = "sqlite"
	BackendPostgres = "postgres"
)

// DBFile is the SQLite database file name inside the data directory.
const DBFile = "chokepoint.db"

// Store is an open database.
type Store struct {
	conn
	backend string
	w       *sql.DB // writer: one connection on SQLite
	r       *sql.DB // readers: the same pool as w on PostgreSQL
	now     func() time.Time
}

// Tx is a write transaction. All the Store's methods are available on it
// and run inside the transaction.
type Tx struct {
	conn
}

// queryer is what *sql.DB and *sql.Tx have in common.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn carries every operation. On a Store, q is the reader pool and tx is
// nil; on a Tx, q and tx are the transaction.
type conn struct {
	s     *Store
	q     queryer
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // statements prepared in tx (SQLite only)
	// flights caches, within a transaction, the ids of flights already
	// upserted with the same data.
	flightIDs map[message.Flight]int64
}

// Open opens the database and applies pending schema migrations. An empty
// dsn opens (creating if needed) SQLite at <dataDir>/chokepoint.db; a
// postgres:// or postgresql:// dsn opens PostgreSQL and ignores dataDir.
func Open(ctx context.Context, dataDir, dsn string) (*Store, error) {
	var (
		s   *Store
		err error
	)
	switch {
	case dsn == "":
		s, err = openSQLite(ctx, dataDir)
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s, err = openPostgres(ctx, dsn)
	default:
		return nil, fmt.Errorf("store: open: unsupported DSN scheme (want empty for SQLite or postgres://): %w", ErrInvalid)
	}
	if err != nil {
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func newStore(backend string, w, r *sql.DB) *Store {
	s := &Store{backend: backend, w: w, r: r, now: time.Now}
	s.conn = conn{s: s, q: r}
	return s
}

func openSQLite(ctx context.Context, dataDir string) (*Store, error) {
	if dataDir == "" {
		return nil, fmt.Errorf("store: open sqlite: empty data directory: %w", ErrInvalid)
	}
	if strings.ContainsAny(dataDir, "?#") {
		return nil, fmt.Errorf("store: open sqlite: data directory %q contains '?' or '#': %w", dataDir, ErrInvalid)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("store: create data directory: %w", err)
	}
	path := filepath.Join(dataDir, DBFile)
	common := "_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=temp_store(MEMORY)"
	w, err := sql.Open("sqlite", path+"?"+common+
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=cache_size(-32000)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// The writer connects first so the file is in WAL mode before readers open it.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", path+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open sqlite readers: %w", err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	return newStore(BackendSQLite, w, r), nil
}

func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: parse postgres DSN: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(max(8, 2*runtime.GOMAXPROCS(0)))
	db.SetMaxIdleConns(max(8, 2*runtime.GOMAXPROCS(0)))
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to postgres: %w", err)
	}
	return newStore(BackendPostgres, db, db), nil
}

// Backend returns BackendSQLite or BackendPostgres.
func (s *Store) Backend() string { return s.backend }

// Close closes the database.
func (s *Store) Close() error {
	var errs []error
	if s.r != s.w {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}

// WithTx runs fn in a write transaction, committed when fn returns nil and
// rolled back when it returns an error (or panics). On SQLite write
// transactions are serialised; batch many messages into one for
// throughput.
func (s *Store) WithTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	tx := &Tx{conn: conn{s: s, q: sqlTx, tx: sqlTx}}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// write runs fn in the current transaction, or in a new one.
func (c *conn) write(ctx context.Context, fn func(c *conn) error) error {
	if c.tx != nil {
		return fn(c)
	}
	return c.s.WithTx(ctx, func(tx *Tx) error { return fn(&tx.conn) })
}

func (c *conn) pg() bool { return c.s.backend == BackendPostgres }

// stmt returns query prepared in the transaction, once per transaction.
// Only SQLite uses it: pgx caches prepared statements per connection itself.
func (c *conn) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.stmts == nil {
		c.stmts = make(map[string]*sql.Stmt)
	}
	c.stmts[query] = st
	return st, nil
}

func (c *conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if c.tx != nil && !c.pg() {
		st, err := c.stmt(ctx, query)
		if err != nil {
			return nil, err
		}
		return st.ExecContext(ctx, args...)
	}
	return c.q.ExecContext(ctx, query, args...)
}

func (c *conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if c.tx != nil && !c.pg() {
		st, err := c.stmt(ctx, query)
		if err != nil {
			return nil, err
		}
		return st.QueryContext(ctx, args...)
	}
	return c.q.QueryContext(ctx, query, args...)
}

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// errRow is a row whose query could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// row runs a query returning at most one row; scanning it yields
// sql.ErrNoRows when there is none.
func (c *conn) row(ctx context.Context, query string, args ...any) scanner {
	if c.tx != nil && !c.pg() {
		st, err := c.stmt(ctx, query)
		if err != nil {
			return errRow{err}
		}
		return st.QueryRowContext(ctx, args...)
	}
	return c.q.QueryRowContext(ctx, query, args...)
}

// queryRow scans the single row of query into dest.
func (c *conn) queryRow(ctx context.Context, query string, args []any, dest ...any) error {
	return c.row(ctx, query, args...).Scan(dest...)
}

// insertID runs an INSERT (without RETURNING) and returns the new row's
// id. inserted is false when an ON CONFLICT DO NOTHING clause skipped the
// row. PostgreSQL uses RETURNING id; SQLite uses the last insert rowid,
// as RETURNING costs the embedded engine several times the insert itself.
func (c *conn) insertID(ctx context.Context, query string, args ...any) (id int64, inserted bool, err error) {
	if c.pg() {
		err := c.queryRow(ctx, query+" RETURNING id", args, &id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	res, err := c.exec(ctx, query, args...)
	if err != nil {
		return 0, false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, false, err
	}
	id, err = res.LastInsertId()
	return id, err == nil, err
}

// now returns the current time, truncated to what both backends keep.
func (c *conn) now() time.Time { return c.s.now().UTC().Truncate(time.Microsecond) }
