package criteria

import (
	"fmt"
	"strings"
	"unicode"

	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"

	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// Legal bases quoted in refusals.
const (
	basisArt64    = "EU PNR Directive art. 6(4)"
	basisArt134   = "EU PNR Directive art. 6(4) and 13(4)"
	basisProxy    = "EU PNR Directive art. 6(4); Charter art. 21; CJEU C-817/19"
	basisNames    = "EU PNR Directive art. 6(4); CJEU C-817/19: names are matched only by watchlist screening"
	basisSpecific = "EU PNR Directive art. 6(4): criteria must be targeted, proportionate and specific"
)

// Refusal is why a criterion may not be used: it references a protected or
// sensitive attribute, or can match on a proxy of one. Its message names
// the attribute, the rule and its legal basis.
type Refusal struct {
	// Ref is what the expression references, as written or normalised
	// (`traveller.religion`, a string literal, an identifier).
	Ref string
	// Line and Column locate it in the expression (from 1), when known.
	Line, Column int
	// Reason names the attribute and the rule; Basis the legal basis.
	Reason string
	Basis  string
}

func (r *Refusal) Error() string {
	pos := ""
	if r.Line > 0 {
		pos = fmt.Sprintf(" at %d:%d", r.Line, r.Column)
	}
	if r.Ref == "" {
		return fmt.Sprintf("refused%s: %s (%s)", pos, r.Reason, r.Basis)
	}
	return fmt.Sprintf("refused: references %s%s: %s (%s)", r.Ref, pos, r.Reason, r.Basis)
}

// protected is one word that reveals a protected or sensitive attribute.
type protected struct {
	reason string
	basis  string
	// prefix matches words starting with the term (stems).
	prefix bool
	// identOnly restricts the term to identifiers and field names; string
	// literals are screened for it only with sensitive.FreeText.
	identOnly bool
}

// protectedTerm reports whether one lower-case word (of an identifier,
// field name or string literal) reveals a protected attribute.
func protectedTerm(word string, literal bool) (protected, bool) {
	for _, t := range protectedTerms() {
		if literal && t.p.identOnly {
			continue
		}
		if word == t.term || (t.p.prefix && strings.HasPrefix(word, t.term)) {
			return t.p, true
		}
	}
	return protected{}, false
}

type termEntry struct {
	term string
	p    protected
}

// protectedTerms lists the words refused in expressions. It is built on
// each call so that the package holds no mutable state; it is only used
// when checking a criterion, never per evaluation.
func protectedTerms() []termEntry {
	religion := func(prefix bool) protected {
		return protected{reason: "religion or belief is a protected attribute", basis: basisArt64, prefix: prefix}
	}
	ethnic := func(prefix bool) protected {
		return protected{reason: "racial or ethnic origin is a protected attribute", basis: basisArt64, prefix: prefix}
	}
	health := func(prefix bool) protected {
		return protected{reason: "health is a protected attribute", basis: basisArt64, prefix: prefix}
	}
	sexlife := func(prefix bool) protected {
		return protected{reason: "sex life and sexual orientation are protected attributes", basis: basisArt64, prefix: prefix}
	}
	political := protected{reason: "political opinion is a protected attribute", basis: basisArt64, prefix: true}
	union := protected{reason: "trade union membership is a protected attribute", basis: basisArt64, identOnly: true}
	ssr := protected{reason: "special service requests and free text reveal religion and health and are not available to criteria",
		basis: basisArt134, identOnly: true}
	meal := protected{reason: "meal requests reveal religion or health and are not available to criteria", basis: basisArt134, prefix: true}
	name := protected{reason: "names are ethnicity proxies and are not available to criteria", basis: basisNames, identOnly: true}
	birth := protected{reason: "birth place is a proxy for ethnic origin and the birth date identifies the person; they are not available to criteria (use traveller.age_years)",
		basis: basisProxy, identOnly: true}
	out := []termEntry{
		{"religion", religion(false)}, {"religio", religion(true)}, {"faith", religion(false)}, {"belief", religion(true)},
		{"church", religion(false)}, {"mosque", religion(false)}, {"synagogue", religion(false)}, {"halal", religion(false)},
		{"kosher", religion(false)}, {"muslim", religion(false)}, {"moslem", religion(false)}, {"islam", religion(true)},
		{"christian", religion(true)}, {"jewish", religion(false)}, {"jew", religion(false)}, {"hindu", religion(true)},
		{"buddhis", religion(true)}, {"sikh", religion(false)}, {"pilgrim", religion(true)}, {"hajj", religion(false)},
		{"umrah", religion(false)}, {"ramadan", religion(false)}, {"prayer", religion(true)},
		{"ethnic", ethnic(true)}, {"race", ethnic(false)}, {"racial", ethnic(false)}, {"ancestry", ethnic(false)},
		{"caste", ethnic(false)}, {"tribe", ethnic(true)}, {"skin", ethnic(false)},
		{"health", health(true)}, {"medical", health(true)}, {"medic", health(false)}, {"medicine", health(false)},
		{"wheelchair", health(true)}, {"disab", health(true)}, {"handicap", health(true)}, {"pregnan", health(true)},
		{"diet", health(true)}, {"allerg", health(true)}, {"blind", health(false)}, {"deaf", health(false)},
		{"illness", health(false)}, {"disease", health(false)}, {"sick", health(false)}, {"hiv", health(false)},
		{"oxygen", health(false)}, {"stretcher", health(false)}, {"patient", health(false)}, {"hospital", health(true)},
		{"mental", health(false)}, {"psych", health(true)}, {"diagnos", health(true)},
		{"sexual", sexlife(true)}, {"sexlife", sexlife(false)}, {"orientation", sexlife(false)}, {"gay", sexlife(false)},
		{"lesbian", sexlife(false)}, {"lgbt", sexlife(true)}, {"homosexual", sexlife(false)}, {"transgender", sexlife(false)},
		{"politic", political}, {"party", protected{reason: political.reason, basis: basisArt64, identOnly: true}},
		{"opinion", political},
		{"union", union}, {"tradeunion", union},
		{"ssr", ssr}, {"ssrs", ssr}, {"osi", ssr}, {"remark", ssr}, {"remarks", ssr}, {"freetext", ssr}, {"service", ssr},
		{"meal", meal}, {"vegetarian", meal}, {"vegan", meal},
		{"name", name}, {"names", name}, {"surname", name}, {"surnames", name}, {"forename", name}, {"firstname", name},
		{"lastname", name}, {"given", name}, {"title", name}, {"maiden", name}, {"patronymic", name},
		{"birth", birth}, {"birthplace", birth}, {"birthdate", birth}, {"born", birth},
	}
	return out
}

// words splits an identifier or text into lower-case words at
// non-letters and lower-to-upper case changes; it also returns the whole
// identifier lower-cased without separators, so "trade_union" and
// "birthPlace" are seen as "tradeunion" and "birthplace" too.
func words(s string) []string {
	var out []string
	var b strings.Builder
	var joined strings.Builder
	prevLower := false
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) && prevLower {
				flush()
			}
			prevLower = unicode.IsLower(r)
			lr := unicode.ToLower(r)
			b.WriteRune(lr)
			joined.WriteRune(lr)
		default:
			flush()
			prevLower = false
		}
	}
	flush()
	if len(out) > 1 {
		out = append(out, joined.String())
	}
	return out
}

