package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// WatchlistVersion is one import of one watchlist.
type WatchlistVersion struct {
	ID     int64
	List   string
	Format string
	// Source is the file or URL imported.
	Source string
	// ListDate is the list's own publication date, when it gives one.
	ListDate string
	// Digest identifies the content; PutWatchlistVersion computes it from
	// the entries when empty.
	Digest     string
	Imported   time.Time
	EntryCount int
	// PreviousID is the version of the same list this one follows (0 for
	// the first), and Changes what changed since.
	PreviousID int64
	Changes    watchlist.Changes
}

// EntriesDigest is the digest of a set of entries: SHA-256 over the
// entries' ids and watchlist.EntryDigest, in id order.
func EntriesDigest(entries []watchlist.Entry) string {
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = e.ID + "\x00" + watchlist.EntryDigest(e) + "\n"
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		io.WriteString(h, l)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// PutWatchlistVersion stores an import of a list with its entries and the
// changes since the list's latest version. When the content is the same
// as the latest version's (same digest), nothing is stored and that
// version is returned with unchanged set. The import is recorded in the
// audit log as actor.
func (c *conn) PutWatchlistVersion(ctx context.Context, v WatchlistVersion, entries []watchlist.Entry, actor string) (out WatchlistVersion, unchanged bool, err error) {
	if v.List == "" {
		return WatchlistVersion{}, false, fmt.Errorf("store: put watchlist version: no list name: %w", ErrInvalid)
	}
	if v.Digest == "" {
		v.Digest = EntriesDigest(entries)
	}
	blob, err := packEntries(entries)
	if err != nil {
		return WatchlistVersion{}, false, err
	}
	err = c.write(ctx, func(c *conn) error {
		prev, err := c.latestVersion(ctx, v.List)
		switch {
		case err == nil && prev.Digest == v.Digest:
			out, unchanged = prev, true
			return nil
		case err == nil:
			old, err := c.Entries(ctx, prev.ID)
			if err != nil {
				return err
			}
			v.PreviousID = prev.ID
			v.Changes = watchlist.Diff(old, entries)
		case notFoundErr(err):
			ids := make([]string, len(entries))
			for i, e := range entries {
				ids[i] = e.ID
			}
			sort.Strings(ids)
			v.Changes = watchlist.Changes{Added: ids}
		default:
			return err
		}
		v.Changes.Added, v.Changes.Changed, v.Changes.Removed = nonNil(v.Changes.Added), nonNil(v.Changes.Changed), nonNil(v.Changes.Removed)
		changes, err := jsonv(v.Changes)
		if err != nil {
			return err
		}
		v.Imported, v.EntryCount = c.now(), len(entries)
		if err := c.queryRow(ctx, `INSERT INTO watchlist_versions
			(list, format, source, list_date, digest, imported_at, entry_count, previous_id, changes, entries)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			[]any{v.List, v.Format, v.Source, v.ListDate, v.Digest, c.tv(v.Imported), v.EntryCount, nullID(v.PreviousID),
				changes, blob}, &v.ID); err != nil {
			return err
		}
		out = v
		_, err = c.Audit(ctx, AuditRecord{Actor: actor, Action: "watchlist.import", Object: fmt.Sprintf("watchlist_version:%d", v.ID),
			Detail: fmt.Sprintf("list=%s entries=%d added=%d changed=%d removed=%d", v.List, v.EntryCount,
				len(v.Changes.Added), len(v.Changes.Changed), len(v.Changes.Removed))})
		return err
	})
	if err != nil {
		return WatchlistVersion{}, false, fmt.Errorf("store: put watchlist version %s: %w", v.List, err)
	}
	return out, unchanged, nil
}

// packEntries is the stored form of a version's entries: gzip'd JSON.
func packEntries(entries []watchlist.Entry) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if err := json.NewEncoder(zw).Encode(nonNil(entries)); err != nil {
		return nil, fmt.Errorf("store: encode watchlist entries: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("store: compress watchlist entries: %w", err)
	}
	return buf.Bytes(), nil
}

const versionCols = `id, list, format, source, list_date, digest, imported_at, entry_count, previous_id, changes`

func scanVersion(sc scanner, v *WatchlistVersion) error {
	var changes json.RawMessage
	if err := sc.Scan(&v.ID, &v.List, &v.Format, &v.Source, &v.ListDate, &v.Digest, tcol(&v.Imported), &v.EntryCount,
		idCol{&v.PreviousID}, jcol(&changes)); err != nil {
		return err
	}
	return json.Unmarshal(changes, &v.Changes)
}

func (c *conn) versions(ctx context.Context, q string, args ...any) ([]WatchlistVersion, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: watchlist versions: %w", err)
	}
	defer rows.Close()
	var out []WatchlistVersion
	for rows.Next() {
		var v WatchlistVersion
		if err := scanVersion(rows, &v); err != nil {
			return nil, fmt.Errorf("store: watchlist versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rowsErr(rows, "watchlist versions")
}

func (c *conn) latestVersion(ctx context.Context, list string) (WatchlistVersion, error) {
	var v WatchlistVersion
	err := scanVersion(c.row(ctx, `SELECT `+versionCols+` FROM watchlist_versions WHERE list = $1 ORDER BY id DESC LIMIT 1`, list), &v)
	return v, err
}

// WatchlistVersion returns one version (without its entries).
func (c *conn) WatchlistVersion(ctx context.Context, id int64) (WatchlistVersion, error) {
	var v WatchlistVersion
	if err := scanVersion(c.row(ctx, `SELECT `+versionCols+` FROM watchlist_versions WHERE id = $1`, id), &v); err != nil {
		return WatchlistVersion{}, notFound(err, "watchlist version %d", id)
	}
	return v, nil
}

// LatestVersions returns the latest version of every list, by list name:
// what a screener is built from at start.
func (c *conn) LatestVersions(ctx context.Context) ([]WatchlistVersion, error) {
	return c.versions(ctx, `SELECT `+versionCols+` FROM watchlist_versions v
		WHERE id = (SELECT MAX(id) FROM watchlist_versions w WHERE w.list = v.list) ORDER BY list`)
}

// Versions returns the versions of one list, newest first.
func (c *conn) Versions(ctx context.Context, list string) ([]WatchlistVersion, error) {
	return c.versions(ctx, `SELECT `+versionCols+` FROM watchlist_versions WHERE list = $1 ORDER BY id DESC`, list)
}

// Entries returns the entries of a version.
func (c *conn) Entries(ctx context.Context, versionID int64) ([]watchlist.Entry, error) {
	var blob []byte
	if err := c.queryRow(ctx, `SELECT entries FROM watchlist_versions WHERE id = $1`, []any{versionID}, &blob); err != nil {
		return nil, notFound(err, "watchlist version %d", versionID)
	}
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, fmt.Errorf("store: entries of watchlist version %d: %w", versionID, err)
	}
	var out []watchlist.Entry
	if err := json.NewDecoder(zr).Decode(&out); err != nil {
		return nil, fmt.Errorf("store: entries of watchlist version %d: %w", versionID, err)
	}
	return out, nil
}
