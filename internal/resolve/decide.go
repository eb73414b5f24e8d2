package resolve

import (
	"fmt"
	"sort"
	"strings"

	"github.com/chokepoint/chokepoint/internal/names"
)

// Thresholds of identity resolution. See docs/resolution.md for why.
const (
	// MergeThreshold is the confidence at or above which a record joins a
	// candidate identity.
	MergeThreshold = 0.80
	// AmbiguityMargin: when two candidates both reach MergeThreshold and
	// differ by less than this, and the better one has no shared document
	// or frequent-flyer number that the other lacks, the record joins
	// neither.
	AmbiguityMargin = 0.05
)

// Evidence weights: each is the probability the evidence alone gives that
// two records are the same person; independent pieces combine as
// 1 - Π(1 - p). Penalties multiply the result.
const (
	pDocument        = 0.97 // same passport or identity card, same country
	pDocumentLoose   = 0.90 // same number, type or country not both known
	pFrequentFlyer   = 0.90
	pNameBirth       = 0.85 // exact name and birth date
	pNameBirthWeak   = 0.72 // ... common name, or 1 January birth date
	pNameBirthWeaker = 0.50 // ... common name and 1 January birth date
	pVariantBirth    = 0.70 // name variant and birth date
	pPartialBirth    = 0.60 // partial name and birth date
	pName            = 0.50 // exact name, no birth date to compare
	pVariantName     = 0.30
	pPartialName     = 0.20
	pNationality     = 0.40
	pOwnContact      = 0.62 // the traveller's own e-mail or phone
	pOwnContactCap   = 0.75
	pSharedContact   = 0.45 // a booking contact shared by several travellers
	pSharedCap       = 0.55

	penaltyOtherDoc      = 0.88 // another document of the same type and country
	penaltyRenewal       = 0.97 // ... that looks like a renewal (later expiry)
	penaltyNationality   = 0.90 // different nationality (dual nationals exist)
	penaltyGenderWithDoc = 0.85 // different gender, same document
)

// Decision is the outcome of resolving one record against its candidates.
type Decision struct {
	// IdentityID is the identity the record joins; empty when New.
	IdentityID string `json:"identity_id,omitempty"`
	// New is set when the record starts a new identity: the caller
	// allocates an id and calls NewIdentity.
	New bool `json:"new"`
	// Confidence is, for a merge, the confidence that the record is that
	// identity's traveller; for a new identity, the confidence that it is
	// none of the candidates (1 - the best candidate's score).
	Confidence float64 `json:"confidence"`
	// Explanation lists the evidence: for the chosen identity each piece
	// for and against, and for every candidate not chosen why not.
	Explanation []string `json:"explanation"`
	// Review lists contradictions an analyst should look at: strong
	// identifiers shared while other data disagree, or ambiguous matches.
	Review []string `json:"review,omitempty"`
}

// Keys returns the blocking keys of a record: the store indexes each
// identity under the keys of every record folded into it, and fetches the
// candidates of a new record as the identities sharing at least one key.
// Keys are:
//
//	doc:NUMBER                  a document number (any type or country)
//	nb:CANONICAL NAME|BIRTH     the order-free canonical name and birth date
//	pb:PHONETIC PART|BIRTH      the phonetic key of each surname part and of
//	                            the first given name, with the birth date
//	em:EMAIL  ph:LAST 9 DIGITS  ff:CARRIERNUMBER
//
// There is deliberately no key on a name alone: a name alone never merges.
func Keys(r Record) []string {
	return keysOf(prepare(r))
}

