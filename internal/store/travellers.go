package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// FlightTraveller is one person on one flight: the API and PNR records of
// that person merged by resolution.
type FlightTraveller struct {
	ID         int64
	FlightID   int64
	IdentityID int64 // 0 until resolved
	BookingID  int64 // 0 when no booking is known
	// RecordLocator is the booking reference (from the PNR, or RFF+AVF).
	RecordLocator string
	Seat          string
	// Traveller holds the merged attributes.
	Traveller message.Traveller
	// Sources are the message records merged into this traveller.
	Sources []SourceRef
	// Keys are blocking keys of this traveller on its flight, which
	// FlightTravellersByKeys looks up: PutFlightTraveller adds them, and
	// FlightTravellersByKeys returns the keys each traveller matched
	// (other reads leave Keys empty).
	Keys []string
	// Confidence and Explanation are those of the merge of the sources.
	Confidence  float64
	Explanation json.RawMessage
	// Depersonalised is when retention masked the personal data.
	Depersonalised time.Time
	Created        time.Time
	Updated        time.Time
}

// SourceRef is one message record merged into a flight traveller.
type SourceRef struct {
	MessageID int64        `json:"message_id"`
	Kind      message.Kind `json:"kind"`
	// Ref is the traveller's reference inside the message.
	Ref           string `json:"ref,omitempty"`
	RecordLocator string `json:"record_locator,omitempty"`
}

