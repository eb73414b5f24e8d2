package journey

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// plantBroken stores the broken-travel scenario (LHR-IST on one booking,
// IST-GZT two days later on another, cash) through the store's own
// methods, as the ingest pipeline does, and returns the identity.
func plantBroken(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	var identityID int64
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		id, err := tx.SaveIdentity(ctx, store.Identity{Names: []store.PersonName{{Surname: "ROE", Given: "RICHARD"}}}, []string{"k:roe"})
		if err != nil {
			return err
		}
		identityID = id
		legs := []struct {
			flight  message.Flight
			locator string
			created string
			pay     string
		}{
			{message.Flight{Carrier: "BA", Number: "676", Origin: "LHR", Destination: "IST", Departure: "2026-03-02T09:00", Arrival: "2026-03-02T15:00"}, "BBB111", "2026-02-01", message.PayCard},
			{message.Flight{Carrier: "PC", Number: "2680", Origin: "IST", Destination: "GZT", Departure: "2026-03-04T10:00", Arrival: "2026-03-04T11:40"}, "CCC222", "2026-03-03", message.PayCash},
		}
		for _, l := range legs {
			fid, err := tx.UpsertFlight(ctx, 0, l.flight)
			if err != nil {
				return err
			}
			b := message.Booking{RecordLocator: l.locator, Created: l.created, Office: &message.Office{AgencyID: "AG" + l.locator},
				Payments:   []message.Payment{{Method: l.pay}},
				Travellers: []message.Traveller{{Ref: "1", Surname: "ROE", GivenNames: "RICHARD"}},
				Itinerary: []message.Segment{{Carrier: l.flight.Carrier, Number: l.flight.Number, Origin: l.flight.Origin,
					Destination: l.flight.Destination, Departure: l.flight.Departure, Arrival: l.flight.Arrival}}}
			bid, _, err := tx.UpsertBooking(ctx, 0, l.flight.Carrier, b, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
			if err != nil {
				return err
			}
			ft := &store.FlightTraveller{FlightID: fid, IdentityID: id, BookingID: bid, RecordLocator: l.locator,
				Traveller: b.Travellers[0], Sources: []store.SourceRef{
					{Kind: message.KindPNR, Ref: "1", RecordLocator: l.locator}, {Kind: message.KindAPI, RecordLocator: l.locator}}}
			if err := tx.PutFlightTraveller(ctx, ft); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return identityID
}

func TestUpdateStoresJourneys(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := plantBroken(t, st)
	b := newBuilder(t)
	var js []Journey
	if err := st.WithTx(ctx, func(tx *store.Tx) error {
		js, err = b.Update(ctx, tx, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(js) != 1 || !js[0].BrokenTravel || !js[0].PaidCash || js[0].FinalGroup != "tr-syria-border" || js[0].Bookings != 2 ||
		strings.Join(js[0].Agencies, ",") != "AGBBB111,AGCCC222" {
		t.Fatalf("journeys = %+v", js)
	}
	recs, err := st.Journeys(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !recs[0].BrokenTravel || recs[0].FinalGroup != "tr-syria-border" || recs[0].StartLocal != "2026-03-02T09:00" {
		t.Fatalf("stored = %+v", recs)
	}
	var back Journey
	if err := json.Unmarshal(recs[0].Data, &back); err != nil || back.Destination != "GZT" || len(back.Segments) != 2 {
		t.Fatalf("stored data %s: %v", recs[0].Data, err)
	}
	// An identity without flights (e.g. merged away) has its journeys cleared.
	if js, err := b.Update(ctx, st, id+100); err != nil || len(js) != 0 {
		t.Fatalf("Update(unknown) = %v, %v", js, err)
	}
}

func TestHandler(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := plantBroken(t, st)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/travellers/{id}/journeys", newBuilder(t).Handler(st))
	tests := []struct {
		path     string
		code     int
		journeys int
	}{
		{"/api/v1/travellers/" + itoa(id) + "/journeys", http.StatusOK, 1},
		{"/api/v1/travellers/999/journeys", http.StatusNotFound, 0},
		{"/api/v1/travellers/abc/journeys", http.StatusBadRequest, 0},
		{"/api/v1/travellers/0/journeys", http.StatusBadRequest, 0},
	}
	for _, tc := range tests {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if rec.Code != tc.code {
			t.Errorf("%s: status %d, want %d: %s", tc.path, rec.Code, tc.code, rec.Body)
			continue
		}
		if tc.code != http.StatusOK {
			if !strings.Contains(rec.Body.String(), `"error"`) {
				t.Errorf("%s: body %s, want an error body", tc.path, rec.Body)
			}
			continue
		}
		var resp Response
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatal(err)
		}
		if resp.TravellerID != id || len(resp.Journeys) != tc.journeys || !resp.Journeys[0].BrokenTravel {
			t.Errorf("%s: %+v", tc.path, resp)
		}
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }
