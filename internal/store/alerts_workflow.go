package store

import (
	"context"
	"errors"
	"fmt"
)

// ErrStale is returned when an object changed between being read and being
// written: TransitionAlert finds the alert no longer in the status the
// caller decided from.
var ErrStale = errors.New("store: changed concurrently")

// AlertQueueFilter selects alerts for the analysts' queue. The zero value
// selects every alert.
type AlertQueueFilter struct {
	// Statuses keeps alerts in any of these statuses; empty keeps all.
	Statuses []string
	Cause    string
	// MaxPriority keeps alerts of priority 1..MaxPriority (1 is the most
	// urgent); zero keeps all.
	MaxPriority int
	IdentityID  int64
	FlightID    int64
	// Flight keeps alerts whose flight is designated by this carrier and
	// number ("TK1970"), as operating flight or as codeshare.
	Flight string
	// DateFrom and DateTo keep alerts whose flight departs (local date,
	// "2006-01-02") on or after DateFrom and on or before DateTo; empty
	// bounds are open. Alerts without a flight are dropped by either.
	DateFrom string
	DateTo   string
	// Limit caps the page (zero means 100, at most 1000); Offset skips
	// that many alerts of the queue order.
	Limit  int
	Offset int
}

// AlertQueueItem is an alert with the flight it is about (the zero Flight
// when the alert has none). Flight.Codeshares is not loaded.
type AlertQueueItem struct {
	Alert  Alert
	Flight Flight
}

const alertQueueCols = `a.id, a.dedup_key, a.identity_id, a.flight_traveller_id, a.flight_id, a.cause, a.rule, a.list,
	a.entry_id, a.severity, a.priority, a.status, a.explanation, a.created_at, a.updated_at,
	COALESCE(f.id, 0), COALESCE(f.carrier, ''), COALESCE(f.number, ''), COALESCE(f.departure_date, ''),
	COALESCE(f.origin, ''), COALESCE(f.destination, ''), COALESCE(f.departure_local, ''),
	COALESCE(f.arrival_local, ''), COALESCE(f.domestic, FALSE), f.created_at, f.updated_at`

func scanAlertQueueItem(sc scanner, it *AlertQueueItem) error {
	a, f := &it.Alert, &it.Flight
	return sc.Scan(&a.ID, &a.DedupKey, idCol{&a.IdentityID}, idCol{&a.FlightTravellerID}, idCol{&a.FlightID}, &a.Cause,
		&a.Rule, &a.List, &a.EntryID, &a.Severity, &a.Priority, &a.Status, jcol(&a.Explanation), tcol(&a.Created),
		tcol(&a.Updated), &f.ID, &f.Carrier, &f.Number, &f.DepartureDate, &f.Origin, &f.Destination,
		&f.DepartureLocal, &f.ArrivalLocal, &f.Domestic, tcol(&f.Created), tcol(&f.Updated))
}

// AlertQueue lists alerts in queue order: by priority (1 first; priority 0,
// unset, last), then by the flight's scheduled local departure (alerts
// without a flight last), then by id.
func (c *conn) AlertQueue(ctx context.Context, f AlertQueueFilter) ([]AlertQueueItem, error) {
	statuses, err := c.listArg(append([]string(nil), f.Statuses...))
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, `SELECT `+alertQueueCols+` FROM alerts a LEFT JOIN flights f ON f.id = a.flight_id
		WHERE ($1 = 0 OR a.status IN (`+c.listSQL(2, "text")+`))
		AND ($3 = '' OR a.cause = $3)
		AND ($4 = 0 OR (a.priority >= 1 AND a.priority <= $4))
		AND ($5 = 0 OR a.identity_id = $5)
		AND ($6 = 0 OR a.flight_id = $6)
		AND ($7 = '' OR f.carrier || f.number = $7 OR EXISTS (SELECT 1 FROM flight_codeshares c
			WHERE c.flight_id = f.id AND c.carrier || c.number = $7))
		AND ($8 = '' OR f.departure_date >= $8)
		AND ($9 = '' OR f.departure_date <= $9)
		ORDER BY CASE WHEN a.priority > 0 THEN a.priority ELSE 2147483647 END,
			CASE WHEN f.id IS NULL THEN 1 ELSE 0 END,
			CASE WHEN COALESCE(f.departure_local, '') <> '' THEN f.departure_local ELSE COALESCE(f.departure_date, '') END,
			a.id
		LIMIT $10 OFFSET $11`,
		len(f.Statuses), statuses, f.Cause, f.MaxPriority, f.IdentityID, f.FlightID, f.Flight, f.DateFrom, f.DateTo,
		pageLimit(f.Limit), max(f.Offset, 0))
	if err != nil {
		return nil, fmt.Errorf("store: alert queue: %w", err)
	}
	defer rows.Close()
	var out []AlertQueueItem
	for rows.Next() {
		var it AlertQueueItem
		if err := scanAlertQueueItem(rows, &it); err != nil {
			return nil, fmt.Errorf("store: alert queue: %w", err)
		}
		out = append(out, it)
	}
	return out, rowsErr(rows, "alert queue")
}

