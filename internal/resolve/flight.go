package resolve

import (
	"fmt"
	"sort"
	"strings"

	"github.com/chokepoint/chokepoint/internal/names"
)

// Thresholds of the flight merge. See docs/resolution.md.
const (
	// FlightThreshold is the confidence at or above which an API record
	// and a PNR record on the same flight are taken for one traveller.
	FlightThreshold = 0.80
	// FlightAmbiguityMargin: a pair is not merged when another pair
	// sharing one of its records scores within this margin (and the pair
	// has no shared document the other lacks).
	FlightAmbiguityMargin = 0.05
)

// Flight evidence weights (see the identity weights in decide.go for the
// combination rule).
const (
	fDocument     = 0.99 // same document number on one flight
	fLocator      = 0.70 // the API record's RFF+AVF is the booking locator
	fNameExact    = 0.60
	fNameSame     = 0.55
	fNameSimilar  = 0.40
	fNamePartial  = 0.30
	fBirth        = 0.75
	fSeat         = 0.50
	fUniqueName   = 0.60 // the name is unique on the flight in both lists
	fGenderWithID = 0.85 // penalty: different gender, same document
)

// FlightTraveller is one traveller on one flight: the API record and the
// booking record(s) taken to be the same person. API is nil for a booking
// record without an API record; PNR is empty for an API record without a
// booking record. Several PNR records come only from different bookings
// (duplicate bookings of one traveller).
type FlightTraveller struct {
	API *Record  `json:"api,omitempty"`
	PNR []Record `json:"pnr,omitempty"`
	// Confidence is the lowest confidence of the merges made (1 for a
	// single record).
	Confidence float64 `json:"confidence"`
	// Explanation gives the evidence of every merge, and why records were
	// left apart where it matters (ambiguity, vetoes of close matches).
	Explanation []string `json:"explanation"`
}

// Record returns the combined record of the flight traveller, for Decide:
// the API record's data (read from the document) completed with what the
// booking records add (birth date, documents from DOCS, contacts,
// frequent-flyer numbers, co-travellers, locator, seat).
func (ft FlightTraveller) Record() Record {
	if ft.API == nil {
		if len(ft.PNR) == 0 {
			return Record{}
		}
		return ft.PNR[0]
	}
	r := cloneRecord(*ft.API)
	if len(ft.PNR) == 0 {
		return r
	}
	r.Source = SourceMerged
	for _, p := range ft.PNR {
		fill := func(dst *string, src string) {
			if strings.TrimSpace(*dst) == "" {
				*dst = src
			}
		}
		fill(&r.BirthDate, p.BirthDate)
		fill(&r.Gender, p.Gender)
		fill(&r.Nationality, p.Nationality)
		fill(&r.AgeClass, p.AgeClass)
		fill(&r.RecordLocator, p.RecordLocator)
		fill(&r.Seat, p.Seat)
		fill(&r.TravelDate, p.TravelDate)
		for _, d := range p.Documents {
			nd, ok := normDoc(d)
			dup := false
			for _, e := range r.Documents {
				if ne, ok2 := normDoc(e); ok && ok2 && ne.number == nd.number {
					dup = true
				}
			}
			if ok && !dup {
				r.Documents = append(r.Documents, d)
			}
		}
		r.Phones = appendNew(r.Phones, p.Phones)
		r.Emails = appendNew(r.Emails, p.Emails)
		r.CoTravellers = appendNew(r.CoTravellers, p.CoTravellers)
		for _, f := range p.FrequentFlyers {
			dup := false
			for _, e := range r.FrequentFlyers {
				if normFF(e) == normFF(f) {
					dup = true
				}
			}
			if !dup {
				r.FrequentFlyers = append(r.FrequentFlyers, f)
			}
		}
		r.SharedContacts = r.SharedContacts || p.SharedContacts
	}
	return r
}

func cloneRecord(r Record) Record {
	r.Documents = clone(r.Documents)
	r.Phones = clone(r.Phones)
	r.Emails = clone(r.Emails)
	r.FrequentFlyers = clone(r.FrequentFlyers)
	r.CoTravellers = clone(r.CoTravellers)
	return r
}

func appendNew(dst, src []string) []string {
	for _, s := range src {
		if !contains(dst, s) {
			dst = append(dst, s)
		}
	}
	return dst
}

type flightPair struct {
	a, p     int
	level    nameLevel
	score    float64
	decisive bool
	why      []string
}

