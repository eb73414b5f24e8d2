package api

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/profile"
	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/screen"
	"github.com/chokepoint/chokepoint/internal/store"
)

// MaxMessageBytes caps a message submitted over HTTP.
const MaxMessageBytes = 32 << 20

// Publisher sends raw messages to workers (scale mode).
type Publisher interface {
	Publish(ctx context.Context, m queue.Message) error
}

// Core serves the routes of the pipeline itself: message intake, flights,
// travellers, rejected messages and ad hoc screening.
type Core struct {
	Store    *store.Store
	Pipeline *ingest.Pipeline
	// Queue, when set, receives submitted messages for workers instead of
	// the pipeline processing them in the request.
	Queue Publisher
}

// Register mounts the core routes on s.
func (c *Core) Register(s *Server) {
	s.Handle("POST /api/v1/messages", []string{RoleIngest}, c.postMessage)
	s.Handle("GET /api/v1/messages", []string{RoleAnalyst, RoleAuditor}, c.listMessages)
	s.Handle("GET /api/v1/messages/{id}", []string{RoleAnalyst, RoleAuditor}, c.getMessage)
	s.Handle("GET /api/v1/flights", []string{RoleAnalyst}, c.listFlights)
	s.Handle("GET /api/v1/flights/{id}", []string{RoleAnalyst}, c.getFlight)
	s.Handle("GET /api/v1/travellers/{id}", []string{RoleAnalyst}, c.getTraveller)
	s.Handle("POST /api/v1/screen", []string{RoleAnalyst}, c.postScreen)
}

// audit records a read or change; failure to audit fails the request.
func (c *Core) audit(r *http.Request, action, object string) error {
	p := PrincipalFrom(r.Context())
	purpose := r.Header.Get("X-Purpose")
	if purpose == "" {
		purpose = r.URL.Query().Get("purpose")
	}
	_, err := c.Store.Audit(r.Context(), store.AuditRecord{Actor: p.Name + " (" + p.Role + ")", Action: action, Object: object, Purpose: purpose})
	return err
}

// MessageResponse answers a submitted message.
type MessageResponse struct {
	MessageID int64          `json:"message_id,omitempty"`
	SHA256    string         `json:"sha256"`
	Status    string         `json:"status"`
	Reason    string         `json:"reason,omitempty"`
	Parsed    *ingest.Result `json:"parsed,omitempty"`
}

func (c *Core) postMessage(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxMessageBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			Error(w, http.StatusRequestEntityTooLarge, "message larger than %d bytes", MaxMessageBytes)
			return
		}
		Error(w, http.StatusBadRequest, "reading body: %v", err)
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		Error(w, http.StatusBadRequest, "empty body: send the raw EDIFACT or XML message")
		return
	}
	p := PrincipalFrom(r.Context())
	msg := queue.NewMessage(body, "http:"+p.Name, time.Now())
	if c.Queue != nil {
		if err := c.Queue.Publish(r.Context(), msg); err != nil {
			Error(w, http.StatusServiceUnavailable, "queue unavailable: %v", err)
			return
		}
		WriteJSON(w, http.StatusAccepted, MessageResponse{SHA256: msg.SHA256, Status: "queued"})
		return
	}
	res, err := c.Pipeline.Process(r.Context(), []queue.Message{msg})
	if err != nil {
		Error(w, http.StatusServiceUnavailable, "message not stored, retry: %v", err)
		return
	}
	out := res[0]
	resp := MessageResponse{MessageID: out.MessageID, SHA256: out.SHA256, Status: out.Status, Reason: out.Reason, Parsed: &out}
	switch out.Status {
	case ingest.Rejected:
		// Kept, but unreadable: the reason names the segment.
		WriteJSON(w, http.StatusUnprocessableEntity, struct {
			Error string `json:"error"`
			MessageResponse
		}{out.Reason, resp})
	case ingest.Duplicate:
		WriteJSON(w, http.StatusOK, resp)
	default:
		WriteJSON(w, http.StatusCreated, resp)
	}
}

// rawJSON is a stored message as listed.
type rawJSON struct {
	ID         int64     `json:"id"`
	SHA256     string    `json:"sha256"`
	Source     string    `json:"source"`
	ReceivedAt time.Time `json:"received_at"`
	Format     string    `json:"format,omitempty"`
	Kind       string    `json:"kind,omitempty"`
	Status     string    `json:"status"`
	Reason     string    `json:"reason,omitempty"`
	Warnings   []string  `json:"warnings,omitempty"`
	Size       int64     `json:"size"`
	Body       string    `json:"body,omitempty"`
}

func toRawJSON(m store.RawMessage) rawJSON {
	return rawJSON{m.ID, m.SHA256, m.Source, m.ReceivedAt, m.Format, m.Kind, m.Status, m.RejectReason, m.Warnings, m.Size, string(m.Body)}
}

