package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// timeLayout is how SQLite stores instants: fixed-width UTC text, so that
// text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// tv converts t into the value the backend stores; the zero time is NULL.
func (c *conn) tv(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Microsecond)
	if c.pg() {
		return t
	}
	return t.Format(timeLayout)
}

// timeCol scans an instant from either backend; NULL scans as the zero time.
type timeCol struct{ t *time.Time }

func (tc timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*tc.t = time.Time{}
	case time.Time:
		*tc.t = v.UTC()
	case string:
		return tc.parse(v)
	case []byte:
		return tc.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T as time", src)
	}
	return nil
}

func (tc timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("store: bad stored time %q: %w", s, err)
	}
	*tc.t = t.UTC()
	return nil
}

// tcol returns a scanner for an instant column.
func tcol(t *time.Time) timeCol { return timeCol{t} }

// jsonCol scans a JSON column (text or jsonb) into raw bytes.
type jsonCol struct{ b *json.RawMessage }

func (jc jsonCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*jc.b = nil
	case string:
		*jc.b = json.RawMessage(v)
	case []byte:
		*jc.b = append(json.RawMessage(nil), v...)
	default:
		return fmt.Errorf("store: cannot scan %T as JSON", src)
	}
	return nil
}

func jcol(b *json.RawMessage) jsonCol { return jsonCol{b} }

// jsonv marshals v for a JSON column; nil becomes "null" for documents
// that must not be NULL.
func jsonv(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("store: encode JSON: %w", err)
	}
	return string(b), nil
}

// rawv returns raw JSON for a column, "{}" when empty.
func rawv(b json.RawMessage, empty string) (string, error) {
	if len(b) == 0 {
		return empty, nil
	}
	if !json.Valid(b) {
		return "", fmt.Errorf("store: invalid JSON document: %w", ErrInvalid)
	}
	return string(b), nil
}

// nullID turns 0 into NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idCol scans a nullable id; NULL scans as 0.
type idCol struct{ p *int64 }

func (ic idCol) Scan(src any) error {
	var n sql.NullInt64
	if err := n.Scan(src); err != nil {
		return err
	}
	*ic.p = n.Int64
	return nil
}

// listArg passes a list of strings or ids as one parameter: a JSON array
// read with json_each on SQLite, an array on PostgreSQL (see listSQL).
func listArg[T string | int64](c *conn, v []T) (any, error) {
	if v == nil {
		v = []T{}
	}
	if c.pg() {
		return v, nil
	}
	return jsonv(v)
}

func (c *conn) listArg(v any) (any, error) {
	switch l := v.(type) {
	case []string:
		return listArg(c, l)
	case []int64:
		return listArg(c, l)
	}
	return nil, fmt.Errorf("store: list of %T: %w", v, ErrInvalid)
}

// listSQL is a subquery yielding the rows of the list parameter $n, whose
// PostgreSQL element type is pgType ("text", "bigint").
func (c *conn) listSQL(n int, pgType string) string {
	if c.pg() {
		return fmt.Sprintf("SELECT unnest($%d::%s[]) AS value", n, pgType)
	}
	return fmt.Sprintf("SELECT value FROM json_each($%d)", n)
}
