// Package ingest is Chokepoint's pipeline: it takes raw airline messages
// as received (from files, HTTP or the queue), keeps each verbatim with
// its SHA-256, decodes it, merges the API and PNR records of each person
// on each flight, resolves travellers to stable identities, screens every
// new or changed traveller against the current watchlists and raises an
// alert for every hit, all in one transaction per batch, so a message is
// either fully committed or not at all, and the same message twice is
// recognised and not duplicated.
//
// Data flows one way: decode → resolve → screen → alert. The pipeline holds
// no state between batches except the watchlists in force.
package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chokepoint/chokepoint/internal/decode"
	"github.com/chokepoint/chokepoint/internal/journey"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/network"
	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/resolve"
	"github.com/chokepoint/chokepoint/internal/screen"
	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// Result statuses.
const (
	Accepted  = "accepted"
	Duplicate = "duplicate"
	Rejected  = "rejected"
)

// Result is the outcome of one received message.
type Result struct {
	MessageID  int64    `json:"message_id"`
	SHA256     string   `json:"sha256"`
	Source     string   `json:"source,omitempty"`
	Status     string   `json:"status"`
	Reason     string   `json:"reason,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Format     string   `json:"format,omitempty"`
	Messages   int      `json:"messages,omitempty"`
	Flights    int      `json:"flights,omitempty"`
	Bookings   int      `json:"bookings,omitempty"`
	Travellers int      `json:"travellers,omitempty"`
	Hits       int      `json:"hits,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
}

// Watchlists are the lists in force: a screener over their entries and
// the store version id of each list.
type Watchlists struct {
	Screener   *screen.Screener
	VersionIDs map[string]int64
}

// LoadWatchlists builds the screener over the latest version of every
// list in the store. With no list imported it returns an empty screener.
func LoadWatchlists(ctx context.Context, st *store.Store) (*Watchlists, error) {
	versions, err := st.LatestVersions(ctx)
	if err != nil {
		return nil, fmt.Errorf("watchlist versions: %w", err)
	}
	w := &Watchlists{VersionIDs: map[string]int64{}}
	var all []watchlist.Entry
	var lv []screen.ListVersion
	for _, v := range versions {
		entries, err := st.Entries(ctx, v.ID)
		if err != nil {
			return nil, fmt.Errorf("entries of %s version %d: %w", v.List, v.ID, err)
		}
		all = append(all, entries...)
		w.VersionIDs[v.List] = v.ID
		lv = append(lv, screen.ListVersion{List: v.List, Version: strconv.FormatInt(v.ID, 10), Digest: v.Digest})
	}
	w.Screener = screen.New(all, screen.Options{Versions: lv})
	return w, nil
}

// Config configures a pipeline.
type Config struct {
	Store      *store.Store
	Watchlists *Watchlists
	// CardHash is the keyed hash for payment card numbers.
	CardHash func(string) string
	Logger   *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Actor names the pipeline in alert events and the audit log.
	Actor string
	// Journeys, when set, rebuilds the journeys of every identity a batch
	// touches; Criteria are then evaluated on them.
	Journeys *journey.Builder
	Criteria *Criteria
	// Network, when set, is the link graph every committed traveller is
	// observed into; its signals raise network alerts.
	Network *network.Graph
}

// Pipeline processes batches of raw messages.
type Pipeline struct {
	st       *store.Store
	lists    atomic.Pointer[Watchlists]
	criteria atomic.Pointer[Criteria]
	journeys *journey.Builder
	network  *network.Graph
	opts     message.ParseOptions
	log      *slog.Logger
	now      func() time.Time
	actor    string
}

