package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Alert causes.
const (
	CauseWatchlist = "watchlist"
	CauseCriterion = "criterion"
	CauseNetwork   = "network"
)

// Alert statuses.
const (
	AlertNew       = "new"
	AlertInReview  = "in_review"
	AlertConfirmed = "confirmed"
	AlertDismissed = "dismissed"
)

// Alert puts a hit in front of analysts.
type Alert struct {
	ID                int64
	IdentityID        int64
	FlightTravellerID int64
	FlightID          int64
	// Cause is CauseWatchlist, CauseCriterion or CauseNetwork.
	Cause string
	// Rule names the criterion or network rule; List and EntryID the
	// watchlist entry.
	Rule     string
	List     string
	EntryID  string
	Severity string
	Priority int
	Status   string
	// Explanation is the JSON the analyst sees (scores, matched fields).
	Explanation json.RawMessage
	// DedupKey identifies the alert across messages: traveller identity
	// (or flight traveller when unresolved), cause, and rule or entry.
	DedupKey string
	Created  time.Time
	Updated  time.Time
}

// AlertEvent is one change of an alert, its audit trail.
type AlertEvent struct {
	ID      int64
	AlertID int64
	At      time.Time
	Actor   string
	From    string // "" for the creation
	To      string
	Reason  string
}

func validAlertStatus(s string) bool {
	switch s {
	case AlertNew, AlertInReview, AlertConfirmed, AlertDismissed:
		return true
	}
	return false
}

// alertDedupKey is the identity (or flight traveller) + cause + rule or
// list entry.
func alertDedupKey(a *Alert) string {
	who := fmt.Sprintf("i%d", a.IdentityID)
	if a.IdentityID == 0 {
		who = fmt.Sprintf("ft%d", a.FlightTravellerID)
	}
	what := a.Rule
	if a.Cause == CauseWatchlist {
		what = a.List + ":" + a.EntryID
	}
	return who + "|" + a.Cause + "|" + what
}

