package alert

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// LookoutWindow is how far ahead the lookout looks.
const LookoutWindow = 24 * time.Hour

// DefaultLookoutPurpose is the audit purpose of a lookout read that names
// none.
const DefaultLookoutPurpose = "frontline lookout"

// LookoutEntry is one confirmed alert for the frontline: the minimum to
// recognise the traveller and the flight, and a summary of why. It carries
// no explanation internals (scores, matched fields, criteria expressions).
type LookoutEntry struct {
	AlertID         int64  `json:"alert_id"`
	Surname         string `json:"surname"`
	GivenNames      string `json:"given_names"`
	BirthDate       string `json:"birth_date"`
	DocumentType    string `json:"document_type"`
	DocumentNumber  string `json:"document_number"`
	DocumentCountry string `json:"document_country"`
	// Flight is "<carrier><number> <date> <origin>-<destination>".
	Flight string `json:"flight"`
	// Departure and Arrival are scheduled local times.
	Departure string `json:"departure"`
	Arrival   string `json:"arrival"`
	Severity  string `json:"severity"`
	Reason    string `json:"reason"`

	at   time.Time // first movement in the window, for ordering
	prio int       // queue priority, unset last
}

// LookoutReport is the lookout at one time: the window and its entries.
type LookoutReport struct {
	From    time.Time      `json:"from"`
	To      time.Time      `json:"to"`
	Entries []LookoutEntry `json:"entries"`
}

// Lookout returns the confirmed alerts whose flight departs or arrives in
// the next 24 hours, soonest movement first (then by priority), and
// records the read in the audit log as actor with purpose
// (DefaultLookoutPurpose when empty). Scheduled local times carry no zone:
// departures are read in the origin's zone and arrivals in the
// destination's (WithAirportZones), else in the unit's location
// (WithLocation). A flight known only by dates counts when one of its
// dates overlaps the window.
func (s *Service) Lookout(ctx context.Context, actor, purpose string) (LookoutReport, error) {
	if strings.TrimSpace(actor) == "" {
		return LookoutReport{}, fmt.Errorf("lookout: no actor: %w", store.ErrInvalid)
	}
	if purpose = strings.TrimSpace(purpose); purpose == "" {
		purpose = DefaultLookoutPurpose
	}
	from := s.now().In(s.loc).Truncate(time.Second)
	to := from.Add(LookoutWindow)
	// Departure dates are local to the origin: a flight dated two days
	// before the window may still land in it, and one dated a day after
	// it may depart in it from a zone ahead of the unit's.
	f := store.AlertQueueFilter{
		Statuses: []string{store.AlertConfirmed},
		DateFrom: from.AddDate(0, 0, -2).Format(time.DateOnly),
		DateTo:   to.AddDate(0, 0, 1).Format(time.DateOnly),
		Limit:    1000,
	}
	type hit struct {
		item store.AlertQueueItem
		at   time.Time
	}
	var hits []hit
	for {
		items, err := s.st.AlertQueue(ctx, f)
		if err != nil {
			return LookoutReport{}, fmt.Errorf("lookout: %w", err)
		}
		for _, it := range items {
			if at, ok := s.firstInWindow(it.Flight, from, to); ok {
				hits = append(hits, hit{it, at})
			}
		}
		if len(items) < f.Limit {
			break
		}
		f.Offset += len(items)
	}
	out := make([]LookoutEntry, 0, len(hits))
	for _, h := range hits {
		e := LookoutEntry{AlertID: h.item.Alert.ID, Flight: FlightString(h.item.Flight),
			Departure: h.item.Flight.DepartureLocal, Arrival: h.item.Flight.ArrivalLocal,
			Severity: h.item.Alert.Severity, Reason: Summary(h.item.Alert), at: h.at, prio: h.item.Alert.Priority}
		if e.prio <= 0 {
			e.prio = 1 << 30
		}
		if id := h.item.Alert.FlightTravellerID; id != 0 {
			ft, err := s.st.FlightTraveller(ctx, id)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return LookoutReport{}, fmt.Errorf("lookout: alert %d: %w", h.item.Alert.ID, err)
			}
			t := ft.Traveller
			e.Surname, e.GivenNames, e.BirthDate = t.Surname, t.GivenNames, t.BirthDate
			if d, ok := travelDocument(t.Documents); ok {
				e.DocumentType, e.DocumentNumber, e.DocumentCountry = d.Type, d.Number, d.IssuingCountry
			}
		}
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b LookoutEntry) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.prio, b.prio), cmp.Compare(a.AlertID, b.AlertID))
	})
	if _, err := s.st.Audit(ctx, store.AuditRecord{Actor: actor, Action: "lookout.read", Object: "lookout",
		Purpose: purpose, Detail: "entries=" + strconv.Itoa(len(out))}); err != nil {
		return LookoutReport{}, fmt.Errorf("lookout: audit read: %w", err)
	}
	return LookoutReport{From: from.UTC(), To: to.UTC(), Entries: out}, nil
}

