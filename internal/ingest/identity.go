package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/resolve"
	"github.com/chokepoint/chokepoint/internal/store"
)

// resolveIdentity gives the flight traveller an identity: the one it
// already has (adding what the new record says), an existing identity
// resolution decides it is, or a new one. It returns the decision to
// record once the flight traveller has its id; nil when the flight
// traveller kept the identity it had.
func (p *Pipeline) resolveIdentity(ctx context.Context, tx *store.Tx, ft *store.FlightTraveller, r resolve.Record) (*store.IdentityLink, error) {
	keys := resolve.Keys(r)
	if bk := bookingKey(r); bk != "" {
		keys = append(keys, bk)
	}
	if ft.IdentityID != 0 {
		id := identityFromRecord(r)
		id.ID = ft.IdentityID
		if _, err := tx.SaveIdentity(ctx, id, keys); err != nil {
			return nil, fmt.Errorf("%w: update identity %d: %w", errNoIdentity, ft.IdentityID, err)
		}
		return nil, nil
	}
	var cands []resolve.Identity
	var found []store.Candidate
	if len(keys) > 0 {
		var err error
		found, err = tx.CandidatesByKeys(ctx, keys)
		if err != nil {
			return nil, fmt.Errorf("%w: candidates: %w", errNoIdentity, err)
		}
		cands = make([]resolve.Identity, len(found))
		for i, c := range found {
			cands[i] = resolveIdentityOf(c.Identity)
		}
	}
	d := resolve.Decide(r, cands)
	// The same traveller of the same booking on another leg of its
	// itinerary is the same person, whatever else the data say or lack.
	if bk := bookingKey(r); bk != "" {
		for _, c := range found {
			// ...unless the birth dates disagree: then resolution's veto stands.
			conflict := r.BirthDate != "" && len(c.BirthDates) > 0 && !slices.Contains(c.BirthDates, r.BirthDate)
			if slices.Contains(c.Keys, bk) && !conflict {
				d = resolve.Decision{IdentityID: strconv.FormatInt(c.ID, 10), Confidence: 0.99,
					Explanation: []string{"same traveller of booking " + r.RecordLocator + " on another leg of its itinerary"}}
				break
			}
		}
	}
	id := identityFromRecord(r)
	decision := store.DecisionNew
	if !d.New {
		n, err := strconv.ParseInt(d.IdentityID, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: decision names identity %q", errNoIdentity, d.IdentityID)
		}
		id.ID = n
		decision = store.DecisionMatch
	}
	saved, err := tx.SaveIdentity(ctx, id, keys)
	if err != nil {
		return nil, fmt.Errorf("%w: save identity: %w", errNoIdentity, err)
	}
	ft.IdentityID = saved
	expl, _ := json.Marshal(struct {
		Explanation []string `json:"explanation"`
		Review      []string `json:"review,omitempty"`
	}{d.Explanation, d.Review})
	return &store.IdentityLink{
		IdentityID:  saved,
		Decision:    decision,
		Confidence:  d.Confidence,
		Explanation: expl,
		DecidedBy:   "resolve",
	}, nil
}

// resolveIdentityOf turns a stored identity into resolution's view of it.
func resolveIdentityOf(s store.Identity) resolve.Identity {
	id := resolve.Identity{
		ID:            strconv.FormatInt(s.ID, 10),
		BirthDates:    s.BirthDates,
		Nationalities: s.Nationalities,
		Phones:        s.Phones,
		Emails:        s.Emails,
	}
	for _, n := range s.Names {
		id.Names = append(id.Names, n.Surname+"/"+n.Given)
	}
	for _, d := range s.Documents {
		id.Documents = append(id.Documents, resolve.Document{Type: d.Type, Number: d.Number, Country: d.Country})
	}
	return id
}

// identityFromRecord is what a record adds to an identity.
func identityFromRecord(r resolve.Record) store.Identity {
	ri := resolve.NewIdentity("", r)
	id := store.Identity{
		BirthDates:    ri.BirthDates,
		Nationalities: ri.Nationalities,
		Phones:        ri.Phones,
		Emails:        ri.Emails,
	}
	for _, n := range ri.Names {
		sur, given, _ := strings.Cut(n, "/")
		id.Names = append(id.Names, store.PersonName{Surname: sur, Given: given})
	}
	for _, d := range ri.Documents {
		id.Documents = append(id.Documents, store.IdentityDocument{Type: d.Type, Number: d.Number, Country: d.Country})
	}
	return id
}

// bookingKey identifies a traveller within a booking: the record locator
// with the name as the booking writes it.
func bookingKey(r resolve.Record) string {
	if r.RecordLocator == "" || r.Surname == "" {
		return ""
	}
	return "bk:" + strings.ToUpper(r.RecordLocator) + "/" + strings.ToUpper(strings.TrimSpace(r.Surname)) + "/" + strings.ToUpper(strings.TrimSpace(r.GivenNames))
}
