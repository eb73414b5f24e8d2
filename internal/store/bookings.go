package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// Booking is the current state of a passenger name record.
type Booking struct {
	ID int64
	// System is the carrier or reservation system the record locator
	// belongs to; with RecordLocator it identifies the booking.
	System        string
	RecordLocator string
	// CreatedDate is the booking's own creation date; Office the agency or
	// office id that made it.
	CreatedDate string
	Office      string
	// FirstDeparture and LastDeparture are the local dates of the
	// itinerary's first and last legs; retention counts from the last.
	FirstDeparture string
	LastDeparture  string
	Cancelled      bool
	// VersionAt is the time of the push the current state comes from, and
	// MessageID the raw message that carried it.
	VersionAt time.Time
	MessageID int64
	// Data is the booking as parsed (contacts, payments as card hash and
	// last four digits only, itinerary...).
	Data           message.Booking
	Depersonalised time.Time
	Created        time.Time
	Updated        time.Time
}

// BookingVersion is one push of a booking, kept as history.
type BookingVersion struct {
	ID        int64
	BookingID int64
	MessageID int64
	VersionAt time.Time
	Stored    time.Time
	Data      message.Booking
}

// UpsertBooking stores one push of a booking. Every push is kept in the
// booking's history; the booking's current state is replaced only by a
// push at least as recent (versionAt: the push's preparation time) as the
// one it holds, so a late-arriving older push does not overwrite a newer
// one. current reports whether this push is now the current state.
func (c *conn) UpsertBooking(ctx context.Context, messageID int64, system string, b message.Booking, versionAt time.Time) (id int64, current bool, err error) {
	system, locator := designator(system), designator(b.RecordLocator)
	if locator == "" {
		return 0, false, fmt.Errorf("store: upsert booking: empty record locator: %w", ErrInvalid)
	}
	if versionAt.IsZero() {
		versionAt = c.now()
	}
	data, err := jsonv(b)
	if err != nil {
		return 0, false, err
	}
	first, last := itineraryDates(b.Itinerary)
	office := ""
	if b.Office != nil {
		office = b.Office.AgencyID
		if office == "" {
			office = b.Office.AgentID
		}
	}
	now := c.tv(c.now())
	err = c.write(ctx, func(c *conn) error {
		res, err := c.exec(ctx, `INSERT INTO bookings
			(system, record_locator, created_date, office, first_departure, last_departure, cancelled,
			 version_at, message_id, data, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
			ON CONFLICT (system, record_locator) DO UPDATE SET
				created_date = excluded.created_date, office = excluded.office,
				first_departure = excluded.first_departure, last_departure = excluded.last_departure,
				cancelled = excluded.cancelled, version_at = excluded.version_at,
				message_id = excluded.message_id, data = excluded.data, updated_at = excluded.updated_at
			WHERE bookings.version_at <= excluded.version_at`,
			system, locator, b.Created, office, first, last, b.Cancelled, c.tv(versionAt), nullID(messageID), data, now)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected() // 0: an older push, kept as history only
		if err != nil {
			return err
		}
		current = n > 0
		if err := c.queryRow(ctx, `SELECT id FROM bookings WHERE system = $1 AND record_locator = $2`,
			[]any{system, locator}, &id); err != nil {
			return err
		}
		_, err = c.exec(ctx, `INSERT INTO booking_versions (booking_id, message_id, version_at, stored_at, data)
			VALUES ($1, $2, $3, $4, $5)`, id, nullID(messageID), c.tv(versionAt), now, data)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: upsert booking: %w", err)
	}
	return id, current, nil
}

func itineraryDates(segs []message.Segment) (first, last string) {
	for _, s := range segs {
		d := localDate(s.Departure)
		if d == "" {
			continue
		}
		if first == "" || d < first {
			first = d
		}
		if d > last {
			last = d
		}
	}
	return first, last
}

const bookingCols = `id, system, record_locator, created_date, office, first_departure, last_departure, cancelled,
	version_at, message_id, data, depersonalised_at, created_at, updated_at`

func scanBooking(sc scanner, b *Booking) error {
	var data json.RawMessage
	if err := sc.Scan(&b.ID, &b.System, &b.RecordLocator, &b.CreatedDate, &b.Office, &b.FirstDeparture,
		&b.LastDeparture, &b.Cancelled, tcol(&b.VersionAt), idCol{&b.MessageID}, jcol(&data),
		tcol(&b.Depersonalised), tcol(&b.Created), tcol(&b.Updated)); err != nil {
		return err
	}
	return json.Unmarshal(data, &b.Data)
}

// Booking returns the current state of a booking by system and record locator.
func (c *conn) Booking(ctx context.Context, system, recordLocator string) (Booking, error) {
	var b Booking
	err := scanBooking(c.q.QueryRowContext(ctx, `SELECT `+bookingCols+` FROM bookings WHERE system = $1 AND record_locator = $2`,
		designator(system), designator(recordLocator)), &b)
	if err != nil {
		return Booking{}, notFound(err, "booking")
	}
	return b, nil
}

// BookingByID returns the current state of a booking.
func (c *conn) BookingByID(ctx context.Context, id int64) (Booking, error) {
	var b Booking
	if err := scanBooking(c.q.QueryRowContext(ctx, `SELECT `+bookingCols+` FROM bookings WHERE id = $1`, id), &b); err != nil {
		return Booking{}, notFound(err, "booking %d", id)
	}
	return b, nil
}

// BookingHistory returns every push of a booking, oldest stored first.
func (c *conn) BookingHistory(ctx context.Context, bookingID int64) ([]BookingVersion, error) {
	rows, err := c.q.QueryContext(ctx, `SELECT id, booking_id, message_id, version_at, stored_at, data
		FROM booking_versions WHERE booking_id = $1 ORDER BY id`, bookingID)
	if err != nil {
		return nil, fmt.Errorf("store: booking history: %w", err)
	}
	defer rows.Close()
	var out []BookingVersion
	for rows.Next() {
		var v BookingVersion
		var data json.RawMessage
		if err := rows.Scan(&v.ID, &v.BookingID, idCol{&v.MessageID}, tcol(&v.VersionAt), tcol(&v.Stored), jcol(&data)); err != nil {
			return nil, fmt.Errorf("store: booking history: %w", err)
		}
		if err := json.Unmarshal(data, &v.Data); err != nil {
			return nil, fmt.Errorf("store: booking history: decode: %w", err)
		}
		out = append(out, v)
	}
	return out, rowsErr(rows, "booking history")
}
