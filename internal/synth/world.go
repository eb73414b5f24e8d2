package synth

import (
	"math/rand/v2"
	"sort"
	"time"

	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// Config configures a world. The zero value of every field but Seed has a
// default.
type Config struct {
	// Seed drives every random choice: the same Config yields the same
	// bytes.
	Seed int64
	// Start is the first day of the period (UTC date; the time of day is
	// ignored). Zero means 2026-03-02.
	Start time.Time
	// Days is the length of the period; zero means 7.
	Days int
	// Travellers is the number of ordinary travellers over the period
	// (crew and planted travellers come on top). Zero means 5000 per 7
	// days; a negative value means none.
	Travellers int
	// Listed are the watchlist entries listed persons are drawn from (for
	// the listed and decoy_namesake scenarios). Only individuals with a
	// Latin-script name are used. Without entries those scenarios are not
	// planted.
	Listed []watchlist.Entry
	// Planted sets how many instances of each scenario to plant; zero
	// fields take their defaults, negative fields plant none.
	Planted Counts
	// NoPlanted plants no scenario at all.
	NoPlanted bool
	// Recipient is the receiving PIU's interchange identifier; empty means
	// "TRPIU".
	Recipient string
}

// Counts holds a number per scenario type.
type Counts struct {
	Listed        int `json:"listed"`
	BrokenTravel  int `json:"broken_travel"`
	Facilitator   int `json:"facilitator"`
	GrowingGroup  int `json:"growing_group"`
	AgencyNetwork int `json:"agency_network"`
	DecoyTourist  int `json:"decoy_tourist"`
	DecoyNamesake int `json:"decoy_namesake"`
	DecoyFamily   int `json:"decoy_family"`
	DecoyBusiness int `json:"decoy_business"`
}

// DefaultCounts are the instances planted per scenario type by default.
var DefaultCounts = Counts{Listed: 6, BrokenTravel: 6, Facilitator: 3, GrowingGroup: 2, AgencyNetwork: 2,
	DecoyTourist: 4, DecoyNamesake: 4, DecoyFamily: 3, DecoyBusiness: 3}

// Scenario type names, as written in the ground truth.
const (
	ScenarioListed        = "listed"
	ScenarioBrokenTravel  = "broken_travel"
	ScenarioFacilitator   = "facilitator"
	ScenarioGrowingGroup  = "growing_group"
	ScenarioAgencyNetwork = "agency_network"
	ScenarioDecoyTourist  = "decoy_tourist"
	ScenarioDecoyNamesake = "decoy_namesake"
	ScenarioDecoyFamily   = "decoy_family"
	ScenarioDecoyBusiness = "decoy_business"
)

// ScenarioTypes lists the scenario types in the order they are planted.
var ScenarioTypes = []string{ScenarioListed, ScenarioBrokenTravel, ScenarioFacilitator, ScenarioGrowingGroup,
	ScenarioAgencyNetwork, ScenarioDecoyTourist, ScenarioDecoyNamesake, ScenarioDecoyFamily, ScenarioDecoyBusiness}

func (c Counts) get(typ string) int {
	switch typ {
	case ScenarioListed:
		return c.Listed
	case ScenarioBrokenTravel:
		return c.BrokenTravel
	case ScenarioFacilitator:
		return c.Facilitator
	case ScenarioGrowingGroup:
		return c.GrowingGroup
	case ScenarioAgencyNetwork:
		return c.AgencyNetwork
	case ScenarioDecoyTourist:
		return c.DecoyTourist
	case ScenarioDecoyNamesake:
		return c.DecoyNamesake
	case ScenarioDecoyFamily:
		return c.DecoyFamily
	case ScenarioDecoyBusiness:
		return c.DecoyBusiness
	}
	return 0
}

func (c *Counts) set(typ string, n int) {
	switch typ {
	case ScenarioListed:
		c.Listed = n
	case ScenarioBrokenTravel:
		c.BrokenTravel = n
	case ScenarioFacilitator:
		c.Facilitator = n
	case ScenarioGrowingGroup:
		c.GrowingGroup = n
	case ScenarioAgencyNetwork:
		c.AgencyNetwork = n
	case ScenarioDecoyTourist:
		c.DecoyTourist = n
	case ScenarioDecoyNamesake:
		c.DecoyNamesake = n
	case ScenarioDecoyFamily:
		c.DecoyFamily = n
	case ScenarioDecoyBusiness:
		c.DecoyBusiness = n
	}
}

// World is a generated world: its timetable, its planted scenarios with
// their ground truth, and the parameters of its ordinary traffic, which is
// generated day by day while streaming. A World is immutable after New;
// Each and Messages may run any number of times, concurrently, and always
// produce the same files.
type World struct {
	cfg       Config
	start     int // first local day (days since 1970-01-01)
	days      int
	sched     *schedule
	planted   []*booking // templates, sorted by first day
	truth     GroundTruth
	repeaters []*repeater
	agencies  []*office
	crew      map[string][]*person
	ordinary  int // ordinary travellers drawn day by day
	locKey    uint64
}

// repeater is a business traveller who flies the same trip again and
// again.
type repeater struct {
	p      *person
	home   string // home airport
	dest   string // destination airport
	period int    // days between trips
	offset int    // first trip day
	stay   int    // nights
	off    *office
	card   payment
}

// Streams of the random generators, so that each part of the world draws
// from its own sequence.
const (
	streamPlan uint64 = iota + 1
	streamCrew
	streamAgencies
	streamRepeaters
	streamDay // + day index << 8
)

// New builds a world.
func New(cfg Config) *World {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	}
	cfg.Start = day(cfg.Start.UTC())
	if cfg.Days <= 0 {
		cfg.Days = 7
	}
	if cfg.Travellers == 0 {
		cfg.Travellers = 5000 * cfg.Days / 7
	}
	if cfg.Travellers < 0 {
		cfg.Travellers = 0
	}
	if cfg.Recipient == "" {
		cfg.Recipient = "TRPIU"
	}
	for _, t := range ScenarioTypes {
		n := cfg.Planted.get(t)
		switch {
		case cfg.NoPlanted || n < 0:
			n = 0
		case n == 0:
			n = DefaultCounts.get(t)
		}
		cfg.Planted.set(t, n)
	}
	w := &World{cfg: cfg, start: dayIndex(cfg.Start), days: cfg.Days, sched: buildSchedule()}
	w.locKey = hash64(uint64(cfg.Seed), 0x10c)
	w.buildCrew()
	w.buildAgencies()
	w.buildRepeaters()
	w.ordinary = cfg.Travellers - len(w.repeaters)
	if w.ordinary < 0 {
		w.ordinary = 0
	}
	w.plant()
	return w
}

