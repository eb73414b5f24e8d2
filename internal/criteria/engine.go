package criteria

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Engine evaluates the active criteria against subjects. It holds each
// criterion compiled once; it is safe for concurrent use. Build a new
// Engine when criteria change.
type Engine struct {
	checker *Checker
	rules   []rule
	skipped []Skipped
}

type rule struct {
	crit    store.Criterion
	checked *Checked
}

// Skipped is an active criterion the engine does not evaluate, and why.
type Skipped struct {
	Criterion string `json:"criterion"`
	Version   int    `json:"version"`
	Reason    string `json:"reason"`
}

// NewEngine compiles the criteria that are active and in force today
// (started, not past their review date). Others, and active criteria that
// no longer compile or pass the lawfulness checks, are listed by Skipped.
func (c *Checker) NewEngine(criteria []store.Criterion) *Engine {
	e := &Engine{checker: c}
	now := c.now()
	for _, cr := range criteria {
		if cr.Status != store.CriterionActive {
			continue
		}
		if why := inForce(cr, now); why != "" {
			e.skipped = append(e.skipped, Skipped{cr.Name, cr.Version, why})
			continue
		}
		ch, err := c.Check(cr)
		if err != nil {
			e.skipped = append(e.skipped, Skipped{cr.Name, cr.Version, err.Error()})
			continue
		}
		e.rules = append(e.rules, rule{cr, ch})
	}
	return e
}

// Criteria returns the names of the criteria the engine evaluates.
func (e *Engine) Criteria() []string {
	out := make([]string, len(e.rules))
	for i, r := range e.rules {
		out[i] = r.crit.Name
	}
	return out
}

// Skipped returns the active criteria the engine does not evaluate.
func (e *Engine) Skipped() []Skipped { return e.skipped }

// Hit is one criterion matched by one subject.
type Hit struct {
	Criterion   string      `json:"criterion"`
	Version     int         `json:"version"`
	Severity    string      `json:"severity"`
	Explanation Explanation `json:"explanation"`
}

// Explanation says why a criterion matched: the value of each top-level
// condition (the operands of the top-level && chain, or of a top-level ||
// chain) and the values of the fields the expression reads.
type Explanation struct {
	Expression string         `json:"expression"`
	Conditions []Condition    `json:"conditions"`
	Fields     map[string]any `json:"fields"`
}

// Condition is one top-level sub-condition and its value (true, false, or
// an error message).
type Condition struct {
	Expr  string `json:"expr"`
	Value any    `json:"value"`
}

// EvalError is a criterion that could not be evaluated on a subject (a
// runtime error, or the cost limit exceeded).
type EvalError struct {
	Criterion string
	Err       error
}

func (e *EvalError) Error() string { return fmt.Sprintf("criterion %q: %v", e.Criterion, e.Err) }
func (e *EvalError) Unwrap() error { return e.Err }

// activation binds the schema variables for one subject. It is built
// once per subject and shared by every criterion.
type activation struct {
	vars [4]ref.Val
}

func (a *activation) ResolveName(name string) (any, bool) {
	switch name {
	case "traveller":
		return a.vars[0], true
	case "booking":
		return a.vars[1], true
	case "flight":
		return a.vars[2], true
	case "journey":
		return a.vars[3], true
	}
	return nil, false
}

func (a *activation) Parent() interpreter.Activation { return nil }

func (c *Checker) activation(s *Subject) *activation {
	ad := c.env.CELTypeAdapter()
	return &activation{vars: [4]ref.Val{
		ad.NativeToValue(&s.Traveller), ad.NativeToValue(&s.Booking),
		ad.NativeToValue(&s.Flight), ad.NativeToValue(&s.Journey),
	}}
}

// Evaluate runs every criterion on a subject and returns the hits. A
// criterion that fails (a runtime error, or its cost limit) is reported
// in the error, as an *EvalError joined with the others, and does not stop
// the rest.
func (e *Engine) Evaluate(s *Subject) ([]Hit, error) {
	return e.AppendHits(context.Background(), nil, s)
}

// AppendHits is Evaluate appending to dst; it also stops evaluation when
// ctx is cancelled, interrupting a criterion in the middle of a
// comprehension.
func (e *Engine) AppendHits(ctx context.Context, dst []Hit, s *Subject) ([]Hit, error) {
	act := e.checker.activation(s)
	var errs []error
	for i := range e.rules {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		r := &e.rules[i]
		ok, err := evalBool(ctx, r.checked.prg, act)
		if err != nil {
			if err := ctx.Err(); err != nil {
				errs = append(errs, err)
				break
			}
			errs = append(errs, &EvalError{r.crit.Name, err})
			continue
		}
		if ok {
			dst = append(dst, Hit{Criterion: r.crit.Name, Version: r.crit.Version, Severity: r.crit.Severity,
				Explanation: r.checked.explain(ctx, act)})
		}
	}
	return dst, errors.Join(errs...)
}

// evalBool evaluates a boolean program; an interrupt is possible only when
// ctx can be cancelled.
func evalBool(ctx context.Context, prg cel.Program, act interpreter.Activation) (bool, error) {
	var (
		v   ref.Val
		err error
	)
	if ctx.Done() == nil {
		v, _, err = prg.Eval(act)
	} else {
		v, _, err = prg.ContextEval(ctx, act)
	}
	if err != nil {
		return false, err
	}
	b, ok := v.(types.Bool)
	if !ok {
		return false, fmt.Errorf("result is %s, not bool", v.Type())
	}
	return bool(b), nil
}

// explain evaluates the conditions and fields of a matched criterion.
func (ch *Checked) explain(ctx context.Context, act interpreter.Activation) Explanation {
	x := Explanation{Expression: ch.Expression, Conditions: make([]Condition, len(ch.conds)),
		Fields: make(map[string]any, len(ch.fieldPs))}
	for i, p := range ch.conds {
		x.Conditions[i] = Condition{Expr: ch.Conditions[i], Value: value(ctx, p, act)}
	}
	for i, p := range ch.fieldPs {
		x.Fields[ch.Fields[i]] = value(ctx, p, act)
	}
	return x
}

func value(ctx context.Context, p cel.Program, act interpreter.Activation) any {
	v, _, err := p.ContextEval(ctx, act)
	if err != nil {
		return "error: " + err.Error()
	}
	switch t := v.(type) {
	case types.Timestamp:
		if unknownTime(t.Time) {
			return nil
		}
		return t.Time.UTC().Format(time.RFC3339)
	}
	return v.Value()
}

// Alert returns the store alert for a hit on a subject, ready for
// store.UpsertAlert (which deduplicates on the traveller, the cause and
// the criterion).
func (h Hit) Alert(s *Subject) (store.Alert, error) {
	expl, err := json.Marshal(h)
	if err != nil {
		return store.Alert{}, fmt.Errorf("criteria: alert explanation: %w", err)
	}
	return store.Alert{
		IdentityID: s.TravellerID, FlightTravellerID: s.FlightTravellerID, FlightID: s.FlightID,
		Cause: store.CauseCriterion, Rule: h.Criterion, Severity: h.Severity, Priority: priority(h.Severity),
		Status: store.AlertNew, Explanation: expl,
	}, nil
}

// Eval evaluates a checked expression on one subject, for tools and
// tests; the engine is the fast path.
func (c *Checker) Eval(ch *Checked, s *Subject) (bool, error) {
	return evalBool(context.Background(), ch.prg, c.activation(s))
}
