package store

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// benchMessage is a synthetic PNR push: one booking of three travellers
// on one of 50 flights, with a body the size of a small PNRGOV message.
func benchMessage(i int) (body []byte, f message.Flight, b message.Booking) {
	f = message.Flight{Carrier: "UA", Number: fmt.Sprint(900 + i%50), Origin: "FRA", Destination: "IAD",
		Departure: "2031-05-01T10:15", Arrival: "2031-05-01T12:40"}
	b = booking(fmt.Sprintf("B%07d", i), fmt.Sprintf("p%d@example.org", i), f.Departure)
	b.Travellers = nil
	for j := range 3 {
		tr := traveller(fmt.Sprintf("SURNAME%d", i), fmt.Sprintf("GIVEN%d", j))
		tr.Ref = fmt.Sprint(j + 1)
		tr.Documents[0].Number = fmt.Sprintf("X%07d%d", i, j)
		b.Travellers = append(b.Travellers, tr)
	}
	body = make([]byte, 2048)
	copy(body, fmt.Sprintf("UNA:+.? 'UNB+UNOA:4+1A+PIU+310401:0800+%d'", i))
	return body, f, b
}

// putMessage writes one message the way the ingest pipeline does: raw
// bytes, flight, booking, and per traveller the candidate look-ups, the
// identity, the flight traveller, the resolution decision and the
// screening result.
func putMessage(b *testing.B, tx *Tx, i int) {
	body, f, bk := benchMessage(i)
	rawID, _, err := tx.PutRaw(ctx, RawMessage{Source: "queue:pnr", Format: message.FormatPNRGOV, Kind: string(message.KindPNR),
		Status: StatusAccepted, Body: body})
	if err != nil {
		b.Fatal(err)
	}
	flightID, err := tx.UpsertFlight(ctx, rawID, f)
	if err != nil {
		b.Fatal(err)
	}
	bookingID, _, err := tx.UpsertBooking(ctx, rawID, "UA", bk, time.Date(2031, 4, 1, 8, 0, 0, 0, time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	matches := json.RawMessage(`[]`)
	versions := map[string]int64{"un": 1, "ofac": 2}
	// Resolution looks up the candidates of all the message's records at
	// once: one query for the flight's travellers, one for identities.
	keysOf := make([][]string, len(bk.Travellers))
	var all []string
	for i, tr := range bk.Travellers {
		keysOf[i] = []string{"n:" + tr.Surname + "|" + tr.GivenNames, "dob:" + tr.BirthDate + "|" + tr.Surname,
			"doc:" + tr.Documents[0].Number}
		all = append(all, keysOf[i]...)
	}
	if _, err := tx.FlightTravellersByKeys(ctx, flightID, all); err != nil {
		b.Fatal(err)
	}
	if _, err := tx.CandidatesByKeys(ctx, all); err != nil {
		b.Fatal(err)
	}
	for i, tr := range bk.Travellers {
		keys := keysOf[i]
		identID, err := tx.SaveIdentity(ctx, Identity{Names: []PersonName{{tr.Surname, tr.GivenNames}},
			BirthDates: []string{tr.BirthDate}, Documents: []IdentityDocument{{"P", tr.Documents[0].Number, "FRA"}}}, keys)
		if err != nil {
			b.Fatal(err)
		}
		ft := &FlightTraveller{FlightID: flightID, IdentityID: identID, BookingID: bookingID, Traveller: tr, Keys: keys,
			Sources: []SourceRef{{MessageID: rawID, Kind: message.KindPNR, Ref: tr.Ref}}, Confidence: 1}
		if err := tx.PutFlightTraveller(ctx, ft); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.LinkIdentity(ctx, IdentityLink{IdentityID: identID, FlightTravellerID: ft.ID, Decision: DecisionNew,
			Confidence: 1, DecidedBy: "resolve"}); err != nil {
			b.Fatal(err)
		}
		if err := tx.PutScreening(ctx, &Screening{FlightTravellerID: ft.ID, Matches: matches, ListVersions: versions}); err != nil {
			b.Fatal(err)
		}
	}
}

const benchBatch = 500

func benchPutMessageBatch(b *testing.B, tg target) {
	s := tg.open(b)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for done := 0; done < b.N; {
		n := min(benchBatch, b.N-done)
		if err := s.WithTx(ctx, func(tx *Tx) error {
			for i := range n {
				putMessage(b, tx, done+i)
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		done += n
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
}

// BenchmarkPutMessageBatch: PNR messages of three travellers, 500 per
// transaction, on embedded SQLite.
func BenchmarkPutMessageBatch(b *testing.B) { benchPutMessageBatch(b, newSQLite(b)) }

// BenchmarkPutMessageBatchPostgres: the same on PostgreSQL (CHOKEPOINT_TEST_POSTGRES).
func BenchmarkPutMessageBatchPostgres(b *testing.B) { benchPutMessageBatch(b, newPostgres(b)) }
