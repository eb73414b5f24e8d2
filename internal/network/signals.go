package network

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Network alert rules (store.Alert.Rule with Cause store.CauseNetwork).
const (
	// RuleLinkedConfirmed: linked within two hops to the traveller of a
	// confirmed alert.
	RuleLinkedConfirmed = "linked_to_confirmed_alert"
	// RuleLinkedWatchlisted: linked within two hops to a watchlisted
	// traveller (an identity with a watchlist alert not dismissed).
	RuleLinkedWatchlisted = "linked_to_watchlisted"
)

// SignalHops is how far a signal looks.
const SignalHops = 2

// Seed is a traveller whose associates deserve an analyst's look.
type Seed struct {
	IdentityID int64  `json:"identity_id"`
	AlertID    int64  `json:"alert_id"`
	Cause      string `json:"cause"`
	Status     string `json:"status"`
	// Rule is the network rule links to this seed raise.
	Rule string `json:"rule"`
}

// Seeds are the seed travellers by identity id.
type Seeds map[int64]Seed

// AlertLister lists alerts; *store.Store satisfies it.
type AlertLister interface {
	Alerts(ctx context.Context, f store.AlertFilter) ([]store.Alert, error)
}

// LoadSeeds reads the seeds: travellers of confirmed alerts (any cause),
// and watchlisted travellers (watchlist alerts not dismissed). A confirmed
// alert wins over a watchlist one for the same identity.
func LoadSeeds(ctx context.Context, l AlertLister) (Seeds, error) {
	seeds := Seeds{}
	each := func(f store.AlertFilter, fn func(store.Alert)) error {
		for {
			page, err := l.Alerts(ctx, f)
			if err != nil {
				return fmt.Errorf("network: load seeds: %w", err)
			}
			for _, a := range page {
				fn(a)
			}
			if len(page) == 0 || len(page) < max(f.Limit, 1) {
				return nil
			}
			f.Before = page[len(page)-1].ID
		}
	}
	err := each(store.AlertFilter{Cause: store.CauseWatchlist, Limit: 1000}, func(a store.Alert) {
		// A watchlist alert not yet reviewed makes a seed only when the
		// match is strong (top priority or a document match): weak name
		// matches are mostly namesakes, and linking their co-travellers
		// would multiply false alerts.
		strong := a.Status == store.AlertConfirmed || a.Status == store.AlertInReview || a.Priority == 1 || a.Severity == "critical"
		if a.IdentityID != 0 && a.Status != store.AlertDismissed && strong {
			if _, ok := seeds[a.IdentityID]; !ok {
				seeds[a.IdentityID] = Seed{IdentityID: a.IdentityID, AlertID: a.ID, Cause: a.Cause, Status: a.Status, Rule: RuleLinkedWatchlisted}
			}
		}
	})
	if err != nil {
		return nil, err
	}
	err = each(store.AlertFilter{Status: store.AlertConfirmed, Limit: 1000}, func(a store.Alert) {
		if a.IdentityID == 0 {
			return
		}
		if s, ok := seeds[a.IdentityID]; !ok || s.Rule != RuleLinkedConfirmed {
			seeds[a.IdentityID] = Seed{IdentityID: a.IdentityID, AlertID: a.ID, Cause: a.Cause, Status: a.Status, Rule: RuleLinkedConfirmed}
		}
	})
	if err != nil {
		return nil, err
	}
	return seeds, nil
}

// Link is a traveller's link to a seed.
type Link struct {
	Seed     Seed     `json:"seed"`
	Evidence Evidence `json:"evidence"`
}

// LinksToSeeds returns the seeds within SignalHops of a traveller, with
// the evidence, strongest first (a seed itself has no links to itself).
func (g *Graph) LinksToSeeds(identityID int64, seeds Seeds, names Namer) ([]Link, error) {
	if len(seeds) == 0 {
		return nil, nil
	}
	res, err := g.Expand(identityID, SignalHops, names)
	if err != nil {
		return nil, err
	}
	var out []Link
	for _, ev := range res.Evidence {
		if s, ok := seeds[ev.IdentityID]; ok {
			out = append(out, Link{Seed: s, Evidence: ev})
		}
	}
	return out, nil
}

// AlertWriter raises alerts; *store.Tx and *store.Store satisfy it.
type AlertWriter interface {
	UpsertAlert(ctx context.Context, a *store.Alert, actor string) (created bool, err error)
}

// Trigger is a traveller just committed, to check for signals.
type Trigger struct {
	IdentityID        int64
	FlightTravellerID int64
	FlightID          int64
}

// Actor is the actor alert events record for network signals.
const Actor = "system:network"

// Signals raises, for each triggered traveller linked within two hops to
// a seed, one alert per rule (cause network; deduplicated per identity and
// rule by the store) whose explanation holds every such link with its
// chain of evidence. Seeds themselves are not alerted. It returns the
// alerts raised or updated. An analyst decides: the alert says who is
// linked to whom and how, nothing more.
func (g *Graph) Signals(ctx context.Context, w AlertWriter, seeds Seeds, triggers []Trigger, names Namer) ([]store.Alert, error) {
	var out []store.Alert
	for _, t := range triggers {
		if _, isSeed := seeds[t.IdentityID]; isSeed || t.IdentityID == 0 {
			continue
		}
		links, err := g.LinksToSeeds(t.IdentityID, seeds, names)
		if err != nil {
			if errorsIsUnknown(err) {
				continue
			}
			return out, err
		}
		byRule := map[string][]Link{}
		for _, l := range links {
			// Weak chains (through an agency office, one adjacent seat)
			// are shown on expansion but do not alert on their own.
			if l.Evidence.Strength < MinSignalStrength {
				continue
			}
			byRule[l.Seed.Rule] = append(byRule[l.Seed.Rule], l)
		}
		rules := make([]string, 0, len(byRule))
		for r := range byRule {
			rules = append(rules, r)
		}
		slices.Sort(rules)
		for _, rule := range rules {
			ls := byRule[rule]
			if len(ls) > 10 {
				ls = ls[:10]
			}
			expl, err := json.Marshal(struct {
				Rule    string `json:"rule"`
				Summary string `json:"summary"`
				Links   []Link `json:"links"`
			}{rule, ls[0].Evidence.Text, ls})
			if err != nil {
				return out, fmt.Errorf("network: signal explanation: %w", err)
			}
			a := &store.Alert{
				IdentityID:        t.IdentityID,
				FlightTravellerID: t.FlightTravellerID,
				FlightID:          t.FlightID,
				Cause:             store.CauseNetwork,
				Rule:              rule,
				Severity:          "medium",
				Priority:          signalPriority(rule, ls[0].Evidence),
				Explanation:       expl,
			}
			if _, err := w.UpsertAlert(ctx, a, Actor); err != nil {
				return out, fmt.Errorf("network: raise alert for identity %d: %w", t.IdentityID, err)
			}
			out = append(out, *a)
		}
	}
	return out, nil
}

// MinSignalStrength is the weakest chain of evidence that raises a
// network alert: a shared phone, e-mail, card, document or booking, or
// repeated co-travel, not the mere use of one agency office.
const MinSignalStrength = 0.4

// signalPriority: 2 for a one-hop link of strength 0.5 or more to a confirmed alert's
// traveller, then 3 to 5 as links weaken.
func signalPriority(rule string, ev Evidence) int {
	p := 5
	switch {
	case ev.Strength >= 0.5:
		p = 3
	case ev.Strength >= 0.25:
		p = 4
	}
	if rule == RuleLinkedConfirmed && ev.Hops == 1 && p == 3 {
		p = 2
	}
	return p
}
