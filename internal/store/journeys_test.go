package store

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

func TestJourneysSQLite(t *testing.T)   { testJourneys(t, newSQLite(t)) }
func TestJourneysPostgres(t *testing.T) { testJourneys(t, newPostgres(t)) }

func testJourneys(t *testing.T, tg target) {
	s := tg.open(t)
	idA := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{Surname: "DOE", Given: "JANE"}}}, []string{"k:a"})).ok(t)
	idB := must(s.SaveIdentity(ctx, Identity{Names: []PersonName{{Surname: "ROE", Given: "RICHARD"}}}, []string{"k:b"})).ok(t)

	b := booking("JRN001", "jane@example.org", "2031-05-01T09:00", "2031-05-03T10:00")
	b.Itinerary[0].Origin, b.Itinerary[0].Destination = "LHR", "IST"
	b.Itinerary[1].Origin, b.Itinerary[1].Destination = "IST", "GZT"
	bookingID, _ := must2(s.UpsertBooking(ctx, 0, "TK", b, time.Date(2031, 4, 1, 8, 0, 0, 0, time.UTC))).ok(t)

	flights := []message.Flight{
		{Carrier: "TK", Number: "2220", Origin: "IST", Destination: "GZT", Departure: "2031-05-03T10:00", Arrival: "2031-05-03T11:40"},
		{Carrier: "TK", Number: "1980", Origin: "LHR", Destination: "IST", Departure: "2031-05-01T09:00", Arrival: "2031-05-01T15:00"},
		{Carrier: "PC", Number: "1", Origin: "SAW", Destination: "HTY", Departure: "2031-05-02"},
	}
	var fids []int64
	for _, f := range flights {
		fids = append(fids, must(s.UpsertFlight(ctx, 0, f)).ok(t))
	}
	put := func(flightID, identityID, bookingID int64, kinds ...message.Kind) {
		t.Helper()
		ft := &FlightTraveller{FlightID: flightID, IdentityID: identityID, BookingID: bookingID, RecordLocator: "JRN001",
			Traveller: message.Traveller{Role: message.RolePassenger, Surname: "DOE"}}
		for _, k := range kinds {
			ft.Sources = append(ft.Sources, SourceRef{MessageID: 0, Kind: k, Ref: "1", RecordLocator: "JRN001"})
		}
		check(t, s.PutFlightTraveller(ctx, ft))
	}
	put(fids[0], idA, bookingID, message.KindPNR, message.KindAPI)
	put(fids[1], idA, bookingID, message.KindAPI)
	put(fids[2], idB, 0, message.KindAPI)

	legs := must(s.IdentityLegs(ctx, idA)).ok(t)
	if len(legs) != 2 {
		t.Fatalf("IdentityLegs(A) = %d legs, want 2", len(legs))
	}
	if got := fmt.Sprintf("%s-%s %s %s|%s-%s", legs[0].Origin, legs[0].Destination, legs[0].DepartureLocal, legs[0].ArrivalLocal,
		legs[1].Origin, legs[1].Destination); got != "LHR-IST 2031-05-01T09:00 2031-05-01T15:00|IST-GZT" {
		t.Errorf("legs not in departure order: %s", got)
	}
	if legs[1].BookingID != bookingID || len(legs[1].Sources) != 2 || legs[1].Sources[1].Kind != message.KindAPI || legs[1].Carrier != "TK" {
		t.Errorf("leg = %+v", legs[1])
	}
	if legs := must(s.IdentityLegs(ctx, idB)).ok(t); len(legs) != 1 || legs[0].DepartureLocal != "2031-05-02" || legs[0].BookingID != 0 {
		t.Errorf("IdentityLegs(B) = %+v (want the date when no time was sent)", legs)
	}
	if legs := must(s.IdentityLegs(ctx, 9999)).ok(t); len(legs) != 0 {
		t.Errorf("unknown identity: %d legs", len(legs))
	}
	bs := must(s.IdentityBookings(ctx, idA)).ok(t)
	if len(bs) != 1 || bs[0].ID != bookingID || len(bs[0].Data.Itinerary) != 2 || bs[0].Office != "12345678" {
		t.Errorf("IdentityBookings(A) = %+v", bs)
	}
	if bs := must(s.IdentityBookings(ctx, idB)).ok(t); len(bs) != 0 {
		t.Errorf("IdentityBookings(B) = %d bookings, want 0", len(bs))
	}

	// Journeys are replaced as a whole, and cleared by an empty put.
	rec := func(start, final string, broken bool) JourneyRecord {
		data, _ := json.Marshal(map[string]string{"start": start})
		return JourneyRecord{StartLocal: start, EndLocal: start, Origin: "LHR", Destination: "GZT", FinalGroup: final,
			BrokenTravel: broken, Data: data}
	}
	check(t, s.PutJourneys(ctx, idA, []JourneyRecord{rec("2031-05-01T09:00", "tr-syria-border", true), rec("2031-06-01T09:00", "", false)}))
	check(t, s.PutJourneys(ctx, idB, []JourneyRecord{rec("2031-05-02", "tr-syria-border", false)}))
	js := must(s.Journeys(ctx, idA)).ok(t)
	if len(js) != 2 || js[0].Seq != 1 || js[1].Seq != 2 || !js[0].BrokenTravel || js[0].FinalGroup != "tr-syria-border" ||
		js[0].IdentityID != idA || js[0].Updated.IsZero() {
		t.Fatalf("Journeys(A) = %+v", js)
	}
	var data map[string]string
	check(t, json.Unmarshal(js[1].Data, &data))
	if data["start"] != "2031-06-01T09:00" {
		t.Errorf("data = %s", js[1].Data)
	}
	// Unchanged journeys are not rewritten.
	check(t, s.PutJourneys(ctx, idA, []JourneyRecord{rec("2031-05-01T09:00", "tr-syria-border", true), rec("2031-06-02T09:00", "", false)}))
	again := must(s.Journeys(ctx, idA)).ok(t)
	if len(again) != 2 || !again[0].Updated.Equal(js[0].Updated) || again[1].StartLocal != "2031-06-02T09:00" {
		t.Fatalf("after a partial change: %+v (first was %v)", again, js[0].Updated)
	}
	check(t, s.PutJourneys(ctx, idA, []JourneyRecord{rec("2031-07-01T09:00", "", false)}))
	if js := must(s.Journeys(ctx, idA)).ok(t); len(js) != 1 || js[0].StartLocal != "2031-07-01T09:00" {
		t.Fatalf("after replace: %+v", js)
	}
	check(t, s.PutJourneys(ctx, idA, nil))
	if js := must(s.Journeys(ctx, idA)).ok(t); len(js) != 0 {
		t.Fatalf("after clear: %d journeys", len(js))
	}
	if js := must(s.Journeys(ctx, idB)).ok(t); len(js) != 1 {
		t.Fatalf("other identity touched: %d journeys", len(js))
	}

	// Reads in a transaction see its own writes.
	check(t, s.WithTx(ctx, func(tx *Tx) error {
		ft := &FlightTraveller{FlightID: fids[2], IdentityID: idA, Traveller: message.Traveller{Surname: "DOE"}}
		if err := tx.PutFlightTraveller(ctx, ft); err != nil {
			return err
		}
		legs, err := tx.IdentityLegs(ctx, idA)
		if err != nil {
			return err
		}
		if len(legs) != 3 {
			t.Errorf("in tx: %d legs, want 3", len(legs))
		}
		return tx.PutJourneys(ctx, idA, []JourneyRecord{rec("2031-05-01T09:00", "", false)})
	}))

	// Travelling identities page by id.
	var ids []int64
	for after := int64(0); ; {
		page := must(s.TravellingIdentities(ctx, after, 1)).ok(t)
		if len(page) == 0 {
			break
		}
		ids = append(ids, page...)
		after = page[len(page)-1]
	}
	if fmt.Sprint(ids) != fmt.Sprint([]int64{idA, idB}) {
		t.Errorf("TravellingIdentities = %v, want [%d %d]", ids, idA, idB)
	}
}
