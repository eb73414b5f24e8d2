package criteria

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"
)

// Cost limits. CEL cost units count field selections, function calls and
// comprehension iterations (about one unit per elementary operation).
const (
	// DefaultMaxCost bounds both a criterion's worst-case cost estimated
	// at check time and its actual cost at run time.
	DefaultMaxCost = 50000
	// MaxListSize is the largest list (journey.segments, transits,
	// groups...) the cost estimate assumes. A subject with longer lists
	// is still evaluated, under the runtime cost limit.
	MaxListSize = 32
	// MaxStringSize is the longest string the cost estimate assumes.
	MaxStringSize = 64
	// MaxExpressionSize is the longest expression accepted, in code points.
	MaxExpressionSize = 4096
)

// Options configure a Checker.
type Options struct {
	// Airports is the airport reference data in_group() uses; nil means
	// DefaultAirports().
	Airports *Airports
	// MaxCost is the cost limit; 0 means DefaultMaxCost.
	MaxCost uint64
	// Now returns the current time (criteria dates, backtests); nil means
	// time.Now.
	Now func() time.Time
}

// Checker compiles criteria: it type-checks expressions against the
// schema, refuses unlawful ones and bounds their cost. It is safe for
// concurrent use.
type Checker struct {
	env      *cel.Env
	airports *Airports
	maxCost  uint64
	now      func() time.Time
}

// schemaVar is a CEL variable and the type behind it.
type schemaVar struct{ name, typ string }

// schemaVars returns the CEL variables, in activation order.
func schemaVars() [4]schemaVar {
	return [4]schemaVar{
		{"traveller", typePrefix + "Traveller"},
		{"booking", typePrefix + "Booking"},
		{"flight", typePrefix + "Flight"},
		{"journey", typePrefix + "Journey"},
	}
}

// NewChecker builds the CEL environment: the schema types, the
// variables traveller, booking, flight and journey, and the helper
// functions in_group, hours_between and days_between.
func NewChecker(opts Options) (*Checker, error) {
	c := &Checker{airports: opts.Airports, maxCost: opts.MaxCost, now: opts.Now}
	if c.airports == nil {
		c.airports = DefaultAirports()
	}
	if c.maxCost == 0 {
		c.maxCost = DefaultMaxCost
	}
	if c.now == nil {
		c.now = time.Now
	}
	airports := c.airports
	envOpts := []cel.EnvOption{
		ext.NativeTypes(reflect.TypeFor[Traveller](), reflect.TypeFor[Booking](), reflect.TypeFor[Flight](),
			reflect.TypeFor[Journey](), reflect.TypeFor[Segment](), reflect.TypeFor[Transit](), ext.ParseStructTag("json")),
		cel.CrossTypeNumericComparisons(true),
		cel.DefaultUTCTimeZone(true),
		cel.EnableMacroCallTracking(),
		cel.ParserExpressionSizeLimit(MaxExpressionSize),
		cel.ParserRecursionLimit(64),
		cel.Function("in_group",
			cel.Overload("in_group_string_string", []*cel.Type{cel.StringType, cel.StringType}, cel.BoolType,
				cel.BinaryBinding(func(a, g ref.Val) ref.Val {
					as, ok1 := a.(types.String)
					gs, ok2 := g.(types.String)
					if !ok1 || !ok2 {
						return types.NewErr("in_group: want (string, string)")
					}
					return types.Bool(airports.InGroup(string(as), string(gs)))
				}))),
		cel.Function("hours_between",
			cel.Overload("hours_between_timestamp_timestamp", []*cel.Type{cel.TimestampType, cel.TimestampType}, cel.DoubleType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val { return between(a, b, time.Hour) }))),
		cel.Function("days_between",
			cel.Overload("days_between_timestamp_timestamp", []*cel.Type{cel.TimestampType, cel.TimestampType}, cel.DoubleType,
				cel.BinaryBinding(func(a, b ref.Val) ref.Val { return between(a, b, 24*time.Hour) }))),
	}
	for _, v := range schemaVars() {
		envOpts = append(envOpts, cel.Variable(v.name, cel.ObjectType(v.typ)))
	}
	env, err := cel.NewEnv(envOpts...)
	if err != nil {
		return nil, fmt.Errorf("criteria: CEL environment: %w", err)
	}
	c.env = env
	return c, nil
}

// between returns (b - a) in units, negative when b is before a; it is
// an error when either time is unknown (the zero time).
func between(a, b ref.Val, unit time.Duration) ref.Val {
	at, ok1 := a.(types.Timestamp)
	bt, ok2 := b.(types.Timestamp)
	if !ok1 || !ok2 {
		return types.NewErr("hours_between/days_between: want (timestamp, timestamp)")
	}
	if unknownTime(at.Time) || unknownTime(bt.Time) {
		return types.NewErr("hours_between/days_between: time not known")
	}
	return types.Double(float64(bt.Time.Sub(at.Time)) / float64(unit))
}

