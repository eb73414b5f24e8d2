package criteria

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// fakeHistory is one flight SAW-GZT with two travellers: one booked in
// cash two days before with a stored journey, one without a booking.
type fakeHistory struct{}

func (fakeHistory) Flights(_ context.Context, date string) ([]store.Flight, error) {
	if date != "2026-11-20" {
		return nil, nil
	}
	return []store.Flight{{ID: 5, Carrier: "PC", Number: "2850", DepartureDate: date, Origin: "SAW", Destination: "GZT"}}, nil
}

func (fakeHistory) Flight(_ context.Context, id int64) (store.Manifest, error) {
	if id != 5 {
		return store.Manifest{}, fmt.Errorf("flight %d: %w", id, store.ErrNotFound)
	}
	return store.Manifest{
		Flight: store.Flight{ID: 5, Carrier: "PC", Number: "2850", DepartureDate: "2026-11-20", Origin: "SAW", Destination: "GZT",
			DepartureLocal: "2026-11-20T08:00", ArrivalLocal: "2026-11-20T09:45", Domestic: true},
		Travellers: []store.FlightTraveller{
			{ID: 51, FlightID: 5, IdentityID: 9, BookingID: 3, RecordLocator: "BBB222",
				Traveller: message.Traveller{Role: message.RolePassenger, Surname: "ROE", BirthDate: "2000-11-21", Gender: "M",
					Nationality: "DE", Documents: []message.Document{{Type: "P", Number: "X1", IssuingCountry: "DEU", Expiry: "2027-01-01"}}},
				Sources: []store.SourceRef{{Kind: message.KindAPI}, {Kind: message.KindPNR}}},
			{ID: 52, FlightID: 5, Traveller: message.Traveller{Role: message.RoleCrew}},
		},
	}, nil
}

func (fakeHistory) BookingByID(_ context.Context, id int64) (store.Booking, error) {
	return store.Booking{ID: id, RecordLocator: "BBB222", Data: message.Booking{RecordLocator: "BBB222", Created: "2026-11-18",
		Office:     &message.Office{AgencyID: "12345678", Country: "TR", Type: "agency"},
		Travellers: []message.Traveller{{Ref: "1"}},
		Payments:   []message.Payment{{Method: message.PayCash}, {Method: message.PayCard, CardHash: "h1"}, {Method: message.PayCard, CardHash: "h2"}},
		Itinerary:  []message.Segment{{Carrier: "PC", Number: "2850", Origin: "SAW", Destination: "GZT", Departure: "2026-11-20T08:00"}}}}, nil
}

const journeyContract = `{"traveller_id": 9, "segments": [
 {"carrier": "LH", "number": "1300", "origin": "FRA", "destination": "IST", "departure": "2026-11-19T08:00", "arrival": "2026-11-19T12:05", "record_locator": "AAA111", "source": "api+pnr", "flown": true, "booked_at": "2026-11-01T09:00"},
 {"carrier": "PC", "number": "2850", "origin": "SAW", "destination": "GZT", "departure": "2026-11-20T08:00", "arrival": "2026-11-20T09:45", "record_locator": "BBB222", "source": "pnr", "flown": false, "booked_at": "2026-11-18"}],
 "record_locators": ["AAA111", "BBB222"], "origin": "FRA", "destination": "GZT", "transits": [{"airport": "IST", "dwell_hours": 19.9}],
 "bookings": 2, "broken_travel": true, "one_way": true, "return_booked_not_flown": false, "purchase_lead_days": 18.4, "paid_cash": true,
 "travelling_alone": true, "co_travellers": 0, "agencies": ["12345678"], "start": "2026-11-19T08:00", "end": "2026-11-20T09:45",
 "duration_hours": 25.75, "groups": ["eu", "tr-istanbul", "tr-syria-border"], "final_group": "tr-syria-border"}`

func (fakeHistory) Journeys(_ context.Context, identityID int64) ([]store.JourneyRecord, error) {
	if identityID != 9 {
		return nil, nil
	}
	return []store.JourneyRecord{{IdentityID: 9, Seq: 1, Data: json.RawMessage(journeyContract)}}, nil
}

func TestStoreSubjects(t *testing.T) {
	c := newChecker(t)
	var got []*Subject
	for s, err := range c.StoreSubjects(context.Background(), fakeHistory{}, ts("2026-11-19T00:00"), ts("2026-11-21T00:00")) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if len(got) != 2 {
		t.Fatalf("%d subjects", len(got))
	}
	s := got[0]
	tr, b, f, j := s.Traveller, s.Booking, s.Flight, s.Journey
	if tr.AgeYears != 25 || tr.Nationality != "DEU" || tr.DocumentCountry != "DEU" || !tr.HasDocument || tr.DocumentExpiresDays != 42 ||
		!tr.InAPI || !tr.InPNR || tr.IsCrew {
		t.Errorf("traveller %+v", tr)
	}
	if b.LeadDays != 2 || !b.PaidCash || b.CardCount != 2 || b.Agency != "12345678" || b.OfficeCountry != "TUR" || !b.OneWay ||
		b.TravellersCount != 1 || len(b.PaymentMethods) != 2 {
		t.Errorf("booking %+v", b)
	}
	if !f.Departure.Equal(ts("2026-11-20T08:00")) || f.OriginCountry != "TUR" || f.DestinationCountry != "TUR" || !f.Domestic {
		t.Errorf("flight %+v", f)
	}
	if len(j.Segments) != 2 || !j.BrokenTravel || j.PurchaseLeadDays != 18 || j.FinalGroup != "tr-syria-border" ||
		!j.Segments[0].Arrival.Equal(ts("2026-11-19T12:05")) || j.Segments[1].BookedAt.Format(time.DateOnly) != "2026-11-18" {
		t.Errorf("journey %+v", j)
	}
	crew := got[1]
	if !crew.Traveller.IsCrew || crew.Traveller.AgeYears != -1 || crew.Booking.LeadDays != -1 || crew.Journey.PurchaseLeadDays != -1 {
		t.Errorf("crew %+v", crew)
	}
	// The shipped broken-travel example hits the stored traveller.
	f0 := exampleFile(t, "istanbul-border-broken-travel")
	rep, err := c.Backtest(context.Background(), f0.Criterion(), c.StoreSubjects(context.Background(), fakeHistory{},
		ts("2026-11-19T00:00"), ts("2026-11-21T00:00")), ts("2026-11-19T00:00"))
	if err != nil || rep.Hits != 1 || rep.Evaluations != 2 || rep.Flights != 1 || rep.Sample[0].FlightTravellerID != 51 {
		t.Errorf("backtest %+v %v", rep, err)
	}
}
