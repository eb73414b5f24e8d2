package store

import (
	"context"
	"fmt"
)

// NetworkNode is a node of the link graph of package network: a traveller
// identity (Kind "traveller", Key the identity id) or a normalised
// identifier (a phone in E.164, a folded e-mail, a card's keyed hash...).
// FirstSeen and LastSeen are local dates ("2006-01-02").
type NetworkNode struct {
	ID        int64
	Kind      string
	Key       string
	FirstSeen string
	LastSeen  string
}

// NetworkEdge is an edge of the link graph between nodes A and B: from a
// traveller to an identifier (A the traveller), or between two travellers
// (A < B). Count is how many trips showed it, or for repeated co-travel
// the number of flights shared.
type NetworkEdge struct {
	ID        int64
	A, B      int64
	Kind      string
	Count     int64
	FirstSeen string
	LastSeen  string
}

// NetworkTrip is one identity on one flight (FlightID zero for a booking
// seen without flight), as observed by the network.
type NetworkTrip struct {
	IdentityID    int64
	FlightID      int64
	BookingID     int64
	RecordLocator string
	Seat          string
	Day           string // local departure date "2006-01-02"
}

// NetworkSource is a resolved flight traveller with its flight's local
// departure date: what the network is rebuilt from.
type NetworkSource struct {
	FlightTraveller
	Day string
}

// UpsertNetworkNode adds the node (kind, key) or widens its first and last
// seen dates with seen (empty leaves them), and returns it.
func (c *conn) UpsertNetworkNode(ctx context.Context, kind, key, seen string) (NetworkNode, error) {
	if kind == "" || key == "" {
		return NetworkNode{}, fmt.Errorf("store: network node without kind or key: %w", ErrInvalid)
	}
	n := NetworkNode{Kind: kind, Key: key}
	err := c.write(ctx, func(c *conn) error {
		return c.queryRow(ctx, `INSERT INTO network_nodes (kind, key, first_seen, last_seen) VALUES ($1, $2, $3, $3)
		ON CONFLICT (kind, key) DO UPDATE SET
		  first_seen = CASE WHEN excluded.first_seen <> '' AND (network_nodes.first_seen = '' OR excluded.first_seen < network_nodes.first_seen)
		                    THEN excluded.first_seen ELSE network_nodes.first_seen END,
		  last_seen  = CASE WHEN excluded.last_seen > network_nodes.last_seen THEN excluded.last_seen ELSE network_nodes.last_seen END
		RETURNING id, first_seen, last_seen`, []any{kind, key, seen}, &n.ID, &n.FirstSeen, &n.LastSeen)
	})
	if err != nil {
		return n, fmt.Errorf("store: upsert network node %s: %w", kind, err)
	}
	return n, nil
}

// UpsertNetworkEdge adds the edge (e.A, e.B, e.Kind) with count e.Count
// (at least 1), or updates it: with absolute its count becomes e.Count,
// otherwise e.Count is added (zero only widens the dates). The first and
// last seen dates widen with e.FirstSeen and e.LastSeen. It returns the
// stored edge.
func (c *conn) UpsertNetworkEdge(ctx context.Context, e NetworkEdge, absolute bool) (NetworkEdge, error) {
	if e.A == 0 || e.B == 0 || e.Kind == "" {
		return e, fmt.Errorf("store: network edge without ends or kind: %w", ErrInvalid)
	}
	count := "network_edges.count + CAST($4 AS BIGINT)"
	if absolute {
		count = "CAST($4 AS BIGINT)"
	}
	if e.LastSeen < e.FirstSeen {
		e.LastSeen = e.FirstSeen
	}
	out := NetworkEdge{A: e.A, B: e.B, Kind: e.Kind}
	err := c.write(ctx, func(c *conn) error {
		return c.queryRow(ctx, `INSERT INTO network_edges (a, b, kind, count, first_seen, last_seen)
		VALUES ($1, $2, $3, CASE WHEN CAST($4 AS BIGINT) < 1 THEN 1 ELSE CAST($4 AS BIGINT) END, $5, $6)
		ON CONFLICT (a, b, kind) DO UPDATE SET
		  count = `+count+`,
		  first_seen = CASE WHEN excluded.first_seen <> '' AND (network_edges.first_seen = '' OR excluded.first_seen < network_edges.first_seen)
		                    THEN excluded.first_seen ELSE network_edges.first_seen END,
		  last_seen  = CASE WHEN excluded.last_seen > network_edges.last_seen THEN excluded.last_seen ELSE network_edges.last_seen END
		RETURNING id, count, first_seen, last_seen`,
			[]any{e.A, e.B, e.Kind, e.Count, e.FirstSeen, e.LastSeen}, &out.ID, &out.Count, &out.FirstSeen, &out.LastSeen)
	})
	if err != nil {
		return out, fmt.Errorf("store: upsert network edge %s: %w", e.Kind, err)
	}
	return out, nil
}