// rng returns the generator of one stream.
func (w *World) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(w.cfg.Seed), stream))
}

// Config returns the configuration with its defaults filled in.
func (w *World) Config() Config { return w.cfg }

// crewCulture gives the culture crews of a carrier are drawn from.
var crewCulture = map[string]*culture{
	"LH": cGerman, "OS": cGerman, "AF": cFrench, "SN": cFrench, "KL": cDutch, "BA": cBritish, "SK": cNordic,
	"JU": cSerbian, "KC": cCentralAsian, "HY": cCentralAsian, "J2": cCaucasus, "TU": cMaghreb, "AT": cMaghreb,
	"AH": cMaghreb, "MS": cEgyptian,
}

func (w *World) buildCrew() {
	r := w.rng(streamCrew)
	w.crew = map[string][]*person{}
	ref := w.cfg.Start
	for i := range carriers {
		c := &carriers[i]
		cult := crewCulture[c.code]
		if cult == nil {
			cult = cTurkish
		}
		var pool []*person
		for j := range 30 {
			p := makePerson(r, -(i*100 + j + 1), personSpec{cult: cult, minAge: 24, maxAge: 58, nat: c.country}, ref)
			p.crewFunc = "CR2"
			if j < 8 {
				p.crewFunc = "CR1"
			}
			pool = append(pool, p)
		}
		w.crew[c.code] = pool
	}
}

