package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

// RetentionActor is the actor the audit log records for retention runs.
const RetentionActor = "system:retention"

// RetentionReport counts what a retention run changed.
type RetentionReport struct {
	FlightTravellers int64
	Bookings         int64
	BookingVersions  int64
	Identities       int64
	RawMessages      int64
	Flights          int64
	Alerts           int64
	NetworkTrips     int64
	NetworkNodes     int64
}

// maskedExplanation replaces explanations that may quote personal data.
const maskedExplanation = `{"depersonalised":true}`

// maskTraveller removes from a traveller the categories of EU PNR
// Directive art. 12(2): names; addresses and contact information; payment
// information; frequent flyer information; and API data (birth date and
// place, gender, nationality, residence, travel documents). Role, seat,
// ports, bags, ticket numbers and check-in state stay.
func maskTraveller(t *message.Traveller) {
	t.Surname, t.GivenNames, t.Title = "", "", ""
	t.BirthDate, t.BirthPlace, t.Gender, t.Nationality, t.Residence = "", "", "", "", ""
	t.Documents = nil
	t.Address, t.Addresses, t.Contacts = nil, nil, nil
	t.FrequentFlyers = nil
	for i := range t.Tickets {
		t.Tickets[i].Payments = maskPayments(t.Tickets[i].Payments)
	}
}

// maskPayments keeps the method and amount of each payment, nothing that
// identifies the payer or the card.
func maskPayments(ps []message.Payment) []message.Payment {
	for i, p := range ps {
		ps[i] = message.Payment{Method: p.Method, Code: p.Code, Amount: p.Amount, Currency: p.Currency}
	}
	return ps
}

// maskBooking masks the booking's travellers, contacts, addresses and
// payments, and the free text of its history (which may quote names).
// Itinerary, office and bags stay.
func maskBooking(b *message.Booking) {
	for i := range b.Travellers {
		maskTraveller(&b.Travellers[i])
	}
	b.Contacts = message.Contacts{}
	b.Addresses = nil
	b.Payments = maskPayments(b.Payments)
	for i := range b.History {
		b.History[i].What = ""
	}
}

type idDoc struct {
	id   int64
	data json.RawMessage
}

