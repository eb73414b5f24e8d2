package resolve

// Name comparison for resolution.
//
// Normalisation (folding, transliteration, Arabic name structure, spelling
// families, phonetic keys) is package names'. Package names does not yet
// export a token-aligned name-vs-name comparison, so this file holds a small
// adapter that aligns the parsed tokens itself and grades the agreement
// into the few levels resolution needs. It is kept apart so it can be
// replaced by the names package's scorer when that is exported.

import (
	"sort"
	"strings"

	"github.com/chokepoint/chokepoint/internal/names"
)

// nameLevel grades how two names agree, best last.
type nameLevel int

const (
	nameDifferent nameLevel = iota
	// namePartial: every part of the shorter name matches, but the longer
	// one has more (a middle name missing) or a part is only an initial.
	namePartial
	// nameSimilar: the same parts, some only phonetically or by spelling
	// distance (transliteration variants).
	nameSimilar
	// nameSame: the same parts after normalisation (spelling families,
	// articles, script), possibly in other fields or order.
	nameSame
	// nameExact: the same parts, as written, in the same fields.
	nameExact
)

func (l nameLevel) String() string {
	return [...]string{"different", "partial", "similar", "same", "exact"}[l]
}

// placeholders stand for a missing name part in airline and API data.
var placeholders = map[string]bool{"FNU": true, "LNU": true, "UNK": true, "UNKNOWN": true, "XX": true, "XXX": true, "NFN": true, "NONAME": true}

// pname is a parsed name: surname tokens first.
type pname struct {
	toks []names.Token
	nsur int
	// display is the folded name in airline form, for explanations.
	display string
}

func parseName(surname, given string) pname {
	s := names.ParseParts("", surname)
	g := names.ParseParts(given, "")
	var p pname
	for _, t := range s.Tokens {
		if !placeholders[t.Text] {
			p.toks = append(p.toks, t)
		}
	}
	p.nsur = len(p.toks)
	for _, t := range g.Tokens {
		if !placeholders[t.Text] {
			p.toks = append(p.toks, t)
		}
	}
	p.display = texts(p.toks[:p.nsur]) + "/" + texts(p.toks[p.nsur:])
	return p
}

func texts(ts []names.Token) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Text
	}
	return strings.Join(parts, " ")
}

func (p pname) empty() bool { return len(p.toks) == 0 }

// canonKey is the order-free canonical form of the whole name.
func (p pname) canonKey() string {
	c := make([]string, len(p.toks))
	for i, t := range p.toks {
		c[i] = t.Canon
	}
	sort.Strings(c)
	return strings.Join(c, " ")
}

// common reports whether every part of the name is among the common
// traveller name parts, so that the name alone says little about who
// someone is (MOHAMMED ALI, JOHN SMITH).
func (p pname) common(w names.Weigher) bool {
	for _, t := range p.toks {
		if w.Weight(t.Canon) >= 0.5 {
			return false
		}
	}
	return len(p.toks) > 0
}

// token agreement grades.
const (
	tokNone = iota
	tokInitial
	tokPhonetic
	tokCanon
	tokExact
)

func tokenMatch(a, b names.Token) (int, float64) {
	if a.Text == b.Text {
		return tokExact, 1
	}
	if a.Canon == b.Canon ||
		a.Core != "" && (a.Core == b.Canon || a.Core == b.Core) ||
		b.Core != "" && b.Core == a.Canon {
		return tokCanon, 1
	}
	if len(a.Text) == 1 || len(b.Text) == 1 {
		if a.Text[0] == b.Text[0] {
			return tokInitial, 0
		}
		return tokNone, 0
	}
	jw := names.JaroWinkler(a.Canon, b.Canon)
	if a.Key == b.Key && len(a.Key) >= 2 && jw >= 0.85 {
		return tokPhonetic, jw
	}
	if jw >= 0.93 && len(a.Canon) >= 5 && len(b.Canon) >= 5 {
		return tokPhonetic, jw
	}
	return tokNone, 0
}

// compareNames aligns the parts of two names one to one, best agreement
// first, and grades the result. Field order is ignored for alignment
// (airlines swap surname and given names), but a name is exact only when
// every part matches as written in the same field.
func compareNames(a, b pname) nameLevel {
	if a.empty() || b.empty() {
		return nameDifferent
	}
	type pair struct {
		i, j  int
		grade int
		jw    float64
	}
	var pairs []pair
	for i, ta := range a.toks {
		for j, tb := range b.toks {
			if g, jw := tokenMatch(ta, tb); g != tokNone {
				pairs = append(pairs, pair{i, j, g, jw})
			}
		}
	}
	sort.Slice(pairs, func(x, y int) bool {
		if pairs[x].grade != pairs[y].grade {
			return pairs[x].grade > pairs[y].grade
		}
		if pairs[x].jw != pairs[y].jw {
			return pairs[x].jw > pairs[y].jw
		}
		// prefer keeping parts in the same field and position
		dx := abs(pairs[x].i - pairs[x].j)
		dy := abs(pairs[y].i - pairs[y].j)
		return dx < dy
	})
	const maxToks = 16
	if len(a.toks) > maxToks || len(b.toks) > maxToks {
		return nameDifferent
	}
	var usedA, usedB [maxToks]bool
	matched, worst, sameField := 0, tokExact, true
	for _, p := range pairs {
		if usedA[p.i] || usedB[p.j] {
			continue
		}
		usedA[p.i], usedB[p.j] = true, true
		matched++
		if p.grade < worst {
			worst = p.grade
		}
		if (p.i < a.nsur) != (p.j < b.nsur) {
			sameField = false
		}
	}
	leftA, leftB := len(a.toks)-matched, len(b.toks)-matched
	switch {
	case matched == 0 || leftA > 0 && leftB > 0:
		return nameDifferent
	case leftA > 0 || leftB > 0:
		// one name has more parts: a subset match needs two agreeing
		// parts, or a lone part that is the other's whole name is not
		// enough to say anything.
		if matched < 2 || worst < tokInitial {
			return nameDifferent
		}
		return namePartial
	case worst == tokInitial:
		if matched < 2 {
			return nameDifferent
		}
		return namePartial
	case worst == tokPhonetic:
		return nameSimilar
	case worst == tokExact && sameField:
		return nameExact
	}
	return nameSame
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// bestName returns the best agreement between a name and any of a list.
func bestName(a pname, list []pname) (nameLevel, pname) {
	best, bn := nameDifferent, pname{}
	for _, b := range list {
		if l := compareNames(a, b); l > best || bn.empty() && l == best {
			best, bn = l, b
		}
	}
	return best, bn
}

func describeName(l nameLevel, a, b pname) string {
	switch l {
	case nameExact:
		return "same name " + a.display
	case nameSame:
		return "same name after normalisation: " + a.display + " = " + b.display
	case nameSimilar:
		return "name variant: " + a.display + " ~ " + b.display
	case namePartial:
		return "partial name agreement: " + a.display + " ~ " + b.display
	}
	return "different names: " + a.display + " vs " + b.display
}