// MergeFlight pairs the API records and the PNR records of one flight. An
// API record and a PNR record become one traveller when the evidence
// (document number, booking locator with name, name with birth date, seat,
// a name unique on the flight) reaches FlightThreshold, no veto applies
// (different names, birth dates, genders, age classes, or two different
// passports or identity cards of one type and country) and the pairing is
// unambiguous. A PNR record without DOCS therefore merges only when its
// name is unique on the flight or within its booking, or a seat tells it
// apart.
//
// The result holds every API record once, in input order, followed by
// every PNR record not merged, in input order.
func MergeFlight(api, pnr []Record) []FlightTraveller {
	pa := make([]prepared, len(api))
	for i := range api {
		pa[i] = prepare(api[i])
	}
	pp := make([]prepared, len(pnr))
	for i := range pnr {
		pp[i] = prepare(pnr[i])
	}

	// Block: only records sharing a name part (canonical form or phonetic
	// key) or a document number are compared.
	index := make(map[string][]int)
	for j := range pp {
		for _, k := range blockKeys(pp[j]) {
			if l := index[k]; len(l) == 0 || l[len(l)-1] != j {
				index[k] = append(l, j)
			}
		}
	}
	var pairs []flightPair
	vetoes := make(map[int][]string) // PNR index → close vetoes worth telling
	seen := make([]int, len(pp))     // last API index + 1 compared with each PNR record
	for i := range pa {
		var js []int
		for _, k := range blockKeys(pa[i]) {
			for _, j := range index[k] {
				if seen[j] != i+1 {
					seen[j] = i + 1
					js = append(js, j)
				}
			}
		}
		sort.Ints(js)
		for _, j := range js {
			fp, ok, why := flightAssess(pa[i], pp[j])
			if !ok {
				if why != "" {
					vetoes[j] = append(vetoes[j], fmt.Sprintf("not with API %s: %s", label(api[i]), why))
				}
				continue
			}
			fp.a, fp.p = i, j
			pairs = append(pairs, fp)
		}
	}
	// A name unique on the flight in both lists is itself evidence.
	for k := range pairs {
		x := &pairs[k]
		if x.level < nameSame {
			continue
		}
		unique := true
		for _, y := range pairs {
			if (y.a == x.a) != (y.p == x.p) && y.level >= nameSimilar {
				unique = false
				break
			}
		}
		if unique {
			x.score = 1 - (1-x.score)*(1-fUniqueName)
			x.why = append(x.why, "only traveller of this name on the flight in both lists")
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].score > pairs[y].score })

	apiOf := make([]int, len(pnr)) // PNR index → API index, -1 when none
	for j := range apiOf {
		apiOf[j] = -1
	}
	type slot struct {
		api     int
		locator string
	}
	taken := make(map[slot]bool) // one PNR record per booking per API record
	notes := make(map[int][]string)
	for _, x := range pairs {
		if x.score < FlightThreshold {
			break
		}
		if apiOf[x.p] >= 0 {
			continue
		}
		loc := pp[x.p].locator
		key := slot{x.a, loc}
		if taken[key] {
			continue
		}
		ambiguous := ""
		for _, y := range pairs {
			if y.a == x.a && y.p == x.p || x.score-y.score >= FlightAmbiguityMargin || x.decisive && !y.decisive ||
				apiOf[y.p] >= 0 || taken[slot{y.a, pp[y.p].locator}] {
				continue // not a competitor, or one already settled
			}
			switch {
			case y.p == x.p:
				ambiguous = "API " + label(api[y.a])
			case y.a == x.a && pp[y.p].locator == loc:
				ambiguous = "PNR " + label(pnr[y.p])
			}
			if ambiguous != "" {
				break
			}
		}
		if ambiguous != "" {
			notes[x.p] = append(notes[x.p], fmt.Sprintf("API %s matches (%.2f) but so does %s → not merged", label(api[x.a]), x.score, ambiguous))
			continue
		}
		apiOf[x.p] = x.a
		taken[key] = true
		notes[x.p] = append(notes[x.p], fmt.Sprintf("API %s + PNR %s (%.2f): %s", label(api[x.a]), label(pnr[x.p]), x.score, strings.Join(x.why, "; ")))
	}

	out := make([]FlightTraveller, len(api))
	for i := range api {
		out[i] = FlightTraveller{API: &api[i], Confidence: 1}
	}
	for j := range pnr {
		i := apiOf[j]
		if i < 0 {
			continue
		}
		ft := &out[i]
		ft.PNR = append(ft.PNR, pnr[j])
		for _, x := range pairs {
			if x.a == i && x.p == j {
				ft.Confidence = min(ft.Confidence, round(x.score))
			}
		}
		ft.Explanation = append(ft.Explanation, notes[j]...)
	}
	for i := range out {
		if len(out[i].PNR) == 0 {
			out[i].Explanation = []string{"API record without a matching booking record"}
		}
	}
	for j := range pnr {
		if apiOf[j] >= 0 {
			continue
		}
		expl := []string{"booking record without a matching API record"}
		expl = append(expl, notes[j]...)
		expl = append(expl, vetoes[j]...)
		out = append(out, FlightTraveller{PNR: []Record{pnr[j]}, Confidence: 1, Explanation: expl})
	}
	return out
}

