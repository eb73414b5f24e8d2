package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Screening is the result of screening one flight traveller against the
// watchlists.
type Screening struct {
	ID                int64
	FlightTravellerID int64
	Screened          time.Time
	// Hits is the number of matches.
	Hits int
	// Matches is the screener's result as JSON (its []Match); "[]" for none.
	Matches json.RawMessage
	// ListVersions maps each list screened against to the watchlist
	// version id used.
	ListVersions map[string]int64
}

// PutScreening stores a screening result (every result is kept; the
// latest is the current one) and sets s.ID.
func (c *conn) PutScreening(ctx context.Context, s *Screening) error {
	if s.FlightTravellerID == 0 {
		return fmt.Errorf("store: put screening: no flight traveller: %w", ErrInvalid)
	}
	matches, err := rawv(s.Matches, "[]")
	if err != nil {
		return err
	}
	lv := s.ListVersions
	if lv == nil {
		lv = map[string]int64{}
	}
	versions, err := jsonv(lv)
	if err != nil {
		return err
	}
	if s.Screened.IsZero() {
		s.Screened = c.now()
	}
	err = c.write(ctx, func(c *conn) error {
		var err error
		s.ID, _, err = c.insertID(ctx, `INSERT INTO screenings (flight_traveller_id, screened_at, hits, matches, list_versions)
			VALUES ($1, $2, $3, $4, $5)`, s.FlightTravellerID, c.tv(s.Screened), s.Hits, matches, versions)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: put screening: %w", err)
	}
	return nil
}

func scanScreening(sc scanner, s *Screening) error {
	var versions json.RawMessage
	if err := sc.Scan(&s.ID, &s.FlightTravellerID, tcol(&s.Screened), &s.Hits, jcol(&s.Matches), jcol(&versions)); err != nil {
		return err
	}
	return json.Unmarshal(versions, &s.ListVersions)
}

const screeningCols = `id, flight_traveller_id, screened_at, hits, matches, list_versions`

// LatestScreening returns the newest screening of a flight traveller;
// ErrNotFound when it was never screened.
func (c *conn) LatestScreening(ctx context.Context, flightTravellerID int64) (Screening, error) {
	var s Screening
	err := scanScreening(c.row(ctx, `SELECT `+screeningCols+` FROM screenings WHERE flight_traveller_id = $1
		ORDER BY id DESC LIMIT 1`, flightTravellerID), &s)
	if err != nil {
		return Screening{}, notFound(err, "screening of flight traveller %d", flightTravellerID)
	}
	return s, nil
}

// Screenings returns every screening of a flight traveller, oldest first.
func (c *conn) Screenings(ctx context.Context, flightTravellerID int64) ([]Screening, error) {
	rows, err := c.query(ctx, `SELECT `+screeningCols+` FROM screenings WHERE flight_traveller_id = $1 ORDER BY id`, flightTravellerID)
	if err != nil {
		return nil, fmt.Errorf("store: screenings: %w", err)
	}
	defer rows.Close()
	var out []Screening
	for rows.Next() {
		var s Screening
		if err := scanScreening(rows, &s); err != nil {
			return nil, fmt.Errorf("store: screenings: %w", err)
		}
		out = append(out, s)
	}
	return out, rowsErr(rows, "screenings")
}
