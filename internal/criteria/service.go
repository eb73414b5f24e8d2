package criteria

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/chokepoint/chokepoint/internal/store"
)

// MaxBacktestAge is how old a backtest may be when the criterion is
// activated.
const MaxBacktestAge = 30 * 24 * time.Hour

// DefaultBacktestDays is the history window of a backtest by default.
const DefaultBacktestDays = 30

// ErrConflict is returned when a criterion is not in a state that allows
// the operation (activating a criterion never backtested, retiring a
// retired one...). Test with errors.Is.
var ErrConflict = errors.New("criteria: conflict")

// Repository is what the criteria workflow needs of the store;
// *store.Store implements it.
type Repository interface {
	SaveCriterion(ctx context.Context, c store.Criterion, actor string) (store.Criterion, error)
	Criterion(ctx context.Context, name string) (store.Criterion, error)
	Criteria(ctx context.Context, status string) ([]store.Criterion, error)
}

// HistoryFunc returns the subjects of the stored history from since to
// now, for backtests.
type HistoryFunc func(ctx context.Context, since time.Time) Subjects

// Service is the governance workflow of criteria: add (as a draft),
// backtest, activate, retire. Every save is a new version in the store,
// with the actor, and an audit record.
type Service struct {
	Checker *Checker
	Store   Repository
	// History feeds backtests; nil makes Backtest fail.
	History HistoryFunc
}

// Add checks a criterion file and saves it as a draft (a new version
// when the name exists, which takes an active criterion out of use until
// it is backtested and activated again). An unlawful or invalid file is
// refused with the reason.
func (s *Service) Add(ctx context.Context, f File, actor string) (store.Criterion, error) {
	if f.Status != "" && f.Status != store.CriterionDraft {
		return store.Criterion{}, &invalidError{fmt.Errorf("criterion %q: status %q: add saves drafts; activate with 'criteria activate' after a backtest",
			f.Name, f.Status)}
	}
	cr := f.Criterion()
	cr.Status = store.CriterionDraft
	if _, err := s.Checker.Check(cr); err != nil {
		return store.Criterion{}, err
	}
	out, err := s.Store.SaveCriterion(ctx, cr, actor)
	if err != nil {
		return store.Criterion{}, fmt.Errorf("add criterion %q: %w", cr.Name, err)
	}
	return out, nil
}

// Get returns a criterion by name.
func (s *Service) Get(ctx context.Context, name string) (store.Criterion, error) {
	cr, err := s.Store.Criterion(ctx, name)
	if err != nil {
		return store.Criterion{}, fmt.Errorf("criterion %q: %w", name, err)
	}
	return cr, nil
}

// List returns the criteria, all or those of one status.
func (s *Service) List(ctx context.Context, status string) ([]store.Criterion, error) {
	out, err := s.Store.Criteria(ctx, status)
	if err != nil {
		return nil, fmt.Errorf("list criteria: %w", err)
	}
	return out, nil
}

// Backtest runs a criterion over the last days of stored history. For a
// draft, the report (without sample explanations, see Report.Stored) is
// saved with the criterion as the backtest activation will approve; an
// active criterion keeps the backtest it was approved with.
func (s *Service) Backtest(ctx context.Context, name string, days int, actor string) (Report, error) {
	if s.History == nil {
		return Report{}, errors.New("backtest: no history source configured")
	}
	if days <= 0 {
		days = DefaultBacktestDays
	}
	cr, err := s.Get(ctx, name)
	if err != nil {
		return Report{}, err
	}
	since := s.Checker.now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -days)
	rep, err := s.Checker.Backtest(ctx, cr, s.History(ctx, since), since)
	if err != nil {
		return Report{}, err
	}
	rep.RanBy = actor
	if cr.Status != store.CriterionDraft {
		return rep, nil
	}
	raw, err := json.Marshal(rep.Stored())
	if err != nil {
		return Report{}, fmt.Errorf("backtest %q: %w", name, err)
	}
	cr.Backtest = raw
	if _, err := s.Store.SaveCriterion(ctx, cr, actor); err != nil {
		return Report{}, fmt.Errorf("backtest %q: save report: %w", name, err)
	}
	return rep, nil
}

// Activate puts a draft criterion into use. It requires the criterion to
// pass Check again, a backtest of the current expression over at least
// one traveller and no older than MaxBacktestAge, and a review date not
// passed. The approval (actor and
// time) is recorded in the backtest report and the new version.
func (s *Service) Activate(ctx context.Context, name, actor string) (store.Criterion, error) {
	cr, err := s.Get(ctx, name)
	if err != nil {
		return store.Criterion{}, err
	}
	if cr.Status != store.CriterionDraft {
		return store.Criterion{}, fmt.Errorf("activate %q: status is %s, only a draft can be activated (add it again to make a draft): %w",
			name, cr.Status, ErrConflict)
	}
	if _, err := s.Checker.Check(cr); err != nil {
		return store.Criterion{}, err
	}
	now := s.Checker.now().UTC()
	if cr.ReviewDate != "" && now.Format(time.DateOnly) > cr.ReviewDate {
		return store.Criterion{}, fmt.Errorf("activate %q: review date %s has passed; review the criterion and add it with a new review date: %w",
			name, cr.ReviewDate, ErrConflict)
	}
	if len(cr.Backtest) == 0 {
		return store.Criterion{}, fmt.Errorf("activate %q: no backtest: run 'criteria backtest %s' first: %w", name, name, ErrConflict)
	}
	rep, err := DecodeReport(cr.Backtest)
	if err != nil {
		return store.Criterion{}, fmt.Errorf("activate %q: %w", name, err)
	}
	if rep.ExpressionSHA256 != ExpressionDigest(cr.Expression) {
		return store.Criterion{}, fmt.Errorf("activate %q: the backtest ran on another expression; backtest again: %w", name, ErrConflict)
	}
	if rep.Evaluations == 0 {
		return store.Criterion{}, fmt.Errorf("activate %q: the backtest evaluated no traveller; backtest over a window with history: %w",
			name, ErrConflict)
	}
	if now.Sub(rep.RanAt) > MaxBacktestAge {
		return store.Criterion{}, fmt.Errorf("activate %q: the backtest of %s is older than %d days; backtest again: %w",
			name, rep.RanAt.Format(time.DateOnly), int(MaxBacktestAge.Hours()/24), ErrConflict)
	}
	rep.ApprovedBy, rep.ApprovedAt = actor, now
	raw, err := json.Marshal(rep)
	if err != nil {
		return store.Criterion{}, fmt.Errorf("activate %q: %w", name, err)
	}
	cr.Backtest = raw
	cr.Status = store.CriterionActive
	out, err := s.Store.SaveCriterion(ctx, cr, actor)
	if err != nil {
		return store.Criterion{}, fmt.Errorf("activate %q: %w", name, err)
	}
	return out, nil
}

// Retire takes a criterion out of use for good; its versions stay.
func (s *Service) Retire(ctx context.Context, name, actor string) (store.Criterion, error) {
	cr, err := s.Get(ctx, name)
	if err != nil {
		return store.Criterion{}, err
	}
	if cr.Status == store.CriterionRetired {
		return store.Criterion{}, fmt.Errorf("retire %q: already retired: %w", name, ErrConflict)
	}
	cr.Status = store.CriterionRetired
	out, err := s.Store.SaveCriterion(ctx, cr, actor)
	if err != nil {
		return store.Criterion{}, fmt.Errorf("retire %q: %w", name, err)
	}
	return out, nil
}
