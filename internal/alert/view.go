package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// View is an alert as the queue, the CLI and the API show it. Its JSON
// field names are a contract (docs/alerts.md).
type View struct {
	ID int64 `json:"id"`
	// TravellerID is the resolved traveller identity (stable across
	// flights); 0 while unresolved. FlightTravellerID is the person on the
	// flight the alert was last raised for.
	TravellerID       int64  `json:"traveller_id"`
	FlightTravellerID int64  `json:"flight_traveller_id,omitempty"`
	FlightID          int64  `json:"flight_id,omitempty"`
	Cause             string `json:"cause"`
	// Rule names the criterion or network rule; List and EntryID the
	// watchlist entry.
	Rule     string `json:"rule,omitempty"`
	List     string `json:"list,omitempty"`
	EntryID  string `json:"entry_id,omitempty"`
	Severity string `json:"severity"`
	Priority int    `json:"priority"`
	Status   string `json:"status"`
	// Flight is "<carrier><number> <date> <origin>-<destination>" (see
	// FlightString); "" when the alert has no flight.
	Flight string `json:"flight"`
	// Departure is the flight's scheduled local departure.
	Departure   string          `json:"departure,omitempty"`
	Explanation json.RawMessage `json:"explanation"`
	Created     time.Time       `json:"created"`
	Updated     time.Time       `json:"updated"`
}

// FlightString names a flight as "<carrier><number> <date> <origin>-<destination>",
// e.g. "TK1970 2026-11-22 IST-GZT", with the local departure date; "" for
// the zero flight.
func FlightString(f store.Flight) string {
	if f.ID == 0 && f.Carrier == "" {
		return ""
	}
	return fmt.Sprintf("%s%s %s %s-%s", f.Carrier, f.Number, f.DepartureDate, f.Origin, f.Destination)
}

// NewView builds the view of an alert and its flight.
func NewView(a store.Alert, f store.Flight) View {
	var buf bytes.Buffer
	expl := json.RawMessage(`{}`)
	if len(a.Explanation) > 0 && json.Compact(&buf, a.Explanation) == nil {
		expl = buf.Bytes()
	}
	return View{
		ID: a.ID, TravellerID: a.IdentityID, FlightTravellerID: a.FlightTravellerID, FlightID: a.FlightID,
		Cause: a.Cause, Rule: a.Rule, List: a.List, EntryID: a.EntryID, Severity: a.Severity, Priority: a.Priority,
		Status: a.Status, Flight: FlightString(f), Departure: f.DepartureLocal, Explanation: expl,
		Created: a.Created.UTC(), Updated: a.Updated.UTC(),
	}
}

// Open is the status filter alias for alerts awaiting a decision.
const Open = "open"

// ParseStatuses reads a status filter: a comma-separated list of statuses,
// where "open" stands for new and in_review; "" selects every status.
func ParseStatuses(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		switch p = strings.TrimSpace(p); p {
		case "":
		case Open:
			out = append(out, store.AlertNew, store.AlertInReview)
		case store.AlertNew, store.AlertInReview, store.AlertConfirmed, store.AlertDismissed:
			out = append(out, p)
		default:
			return nil, fmt.Errorf("unknown status %q (want new, in_review, confirmed, dismissed or open)", p)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// ParseCause checks a cause filter ("" for all).
func ParseCause(s string) (string, error) {
	switch s {
	case "", store.CauseWatchlist, store.CauseCriterion, store.CauseNetwork:
		return s, nil
	}
	return "", fmt.Errorf("unknown cause %q (want watchlist, criterion or network)", s)
}

// ParsePriority reads a priority filter: alerts of priority 1..n (1 is the
// most urgent); "" for all.
func ParsePriority(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 9 {
		return 0, fmt.Errorf("priority must be 1..9, got %q", s)
	}
	return n, nil
}

// ParseFlight reads a flight filter: a flight id (digits) or a designator,
// carrier and number ("TK1970", "TK 1970"; upper-cased).
func ParseFlight(s string) (id int64, designator string, err error) {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if s == "" {
		return 0, "", nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return n, "", nil
	}
	if len(s) < 3 || len(s) > 8 || strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		return 0, "", fmt.Errorf("flight must be an id or a designator like TK1970, got %q", s)
	}
	return 0, s, nil
}

// ParseDate checks a local date filter ("2006-01-02"; "" for all).
func ParseDate(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", fmt.Errorf("date must be YYYY-MM-DD, got %q", s)
	}
	return s, nil
}

// ParseQuery reads queue filters from URL parameters: status, cause,
// priority, flight (id or designator), date (departure date) or
// date_from/date_to. Pagination (limit, offset) is left to the caller.
func ParseQuery(q url.Values) (store.AlertQueueFilter, error) {
	var f store.AlertQueueFilter
	var err error
	if f.Statuses, err = ParseStatuses(q.Get("status")); err != nil {
		return f, err
	}
	if f.Cause, err = ParseCause(q.Get("cause")); err != nil {
		return f, err
	}
	if f.MaxPriority, err = ParsePriority(q.Get("priority")); err != nil {
		return f, err
	}
	if f.FlightID, f.Flight, err = ParseFlight(q.Get("flight")); err != nil {
		return f, err
	}
	if d, err := ParseDate(q.Get("date")); err != nil {
		return f, err
	} else if d != "" {
		f.DateFrom, f.DateTo = d, d
	}
	if d, err := ParseDate(q.Get("date_from")); err != nil {
		return f, err
	} else if d != "" {
		f.DateFrom = d
	}
	if d, err := ParseDate(q.Get("date_to")); err != nil {
		return f, err
	} else if d != "" {
		f.DateTo = d
	}
	return f, nil
}

