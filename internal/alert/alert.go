// Package alert is the analysts' alert workflow. Every automated hit
// (watchlist match, targeting criterion, network rule) becomes an alert
// that a human decides: no decision is taken on automated processing
// alone (EU PNR Directive art. 6(5) and 7(6)). An alert is new when
// raised, in_review while an analyst examines it, and then confirmed or
// dismissed, always with a reason; only confirmed alerts reach the
// frontline lookout.
//
// The package enforces the allowed transitions, keeps a re-raised alert's
// status (noting when a dismissed alert comes back with materially stronger
// evidence), orders the queue, builds the alert detail and the one-day
// lookout (JSON and CSV), and serves them over HTTP. Every change and every
// read of an alert's detail or of the lookout is written to the audit log.
// docs/alerts.md describes the states, fields and contracts.
package alert

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Action is what an analyst does to an alert.
type Action string

// Actions. Review starts the review of a new alert, or reopens a decided
// one; Confirm and Dismiss decide it.
const (
	Review  Action = "review"
	Confirm Action = "confirm"
	Dismiss Action = "dismiss"
)

// ParseAction returns the action named s.
func ParseAction(s string) (Action, error) {
	switch a := Action(s); a {
	case Review, Confirm, Dismiss:
		return a, nil
	}
	return "", fmt.Errorf("alert: unknown action %q (want review, confirm or dismiss)", s)
}

// Errors of the workflow; test with errors.Is.
var (
	// ErrForbidden is wrapped by the *TransitionError of a transition the
	// workflow does not allow.
	ErrForbidden = errors.New("transition not allowed")
	// ErrReasonRequired is returned when a decision or a reopening comes
	// without a reason.
	ErrReasonRequired = errors.New("a reason is required")
	// ErrConflict is returned when the alert changed status between being
	// read and being decided (another analyst acted first).
	ErrConflict = errors.New("alert changed meanwhile")
)

// TransitionError is a forbidden transition.
type TransitionError struct {
	From   string
	Action Action
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("cannot %s an alert that is %s (%s)", e.Action, e.From, allowedText(e.From))
}

// Unwrap returns ErrForbidden.
func (e *TransitionError) Unwrap() error { return ErrForbidden }

// transition is one allowed move.
type transition struct {
	from   string
	action Action
	to     string
	// reason says whether a reason is required.
	reason bool
}

// transitions returns the whole state machine; anything not listed is
// refused.
func transitions() []transition {
	return []transition{
		{store.AlertNew, Review, store.AlertInReview, false},
		{store.AlertNew, Dismiss, store.AlertDismissed, true},
		{store.AlertInReview, Confirm, store.AlertConfirmed, true},
		{store.AlertInReview, Dismiss, store.AlertDismissed, true},
		{store.AlertConfirmed, Review, store.AlertInReview, true},
		{store.AlertDismissed, Review, store.AlertInReview, true},
	}
}

// Next returns the status an alert in status from moves to by action, and
// whether that move requires a reason. A move the workflow does not allow
// returns a *TransitionError.
func Next(from string, action Action) (to string, reasonRequired bool, err error) {
	for _, t := range transitions() {
		if t.from == from && t.action == action {
			return t.to, t.reason, nil
		}
	}
	return "", false, &TransitionError{From: from, Action: action}
}

// Allowed lists the actions allowed on an alert in status from.
func Allowed(from string) []Action {
	var out []Action
	for _, t := range transitions() {
		if t.from == from {
			out = append(out, t.action)
		}
	}
	return out
}

func allowedText(from string) string {
	acts := Allowed(from)
	if len(acts) == 0 {
		return "no action allowed"
	}
	s := make([]string, len(acts))
	for i, a := range acts {
		s[i] = string(a)
	}
	return "allowed: " + strings.Join(s, ", ")
}

// MaxReason is the longest reason accepted, in characters.
const MaxReason = 2000