// screenName refuses an identifier or field name that names a protected
// attribute.
func screenName(ref, name string) *Refusal {
	for _, w := range words(name) {
		if p, ok := protectedTerm(w, false); ok {
			return &Refusal{Ref: ref, Reason: p.reason, Basis: p.basis}
		}
	}
	return nil
}

// screenLiteral refuses a string literal that names a protected attribute
// or carries a meal or medical service code.
func screenLiteral(s string) *Refusal {
	ref := fmt.Sprintf("string literal %q", s)
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if sensitive.SSR(w) {
			return &Refusal{Ref: ref, Reason: fmt.Sprintf("%s is a meal or medical service request code, which reveals religion or health",
				strings.ToUpper(w)), Basis: basisArt134}
		}
	}
	if code, drop := sensitive.FreeText(s); drop {
		return &Refusal{Ref: ref, Reason: fmt.Sprintf("the text reveals a protected attribute (%s)", strings.ToLower(code)), Basis: basisArt134}
	}
	for _, w := range words(s) {
		if p, ok := protectedTerm(w, true); ok {
			return &Refusal{Ref: ref, Reason: p.reason, Basis: p.basis}
		}
	}
	return nil
}

// screenProtected walks an expression (parsed or checked) and returns the
// first reference to a protected or sensitive attribute under any
// spelling: a field selection (traveller.religion), an index with a
// constant key (traveller["religion"]), an identifier (meal, ssr), a
// struct or map literal's field or key, a function name, or a string
// literal or constant concatenation of literals ("KSML", "KS" + "ML").
func screenProtected(a *ast.AST) *Refusal {
	var found *Refusal
	info := a.SourceInfo()
	at := func(id int64, r *Refusal) {
		if found != nil || r == nil {
			return
		}
		loc := info.GetStartLocation(id)
		if loc.Line() > 0 {
			r.Line, r.Column = loc.Line(), loc.Column()+1
		}
		found = r
	}
	visit := func(e ast.Expr) {
		if found != nil {
			return
		}
		switch e.Kind() {
		case ast.IdentKind:
			at(e.ID(), screenName(quote(e.AsIdent()), e.AsIdent()))
		case ast.SelectKind:
			sel := e.AsSelect()
			at(e.ID(), screenName(quote(path(sel.Operand())+"."+sel.FieldName()), sel.FieldName()))
		case ast.LiteralKind:
			if s, ok := e.AsLiteral().(types.String); ok {
				at(e.ID(), screenLiteral(string(s)))
			}
		case ast.CallKind:
			call := e.AsCall()
			at(e.ID(), screenName(quote(call.FunctionName()+"()"), call.FunctionName()))
			switch call.FunctionName() {
			case operators.Index, operators.OptIndex:
				if key, ok := constString(call.Args()[1]); ok && len(call.Args()) == 2 {
					at(e.ID(), screenName(quote(path(call.Args()[0])+"."+key), key))
				}
			case operators.Add:
				if s, ok := constString(e); ok {
					at(e.ID(), screenLiteral(s))
				}
			}
		case ast.StructKind:
			for _, f := range e.AsStruct().Fields() {
				name := f.AsStructField().Name()
				at(f.ID(), screenName(quote(e.AsStruct().TypeName()+"."+name), name))
			}
		case ast.MapKind:
			for _, en := range e.AsMap().Entries() {
				if key, ok := constString(en.AsMapEntry().Key()); ok {
					at(en.ID(), screenName(quote(key), key))
				}
			}
		case ast.ComprehensionKind:
			c := e.AsComprehension()
			at(e.ID(), screenName(quote(c.IterVar()), c.IterVar()))
		}
	}
	ast.PreOrderVisit(a.Expr(), ast.NewExprVisitor(visit))
	return found
}

