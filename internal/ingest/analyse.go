package ingest

import (
	"context"
	"fmt"
	"sort"

	"github.com/chokepoint/chokepoint/internal/alert"
	"github.com/chokepoint/chokepoint/internal/criteria"
	"github.com/chokepoint/chokepoint/internal/journey"
	"github.com/chokepoint/chokepoint/internal/store"
)

// Criteria are the risk criteria in force: the checker that builds
// subjects and the engine of active criteria.
type Criteria struct {
	Checker *criteria.Checker
	Engine  *criteria.Engine
}

// LoadCriteria compiles the active criteria in the store.
func LoadCriteria(ctx context.Context, st *store.Store, checker *criteria.Checker) (*Criteria, error) {
	active, err := st.Criteria(ctx, store.CriterionActive)
	if err != nil {
		return nil, fmt.Errorf("active criteria: %w", err)
	}
	return &Criteria{Checker: checker, Engine: checker.NewEngine(active)}, nil
}

// SetCriteria replaces the criteria in force (after an activation).
func (p *Pipeline) SetCriteria(c *Criteria) { p.criteria.Store(c) }

// analyse runs, inside the batch's transaction, what follows resolution
// for the flight travellers the batch touched: their identities' journeys
// are rebuilt and stored, and every active criterion is evaluated on each
// traveller with its booking, flight and journey; a hit raises an alert
// (cause criterion) for an analyst to decide.
func (p *Pipeline) analyse(ctx context.Context, tx *store.Tx, touched map[int64]*store.FlightTraveller) error {
	if p.journeys == nil || len(touched) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	journeys := map[int64][]store.JourneyRecord{}
	for _, id := range ids {
		identity := touched[id].IdentityID
		if identity == 0 {
			continue
		}
		if _, done := journeys[identity]; done {
			continue
		}
		js, err := p.journeys.Update(ctx, tx, identity)
		if err != nil {
			return fmt.Errorf("journeys of identity %d: %w", identity, err)
		}
		recs, err := journey.Records(js)
		if err != nil {
			return err
		}
		journeys[identity] = recs
	}
	c := p.criteria.Load()
	if c == nil || c.Engine == nil || len(c.Engine.Criteria()) == 0 {
		return nil
	}
	flights := map[int64]store.Flight{}
	bookings := map[int64]*store.Booking{}
	var hits []criteria.Hit
	for _, id := range ids {
		ft := touched[id]
		f, ok := flights[ft.FlightID]
		if !ok {
			var err error
			if f, err = tx.FlightByID(ctx, ft.FlightID); err != nil {
				return err
			}
			flights[ft.FlightID] = f
		}
		var b *store.Booking
		if ft.BookingID != 0 {
			if b = bookings[ft.BookingID]; b == nil {
				bk, err := tx.BookingByID(ctx, ft.BookingID)
				if err != nil {
					return err
				}
				b = &bk
				bookings[ft.BookingID] = b
			}
		}
		s := c.Checker.SubjectOf(ft, f, b, journeys[ft.IdentityID])
		var err error
		hits, err = c.Engine.AppendHits(ctx, hits[:0], s)
		if err != nil {
			// One failing criterion (cost limit, runtime error) must not
			// stall the pipeline: the others' hits stand.
			p.log.Warn("criterion evaluation failed", "flight_traveller", ft.ID, "err", err)
		}
		for _, h := range hits {
			a, err := h.Alert(s)
			if err != nil {
				return err
			}
			if _, err := alert.Raise(ctx, tx, &a, p.actor); err != nil {
				return fmt.Errorf("criterion alert %s: %w", h.Criterion, err)
			}
		}
	}
	return nil
}
