package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// AuditRecord is one entry of the append-only audit log: who did what to
// which object, when and for what purpose. Records are chained: Hash
// covers PrevHash (the previous record's Hash) and the record's content,
// so changing, removing or reordering a stored record breaks the chain.
type AuditRecord struct {
	Seq     int64
	At      time.Time
	Actor   string
	Action  string // e.g. "alert.status", "flight.read", "retention.depersonalise"
	Object  string // e.g. "alert:42", "flight:7"
	Purpose string
	// Detail is free text or JSON; it must not hold personal data.
	Detail   string
	PrevHash string
	Hash     string
}

// ErrAuditTampered is wrapped by the *AuditError VerifyAudit returns.
var ErrAuditTampered = errors.New("store: audit log chain broken")

// AuditError says where the audit chain breaks.
type AuditError struct {
	Seq    int64
	Reason string
}

func (e *AuditError) Error() string {
	return fmt.Sprintf("store: audit log chain broken at seq %d: %s", e.Seq, e.Reason)
}

func (e *AuditError) Unwrap() error { return ErrAuditTampered }

// auditHash is the chained hash of a record: SHA-256 over the previous
// hash and an unambiguous (JSON array) encoding of the content.
func auditHash(r AuditRecord) string {
	content, _ := json.Marshal([]any{r.Seq, r.At.UTC().Format(timeLayout), r.Actor, r.Action, r.Object, r.Purpose, r.Detail})
	h := sha256.New()
	h.Write([]byte(r.PrevHash))
	h.Write([]byte{'\n'})
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil))
}

// Audit appends a record to the audit log and returns its sequence number.
// Appends are serialised through the chain head row, so concurrent
// writers (PostgreSQL) chain one after the other.
func (c *conn) Audit(ctx context.Context, r AuditRecord) (int64, error) {
	if r.Actor == "" || r.Action == "" {
		return 0, fmt.Errorf("store: audit: actor and action are required: %w", ErrInvalid)
	}
	err := c.write(ctx, func(c *conn) error {
		if err := c.queryRow(ctx, `UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`, nil,
			&r.Seq, &r.PrevHash); err != nil {
			return err
		}
		r.At = c.now()
		r.Hash = auditHash(r)
		if _, err := c.exec(ctx, `INSERT INTO audit_log (seq, at, actor, action, object, purpose, detail, prev_hash, hash)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			r.Seq, c.tv(r.At), r.Actor, r.Action, r.Object, r.Purpose, r.Detail, r.PrevHash, r.Hash); err != nil {
			return err
		}
		_, err := c.exec(ctx, `UPDATE audit_head SET hash = $1 WHERE id = 1`, r.Hash)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: audit: %w", err)
	}
	return r.Seq, nil
}

const auditCols = `seq, at, actor, action, object, purpose, detail, prev_hash, hash`

func scanAudit(sc scanner, r *AuditRecord) error {
	return sc.Scan(&r.Seq, tcol(&r.At), &r.Actor, &r.Action, &r.Object, &r.Purpose, &r.Detail, &r.PrevHash, &r.Hash)
}

// AuditLog returns up to limit records after sequence number afterSeq, in
// order (zero limit means 100, at most 1000).
func (c *conn) AuditLog(ctx context.Context, afterSeq int64, limit int) ([]AuditRecord, error) {
	rows, err := c.query(ctx, `SELECT `+auditCols+` FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, afterSeq, pageLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditRecord
	for rows.Next() {
		var r AuditRecord
		if err := scanAudit(rows, &r); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		out = append(out, r)
	}
	return out, rowsErr(rows, "audit log")
}

// VerifyAudit checks the whole audit chain: sequence numbers without gaps
// from 1, each record's PrevHash equal to the previous Hash, each Hash
// recomputed from the content, and the last record equal to the chain
// head (so that removing the newest records is detected too). It returns
// the number of records checked, and an *AuditError (wrapping
// ErrAuditTampered) at the first break.
func (s *Store) VerifyAudit(ctx context.Context) (int64, error) {
	var opts *sql.TxOptions
	if s.backend == BackendPostgres {
		opts = &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	tx, err := s.r.BeginTx(ctx, opts) // one snapshot for the rows and the head
	if err != nil {
		return 0, fmt.Errorf("store: verify audit: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	var headSeq int64
	var headHash string
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&headSeq, &headHash); err != nil {
		return 0, fmt.Errorf("store: verify audit: read head: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditCols+` FROM audit_log ORDER BY seq`)
	if err != nil {
		return 0, fmt.Errorf("store: verify audit: %w", err)
	}
	defer rows.Close()
	var (
		n    int64
		prev string
	)
	for rows.Next() {
		var r AuditRecord
		if err := scanAudit(rows, &r); err != nil {
			return n, fmt.Errorf("store: verify audit: %w", err)
		}
		switch {
		case r.Seq != n+1:
			return n, &AuditError{Seq: n + 1, Reason: fmt.Sprintf("record missing (next stored is %d)", r.Seq)}
		case r.PrevHash != prev:
			return n, &AuditError{Seq: r.Seq, Reason: "previous hash does not match"}
		case auditHash(r) != r.Hash:
			return n, &AuditError{Seq: r.Seq, Reason: "content does not match its hash"}
		}
		prev = r.Hash
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("store: verify audit: %w", err)
	}
	if n != headSeq || prev != headHash {
		return n, &AuditError{Seq: n + 1, Reason: fmt.Sprintf("chain head is at %d, log ends at %d", headSeq, n)}
	}
	return n, nil
}
