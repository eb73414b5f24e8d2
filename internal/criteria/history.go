package criteria

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/country"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// History is what a backtest reads of stored history; *store.Store
// implements it.
type History interface {
	Flights(ctx context.Context, date string) ([]store.Flight, error)
	Flight(ctx context.Context, id int64) (store.Manifest, error)
	BookingByID(ctx context.Context, id int64) (store.Booking, error)
	Journeys(ctx context.Context, identityID int64) ([]store.JourneyRecord, error)
}

// StoreSubjects returns the travellers of the stored flights departing
// (local date) from since to until inclusive, as subjects: traveller,
// booking and flight are filled from the store, and the journey from the
// stored journeys of the traveller's identity (the one that contains the
// flight). A traveller with no identity or no stored journey has an empty
// journey (zero values).
func (c *Checker) StoreSubjects(ctx context.Context, h History, since, until time.Time) Subjects {
	return func(yield func(*Subject, error) bool) {
		for day := since.UTC().Truncate(24 * time.Hour); !day.After(until); day = day.AddDate(0, 0, 1) {
			flights, err := h.Flights(ctx, day.Format(time.DateOnly))
			if err != nil {
				yield(nil, fmt.Errorf("flights of %s: %w", day.Format(time.DateOnly), err))
				return
			}
			for _, f := range flights {
				m, err := h.Flight(ctx, f.ID)
				if err != nil {
					yield(nil, fmt.Errorf("flight %d: %w", f.ID, err))
					return
				}
				bookings := map[int64]*store.Booking{}
				for i := range m.Travellers {
					ft := &m.Travellers[i]
					var b *store.Booking
					if ft.BookingID != 0 {
						if b = bookings[ft.BookingID]; b == nil {
							bk, err := h.BookingByID(ctx, ft.BookingID)
							if err != nil {
								yield(nil, fmt.Errorf("booking %d: %w", ft.BookingID, err))
								return
							}
							b = &bk
							bookings[ft.BookingID] = b
						}
					}
					var recs []store.JourneyRecord
					if ft.IdentityID != 0 {
						recs, err = h.Journeys(ctx, ft.IdentityID)
						if err != nil {
							yield(nil, fmt.Errorf("journeys of identity %d: %w", ft.IdentityID, err))
							return
						}
					}
					s := c.SubjectOf(ft, m.Flight, b, recs)
					if !yield(s, nil) {
						return
					}
				}
			}
		}
	}
}

// SubjectOf builds the subject of one flight traveller from what the
// store holds: the flight, the booking (nil when none is known) and the
// stored journeys of the traveller's identity (the one containing the
// flight fills the journey; none leaves it empty).
func (c *Checker) SubjectOf(ft *store.FlightTraveller, f store.Flight, b *store.Booking, journeys []store.JourneyRecord) *Subject {
	flight := c.flightOf(f)
	s := &Subject{TravellerID: ft.IdentityID, FlightTravellerID: ft.ID, FlightID: f.ID,
		Traveller: travellerOf(ft, flight.Departure), Flight: flight}
	if b != nil {
		s.Booking = c.bookingOf(b, flight.Departure)
	} else {
		s.Booking.LeadDays = -1
		// An API record without its PNR still names its booking (RFF+AVF).
		s.Booking.RecordLocator = ft.RecordLocator
	}
	s.Journey.PurchaseLeadDays = -1
	if j, ok := journeyOf(journeys, &f); ok {
		s.Journey = j
	}
	return s
}