// unknownTime reports whether a time is the zero time.Time, which
// reaches CEL as the Unix epoch.
func unknownTime(t time.Time) bool { return t.IsZero() || t.Unix() == 0 }

// Airports returns the airport data the checker uses.
func (c *Checker) Airports() *Airports { return c.airports }

// MaxCost returns the cost limit.
func (c *Checker) MaxCost() uint64 { return c.maxCost }

// Checked is a compiled, lawful expression.
type Checked struct {
	// Expression is the source text.
	Expression string
	// Cost is the estimated cost range (CEL cost units).
	CostMin, CostMax uint64
	// Fields are the schema fields the expression reads
	// ("traveller.age_years", "journey.segments"), sorted.
	Fields []string
	// Conditions are the top-level sub-conditions, as source text.
	Conditions []string

	ast     *cel.Ast
	prg     cel.Program
	conds   []cel.Program
	fieldPs []cel.Program
}

// Compile type-checks an expression against the schema, refuses it when
// it references a protected attribute or can match on a proxy alone,
// estimates its cost and builds its program. Errors name the position.
func (c *Checker) Compile(expr string) (*Checked, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, errors.New("expression is empty")
	}
	parsed, iss := c.env.Parse(expr)
	if iss.Err() != nil {
		return nil, fmt.Errorf("syntax: %w", iss.Err())
	}
	// Screen before type-checking so that a protected attribute, which
	// the schema does not have, is refused with its legal reason rather
	// than as an unknown field.
	if r := screenProtected(parsed.NativeRep()); r != nil {
		return nil, r
	}
	checked, iss := c.env.Check(parsed)
	if iss.Err() != nil {
		return nil, fmt.Errorf("type check: %w", iss.Err())
	}
	if !checked.OutputType().IsExactType(cel.BoolType) {
		return nil, fmt.Errorf("type check: expression must be a bool, it is %s", checked.OutputType())
	}
	native := checked.NativeRep()
	if err := c.checkGroups(native); err != nil {
		return nil, err
	}
	if r := screenProxies(native); r != nil {
		return nil, r
	}
	est, err := c.env.EstimateCost(checked, sizeEstimator{})
	if err != nil {
		return nil, fmt.Errorf("cost: %w", err)
	}
	if est.Max > c.maxCost {
		return nil, fmt.Errorf("cost: estimated worst-case cost %s exceeds the limit %d (lists assumed up to %d items): "+
			"avoid nested comprehensions over segments", costString(est.Max), c.maxCost, MaxListSize)
	}
	prg, err := c.program(checked)
	if err != nil {
		return nil, err
	}
	out := &Checked{Expression: expr, CostMin: est.Min, CostMax: est.Max, ast: checked, prg: prg}
	for _, e := range topConditions(native.Expr()) {
		text, err := cel.ExprToString(e, native.SourceInfo())
		if err != nil {
			return nil, fmt.Errorf("unparse condition: %w", err)
		}
		// The unparser wraps long lines; string literals keep their
		// newlines escaped, so this only joins the wrapped lines.
		text = strings.ReplaceAll(text, "\n", " ")
		p, err := c.compileQuiet(text)
		if err != nil {
			return nil, fmt.Errorf("condition %q: %w", text, err)
		}
		out.Conditions = append(out.Conditions, text)
		out.conds = append(out.conds, p)
	}
	out.Fields = fieldPaths(native)
	for _, f := range out.Fields {
		p, err := c.compileQuiet(f)
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", f, err)
		}
		out.fieldPs = append(out.fieldPs, p)
	}
	return out, nil
}

func costString(n uint64) string {
	if n == math.MaxUint64 {
		return "unbounded"
	}
	return fmt.Sprint(n)
}

func (c *Checker) program(a *cel.Ast) (cel.Program, error) {
	prg, err := c.env.Program(a, cel.CostLimit(c.maxCost), cel.InterruptCheckFrequency(32), cel.EvalOptions(cel.OptOptimize))
	if err != nil {
		return nil, fmt.Errorf("program: %w", err)
	}
	return prg, nil
}

// compileQuiet compiles a sub-expression of a checked criterion, for
// explanations, without the lawfulness screens: a conjunct of a lawful
// expression may read a personal characteristic on its own.
func (c *Checker) compileQuiet(expr string) (cel.Program, error) {
	a, iss := c.env.Compile(expr)
	if iss.Err() != nil {
		return nil, iss.Err()
	}
	return c.program(a)
}