// agencyTemplate is where ordinary agencies sit.
var agencyTemplate = []struct{ city, country, name string }{
	{"IST", "TUR", "BOSPHORUS TURIZM"}, {"IST", "TUR", "GALATA SEYAHAT"}, {"IST", "TUR", "ANADOLU TUR"},
	{"IST", "TUR", "FATIH HAC UMRE TURIZM"}, {"ESB", "TUR", "ANKARA SEYAHAT"}, {"GZT", "TUR", "ANTEP TURIZM"},
	{"ADA", "TUR", "SEYHAN TUR"}, {"FRA", "DEU", "REISEBUERO SONNE"}, {"DUS", "DEU", "RHEIN TOURISTIK"},
	{"MUC", "DEU", "ISAR REISEN"}, {"AMS", "NLD", "AMSTEL REIZEN"}, {"BRU", "BEL", "ATLAS VOYAGES"},
	{"CDG", "FRA", "VOYAGES SOLEIL"}, {"LHR", "GBR", "GOLDEN HORN TRAVEL"}, {"VIE", "AUT", "DONAU REISEN"},
	{"CPH", "DNK", "NORDIC REJSER"}, {"ARN", "SWE", "RESEBYRAN AURORA"}, {"SJJ", "BIH", "BASCARSIJA TRAVEL"},
	{"PRN", "RKS", "DARDANIA TOURS"}, {"TIA", "ALB", "SKANDERBEG TRAVEL"}, {"TAS", "UZB", "SILK ROAD TOURS"},
	{"ALA", "KAZ", "STEPPE TRAVEL"}, {"TUN", "TUN", "CARTHAGE VOYAGES"}, {"CMN", "MAR", "ATLAS TOURS"},
	{"GYD", "AZE", "CASPIAN TRAVEL"}, {"TBS", "GEO", "KARTLI TOURS"}, {"CAI", "EGY", "NILE STAR TRAVEL"},
}

func (w *World) buildAgencies() {
	r := w.rng(streamAgencies)
	for _, a := range agencyTemplate {
		w.agencies = append(w.agencies, newAgency(r, a.city, a.country, a.name))
	}
}

// newAgency draws an agency office with an IATA number (seven digits and
// a modulo-7 check digit) and an office id.
func newAgency(r *rand.Rand, city, country, name string) *office {
	body := between(r, 1000000, 9999999)
	iata := itoa(body) + itoa(body%7)
	cur := currencyOf[country]
	if cur == "" {
		cur = "EUR"
	}
	return &office{system: pick(r, []string{"1A", "1A", "1S", "1G"}), city: city, iata: iata,
		id: city + pattern(r, "AA9999"), agent: pattern(r, "9999AA"), typ: "T", country: alpha2[country],
		currency: cur, name: name}
}

// airlineOffice returns the carrier's own channel (web or call centre).
func airlineOffice(r *rand.Rand, c *carrier) *office {
	id := c.city + c.code + pick(r, []string{"08WB", "0WEB", "2100", "CC01"})
	cc := "TR"
	if c.country != "TUR" {
		cc = alpha2[c.country]
	}
	return &office{system: c.system, city: c.city, id: id, agent: pattern(r, "9999AA"), typ: "A", country: cc,
		currency: c.currency, name: c.name}
}

