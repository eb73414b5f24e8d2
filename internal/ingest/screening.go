package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chokepoint/chokepoint/internal/alert"
	"github.com/chokepoint/chokepoint/internal/screen"
	"github.com/chokepoint/chokepoint/internal/store"
)

// Query builds the screening query of a flight traveller.
func Query(ft *store.FlightTraveller) screen.Query {
	t := ft.Traveller
	q := screen.Query{
		ID:          fmt.Sprint(ft.ID),
		Given:       t.GivenNames,
		Surname:     t.Surname,
		BirthDate:   t.BirthDate,
		Nationality: t.Nationality,
		Gender:      t.Gender,
	}
	for _, d := range t.Documents {
		q.Documents = append(q.Documents, screen.QueryDocument{Type: d.Type, Number: d.Number, Country: d.IssuingCountry})
	}
	return q
}

// screen screens a flight traveller, stores the result with the list
// versions used, and raises (or updates) one alert per matching entry.
func (p *Pipeline) screen(ctx context.Context, tx *store.Tx, lists *Watchlists, ft *store.FlightTraveller) (int, error) {
	if lists.Screener.Len() == 0 {
		return 0, nil
	}
	matches := lists.Screener.Screen(Query(ft))
	data, err := json.Marshal(matches)
	if err != nil {
		return 0, err
	}
	if matches == nil {
		data = []byte("[]")
	}
	sc := &store.Screening{FlightTravellerID: ft.ID, Hits: len(matches), Matches: data, ListVersions: lists.VersionIDs}
	if err := tx.PutScreening(ctx, sc); err != nil {
		return 0, fmt.Errorf("store screening: %w", err)
	}
	for _, m := range matches {
		expl, err := json.Marshal(struct {
			Score       float64            `json:"score"`
			MatchedName string             `json:"matched_name"`
			Version     string             `json:"version,omitempty"`
			Detail      screen.Explanation `json:"detail"`
		}{m.Score, m.MatchedName, m.Version, m.Explanation})
		if err != nil {
			return 0, err
		}
		a := &store.Alert{
			IdentityID:        ft.IdentityID,
			FlightTravellerID: ft.ID,
			FlightID:          ft.FlightID,
			Cause:             store.CauseWatchlist,
			List:              m.List,
			EntryID:           m.EntryID,
			Severity:          severity(m),
			Priority:          priority(m.Score),
			Explanation:       expl,
		}
		if _, err := alert.Raise(ctx, tx, a, p.actor); err != nil {
			return 0, fmt.Errorf("alert for %s %s: %w", m.List, m.EntryID, err)
		}
	}
	return len(matches), nil
}

// severity of a watchlist hit: every listed terrorism or sanctions entry is
// high; a document match makes it critical.
func severity(m screen.Match) string {
	for _, c := range m.Explanation.Fields {
		if strings.EqualFold(c.Field, "document") && c.Delta > 0 {
			return "critical"
		}
	}
	return "high"
}

// priority orders the alert queue: 1 (most urgent) to 5.
func priority(score float64) int {
	switch {
	case score >= 0.97:
		return 1
	case score >= 0.92:
		return 2
	case score >= 0.87:
		return 3
	case score >= 0.83:
		return 4
	}
	return 5
}
