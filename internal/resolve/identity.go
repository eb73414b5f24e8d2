package resolve

import (
	"strconv"
	"strings"
)

// Identity is one resolved traveller: the union of what the records folded
// into it say. Its ID never changes once given, however much data arrives
// later (see NewIdentity).
type Identity struct {
	ID string `json:"id"`
	// Names are the distinct names seen, "SURNAME/GIVEN NAMES" as received.
	Names          []string        `json:"names"`
	BirthDates     []string        `json:"birth_dates,omitempty"`
	Genders        []string        `json:"genders,omitempty"`
	Nationalities  []string        `json:"nationalities,omitempty"`
	AgeClasses     []string        `json:"age_classes,omitempty"`
	Documents      []Document      `json:"documents,omitempty"`
	Phones         []string        `json:"phones,omitempty"`
	Emails         []string        `json:"emails,omitempty"`
	FrequentFlyers []FrequentFlyer `json:"frequent_flyers,omitempty"`
	// Records counts the records folded in; LastMessage is the message id
	// of the latest.
	Records     int    `json:"records"`
	LastMessage string `json:"last_message,omitempty"`
}

// IDFromSequence formats a store sequence number as an identity id: "T"
// and the number in upper-case base 36 (T1, TA, T2S...).
//
// Ids are allocated by the caller (NewIdentity takes one) and never derived
// from personal data: an id built from a passport number or a name would
// change when a better document arrives, and would itself be personal data
// to protect. A store sequence or a random source both satisfy this.
func IDFromSequence(n uint64) string {
	return "T" + strings.ToUpper(strconv.FormatUint(n, 36))
}

// NewIdentity starts an identity with the given id from one record.
func NewIdentity(id string, r Record) Identity {
	return Merge(Identity{ID: id}, r)
}

// Merge returns the identity with the record folded in: names, birth dates,
// documents, contacts and memberships are added when not already known (in
// normalised form); a known document gains an expiry it lacked. The input
// identity is not modified.
func Merge(id Identity, r Record) Identity {
	out := Identity{
		ID:             id.ID,
		Names:          clone(id.Names),
		BirthDates:     clone(id.BirthDates),
		Genders:        clone(id.Genders),
		Nationalities:  clone(id.Nationalities),
		AgeClasses:     clone(id.AgeClasses),
		Documents:      clone(id.Documents),
		Phones:         clone(id.Phones),
		Emails:         clone(id.Emails),
		FrequentFlyers: clone(id.FrequentFlyers),
		Records:        id.Records + 1,
		LastMessage:    r.MessageID,
	}
	if out.LastMessage == "" {
		out.LastMessage = id.LastMessage
	}
	p := prepare(r)
	if !p.name.empty() {
		newName := true
		for _, n := range out.Names {
			if sur, given, _ := strings.Cut(n, "/"); compareNames(p.name, parseName(sur, given)) == nameExact {
				newName = false
				break
			}
		}
		if newName {
			out.Names = append(out.Names, strings.TrimSpace(r.Surname)+"/"+strings.TrimSpace(r.GivenNames))
		}
	}
	out.BirthDates = addNorm(out.BirthDates, p.birth)
	out.Genders = addNorm(out.Genders, p.gender)
	out.Nationalities = addNorm(out.Nationalities, p.nationality)
	out.AgeClasses = addNorm(out.AgeClasses, p.age)
	for _, d := range r.Documents {
		nd, ok := normDoc(d)
		if !ok {
			continue
		}
		found := false
		for i, e := range out.Documents {
			ne, ok := normDoc(e)
			if ok && ne.number == nd.number && (ne.country == nd.country || ne.country == "" || nd.country == "") {
				found = true
				if out.Documents[i].Expiry == "" && nd.expiry != "" {
					out.Documents[i].Expiry = nd.expiry
				}
				if out.Documents[i].Country == "" && nd.country != "" {
					out.Documents[i].Country = nd.country
				}
				break
			}
		}
		if !found {
			out.Documents = append(out.Documents, Document{Type: nd.typ, Number: nd.number, Country: nd.country, Expiry: nd.expiry})
		}
	}
	for _, ph := range p.phones {
		out.Phones = addNorm(out.Phones, ph)
	}
	for _, e := range p.emails {
		out.Emails = addNorm(out.Emails, e)
	}
	for _, f := range r.FrequentFlyers {
		n := normFF(f)
		if n == "" {
			continue
		}
		found := false
		for _, e := range out.FrequentFlyers {
			if normFF(e) == n {
				found = true
				break
			}
		}
		if !found {
			out.FrequentFlyers = append(out.FrequentFlyers, FrequentFlyer{Carrier: strings.ToUpper(strings.TrimSpace(f.Carrier)), Number: normDocNumber(f.Number)})
		}
	}
	return out
}

func clone[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)+1), s...)
}

func addNorm(list []string, v string) []string {
	if v == "" || contains(list, v) {
		return list
	}
	return append(list, v)
}

// pident is an identity normalised for comparison.
type pident struct {
	names         []pname
	births        []string
	genders       []string
	nationalities []string
	ages          []string
	docs          []ndoc
	phones        []string
	emails        []string
	ffs           []string
}

func prepareIdentity(id Identity) pident {
	var p pident
	for _, n := range id.Names {
		sur, given, _ := strings.Cut(n, "/")
		if pn := parseName(sur, given); !pn.empty() {
			p.names = append(p.names, pn)
		}
	}
	p.births = normSet(id.BirthDates, normDate)
	p.genders = normSet(id.Genders, normGender)
	p.nationalities = normSet(id.Nationalities, normCountry)
	p.ages = id.AgeClasses
	for _, d := range id.Documents {
		if nd, ok := normDoc(d); ok {
			p.docs = append(p.docs, nd)
		}
	}
	p.phones = normSet(id.Phones, normPhone)
	p.emails = normSet(id.Emails, normEmail)
	for _, f := range id.FrequentFlyers {
		if n := normFF(f); n != "" {
			p.ffs = append(p.ffs, n)
		}
	}
	return p
}