func (w *World) buildRepeaters() {
	// About one traveller in sixty is a repeater, but never so many that
	// their trips (one every 6-15 days) outweigh a day's new travellers.
	n := min(w.cfg.Travellers/60, w.cfg.Travellers/w.days/2)
	if n < 1 && w.cfg.Travellers > 0 {
		n = 1
	}
	r := w.rng(streamRepeaters)
	type route struct {
		cult       *culture
		home, dest string
	}
	routes := []route{
		{cGerman, "FRA", "IST"}, {cGerman, "MUC", "IST"}, {cBritish, "LHR", "IST"}, {cFrench, "CDG", "IST"},
		{cDutch, "AMS", "IST"}, {cNordic, "ARN", "IST"}, {cTurkish, "IST", "ESB"}, {cTurkish, "IST", "ADB"},
		{cTurkish, "IST", "ADA"}, {cTurkish, "SAW", "GZT"}, {cTurkish, "IST", "FRA"}, {cTurkish, "IST", "LHR"},
		{cCentralAsian, "TAS", "IST"}, {cCaucasus, "GYD", "IST"}, {cSerbian, "BEG", "IST"}, {cMaghreb, "TUN", "IST"},
	}
	for i := range n {
		rt := routes[r.IntN(len(routes))]
		nat := pick(r, rt.cult.nats)
		p := makePerson(r, 1_000_000+i, personSpec{cult: rt.cult, minAge: 28, maxAge: 62, nat: nat}, w.cfg.Start)
		rp := &repeater{p: p, home: rt.home, dest: rt.dest, period: between(r, 6, 15), stay: between(r, 1, 3)}
		rp.offset = r.IntN(rp.period)
		if chance(r, 0.5) {
			rp.off = pick(r, w.agencies)
		}
		rp.card = makeCard(r, p.given+" "+p.surname, w.cfg.Start)
		w.repeaters = append(w.repeaters, rp)
	}
}

// issuer hands out record locators, ticket numbers and bag tags, unique
// within its namespace.
type issuer struct {
	key    uint64
	ns     uint32 // namespace bit of the locator counter
	locN   uint32
	tktN   uint64
	tktOff uint64
	tagN   uint64
}

const locAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789" // 32 symbols, no I, O, 0, 1

// locator returns the next record locator: a bijection of the counter on
// 30 bits, written in base 32, so locators never repeat.
func (is *issuer) locator() string {
	x := uint32(is.ns)<<29 | is.locN&(1<<29-1)
	is.locN++
	const mask = 1<<30 - 1
	k := uint32(is.key) & mask
	x = (x*0x2C1B3C6D + k) & mask
	x ^= x >> 15
	x = (x * 0x297A2D39) & mask
	x ^= x >> 13
	x = (x*0x1B873593 + k>>3) & mask
	var b [6]byte
	for i := 5; i >= 0; i-- {
		b[i] = locAlphabet[x&31]
		x >>= 5
	}
	return string(b[:])
}

// ticket returns the next ticket number of a carrier: its three-digit
// prefix and ten digits.
func (is *issuer) ticket(c *carrier) string {
	n := is.tktOff + is.tktN
	is.tktN++
	s := itoa(int(n % 10_000_000_000))
	for len(s) < 10 {
		s = "0" + s
	}
	return c.prefix + s
}

// bagTag returns the next ten-digit bag tag number of a carrier.
func (is *issuer) bagTag(c *carrier) string {
	n := (is.key>>20 + is.tagN) % 1_000_000
	is.tagN++
	s := itoa(int(n))
	for len(s) < 6 {
		s = "0" + s
	}
	return "0" + c.prefix + s
}

func (w *World) newIssuer(ns uint32) *issuer {
	return &issuer{key: w.locKey, ns: ns, tktOff: 1_000_000_000 + uint64(ns)*5_000_000_000 + w.locKey%1_000_000_000}
}

// sortPlanted orders planted templates by first day, keeping creation
// order among equals.
func (w *World) sortPlanted() {
	sort.SliceStable(w.planted, func(i, j int) bool { return w.planted[i].firstDay() < w.planted[j].firstDay() })
}
