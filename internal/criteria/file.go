package criteria

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Severities, from the least to the most urgent.
const (
	SeverityLow      = "low"
	SeverityMedium   = "medium"
	SeverityHigh     = "high"
	SeverityCritical = "critical"
)

// MaxReviewInterval is the longest time between a criterion's start date
// and its review date: criteria must be regularly reviewed (EU PNR
// Directive art. 6(4)).
const MaxReviewInterval = 366 * 24 * time.Hour

// MinJustification is the shortest justification accepted, in characters.
const MinJustification = 30

// File is the on-disk form of a criterion (YAML, or JSON which is also
// YAML). Field names are a contract (docs/criteria.md).
type File struct {
	Name          string `yaml:"name" json:"name"`
	Owner         string `yaml:"owner" json:"owner"`
	Justification string `yaml:"justification" json:"justification"`
	Severity      string `yaml:"severity" json:"severity"`
	// Status is draft (the default), active or retired. Adding a file
	// always saves a draft; activation is a separate, recorded step.
	Status     string `yaml:"status,omitempty" json:"status,omitempty"`
	StartDate  string `yaml:"start_date" json:"start_date"`
	ReviewDate string `yaml:"review_date" json:"review_date"`
	Expression string `yaml:"expression" json:"expression"`
}

// ParseFile reads a criterion file; unknown fields are refused.
func ParseFile(data []byte) (File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return File{}, fmt.Errorf("criterion file: %w", err)
	}
	f.Expression = strings.TrimSpace(f.Expression)
	if f.Status == "" {
		f.Status = store.CriterionDraft
	}
	return f, nil
}

// Criterion returns the store form of the file.
func (f File) Criterion() store.Criterion {
	return store.Criterion{
		Name: f.Name, Owner: f.Owner, Justification: strings.TrimSpace(f.Justification), Severity: f.Severity,
		Status: f.Status, StartDate: f.StartDate, ReviewDate: f.ReviewDate, Expression: f.Expression,
	}
}

// FileOf returns the file form of a stored criterion.
func FileOf(c store.Criterion) File {
	return File{Name: c.Name, Owner: c.Owner, Justification: c.Justification, Severity: c.Severity, Status: c.Status,
		StartDate: c.StartDate, ReviewDate: c.ReviewDate, Expression: c.Expression}
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{2,63}$`)

// Check validates a criterion's governance fields and compiles its
// expression (Compile). Every problem with the fields is reported; the
// expression's first.
func (c *Checker) Check(cr store.Criterion) (*Checked, error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !nameRE.MatchString(cr.Name) {
		bad("name %q: want 3 to 64 of a-z, 0-9 and -, starting with a letter or digit", cr.Name)
	}
	if strings.TrimSpace(cr.Owner) == "" {
		bad("owner is required (the unit or analyst accountable for the criterion)")
	}
	if len([]rune(strings.TrimSpace(cr.Justification))) < MinJustification {
		bad("justification is required (at least %d characters: the threat, the evidence and why the criterion is proportionate)", MinJustification)
	}
	switch cr.Severity {
	case SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical:
	default:
		bad("severity %q: want low, medium, high or critical", cr.Severity)
	}
	switch cr.Status {
	case store.CriterionDraft, store.CriterionActive, store.CriterionRetired:
	default:
		bad("status %q: want draft, active or retired", cr.Status)
	}
	start, err1 := time.Parse(time.DateOnly, cr.StartDate)
	if err1 != nil {
		bad("start_date %q: want YYYY-MM-DD", cr.StartDate)
	}
	review, err2 := time.Parse(time.DateOnly, cr.ReviewDate)
	if err2 != nil {
		bad("review_date %q: want YYYY-MM-DD", cr.ReviewDate)
	}
	if err1 == nil && err2 == nil {
		if !review.After(start) {
			bad("review_date %s must be after start_date %s", cr.ReviewDate, cr.StartDate)
		} else if review.Sub(start) > MaxReviewInterval {
			bad("review_date %s is more than a year after start_date %s: criteria must be regularly reviewed (EU PNR Directive art. 6(4))",
				cr.ReviewDate, cr.StartDate)
		}
	}
	if len(errs) > 0 {
		return nil, &invalidError{fmt.Errorf("criterion %q: %w", cr.Name, errors.Join(errs...))}
	}
	ch, err := c.Compile(cr.Expression)
	if err != nil {
		return nil, &invalidError{fmt.Errorf("criterion %q: expression: %w", cr.Name, err)}
	}
	return ch, nil
}

// ErrInvalid matches (errors.Is) every error of Check: invalid fields, a
// syntax or type error, a refusal, a cost over the limit.
var ErrInvalid = errors.New("criteria: invalid criterion")

type invalidError struct{ err error }

func (e *invalidError) Error() string        { return e.err.Error() }
func (e *invalidError) Unwrap() error        { return e.err }
func (e *invalidError) Is(target error) bool { return target == ErrInvalid }

// inForce reports why a criterion must not be evaluated on day now, or ""
// when it may: it must have started and not be past its review date.
func inForce(cr store.Criterion, now time.Time) string {
	today := now.UTC().Format(time.DateOnly)
	switch {
	case cr.StartDate != "" && today < cr.StartDate:
		return fmt.Sprintf("starts on %s", cr.StartDate)
	case cr.ReviewDate != "" && today > cr.ReviewDate:
		return fmt.Sprintf("review overdue since %s (EU PNR Directive art. 6(4): criteria must be regularly reviewed)", cr.ReviewDate)
	}
	return ""
}

// priority maps a severity to an alert priority (1 is the most urgent).
func priority(severity string) int {
	switch severity {
	case SeverityCritical:
		return 1
	case SeverityHigh:
		return 2
	case SeverityMedium:
		return 3
	}
	return 4
}
