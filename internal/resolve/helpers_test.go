package resolve

import "strings"

// Test records are built from a name, a birth date and options. All people
// in these tests are invented.

type opt func(*Record)

func rec(src, surname, given, birth string, opts ...opt) Record {
	r := Record{Source: src, MessageID: "M1", FlightKey: "XY123/2025-05-01", TravelDate: "2025-05-01",
		Surname: surname, GivenNames: given, BirthDate: birth}
	for _, o := range opts {
		o(&r)
	}
	return r
}

func api(surname, given, birth string, opts ...opt) Record {
	return rec(SourceAPI, surname, given, birth, opts...)
}

func pnr(surname, given, birth string, opts ...opt) Record {
	return rec(SourcePNR, surname, given, birth, opts...)
}

func passport(number, country string) opt {
	return withDoc("P", number, country, "")
}

func withDoc(typ, number, country, expiry string) opt {
	return func(r *Record) {
		r.Documents = append(r.Documents, Document{Type: typ, Number: number, Country: country, Expiry: expiry})
	}
}

func nat(c string) opt     { return func(r *Record) { r.Nationality = c } }
func gender(g string) opt  { return func(r *Record) { r.Gender = g } }
func locator(l string) opt { return func(r *Record) { r.RecordLocator = l } }
func seat(s string) opt    { return func(r *Record) { r.Seat = s } }
func ref(s string) opt     { return func(r *Record) { r.Ref = s } }
func email(e string) opt   { return func(r *Record) { r.Emails = append(r.Emails, e) } }
func phone(p string) opt   { return func(r *Record) { r.Phones = append(r.Phones, p) } }
func age(a string) opt     { return func(r *Record) { r.AgeClass = a } }
func msg(id string) opt    { return func(r *Record) { r.MessageID = id } }
func travel(d string) opt  { return func(r *Record) { r.TravelDate = d } }
func shared() opt          { return func(r *Record) { r.SharedContacts = true } }
func ff(c, n string) opt {
	return func(r *Record) { r.FrequentFlyers = append(r.FrequentFlyers, FrequentFlyer{Carrier: c, Number: n}) }
}
func co(names ...string) opt {
	return func(r *Record) { r.CoTravellers = append(r.CoTravellers, names...) }
}

func hasLine(lines []string, sub string) bool {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}
