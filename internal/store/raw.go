package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Raw message statuses.
const (
	StatusAccepted = "accepted"
	StatusRejected = "rejected"
)

// RawMessage is a message as received, kept verbatim.
type RawMessage struct {
	ID int64
	// SHA256 is the hex SHA-256 of Body; PutRaw computes it.
	SHA256 string
	// Source says where the bytes came from: "file:<path>", "http", "queue:<subject>".
	Source     string
	ReceivedAt time.Time
	// Format and Kind are those of the parsed message (message.Format*, message.Kind*).
	Format string
	Kind   string
	// Status is StatusAccepted or StatusRejected.
	Status string
	// RejectReason names the segment and the reason when Status is rejected.
	RejectReason string
	Warnings     []string
	Size         int64
	// Body is the message as received; nil once purged by retention, and
	// not loaded by listings.
	Body []byte
	// Purged is when retention removed the body.
	Purged time.Time
}

// PutRaw stores a received message. The same bytes received again are
// recognised by their SHA-256: PutRaw then returns the id of the existing
// row with dup set and stores nothing.
func (c *conn) PutRaw(ctx context.Context, m RawMessage) (id int64, dup bool, err error) {
	if m.Status != StatusAccepted && m.Status != StatusRejected {
		return 0, false, fmt.Errorf("store: put raw: status %q: %w", m.Status, ErrInvalid)
	}
	sum := sha256.Sum256(m.Body)
	digest := hex.EncodeToString(sum[:])
	if m.ReceivedAt.IsZero() {
		m.ReceivedAt = c.now()
	}
	warnings, err := jsonv(nonNil(m.Warnings))
	if err != nil {
		return 0, false, err
	}
	body := m.Body
	if body == nil {
		body = []byte{}
	}
	err = c.write(ctx, func(c *conn) error {
		var inserted bool
		id, inserted, err = c.insertID(ctx, `INSERT INTO raw_messages
			(sha256, source, received_at, format, kind, status, reject_reason, warnings, size, body)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (sha256) DO NOTHING`,
			digest, m.Source, c.tv(m.ReceivedAt), m.Format, m.Kind, m.Status, m.RejectReason, warnings, int64(len(body)), body)
		if err == nil && !inserted {
			dup = true
			err = c.queryRow(ctx, `SELECT id FROM raw_messages WHERE sha256 = $1`, []any{digest}, &id)
		}
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: put raw message: %w", err)
	}
	return id, dup, nil
}

// SetRawStatus records the outcome of parsing a stored message.
func (c *conn) SetRawStatus(ctx context.Context, id int64, status, rejectReason string, warnings []string) error {
	if status != StatusAccepted && status != StatusRejected {
		return fmt.Errorf("store: set raw status %q: %w", status, ErrInvalid)
	}
	w, err := jsonv(nonNil(warnings))
	if err != nil {
		return err
	}
	return c.write(ctx, func(c *conn) error {
		res, err := c.exec(ctx, `UPDATE raw_messages SET status = $1, reject_reason = $2, warnings = $3 WHERE id = $4`,
			status, rejectReason, w, id)
		return affected(res, err, "set raw status")
	})
}

const rawCols = `id, sha256, source, received_at, format, kind, status, reject_reason, warnings, size, purged_at`

func scanRaw(sc scanner, m *RawMessage, extra ...any) error {
	var warnings json.RawMessage
	dest := append([]any{&m.ID, &m.SHA256, &m.Source, tcol(&m.ReceivedAt), &m.Format, &m.Kind, &m.Status,
		&m.RejectReason, jcol(&warnings), &m.Size, tcol(&m.Purged)}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	if len(warnings) > 0 {
		if err := json.Unmarshal(warnings, &m.Warnings); err != nil {
			return fmt.Errorf("store: decode warnings of raw message %d: %w", m.ID, err)
		}
	}
	return nil
}

// Raw returns a stored message with its body.
func (c *conn) Raw(ctx context.Context, id int64) (RawMessage, error) {
	var m RawMessage
	err := scanRaw(c.q.QueryRowContext(ctx, `SELECT `+rawCols+`, body FROM raw_messages WHERE id = $1`, id), &m, &m.Body)
	if err != nil {
		return RawMessage{}, notFound(err, "raw message %d", id)
	}
	return m, nil
}

// RawFilter selects raw messages to list. The zero value lists all, newest
// first.
type RawFilter struct {
	// Status, when set, keeps only messages of that status.
	Status string
	// Before is the pagination cursor: only ids below it (the ID of the
	// last message of the previous page). Zero starts from the newest.
	Before int64
	// Limit caps the page; zero means 100, and at most 1000.
	Limit int
}

// ListRaw lists stored messages without their bodies, newest first. The
// next page is ListRaw with Before set to the last ID returned.
func (c *conn) ListRaw(ctx context.Context, f RawFilter) ([]RawMessage, error) {
	q := `SELECT ` + rawCols + ` FROM raw_messages WHERE ($1 = '' OR status = $1) AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3`
	rows, err := c.q.QueryContext(ctx, q, f.Status, f.Before, pageLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("store: list raw messages: %w", err)
	}
	defer rows.Close()
	var out []RawMessage
	for rows.Next() {
		var m RawMessage
		if err := scanRaw(rows, &m); err != nil {
			return nil, fmt.Errorf("store: list raw messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rowsErr(rows, "list raw messages")
}

func pageLimit(n int) int {
	switch {
	case n <= 0:
		return 100
	case n > 1000:
		return 1000
	}
	return n
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func rowsErr(rows *sql.Rows, what string) error {
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}

// notFound wraps sql.ErrNoRows as ErrNotFound, and other errors with context.
func notFound(err error, format string, args ...any) error {
	what := fmt.Sprintf(format, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("store: %s: %w", what, err)
}

// notFoundErr reports whether err means "no such row".
func notFoundErr(err error) bool { return errors.Is(err, sql.ErrNoRows) || errors.Is(err, ErrNotFound) }

// affected turns "no row changed" into ErrNotFound.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	if n == 0 {
		return fmt.Errorf("store: %s: %w", what, ErrNotFound)
	}
	return nil
}

// designator normalises a carrier or flight number for keys.
func designator(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