// New returns a pipeline.
func New(cfg Config) *Pipeline {
	p := &Pipeline{st: cfg.Store, log: cfg.Logger, now: cfg.Now, actor: cfg.Actor, journeys: cfg.Journeys, network: cfg.Network}
	if cfg.Criteria != nil {
		p.criteria.Store(cfg.Criteria)
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	if p.now == nil {
		p.now = time.Now
	}
	if p.actor == "" {
		p.actor = "system:ingest"
	}
	p.opts = message.ParseOptions{CardHash: cfg.CardHash}
	w := cfg.Watchlists
	if w == nil {
		w = &Watchlists{Screener: screen.New(nil, screen.Options{}), VersionIDs: map[string]int64{}}
	}
	p.lists.Store(w)
	return p
}

// SetWatchlists replaces the lists in force (after an import); batches
// already running finish with the lists they started with.
func (p *Pipeline) SetWatchlists(w *Watchlists) { p.lists.Store(w) }

// Watchlists returns the lists in force.
func (p *Pipeline) Watchlists() *Watchlists { return p.lists.Load() }

// decoded is a received message with its parse outcome, computed before
// the write transaction.
type decoded struct {
	in   queue.Message
	msgs []*message.Message
	err  error
}

// Process commits a batch of received messages in one transaction and
// returns one result per message, in order. An error means nothing of the
// batch was committed (the caller retries or redelivers); a message that
// cannot be parsed is not an error: it is kept, marked rejected, with the
// reason.
func (p *Pipeline) Process(ctx context.Context, batch []queue.Message) ([]Result, error) {
	ds := make([]decoded, len(batch))
	for i, in := range batch {
		if in.SHA256 == "" {
			in = queue.NewMessage(in.Data, in.Source, in.Received)
		}
		ds[i].in = in
		ds[i].msgs, ds[i].err = decode.Decode(in.Data, p.opts)
	}
	lists := p.lists.Load()
	locks := lockKeys(ds)
	var results []Result
	var net netBatch
	err := p.st.WithTx(ctx, func(tx *store.Tx) error {
		net = netBatch{}
		// Concurrent workers must not both create the flight traveller or
		// the identity of one person: serialise on the batch's flights and
		// blocking keys.
		if err := tx.LockKeys(ctx, locks); err != nil {
			return err
		}
		results = make([]Result, 0, len(ds))
		touched := map[int64]*store.FlightTraveller{}
		for _, d := range ds {
			r, err := p.commit(ctx, tx, lists, d, touched, &net)
			if err != nil {
				return fmt.Errorf("message %s from %s: %w", short(d.in.SHA256), d.in.Source, err)
			}
			results = append(results, r)
		}
		return p.analyse(ctx, tx, touched)
	})
	if err != nil {
		return nil, err
	}
	if err := p.signal(ctx, net); err != nil {
		return results, err
	}
	return results, nil
}

// lockKeys are the keys a batch may create flight travellers or
// identities under: its flights and its travellers' blocking keys.
func lockKeys(ds []decoded) []string {
	var keys []string
	for _, d := range ds {
		for _, m := range d.msgs {
			for _, f := range m.Flights {
				keys = append(keys, "flight:"+flightKey(f))
			}
			for _, t := range m.Travellers {
				keys = append(keys, resolve.Keys(resolve.FromAPI("", "", "", t))...)
			}
			for _, b := range m.Bookings {
				for _, r := range resolve.FromBooking("", "", "", b, -1) {
					keys = append(keys, resolve.Keys(r)...)
					if bk := bookingKey(r); bk != "" {
						keys = append(keys, bk)
					}
				}
			}
		}
	}
	return keys
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func (p *Pipeline) commit(ctx context.Context, tx *store.Tx, lists *Watchlists, d decoded, touched map[int64]*store.FlightTraveller, net *netBatch) (Result, error) {
	res := Result{SHA256: d.in.SHA256, Source: d.in.Source}
	raw := store.RawMessage{
		SHA256:     d.in.SHA256,
		Source:     d.in.Source,
		ReceivedAt: d.in.Received,
		Body:       d.in.Data,
		Status:     store.StatusAccepted,
	}
	if raw.ReceivedAt.IsZero() {
		raw.ReceivedAt = p.now().UTC()
	}
	if d.err != nil {
		raw.Status = store.StatusRejected
		raw.RejectReason = d.err.Error()
	} else if len(d.msgs) > 0 {
		raw.Format = d.msgs[0].Format
		raw.Kind = string(d.msgs[0].Kind)
		for _, m := range d.msgs {
			raw.Warnings = append(raw.Warnings, m.Warnings...)
		}
	}
	id, dup, err := tx.PutRaw(ctx, raw)
	if err != nil {
		return res, fmt.Errorf("keep raw message: %w", err)
	}
	res.MessageID = id
	res.Format, res.Kind, res.Warnings = raw.Format, raw.Kind, raw.Warnings
	switch {
	case dup:
		res.Status = Duplicate
		return res, nil
	case d.err != nil:
		res.Status, res.Reason = Rejected, raw.RejectReason
		return res, nil
	}
	res.Status = Accepted
	res.Messages = len(d.msgs)
	for _, m := range d.msgs {
		if err := p.apply(ctx, tx, lists, id, m, &res, &batchState{touched, net}); err != nil {
			return res, err
		}
	}
	return res, nil
}

// apply stores what one parsed message says.
func (p *Pipeline) apply(ctx context.Context, tx *store.Tx, lists *Watchlists, rawID int64, m *message.Message, res *Result, bs *batchState) error {
	switch m.Kind {
	case message.KindAPI:
		return p.applyAPI(ctx, tx, lists, rawID, m, res, bs)
	case message.KindPNR:
		return p.applyPNR(ctx, tx, lists, rawID, m, res, bs)
	}
	return fmt.Errorf("message kind %q", m.Kind)
}

func (p *Pipeline) applyAPI(ctx context.Context, tx *store.Tx, lists *Watchlists, rawID int64, m *message.Message, res *Result, bs *batchState) error {
	if len(m.Flights) == 0 {
		return nil // a master crew list or gate pass: kept raw, nothing per flight
	}
	flightIDs := make([]int64, len(m.Flights))
	for i, f := range m.Flights {
		id, err := tx.UpsertFlight(ctx, rawID, f)
		if err != nil {
			return fmt.Errorf("flight %s%s: %w", f.Carrier, f.Number, err)
		}
		flightIDs[i] = id
	}
	res.Flights += len(m.Flights)
	msgID := strconv.FormatInt(rawID, 10)
	for _, t := range m.Travellers {
		for _, leg := range legsOf(m.Flights, t) {
			f := m.Flights[leg]
			rec := resolve.FromAPI(msgID, flightKey(f), dateOf(f.Departure), t)
			src := store.SourceRef{MessageID: rawID, Kind: message.KindAPI, Ref: t.Ref, RecordLocator: t.RecordLocator}
			if err := p.traveller(ctx, tx, lists, flightIDs[leg], 0, nil, rec, t, src, res, bs); err != nil {
				return err
			}
		}
		res.Travellers++
	}
	return nil
}

// legsOf returns the legs a traveller of an API list is on: from the leg
// leaving the embarkation port to the leg reaching the debarkation port,
// or every leg when the ports do not say.
func legsOf(flights []message.Flight, t message.Traveller) []int {
	if len(flights) == 1 {
		return []int{0}
	}
	from, to := 0, len(flights)-1
	for i, f := range flights {
		if t.Embarkation != "" && f.Origin == t.Embarkation {
			from = i
			break
		}
	}
	for i := len(flights) - 1; i >= from; i-- {
		if t.Debarkation != "" && flights[i].Destination == t.Debarkation {
			to = i
			break
		}
	}
	legs := make([]int, 0, to-from+1)
	for i := from; i <= to; i++ {
		legs = append(legs, i)
	}
	return legs
}

func (p *Pipeline) applyPNR(ctx context.Context, tx *store.Tx, lists *Watchlists, rawID int64, m *message.Message, res *Result, bs *batchState) error {
	var push message.Flight
	var flightID int64
	if len(m.Flights) > 0 {
		push = m.Flights[0]
		id, err := tx.UpsertFlight(ctx, rawID, push)
		if err != nil {
			return fmt.Errorf("flight %s%s: %w", push.Carrier, push.Number, err)
		}
		flightID = id
		res.Flights++
	}
	versionAt := p.now().UTC()
	if t, err := time.Parse("2006-01-02T15:04", m.Prepared); err == nil {
		versionAt = t
	}
	system := push.Carrier
	if system == "" {
		system = m.Sender
	}
	msgID := strconv.FormatInt(rawID, 10)
	for _, b := range m.Bookings {
		bookingID, current, err := tx.UpsertBooking(ctx, rawID, system, b, versionAt)
		if err != nil {
			return fmt.Errorf("booking %s: %w", b.RecordLocator, err)
		}
		res.Bookings++
		if !current || b.Cancelled || flightID == 0 {
			continue // an older push, a cancellation: the booking history keeps it
		}
		seg := segmentOf(b.Itinerary, push)
		recs := resolve.FromBooking(msgID, flightKey(push), dateOf(push.Departure), b, seg)
		for i, rec := range recs {
			if i >= len(b.Travellers) {
				break
			}
			t := b.Travellers[i]
			src := store.SourceRef{MessageID: rawID, Kind: message.KindPNR, Ref: t.Ref, RecordLocator: b.RecordLocator}
			if err := p.traveller(ctx, tx, lists, flightID, bookingID, &b, rec, t, src, res, bs); err != nil {
				return err
			}
			res.Travellers++
		}
	}
	return nil
}

// segmentOf finds the itinerary segment that is the pushed flight.
func segmentOf(itin []message.Segment, f message.Flight) int {
	for i, s := range itin {
		if s.Carrier == f.Carrier && s.Number == f.Number && (s.Origin == f.Origin || f.Origin == "") {
			return i
		}
	}
	for i, s := range itin {
		if s.Origin == f.Origin && s.Destination == f.Destination && dateOf(s.Departure) == dateOf(f.Departure) {
			return i
		}
	}
	return -1
}

func flightKey(f message.Flight) string {
	return f.Carrier + f.Number + "/" + dateOf(f.Departure) + "/" + f.Origin
}

func dateOf(s string) string {
	if len(s) >= 10 {
		return s[:10]
	}
	return s
}

// sourceKey identifies one message record on a flight, so that a later
// push of the same booking updates its traveller instead of adding one.
func sourceKey(src store.SourceRef) string {
	if src.Kind == message.KindPNR {
		return "src:pnr:" + src.RecordLocator + "/" + src.Ref
	}
	if src.Ref != "" {
		return "src:api:" + src.Ref
	}
	return ""
}

// traveller merges one record into the flight's travellers, resolves its
// identity and screens it.
func (p *Pipeline) traveller(ctx context.Context, tx *store.Tx, lists *Watchlists, flightID, bookingID int64, booking *message.Booking, rec resolve.Record, t message.Traveller, src store.SourceRef, res *Result, bs *batchState) error {
	keys := resolve.Keys(rec)
	if sk := sourceKey(src); sk != "" {
		keys = append(keys, sk)
	}
	if rec.RecordLocator != "" {
		keys = append(keys, "loc:"+strings.ToUpper(rec.RecordLocator)+"/"+nameKey(t))
	}
	existing, err := tx.FlightTravellersByKeys(ctx, flightID, keys)
	if err != nil {
		return fmt.Errorf("flight travellers: %w", err)
	}
	ft, explanation := pickFlightTraveller(existing, rec, src)
	if ft == nil {
		ft = &store.FlightTraveller{FlightID: flightID, Traveller: t, Confidence: 1}
		explanation = []string{"first record of this traveller on the flight"}
	} else {
		ft.Traveller = mergeTraveller(ft.Traveller, t, src.Kind)
	}
	ft.Sources = addSource(ft.Sources, src)
	if bookingID != 0 {
		ft.BookingID = bookingID
	}
	if ft.RecordLocator == "" {
		ft.RecordLocator = rec.RecordLocator
	}
	if rec.Seat != "" {
		ft.Seat = rec.Seat
	}
	ft.Keys = keys
	expl, _ := json.Marshal(explanation)
	ft.Explanation = expl

	// Resolve the identity of the (merged) flight traveller.
	full := travellerRecord(ft, rec)
	link, err := p.resolveIdentity(ctx, tx, ft, full)
	if err != nil {
		return err
	}
	if err := tx.PutFlightTraveller(ctx, ft); err != nil {
		return fmt.Errorf("flight traveller: %w", err)
	}
	if link != nil {
		link.FlightTravellerID = ft.ID
		if _, err := tx.LinkIdentity(ctx, *link); err != nil {
			return fmt.Errorf("%w: record decision: %w", errNoIdentity, err)
		}
	}
	hits, err := p.screen(ctx, tx, lists, ft)
	if err != nil {
		return err
	}
	res.Hits += hits
	bs.touched[ft.ID] = ft
	return p.observe(ctx, tx, ft, booking, rec.TravelDate, bs.net)
}

func nameKey(t message.Traveller) string {
	return strings.ToUpper(strings.TrimSpace(t.Surname)) + "/" + strings.ToUpper(strings.TrimSpace(t.GivenNames))
}

// pickFlightTraveller chooses the existing flight traveller a record
// belongs to: the one holding the same source record, else one whose
// records resolution pairs with it.
func pickFlightTraveller(existing []store.FlightTraveller, rec resolve.Record, src store.SourceRef) (*store.FlightTraveller, []string) {
	sk := sourceKey(src)
	for i := range existing {
		for _, s := range existing[i].Sources {
			if sk != "" && sourceKey(s) == sk {
				return &existing[i], []string{"same record as an earlier message (" + sk[4:] + ")"}
			}
		}
	}
	var best *store.FlightTraveller
	var bestConf float64
	var bestExpl []string
	for i := range existing {
		ex := &existing[i]
		hasAPI, hasPNR := false, false
		for _, s := range ex.Sources {
			if s.Kind == message.KindAPI {
				hasAPI = true
			} else {
				hasPNR = true
			}
		}
		other := travellerRecord(ex, resolve.Record{})
		var merged []resolve.FlightTraveller
		switch {
		case rec.Source == resolve.SourceAPI:
			// An API record pairs with a booking record, or with an earlier
			// API list's record of the same person (an updated list).
			other.Source = resolve.SourcePNR
			merged = resolve.MergeFlight([]resolve.Record{rec}, []resolve.Record{other})
		case hasAPI:
			other.Source = resolve.SourceAPI
			merged = resolve.MergeFlight([]resolve.Record{other}, []resolve.Record{rec})
		default:
			continue // two booking records pair only through an API record
		}
		_ = hasPNR
		if len(merged) == 1 && merged[0].Confidence > bestConf {
			best, bestConf, bestExpl = ex, merged[0].Confidence, merged[0].Explanation
		}
	}
	if best != nil {
		best.Confidence = bestConf
	}
	return best, bestExpl
}

// travellerRecord rebuilds a resolution record from a stored flight
// traveller, keeping the flight and message context of ctxRec.
func travellerRecord(ft *store.FlightTraveller, ctxRec resolve.Record) resolve.Record {
	r := resolve.FromAPI(ctxRec.MessageID, ctxRec.FlightKey, ctxRec.TravelDate, ft.Traveller)
	r.Source = ctxRec.Source
	if r.Source == "" {
		r.Source = resolve.SourceMerged
	}
	if ft.RecordLocator != "" {
		r.RecordLocator = ft.RecordLocator
	}
	if ft.Seat != "" {
		r.Seat = ft.Seat
	}
	if len(ctxRec.Phones) > 0 || len(ctxRec.Emails) > 0 {
		r.Phones, r.Emails, r.SharedContacts = ctxRec.Phones, ctxRec.Emails, ctxRec.SharedContacts
	}
	if t := ft.Traveller.Contacts; t != nil {
		r.Phones = union(r.Phones, t.Phones)
		r.Emails = union(r.Emails, t.Emails)
	}
	r.CoTravellers = ctxRec.CoTravellers
	r.FrequentFlyers = append(r.FrequentFlyers, ctxRec.FrequentFlyers...)
	return r
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string(nil), a...), b...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func addSource(srcs []store.SourceRef, s store.SourceRef) []store.SourceRef {
	for _, e := range srcs {
		if e == s {
			return srcs
		}
	}
	return append(srcs, s)
}

// mergeTraveller folds a new record's data into a flight traveller's: the
// API record is authoritative for identity data (names, birth date,
// documents), the PNR adds what API lacks (contacts, tickets, seats...).
func mergeTraveller(cur, add message.Traveller, kind message.Kind) message.Traveller {
	out := cur
	prefer := kind == message.KindAPI
	pick := func(dst *string, v string) {
		if v != "" && (*dst == "" || prefer) {
			*dst = v
		}
	}
	pick(&out.Surname, add.Surname)
	pick(&out.GivenNames, add.GivenNames)
	pick(&out.Gender, add.Gender)
	pick(&out.BirthDate, add.BirthDate)
	pick(&out.Nationality, add.Nationality)
	pick(&out.Residence, add.Residence)
	pick(&out.BirthPlace, add.BirthPlace)
	pick(&out.Seat, add.Seat)
	pick(&out.RecordLocator, add.RecordLocator)
	pick(&out.Embarkation, add.Embarkation)
	pick(&out.Debarkation, add.Debarkation)
	if out.Role == "" || prefer {
		out.Role = add.Role
	}
	for _, d := range add.Documents {
		found := false
		for _, e := range out.Documents {
			if e.Number == d.Number && e.Type == d.Type {
				found = true
				break
			}
		}
		if !found {
			out.Documents = append(out.Documents, d)
		}
	}
	if add.Contacts != nil {
		c := message.Contacts{}
		if out.Contacts != nil {
			c = *out.Contacts
		}
		c.Phones = union(c.Phones, add.Contacts.Phones)
		c.Emails = union(c.Emails, add.Contacts.Emails)
		out.Contacts = &c
	}
	if len(add.Tickets) > 0 {
		out.Tickets = add.Tickets
	}
	if len(add.Seats) > 0 {
		out.Seats = add.Seats
	}
	if len(add.FrequentFlyers) > 0 {
		out.FrequentFlyers = add.FrequentFlyers
	}
	if add.Bags != nil {
		out.Bags = add.Bags
	}
	out.CheckedIn = out.CheckedIn || add.CheckedIn
	out.Verified = out.Verified || add.Verified
	return out
}

// errNoIdentity is wrapped by resolution failures.
var errNoIdentity = errors.New("identity resolution")