// QueuedAlert returns one alert with its flight, as AlertQueue lists it.
func (c *conn) QueuedAlert(ctx context.Context, id int64) (AlertQueueItem, error) {
	var it AlertQueueItem
	if err := scanAlertQueueItem(c.row(ctx, `SELECT `+alertQueueCols+` FROM alerts a
		LEFT JOIN flights f ON f.id = a.flight_id WHERE a.id = $1`, id), &it); err != nil {
		return AlertQueueItem{}, notFound(err, "alert %d", id)
	}
	return it, nil
}

// AlertByKey returns the stored alert that UpsertAlert would update for a
// (same identity or flight traveller, cause, and rule or list entry);
// ErrNotFound when there is none.
func (c *conn) AlertByKey(ctx context.Context, a Alert) (Alert, error) {
	key := alertDedupKey(&a)
	var out Alert
	if err := scanAlert(c.row(ctx, `SELECT `+alertCols+` FROM alerts WHERE dedup_key = $1`, key), &out); err != nil {
		return Alert{}, notFound(err, "alert %q", key)
	}
	return out, nil
}

// TransitionAlert moves an alert from status from to status to, provided it
// is still in status from (ErrStale otherwise, ErrNotFound when there is no
// such alert), recording who, when, the change and the reason as an alert
// event and in the audit log, in one transaction. It does not judge whether
// the transition is allowed: the alert workflow does.
func (c *conn) TransitionAlert(ctx context.Context, id int64, from, to, actor, reason string) error {
	if !validAlertStatus(from) || !validAlertStatus(to) || from == to {
		return fmt.Errorf("store: transition alert %d %q -> %q: %w", id, from, to, ErrInvalid)
	}
	if actor == "" {
		return fmt.Errorf("store: transition alert %d: no actor: %w", id, ErrInvalid)
	}
	return c.write(ctx, func(c *conn) error {
		now := c.now()
		res, err := c.exec(ctx, `UPDATE alerts SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4`,
			to, c.tv(now), id, from)
		if err != nil {
			return fmt.Errorf("store: transition alert %d: %w", id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: transition alert %d: %w", id, err)
		}
		if n == 0 {
			var cur string
			if err := c.queryRow(ctx, `SELECT status FROM alerts WHERE id = $1`, []any{id}, &cur); err != nil {
				return notFound(err, "alert %d", id)
			}
			return fmt.Errorf("store: alert %d is %s, not %s: %w", id, cur, from, ErrStale)
		}
		if err := c.alertEvent(ctx, id, now, actor, from, to, reason); err != nil {
			return fmt.Errorf("store: transition alert %d: %w", id, err)
		}
		if _, err := c.Audit(ctx, AuditRecord{Actor: actor, Action: "alert.status", Object: fmt.Sprintf("alert:%d", id),
			Purpose: reason, Detail: from + "->" + to}); err != nil {
			return fmt.Errorf("store: transition alert %d: %w", id, err)
		}
		return nil
	})
}

// NoteAlert records a note on an alert without changing its status: an
// alert event from its status to the same status, with note as the
// reason, and an audit record (action "alert.note").
func (c *conn) NoteAlert(ctx context.Context, id int64, actor, note string) error {
	if actor == "" || note == "" {
		return fmt.Errorf("store: note alert %d: no actor or note: %w", id, ErrInvalid)
	}
	return c.write(ctx, func(c *conn) error {
		var status string
		if err := c.queryRow(ctx, `SELECT status FROM alerts WHERE id = $1`, []any{id}, &status); err != nil {
			return notFound(err, "alert %d", id)
		}
		now := c.now()
		if err := c.alertEvent(ctx, id, now, actor, status, status, note); err != nil {
			return fmt.Errorf("store: note alert %d: %w", id, err)
		}
		if _, err := c.Audit(ctx, AuditRecord{Actor: actor, Action: "alert.note", Object: fmt.Sprintf("alert:%d", id),
			Purpose: "alert workflow", Detail: status}); err != nil {
			return fmt.Errorf("store: note alert %d: %w", id, err)
		}
		return nil
	})
}
