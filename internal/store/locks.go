package store

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
)

// LockKeys serialises, across concurrent writers, the work on the given
// blocking keys until the transaction ends: two workers resolving the same
// person at once would otherwise both create an identity for them. On
// PostgreSQL it takes transaction-scoped advisory locks in one global
// order (so two batches cannot deadlock); SQLite has a single writer and
// needs none. Call it first in a transaction, with every key the
// transaction may create or look up identities by.
func (c *conn) LockKeys(ctx context.Context, keys []string) error {
	if !c.pg() || len(keys) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		h := fnv.New64a()
		h.Write([]byte(k))
		ids = append(ids, int64(h.Sum64()))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, id := range ids {
		if _, err := c.exec(ctx, `SELECT pg_advisory_xact_lock($1)`, id); err != nil {
			return fmt.Errorf("store: lock keys: %w", err)
		}
	}
	return nil
}
