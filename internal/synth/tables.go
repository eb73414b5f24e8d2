package synth

import "time"

// region groups airports by their role in the world.
type region uint8

const (
	regHub         region = iota // IST, SAW
	regDomestic                  // other Turkish airports
	regBorder                    // Turkish airports near the Syrian border
	regEurope                    // western and northern Europe
	regBalkan                    // Bosnia, Kosovo, Albania, North Macedonia, Serbia
	regCaucasus                  // Georgia, Azerbaijan, Armenia
	regCentralAsia               // Uzbekistan, Kazakhstan, Kyrgyzstan, Tajikistan
	regNorthAfrica               // Tunisia, Morocco, Algeria, Egypt
)

// tzRule is an airport's UTC offset in minutes, and whether it follows the
// European summer-time rule (last Sunday of March to last Sunday of
// October, 01:00 UTC).
type tzRule struct {
	offset int
	euDST  bool
}

// airport is one airport of the world.
type airport struct {
	code    string
	city    string
	country string // ISO 3166-1 alpha-3
	region  region
	tz      tzRule
}

var (
	tzGMT = tzRule{0, true}
	tzCET = tzRule{60, true}
	tzTR  = tzRule{180, false}
	tzP1  = tzRule{60, false}
	tzP2  = tzRule{120, false}
	tzP4  = tzRule{240, false}
	tzP5  = tzRule{300, false}
	tzP6  = tzRule{360, false}
)

// airports lists every airport of the world. Offsets are standard offsets;
// summer time follows the EU rule where it applies (Egypt's and Morocco's
// seasonal changes are not modelled).
var airports = []airport{
	{"IST", "ISTANBUL", "TUR", regHub, tzTR},
	{"SAW", "ISTANBUL", "TUR", regHub, tzTR},
	{"ESB", "ANKARA", "TUR", regDomestic, tzTR},
	{"ADB", "IZMIR", "TUR", regDomestic, tzTR},
	{"AYT", "ANTALYA", "TUR", regDomestic, tzTR},
	{"TZX", "TRABZON", "TUR", regDomestic, tzTR},
	{"GZT", "GAZIANTEP", "TUR", regBorder, tzTR},
	{"HTY", "HATAY", "TUR", regBorder, tzTR},
	{"GNY", "SANLIURFA", "TUR", regBorder, tzTR},
	{"ADA", "ADANA", "TUR", regBorder, tzTR},
	{"MQM", "MARDIN", "TUR", regBorder, tzTR},
	{"KCM", "KAHRAMANMARAS", "TUR", regBorder, tzTR},
	{"LHR", "LONDON", "GBR", regEurope, tzGMT},
	{"CDG", "PARIS", "FRA", regEurope, tzCET},
	{"FRA", "FRANKFURT", "DEU", regEurope, tzCET},
	{"AMS", "AMSTERDAM", "NLD", regEurope, tzCET},
	{"BRU", "BRUSSELS", "BEL", regEurope, tzCET},
	{"CPH", "COPENHAGEN", "DNK", regEurope, tzCET},
	{"ARN", "STOCKHOLM", "SWE", regEurope, tzCET},
	{"VIE", "VIENNA", "AUT", regEurope, tzCET},
	{"MUC", "MUNICH", "DEU", regEurope, tzCET},
	{"DUS", "DUSSELDORF", "DEU", regEurope, tzCET},
	{"SJJ", "SARAJEVO", "BIH", regBalkan, tzCET},
	{"PRN", "PRISTINA", "RKS", regBalkan, tzCET},
	{"TIA", "TIRANA", "ALB", regBalkan, tzCET},
	{"SKP", "SKOPJE", "MKD", regBalkan, tzCET},
	{"BEG", "BELGRADE", "SRB", regBalkan, tzCET},
	{"TBS", "TBILISI", "GEO", regCaucasus, tzP4},
	{"GYD", "BAKU", "AZE", regCaucasus, tzP4},
	{"EVN", "YEREVAN", "ARM", regCaucasus, tzP4},
	{"TAS", "TASHKENT", "UZB", regCentralAsia, tzP5},
	{"ALA", "ALMATY", "KAZ", regCentralAsia, tzP5},
	{"NQZ", "ASTANA", "KAZ", regCentralAsia, tzP5},
	{"FRU", "BISHKEK", "KGZ", regCentralAsia, tzP6},
	{"DYU", "DUSHANBE", "TJK", regCentralAsia, tzP5},
	{"TUN", "TUNIS", "TUN", regNorthAfrica, tzP1},
	{"CMN", "CASABLANCA", "MAR", regNorthAfrica, tzP1},
	{"ALG", "ALGIERS", "DZA", regNorthAfrica, tzP1},
	{"CAI", "CAIRO", "EGY", regNorthAfrica, tzP2},
}