// Queue lists alerts in queue order: priority (1 first), then the
// flight's scheduled departure, then id. It holds no personal data and is
// not audited.
func (s *Service) Queue(ctx context.Context, f store.AlertQueueFilter) ([]View, error) {
	items, err := s.st.AlertQueue(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("alert queue: %w", err)
	}
	out := make([]View, len(items))
	for i, it := range items {
		out[i] = NewView(it.Alert, it.Flight)
	}
	return out, nil
}

// FlightInfo is the flight of an alert's detail.
type FlightInfo struct {
	ID            int64  `json:"id"`
	Carrier       string `json:"carrier"`
	Number        string `json:"number"`
	DepartureDate string `json:"departure_date"`
	Origin        string `json:"origin"`
	Destination   string `json:"destination"`
	// Departure and Arrival are scheduled local times.
	Departure string `json:"departure,omitempty"`
	Arrival   string `json:"arrival,omitempty"`
	Domestic  bool   `json:"domestic,omitempty"`
}

// TravellerInfo is the traveller of an alert's detail: the person on the
// flight, as resolution merged their API and PNR records.
type TravellerInfo struct {
	FlightTravellerID int64  `json:"flight_traveller_id"`
	IdentityID        int64  `json:"identity_id,omitempty"`
	RecordLocator     string `json:"record_locator,omitempty"`
	Seat              string `json:"seat,omitempty"`
	// Depersonalised is set once retention masked the personal data.
	Depersonalised *time.Time `json:"depersonalised,omitempty"`
	// Data is the traveller in the model of `chokepoint parse`.
	Data message.Traveller `json:"data"`
}

// Event is one change of an alert.
type Event struct {
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Reason string    `json:"reason,omitempty"`
}

// Detail is everything an analyst sees of one alert.
type Detail struct {
	Alert     View           `json:"alert"`
	Flight    *FlightInfo    `json:"flight,omitempty"`
	Traveller *TravellerInfo `json:"traveller,omitempty"`
	// Events is the history, oldest first: raised, updated by new data,
	// notes, and every decision with who, when and why.
	Events []Event `json:"events"`
	// Allowed are the actions the workflow allows now.
	Allowed []Action `json:"allowed_actions"`
}

// DefaultReadPurpose is the audit purpose of a detail read that names none.
const DefaultReadPurpose = "alert review"

// Detail returns an alert with its flight, traveller and history. The read
// is recorded in the audit log as actor with purpose (DefaultReadPurpose
// when empty) before anything is returned; an audit failure fails the read.
func (s *Service) Detail(ctx context.Context, id int64, actor, purpose string) (Detail, error) {
	if strings.TrimSpace(actor) == "" {
		return Detail{}, fmt.Errorf("alert %d: no actor: %w", id, store.ErrInvalid)
	}
	if purpose = strings.TrimSpace(purpose); purpose == "" {
		purpose = DefaultReadPurpose
	}
	it, err := s.st.QueuedAlert(ctx, id)
	if err != nil {
		return Detail{}, fmt.Errorf("alert %d: %w", id, err)
	}
	d := Detail{Alert: NewView(it.Alert, it.Flight), Events: []Event{}, Allowed: Allowed(it.Alert.Status)}
	if d.Allowed == nil {
		d.Allowed = []Action{}
	}
	if f := it.Flight; f.ID != 0 {
		d.Flight = &FlightInfo{ID: f.ID, Carrier: f.Carrier, Number: f.Number, DepartureDate: f.DepartureDate,
			Origin: f.Origin, Destination: f.Destination, Departure: f.DepartureLocal, Arrival: f.ArrivalLocal,
			Domestic: f.Domestic}
	}
	if it.Alert.FlightTravellerID != 0 {
		ft, err := s.st.FlightTraveller(ctx, it.Alert.FlightTravellerID)
		switch {
		case err == nil:
			ti := &TravellerInfo{FlightTravellerID: ft.ID, IdentityID: ft.IdentityID, RecordLocator: ft.RecordLocator,
				Seat: ft.Seat, Data: ft.Traveller}
			if !ft.Depersonalised.IsZero() {
				t := ft.Depersonalised.UTC()
				ti.Depersonalised = &t
			}
			d.Traveller = ti
		case errors.Is(err, store.ErrNotFound):
		default:
			return Detail{}, fmt.Errorf("alert %d: %w", id, err)
		}
	}
	evs, err := s.st.AlertEvents(ctx, id)
	if err != nil {
		return Detail{}, fmt.Errorf("alert %d: %w", id, err)
	}
	for _, e := range evs {
		d.Events = append(d.Events, Event{At: e.At.UTC(), Actor: e.Actor, From: e.From, To: e.To, Reason: e.Reason})
	}
	if _, err := s.st.Audit(ctx, store.AuditRecord{Actor: actor, Action: "alert.read",
		Object: fmt.Sprintf("alert:%d", id), Purpose: purpose}); err != nil {
		return Detail{}, fmt.Errorf("alert %d: audit read: %w", id, err)
	}
	return d, nil
}
