// Package resolve owns traveller resolution: deciding which records of
// airline messages describe the same person. It merges the API record and
// the PNR record(s) of one traveller on one flight into a flight traveller
// (MergeFlight), derives the blocking keys a store uses to fetch candidate
// identities (Keys), decides whether a record belongs to one of those
// identities or starts a new one (Decide), and folds records into
// identities (NewIdentity, Merge).
//
// Everything here is pure logic without I/O or shared state: the caller
// builds records, fetches candidates, allocates identity ids and persists
// the decisions. Every decision carries a confidence in [0,1] and an
// explanation listing each piece of evidence, for and against.
//
// The design favours precision over recall: a wrong merge mixes two
// people's travel histories and can put an innocent traveller in a
// suspect's network, while a missed merge only leaves two identities that an
// analyst (or later data) can join. The rules and thresholds are described
// in docs/resolution.md.
package resolve

import (
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/country"
	"github.com/chokepoint/chokepoint/internal/message"
)

// Record sources.
const (
	SourceAPI = "api"
	SourcePNR = "pnr"
	// SourceMerged marks the combined record of a flight traveller seen in
	// both an API list and a booking (FlightTraveller.Record).
	SourceMerged = "api+pnr"
)

// Passenger age classes (Record.AgeClass).
const (
	AgeAdult  = "adult"
	AgeChild  = "child"
	AgeInfant = "infant"
)

// Record is one traveller as seen in one message on one flight. Fields are
// as received; comparison normalises them (names through package names,
// document numbers to upper-case letters and digits, countries to ISO
// alpha-3, phones to digits, e-mails to lower case).
type Record struct {
	// Source is SourceAPI, SourcePNR or SourceMerged.
	Source string `json:"source"`
	// MessageID identifies the message the record came from.
	MessageID string `json:"message_id"`
	// FlightKey identifies the flight; its form is the caller's.
	FlightKey string `json:"flight_key"`
	// TravelDate is the flight's departure date ("2006-01-02"), used to
	// tell infants from adults by age; empty when unknown.
	TravelDate string `json:"travel_date,omitempty"`
	// Ref is the traveller's reference inside the message.
	Ref string `json:"ref,omitempty"`

	Surname    string `json:"surname"`
	GivenNames string `json:"given_names"`
	BirthDate  string `json:"birth_date,omitempty"`
	// Gender is "M" or "F"; anything else is treated as unknown.
	Gender      string `json:"gender,omitempty"`
	Nationality string `json:"nationality,omitempty"`
	// AgeClass is AgeAdult, AgeChild, AgeInfant or empty when unknown. An
	// empty class is derived from BirthDate and TravelDate when both are
	// known.
	AgeClass  string     `json:"age_class,omitempty"`
	Documents []Document `json:"documents,omitempty"`

	// RecordLocator is the booking locator: the PNR's own, or the one an
	// API record carries in RFF+AVF.
	RecordLocator string `json:"record_locator,omitempty"`
	// Seat is the seat on this flight.
	Seat           string          `json:"seat,omitempty"`
	Phones         []string        `json:"phones,omitempty"`
	Emails         []string        `json:"emails,omitempty"`
	FrequentFlyers []FrequentFlyer `json:"frequent_flyers,omitempty"`
	// CoTravellers are the other travellers of the same booking, as
	// "SURNAME/GIVEN NAMES". They keep twins and namesakes in one booking
	// apart, and tell when booking contacts are shared.
	CoTravellers []string `json:"co_travellers,omitempty"`
	// SharedContacts is set when Phones and Emails are the booking's
	// contacts rather than the traveller's own: they then may belong to
	// whoever made the booking.
	SharedContacts bool `json:"shared_contacts,omitempty"`
}

// Document is a travel document of a record or identity.
type Document struct {
	// Type is the document code as sent (P passport, I identity card, V
	// visa...).
	Type    string `json:"type"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"` // issuing country
	Expiry  string `json:"expiry,omitempty"`
}

// FrequentFlyer is a loyalty programme membership: the programme's carrier
// and the member number.
type FrequentFlyer struct {
	Carrier string `json:"carrier"`
	Number  string `json:"number"`
}

// FromAPI builds the record of one traveller of an API list.
func FromAPI(messageID, flightKey, travelDate string, t message.Traveller) Record {
	r := baseRecord(SourceAPI, messageID, flightKey, travelDate, t)
	r.Seat = t.Seat
	r.RecordLocator = t.RecordLocator
	return r
}