// PutNetworkTrip records an identity's trip; fresh is false when the
// same identity, flight and booking were already recorded (a later push
// of the same booking), in which case a non-empty seat, locator or day
// replaces the stored one.
func (c *conn) PutNetworkTrip(ctx context.Context, t NetworkTrip) (fresh bool, err error) {
	if t.IdentityID == 0 || (t.FlightID == 0 && t.BookingID == 0) {
		return false, fmt.Errorf("store: network trip without identity, or without flight and booking: %w", ErrInvalid)
	}
	err = c.write(ctx, func(c *conn) error {
		res, err := c.exec(ctx, `INSERT INTO network_trips (identity_id, flight_id, booking_id, record_locator, seat, day)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (identity_id, flight_id, booking_id) DO NOTHING`,
			t.IdentityID, t.FlightID, t.BookingID, t.RecordLocator, t.Seat, t.Day)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n > 0 {
			fresh = n > 0
			return err
		}
		_, err = c.exec(ctx, `UPDATE network_trips SET
			  record_locator = CASE WHEN $4 <> '' THEN $4 ELSE record_locator END,
			  seat = CASE WHEN $5 <> '' THEN $5 ELSE seat END,
			  day  = CASE WHEN $6 <> '' THEN $6 ELSE day END
			WHERE identity_id = $1 AND flight_id = $2 AND booking_id = $3`,
			t.IdentityID, t.FlightID, t.BookingID, t.RecordLocator, t.Seat, t.Day)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: put network trip: %w", err)
	}
	return fresh, nil
}

// NetworkTripsOn returns the trips on a flight, or, with flightID zero,
// the trips of a booking seen without flight.
func (c *conn) NetworkTripsOn(ctx context.Context, flightID, bookingID int64) ([]NetworkTrip, error) {
	q := `SELECT identity_id, flight_id, booking_id, record_locator, seat, day FROM network_trips WHERE flight_id = $1`
	args := []any{flightID}
	if flightID == 0 {
		q += ` AND booking_id = $2`
		args = append(args, bookingID)
	}
	rows, err := c.query(ctx, q+` ORDER BY identity_id, booking_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: network trips: %w", err)
	}
	defer rows.Close()
	var out []NetworkTrip
	for rows.Next() {
		var t NetworkTrip
		if err := rows.Scan(&t.IdentityID, &t.FlightID, &t.BookingID, &t.RecordLocator, &t.Seat, &t.Day); err != nil {
			return nil, fmt.Errorf("store: network trips: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: network trips: %w", err)
	}
	return out, nil
}

// NetworkSharedFlights returns, for the identities on flight flightID
// other than identityID, the number of flights each shared with it on
// separate bookings (different booking ids, or either unknown), when that
// number is at least min.
func (c *conn) NetworkSharedFlights(ctx context.Context, identityID, flightID int64, min int) (map[int64]int64, error) {
	rows, err := c.query(ctx, `SELECT t2.identity_id, COUNT(DISTINCT t2.flight_id)
		FROM network_trips t1
		JOIN network_trips t2 ON t2.flight_id = t1.flight_id
		WHERE t1.identity_id = $1 AND t1.flight_id <> 0 AND t2.identity_id <> $1
		  AND (t1.booking_id = 0 OR t2.booking_id = 0 OR t1.booking_id <> t2.booking_id)
		  AND t2.identity_id IN (SELECT t3.identity_id FROM network_trips t3 WHERE t3.flight_id = $2)
		GROUP BY t2.identity_id
		HAVING COUNT(DISTINCT t2.flight_id) >= $3`, identityID, flightID, min)
	if err != nil {
		return nil, fmt.Errorf("store: network shared flights: %w", err)
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("store: network shared flights: %w", err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: network shared flights: %w", err)
	}
	return out, nil
}

// NetworkNodes returns up to limit nodes with ids above afterID, by id
// (zero limit means 10000).
func (c *conn) NetworkNodes(ctx context.Context, afterID int64, limit int) ([]NetworkNode, error) {
	if limit <= 0 {
		limit = 10000
	}
	rows, err := c.query(ctx, `SELECT id, kind, key, first_seen, last_seen FROM network_nodes
		WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: network nodes: %w", err)
	}
	defer rows.Close()
	out := make([]NetworkNode, 0, 64)
	for rows.Next() {
		var n NetworkNode
		if err := rows.Scan(&n.ID, &n.Kind, &n.Key, &n.FirstSeen, &n.LastSeen); err != nil {
			return nil, fmt.Errorf("store: network nodes: %w", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: network nodes: %w", err)
	}
	return out, nil
}

// NetworkEdges returns up to limit edges with ids above afterID, by id
// (zero limit means 10000).
func (c *conn) NetworkEdges(ctx context.Context, afterID int64, limit int) ([]NetworkEdge, error) {
	if limit <= 0 {
		limit = 10000
	}
	rows, err := c.query(ctx, `SELECT id, a, b, kind, count, first_seen, last_seen FROM network_edges
		WHERE id > $1 ORDER BY id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: network edges: %w", err)
	}
	defer rows.Close()
	out := make([]NetworkEdge, 0, 64)
	for rows.Next() {
		var e NetworkEdge
		if err := rows.Scan(&e.ID, &e.A, &e.B, &e.Kind, &e.Count, &e.FirstSeen, &e.LastSeen); err != nil {
			return nil, fmt.Errorf("store: network edges: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: network edges: %w", err)
	}
	return out, nil
}

// NetworkSources returns up to limit resolved flight travellers with ids
// above afterID, by id, each with its flight's departure date (zero limit
// means 1000): what the network is rebuilt from.
func (c *conn) NetworkSources(ctx context.Context, afterID int64, limit int) ([]NetworkSource, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := c.query(ctx, `SELECT `+ftCols+`, f.departure_date FROM flight_travellers ft
		JOIN flights f ON f.id = ft.flight_id
		WHERE ft.id > $1 AND ft.identity_id IS NOT NULL ORDER BY ft.id LIMIT $2`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: network sources: %w", err)
	}
	defer rows.Close()
	var out []NetworkSource
	for rows.Next() {
		var s NetworkSource
		if err := scanFT(rows, &s.FlightTraveller, &s.Day); err != nil {
			return nil, fmt.Errorf("store: network sources: %w", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: network sources: %w", err)
	}
	return out, nil
}