// firstInWindow returns the first of the flight's departure and arrival
// that falls in [from, to), reading each local time in its airport's zone.
// A date without a time counts from its start when the day overlaps the
// window.
func (s *Service) firstInWindow(f store.Flight, from, to time.Time) (time.Time, bool) {
	var best time.Time
	found := false
	for _, m := range []struct{ local, airport string }{{f.DepartureLocal, f.Origin}, {f.ArrivalLocal, f.Destination}} {
		at, ok := inWindow(m.local, s.location(m.airport), from, to)
		if ok && (!found || at.Before(best)) {
			best, found = at, true
		}
	}
	return best, found
}

// location is the time zone of an airport's local times.
func (s *Service) location(iata string) *time.Location {
	if s.zone != nil {
		if loc, ok := s.zone(iata); ok && loc != nil {
			return loc
		}
	}
	return s.loc
}

func inWindow(local string, loc *time.Location, from, to time.Time) (time.Time, bool) {
	if t, err := time.ParseInLocation("2006-01-02T15:04", local, loc); err == nil {
		return t, !t.Before(from) && t.Before(to)
	}
	if d, err := time.ParseInLocation(time.DateOnly, local, loc); err == nil {
		end := d.AddDate(0, 0, 1)
		if d.Before(to) && end.After(from) {
			return later(d, from), true
		}
	}
	return time.Time{}, false
}

// later returns the later of two instants.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// travelDocument picks the document to show: the first passport, else the
// first document with a number.
func travelDocument(docs []message.Document) (message.Document, bool) {
	for _, d := range docs {
		if d.Number != "" && strings.EqualFold(d.Type, "P") {
			return d, true
		}
	}
	for _, d := range docs {
		if d.Number != "" {
			return d, true
		}
	}
	return message.Document{}, false
}

// Summary is the frontline's reason for an alert: for a watchlist match the
// list and entry (which the officer can look up), for criteria and network
// rules only the kind of hit (rules are not disclosed), with the severity.
func Summary(a store.Alert) string {
	var s string
	switch a.Cause {
	case store.CauseWatchlist:
		s = fmt.Sprintf("watchlist match: %s entry %s", a.List, a.EntryID)
	case store.CauseCriterion:
		s = "risk criterion match"
	case store.CauseNetwork:
		s = "network association"
	default:
		s = a.Cause
	}
	if a.Severity != "" {
		s += ", severity " + a.Severity
	}
	return s + ", confirmed by an analyst"
}

// LookoutColumns returns the header row of the lookout CSV.
func LookoutColumns() []string {
	return []string{"alert_id", "surname", "given_names", "birth_date", "document_type", "document_number",
		"document_country", "flight", "departure", "arrival", "severity", "reason"}
}

// WriteLookoutCSV writes the lookout as CSV (RFC 4180) with a header row.
// Cells starting with =, +, - or @ are prefixed with an apostrophe so that
// spreadsheets do not run them as formulas.
func WriteLookoutCSV(w io.Writer, entries []LookoutEntry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(LookoutColumns()); err != nil {
		return fmt.Errorf("lookout csv: %w", err)
	}
	for _, e := range entries {
		row := []string{strconv.FormatInt(e.AlertID, 10), e.Surname, e.GivenNames, e.BirthDate, e.DocumentType,
			e.DocumentNumber, e.DocumentCountry, e.Flight, e.Departure, e.Arrival, e.Severity, e.Reason}
		for i, c := range row {
			row[i] = defuse(c)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("lookout csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("lookout csv: %w", err)
	}
	return nil
}

// defuse neutralises a cell a spreadsheet would read as a formula.
func defuse(c string) string {
	if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return "'" + c
	}
	return c
}
