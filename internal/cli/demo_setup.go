package cli

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/chokepoint/chokepoint/internal/criteria"
	"github.com/chokepoint/chokepoint/internal/store"
)

// prepareDemo installs the shipped example criteria as active, as a unit
// would have approved them before the week of traffic the demo replays,
// in force from its first day.
// (A real installation adds, backtests and activates each one through the
// criteria workflow.)
func prepareDemo(ctx context.Context, st *store.Store, from time.Time) error {
	examples, err := criteria.Examples()
	if err != nil {
		return err
	}
	names := make([]string, 0, len(examples))
	for n := range examples {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		cr := examples[n].Criterion()
		cr.Status = store.CriterionActive
		cr.StartDate = from.Format(time.DateOnly)
		cr.ReviewDate = from.AddDate(0, 6, 0).Format(time.DateOnly)
		if _, err := st.SaveCriterion(ctx, cr, "demo"); err != nil {
			return fmt.Errorf("demo criterion %s: %w", n, err)
		}
	}
	return nil
}
