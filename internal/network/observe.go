package network

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// Writer is what Observe needs of a store write transaction; *store.Tx
// (and *store.Store) satisfy it.
type Writer interface {
	UpsertNetworkNode(ctx context.Context, kind, key, seen string) (store.NetworkNode, error)
	UpsertNetworkEdge(ctx context.Context, e store.NetworkEdge, absolute bool) (store.NetworkEdge, error)
	PutNetworkTrip(ctx context.Context, t store.NetworkTrip) (fresh bool, err error)
	NetworkTripsOn(ctx context.Context, flightID, bookingID int64) ([]store.NetworkTrip, error)
	NetworkSharedFlights(ctx context.Context, identityID, flightID int64, min int) (map[int64]int64, error)
}

// Observation is what one committed flight traveller says: who (the
// resolved identity), on which flight and seat, on which booking, with
// what contacts, payments and documents.
type Observation struct {
	IdentityID int64
	// FlightID is the flight, 0 when the traveller is known only from a
	// booking; Date its local departure date ("2006-01-02"), or the
	// booking's date. Dates are the network's first and last seen.
	FlightID int64
	Date     string
	Seat     string
	// Traveller is the flight traveller's merged record (documents,
	// frequent-flyer numbers, own contacts and addresses, seats).
	Traveller     message.Traveller
	BookingID     int64
	RecordLocator string
	// Booking is the booking as committed (contacts, addresses, payments,
	// office); nil when none is known.
	Booking *message.Booking
	// CountryHint places national phone numbers; when empty, the booking
	// office's country, then the traveller's residence, nationality and
	// document country are used.
	CountryHint string
}

// Identifier is an identifier node: its kind and normalised key.
type Identifier struct {
	Kind NodeKind
	Key  string
}

