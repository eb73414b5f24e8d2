package resolve

// Name comparison for resolution. Normalisation and the token alignment
// are package names' (names.CompareNames); this file only grades the
// alignment into the few levels resolution's rules need, and parses the
// surname and given names separately so the fields can be told apart.

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

// minPairSim is the least similarity of an aligned pair of parts that
// counts as agreement; weaker pairs (a few letters in common) count as
// disagreement. Initials score 0.6 in package names.
const minPairSim = 0.6

func (p pname) asName() names.Name { return names.Name{Tokens: p.toks} }

// compareNames aligns the parts of two names with package names (order
// free, spelling families, phonetic keys, joined parts, initials) and
// grades the result. A name is exact only when every part is spelt the
// same and sits in the same field.
func compareNames(a, b pname) nameLevel {
	l, _ := compareNamesExplained(a, b)
	return l
}

func compareNamesExplained(a, b pname) (nameLevel, names.Comparison) {
	if a.empty() || b.empty() {
		return nameDifferent, names.Comparison{}
	}
	c := names.CompareNames(a.asName(), b.asName(), names.DefaultWeigher(), names.DefaultScoring)
	weak, initial := 0, false
	for _, p := range c.Pairs {
		if p.Sim < minPairSim {
			weak++
		}
		if p.How == names.HowInitial {
			initial = true
		}
	}
	leftA, leftB := len(c.UnmatchedA), len(c.UnmatchedB)
	matched := len(c.Pairs) - weak
	switch {
	case matched == 0:
		return nameDifferent, c
	case weak > 0 || leftA > 0 && leftB > 0:
		return nameDifferent, c
	case leftA > 0 || leftB > 0:
		// one name has more parts (a middle name missing): two agreeing
		// parts are needed; a lone part says nothing.
		if matched < 2 {
			return nameDifferent, c
		}
		return namePartial, c
	case initial:
		if matched < 2 {
			return nameDifferent, c
		}
		return namePartial, c
	case c.Exact && sameFields(a, b):
		return nameExact, c
	case c.Full:
		return nameSame, c
	}
	return nameSimilar, c
}

// sameFields reports whether both names have the same surname parts and
// the same given-name parts, as written.
func sameFields(a, b pname) bool {
	return a.nsur == b.nsur && len(a.toks) == len(b.toks) &&
		sameTexts(a.toks[:a.nsur], b.toks[:b.nsur]) && sameTexts(a.toks[a.nsur:], b.toks[b.nsur:])
}

func sameTexts(a, b []names.Token) bool {
	used := make([]bool, len(b))
outer:
	for _, x := range a {
		for j, y := range b {
			if !used[j] && x.Text == y.Text {
				used[j] = true
				continue outer
			}
		}
		return false
	}
	return true
}

// bestName returns the best agreement between a name and any of a list,
// with the name it was found with and the alignment.
func bestName(a pname, list []pname) (nameLevel, pname, names.Comparison) {
	best, bn, bc := nameDifferent, pname{}, names.Comparison{}
	for _, b := range list {
		l, c := compareNamesExplained(a, b)
		if l > best || bn.empty() {
			best, bn, bc = l, b, c
		}
	}
	return best, bn, bc
}

// describeName explains a name agreement; c is the alignment of a and b.
func describeName(l nameLevel, a, b pname, c names.Comparison) string {
	how := ""
	if !c.Exact && len(c.Pairs) > 0 {
		how = " (" + c.Explain() + ")"
	}
	switch l {
	case nameExact:
		return "same name " + a.display
	case nameSame:
		return "same name after normalisation: " + a.display + " = " + b.display + how
	case nameSimilar:
		return "name variant: " + a.display + " ~ " + b.display + how
	case namePartial:
		return "partial name agreement: " + a.display + " ~ " + b.display + how
	}
	return "different names: " + a.display + " vs " + b.display + how
}