func quote(s string) string { return `"` + s + `"` }

// path renders a selection chain (traveller.document_type) or "…" for
// anything more complex.
func path(e ast.Expr) string {
	switch e.Kind() {
	case ast.IdentKind:
		return e.AsIdent()
	case ast.SelectKind:
		return path(e.AsSelect().Operand()) + "." + e.AsSelect().FieldName()
	}
	return "…"
}

// constString returns the value of a string literal or of a constant
// concatenation of string literals.
func constString(e ast.Expr) (string, bool) {
	switch e.Kind() {
	case ast.LiteralKind:
		s, ok := e.AsLiteral().(types.String)
		return string(s), ok
	case ast.CallKind:
		call := e.AsCall()
		if call.FunctionName() != operators.Add || len(call.Args()) != 2 {
			return "", false
		}
		l, ok1 := constString(call.Args()[0])
		r, ok2 := constString(call.Args()[1])
		return l + r, ok1 && ok2
	}
	return "", false
}

// screenProxies refuses a checked expression that can be satisfied by
// personal characteristics alone (nationality, document or residence
// country, gender, age) with no condition on travel behaviour: for
// instance traveller.nationality == "SYR", or
// traveller.nationality in [...] || flight.destination == "GZT".
//
// The expression is read as a formula over its leaves (the sub-expressions
// under &&, ||, ! and ?:). A leaf is behavioural when it selects a field
// other than a personal characteristic, outside comprehension ranges and
// accumulators; the expression is refused when some way of satisfying it
// (a branch of its ||, a ?: arm) consists only of non-behavioural leaves.
func screenProxies(a *ast.AST) *Refusal {
	only, personal := proxyOnly(a, a.Expr())
	if !only {
		return nil
	}
	id := a.Expr().ID()
	if len(personal) > 0 {
		id = personal[0].id
	}
	loc := a.SourceInfo().GetStartLocation(id)
	r := &Refusal{Basis: basisProxy}
	if loc.Line() > 0 {
		r.Line, r.Column = loc.Line(), loc.Column()+1
	}
	if len(personal) == 0 {
		r.Reason = "the expression can match without any condition on booking, flight or journey; a criterion must rest on travel behaviour"
		r.Basis = basisSpecific
		return r
	}
	r.Ref = quote(personal[0].path)
	kind := personalKind(personal[0].path[strings.LastIndexByte(personal[0].path, '.')+1:])
	r.Reason = fmt.Sprintf("%s used alone (without a condition on travel behaviour) is a proxy for a protected attribute and discriminates on %s; "+
		"combine it with conditions on booking, flight or journey", kind, kind)
	return r
}

