// Package journey owns traveller journeys: for one traveller identity it
// links the flight segments seen across separate bookings, carriers and
// message types (booked segments from PNR itineraries, flown segments from
// API lists, the same leg seen in both counted once) into journeys, and
// computes the features analysts and criteria use (broken travel, one way,
// a return booked but not flown, purchase lead time, cash, co-travellers,
// agencies, airport groups touched).
//
// A Builder computes journeys from what the store holds of one identity
// (Source), so an update costs what that identity's own segments cost,
// whatever the size of the store; Update also persists them. Times are
// local per airport and durations are computed across time zones with the
// airport reference data of package airport. The model, features and
// figures are documented in docs/journeys.md.
package journey

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/airport"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// Defaults of Config.
const (
	// DefaultWindow is the longest stay between an arrival and the next
	// departure that still continues a journey.
	DefaultWindow = 14 * 24 * time.Hour
	// DefaultNearKm is how far apart an arrival airport and the next
	// departure airport may be and still continue a journey (a surface
	// connection, e.g. ADA and COV), besides the same metropolitan area.
	DefaultNearKm = 100.0
	// DefaultNoShowGrace is how long after its scheduled departure a
	// booked leg without an API record counts as not flown.
	DefaultNoShowGrace = 6 * time.Hour
)

// Segment sources (Segment.Source).
const (
	SourceAPI  = "api"
	SourcePNR  = "pnr"
	SourceBoth = "both"
)

// Segment is one flight leg of a journey. Departure and Arrival are local
// times of the origin and destination airports, as the airline sent them.
type Segment struct {
	Carrier       string `json:"carrier"`
	Number        string `json:"number"`
	Origin        string `json:"origin"`
	Destination   string `json:"destination"`
	Departure     string `json:"departure"`
	Arrival       string `json:"arrival"`
	RecordLocator string `json:"record_locator"`
	// Source is "api" (seen on an API list only), "pnr" (booked only) or
	// "both".
	Source string `json:"source"`
	// Flown is set when an API list reported the traveller on the flight.
	Flown bool `json:"flown"`
	// BookedAt is the creation date of the booking holding the leg, as
	// sent ("2006-01-02"), or empty.
	BookedAt string `json:"booked_at"`

	dep, arr time.Time // instants
	api, pnr bool
	bookings []int // indexes into the identity's bookings
}

// Transit is a stop between two segments of a journey.
type Transit struct {
	Airport    string  `json:"airport"`
	DwellHours float64 `json:"dwell_hours"`
}

// Journey is a chain of segments of one traveller, each departing from
// where (or near where) the previous arrived within the window; a journey
// ends when the traveller is back at its origin. The JSON field names are
// a contract (docs/journeys.md).
type Journey struct {
	TravellerID    int64     `json:"traveller_id"`
	Segments       []Segment `json:"segments"`
	RecordLocators []string  `json:"record_locators"`
	Origin         string    `json:"origin"`
	// Destination is the final destination: the last arrival of a one-way
	// journey, or the stop with the longest stay of a round trip.
	Destination string `json:"destination"`
	// Transits are the stops other than the destination.
	Transits []Transit `json:"transits"`
	// Bookings counts the distinct bookings of the segments; more than one
	// is broken travel.
	Bookings     int  `json:"bookings"`
	BrokenTravel bool `json:"broken_travel"`
	// OneWay is set when the journey does not return to (or near) its
	// origin, neither flown nor booked.
	OneWay bool `json:"one_way"`
	// ReturnBookedNotFlown is set when a segment of the way back was booked,
	// its departure has passed, and no API list reported the traveller on
	// it while API lists did report other segments of the journey.
	ReturnBookedNotFlown bool `json:"return_booked_not_flown"`
	// PurchaseLeadDays is, for each booking, the first departure of its
	// segments minus its creation date, the minimum over bookings; null
	// when no booking date is known.
	PurchaseLeadDays *float64 `json:"purchase_lead_days"`
	PaidCash         bool     `json:"paid_cash"`
	TravellingAlone  bool     `json:"travelling_alone"`
	// CoTravellers counts the other people on the journey's bookings.
	CoTravellers int `json:"co_travellers"`
	// Agencies are the booking offices or agencies (IATA number or
	// pseudo city code) of the bookings.
	Agencies []string `json:"agencies"`
	// Start is the first departure and End the last arrival, local.
	Start         string  `json:"start"`
	End           string  `json:"end"`
	DurationHours float64 `json:"duration_hours"`
	// Groups are the airport groups any airport of the journey is in, and
	// FinalGroup the highest-priority group of the destination.
	Groups     []string `json:"groups"`
	FinalGroup string   `json:"final_group"`
}

