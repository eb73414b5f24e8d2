package ingest

import (
	"context"
	"fmt"
	"time"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Rescreen screens again, against the lists now in force, the travellers
// of flights departing at or after from (a watchlist update must reach
// travellers who have not yet flown). It returns how many were screened
// and how many matches were found.
func (p *Pipeline) Rescreen(ctx context.Context, from time.Time) (screened, hits int, err error) {
	lists := p.lists.Load()
	var after int64
	for {
		page, err := p.st.UpcomingTravellers(ctx, from, after, 500)
		if err != nil {
			return screened, hits, fmt.Errorf("upcoming travellers: %w", err)
		}
		if len(page) == 0 {
			return screened, hits, nil
		}
		err = p.st.WithTx(ctx, func(tx *store.Tx) error {
			for i := range page {
				n, err := p.screen(ctx, tx, lists, &page[i])
				if err != nil {
					return err
				}
				hits += n
			}
			return nil
		})
		if err != nil {
			return screened, hits, err
		}
		screened += len(page)
		after = page[len(page)-1].ID
	}
}