// CursorList is a page of items listed newest first with a cursor.
type CursorList[T any] struct {
	Items      []T   `json:"items"`
	NextBefore int64 `json:"next_before,omitempty"`
}

func (c *Core) listMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.RawFilter{Status: q.Get("status")}
	switch f.Status {
	case "", store.StatusAccepted, store.StatusRejected:
	default:
		Error(w, http.StatusBadRequest, "status must be accepted or rejected, got %q", f.Status)
		return
	}
	page, err := ParsePage(r)
	if err != nil {
		Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	f.Limit = page.Limit
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			Error(w, http.StatusBadRequest, "before must be a message id, got %q", v)
			return
		}
		f.Before = n
	}
	msgs, err := c.Store.ListRaw(r.Context(), f)
	if err != nil {
		Error(w, http.StatusInternalServerError, "listing messages: %v", err)
		return
	}
	out := CursorList[rawJSON]{Items: make([]rawJSON, 0, len(msgs))}
	for _, m := range msgs {
		out.Items = append(out.Items, toRawJSON(m))
	}
	if len(msgs) == f.Limit && len(msgs) > 0 {
		out.NextBefore = msgs[len(msgs)-1].ID
	}
	WriteJSON(w, http.StatusOK, out)
}

func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	v := r.PathValue("id")
	if v == "" {
		v = r.PathValue("traveller")
	}
	v = strings.TrimPrefix(v, "T")
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		Error(w, http.StatusBadRequest, "id must be a positive integer, got %q", r.PathValue("id"))
		return 0, false
	}
	return n, true
}

func notFoundOr500(w http.ResponseWriter, err error, what string, id int64) {
	if errors.Is(err, store.ErrNotFound) {
		Error(w, http.StatusNotFound, "%s %d not found", what, id)
		return
	}
	Error(w, http.StatusInternalServerError, "reading %s %d: %v", what, id, err)
}

func (c *Core) getMessage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	m, err := c.Store.Raw(r.Context(), id)
	if err != nil {
		notFoundOr500(w, err, "message", id)
		return
	}
	if err := c.audit(r, "message.read", fmt.Sprintf("message:%d", id)); err != nil {
		Error(w, http.StatusInternalServerError, "audit: %v", err)
		return
	}
	WriteJSON(w, http.StatusOK, toRawJSON(m))
}