// Store is what the workflow needs of the store; *store.Store has it.
type Store interface {
	Alert(ctx context.Context, id int64) (store.Alert, error)
	AlertEvents(ctx context.Context, alertID int64) ([]store.AlertEvent, error)
	AlertQueue(ctx context.Context, f store.AlertQueueFilter) ([]store.AlertQueueItem, error)
	QueuedAlert(ctx context.Context, id int64) (store.AlertQueueItem, error)
	TransitionAlert(ctx context.Context, id int64, from, to, actor, reason string) error
	FlightTraveller(ctx context.Context, id int64) (store.FlightTraveller, error)
	Audit(ctx context.Context, r store.AuditRecord) (int64, error)
}

// Service runs the workflow on a store.
type Service struct {
	st Store
	// now returns the current time (the lookout window starts there).
	now func() time.Time
	// loc is the time zone flight local times are read in for the
	// lookout window, when zone does not know the airport.
	loc *time.Location
	// zone returns an airport's time zone by IATA code; nil or false
	// falls back to loc.
	zone func(iata string) (*time.Location, bool)
}

// Option configures a Service.
type Option func(*Service)

// WithClock sets the clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithLocation sets the time zone of the unit: scheduled local times of
// flights, which carry no zone, are read in it for the lookout window
// (default time.Local). It is the zone of the country's own airports,
// where one end of every flight the unit receives lies.
func WithLocation(loc *time.Location) Option { return func(s *Service) { s.loc = loc } }

// WithAirportZones sets the time zones of airports by IATA code: a
// flight's scheduled departure is read in its origin's zone and its
// arrival in its destination's, falling back to the unit's location
// (WithLocation) for airports zone does not know.
func WithAirportZones(zone func(iata string) (*time.Location, bool)) Option {
	return func(s *Service) { s.zone = zone }
}

// New returns the workflow on st.
func New(st Store, opts ...Option) *Service {
	s := &Service{st: st, now: time.Now, loc: time.Local}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Decide applies an analyst's action to an alert as actor, with reason,
// and returns the alert as it now is. The change is recorded as an alert
// event and in the audit log (with the reason as purpose). It refuses
// forbidden transitions (*TransitionError), missing reasons
// (ErrReasonRequired) and decisions on an alert another analyst changed
// meanwhile (ErrConflict).
func (s *Service) Decide(ctx context.Context, id int64, action Action, actor, reason string) (store.Alert, error) {
	if strings.TrimSpace(actor) == "" {
		return store.Alert{}, fmt.Errorf("alert %d: no actor: %w", id, store.ErrInvalid)
	}
	reason = strings.TrimSpace(reason)
	if utf8.RuneCountInString(reason) > MaxReason {
		return store.Alert{}, fmt.Errorf("alert %d: reason longer than %d characters: %w", id, MaxReason, store.ErrInvalid)
	}
	a, err := s.st.Alert(ctx, id)
	if err != nil {
		return store.Alert{}, fmt.Errorf("alert %d: %w", id, err)
	}
	to, needReason, err := Next(a.Status, action)
	if err != nil {
		return store.Alert{}, fmt.Errorf("alert %d: %w", id, err)
	}
	if needReason && reason == "" {
		return store.Alert{}, fmt.Errorf("alert %d: %s (%s -> %s): %w", id, action, a.Status, to, ErrReasonRequired)
	}
	if err := s.st.TransitionAlert(ctx, id, a.Status, to, actor, reason); err != nil {
		if errors.Is(err, store.ErrStale) {
			return store.Alert{}, fmt.Errorf("alert %d: %w: %w", id, ErrConflict, err)
		}
		return store.Alert{}, fmt.Errorf("alert %d: %w", id, err)
	}
	a, err = s.st.Alert(ctx, id)
	if err != nil {
		return store.Alert{}, fmt.Errorf("alert %d: %w", id, err)
	}
	return a, nil
}
