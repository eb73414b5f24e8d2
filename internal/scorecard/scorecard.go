// Package scorecard measures what Chokepoint detected in a synthetic world
// against the world's ground truth: for each planted scenario type, how
// many planted travellers an alert of the right cause reached (recall) and
// how many of the alerts of that cause were right (precision), and how
// many ordinary travellers were alerted for nothing. It reads the store
// and never decides anything: the numbers are computed, never asserted.
package scorecard

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/synth"
)

// Scenario is the score of one scenario type.
type Scenario struct {
	Planted   int     `json:"planted"`
	Found     int     `json:"found"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	// Decoy types are innocent look-alikes: Alerted counts those wrongly
	// alerted, and recall/precision do not apply.
	Decoy   bool `json:"decoy,omitempty"`
	Alerted int  `json:"alerted,omitempty"`
	// Missed lists planted traveller ids not found (for analysts tuning).
	Missed []string `json:"missed,omitempty"`
}

// Card is the whole scorecard.
type Card struct {
	Scenarios          map[string]*Scenario `json:"scenarios"`
	FalseAlertsPer1000 float64              `json:"false_alerts_per_1000"`
	Ordinary           int                  `json:"ordinary_travellers"`
	OrdinaryAlerted    int                  `json:"ordinary_alerted"`
	Alerts             map[string]int       `json:"alerts_by_cause"`
	Unresolved         []string             `json:"unresolved,omitempty"`
}

// Reader is what the scorecard reads of the store.
type Reader interface {
	Identities(ctx context.Context, afterID int64, limit int) ([]store.Identity, error)
	IdentityTravellers(ctx context.Context, identityID int64) ([]store.FlightTraveller, error)
	Alerts(ctx context.Context, f store.AlertFilter) ([]store.Alert, error)
}

// causes says which alert causes detect each scenario type: a listed
// person must be matched to their own list entry; the travel patterns
// and networks are found by criteria and network signals.
var causes = map[string][]string{
	synth.ScenarioListed:        {store.CauseWatchlist},
	synth.ScenarioBrokenTravel:  {store.CauseCriterion},
	synth.ScenarioFacilitator:   {store.CauseCriterion, store.CauseNetwork},
	synth.ScenarioGrowingGroup:  {store.CauseCriterion, store.CauseNetwork},
	synth.ScenarioAgencyNetwork: {store.CauseCriterion, store.CauseNetwork},
}

// Compute scores the store's alerts against the ground truth.
func Compute(ctx context.Context, r Reader, gt synth.GroundTruth) (Card, error) {
	card := Card{Scenarios: map[string]*Scenario{}, Alerts: map[string]int{}}
	// Index identities by (record locator, surname) and (locator, given).
	type key struct{ loc, name string }
	byKey := map[key][]int64{}
	var all []int64
	var after int64
	for {
		page, err := r.Identities(ctx, after, 1000)
		if err != nil {
			return card, fmt.Errorf("identities: %w", err)
		}
		if len(page) == 0 {
			break
		}
		for _, id := range page {
			all = append(all, id.ID)
			fts, err := r.IdentityTravellers(ctx, id.ID)
			if err != nil {
				return card, fmt.Errorf("flights of identity %d: %w", id.ID, err)
			}
			for _, ft := range fts {
				loc := strings.ToUpper(ft.RecordLocator)
				for _, n := range []string{ft.Traveller.Surname, ft.Traveller.GivenNames} {
					n = strings.ToUpper(strings.TrimSpace(n))
					if loc != "" && n != "" {
						byKey[key{loc, n}] = appendOnce(byKey[key{loc, n}], id.ID)
					}
				}
			}
		}
		after = page[len(page)-1].ID
	}
	// Alerts by identity.
	alerts := map[int64][]store.Alert{}
	var before int64
	for {
		page, err := r.Alerts(ctx, store.AlertFilter{Before: before, Limit: 1000})
		if err != nil {
			return card, fmt.Errorf("alerts: %w", err)
		}
		if len(page) == 0 {
			break
		}
		for _, a := range page {
			alerts[a.IdentityID] = append(alerts[a.IdentityID], a)
			card.Alerts[a.Cause]++
		}
		before = page[len(page)-1].ID
	}
	// Planted travellers to identities: the booking and a name part.
	planted := map[int64]string{} // identity -> scenario type
	idsOf := map[string][]int64{}
	for _, t := range gt.Travellers {
		var ids []int64
		for _, loc := range t.RecordLocators {
			for _, n := range []string{t.Surname, t.DocSurname, t.GivenNames, t.DocGivenNames} {
				for _, id := range byKey[key{strings.ToUpper(loc), strings.ToUpper(n)}] {
					ids = appendOnce(ids, id)
				}
			}
		}
		if len(ids) == 0 {
			card.Unresolved = append(card.Unresolved, t.ID)
		}
		idsOf[t.ID] = ids
		for _, id := range ids {
			planted[id] = t.Scenario
		}
	}
	decoys := map[string]bool{}
	for _, s := range gt.Scenarios {
		if s.Decoy {
			decoys[s.Type] = true
		}
	}
	for _, t := range gt.Travellers {
		sc := card.Scenarios[t.Scenario]
		if sc == nil {
			sc = &Scenario{Decoy: decoys[t.Scenario]}
			card.Scenarios[t.Scenario] = sc
		}
		sc.Planted++
		hit := false
		for _, id := range idsOf[t.ID] {
			for _, a := range alerts[id] {
				if sc.Decoy {
					hit = true
				} else if detects(t, a) {
					hit = true
				}
			}
		}
		switch {
		case sc.Decoy && hit:
			sc.Alerted++
		case !sc.Decoy && hit:
			sc.Found++
		case !sc.Decoy:
			sc.Missed = append(sc.Missed, t.ID)
		}
	}
	// Precision: of the identities alerted for a cause that detects a
	// type, the share that were planted in that type.
	for typ, sc := range card.Scenarios {
		if sc.Decoy {
			continue
		}
		if sc.Planted > 0 {
			sc.Recall = float64(sc.Found) / float64(sc.Planted)
		}
		tp, fp := 0, 0
		for id, as := range alerts {
			if !anyCause(as, causes[typ]) {
				continue
			}
			switch planted[id] {
			case typ:
				tp++
			case "":
				fp++
			default:
				if decoys[planted[id]] {
					fp++
				}
			}
		}
		if tp+fp > 0 {
			sc.Precision = float64(tp) / float64(tp+fp)
		} else if sc.Planted == 0 {
			sc.Precision = 1
		}
	}
	for _, id := range all {
		if _, ok := planted[id]; ok {
			continue
		}
		card.Ordinary++
		if len(alerts[id]) > 0 {
			card.OrdinaryAlerted++
		}
	}
	if card.Ordinary > 0 {
		card.FalseAlertsPer1000 = 1000 * float64(card.OrdinaryAlerted) / float64(card.Ordinary)
	}
	sort.Strings(card.Unresolved)
	return card, nil
}

// detects reports whether an alert is the right detection of a planted
// traveller: a listed person's own entry, or a cause that finds the
// scenario's pattern.
func detects(t synth.Traveller, a store.Alert) bool {
	if t.Scenario == synth.ScenarioListed {
		return t.Listed != nil && a.Cause == store.CauseWatchlist && a.List == t.Listed.List && a.EntryID == t.Listed.ID
	}
	for _, c := range causes[t.Scenario] {
		if a.Cause == c {
			return true
		}
	}
	return false
}

func anyCause(as []store.Alert, cs []string) bool {
	for _, a := range as {
		for _, c := range cs {
			if a.Cause == c {
				return true
			}
		}
	}
	return false
}

func appendOnce(s []int64, v int64) []int64 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