func (c *Core) listFlights(w http.ResponseWriter, r *http.Request) {
	date := r.URL.Query().Get("date")
	if _, err := time.Parse("2006-01-02", date); err != nil {
		Error(w, http.StatusBadRequest, "date must be YYYY-MM-DD (local departure date), got %q", date)
		return
	}
	page, err := ParsePage(r)
	if err != nil {
		Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	flights, err := c.Store.Flights(r.Context(), date)
	if err != nil {
		Error(w, http.StatusInternalServerError, "listing flights: %v", err)
		return
	}
	if page.Offset > len(flights) {
		page.Offset = len(flights)
	}
	end := min(len(flights), page.Offset+page.Limit+1)
	WriteJSON(w, http.StatusOK, NewList(flightsJSON(flights[page.Offset:end]), page))
}

// FlightJSON is a flight as the API shows it.
type FlightJSON struct {
	ID          int64    `json:"id"`
	Carrier     string   `json:"carrier"`
	Number      string   `json:"number"`
	Date        string   `json:"date"`
	Origin      string   `json:"origin"`
	Destination string   `json:"destination"`
	Departure   string   `json:"departure"`
	Arrival     string   `json:"arrival,omitempty"`
	Codeshares  []string `json:"codeshares,omitempty"`
}

func flightJSON(f store.Flight) FlightJSON {
	out := FlightJSON{ID: f.ID, Carrier: f.Carrier, Number: f.Number, Date: f.DepartureDate, Origin: f.Origin,
		Destination: f.Destination, Departure: f.DepartureLocal, Arrival: f.ArrivalLocal}
	for _, d := range f.Codeshares {
		out.Codeshares = append(out.Codeshares, d.Carrier+d.Number)
	}
	return out
}

func flightsJSON(fs []store.Flight) []FlightJSON {
	out := make([]FlightJSON, len(fs))
	for i, f := range fs {
		out[i] = flightJSON(f)
	}
	return out
}

// ManifestEntry is one traveller of a flight manifest, with hits.
type ManifestEntry struct {
	FlightTravellerID int64           `json:"flight_traveller_id"`
	TravellerID       int64           `json:"traveller_id"`
	Surname           string          `json:"surname"`
	GivenNames        string          `json:"given_names"`
	BirthDate         string          `json:"birth_date,omitempty"`
	Nationality       string          `json:"nationality,omitempty"`
	Role              string          `json:"role,omitempty"`
	Seat              string          `json:"seat,omitempty"`
	RecordLocator     string          `json:"record_locator,omitempty"`
	Sources           int             `json:"sources"`
	Hits              int             `json:"hits"`
	Matches           json.RawMessage `json:"matches,omitempty"`
}

func (c *Core) getFlight(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	m, err := c.Store.Flight(r.Context(), id)
	if err != nil {
		notFoundOr500(w, err, "flight", id)
		return
	}
	if err := c.audit(r, "flight.read", fmt.Sprintf("flight:%d", id)); err != nil {
		Error(w, http.StatusInternalServerError, "audit: %v", err)
		return
	}
	out := struct {
		Flight     FlightJSON      `json:"flight"`
		Travellers []ManifestEntry `json:"travellers"`
		Hits       int             `json:"hits"`
	}{Flight: flightJSON(m.Flight), Travellers: []ManifestEntry{}}
	for _, ft := range m.Travellers {
		e := ManifestEntry{FlightTravellerID: ft.ID, TravellerID: ft.IdentityID, Surname: ft.Traveller.Surname,
			GivenNames: ft.Traveller.GivenNames, BirthDate: ft.Traveller.BirthDate, Nationality: ft.Traveller.Nationality,
			Role: ft.Traveller.Role, Seat: ft.Seat, RecordLocator: ft.RecordLocator, Sources: len(ft.Sources)}
		if sc, err := c.Store.LatestScreening(r.Context(), ft.ID); err == nil && sc.Hits > 0 {
			e.Hits, e.Matches = sc.Hits, sc.Matches
			out.Hits += sc.Hits
		}
		out.Travellers = append(out.Travellers, e)
	}
	WriteJSON(w, http.StatusOK, out)
}

func (c *Core) getTraveller(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	p, err := profile.Build(r.Context(), c.Store, id)
	if err != nil {
		notFoundOr500(w, err, "traveller", id)
		return
	}
	if err := c.audit(r, "traveller.read", fmt.Sprintf("identity:%d", id)); err != nil {
		Error(w, http.StatusInternalServerError, "audit: %v", err)
		return
	}
	WriteJSON(w, http.StatusOK, p)
}

// postScreen screens ad hoc queries against the lists in force: a JSON
// object (one query), a JSON array, or JSON Lines
// (Content-Type: application/x-ndjson), answered in the same shape.
func (c *Core) postScreen(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 8<<20))
	if err != nil {
		Error(w, http.StatusBadRequest, "reading body: %v", err)
		return
	}
	sc := c.Pipeline.Watchlists().Screener
	run := func(in screen.Input) (screen.Result, error) {
		q, err := in.Query()
		if err != nil {
			return screen.Result{}, err
		}
		ms := sc.Screen(q)
		if ms == nil {
			ms = []screen.Match{}
		}
		return screen.Result{ID: in.ID, Matches: ms}, nil
	}
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		Error(w, http.StatusBadRequest, "empty body: send a query {\"id\",\"name\",...}, an array of queries, or JSON Lines")
	case strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-ndjson"):
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		sc := bufio.NewScanner(bytes.NewReader(trimmed))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for line := 1; sc.Scan(); line++ {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			var in screen.Input
			if err := json.Unmarshal(sc.Bytes(), &in); err != nil {
				Error(w, http.StatusBadRequest, "line %d: %v", line, err)
				return
			}
			res, err := run(in)
			if err != nil {
				Error(w, http.StatusBadRequest, "line %d: %v", line, err)
				return
			}
			enc.Encode(res)
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Write(out.Bytes())
	case trimmed[0] == '[':
		var ins []screen.Input
		if err := json.Unmarshal(trimmed, &ins); err != nil {
			Error(w, http.StatusBadRequest, "invalid JSON array: %v", err)
			return
		}
		outs := make([]screen.Result, 0, len(ins))
		for i, in := range ins {
			res, err := run(in)
			if err != nil {
				Error(w, http.StatusBadRequest, "query %d: %v", i, err)
				return
			}
			outs = append(outs, res)
		}
		WriteJSON(w, http.StatusOK, outs)
	default:
		var in screen.Input
		if err := json.Unmarshal(trimmed, &in); err != nil {
			Error(w, http.StatusBadRequest, "invalid JSON: %v", err)
			return
		}
		res, err := run(in)
		if err != nil {
			Error(w, http.StatusBadRequest, "%v", err)
			return
		}
		WriteJSON(w, http.StatusOK, res)
	}
}

// StoreAuth authenticates bearer tokens against the store.
type StoreAuth struct{ Store *store.Store }

// Authenticate implements Authenticator.
func (a StoreAuth) Authenticate(ctx context.Context, token string) (Principal, error) {
	t, err := a.Store.LookupToken(ctx, token)
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrUnauthenticated
	}
	if err != nil {
		return Principal{}, err
	}
	return Principal{Name: t.Name, Role: t.Role}, nil
}