// UpsertAlert raises an alert, or updates the existing alert with the same
// dedup key (same identity, cause and rule or entry): its flight,
// traveller, severity, priority and explanation take the new values, its
// status is kept. Both are recorded as alert events by actor. It sets
// a.ID, a.DedupKey and a.Status, and reports whether the alert is new.
func (c *conn) UpsertAlert(ctx context.Context, a *Alert, actor string) (created bool, err error) {
	switch a.Cause {
	case CauseWatchlist, CauseCriterion, CauseNetwork:
	default:
		return false, fmt.Errorf("store: upsert alert: cause %q: %w", a.Cause, ErrInvalid)
	}
	if a.IdentityID == 0 && a.FlightTravellerID == 0 {
		return false, fmt.Errorf("store: upsert alert: no identity or flight traveller: %w", ErrInvalid)
	}
	expl, err := rawv(a.Explanation, "{}")
	if err != nil {
		return false, err
	}
	a.DedupKey = alertDedupKey(a)
	err = c.write(ctx, func(c *conn) error {
		now := c.now()
		a.Updated = now
		var prevStatus string
		err := c.queryRow(ctx, `SELECT id, status FROM alerts WHERE dedup_key = $1`, []any{a.DedupKey}, &a.ID, &prevStatus)
		switch {
		case err == nil:
			a.Status = prevStatus
			if _, err := c.exec(ctx, `UPDATE alerts SET identity_id = $1, flight_traveller_id = $2, flight_id = $3,
				severity = $4, priority = $5, explanation = $6, updated_at = $7 WHERE id = $8`,
				nullID(a.IdentityID), nullID(a.FlightTravellerID), nullID(a.FlightID), a.Severity, a.Priority, expl,
				c.tv(now), a.ID); err != nil {
				return err
			}
			return c.alertEvent(ctx, a.ID, now, actor, prevStatus, prevStatus, "updated by new data")
		case notFoundErr(err):
			a.Status, created = AlertNew, true
			if err := c.queryRow(ctx, `INSERT INTO alerts (dedup_key, identity_id, flight_traveller_id, flight_id, cause,
				rule, list, entry_id, severity, priority, status, explanation, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
				[]any{a.DedupKey, nullID(a.IdentityID), nullID(a.FlightTravellerID), nullID(a.FlightID), a.Cause, a.Rule,
					a.List, a.EntryID, a.Severity, a.Priority, a.Status, expl, c.tv(now)}, &a.ID); err != nil {
				return err
			}
			a.Created = now
			return c.alertEvent(ctx, a.ID, now, actor, "", AlertNew, "raised")
		default:
			return err
		}
	})
	if err != nil {
		return false, fmt.Errorf("store: upsert alert: %w", err)
	}
	return created, nil
}

func (c *conn) alertEvent(ctx context.Context, id int64, at time.Time, actor, from, to, reason string) error {
	_, err := c.exec(ctx, `INSERT INTO alert_events (alert_id, at, actor, from_status, to_status, reason)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, c.tv(at), actor, from, to, reason)
	return err
}

// SetAlertStatus moves an alert to status to, recording who, when, the
// change and the reason as an alert event and in the audit log. Setting
// the status it already has is refused (ErrInvalid).
func (c *conn) SetAlertStatus(ctx context.Context, id int64, to, actor, reason string) error {
	if !validAlertStatus(to) {
		return fmt.Errorf("store: set alert status %q: %w", to, ErrInvalid)
	}
	if actor == "" {
		return fmt.Errorf("store: set alert status: no actor: %w", ErrInvalid)
	}
	return c.write(ctx, func(c *conn) error {
		var from string
		if err := c.queryRow(ctx, `SELECT status FROM alerts WHERE id = $1`, []any{id}, &from); err != nil {
			return notFound(err, "alert %d", id)
		}
		if from == to {
			return fmt.Errorf("store: alert %d is already %s: %w", id, to, ErrInvalid)
		}
		now := c.now()
		if _, err := c.exec(ctx, `UPDATE alerts SET status = $1, updated_at = $2 WHERE id = $3`, to, c.tv(now), id); err != nil {
			return fmt.Errorf("store: set alert status: %w", err)
		}
		if err := c.alertEvent(ctx, id, now, actor, from, to, reason); err != nil {
			return fmt.Errorf("store: set alert status: %w", err)
		}
		_, err := c.Audit(ctx, AuditRecord{Actor: actor, Action: "alert.status", Object: fmt.Sprintf("alert:%d", id),
			Purpose: reason, Detail: from + "->" + to})
		return err
	})
}

const alertCols = `id, dedup_key, identity_id, flight_traveller_id, flight_id, cause, rule, list, entry_id, severity,
	priority, status, explanation, created_at, updated_at`

func scanAlert(sc scanner, a *Alert) error {
	return sc.Scan(&a.ID, &a.DedupKey, idCol{&a.IdentityID}, idCol{&a.FlightTravellerID}, idCol{&a.FlightID}, &a.Cause,
		&a.Rule, &a.List, &a.EntryID, &a.Severity, &a.Priority, &a.Status, jcol(&a.Explanation), tcol(&a.Created),
		tcol(&a.Updated))
}

// Alert returns an alert.
func (c *conn) Alert(ctx context.Context, id int64) (Alert, error) {
	var a Alert
	if err := scanAlert(c.row(ctx, `SELECT `+alertCols+` FROM alerts WHERE id = $1`, id), &a); err != nil {
		return Alert{}, notFound(err, "alert %d", id)
	}
	return a, nil
}

// AlertFilter selects alerts to list; the zero value lists all, newest first.
type AlertFilter struct {
	Status     string
	Cause      string
	IdentityID int64
	// Before is the pagination cursor: only ids below it. Zero starts
	// from the newest.
	Before int64
	// Limit caps the page; zero means 100, at most 1000.
	Limit int
}

// Alerts lists alerts, newest first; the next page is Alerts with Before
// set to the last ID returned.
func (c *conn) Alerts(ctx context.Context, f AlertFilter) ([]Alert, error) {
	rows, err := c.query(ctx, `SELECT `+alertCols+` FROM alerts
		WHERE ($1 = '' OR status = $1) AND ($2 = '' OR cause = $2) AND ($3 = 0 OR identity_id = $3) AND ($4 = 0 OR id < $4)
		ORDER BY id DESC LIMIT $5`, f.Status, f.Cause, f.IdentityID, f.Before, pageLimit(f.Limit))
	if err != nil {
		return nil, fmt.Errorf("store: alerts: %w", err)
	}
	defer rows.Close()
	var out []Alert
	for rows.Next() {
		var a Alert
		if err := scanAlert(rows, &a); err != nil {
			return nil, fmt.Errorf("store: alerts: %w", err)
		}
		out = append(out, a)
	}
	return out, rowsErr(rows, "alerts")
}

// AlertEvents returns an alert's events, oldest first.
func (c *conn) AlertEvents(ctx context.Context, alertID int64) ([]AlertEvent, error) {
	rows, err := c.query(ctx, `SELECT id, alert_id, at, actor, from_status, to_status, reason FROM alert_events
		WHERE alert_id = $1 ORDER BY id`, alertID)
	if err != nil {
		return nil, fmt.Errorf("store: alert events: %w", err)
	}
	defer rows.Close()
	var out []AlertEvent
	for rows.Next() {
		var e AlertEvent
		if err := rows.Scan(&e.ID, &e.AlertID, tcol(&e.At), &e.Actor, &e.From, &e.To, &e.Reason); err != nil {
			return nil, fmt.Errorf("store: alert events: %w", err)
		}
		out = append(out, e)
	}
	return out, rowsErr(rows, "alert events")
}
