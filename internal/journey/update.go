package journey

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Source is what journeys read of one identity. *store.Store and *store.Tx
// satisfy it; inside a write transaction the reads see the batch's own
// writes.
type Source interface {
	// IdentityLegs lists the flights of the identity's flight travellers.
	IdentityLegs(ctx context.Context, identityID int64) ([]store.TravelLeg, error)
	// IdentityBookings lists the bookings its flight travellers belong to.
	IdentityBookings(ctx context.Context, identityID int64) ([]store.Booking, error)
}

// Store is a Source that also keeps computed journeys.
type Store interface {
	Source
	// PutJourneys replaces the identity's stored journeys.
	PutJourneys(ctx context.Context, identityID int64, js []store.JourneyRecord) error
}

// Journeys computes the journeys of an identity from src.
func (b *Builder) Journeys(ctx context.Context, src Source, identityID int64) ([]Journey, error) {
	legs, err := src.IdentityLegs(ctx, identityID)
	if err != nil {
		return nil, fmt.Errorf("journey: identity %d: %w", identityID, err)
	}
	var bookings []store.Booking
	for _, l := range legs {
		if l.BookingID != 0 {
			if bookings, err = src.IdentityBookings(ctx, identityID); err != nil {
				return nil, fmt.Errorf("journey: identity %d: %w", identityID, err)
			}
			break
		}
	}
	return b.Build(identityID, legs, bookings), nil
}

// Update recomputes the journeys of an identity and stores them, replacing
// the previous ones: the incremental entry point the ingest pipeline calls,
// inside its batch transaction, for each identity a batch touched (and for
// both identities of a merge: an identity left without flights has its
// journeys cleared). It returns the journeys.
func (b *Builder) Update(ctx context.Context, st Store, identityID int64) ([]Journey, error) {
	js, err := b.Journeys(ctx, st, identityID)
	if err != nil {
		return nil, err
	}
	recs, err := Records(js)
	if err != nil {
		return nil, err
	}
	if err := st.PutJourneys(ctx, identityID, recs); err != nil {
		return nil, fmt.Errorf("journey: identity %d: %w", identityID, err)
	}
	return js, nil
}

// Records converts journeys to their stored form.
func Records(js []Journey) ([]store.JourneyRecord, error) {
	out := make([]store.JourneyRecord, len(js))
	for i, j := range js {
		data, err := json.Marshal(j)
		if err != nil {
			return nil, fmt.Errorf("journey: encode: %w", err)
		}
		out[i] = store.JourneyRecord{IdentityID: j.TravellerID, Seq: i + 1, StartLocal: j.Start, EndLocal: j.End,
			Origin: j.Origin, Destination: j.Destination, FinalGroup: j.FinalGroup, BrokenTravel: j.BrokenTravel,
			Data: data}
	}
	return out, nil
}
