package synth

import (
	"math/rand/v2"
	"strings"
	"time"
)

// person is one human being of the world, with the spellings of the name
// as a booking agent types it (PNR) and as the passport's machine-readable
// zone writes it (API).
type person struct {
	id             int
	cult           *culture
	surname, given string // PNR spelling
	middle         string // PNR spelling of middle names, may be empty
	docSurname     string // document (MRZ) spelling
	docGiven       string // given and middle names as on the document
	gender         string // M or F
	birth          time.Time
	nat            string // alpha-3
	residence      string // alpha-3
	doc            document
	phone          string // E.164, "+905321234567"
	email          string
	infant         bool
	child          bool
	crewFunc       string // CR1 flight deck, CR2 cabin, for crew
	natID          string // Turkish identity number, for TUR nationals
}

// document is a travel document.
type document struct {
	typ    string // P passport, I identity card
	number string
	issuer string // alpha-3
	expiry time.Time
}

// office is a booking channel: an airline office or a travel agency.
type office struct {
	system   string // reservation system (1A, TK, PC ...)
	city     string // city code
	iata     string // IATA agency number, empty for airline offices
	id       string // office id / pseudo city code
	agent    string // agent sign
	typ      string // "T" travel agent, "A" airline
	country  string // alpha-2
	currency string
	name     string
}

// payment is a booking's form of payment.
type payment struct {
	code     string // CA cash, CC card
	cardType string // VI, CA, AX
	number   string // full card number (Luhn-valid)
	expiry   string // MMYY
	amount   float64
	currency string
	holder   string
}

// flightKey names one operated flight: a route on a local departure day
// (days since 1970-01-01).
type flightKey struct {
	route int
	day   int
}

// paxRec is a traveller inside a booking.
type paxRec struct {
	p        *person
	surname  string // as typed in this booking
	given    string
	title    string
	ptype    string // A adult, C child, IN infant
	infantOf int    // 1-based index of the accompanying adult, for infants
	docs     bool   // DOCS given in the PNR
	ticket   string
	seats    []string // per segment, "" when none
	noShow   []bool   // per segment
	bags     int
	bagKG    int
	bagTag   string
}

// segRec is one booked flight.
type segRec struct {
	key   flightKey
	class string
}

// booking is one passenger name record.
type booking struct {
	loc     string
	created time.Time // UTC
	changed time.Time
	office  *office
	vc      *carrier // validating carrier
	pax     []*paxRec
	segs    []segRec
	phones  []string // as sent
	emails  []string
	pay     payment
	// planted is the scenario instance id, empty for ordinary traffic.
	planted string
}

// firstDay is the local departure day of the first segment.
func (b *booking) firstDay() int { return b.segs[0].key.day }

// flight times: local departure and arrival, UTC departure and arrival.
type flightTimes struct {
	depLocal, arrLocal time.Time
	depUTC, arrUTC     time.Time
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

func dayIndex(t time.Time) int         { return int(day(t).Sub(epoch).Hours() / 24) }
func dayTime(d int) time.Time          { return epoch.AddDate(0, 0, d) }
func (s *schedule) route(i int) *route { return &s.routes[i] }

func (s *schedule) times(k flightKey) flightTimes {
	r := &s.routes[k.route]
	dl := dayTime(k.day).Add(time.Duration(r.dep) * time.Minute)
	du := r.from.tz.localToUTC(dl)
	au := du.Add(time.Duration(r.dur) * time.Minute)
	return flightTimes{depLocal: dl, arrLocal: r.to.tz.utcToLocal(au), depUTC: du, arrUTC: au}
}

// next finds the first flight from one airport to another leaving at or
// after a UTC instant, within the following days; ok is false when the
// pair has no route. carriers, when given, restricts the choice.
func (s *schedule) next(from, to string, after time.Time, carriers ...string) (flightKey, bool) {
	list := s.byPair[[2]string{from, to}]
	if len(carriers) > 0 {
		var keep []int
		for _, i := range list {
			for _, c := range carriers {
				if s.routes[i].carrier.code == c {
					keep = append(keep, i)
				}
			}
		}
		if len(keep) > 0 {
			list = keep
		}
	}
	if len(list) == 0 {
		return flightKey{}, false
	}
	start := dayIndex(s.airportBy[from].tz.utcToLocal(after))
	for d := start; d < start+3; d++ {
		best := flightKey{-1, 0}
		var bestT time.Time
		for _, i := range list {
			k := flightKey{i, d}
			t := s.times(k).depUTC
			if t.Before(after) {
				continue
			}
			if best.route < 0 || t.Before(bestT) {
				best, bestT = k, t
			}
		}
		if best.route >= 0 {
			return best, true
		}
	}
	return flightKey{}, false
}

// onDay returns a flight between two airports on a local day, chosen by r
// among the pair's daily flights (restricted to carriers when given).
func (s *schedule) onDay(r *rand.Rand, from, to string, d int, carriers ...string) (flightKey, bool) {
	list := s.byPair[[2]string{from, to}]
	if len(carriers) > 0 {
		var keep []int
		for _, i := range list {
			for _, c := range carriers {
				if s.routes[i].carrier.code == c {
					keep = append(keep, i)
				}
			}
		}
		list = keep
	}
	if len(list) == 0 {
		return flightKey{}, false
	}
	return flightKey{pick(r, list), d}, true
}

// hubsFor lists the hubs with a route from an airport, IST first.
func (s *schedule) hubsFor(from string) []string {
	var out []string
	for _, h := range []string{"IST", "SAW"} {
		if len(s.byPair[[2]string{from, h}]) > 0 {
			out = append(out, h)
		}
	}
	return out
}

// alpha2 maps the alpha-3 codes of the world to alpha-2, for ORG and
// addresses.
var alpha2 = map[string]string{
	"TUR": "TR", "SYR": "SY", "IRQ": "IQ", "JOR": "JO", "LBN": "LB", "TUN": "TN", "MAR": "MA", "DZA": "DZ", "EGY": "EG",
	"RUS": "RU", "UZB": "UZ", "KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "AZE": "AZ", "GEO": "GE", "ARM": "AM", "BIH": "BA",
	"RKS": "XK", "ALB": "AL", "MKD": "MK", "SRB": "RS", "GBR": "GB", "IRL": "IE", "FRA": "FR", "BEL": "BE", "DEU": "DE",
	"AUT": "AT", "NLD": "NL", "DNK": "DK", "SWE": "SE", "SOM": "SO", "IRN": "IR",
}

// currencyOf gives the currency of a residence country.
var currencyOf = map[string]string{
	"TUR": "TRY", "GBR": "GBP", "IRL": "EUR", "FRA": "EUR", "BEL": "EUR", "DEU": "EUR", "AUT": "EUR", "NLD": "EUR",
	"DNK": "DKK", "SWE": "SEK", "BIH": "BAM", "RKS": "EUR", "ALB": "ALL", "MKD": "MKD", "SRB": "RSD", "TUN": "TND",
	"MAR": "MAD", "DZA": "DZD", "EGY": "EGP", "UZB": "UZS", "KAZ": "KZT", "KGZ": "KGS", "TJK": "TJS", "AZE": "AZN",
	"GEO": "GEL", "ARM": "AMD", "RUS": "RUB",
}

// upperEmail turns an address into the IATA form of a PNR: upper case,
// "//" for "@", ".." for "_" and "./" for "-".
func upperEmail(e string) string {
	e = strings.ToUpper(e)
	r := strings.NewReplacer("@", "//", "_", "..", "-", "./")
	return r.Replace(e)
}