// Config parameterises a Builder; the zero value uses the bundled airport
// table and groups with the defaults above.
type Config struct {
	Airports *airport.Table
	Groups   *airport.Groups
	// Window is the longest stay that continues a journey.
	Window time.Duration
	// NearKm is the largest distance between an arrival and the next
	// departure airport that continues a journey; negative: same airport
	// or metropolitan area only.
	NearKm float64
	// NoShowGrace is how long after departure a booked leg without API
	// record counts as not flown.
	NoShowGrace time.Duration
	// Now is the current time, for legs not flown; nil is time.Now.
	Now func() time.Time
}

// Builder computes journeys. It holds no mutable state and is safe for
// concurrent use.
type Builder struct {
	airports *airport.Table
	groups   *airport.Groups
	window   time.Duration
	nearKm   float64
	grace    time.Duration
	now      func() time.Time
}

// NewBuilder returns a Builder for cfg.
func NewBuilder(cfg Config) (*Builder, error) {
	b := &Builder{airports: cfg.Airports, groups: cfg.Groups, window: cfg.Window, nearKm: cfg.NearKm,
		grace: cfg.NoShowGrace, now: cfg.Now}
	if b.airports == nil {
		b.airports = airport.Default()
	}
	if b.groups == nil {
		g, err := airport.DefaultGroups(b.airports)
		if err != nil {
			return nil, fmt.Errorf("journey: %w", err)
		}
		b.groups = g
	}
	if b.window <= 0 {
		b.window = DefaultWindow
	}
	if b.nearKm == 0 {
		b.nearKm = DefaultNearKm
	}
	if b.grace <= 0 {
		b.grace = DefaultNoShowGrace
	}
	if b.now == nil {
		b.now = time.Now
	}
	return b, nil
}

// cancelledStatus are itinerary segment statuses of legs no longer held.
var cancelledStatus = map[string]bool{"HX": true, "XX": true, "UN": true, "UC": true, "NO": true, "XK": true}

// Build computes the journeys of one identity from its legs (flights its
// flight travellers are on) and bookings, ordered by start. It is pure:
// the same input gives the same journeys (given the same Now).
func (b *Builder) Build(identityID int64, legs []store.TravelLeg, bookings []store.Booking) []Journey {
	segs := b.collect(legs, bookings)
	if len(segs) == 0 {
		return []Journey{}
	}
	sort.SliceStable(segs, func(i, j int) bool {
		if !segs[i].dep.Equal(segs[j].dep) {
			return segs[i].dep.Before(segs[j].dep)
		}
		return segs[i].arr.Before(segs[j].arr)
	})
	selfRefs := selfRefsOf(legs)
	var (
		out    []Journey
		cur    []Segment
		closed bool
	)
	for _, s := range segs {
		if len(cur) > 0 {
			prev := cur[len(cur)-1]
			gap := s.dep.Sub(prev.arr)
			if closed || gap < -2*time.Hour || gap > b.window || !b.airports.Near(prev.Destination, s.Origin, b.nearKm) {
				out = append(out, b.finish(identityID, cur, closed, bookings, selfRefs))
				cur, closed = nil, false
			}
		}
		cur = append(cur, s)
		closed = len(cur) > 1 && b.airports.Near(s.Destination, cur[0].Origin, b.nearKm)
	}
	out = append(out, b.finish(identityID, cur, closed, bookings, selfRefs))
	return out
}

// legKey identifies one leg across API and PNR: route and local date
// (designators differ between codeshare partners).
func legKey(origin, destination, departure string) string {
	return strings.ToUpper(origin) + "|" + strings.ToUpper(destination) + "|" + dateOf(departure)
}

