package store

import (
	"context"
	"fmt"
)

// Identities lists identities in id order, skipping those merged into
// another: the page after afterID, up to limit (zero means 100, at most
// 1000).
func (c *conn) Identities(ctx context.Context, afterID int64, limit int) ([]Identity, error) {
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	rows, err := c.query(ctx, `SELECT `+identityCols+` FROM identities i
		WHERE i.id > $1 AND i.merged_into IS NULL ORDER BY i.id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: identities: %w", err)
	}
	defer rows.Close()
	var out []Identity
	for rows.Next() {
		var id Identity
		if err := scanIdentity(rows, &id); err != nil {
			return nil, fmt.Errorf("store: identities: %w", err)
		}
		out = append(out, id)
	}
	return out, rowsErr(rows, "identities")
}