// carrier is an airline of the world.
type carrier struct {
	code     string
	name     string
	prefix   string // ticketing airline prefix (3 digits)
	country  string // alpha-3, for crew nationality
	system   string // reservation system code of its bookings
	city     string // home base city code for offices
	currency string
	aircraft []string // IATA aircraft type codes for APD
}

var carriers = []carrier{
	{"TK", "TURKISH AIRLINES", "235", "TUR", "TK", "IST", "TRY", []string{"321", "32Q", "333", "77W", "7M8"}},
	{"PC", "PEGASUS AIRLINES", "624", "TUR", "PC", "SAW", "TRY", []string{"320", "32N", "32Q", "738"}},
	{"AJ", "AJET", "235", "TUR", "TK", "SAW", "TRY", []string{"738", "7M8", "32N"}},
	{"XQ", "SUNEXPRESS", "564", "TUR", "XQ", "AYT", "EUR", []string{"738", "7M8"}},
	{"LH", "LUFTHANSA", "220", "DEU", "1A", "FRA", "EUR", []string{"32N", "321"}},
	{"AF", "AIR FRANCE", "057", "FRA", "1A", "PAR", "EUR", []string{"320", "321"}},
	{"KL", "KLM", "074", "NLD", "1A", "AMS", "EUR", []string{"73H", "7M8"}},
	{"BA", "BRITISH AIRWAYS", "125", "GBR", "1A", "LON", "GBP", []string{"320", "32N"}},
	{"OS", "AUSTRIAN", "257", "AUT", "1A", "VIE", "EUR", []string{"320", "321"}},
	{"SK", "SAS", "117", "SWE", "1A", "STO", "SEK", []string{"32N"}},
	{"SN", "BRUSSELS AIRLINES", "082", "BEL", "1A", "BRU", "EUR", []string{"320"}},
	{"JU", "AIR SERBIA", "115", "SRB", "1A", "BEG", "RSD", []string{"320", "319"}},
	{"KC", "AIR ASTANA", "465", "KAZ", "1A", "ALA", "KZT", []string{"32N", "321"}},
	{"HY", "UZBEKISTAN AIRWAYS", "250", "UZB", "1A", "TAS", "UZS", []string{"32N", "763"}},
	{"J2", "AZERBAIJAN AIRLINES", "771", "AZE", "1A", "BAK", "AZN", []string{"320", "752"}},
	{"TU", "TUNISAIR", "199", "TUN", "1A", "TUN", "TND", []string{"320", "32N"}},
	{"AT", "ROYAL AIR MAROC", "147", "MAR", "1A", "CAS", "MAD", []string{"738", "7M8"}},
	{"AH", "AIR ALGERIE", "124", "DZA", "1A", "ALG", "DZD", []string{"738"}},
	{"MS", "EGYPTAIR", "077", "EGY", "1A", "CAI", "EGP", []string{"32N", "738"}},
}

// pair is a daily rotation between two airports: flight number num leaves
// a at depA (local, minutes after midnight) and flight num+1 leaves b at
// depB; both take dur minutes.
type pair struct {
	carrier string
	num     int
	a, b    string
	depA    int
	depB    int
	dur     int
}

func hm(h, m int) int { return h*60 + m }