func dateOf(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// collect merges the legs and the booked itineraries into segments, one
// per leg key.
func (b *Builder) collect(legs []store.TravelLeg, bookings []store.Booking) []Segment {
	byID := make(map[int64]int, len(bookings))
	byLocator := make(map[string]int, len(bookings))
	for i, bk := range bookings {
		byID[bk.ID] = i
		byLocator[strings.ToUpper(bk.RecordLocator)] = i
		for _, o := range bk.Data.OtherLocators {
			_, loc, ok := strings.Cut(o, ":")
			if !ok {
				loc = o
			}
			if _, taken := byLocator[strings.ToUpper(loc)]; !taken {
				byLocator[strings.ToUpper(loc)] = i
			}
		}
	}
	var segs []Segment
	index := make(map[string]int)
	add := func(s Segment) {
		k := legKey(s.Origin, s.Destination, s.Departure)
		i, ok := index[k]
		if !ok {
			index[k] = len(segs)
			segs = append(segs, s)
			return
		}
		m := &segs[i]
		m.api = m.api || s.api
		m.pnr = m.pnr || s.pnr
		if len(m.Departure) <= 10 && len(s.Departure) > 10 {
			m.Departure = s.Departure
		}
		if m.Arrival == "" {
			m.Arrival = s.Arrival
		}
		if m.RecordLocator == "" {
			m.RecordLocator = s.RecordLocator
		}
		for _, bi := range s.bookings {
			if !containsInt(m.bookings, bi) {
				m.bookings = append(m.bookings, bi)
			}
		}
	}
	for _, l := range legs {
		s := Segment{Carrier: l.Carrier, Number: l.Number, Origin: strings.ToUpper(l.Origin),
			Destination: strings.ToUpper(l.Destination), Departure: l.DepartureLocal, Arrival: l.ArrivalLocal,
			RecordLocator: strings.ToUpper(l.RecordLocator)}
		for _, src := range l.Sources {
			switch src.Kind {
			case message.KindAPI:
				s.api = true
			case message.KindPNR:
				s.pnr = true
			}
		}
		if i, ok := byID[l.BookingID]; ok && l.BookingID != 0 {
			s.pnr = true
			s.bookings = append(s.bookings, i)
		} else if i, ok := byLocator[s.RecordLocator]; ok && s.RecordLocator != "" {
			s.bookings = append(s.bookings, i)
		}
		add(s)
	}
	for i, bk := range bookings {
		if bk.Cancelled || bk.Data.Cancelled {
			continue
		}
		for _, it := range bk.Data.Itinerary {
			if cancelledStatus[strings.ToUpper(it.Status)] || it.Origin == "" || it.Destination == "" || it.Departure == "" {
				continue
			}
			add(Segment{Carrier: it.Carrier, Number: it.Number, Origin: strings.ToUpper(it.Origin),
				Destination: strings.ToUpper(it.Destination), Departure: it.Departure, Arrival: it.Arrival,
				RecordLocator: strings.ToUpper(bk.RecordLocator), pnr: true, bookings: []int{i}})
		}
	}
	for i := range segs {
		s := &segs[i]
		switch {
		case s.api && s.pnr:
			s.Source = SourceBoth
		case s.api:
			s.Source = SourceAPI
		default:
			s.Source = SourcePNR
		}
		s.Flown = s.api
		for _, bi := range s.bookings {
			if c := createdOf(bookings[bi]); c != "" && (s.BookedAt == "" || c < s.BookedAt) {
				s.BookedAt = c
			}
		}
		b.times(s)
	}
	return segs
}

// times sets the segment's instants from its local times and airports.
// A missing or impossible arrival is estimated from the distance.
func (b *Builder) times(s *Segment) {
	from, okFrom := b.airports.Lookup(s.Origin)
	to, okTo := b.airports.Lookup(s.Destination)
	s.dep, _ = parseLocal(s.Departure, from.Location())
	arr, ok := parseLocal(s.Arrival, to.Location())
	if ok && !arr.Before(s.dep) && arr.Sub(s.dep) < 24*time.Hour {
		s.arr = arr
		return
	}
	est := 3 * time.Hour
	if okFrom && okTo {
		est = time.Duration((airport.DistanceKm(from, to)/800 + 0.5) * float64(time.Hour))
	}
	s.arr = s.dep.Add(est)
}

// parseLocal reads a local time "2006-01-02T15:04" (seconds allowed) or a
// date in loc.
func parseLocal(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// bookedAt reads a booking creation time: a date is midnight in loc (the
// time zone of the booking's first departure); a date and time is UTC, as
// reservation systems stamp PNR creation in GMT.
func bookedAt(s string, loc *time.Location) (time.Time, bool) {
	if len(s) <= 10 {
		return parseLocal(s, loc)
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return parseLocal(strings.TrimSuffix(s, "Z"), time.UTC)
}

func createdOf(b store.Booking) string {
	if b.Data.Created != "" {
		return b.Data.Created
	}
	return b.CreatedDate
}

// selfRefsOf returns, by upper-case record locator, the traveller
// references of the identity inside its bookings (from PNR sources).
func selfRefsOf(legs []store.TravelLeg) map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	for _, l := range legs {
		for _, src := range l.Sources {
			if src.Kind != message.KindPNR || src.Ref == "" {
				continue
			}
			loc := strings.ToUpper(src.RecordLocator)
			if loc == "" {
				loc = strings.ToUpper(l.RecordLocator)
			}
			if out[loc] == nil {
				out[loc] = make(map[string]bool)
			}
			out[loc][src.Ref] = true
		}
	}
	return out
}

// finish computes the features of a chain of segments.
func (b *Builder) finish(identityID int64, segs []Segment, closed bool, bookings []store.Booking, selfRefs map[string]map[string]bool) Journey {
	first, last := segs[0], segs[len(segs)-1]
	j := Journey{TravellerID: identityID, Segments: segs, Origin: first.Origin, Destination: last.Destination,
		RecordLocators: []string{}, Transits: []Transit{}, Agencies: []string{}, Groups: []string{},
		Start: first.Departure, End: last.Arrival, OneWay: !closed}
	if j.End == "" {
		j.End = last.Departure
	}
	j.DurationHours = round2(last.arr.Sub(first.dep).Hours())

	// Stops, and the destination of a round trip: the longest stay.
	turn := len(segs) - 1
	if closed {
		best := time.Duration(-1)
		for i := 0; i+1 < len(segs); i++ {
			if d := segs[i+1].dep.Sub(segs[i].arr); d > best {
				best, turn = d, i
			}
		}
		j.Destination = segs[turn].Destination
	}
	for i := 0; i+1 < len(segs); i++ {
		if closed && i == turn {
			continue
		}
		j.Transits = append(j.Transits, Transit{Airport: segs[i].Destination,
			DwellHours: round2(segs[i+1].dep.Sub(segs[i].arr).Hours())})
	}

	// Bookings: by stored booking, else by record locator.
	var (
		bookingIdx []int
		firstDep   = map[int]time.Time{}
		firstLoc   = map[int]*time.Location{}
		keys       = map[string]bool{}
		flownAny   bool
	)
	for _, s := range segs {
		flownAny = flownAny || s.Flown
		if s.RecordLocator != "" && !containsString(j.RecordLocators, s.RecordLocator) {
			j.RecordLocators = append(j.RecordLocators, s.RecordLocator)
		}
		switch {
		case len(s.bookings) > 0:
			for _, bi := range s.bookings {
				// The same PNR pushed by two carriers is stored twice (one
				// booking per system): count it once.
				keys[strings.ToUpper(bookings[bi].RecordLocator)] = true
				if _, seen := firstDep[bi]; !seen {
					bookingIdx = append(bookingIdx, bi)
					firstDep[bi] = s.dep
					a, _ := b.airports.Lookup(s.Origin)
					firstLoc[bi] = a.Location()
				}
			}
		case s.RecordLocator != "":
			keys[s.RecordLocator] = true
		}
	}
	j.Bookings = len(keys)
	j.BrokenTravel = j.Bookings > 1

	if closed && flownAny {
		cutoff := b.now().Add(-b.grace)
		for _, s := range segs[turn+1:] {
			if !s.Flown && s.dep.Before(cutoff) {
				j.ReturnBookedNotFlown = true
				break
			}
		}
	}

	var others = map[string]bool{}
	for _, bi := range bookingIdx {
		bk := bookings[bi]
		if created, ok := bookedAt(createdOf(bk), firstLoc[bi]); ok {
			lead := round2(firstDep[bi].Sub(created).Hours() / 24)
			if j.PurchaseLeadDays == nil || lead < *j.PurchaseLeadDays {
				j.PurchaseLeadDays = &lead
			}
		}
		j.PaidCash = j.PaidCash || paidCash(bk.Data)
		office := bk.Office
		if office == "" && bk.Data.Office != nil {
			office = bk.Data.Office.AgencyID
			if office == "" {
				office = bk.Data.Office.AgentID
			}
		}
		if office != "" && !containsString(j.Agencies, office) {
			j.Agencies = append(j.Agencies, office)
		}
		self := selfRefs[strings.ToUpper(bk.RecordLocator)]
		skipped := false
		for _, t := range bk.Data.Travellers {
			if self[t.Ref] && t.Ref != "" {
				continue
			}
			if len(self) == 0 && !skipped {
				skipped = true // the identity's own record, reference unknown
				continue
			}
			others[strings.ToUpper(t.Surname+"/"+t.GivenNames)] = true
		}
	}
	j.CoTravellers = len(others)
	j.TravellingAlone = len(bookingIdx) > 0 && j.CoTravellers == 0

	codes := make([]string, 0, len(segs)+1)
	codes = append(codes, first.Origin)
	for _, s := range segs {
		codes = append(codes, s.Destination)
	}
	if g := b.groups.OfAll(codes); g != nil {
		j.Groups = g
	}
	j.FinalGroup = b.groups.First(j.Destination)
	return j
}

func paidCash(b message.Booking) bool {
	for _, p := range b.Payments {
		if p.Method == message.PayCash {
			return true
		}
	}
	for _, t := range b.Travellers {
		for _, tk := range t.Tickets {
			for _, p := range tk.Payments {
				if p.Method == message.PayCash {
					return true
				}
			}
		}
	}
	return false
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