func keysOf(p prepared) []string {
	keys := make([]string, 0, 8)
	add := func(k string) {
		if !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, d := range p.docs {
		add("doc:" + d.number)
	}
	if p.birth != "" && !p.name.empty() {
		add("nb:" + p.name.canonKey() + "|" + p.birth)
		for i, t := range p.name.toks {
			if i < p.name.nsur || i == p.name.nsur {
				if t.Key != "" {
					add("pb:" + t.Key + "|" + p.birth)
				}
			}
		}
	}
	for _, e := range p.emails {
		add("em:" + e)
	}
	for _, ph := range p.phones {
		add("ph:" + ph)
	}
	for _, f := range p.ffs {
		add("ff:" + f)
	}
	return keys
}

// IdentityKeys returns the keys an identity is indexed under: the union of
// the keys of the records folded into it, as far as the identity keeps
// them. Use it to rebuild an index.
func IdentityKeys(id Identity) []string {
	var keys []string
	births := append([]string{""}, id.BirthDates...)
	for _, n := range id.Names {
		sur, given, _ := strings.Cut(n, "/")
		for _, b := range births {
			r := Record{Surname: sur, GivenNames: given, BirthDate: b}
			for _, k := range Keys(r) {
				if !contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
	}
	r := Record{Documents: id.Documents, Phones: id.Phones, Emails: id.Emails, FrequentFlyers: id.FrequentFlyers}
	for _, k := range Keys(r) {
		if !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// assessment is the comparison of a record with one candidate identity.
type assessment struct {
	id       string
	score    float64
	veto     bool
	decisive bool // a shared document or frequent-flyer number
	why      []string
	review   []string
}

type evidence struct {
	miss float64 // Π(1 - p)
	mult float64 // Π penalties
}

func (e *evidence) add(p float64)      { e.miss *= 1 - p }
func (e *evidence) penalise(f float64) { e.mult *= f }
func (e evidence) score() float64      { return (1 - e.miss) * e.mult }

// Decide resolves a record against the candidate identities the store
// fetched by its keys. It merges only when the evidence reaches
// MergeThreshold, no veto applies (different names, birth dates, genders
// or age classes) and the choice is not ambiguous; otherwise the record
// starts a new identity.
func Decide(r Record, candidates []Identity) Decision {
	return decide(prepare(r), candidates, names.DefaultWeigher())
}

func decide(p prepared, candidates []Identity, w names.Weigher) Decision {
	if len(candidates) == 0 {
		return Decision{New: true, Confidence: 1, Explanation: []string{"no candidate identity → new identity"}}
	}
	as := make([]assessment, len(candidates))
	for i, c := range candidates {
		as[i] = assess(p, prepareIdentity(c), w)
		as[i].id = c.ID
	}
	order := make([]int, len(as))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		ax, ay := as[order[x]], as[order[y]]
		if ax.veto != ay.veto {
			return !ax.veto
		}
		return ax.score > ay.score
	})
	var d Decision
	best := as[order[0]]
	chosen := !best.veto && best.score >= MergeThreshold
	if chosen && len(order) > 1 {
		second := as[order[1]]
		if !second.veto && second.score >= MergeThreshold && best.score-second.score < AmbiguityMargin &&
			!(best.decisive && !second.decisive) {
			chosen = false
			d.Review = append(d.Review, fmt.Sprintf("ambiguous: matches %s (%.2f) and %s (%.2f) → not merged", best.id, best.score, second.id, second.score))
		}
	}
	if chosen {
		d.IdentityID = best.id
		d.Confidence = round(best.score)
		d.Explanation = append(d.Explanation, fmt.Sprintf("merged into %s (%.2f ≥ %.2f)", best.id, best.score, MergeThreshold))
		for _, s := range best.why {
			d.Explanation = append(d.Explanation, "  "+s)
		}
		d.Review = append(d.Review, best.review...)
	} else {
		d.New = true
		top := 0.0
		for _, a := range as {
			if !a.veto && a.score > top {
				top = a.score
			}
		}
		d.Confidence = round(1 - top)
		d.Explanation = append(d.Explanation, "new identity")
	}
	for _, i := range order {
		a := as[i]
		if chosen && a.id == best.id {
			continue
		}
		verdict := fmt.Sprintf("%s not merged (%.2f)", a.id, a.score)
		if a.veto {
			verdict = a.id + " not merged (veto)"
		}
		d.Explanation = append(d.Explanation, verdict+": "+strings.Join(a.why, "; "))
		if !chosen {
			d.Review = append(d.Review, a.review...)
		}
	}
	return d
}

func round(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}

// assess weighs the evidence that record p is the traveller of identity c.
func assess(p prepared, c pident, w names.Weigher) assessment {
	var a assessment
	e := evidence{miss: 1, mult: 1}
	veto := func(s string) {
		a.veto = true
		a.why = append(a.why, s+" → not merged")
	}

	// Identifiers.
	var docHit *ndoc
	for i := range p.docs {
		rd := &p.docs[i]
		for _, cd := range c.docs {
			if rd.number == cd.number && (rd.country == cd.country || rd.country == "" || cd.country == "") {
				docHit = rd
				if rd.typ == cd.typ && identityDoc(rd.typ) && rd.country != "" && cd.country != "" {
					e.add(pDocument)
				} else {
					e.add(pDocumentLoose)
				}
				a.decisive = true
				a.why = append(a.why, "same "+rd.String())
				break
			}
		}
		if docHit != nil {
			break
		}
	}
	if docHit == nil {
		if rd, cd, ok := otherDocument(p.docs, c.docs); ok {
			if rd.expiry != "" && cd.expiry != "" && rd.expiry > cd.expiry {
				e.penalise(penaltyRenewal)
				a.why = append(a.why, fmt.Sprintf("different %s vs %s, later expiry (renewal?)", rd, cd.number))
			} else {
				e.penalise(penaltyOtherDoc)
				a.why = append(a.why, fmt.Sprintf("different %s vs %s", rd, cd.number))
			}
		}
	}
	if f := intersect(p.ffs, c.ffs); f != "" {
		e.add(pFrequentFlyer)
		a.decisive = true
		a.why = append(a.why, "same frequent-flyer number "+f)
	}

	// Name.
	level, matched, cmp := bestName(p.name, c.names)
	if level == nameDifferent {
		veto(describeName(level, p.name, matched, cmp))
		if a.decisive {
			a.review = append(a.review, "shared identifier but different names: "+p.name.display+" vs "+matched.display)
		}
		return a
	}
	// A co-traveller on the same booking who matches this identity at
	// least as well means the identity is more likely theirs (twins,
	// ANNA/ANNE).
	if level < nameSame {
		for _, co := range p.co {
			if l, _, _ := bestName(co, c.names); l >= level {
				veto(fmt.Sprintf("co-traveller %s matches this identity as well (%s) as %s (%s)", co.display, l, p.name.display, level))
				return a
			}
		}
	}

	// Birth date.
	birthEqual := false
	if p.birth != "" && len(c.births) > 0 {
		if contains(c.births, p.birth) {
			birthEqual = true
		} else {
			veto(fmt.Sprintf("different birth date: %s vs %s", p.birth, strings.Join(c.births, ",")))
			if a.decisive {
				a.review = append(a.review, "shared identifier but different birth dates: "+p.birth+" vs "+strings.Join(c.births, ","))
			}
			return a
		}
	}

	// Gender.
	if p.gender != "" && len(c.genders) > 0 && !contains(c.genders, p.gender) {
		if docHit == nil {
			veto("different gender: " + p.gender + " vs " + strings.Join(c.genders, ","))
			return a
		}
		e.penalise(penaltyGenderWithDoc)
		a.why = append(a.why, "different gender: "+p.gender+" vs "+strings.Join(c.genders, ","))
		a.review = append(a.review, "same "+docHit.String()+" but different gender")
	}

	// Age class: an infant is not an adult, unless the birth date says
	// they are the same person seen years apart.
	if !birthEqual && ageConflict(p.age, c.ages) {
		veto("infant vs adult: " + p.age + " vs " + strings.Join(c.ages, ","))
		return a
	}

	// Name, with or without the birth date.
	a.why = append(a.why, describeName(level, p.name, matched, cmp))
	common := p.name.common(w)
	if birthEqual {
		jan1 := strings.HasSuffix(p.birth, "-01-01")
		var pn float64
		switch level {
		case nameExact, nameSame:
			switch {
			case common && jan1:
				pn = pNameBirthWeaker
			case common || jan1:
				pn = pNameBirthWeak
			default:
				pn = pNameBirth
			}
		case nameSimilar:
			pn = pVariantBirth
		default:
			pn = pPartialBirth
		}
		if jan1 && level < nameSame {
			pn -= 0.15
		}
		e.add(pn)
		note := ""
		switch {
		case common && jan1:
			note = " (common name, 1 January birth date)"
		case common:
			note = " (common name)"
		case jan1:
			note = " (1 January birth date)"
		}
		a.why = append(a.why, "same birth date "+p.birth+note)
	} else {
		switch level {
		case nameExact, nameSame:
			e.add(pName)
		case nameSimilar:
			e.add(pVariantName)
		default:
			e.add(pPartialName)
		}
		a.why = append(a.why, "no birth date to compare")
	}

	// Nationality.
	if p.nationality != "" && len(c.nationalities) > 0 {
		if contains(c.nationalities, p.nationality) {
			e.add(pNationality)
			a.why = append(a.why, "same nationality "+p.nationality)
		} else {
			e.penalise(penaltyNationality)
			a.why = append(a.why, "different nationality: "+p.nationality+" vs "+strings.Join(c.nationalities, ","))
		}
	}

	// Contacts. Booking contacts shared with a namesake on the same booking
	// say nothing about which of the two this is.
	namesake := false
	if p.shared {
		for _, co := range p.co {
			if compareNames(p.name, co) >= nameSimilar {
				namesake = true
			}
		}
	}
	em, ph := intersect(p.emails, c.emails), intersect(p.phones, c.phones)
	if (em != "" || ph != "") && namesake {
		a.why = append(a.why, "shared booking contact ignored: a co-traveller has the same name")
	} else if em != "" || ph != "" {
		pc, capc, what := pOwnContact, pOwnContactCap, "same"
		if p.shared {
			pc, capc, what = pSharedContact, pSharedCap, "same booking"
		}
		miss := 1.0
		if em != "" {
			miss *= 1 - pc
			a.why = append(a.why, what+" e-mail "+em)
		}
		if ph != "" {
			miss *= 1 - pc
			a.why = append(a.why, what+" phone …"+ph[max(0, len(ph)-4):])
		}
		e.add(min(1-miss, capc))
	}

	a.score = e.score()
	return a
}

// otherDocument finds an identity document of the record and one of the
// identity of the same type and issuing country with different numbers.
func otherDocument(rs, cs []ndoc) (ndoc, ndoc, bool) {
	for _, r := range rs {
		if !identityDoc(r.typ) || r.country == "" {
			continue
		}
		for _, c := range cs {
			if c.typ == r.typ && c.country == r.country && c.number != r.number {
				return r, c, true
			}
		}
	}
	return ndoc{}, ndoc{}, false
}

func ageConflict(a string, others []string) bool {
	for _, o := range others {
		if a == AgeInfant && o == AgeAdult || a == AgeAdult && o == AgeInfant {
			return true
		}
	}
	return false
}
