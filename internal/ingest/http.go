package ingest

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

	"github.com/chokepoint/chokepoint/internal/api"
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

// HTTP serves the pipeline's routes: message intake, stored and rejected
// messages, and ad hoc screening against the lists in force.
type HTTP struct {
	Store    *store.Store
	Pipeline *Pipeline
	// Queue, when set, receives submitted messages for workers instead of
	// the pipeline processing them in the request.
	Queue Publisher
}

// Register mounts the routes on srv.
func (h *HTTP) Register(srv *api.Server) {
	srv.Handle("POST /api/v1/messages", []string{api.RoleIngest}, h.postMessage)
	srv.Handle("GET /api/v1/messages", []string{api.RoleAnalyst, api.RoleAuditor}, h.listMessages)
	srv.Handle("GET /api/v1/messages/{id}", []string{api.RoleAnalyst, api.RoleAuditor}, h.getMessage)
	srv.Handle("POST /api/v1/screen", []string{api.RoleAnalyst}, h.postScreen)
}

// MessageResponse answers a submitted message.
type MessageResponse struct {
	MessageID int64   `json:"message_id,omitempty"`
	SHA256    string  `json:"sha256"`
	Status    string  `json:"status"`
	Reason    string  `json:"reason,omitempty"`
	Parsed    *Result `json:"parsed,omitempty"`
}

func (h *HTTP) postMessage(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxMessageBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			api.Error(w, http.StatusRequestEntityTooLarge, "message larger than %d bytes", MaxMessageBytes)
			return
		}
		api.Error(w, http.StatusBadRequest, "reading body: %v", err)
		return
	}
	if len(bytes.TrimSpace(body)) == 0 {
		api.Error(w, http.StatusBadRequest, "empty body: send the raw EDIFACT or XML message")
		return
	}
	p := api.PrincipalFrom(r.Context())
	msg := queue.NewMessage(body, "http:"+p.Name, time.Now())
	if h.Queue != nil {
		if err := h.Queue.Publish(r.Context(), msg); err != nil {
			api.Error(w, http.StatusServiceUnavailable, "queue unavailable: %v", err)
			return
		}
		api.WriteJSON(w, http.StatusAccepted, MessageResponse{SHA256: msg.SHA256, Status: "queued"})
		return
	}
	res, err := h.Pipeline.Process(r.Context(), []queue.Message{msg})
	if err != nil {
		api.Error(w, http.StatusServiceUnavailable, "message not stored, retry: %v", err)
		return
	}
	out := res[0]
	resp := MessageResponse{MessageID: out.MessageID, SHA256: out.SHA256, Status: out.Status, Reason: out.Reason, Parsed: &out}
	switch out.Status {
	case Rejected:
		// Kept, but unreadable: the reason names the segment.
		api.WriteJSON(w, http.StatusUnprocessableEntity, struct {
			Error string `json:"error"`
			MessageResponse
		}{out.Reason, resp})
	case Duplicate:
		api.WriteJSON(w, http.StatusOK, resp)
	default:
		api.WriteJSON(w, http.StatusCreated, resp)
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

func (h *HTTP) listMessages(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.RawFilter{Status: q.Get("status")}
	switch f.Status {
	case "", store.StatusAccepted, store.StatusRejected:
	default:
		api.Error(w, http.StatusBadRequest, "status must be accepted or rejected, got %q", f.Status)
		return
	}
	page, err := api.ParsePage(r)
	if err != nil {
		api.Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	f.Limit = page.Limit
	if v := q.Get("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			api.Error(w, http.StatusBadRequest, "before must be a message id, got %q", v)
			return
		}
		f.Before = n
	}
	msgs, err := h.Store.ListRaw(r.Context(), f)
	if err != nil {
		api.Error(w, http.StatusInternalServerError, "listing messages: %v", err)
		return
	}
	out := api.CursorList[rawJSON]{Items: make([]rawJSON, 0, len(msgs))}
	for _, m := range msgs {
		out.Items = append(out.Items, toRawJSON(m))
	}
	if len(msgs) == f.Limit && len(msgs) > 0 {
		out.NextBefore = msgs[len(msgs)-1].ID
	}
	api.WriteJSON(w, http.StatusOK, out)
}

func (h *HTTP) getMessage(w http.ResponseWriter, r *http.Request) {
	id, ok := api.PathID(w, r, "id")
	if !ok {
		return
	}
	m, err := h.Store.Raw(r.Context(), id)
	if err != nil {
		api.NotFoundOr500(w, err, "message", id)
		return
	}
	if err := api.AuditRead(h.Store, r, "message.read", fmt.Sprintf("message:%d", id)); err != nil {
		api.Error(w, http.StatusInternalServerError, "audit: %v", err)
		return
	}
	api.WriteJSON(w, http.StatusOK, toRawJSON(m))
}

// postScreen screens ad hoc queries against the lists in force: a JSON
// object (one query), a JSON array, or JSON Lines
// (Content-Type: application/x-ndjson), answered in the same shape.
func (h *HTTP) postScreen(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 8<<20))
	if err != nil {
		api.Error(w, http.StatusBadRequest, "reading body: %v", err)
		return
	}
	sc := h.Pipeline.Watchlists().Screener
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
		api.Error(w, http.StatusBadRequest, "empty body: send a query {\"id\",\"name\",...}, an array of queries, or JSON Lines")
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
				api.Error(w, http.StatusBadRequest, "line %d: %v", line, err)
				return
			}
			res, err := run(in)
			if err != nil {
				api.Error(w, http.StatusBadRequest, "line %d: %v", line, err)
				return
			}
			enc.Encode(res)
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Write(out.Bytes())
	case trimmed[0] == '[':
		var ins []screen.Input
		if err := json.Unmarshal(trimmed, &ins); err != nil {
			api.Error(w, http.StatusBadRequest, "invalid JSON array: %v", err)
			return
		}
		outs := make([]screen.Result, 0, len(ins))
		for i, in := range ins {
			res, err := run(in)
			if err != nil {
				api.Error(w, http.StatusBadRequest, "query %d: %v", i, err)
				return
			}
			outs = append(outs, res)
		}
		api.WriteJSON(w, http.StatusOK, outs)
	default:
		var in screen.Input
		if err := json.Unmarshal(trimmed, &in); err != nil {
			api.Error(w, http.StatusBadRequest, "invalid JSON: %v", err)
			return
		}
		res, err := run(in)
		if err != nil {
			api.Error(w, http.StatusBadRequest, "%v", err)
			return
		}
		api.WriteJSON(w, http.StatusOK, res)
	}
}