// PutFlightTraveller inserts ft when ft.ID is zero (setting ft.ID), and
// otherwise replaces the stored traveller with ft (a merge of a new record
// into it). ft.Keys are added to the traveller's blocking keys.
func (c *conn) PutFlightTraveller(ctx context.Context, ft *FlightTraveller) error {
	if ft.FlightID == 0 {
		return fmt.Errorf("store: put flight traveller: no flight: %w", ErrInvalid)
	}
	data, err := jsonv(ft.Traveller)
	if err != nil {
		return err
	}
	sources, err := jsonv(nonNil(ft.Sources))
	if err != nil {
		return err
	}
	expl, err := rawv(ft.Explanation, "{}")
	if err != nil {
		return err
	}
	seat := ft.Seat
	if seat == "" {
		seat = ft.Traveller.Seat
	}
	if seat == "" && len(ft.Traveller.Seats) > 0 {
		seat = ft.Traveller.Seats[0].Seat
	}
	locator := ft.RecordLocator
	if locator == "" {
		locator = ft.Traveller.RecordLocator
	}
	now := c.now()
	t := ft.Traveller
	err = c.write(ctx, func(c *conn) error {
		if ft.ID == 0 {
			id, _, err := c.insertID(ctx, `INSERT INTO flight_travellers
				(flight_id, identity_id, booking_id, record_locator, role, surname, given_names, birth_date, seat,
				 data, sources, confidence, explanation, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
				ft.FlightID, nullID(ft.IdentityID), nullID(ft.BookingID), locator, t.Role, t.Surname, t.GivenNames,
				t.BirthDate, seat, data, sources, ft.Confidence, expl, c.tv(now))
			if err != nil {
				return err
			}
			ft.ID = id
			ft.Created = now
		} else {
			res, err := c.exec(ctx, `UPDATE flight_travellers SET flight_id = $1, identity_id = $2, booking_id = $3,
				record_locator = $4, role = $5, surname = $6, given_names = $7, birth_date = $8, seat = $9,
				data = $10, sources = $11, confidence = $12, explanation = $13, updated_at = $14 WHERE id = $15`,
				ft.FlightID, nullID(ft.IdentityID), nullID(ft.BookingID), locator, t.Role, t.Surname, t.GivenNames,
				t.BirthDate, seat, data, sources, ft.Confidence, expl, c.tv(now), ft.ID)
			if err := affected(res, err, fmt.Sprintf("update flight traveller %d", ft.ID)); err != nil {
				return err
			}
		}
		ft.Updated = now
		if len(ft.Keys) == 0 {
			return nil
		}
		keys, err := c.listArg(dedup(ft.Keys))
		if err != nil {
			return err
		}
		_, err = c.exec(ctx, `INSERT INTO flight_traveller_keys (flight_id, key, flight_traveller_id)
			SELECT $1, k.value, $3 FROM (`+c.listSQL(2, "text")+`) AS k WHERE true ON CONFLICT DO NOTHING`,
			ft.FlightID, keys, ft.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: put flight traveller: %w", err)
	}
	return nil
}

const ftCols = `ft.id, ft.flight_id, ft.identity_id, ft.booking_id, ft.record_locator, ft.seat, ft.data, ft.sources,
	ft.confidence, ft.explanation, ft.depersonalised_at, ft.created_at, ft.updated_at`

func scanFT(sc scanner, ft *FlightTraveller, extra ...any) error {
	var data, sources json.RawMessage
	dest := append([]any{&ft.ID, &ft.FlightID, idCol{&ft.IdentityID}, idCol{&ft.BookingID}, &ft.RecordLocator, &ft.Seat,
		jcol(&data), jcol(&sources), &ft.Confidence, jcol(&ft.Explanation), tcol(&ft.Depersonalised),
		tcol(&ft.Created), tcol(&ft.Updated)}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	if err := json.Unmarshal(data, &ft.Traveller); err != nil {
		return fmt.Errorf("decode flight traveller %d: %w", ft.ID, err)
	}
	if err := json.Unmarshal(sources, &ft.Sources); err != nil {
		return fmt.Errorf("decode sources of flight traveller %d: %w", ft.ID, err)
	}
	return nil
}

func (c *conn) flightTravellers(ctx context.Context, what, q string, args ...any) ([]FlightTraveller, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []FlightTraveller
	for rows.Next() {
		var ft FlightTraveller
		if err := scanFT(rows, &ft); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, ft)
	}
	return out, rowsErr(rows, what)
}

// FlightTraveller returns one flight traveller.
func (c *conn) FlightTraveller(ctx context.Context, id int64) (FlightTraveller, error) {
	var ft FlightTraveller
	if err := scanFT(c.row(ctx, `SELECT `+ftCols+` FROM flight_travellers ft WHERE ft.id = $1`, id), &ft); err != nil {
		return FlightTraveller{}, notFound(err, "flight traveller %d", id)
	}
	return ft, nil
}

// FlightTravellers lists a flight's travellers (its manifest) in the order
// they were stored.
func (c *conn) FlightTravellers(ctx context.Context, flightID int64) ([]FlightTraveller, error) {
	return c.flightTravellers(ctx, "flight travellers",
		`SELECT `+ftCols+` FROM flight_travellers ft WHERE ft.flight_id = $1 ORDER BY ft.id`, flightID)
}

// FlightTravellersByKeys returns the travellers of a flight that share at
// least one blocking key with keys: the candidates a new API or PNR record
// may merge with.
func (c *conn) FlightTravellersByKeys(ctx context.Context, flightID int64, keys []string) ([]FlightTraveller, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	arg, err := c.listArg(keys)
	if err != nil {
		return nil, err
	}
	const what = "flight travellers by keys"
	rows, err := c.query(ctx, `SELECT `+ftCols+`, k.key FROM flight_traveller_keys k
		JOIN flight_travellers ft ON ft.id = k.flight_traveller_id
		WHERE k.flight_id = $1 AND k.key IN (`+c.listSQL(2, "text")+`) ORDER BY ft.id, k.key`, flightID, arg)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []FlightTraveller
	for rows.Next() {
		var (
			ft  FlightTraveller
			key string
		)
		if err := scanFT(rows, &ft, &key); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		if n := len(out); n > 0 && out[n-1].ID == ft.ID {
			out[n-1].Keys = append(out[n-1].Keys, key)
			continue
		}
		ft.Keys = []string{key}
		out = append(out, ft)
	}
	return out, rowsErr(rows, what)
}

// IdentityTravellers lists every flight traveller linked to an identity.
func (c *conn) IdentityTravellers(ctx context.Context, identityID int64) ([]FlightTraveller, error) {
	return c.flightTravellers(ctx, "identity travellers",
		`SELECT `+ftCols+` FROM flight_travellers ft WHERE ft.identity_id = $1 ORDER BY ft.id`, identityID)
}

// UpcomingTravellers lists, for re-screening, the travellers of flights
// whose scheduled local departure is at or after from (compared as local
// wall-clock text "2006-01-02T15:04" in from's location; pass a time some
// hours earlier to cover time zones). Pages go by id: pass the last ID
// returned as afterID; limit zero means 100, at most 1000.
func (c *conn) UpcomingTravellers(ctx context.Context, from time.Time, afterID int64, limit int) ([]FlightTraveller, error) {
	return c.flightTravellers(ctx, "upcoming travellers", `SELECT `+ftCols+` FROM flight_travellers ft
		JOIN flights f ON f.id = ft.flight_id
		WHERE f.departure_date >= $1 AND f.departure_local >= $2 AND ft.id > $3 AND ft.depersonalised_at IS NULL
		ORDER BY ft.id LIMIT $4`,
		from.Format("2006-01-02"), from.Format("2006-01-02T15:04"), afterID, pageLimit(limit))
}

func dedup(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
