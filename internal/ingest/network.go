package ingest

import (
	"context"
	"fmt"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/network"
	"github.com/chokepoint/chokepoint/internal/store"
)

// batchState collects, while a batch is committed, what follows it.
type batchState struct {
	touched map[int64]*store.FlightTraveller
	net     *netBatch
}

// netBatch is what a batch adds to the link graph: the deltas to apply
// once committed, and the travellers to check for signals.
type netBatch struct {
	deltas   []network.Delta
	triggers []network.Trigger
}

// observe records in the link graph what a committed flight traveller
// says: contacts, payments, documents, booking and co-travel.
func (p *Pipeline) observe(ctx context.Context, tx *store.Tx, ft *store.FlightTraveller, b *message.Booking, date string, nb *netBatch) error {
	if p.network == nil || ft.IdentityID == 0 {
		return nil
	}
	d, err := network.Observe(ctx, tx, network.Observation{
		IdentityID: ft.IdentityID, FlightID: ft.FlightID, Date: date, Seat: ft.Seat, Traveller: ft.Traveller,
		BookingID: ft.BookingID, RecordLocator: ft.RecordLocator, Booking: b,
	})
	if err != nil {
		return fmt.Errorf("network: %w", err)
	}
	nb.deltas = append(nb.deltas, d)
	nb.triggers = append(nb.triggers, network.Trigger{IdentityID: ft.IdentityID, FlightTravellerID: ft.ID, FlightID: ft.FlightID})
	return nil
}

// signal applies a committed batch to the in-memory graph and raises
// network alerts for its travellers linked to a confirmed alert's or a
// watchlisted traveller, and for the network patterns (shared contacts
// across bookings, agency networks, growing groups) around them.
func (p *Pipeline) signal(ctx context.Context, nb netBatch) error {
	if p.network == nil || len(nb.deltas) == 0 {
		return nil
	}
	for _, d := range nb.deltas {
		if err := p.network.Apply(d); err != nil {
			return fmt.Errorf("network: apply: %w", err)
		}
	}
	seeds, err := network.LoadSeeds(ctx, p.st)
	if err != nil {
		return fmt.Errorf("network seeds: %w", err)
	}
	if _, err := p.network.Signals(ctx, p.st, seeds, nb.triggers, network.StoreNamer(ctx, p.st)); err != nil {
		return fmt.Errorf("network signals: %w", err)
	}
	if _, err := p.network.PatternSignals(ctx, p.st, nb.triggers, network.StoreNamer(ctx, p.st)); err != nil {
		return fmt.Errorf("network pattern signals: %w", err)
	}
	return nil
}
