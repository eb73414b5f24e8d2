package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Raiser is what Raise needs: *store.Tx (atomic, for the ingest pipeline)
// or *store.Store.
type Raiser interface {
	AlertByKey(ctx context.Context, a store.Alert) (store.Alert, error)
	UpsertAlert(ctx context.Context, a *store.Alert, actor string) (bool, error)
	NoteAlert(ctx context.Context, id int64, actor, note string) error
}

// Raised reports what Raise did.
type Raised struct {
	// Created is set when the alert is new; otherwise an existing alert
	// with the same dedup key was updated and kept its status.
	Created bool
	// Stronger is set when a dismissed alert was re-raised with materially
	// stronger evidence (see Stronger) and a note was added to its events.
	Stronger bool
}

// Raise raises an alert or updates the existing one with the same dedup
// key (store.UpsertAlert), which keeps its status: a re-raised alert is
// never reopened, let alone confirmed, automatically. When the existing
// alert was dismissed and the new evidence is materially stronger
// (Stronger), a note saying so is added to its events for analysts to see
// (and to reopen it if they judge so).
func Raise(ctx context.Context, r Raiser, a *store.Alert, actor string) (Raised, error) {
	prev, err := r.AlertByKey(ctx, *a)
	found := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return Raised{}, fmt.Errorf("alert: raise: %w", err)
	}
	created, err := r.UpsertAlert(ctx, a, actor)
	if err != nil {
		return Raised{}, fmt.Errorf("alert: raise: %w", err)
	}
	out := Raised{Created: created}
	if !found || created || prev.Status != store.AlertDismissed {
		return out, nil
	}
	if why, ok := Stronger(prev, *a); ok {
		note := "re-raised while dismissed with materially stronger evidence (" + why + "); reopen to review"
		if err := r.NoteAlert(ctx, a.ID, actor, note); err != nil {
			return out, fmt.Errorf("alert: raise: %w", err)
		}
		out.Stronger = true
	}
	return out, nil
}

// StrongerScore is the rise of the match score (0..1) that makes new
// evidence materially stronger.
const StrongerScore = 0.05

// severityRank orders severities; unknown ones rank 0.
func severityRank(s string) int {
	switch strings.ToLower(s) {
	case "low":
		return 1
	case "medium":
		return 2
	case "high":
		return 3
	case "critical":
		return 4
	}
	return 0
}

// score reads the top-level "score" of an explanation.
func score(expl json.RawMessage) (float64, bool) {
	var v struct {
		Score *float64 `json:"score"`
	}
	if len(expl) == 0 || json.Unmarshal(expl, &v) != nil || v.Score == nil {
		return 0, false
	}
	return *v.Score, true
}

// Stronger reports whether the evidence of next is materially stronger
// than that of prev, and says why: the explanation's score rose by at
// least StrongerScore, or the severity rose (low < medium < high <
// critical), or, when neither carries a score, the priority became more
// urgent.
func Stronger(prev, next store.Alert) (string, bool) {
	var why []string
	ps, pok := score(prev.Explanation)
	ns, nok := score(next.Explanation)
	if pok && nok && ns-ps >= StrongerScore-1e-9 {
		why = append(why, fmt.Sprintf("score %.3f -> %.3f", ps, ns))
	}
	if severityRank(next.Severity) > severityRank(prev.Severity) {
		why = append(why, fmt.Sprintf("severity %s -> %s", prev.Severity, next.Severity))
	}
	if !pok && !nok && next.Priority > 0 && (prev.Priority == 0 || next.Priority < prev.Priority) {
		why = append(why, fmt.Sprintf("priority %d -> %d", prev.Priority, next.Priority))
	}
	return strings.Join(why, "; "), len(why) > 0
}
