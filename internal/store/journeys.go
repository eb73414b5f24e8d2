package store

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// TravelLeg is one flight an identity is on, as journeys need it: the
// flight traveller's booking and sources with its flight's route and
// scheduled local times.
type TravelLeg struct {
	FlightTravellerID int64
	FlightID          int64
	BookingID         int64 // 0 when no booking is known
	RecordLocator     string
	Carrier           string
	Number            string
	Origin            string
	Destination       string
	// DepartureLocal and ArrivalLocal are the flight's scheduled local
	// times ("2006-01-02T15:04"); DepartureLocal falls back to the
	// departure date when no time was sent, ArrivalLocal may be empty.
	DepartureLocal string
	ArrivalLocal   string
	// Sources are the message records (API, PNR) of the flight traveller.
	Sources []SourceRef
}

// IdentityLegs lists the flights of an identity's flight travellers, by
// local departure. It reads through the flight_travellers identity index,
// so its cost depends on the identity's own flights only.
func (c *conn) IdentityLegs(ctx context.Context, identityID int64) ([]TravelLeg, error) {
	const what = "identity legs"
	rows, err := c.query(ctx, `SELECT ft.id, ft.flight_id, ft.booking_id, ft.record_locator, ft.sources,
		f.carrier, f.number, f.origin, f.destination, f.departure_date, f.departure_local, f.arrival_local
		FROM flight_travellers ft JOIN flights f ON f.id = ft.flight_id
		WHERE ft.identity_id = $1 ORDER BY f.departure_date, f.departure_local, ft.id`, identityID)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []TravelLeg
	for rows.Next() {
		var (
			l       TravelLeg
			sources json.RawMessage
			date    string
		)
		if err := rows.Scan(&l.FlightTravellerID, &l.FlightID, idCol{&l.BookingID}, &l.RecordLocator, jcol(&sources),
			&l.Carrier, &l.Number, &l.Origin, &l.Destination, &date, &l.DepartureLocal, &l.ArrivalLocal); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		if l.DepartureLocal == "" {
			l.DepartureLocal = date
		}
		if len(sources) > 0 {
			if err := json.Unmarshal(sources, &l.Sources); err != nil {
				return nil, fmt.Errorf("store: %s: sources of flight traveller %d: %w", what, l.FlightTravellerID, err)
			}
		}
		out = append(out, l)
	}
	return out, rowsErr(rows, what)
}

// IdentityBookings returns the current state of every booking an
// identity's flight travellers belong to, by id.
func (c *conn) IdentityBookings(ctx context.Context, identityID int64) ([]Booking, error) {
	const what = "identity bookings"
	rows, err := c.query(ctx, `SELECT `+bookingCols+` FROM bookings WHERE id IN
		(SELECT booking_id FROM flight_travellers WHERE identity_id = $1 AND booking_id IS NOT NULL) ORDER BY id`, identityID)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []Booking
	for rows.Next() {
		var b Booking
		if err := scanBooking(rows, &b); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, b)
	}
	return out, rowsErr(rows, what)
}

// JourneyRecord is one computed journey of an identity, as stored: the
// indexed summary and the journey's JSON (internal/journey).
type JourneyRecord struct {
	IdentityID int64
	// Seq numbers the identity's journeys from 1, by start.
	Seq          int
	StartLocal   string
	EndLocal     string
	Origin       string
	Destination  string
	FinalGroup   string
	BrokenTravel bool
	Data         json.RawMessage
	Updated      time.Time
}

// PutJourneys replaces all stored journeys of an identity with js (none
// clears them). Seq is set from the order of js. Only the rows that
// change are written: an update after one new segment usually rewrites one
// journey.
func (c *conn) PutJourneys(ctx context.Context, identityID int64, js []JourneyRecord) error {
	now := c.tv(c.now())
	err := c.write(ctx, func(c *conn) error {
		stored := make(map[int]string)
		rows, err := c.query(ctx, `SELECT seq, data FROM journeys WHERE identity_id = $1`, identityID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var (
				seq  int
				data json.RawMessage
			)
			if err := rows.Scan(&seq, jcol(&data)); err != nil {
				rows.Close()
				return err
			}
			stored[seq] = string(data)
		}
		if err := rowsErr(rows, "stored journeys"); err != nil {
			rows.Close()
			return err
		}
		rows.Close()
		for i, j := range js {
			seq := i + 1
			data, err := rawv(j.Data, "{}")
			if err != nil {
				return err
			}
			old, ok := stored[seq]
			switch {
			case ok && sameJSON(old, data):
				continue
			case ok:
				_, err = c.exec(ctx, `UPDATE journeys SET start_local = $3, end_local = $4, origin = $5, destination = $6,
					final_group = $7, broken_travel = $8, data = $9, updated_at = $10 WHERE identity_id = $1 AND seq = $2`,
					identityID, seq, j.StartLocal, j.EndLocal, j.Origin, j.Destination, j.FinalGroup, j.BrokenTravel, data, now)
			default:
				_, err = c.exec(ctx, `INSERT INTO journeys (identity_id, seq, start_local, end_local, origin, destination,
					final_group, broken_travel, data, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
					identityID, seq, j.StartLocal, j.EndLocal, j.Origin, j.Destination, j.FinalGroup, j.BrokenTravel, data, now)
			}
			if err != nil {
				return err
			}
		}
		if len(stored) > len(js) {
			_, err = c.exec(ctx, `DELETE FROM journeys WHERE identity_id = $1 AND seq > $2`, identityID, len(js))
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("store: put journeys of identity %d: %w", identityID, err)
	}
	return nil
}

// sameJSON compares a stored JSON document with a new one; PostgreSQL
// jsonb normalises whitespace and key order, so documents that differ as
// text are compared decoded.
func sameJSON(stored, data string) bool {
	if stored == data {
		return true
	}
	var a, b any
	if json.Unmarshal([]byte(stored), &a) != nil || json.Unmarshal([]byte(data), &b) != nil {
		return false
	}
	return reflect.DeepEqual(a, b)
}

// Journeys returns the stored journeys of an identity, by Seq.
func (c *conn) Journeys(ctx context.Context, identityID int64) ([]JourneyRecord, error) {
	const what = "journeys"
	rows, err := c.query(ctx, `SELECT identity_id, seq, start_local, end_local, origin, destination, final_group,
		broken_travel, data, updated_at FROM journeys WHERE identity_id = $1 ORDER BY seq`, identityID)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []JourneyRecord
	for rows.Next() {
		var j JourneyRecord
		if err := rows.Scan(&j.IdentityID, &j.Seq, &j.StartLocal, &j.EndLocal, &j.Origin, &j.Destination,
			&j.FinalGroup, &j.BrokenTravel, jcol(&j.Data), tcol(&j.Updated)); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, j)
	}
	return out, rowsErr(rows, what)
}

// TravellingIdentities pages through the ids of identities that have at
// least one flight traveller, ascending: pass the last id returned as
// afterID; limit zero means 100, at most 1000.
func (c *conn) TravellingIdentities(ctx context.Context, afterID int64, limit int) ([]int64, error) {
	const what = "travelling identities"
	rows, err := c.query(ctx, `SELECT DISTINCT identity_id FROM flight_travellers
		WHERE identity_id > $1 ORDER BY identity_id LIMIT $2`, afterID, pageLimit(limit))
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, id)
	}
	return out, rowsErr(rows, what)
}