// pairs is the timetable. Flight numbers follow the odd/even convention
// of the carriers; they are plausible, not copies of real timetables.
var pairs = []pair{
	// Turkish Airlines, IST.
	{"TK", 1971, "IST", "LHR", hm(7, 40), hm(13, 25), 240},
	{"TK", 1985, "IST", "LHR", hm(17, 10), hm(22, 45), 240},
	{"TK", 1821, "IST", "CDG", hm(7, 55), hm(13, 10), 215},
	{"TK", 1587, "IST", "FRA", hm(7, 25), hm(12, 20), 190},
	{"TK", 1589, "IST", "FRA", hm(16, 35), hm(21, 15), 190},
	{"TK", 1951, "IST", "AMS", hm(8, 10), hm(13, 45), 215},
	{"TK", 1937, "IST", "BRU", hm(8, 5), hm(13, 10), 210},
	{"TK", 1783, "IST", "CPH", hm(8, 20), hm(13, 50), 200},
	{"TK", 1795, "IST", "ARN", hm(8, 0), hm(13, 35), 210},
	{"TK", 1883, "IST", "VIE", hm(7, 35), hm(11, 10), 140},
	{"TK", 1629, "IST", "MUC", hm(7, 50), hm(12, 15), 165},
	{"TK", 1523, "IST", "DUS", hm(8, 45), hm(13, 55), 200},
	{"TK", 1021, "IST", "SJJ", hm(9, 10), hm(12, 25), 110},
	{"TK", 1017, "IST", "PRN", hm(9, 25), hm(12, 30), 105},
	{"TK", 1075, "IST", "TIA", hm(8, 35), hm(11, 50), 115},
	{"TK", 1003, "IST", "SKP", hm(9, 40), hm(12, 35), 95},
	{"TK", 1083, "IST", "BEG", hm(10, 15), hm(13, 20), 110},
	{"TK", 378, "IST", "TBS", hm(18, 50), hm(3, 40), 135},
	{"TK", 334, "IST", "GYD", hm(19, 30), hm(3, 55), 170},
	{"TK", 368, "IST", "TAS", hm(20, 30), hm(4, 45), 285},
	{"TK", 350, "IST", "ALA", hm(21, 15), hm(5, 35), 350},
	{"TK", 354, "IST", "NQZ", hm(20, 55), hm(5, 10), 315},
	{"TK", 346, "IST", "FRU", hm(21, 40), hm(6, 15), 340},
	{"TK", 372, "IST", "DYU", hm(20, 10), hm(4, 25), 290},
	{"TK", 661, "IST", "TUN", hm(9, 20), hm(13, 20), 150},
	{"TK", 617, "IST", "CMN", hm(9, 0), hm(14, 50), 275},
	{"TK", 653, "IST", "ALG", hm(9, 30), hm(14, 0), 195},
	{"TK", 690, "IST", "CAI", hm(14, 50), hm(18, 35), 125},
	// Pegasus, SAW.
	{"PC", 1211, "SAW", "AMS", hm(7, 0), hm(12, 20), 220},
	{"PC", 1131, "SAW", "CDG", hm(6, 45), hm(11, 50), 220},
	{"PC", 993, "SAW", "DUS", hm(6, 30), hm(11, 10), 200},
	{"PC", 1271, "SAW", "CPH", hm(7, 15), hm(12, 20), 200},
	{"PC", 1041, "SAW", "VIE", hm(8, 30), hm(11, 50), 140},
	{"PC", 331, "SAW", "SJJ", hm(10, 0), hm(13, 0), 110},
	{"PC", 341, "SAW", "PRN", hm(11, 30), hm(14, 30), 105},
	{"PC", 353, "SAW", "SKP", hm(12, 15), hm(15, 0), 95},
	{"PC", 371, "SAW", "BEG", hm(13, 10), hm(16, 10), 110},
	{"PC", 379, "SAW", "TIA", hm(14, 0), hm(17, 10), 115},
	{"PC", 390, "SAW", "TBS", hm(22, 10), hm(4, 20), 135},
	{"PC", 386, "SAW", "GYD", hm(23, 0), hm(4, 10), 170},
	{"PC", 398, "SAW", "EVN", hm(21, 55), hm(3, 10), 130},
	{"PC", 748, "SAW", "TAS", hm(23, 30), hm(6, 20), 285},
	{"PC", 736, "SAW", "ALA", hm(22, 40), hm(6, 40), 350},
	{"PC", 770, "SAW", "FRU", hm(23, 15), hm(7, 10), 340},
	{"PC", 746, "SAW", "DYU", hm(22, 55), hm(5, 40), 290},
	{"PC", 760, "SAW", "TUN", hm(12, 40), hm(16, 20), 150},
	{"PC", 712, "SAW", "CAI", hm(15, 30), hm(19, 10), 125},
	{"PC", 2371, "SAW", "CMN", hm(10, 10), hm(15, 55), 275},
	// SunExpress, diaspora routes from Germany straight to the south-east.
	{"XQ", 910, "DUS", "GZT", hm(9, 15), hm(14, 30), 230},
	{"XQ", 930, "FRA", "ADA", hm(10, 5), hm(15, 10), 215},
	{"XQ", 950, "MUC", "HTY", hm(8, 40), hm(13, 45), 210},
	// European carriers into IST.
	{"LH", 1300, "FRA", "IST", hm(10, 20), hm(15, 5), 190},
	{"LH", 1774, "MUC", "IST", hm(11, 0), hm(15, 30), 165},
	{"AF", 1390, "CDG", "IST", hm(9, 35), hm(15, 10), 215},
	{"KL", 1956, "AMS", "IST", hm(9, 50), hm(15, 25), 215},
	{"BA", 676, "LHR", "IST", hm(10, 40), hm(17, 0), 240},
	{"OS", 837, "VIE", "IST", hm(12, 15), hm(16, 25), 140},
	{"SK", 1735, "ARN", "IST", hm(11, 5), hm(17, 0), 210},
	{"SN", 2812, "BRU", "IST", hm(10, 35), hm(16, 0), 210},
	{"JU", 500, "BEG", "IST", hm(14, 20), hm(17, 30), 110},
	{"KC", 911, "ALA", "IST", hm(7, 30), hm(11, 20), 350},
	{"HY", 277, "TAS", "IST", hm(8, 15), hm(12, 30), 285},
	{"J2", 63, "GYD", "IST", hm(8, 40), hm(11, 0), 170},
	{"TU", 212, "TUN", "IST", hm(8, 20), hm(14, 30), 150},
	{"AT", 550, "CMN", "IST", hm(8, 5), hm(15, 45), 275},
	{"AH", 3000, "ALG", "IST", hm(8, 45), hm(14, 55), 195},
	{"MS", 737, "CAI", "IST", hm(8, 30), hm(12, 40), 125},
	// Turkish domestic: TK from IST.
	{"TK", 2220, "IST", "GZT", hm(7, 15), hm(9, 45), 105},
	{"TK", 2224, "IST", "GZT", hm(13, 40), hm(16, 30), 105},
	{"TK", 2226, "IST", "GZT", hm(20, 10), hm(22, 55), 105},
	{"TK", 2470, "IST", "ADA", hm(7, 0), hm(9, 20), 95},
	{"TK", 2474, "IST", "ADA", hm(14, 5), hm(16, 45), 95},
	{"TK", 2478, "IST", "ADA", hm(19, 45), hm(22, 20), 95},
	{"TK", 2250, "IST", "HTY", hm(8, 30), hm(11, 15), 110},
	{"TK", 2254, "IST", "HTY", hm(17, 20), hm(20, 5), 110},
	{"TK", 2652, "IST", "GNY", hm(9, 5), hm(12, 5), 120},
	{"TK", 2658, "IST", "MQM", hm(10, 25), hm(13, 40), 125},
	{"TK", 2672, "IST", "KCM", hm(11, 50), hm(14, 35), 100},
	{"TK", 2120, "IST", "ESB", hm(7, 5), hm(9, 0), 70},
	{"TK", 2130, "IST", "ESB", hm(18, 0), hm(20, 30), 70},
	{"TK", 2310, "IST", "ADB", hm(8, 0), hm(10, 10), 70},
	{"TK", 2410, "IST", "AYT", hm(9, 45), hm(12, 15), 80},
	{"TK", 2830, "IST", "TZX", hm(10, 40), hm(13, 45), 105},
	// AJet from SAW.
	{"AJ", 7710, "SAW", "GZT", hm(6, 50), hm(9, 30), 100},
	{"AJ", 7716, "SAW", "GZT", hm(18, 35), hm(21, 15), 100},
	{"AJ", 7750, "SAW", "ADA", hm(9, 10), hm(11, 40), 90},
	{"AJ", 7770, "SAW", "HTY", hm(12, 30), hm(15, 15), 105},
	{"AJ", 7790, "SAW", "GNY", hm(15, 20), hm(18, 20), 115},
	{"AJ", 7730, "SAW", "MQM", hm(16, 45), hm(20, 0), 120},
	{"AJ", 7600, "SAW", "ESB", hm(8, 15), hm(10, 20), 65},
	// Pegasus domestic from SAW.
	{"PC", 2680, "SAW", "GZT", hm(10, 55), hm(13, 45), 100},
	{"PC", 2690, "SAW", "GZT", hm(21, 30), hm(0, 10), 100},
	{"PC", 2630, "SAW", "ADA", hm(16, 10), hm(18, 50), 90},
	{"PC", 2620, "SAW", "HTY", hm(7, 40), hm(10, 25), 105},
	{"PC", 2700, "SAW", "GNY", hm(11, 15), hm(14, 15), 115},
	{"PC", 2740, "SAW", "MQM", hm(8, 55), hm(12, 10), 120},
	{"PC", 2760, "SAW", "KCM", hm(13, 25), hm(16, 10), 100},
	{"PC", 2180, "SAW", "ADB", hm(12, 0), hm(14, 10), 70},
	{"PC", 2200, "SAW", "AYT", hm(15, 5), hm(17, 35), 80},
	{"PC", 2250, "SAW", "TZX", hm(7, 25), hm(10, 30), 105},
}