// checkGroups refuses in_group() calls whose group is a constant that
// names no known group.
func (c *Checker) checkGroups(a *ast.AST) error {
	var err error
	ast.PreOrderVisit(a.Expr(), ast.NewExprVisitor(func(e ast.Expr) {
		if err != nil || e.Kind() != ast.CallKind || e.AsCall().FunctionName() != "in_group" || len(e.AsCall().Args()) != 2 {
			return
		}
		g, ok := constString(e.AsCall().Args()[1])
		if ok && !c.airports.HasGroup(g) {
			loc := a.SourceInfo().GetStartLocation(e.ID())
			err = fmt.Errorf("%d:%d: in_group: unknown airport group %q (known: %s)", loc.Line(), loc.Column()+1, g,
				strings.Join(c.airports.GroupNames(), ", "))
		}
	}))
	return err
}

// topConditions splits an expression into its top-level conjuncts, or,
// when it is a single disjunction, into its disjuncts.
func topConditions(e ast.Expr) []ast.Expr {
	flatten := func(e ast.Expr, op string) []ast.Expr {
		var out []ast.Expr
		var walk func(ast.Expr)
		walk = func(e ast.Expr) {
			if e.Kind() == ast.CallKind && e.AsCall().FunctionName() == op {
				for _, a := range e.AsCall().Args() {
					walk(a)
				}
				return
			}
			out = append(out, e)
		}
		walk(e)
		return out
	}
	parts := flatten(e, operators.LogicalAnd)
	if len(parts) == 1 {
		parts = flatten(e, operators.LogicalOr)
	}
	return parts
}

// fieldPaths returns the maximal selection chains rooted at a schema
// variable (traveller.age_years, journey.segments), sorted.
func fieldPaths(a *ast.AST) []string {
	seen := map[string]bool{}
	var walk func(e ast.Expr, inChain bool)
	walk = func(e ast.Expr, inChain bool) {
		switch e.Kind() {
		case ast.SelectKind:
			p := path(e)
			if !inChain && isRooted(p) {
				seen[p] = true
			}
			walk(e.AsSelect().Operand(), true)
		case ast.IdentKind:
		default:
			for _, ch := range children(e) {
				walk(ch, false)
			}
		}
	}
	walk(a.Expr(), false)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func isRooted(p string) bool {
	if strings.Contains(p, "…") {
		return false
	}
	root, _, _ := strings.Cut(p, ".")
	for _, v := range schemaVars() {
		if v.name == root {
			return true
		}
	}
	return false
}

// children returns an expression's direct sub-expressions.
func children(e ast.Expr) []ast.Expr {
	switch e.Kind() {
	case ast.CallKind:
		call := e.AsCall()
		var out []ast.Expr
		if call.IsMemberFunction() {
			out = append(out, call.Target())
		}
		return append(out, call.Args()...)
	case ast.SelectKind:
		return []ast.Expr{e.AsSelect().Operand()}
	case ast.ListKind:
		return e.AsList().Elements()
	case ast.MapKind:
		var out []ast.Expr
		for _, en := range e.AsMap().Entries() {
			out = append(out, en.AsMapEntry().Key(), en.AsMapEntry().Value())
		}
		return out
	case ast.StructKind:
		var out []ast.Expr
		for _, f := range e.AsStruct().Fields() {
			out = append(out, f.AsStructField().Value())
		}
		return out
	case ast.ComprehensionKind:
		c := e.AsComprehension()
		return []ast.Expr{c.IterRange(), c.AccuInit(), c.LoopCondition(), c.LoopStep(), c.Result()}
	}
	return nil
}

// sizeEstimator bounds the sizes of lists and strings read from the
// schema, so that comprehensions over journey.segments have a finite
// estimated cost.
type sizeEstimator struct{}

func (sizeEstimator) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	t := n.Type()
	if t == nil || len(n.Path()) == 0 {
		return nil
	}
	switch t.Kind() {
	case types.ListKind:
		s := cost.RangedSizeEstimate(0, MaxListSize)
		return &s
	case types.StringKind:
		s := cost.RangedSizeEstimate(0, MaxStringSize)
		return &s
	}
	return nil
}

func (sizeEstimator) EstimateCallCost(function, overloadID string, target *cost.AstNode, args []cost.AstNode) *cost.CallEstimate {
	return nil
}

// ExpressionDigest is the SHA-256 of an expression, hex: a backtest is
// valid for activation only for the expression it ran.
func ExpressionDigest(expr string) string {
	sum := sha256.Sum256([]byte(expr))
	return hex.EncodeToString(sum[:])
}
