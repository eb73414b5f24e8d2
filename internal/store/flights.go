package store

import (
	"context"
	"fmt"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// Flight is one operating flight: carrier, number, local departure date,
// origin and destination identify it.
type Flight struct {
	ID            int64
	Carrier       string
	Number        string
	DepartureDate string // local, "2006-01-02"
	Origin        string
	Destination   string
	// DepartureLocal and ArrivalLocal are scheduled local times
	// ("2006-01-02T15:04", or a date when no time was sent).
	DepartureLocal string
	ArrivalLocal   string
	Domestic       bool
	// Codeshares are the marketing designators linked to this flight.
	Codeshares []Designator
	Created    time.Time
	Updated    time.Time
}

// Designator is a carrier and flight number.
type Designator struct {
	Carrier string
	Number  string
}

// Manifest is a flight with its travellers.
type Manifest struct {
	Flight     Flight
	Travellers []FlightTraveller
}

// UpsertFlight stores the flight a message is about and returns its id.
// When f names an operating carrier (a codeshare), the operating flight is
// stored and f's own carrier and number are linked to it as a codeshare.
// Scheduled times fill in when a later message gives them. A non-zero
// messageID records that the message concerns the flight (used by
// retention).
func (c *conn) UpsertFlight(ctx context.Context, messageID int64, f message.Flight) (int64, error) {
	carrier, number := designator(f.Carrier), designator(f.Number)
	var share *Designator
	if f.OperatingCarrier != "" {
		share = &Designator{carrier, number}
		carrier = designator(f.OperatingCarrier)
		if f.OperatingNumber != "" {
			number = designator(f.OperatingNumber)
		}
	}
	date := localDate(f.Departure)
	if carrier == "" || number == "" || date == "" {
		return 0, fmt.Errorf("store: upsert flight: carrier, number and departure date are required: %w", ErrInvalid)
	}
	now := c.tv(c.now())
	var id int64
	err := c.write(ctx, func(c *conn) error {
		if id = c.flightIDs[f]; id == 0 {
			upsert := `INSERT INTO flights
			(carrier, number, departure_date, origin, destination, departure_local, arrival_local, domestic, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
			ON CONFLICT (carrier, number, departure_date, origin, destination) DO UPDATE SET
				departure_local = CASE WHEN length(excluded.departure_local) > length(flights.departure_local)
					THEN excluded.departure_local ELSE flights.departure_local END,
				arrival_local = CASE WHEN length(excluded.arrival_local) > length(flights.arrival_local)
					THEN excluded.arrival_local ELSE flights.arrival_local END,
				updated_at = excluded.updated_at`
			args := []any{carrier, number, date, designator(f.Origin), designator(f.Destination), f.Departure, f.Arrival, f.Domestic, now}
			var err error
			if c.pg() {
				err = c.queryRow(ctx, upsert+" RETURNING id", args, &id)
			} else if _, err = c.exec(ctx, upsert, args...); err == nil {
				err = c.queryRow(ctx, `SELECT id FROM flights WHERE carrier = $1 AND number = $2 AND departure_date = $3
					AND origin = $4 AND destination = $5`, args[:5], &id)
			}
			if err != nil {
				return err
			}
			if c.tx != nil {
				if c.flightIDs == nil {
					c.flightIDs = make(map[message.Flight]int64)
				}
				c.flightIDs[f] = id
			}
		}
		if share != nil && *share != (Designator{carrier, number}) {
			if _, err := c.exec(ctx, `INSERT INTO flight_codeshares (flight_id, carrier, number) VALUES ($1, $2, $3)
				ON CONFLICT DO NOTHING`, id, share.Carrier, share.Number); err != nil {
				return err
			}
		}
		if messageID != 0 {
			if _, err := c.exec(ctx, `INSERT INTO message_flights (message_id, flight_id) VALUES ($1, $2)
				ON CONFLICT DO NOTHING`, messageID, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: upsert flight %s%s %s: %w", carrier, number, date, err)
	}
	return id, nil
}

// localDate returns the "2006-01-02" part of a local time.
func localDate(s string) string {
	if len(s) < 10 {
		return ""
	}
	return s[:10]
}

const flightCols = `id, carrier, number, departure_date, origin, destination, departure_local, arrival_local, domestic, created_at, updated_at`

func scanFlight(sc scanner, f *Flight) error {
	return sc.Scan(&f.ID, &f.Carrier, &f.Number, &f.DepartureDate, &f.Origin, &f.Destination,
		&f.DepartureLocal, &f.ArrivalLocal, &f.Domestic, tcol(&f.Created), tcol(&f.Updated))
}

// Flight returns a flight with its codeshares and its travellers.
func (c *conn) Flight(ctx context.Context, id int64) (Manifest, error) {
	f, err := c.FlightByID(ctx, id)
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Flight: f}
	tr, err := c.FlightTravellers(ctx, id)
	if err != nil {
		return Manifest{}, err
	}
	m.Travellers = tr
	return m, nil
}

// FlightByID returns a flight with its codeshares, without its travellers.
func (c *conn) FlightByID(ctx context.Context, id int64) (Flight, error) {
	var f Flight
	if err := scanFlight(c.q.QueryRowContext(ctx, `SELECT `+flightCols+` FROM flights WHERE id = $1`, id), &f); err != nil {
		return Flight{}, notFound(err, "flight %d", id)
	}
	if err := c.addCodeshares(ctx, []*Flight{&f}); err != nil {
		return Flight{}, err
	}
	return f, nil
}

// Flights lists the flights departing on a local date ("2006-01-02"),
// ordered by departure time.
func (c *conn) Flights(ctx context.Context, date string) ([]Flight, error) {
	return c.flights(ctx, `SELECT `+flightCols+` FROM flights WHERE departure_date = $1
		ORDER BY departure_local, carrier, number`, date)
}

// FlightsByDesignator finds the flights a carrier and number designate on a
// local date, as operating flight or as codeshare.
func (c *conn) FlightsByDesignator(ctx context.Context, carrier, number, date string) ([]Flight, error) {
	return c.flights(ctx, `SELECT `+flightCols+` FROM flights WHERE departure_date = $3 AND (
			(carrier = $1 AND number = $2) OR
			id IN (SELECT flight_id FROM flight_codeshares WHERE carrier = $1 AND number = $2))
		ORDER BY departure_local, id`, designator(carrier), designator(number), date)
}

func (c *conn) flights(ctx context.Context, q string, args ...any) ([]Flight, error) {
	rows, err := c.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list flights: %w", err)
	}
	var out []Flight
	for rows.Next() {
		var f Flight
		if err := scanFlight(rows, &f); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: list flights: %w", err)
		}
		out = append(out, f)
	}
	rows.Close()
	if err := rowsErr(rows, "list flights"); err != nil {
		return nil, err
	}
	ptrs := make([]*Flight, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	return out, c.addCodeshares(ctx, ptrs)
}

func (c *conn) addCodeshares(ctx context.Context, fs []*Flight) error {
	if len(fs) == 0 {
		return nil
	}
	byID := make(map[int64]*Flight, len(fs))
	ids := make([]int64, 0, len(fs))
	for _, f := range fs {
		byID[f.ID] = f
		ids = append(ids, f.ID)
	}
	arg, err := c.listArg(ids)
	if err != nil {
		return err
	}
	rows, err := c.q.QueryContext(ctx, `SELECT flight_id, carrier, number FROM flight_codeshares
		WHERE flight_id IN (`+c.listSQL(1, "bigint")+`) ORDER BY flight_id, carrier, number`, arg)
	if err != nil {
		return fmt.Errorf("store: codeshares: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var d Designator
		if err := rows.Scan(&id, &d.Carrier, &d.Number); err != nil {
			return fmt.Errorf("store: codeshares: %w", err)
		}
		if f := byID[id]; f != nil {
			f.Codeshares = append(f.Codeshares, d)
		}
	}
	return rowsErr(rows, "codeshares")
}