// blockKeys are the keys MergeFlight compares records by.
func blockKeys(p prepared) []string {
	keys := make([]string, 0, 2*len(p.name.toks)+len(p.docs))
	for _, t := range p.name.toks {
		keys = append(keys, "c:"+t.Canon)
		if len(t.Key) >= 2 {
			keys = append(keys, "k:"+t.Key)
		}
		if t.Core != "" {
			keys = append(keys, "c:"+t.Core)
		}
	}
	for _, d := range p.docs {
		keys = append(keys, "d:"+d.number)
	}
	return keys
}

func label(r Record) string {
	s := r.Ref
	if r.RecordLocator != "" {
		s = r.RecordLocator + "/" + s
	}
	if s == "" {
		s = "#"
	}
	return s
}

// flightAssess weighs the evidence that an API record and a PNR record on
// the same flight are one traveller. It returns ok=false on a veto, with
// the reason when the names agree (a veto between different names is not
// worth telling).
func flightAssess(a, p prepared) (flightPair, bool, string) {
	var fp flightPair
	e := evidence{miss: 1, mult: 1}
	var cmp names.Comparison
	fp.level, cmp = compareNamesExplained(a.name, p.name)
	if fp.level == nameDifferent {
		return fp, false, ""
	}
	nameWhy := describeName(fp.level, a.name, p.name, cmp)

	var docHit string
	for _, ad := range a.docs {
		for _, pd := range p.docs {
			if ad.number == pd.number && (ad.country == pd.country || ad.country == "" || pd.country == "") {
				docHit = ad.String()
			}
		}
	}
	if docHit != "" {
		e.add(fDocument)
		fp.decisive = true
		fp.why = append(fp.why, "same "+docHit)
	} else if ad, pd, ok := otherDocument(a.docs, p.docs); ok {
		return fp, false, fmt.Sprintf("%s; different %s vs %s", nameWhy, ad, pd.number)
	}
	birthEqual := false
	if a.birth != "" && p.birth != "" {
		if a.birth != p.birth {
			return fp, false, fmt.Sprintf("%s; different birth date: %s vs %s", nameWhy, a.birth, p.birth)
		}
		birthEqual = true
	}
	if a.gender != "" && p.gender != "" && a.gender != p.gender {
		if docHit == "" {
			return fp, false, fmt.Sprintf("%s; different gender: %s vs %s", nameWhy, a.gender, p.gender)
		}
		e.penalise(fGenderWithID)
		fp.why = append(fp.why, "different gender: "+a.gender+" vs "+p.gender)
	}
	if !birthEqual && (ageConflict(a.age, []string{p.age}) || a.age == AgeInfant && p.notInfant) {
		return fp, false, fmt.Sprintf("%s; infant vs adult", nameWhy)
	}

	switch fp.level {
	case nameExact:
		e.add(fNameExact)
	case nameSame:
		e.add(fNameSame)
	case nameSimilar:
		e.add(fNameSimilar)
	default:
		e.add(fNamePartial)
	}
	fp.why = append(fp.why, nameWhy)
	if birthEqual {
		e.add(fBirth)
		fp.why = append(fp.why, "same birth date "+a.birth)
	}
	if a.locator != "" && a.locator == p.locator {
		e.add(fLocator)
		fp.why = append(fp.why, "same booking locator "+a.locator)
	}
	if a.seat != "" && a.seat == p.seat {
		e.add(fSeat)
		fp.why = append(fp.why, "same seat "+a.seat)
	}
	fp.score = e.score()
	return fp, true, ""
}