// route is one scheduled daily flight: a direction of a pair.
type route struct {
	idx      int
	carrier  *carrier
	number   string
	from, to *airport
	dep      int // local minutes after midnight
	dur      int
	leadH    int // hours before departure the PNR push is sent (24-48)
	domestic bool
}

// schedule is the world's timetable, built once from the tables.
type schedule struct {
	routes    []route
	byPair    map[[2]string][]int // origin, destination -> route indexes by departure time
	airportBy map[string]*airport
	carrierBy map[string]*carrier
}

func buildSchedule() *schedule {
	s := &schedule{byPair: map[[2]string][]int{}, airportBy: map[string]*airport{}, carrierBy: map[string]*carrier{}}
	for i := range airports {
		s.airportBy[airports[i].code] = &airports[i]
	}
	for i := range carriers {
		s.carrierBy[carriers[i].code] = &carriers[i]
	}
	add := func(c *carrier, num int, from, to string, dep, dur int) {
		a, b := s.airportBy[from], s.airportBy[to]
		r := route{idx: len(s.routes), carrier: c, number: itoa(num), from: a, to: b, dep: dep, dur: dur,
			domestic: a.country == "TUR" && b.country == "TUR"}
		r.leadH = 24 + (num*7+len(from))%25
		s.routes = append(s.routes, r)
		k := [2]string{from, to}
		s.byPair[k] = append(s.byPair[k], r.idx)
	}
	for _, p := range pairs {
		c := s.carrierBy[p.carrier]
		add(c, p.num, p.a, p.b, p.depA, p.dur)
		add(c, p.num+1, p.b, p.a, p.depB, p.dur)
	}
	for k, list := range s.byPair {
		sortInts(list, func(i int) int { return s.routes[i].dep })
		s.byPair[k] = list
	}
	return s
}

// offset returns the airport's UTC offset on a UTC instant.
func (tz tzRule) offsetAt(t time.Time) time.Duration {
	off := tz.offset
	if tz.euDST {
		y := t.Year()
		start := lastSunday(y, time.March).Add(time.Hour)
		end := lastSunday(y, time.October).Add(time.Hour)
		if !t.Before(start) && t.Before(end) {
			off += 60
		}
	}
	return time.Duration(off) * time.Minute
}

func lastSunday(y int, m time.Month) time.Time {
	t := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	for t.Weekday() != time.Sunday {
		t = t.AddDate(0, 0, -1)
	}
	return t
}

// localToUTC converts a local wall time at an airport to UTC.
func (tz tzRule) localToUTC(local time.Time) time.Time {
	guess := local.Add(-time.Duration(tz.offset) * time.Minute)
	return local.Add(-tz.offsetAt(guess))
}

// utcToLocal converts a UTC instant to the airport's wall time (returned
// with a UTC location; only its fields matter).
func (tz tzRule) utcToLocal(t time.Time) time.Time {
	return t.Add(tz.offsetAt(t))
}