func (c *conn) collect(ctx context.Context, q string, args ...any) ([]idDoc, error) {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []idDoc
	for rows.Next() {
		var d idDoc
		if err := rows.Scan(&d.id, jcol(&d.data)); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Depersonalise masks the personal data of travellers and bookings of
// flights that departed before olderThan (EU PNR Directive art. 12(2): six
// months after transfer), unless linked to an identity marked as
// retained: in flight travellers, bookings and their history (see
// maskTraveller and maskBooking), merge explanations, identities whose
// flights are all older, and the blocking keys derived from them. The
// bodies of raw messages received before olderThan and concerning no
// later flight are purged (their digest and metadata stay). The run is
// recorded in the audit log. Dates compare as local departure dates.
func (s *Store) Depersonalise(ctx context.Context, olderThan time.Time) (RetentionReport, error) {
	var rep RetentionReport
	err := s.WithTx(ctx, func(tx *Tx) error {
		c := &tx.conn
		cutoff := olderThan.Format("2006-01-02")
		now := c.tv(c.now())

		fts, err := c.collect(ctx, `SELECT ft.id, ft.data FROM flight_travellers ft
			JOIN flights f ON f.id = ft.flight_id
			LEFT JOIN identities i ON i.id = ft.identity_id
			WHERE f.departure_date < $1 AND ft.depersonalised_at IS NULL AND (i.id IS NULL OR NOT i.retained)`, cutoff)
		if err != nil {
			return fmt.Errorf("select flight travellers: %w", err)
		}
		for _, d := range fts {
			var t message.Traveller
			if err := json.Unmarshal(d.data, &t); err != nil {
				return fmt.Errorf("decode flight traveller %d: %w", d.id, err)
			}
			maskTraveller(&t)
			doc, err := jsonv(t)
			if err != nil {
				return err
			}
			if _, err := c.exec(ctx, `UPDATE flight_travellers SET surname = '', given_names = '', birth_date = '',
				data = $1, explanation = $2, depersonalised_at = $3 WHERE id = $4`, doc, maskedExplanation, now, d.id); err != nil {
				return fmt.Errorf("mask flight traveller %d: %w", d.id, err)
			}
			if _, err := c.exec(ctx, `UPDATE identity_links SET explanation = $1 WHERE flight_traveller_id = $2`,
				maskedExplanation, d.id); err != nil {
				return fmt.Errorf("mask links of flight traveller %d: %w", d.id, err)
			}
			if _, err := c.exec(ctx, `DELETE FROM flight_traveller_keys WHERE flight_traveller_id = $1`, d.id); err != nil {
				return fmt.Errorf("delete keys of flight traveller %d: %w", d.id, err)
			}
		}
		rep.FlightTravellers = int64(len(fts))

		books, err := c.collect(ctx, `SELECT b.id, b.data FROM bookings b
			WHERE b.last_departure <> '' AND b.last_departure < $1 AND b.depersonalised_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM flight_travellers ft JOIN identities i ON i.id = ft.identity_id
				WHERE ft.booking_id = b.id AND i.retained)`, cutoff)
		if err != nil {
			return fmt.Errorf("select bookings: %w", err)
		}
		for _, d := range books {
			doc, err := maskBookingDoc(d.data)
			if err != nil {
				return fmt.Errorf("booking %d: %w", d.id, err)
			}
			if _, err := c.exec(ctx, `UPDATE bookings SET data = $1, depersonalised_at = $2 WHERE id = $3`, doc, now, d.id); err != nil {
				return fmt.Errorf("mask booking %d: %w", d.id, err)
			}
			versions, err := c.collect(ctx, `SELECT id, data FROM booking_versions WHERE booking_id = $1`, d.id)
			if err != nil {
				return fmt.Errorf("select booking history: %w", err)
			}
			for _, v := range versions {
				doc, err := maskBookingDoc(v.data)
				if err != nil {
					return fmt.Errorf("booking version %d: %w", v.id, err)
				}
				if _, err := c.exec(ctx, `UPDATE booking_versions SET data = $1 WHERE id = $2`, doc, v.id); err != nil {
					return fmt.Errorf("mask booking version %d: %w", v.id, err)
				}
			}
			rep.BookingVersions += int64(len(versions))
		}
		rep.Bookings = int64(len(books))

		// Identities seen only on old flights (or merged away before the cutoff).
		stale := `SELECT i.id FROM identities i WHERE NOT i.retained AND i.depersonalised_at IS NULL AND (
			(EXISTS (SELECT 1 FROM flight_travellers ft JOIN flights f ON f.id = ft.flight_id
				WHERE ft.identity_id = i.id AND f.departure_date < $1)
			 AND NOT EXISTS (SELECT 1 FROM flight_travellers ft JOIN flights f ON f.id = ft.flight_id
				WHERE ft.identity_id = i.id AND f.departure_date >= $1))
			OR (i.merged_into IS NOT NULL AND i.updated_at < $2))`
		if _, err := c.exec(ctx, `DELETE FROM identity_keys WHERE identity_id IN (`+stale+`)`, cutoff, c.tv(olderThan)); err != nil {
			return fmt.Errorf("delete identity keys: %w", err)
		}
		res, err := c.exec(ctx, `UPDATE identities SET data = '{}', depersonalised_at = $3 WHERE id IN (`+stale+`)`,
			cutoff, c.tv(olderThan), now)
		if err != nil {
			return fmt.Errorf("mask identities: %w", err)
		}
		rep.Identities, _ = res.RowsAffected()

		res, err = c.exec(ctx, `UPDATE raw_messages SET body = NULL, purged_at = $3
			WHERE body IS NOT NULL AND received_at < $2 AND NOT EXISTS (SELECT 1 FROM message_flights mf
				JOIN flights f ON f.id = mf.flight_id WHERE mf.message_id = raw_messages.id AND f.departure_date >= $1)`,
			cutoff, c.tv(olderThan), now)
		if err != nil {
			return fmt.Errorf("purge raw messages: %w", err)
		}
		rep.RawMessages, _ = res.RowsAffected()
		if err := c.forgetNetwork(ctx, cutoff, &rep); err != nil {
			return err
		}

		_, err = c.Audit(ctx, AuditRecord{Actor: RetentionActor, Action: "retention.depersonalise", Object: "cutoff:" + cutoff,
			Purpose: "EU PNR Directive art. 12(2)", Detail: rep.String()})
		return err
	})
	if err != nil {
		return RetentionReport{}, fmt.Errorf("store: depersonalise: %w", err)
	}
	return rep, nil
}

func maskBookingDoc(raw json.RawMessage) (string, error) {
	var b message.Booking
	if err := json.Unmarshal(raw, &b); err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	maskBooking(&b)
	return jsonv(b)
}

func (r RetentionReport) String() string {
	return fmt.Sprintf("flight_travellers=%d bookings=%d booking_versions=%d identities=%d raw_messages=%d flights=%d alerts=%d network_trips=%d network_nodes=%d",
		r.FlightTravellers, r.Bookings, r.BookingVersions, r.Identities, r.RawMessages, r.Flights, r.Alerts, r.NetworkTrips, r.NetworkNodes)
}

// Delete removes the data of flights that departed before olderThan (EU
// PNR Directive art. 12(4): five years): their travellers with screenings,
// keys, links and alerts; the flights themselves; bookings whose
// itinerary ended before; raw messages received before and concerning no
// remaining flight; and identities left without travellers. Travellers of
// identities marked as retained, and their flights and bookings, stay.
// The audit log is kept whole (its chain must stay verifiable); the run is
// recorded in it.
func (s *Store) Delete(ctx context.Context, olderThan time.Time) (RetentionReport, error) {
	var rep RetentionReport
	err := s.WithTx(ctx, func(tx *Tx) error {
		c := &tx.conn
		cutoff := olderThan.Format("2006-01-02")
		before := c.tv(olderThan)
		oldFT := `SELECT ft.id FROM flight_travellers ft JOIN flights f ON f.id = ft.flight_id
			LEFT JOIN identities i ON i.id = ft.identity_id
			WHERE f.departure_date < $1 AND (i.id IS NULL OR NOT i.retained)`
		orphanIdentities := `SELECT i.id FROM identities i WHERE NOT i.retained AND i.created_at < $1
			AND NOT EXISTS (SELECT 1 FROM flight_travellers ft WHERE ft.identity_id = i.id)`
		steps := []struct {
			what  string
			q     string
			arg   any
			count *int64
		}{
			{"alerts", `DELETE FROM alerts WHERE flight_traveller_id IN (` + oldFT + `)`, cutoff, &rep.Alerts},
			{"flight travellers", `DELETE FROM flight_travellers WHERE id IN (` + oldFT + `)`, cutoff, &rep.FlightTravellers},
			{"flights", `DELETE FROM flights WHERE departure_date < $1
				AND NOT EXISTS (SELECT 1 FROM flight_travellers ft WHERE ft.flight_id = flights.id)`, cutoff, &rep.Flights},
			{"bookings", `DELETE FROM bookings WHERE last_departure < $1
				AND NOT EXISTS (SELECT 1 FROM flight_travellers ft WHERE ft.booking_id = bookings.id)`, cutoff, &rep.Bookings},
			{"raw messages", `DELETE FROM raw_messages WHERE received_at < $1
				AND NOT EXISTS (SELECT 1 FROM message_flights mf WHERE mf.message_id = raw_messages.id)`, before, &rep.RawMessages},
			{"identity alerts", `DELETE FROM alerts WHERE flight_traveller_id IS NULL AND identity_id IN (` + orphanIdentities + `)`, before, nil},
			{"identities", `DELETE FROM identities WHERE id IN (` + orphanIdentities + `)`, before, &rep.Identities},
		}
		for _, st := range steps {
			res, err := c.exec(ctx, st.q, st.arg)
			if err != nil {
				return fmt.Errorf("delete %s: %w", st.what, err)
			}
			if st.count != nil {
				*st.count, _ = res.RowsAffected()
			}
		}
		if err := c.forgetNetwork(ctx, cutoff, &rep); err != nil {
			return err
		}
		_, err := c.Audit(ctx, AuditRecord{Actor: RetentionActor, Action: "retention.delete", Object: "cutoff:" + cutoff,
			Purpose: "EU PNR Directive art. 12(4)", Detail: rep.String()})
		return err
	})
	if err != nil {
		return RetentionReport{}, fmt.Errorf("store: delete: %w", err)
	}
	return rep, nil
}

// forgetNetwork removes from the link graph what was observed before the
// cutoff: it holds phones, e-mails, cards and documents, so it is
// depersonalised (and deleted) with the trips it was observed from, except
// the links of retained identities. A running server's in-memory graph
// forgets them at its next start.
func (c *conn) forgetNetwork(ctx context.Context, cutoff string, rep *RetentionReport) error {
	steps := []struct {
		what  string
		q     string
		count *int64
	}{
		{"network trips", `DELETE FROM network_trips WHERE day < $1
			AND identity_id NOT IN (SELECT id FROM identities WHERE retained)`, &rep.NetworkTrips},
		{"network travellers", `DELETE FROM network_nodes WHERE kind = 'traveller' AND $1 <> ''
			AND NOT EXISTS (SELECT 1 FROM identities i WHERE CAST(i.id AS TEXT) = network_nodes.key)`, nil},
		{"network links", `DELETE FROM network_edges WHERE last_seen < $1 AND NOT EXISTS (
			SELECT 1 FROM network_nodes n JOIN identities i ON CAST(i.id AS TEXT) = n.key
			WHERE n.kind = 'traveller' AND i.retained AND n.id IN (network_edges.a, network_edges.b))`, nil},
		{"network identifiers", `DELETE FROM network_nodes WHERE kind <> 'traveller' AND $1 <> ''
			AND NOT EXISTS (SELECT 1 FROM network_edges e WHERE e.a = network_nodes.id OR e.b = network_nodes.id)`, &rep.NetworkNodes},
	}
	for _, st := range steps {
		res, err := c.exec(ctx, st.q, cutoff)
		if err != nil {
			return fmt.Errorf("forget %s: %w", st.what, err)
		}
		if st.count != nil {
			n, _ := res.RowsAffected()
			*st.count += n
		}
	}
	return nil
}