// FromBooking builds the records of the travellers of one booking on the
// flight that is segment seg of its itinerary (-1 when unknown: no seat is
// then taken). A traveller's own contacts are used when present, else the
// booking's, marked SharedContacts.
func FromBooking(messageID, flightKey, travelDate string, b message.Booking, seg int) []Record {
	out := make([]Record, 0, len(b.Travellers))
	for i, t := range b.Travellers {
		r := baseRecord(SourcePNR, messageID, flightKey, travelDate, t)
		r.RecordLocator = b.RecordLocator
		if seg >= 0 {
			for _, s := range t.Seats {
				if s.Segment == seg {
					r.Seat = s.Seat
				}
			}
		}
		if t.Contacts != nil && len(t.Contacts.Phones)+len(t.Contacts.Emails) > 0 {
			r.Phones = append(r.Phones, t.Contacts.Phones...)
			r.Emails = append(r.Emails, t.Contacts.Emails...)
		} else {
			r.Phones = append(r.Phones, b.Contacts.Phones...)
			r.Emails = append(r.Emails, b.Contacts.Emails...)
			r.SharedContacts = len(b.Travellers) > 1
		}
		for _, ff := range t.FrequentFlyers {
			r.FrequentFlyers = append(r.FrequentFlyers, FrequentFlyer{Carrier: ff.Carrier, Number: ff.Number})
		}
		for j, o := range b.Travellers {
			if j != i {
				r.CoTravellers = append(r.CoTravellers, o.Surname+"/"+o.GivenNames)
			}
		}
		out = append(out, r)
	}
	return out
}

func baseRecord(src, messageID, flightKey, travelDate string, t message.Traveller) Record {
	r := Record{
		Source:      src,
		MessageID:   messageID,
		FlightKey:   flightKey,
		TravelDate:  travelDate,
		Ref:         t.Ref,
		Surname:     t.Surname,
		GivenNames:  t.GivenNames,
		BirthDate:   t.BirthDate,
		Gender:      t.Gender,
		Nationality: t.Nationality,
	}
	switch {
	case t.Role == message.RoleInfant || t.PassengerType == "IN" || t.InfantOf != "":
		r.AgeClass = AgeInfant
	case t.PassengerType == "C" || t.PassengerType == "CHD":
		r.AgeClass = AgeChild
	case t.PassengerType == "A" || t.PassengerType == "ADT":
		r.AgeClass = AgeAdult
	}
	for _, d := range t.Documents {
		r.Documents = append(r.Documents, Document{Type: d.Type, Number: d.Number, Country: d.IssuingCountry, Expiry: d.Expiry})
	}
	return r
}

// Name returns the record's name in airline form, "SURNAME/GIVEN NAMES".
func (r Record) Name() string { return r.Surname + "/" + r.GivenNames }

// ---- normalisation ----

// normDocType maps document codes onto the classes that matter for
// comparison: "P" passports, "I" identity cards, "V" visas, else as sent.
func normDocType(t string) string {
	t = strings.ToUpper(strings.TrimSpace(t))
	switch t {
	case "P", "PP", "PT", "PM", "PD", "PO", "PS", "PASSPORT", "740":
		return "P"
	case "I", "ID", "IC", "IR", "AC", "40", "41":
		return "I"
	case "V", "VISA", "VI":
		return "V"
	}
	if strings.HasPrefix(t, "P") && len(t) <= 2 {
		return "P"
	}
	return t
}

// identityDoc reports whether a normalised document type identifies its
// holder uniquely for one period (passport, identity card): a person holds
// one valid document of such a type per issuing country at a time, as a
// rule.
func identityDoc(t string) bool { return t == "P" || t == "I" }

func normDocNumber(n string) string {
	var b strings.Builder
	for _, c := range strings.ToUpper(n) {
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	if b.Len() < 5 {
		return "" // too short to identify anyone
	}
	return b.String()
}

func normCountry(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return ""
	}
	if a3, ok := country.Alpha3(c); ok {
		return a3
	}
	return strings.ToUpper(c)
}

func normGender(g string) string {
	switch strings.ToUpper(strings.TrimSpace(g)) {
	case "M", "MALE":
		return "M"
	case "F", "FEMALE":
		return "F"
	}
	return ""
}

func normDate(d string) string {
	d = strings.TrimSpace(d)
	if _, err := time.Parse(time.DateOnly, d); err != nil {
		return ""
	}
	return d
}