// Identifiers returns the identifier nodes an observation links its
// traveller to, normalised (see NormalisePhone, NormaliseEmail,
// NormaliseAddress), each once.
func Identifiers(obs Observation) []Identifier {
	var out []Identifier
	seen := map[Identifier]bool{}
	add := func(k NodeKind, key string) {
		if key == "" {
			return
		}
		id := Identifier{k, key}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	t, b := &obs.Traveller, obs.Booking
	hint := obs.CountryHint
	if hint == "" && b != nil && b.Office != nil {
		hint = b.Office.Country
	}
	for _, h := range []string{t.Residence, t.Nationality} {
		if hint == "" {
			hint = h
		}
	}
	if hint == "" && len(t.Documents) > 0 {
		hint = t.Documents[0].IssuingCountry
	}
	contacts := func(c *message.Contacts) {
		if c == nil {
			return
		}
		for _, p := range c.Phones {
			e, ok := NormalisePhone(p, hint)
			if !ok && e != "" {
				e = "?" + e
			}
			add(NodePhone, e)
		}
		for _, m := range c.Emails {
			if e, ok := NormaliseEmail(m); ok {
				add(NodeEmail, e)
			}
		}
	}
	address := func(a *message.Address) {
		if a == nil {
			return
		}
		if s, ok := NormaliseAddress(a.Street, a.PostalCode, a.City, a.Country); ok {
			add(NodeAddress, s)
		}
	}
	payments := func(ps []message.Payment) {
		for i := range ps {
			if ps[i].CardHash != "" {
				add(NodeCard, ps[i].CardLast4+":"+ps[i].CardHash)
			}
			address(ps[i].Billing)
		}
	}
	contacts(t.Contacts)
	for i := range t.Addresses {
		address(&t.Addresses[i])
	}
	address(t.Address)
	for _, tk := range t.Tickets {
		payments(tk.Payments)
	}
	for _, ff := range t.FrequentFlyers {
		if n := alnum(ff.Number); n != "" {
			add(NodeFrequentFlyer, strings.ToUpper(strings.TrimSpace(ff.Carrier))+" "+n)
		}
	}
	for _, d := range t.Documents {
		if n := alnum(d.Number); n != "" {
			add(NodeDocument, docCountry(d.IssuingCountry)+" "+n)
		}
	}
	locator := obs.RecordLocator
	if b != nil {
		contacts(&b.Contacts)
		for i := range b.Addresses {
			address(&b.Addresses[i])
		}
		payments(b.Payments)
		if b.Office != nil {
			add(NodeOffice, officeKey(b.Office))
		}
		if locator == "" {
			locator = b.RecordLocator
		}
	}
	if locator == "" {
		locator = t.RecordLocator
	}
	add(NodeBooking, alnum(locator))
	return out
}

func docCountry(c string) string {
	if a3, ok := countryAlpha3(c); ok {
		return a3
	}
	if c == "" {
		return "?"
	}
	return strings.ToUpper(c)
}

// officeKey names a booking channel: its IATA agency number when it has
// one, else the system and office (pseudo city code or agent sign) and city.
func officeKey(o *message.Office) string {
	if a := alnum(o.AgencyID); a != "" {
		return "IATA " + a
	}
	parts := []string{o.System, o.Carrier, o.AgentID, o.Location, o.City}
	var kept []string
	for _, p := range parts {
		if p = strings.ToUpper(strings.TrimSpace(p)); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "/")
}

// alnum keeps the letters and digits of s, upper-cased.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func travellerKey(identityID int64) string { return strconv.FormatInt(identityID, 10) }

// Observe records what a committed flight traveller says into the store
// through w (call it inside the ingest transaction, after the flight
// traveller and its booking are stored), and returns the delta to Apply to
// the in-memory graph once the transaction commits. It is idempotent for
// a repeated push: counts only grow for a new trip (a new identity,
// flight and booking).
func Observe(ctx context.Context, w Writer, obs Observation) (Delta, error) {
	var d Delta
	if obs.IdentityID == 0 {
		return d, fmt.Errorf("network: observe: no identity")
	}
	locator := obs.RecordLocator
	if locator == "" && obs.Booking != nil {
		locator = obs.Booking.RecordLocator
	}
	if locator == "" {
		locator = obs.Traveller.RecordLocator
	}
	locator = alnum(locator)
	seat := normSeat(obs.Seat)
	if seat == "" {
		seat = normSeat(obs.Traveller.Seat)
	}
	if (obs.FlightID == 0 && obs.BookingID == 0) || isCrew(obs.Traveller.Role) {
		// Nothing to place a trip on, or crew (who fly together for work):
		// identifiers only.
		return observeIdentifiers(ctx, w, obs, true, &d)
	}
	others, err := w.NetworkTripsOn(ctx, obs.FlightID, obs.BookingID)
	if err != nil {
		return d, fmt.Errorf("network: observe: %w", err)
	}
	oldSeat := ""
	for _, t := range others {
		if t.IdentityID == obs.IdentityID && t.BookingID == obs.BookingID {
			oldSeat = t.Seat
		}
	}
	fresh, err := w.PutNetworkTrip(ctx, store.NetworkTrip{IdentityID: obs.IdentityID, FlightID: obs.FlightID,
		BookingID: obs.BookingID, RecordLocator: locator, Seat: seat, Day: obs.Date})
	if err != nil {
		return d, fmt.Errorf("network: observe: %w", err)
	}
	if _, err := observeIdentifiers(ctx, w, obs, fresh, &d); err != nil {
		return d, err
	}
	me := travellerKey(obs.IdentityID)
	seatNew := seat != "" && (fresh || oldSeat != seat)
	done := map[int64]bool{obs.IdentityID: true}
	for _, t := range others {
		if done[t.IdentityID] {
			continue
		}
		sameBooking := (obs.BookingID != 0 && t.BookingID == obs.BookingID) || (locator != "" && t.RecordLocator == locator)
		if sameBooking && fresh {
			if err := coTravel(ctx, w, obs, me, t.IdentityID, EdgeSameBooking, 1, false, &d); err != nil {
				return d, err
			}
		}
		if obs.FlightID != 0 && seatNew && adjacentSeats(seat, t.Seat) {
			if err := coTravel(ctx, w, obs, me, t.IdentityID, EdgeAdjacentSeat, 1, false, &d); err != nil {
				return d, err
			}
		}
		done[t.IdentityID] = true
	}
	if fresh && obs.FlightID != 0 {
		shared, err := w.NetworkSharedFlights(ctx, obs.IdentityID, obs.FlightID, 2)
		if err != nil {
			return d, fmt.Errorf("network: observe: %w", err)
		}
		for other, n := range shared {
			if err := coTravel(ctx, w, obs, me, other, EdgeCoFlight, n, true, &d); err != nil {
				return d, err
			}
		}
	}
	return d, nil
}

// observeIdentifiers links the traveller to its identifiers.
func observeIdentifiers(ctx context.Context, w Writer, obs Observation, fresh bool, d *Delta) (Delta, error) {
	me := travellerKey(obs.IdentityID)
	tn, err := w.UpsertNetworkNode(ctx, NodeTraveller.String(), me, obs.Date)
	if err != nil {
		return *d, fmt.Errorf("network: observe: %w", err)
	}
	d.Nodes = append(d.Nodes, DeltaNode{Kind: NodeTraveller, Key: me, FirstSeen: tn.FirstSeen, LastSeen: tn.LastSeen})
	add := int64(0)
	if fresh {
		add = 1
	}
	for _, id := range Identifiers(obs) {
		n, err := w.UpsertNetworkNode(ctx, id.Kind.String(), id.Key, obs.Date)
		if err != nil {
			return *d, fmt.Errorf("network: observe: %w", err)
		}
		d.Nodes = append(d.Nodes, DeltaNode{Kind: id.Kind, Key: id.Key, FirstSeen: n.FirstSeen, LastSeen: n.LastSeen})
		ek := edgeFor(id.Kind)
		e, err := w.UpsertNetworkEdge(ctx, store.NetworkEdge{A: tn.ID, B: n.ID, Kind: ek.String(), Count: add,
			FirstSeen: obs.Date, LastSeen: obs.Date}, false)
		if err != nil {
			return *d, fmt.Errorf("network: observe: %w", err)
		}
		d.Edges = append(d.Edges, DeltaEdge{FromKind: NodeTraveller, FromKey: me, ToKind: id.Kind, ToKey: id.Key,
			Kind: ek, Count: e.Count, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen})
	}
	return *d, nil
}

// coTravel records a traveller-traveller edge (stored with a < b).
func coTravel(ctx context.Context, w Writer, obs Observation, me string, other int64, k EdgeKind, count int64, absolute bool, d *Delta) error {
	a, err := w.UpsertNetworkNode(ctx, NodeTraveller.String(), me, obs.Date)
	if err != nil {
		return fmt.Errorf("network: observe: %w", err)
	}
	ok := travellerKey(other)
	b, err := w.UpsertNetworkNode(ctx, NodeTraveller.String(), ok, "")
	if err != nil {
		return fmt.Errorf("network: observe: %w", err)
	}
	lo, hi := a.ID, b.ID
	if hi < lo {
		lo, hi = hi, lo
	}
	e, err := w.UpsertNetworkEdge(ctx, store.NetworkEdge{A: lo, B: hi, Kind: k.String(), Count: count,
		FirstSeen: obs.Date, LastSeen: obs.Date}, absolute)
	if err != nil {
		return fmt.Errorf("network: observe: %w", err)
	}
	d.Nodes = append(d.Nodes, DeltaNode{Kind: NodeTraveller, Key: ok, FirstSeen: b.FirstSeen, LastSeen: b.LastSeen})
	d.Edges = append(d.Edges, DeltaEdge{FromKind: NodeTraveller, FromKey: me, ToKind: NodeTraveller, ToKey: ok,
		Kind: k, Count: e.Count, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen})
	return nil
}

// normSeat upper-cases a seat and drops leading zeros: "012a" → "12A".
func normSeat(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimLeft(s, "0")
	row, letter := splitSeat(s)
	if row == "" || letter == 0 {
		return ""
	}
	return s
}

func splitSeat(s string) (row string, letter byte) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i != len(s)-1 || s[i] < 'A' || s[i] > 'Z' {
		return "", 0
	}
	return s[:i], s[i]
}

// adjacentSeats: same row, neighbouring letters (the letter I, which
// seat maps skip, does not separate H and J). Across an aisle counts:
// seat maps are not known, and C–D neighbours still sit together.
func adjacentSeats(a, b string) bool {
	ra, la := splitSeat(normSeat(a))
	rb, lb := splitSeat(normSeat(b))
	if ra == "" || ra != rb {
		return false
	}
	if la > lb {
		la, lb = lb, la
	}
	return lb-la == 1 || (la == 'H' && lb == 'J')
}

// isCrew: crew fly together for work; their co-travel says nothing.
func isCrew(role string) bool {
	return role == message.RoleCrew || role == message.RoleTransitCrew
}