// personalKind classifies a field of Traveller that describes the person
// rather than the travel, or returns "".
func personalKind(field string) string {
	switch field {
	case "nationality", "document_country", "residence_country":
		return "nationality"
	case "gender":
		return "sex"
	case "age_years":
		return "age"
	}
	return ""
}

// fieldRef is a field read by an expression, and where.
type fieldRef struct {
	path string
	id   int64
}

// proxyOnly reports whether e can be true on non-behavioural leaves
// alone, with the personal fields those leaves read.
func proxyOnly(a *ast.AST, e ast.Expr) (bool, []fieldRef) {
	if e.Kind() == ast.CallKind {
		call := e.AsCall()
		args := call.Args()
		switch call.FunctionName() {
		case operators.LogicalAnd:
			ok1, p1 := proxyOnly(a, args[0])
			ok2, p2 := proxyOnly(a, args[1])
			return ok1 && ok2, append(p1, p2...)
		case operators.LogicalOr:
			if ok, p := proxyOnly(a, args[0]); ok {
				return true, p
			}
			return proxyOnly(a, args[1])
		case operators.LogicalNot:
			return proxyOnly(a, args[0])
		case operators.Conditional:
			okc, pc := proxyOnly(a, args[0])
			if !okc {
				return false, nil
			}
			if ok, p := proxyOnly(a, args[1]); ok {
				return true, append(pc, p...)
			}
			ok, p := proxyOnly(a, args[2])
			return ok, append(pc, p...)
		}
	}
	behavioural, personal := leafRefs(a, e)
	return !behavioural, personal
}

// leafRefs reports whether a leaf selects a behavioural field, and which
// personal fields it reads. Comprehension ranges and accumulator
// initialisers are skipped: iterating over journey.segments is not in
// itself a condition on travel behaviour.
func leafRefs(a *ast.AST, e ast.Expr) (behavioural bool, personal []fieldRef) {
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch e.Kind() {
		case ast.SelectKind:
			sel := e.AsSelect()
			op := sel.Operand()
			if isTraveller(a.GetType(op.ID())) {
				if personalKind(sel.FieldName()) != "" {
					personal = append(personal, fieldRef{path(op) + "." + sel.FieldName(), e.ID()})
				} else {
					behavioural = true
				}
			} else if isSchemaType(a.GetType(op.ID())) {
				behavioural = true
			}
			if op.Kind() != ast.IdentKind {
				walk(op)
			}
		case ast.IdentKind:
			// A whole traveller compared or passed around carries its
			// personal characteristics.
			if isTraveller(a.GetType(e.ID())) {
				personal = append(personal, fieldRef{e.AsIdent() + ".nationality", e.ID()})
			}
		case ast.CallKind:
			call := e.AsCall()
			if call.IsMemberFunction() {
				walk(call.Target())
			}
			for _, arg := range call.Args() {
				walk(arg)
			}
		case ast.ListKind:
			for _, el := range e.AsList().Elements() {
				walk(el)
			}
		case ast.MapKind:
			for _, en := range e.AsMap().Entries() {
				walk(en.AsMapEntry().Key())
				walk(en.AsMapEntry().Value())
			}
		case ast.StructKind:
			for _, f := range e.AsStruct().Fields() {
				walk(f.AsStructField().Value())
			}
		case ast.ComprehensionKind:
			c := e.AsComprehension()
			walk(c.LoopCondition())
			walk(c.LoopStep())
			walk(c.Result())
		}
	}
	walk(e)
	return behavioural, personal
}

const typePrefix = "criteria."

func isTraveller(t *types.Type) bool {
	return t != nil && t.Kind() == types.StructKind && t.TypeName() == typePrefix+"Traveller"
}

func isSchemaType(t *types.Type) bool {
	return t != nil && t.Kind() == types.StructKind && strings.HasPrefix(t.TypeName(), typePrefix)
}