// localTime parses an airline local time ("2006-01-02T15:04") or date.
func localTime(s string) time.Time {
	for _, layout := range []string{"2006-01-02T15:04", time.DateOnly, "2006-01-02T15:04:05", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func (c *Checker) flightOf(f store.Flight) Flight {
	dep := localTime(f.DepartureLocal)
	if dep.IsZero() {
		dep = localTime(f.DepartureDate)
	}
	return Flight{
		Carrier: f.Carrier, Number: f.Number, Origin: f.Origin, Destination: f.Destination,
		Departure: dep, Arrival: localTime(f.ArrivalLocal),
		OriginCountry: c.airports.Country(f.Origin), DestinationCountry: c.airports.Country(f.Destination),
		Domestic: f.Domestic,
	}
}

func alpha3(s string) string {
	if s == "" {
		return ""
	}
	if a, ok := country.Alpha3(s); ok {
		return a
	}
	return strings.ToUpper(s)
}

// travellerOf fills Traveller from a stored flight traveller.
func travellerOf(ft *store.FlightTraveller, departure time.Time) Traveller {
	t := &ft.Traveller
	out := Traveller{
		AgeYears: -1, Gender: t.Gender, Nationality: alpha3(t.Nationality), ResidenceCountry: alpha3(t.Residence),
		Role: t.Role, IsCrew: t.Role == message.RoleCrew || t.Role == message.RoleTransitCrew,
		CheckedIn: t.CheckedIn, Verified: t.Verified,
	}
	if bd, err := time.Parse(time.DateOnly, t.BirthDate); err == nil && !departure.IsZero() {
		out.AgeYears = ageOn(bd, departure)
	}
	if len(t.Documents) > 0 {
		d := t.Documents[0]
		out.HasDocument = true
		out.DocumentType = d.Type
		out.DocumentCountry = alpha3(d.IssuingCountry)
		if out.Nationality == "" {
			out.Nationality = alpha3(d.Nationality)
		}
		if exp, err := time.Parse(time.DateOnly, d.Expiry); err == nil && !departure.IsZero() {
			out.DocumentExpiresDays = int(exp.Sub(departure.Truncate(24*time.Hour)).Hours() / 24)
		}
	}
	if len(t.FrequentFlyers) > 0 {
		out.FrequentFlyer = true
		out.FrequentFlyerTier = t.FrequentFlyers[0].Tier
	}
	if t.Bags != nil {
		out.Bags, out.BagWeightKG = t.Bags.Count, t.Bags.WeightKG
	}
	for _, src := range ft.Sources {
		switch src.Kind {
		case message.KindAPI:
			out.InAPI = true
		case message.KindPNR:
			out.InPNR = true
		}
	}
	return out
}

// ageOn returns the age in whole years on a day.
func ageOn(birth, day time.Time) int {
	age := day.Year() - birth.Year()
	if day.Month() < birth.Month() || (day.Month() == birth.Month() && day.Day() < birth.Day()) {
		age--
	}
	return age
}

// bookingOf fills Booking from a stored booking.
func (c *Checker) bookingOf(b *store.Booking, departure time.Time) Booking {
	d := &b.Data
	out := Booking{
		RecordLocator: b.RecordLocator, LeadDays: -1, TravellersCount: len(d.Travellers), SegmentsCount: len(d.Itinerary),
		Cancelled: b.Cancelled || d.Cancelled, Split: len(d.Splits) > 0, Changes: len(d.History),
		Ticketed: d.TicketIssued != "",
	}
	created := d.Created
	if created == "" {
		created = b.CreatedDate
	}
	if t := localTime(created); !t.IsZero() {
		out.Created = t
		if !departure.IsZero() {
			out.LeadDays = int(departure.Truncate(24*time.Hour).Sub(t.Truncate(24*time.Hour)).Hours() / 24)
		}
	}
	methods := map[string]bool{}
	cards := map[string]bool{}
	addPayment := func(p message.Payment) {
		if p.Method != "" && !methods[p.Method] {
			methods[p.Method] = true
			out.PaymentMethods = append(out.PaymentMethods, p.Method)
		}
		if p.Method == message.PayCash {
			out.PaidCash = true
		}
		if p.Method == message.PayCard {
			key := p.CardHash
			if key == "" {
				key = p.CardType + p.CardLast4
			}
			if key != "" {
				cards[key] = true
			}
		}
	}
	for _, p := range d.Payments {
		addPayment(p)
	}
	for _, t := range d.Travellers {
		for _, tk := range t.Tickets {
			out.Ticketed = true
			for _, p := range tk.Payments {
				addPayment(p)
			}
		}
	}
	out.CardCount = len(cards)
	if o := d.Office; o != nil {
		out.Agency = o.AgencyID
		if out.Agency == "" {
			out.Agency = o.AgentID
		}
		out.OfficeCountry = alpha3(o.Country)
		out.OfficeType = o.Type
	} else {
		out.Agency = b.Office
	}
	if n := len(d.Itinerary); n > 0 {
		out.OneWay = d.Itinerary[n-1].Destination != d.Itinerary[0].Origin
	}
	return out
}

// journeyOf returns the stored journey that contains a flight.
func journeyOf(recs []store.JourneyRecord, f *store.Flight) (Journey, bool) {
	for _, r := range recs {
		j, err := DecodeJourney(r.Data)
		if err != nil {
			continue
		}
		for _, sg := range j.Segments {
			if sg.Carrier == f.Carrier && sg.Number == f.Number && sg.Origin == f.Origin &&
				sg.Departure.Format(time.DateOnly) == f.DepartureDate {
				return j, true
			}
		}
	}
	return Journey{}, false
}

// journeyJSON is the JSON contract of the journey package (times as
// local "2006-01-02T15:04" text); DecodeJourney reads it without
// importing that package.
type journeyJSON struct {
	Segments []struct {
		Carrier       string `json:"carrier"`
		Number        string `json:"number"`
		Origin        string `json:"origin"`
		Destination   string `json:"destination"`
		Departure     string `json:"departure"`
		Arrival       string `json:"arrival"`
		RecordLocator string `json:"record_locator"`
		Source        string `json:"source"`
		Flown         bool   `json:"flown"`
		BookedAt      string `json:"booked_at"`
	} `json:"segments"`
	RecordLocators       []string  `json:"record_locators"`
	Origin               string    `json:"origin"`
	Destination          string    `json:"destination"`
	Transits             []Transit `json:"transits"`
	Bookings             int       `json:"bookings"`
	BrokenTravel         bool      `json:"broken_travel"`
	OneWay               bool      `json:"one_way"`
	ReturnBookedNotFlown bool      `json:"return_booked_not_flown"`
	PurchaseLeadDays     *float64  `json:"purchase_lead_days"`
	PaidCash             bool      `json:"paid_cash"`
	TravellingAlone      bool      `json:"travelling_alone"`
	CoTravellers         int       `json:"co_travellers"`
	Agencies             []string  `json:"agencies"`
	Start                string    `json:"start"`
	End                  string    `json:"end"`
	DurationHours        float64   `json:"duration_hours"`
	Groups               []string  `json:"groups"`
	FinalGroup           string    `json:"final_group"`
}

// DecodeJourney reads a journey in the JSON form the journey package
// stores (store.JourneyRecord.Data). An unknown purchase lead time
// becomes -1.
func DecodeJourney(data []byte) (Journey, error) {
	var in journeyJSON
	if err := json.Unmarshal(data, &in); err != nil {
		return Journey{}, fmt.Errorf("criteria: journey: %w", err)
	}
	j := Journey{
		RecordLocators: in.RecordLocators, Origin: in.Origin, Destination: in.Destination, Transits: in.Transits,
		Bookings: in.Bookings, BrokenTravel: in.BrokenTravel, OneWay: in.OneWay, ReturnBookedNotFlown: in.ReturnBookedNotFlown,
		PurchaseLeadDays: -1, PaidCash: in.PaidCash, TravellingAlone: in.TravellingAlone, CoTravellers: in.CoTravellers,
		Agencies: in.Agencies, Start: localTime(in.Start), End: localTime(in.End), DurationHours: in.DurationHours,
		Groups: in.Groups, FinalGroup: in.FinalGroup,
	}
	if in.PurchaseLeadDays != nil {
		j.PurchaseLeadDays = int(math.Floor(*in.PurchaseLeadDays))
	}
	j.Segments = make([]Segment, len(in.Segments))
	for i, sg := range in.Segments {
		j.Segments[i] = Segment{Carrier: sg.Carrier, Number: sg.Number, Origin: sg.Origin, Destination: sg.Destination,
			Departure: localTime(sg.Departure), Arrival: localTime(sg.Arrival), RecordLocator: sg.RecordLocator,
			Source: sg.Source, Flown: sg.Flown, BookedAt: localTime(sg.BookedAt)}
	}
	return j, nil
}