func normEmail(e string) string {
	e = strings.ToLower(strings.TrimSpace(e))
	at := strings.LastIndexByte(e, '@')
	if at <= 0 || at == len(e)-1 {
		return ""
	}
	return e
}

// phoneDigits is the length of the phone suffix that is compared: long
// enough to identify a subscriber, short enough to ignore country and
// trunk prefixes (+90 532..., 0532...).
const phoneDigits = 9

func normPhone(p string) string {
	var b []byte
	for i := 0; i < len(p); i++ {
		if p[i] >= '0' && p[i] <= '9' {
			b = append(b, p[i])
		}
	}
	if len(b) < 7 {
		return ""
	}
	if len(b) > phoneDigits {
		b = b[len(b)-phoneDigits:]
	}
	return string(b)
}

func normFF(f FrequentFlyer) string {
	n := normDocNumber(f.Number)
	if n == "" {
		return ""
	}
	return strings.ToUpper(strings.TrimSpace(f.Carrier)) + n
}

func normLocator(l string) string { return strings.ToUpper(strings.TrimSpace(l)) }

// ageClass returns the record's age class, derived from its birth and
// travel dates when it was not given.
func ageClass(given, birth, travel string) string {
	if given != "" {
		return given
	}
	b, err1 := time.Parse(time.DateOnly, birth)
	t, err2 := time.Parse(time.DateOnly, travel)
	if err1 != nil || err2 != nil || t.Before(b) {
		return ""
	}
	switch {
	case b.AddDate(2, 0, 0).After(t):
		return AgeInfant
	case b.AddDate(12, 0, 0).After(t):
		return AgeChild
	}
	return AgeAdult
}

// ndoc is a normalised document.
type ndoc struct {
	typ, number, country, expiry string
}

func normDoc(d Document) (ndoc, bool) {
	n := normDocNumber(d.Number)
	if n == "" {
		return ndoc{}, false
	}
	return ndoc{typ: normDocType(d.Type), number: n, country: normCountry(d.Country), expiry: normDate(d.Expiry)}, true
}

func (d ndoc) String() string {
	kind := "document"
	switch d.typ {
	case "P":
		kind = "passport"
	case "I":
		kind = "identity card"
	case "V":
		kind = "visa"
	}
	if d.country != "" {
		return kind + " " + d.number + " (" + d.country + ")"
	}
	return kind + " " + d.number
}

// prepared is a record normalised for comparison.
type prepared struct {
	name        pname
	birth       string
	gender      string
	nationality string
	age         string
	docs        []ndoc
	phones      []string
	emails      []string
	ffs         []string
	locator     string
	seat        string
	co          []pname
	shared      bool
	// notInfant is set on booking records not marked infant: bookings
	// always mark infants (INF), so on one flight such a record is not the
	// infant an API list shows by birth date.
	notInfant bool
}

func prepare(r Record) prepared {
	p := prepared{
		name:        parseName(r.Surname, r.GivenNames),
		birth:       normDate(r.BirthDate),
		gender:      normGender(r.Gender),
		nationality: normCountry(r.Nationality),
		locator:     normLocator(r.RecordLocator),
		seat:        strings.TrimLeft(strings.ToUpper(strings.TrimSpace(r.Seat)), "0"),
		shared:      r.SharedContacts,
	}
	p.age = ageClass(r.AgeClass, p.birth, normDate(r.TravelDate))
	p.notInfant = r.Source == SourcePNR && p.age != AgeInfant
	for _, d := range r.Documents {
		if nd, ok := normDoc(d); ok {
			p.docs = append(p.docs, nd)
		}
	}
	p.phones = normSet(r.Phones, normPhone)
	p.emails = normSet(r.Emails, normEmail)
	for _, f := range r.FrequentFlyers {
		if n := normFF(f); n != "" && !contains(p.ffs, n) {
			p.ffs = append(p.ffs, n)
		}
	}
	for _, c := range r.CoTravellers {
		sur, given, _ := strings.Cut(c, "/")
		if n := parseName(sur, given); !n.empty() {
			p.co = append(p.co, n)
		}
	}
	return p
}

func normSet(in []string, norm func(string) string) []string {
	var out []string
	for _, s := range in {
		if n := norm(s); n != "" && !contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func intersect(a, b []string) string {
	for _, x := range a {
		if contains(b, x) {
			return x
		}
	}
	return ""
}
