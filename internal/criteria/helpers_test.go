package criteria

import (
	"fmt"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/store"
)

// fixedNow is the clock of the tests.
var fixedNow = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

func newChecker(t testing.TB) *Checker {
	t.Helper()
	c, err := NewChecker(Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ts(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// brokenTravel is a traveller who reaches Istanbul from Frankfurt on one
// booking and flies on to Gaziantep 20 hours later on another, one way,
// paid in cash two days before.
func brokenTravel() *Subject {
	return &Subject{
		TravellerID: 7, FlightTravellerID: 70, FlightID: 700,
		Traveller: Traveller{AgeYears: 24, Gender: "M", Nationality: "DEU", DocumentCountry: "DEU", DocumentType: "P",
			HasDocument: true, Role: "passenger", InAPI: true, InPNR: true},
		Booking: Booking{RecordLocator: "BBB222", Created: ts("2026-11-18T10:00"), LeadDays: 2, PaidCash: true,
			PaymentMethods: []string{"cash"}, TravellersCount: 1, SegmentsCount: 1, OneWay: true, Ticketed: true},
		Flight: Flight{Carrier: "PC", Number: "2850", Origin: "SAW", Destination: "GZT", Departure: ts("2026-11-20T08:00"),
			Arrival: ts("2026-11-20T09:45"), OriginCountry: "TUR", DestinationCountry: "TUR", Domestic: true},
		Journey: Journey{
			Segments: []Segment{
				{Carrier: "LH", Number: "1300", Origin: "FRA", Destination: "IST", Departure: ts("2026-11-19T08:00"),
					Arrival: ts("2026-11-19T12:05"), RecordLocator: "AAA111", Source: "api+pnr", Flown: true, BookedAt: ts("2026-11-01T09:00")},
				{Carrier: "PC", Number: "2850", Origin: "SAW", Destination: "GZT", Departure: ts("2026-11-20T08:00"),
					Arrival: ts("2026-11-20T09:45"), RecordLocator: "BBB222", Source: "pnr", BookedAt: ts("2026-11-18T10:00")},
			},
			RecordLocators: []string{"AAA111", "BBB222"}, Origin: "FRA", Destination: "GZT",
			Transits: []Transit{{Airport: "IST", DwellHours: 19.9}}, Bookings: 2, BrokenTravel: true, OneWay: true,
			PurchaseLeadDays: 18, PaidCash: true, TravellingAlone: true, Start: ts("2026-11-19T08:00"), End: ts("2026-11-20T09:45"),
			DurationHours: 25.75, Groups: []string{"eu", "tr", "tr-istanbul", "tr-syria-border"}, FinalGroup: "tr-syria-border",
		},
	}
}

// ordinary is a family's return trip to Antalya booked months ahead.
func ordinary() *Subject {
	return &Subject{
		TravellerID: 8, FlightTravellerID: 80, FlightID: 800,
		Traveller: Traveller{AgeYears: 41, Gender: "F", Nationality: "NLD", DocumentCountry: "NLD", DocumentType: "P",
			HasDocument: true, Role: "passenger", FrequentFlyer: true, InAPI: true, InPNR: true},
		Booking: Booking{RecordLocator: "CCC333", Created: ts("2026-07-01T10:00"), LeadDays: 140, CardCount: 1,
			PaymentMethods: []string{"card"}, TravellersCount: 4, SegmentsCount: 2, Ticketed: true},
		Flight: Flight{Carrier: "TK", Number: "1952", Origin: "AMS", Destination: "AYT", Departure: ts("2026-11-18T09:00"),
			Arrival: ts("2026-11-18T14:00"), OriginCountry: "NLD", DestinationCountry: "TUR"},
		Journey: Journey{
			Segments: []Segment{
				{Carrier: "TK", Number: "1952", Origin: "AMS", Destination: "AYT", Departure: ts("2026-11-18T09:00"),
					Arrival: ts("2026-11-18T14:00"), RecordLocator: "CCC333", Source: "api+pnr", Flown: true},
				{Carrier: "TK", Number: "1953", Origin: "AYT", Destination: "AMS", Departure: ts("2026-11-28T15:00"),
					Arrival: ts("2026-11-28T18:30"), RecordLocator: "CCC333", Source: "pnr"},
			},
			RecordLocators: []string{"CCC333"}, Origin: "AMS", Destination: "AMS", Bookings: 1, PurchaseLeadDays: 140,
			CoTravellers: 3, Start: ts("2026-11-18T09:00"), End: ts("2026-11-28T18:30"), DurationHours: 249.5,
			Groups: []string{"eu", "tr"}, FinalGroup: "eu",
		},
	}
}

// crit returns a valid criterion with the expression.
func crit(name, expr string) store.Criterion {
	return store.Criterion{Name: name, Owner: "PIU test unit", Severity: SeverityHigh, Status: store.CriterionActive,
		Justification: "A justification long enough to pass the governance check.", StartDate: "2026-11-01",
		ReviewDate: "2027-04-30", Expression: expr, Version: 1}
}

// manyCriteria returns n lawful criteria of the shapes the examples use,
// with varied constants.
func manyCriteria(n int) []store.Criterion {
	dests := []string{"GZT", "HTY", "GNY", "ADA", "MQM", "KCM", "ADF"}
	shapes := []string{
		`flight.destination == "%s" && booking.one_way && booking.paid_cash && booking.lead_days >= 0 && booking.lead_days < %d`,
		`in_group(flight.origin, "tr-istanbul") && flight.destination == "%s" && journey.segments.exists(s, s.destination == flight.origin && s.record_locator != booking.record_locator && hours_between(s.arrival, flight.departure) >= 0.0 && hours_between(s.arrival, flight.departure) <= %d.0)`,
		`journey.final_group == "tr-syria-border" && flight.destination == "%s" && journey.travelling_alone && journey.one_way && booking.lead_days <= %d && journey.transits.exists(t, in_group(t.airport, "tr-istanbul"))`,
		`journey.return_booked_not_flown && journey.destination == "%s" && journey.duration_hours < %d.0`,
		`flight.destination == "%s" && booking.card_count >= %d && booking.one_way && traveller.age_years >= 18`,
	}
	out := make([]store.Criterion, n)
	for i := range out {
		expr := fmt.Sprintf(shapes[i%len(shapes)], dests[i%len(dests)], 2+i%5)
		out[i] = crit(fmt.Sprintf("rule-%02d", i), expr)
	}
	return out
}
