package alert

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/store"
)

// maxBody caps decision request bodies.
const maxBody = 16 << 10

// DecisionRequest is the body of POST /api/v1/alerts/{id}/review|confirm|dismiss.
type DecisionRequest struct {
	Reason string `json:"reason"`
}

// Register mounts the alert routes on srv:
//
//	GET  /api/v1/alerts                 analyst  the queue (filters, pagination)
//	GET  /api/v1/alerts/{id}            analyst  detail (audited read)
//	POST /api/v1/alerts/{id}/review     analyst  start review, or reopen with a reason
//	POST /api/v1/alerts/{id}/confirm    analyst  confirm, with a reason
//	POST /api/v1/alerts/{id}/dismiss    analyst  dismiss, with a reason
//	GET  /api/v1/lookout                lookout, analyst  confirmed alerts of the next 24 h, JSON or CSV
//
// admin may call every route. log receives server-side failures (never
// personal data); nil discards them.
func Register(srv *api.Server, svc *Service, log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &handlers{svc: svc, log: log}
	analyst := []string{api.RoleAnalyst}
	srv.Handle("GET /api/v1/alerts", analyst, h.list)
	srv.Handle("GET /api/v1/alerts/{id}", analyst, h.detail)
	for _, a := range []Action{Review, Confirm, Dismiss} {
		srv.Handle("POST /api/v1/alerts/{id}/"+string(a), analyst, h.decide(a))
	}
	srv.Handle("GET /api/v1/lookout", []string{api.RoleLookout, api.RoleAnalyst}, h.lookout)
}

type handlers struct {
	svc *Service
	log *slog.Logger
}

func (h *handlers) list(w http.ResponseWriter, r *http.Request) {
	page, err := api.ParsePage(r)
	if err != nil {
		api.Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	f, err := ParseQuery(r.URL.Query())
	if err != nil {
		api.Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	f.Limit, f.Offset = page.Limit+1, page.Offset
	views, err := h.svc.Queue(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusOK, api.NewList(views, page))
}

func (h *handlers) detail(w http.ResponseWriter, r *http.Request) {
	id, ok := alertID(w, r)
	if !ok {
		return
	}
	d, err := h.svc.Detail(r.Context(), id, actor(r), r.URL.Query().Get("purpose"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	api.WriteJSON(w, http.StatusOK, d)
}

func (h *handlers) decide(a Action) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := alertID(w, r)
		if !ok {
			return
		}
		var req DecisionRequest
		if err := api.DecodeJSON(w, r, maxBody, &req); err != nil && !errors.Is(err, io.EOF) {
			api.Error(w, http.StatusBadRequest, "%v", err)
			return
		}
		al, err := h.svc.Decide(r.Context(), id, a, actor(r), req.Reason)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		it, err := h.svc.st.QueuedAlert(r.Context(), al.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		api.WriteJSON(w, http.StatusOK, NewView(it.Alert, it.Flight))
	}
}

func (h *handlers) lookout(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format == "" && strings.Contains(r.Header.Get("Accept"), "text/csv") {
		format = "csv"
	}
	if format != "" && format != "json" && format != "csv" {
		api.Error(w, http.StatusBadRequest, "format must be json or csv, got %q", format)
		return
	}
	rep, err := h.svc.Lookout(r.Context(), actor(r), r.URL.Query().Get("purpose"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="lookout-`+
			rep.From.Format("20060102T1504Z")+`.csv"`)
		if err := WriteLookoutCSV(w, rep.Entries); err != nil {
			h.log.Error("lookout csv", "err", err)
		}
		return
	}
	api.WriteJSON(w, http.StatusOK, rep)
}

// actor names the caller in alert events and the audit log.
func actor(r *http.Request) string {
	p := api.PrincipalFrom(r.Context())
	if p.Name == "" {
		return ""
	}
	return "api:" + p.Name
}

func alertID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		api.Error(w, http.StatusBadRequest, "alert id must be a positive integer, got %q", r.PathValue("id"))
		return 0, false
	}
	return id, true
}

// fail maps workflow and store errors to HTTP statuses.
func (h *handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		api.Error(w, http.StatusNotFound, "%v", err)
	case errors.Is(err, ErrForbidden), errors.Is(err, ErrConflict):
		api.Error(w, http.StatusConflict, "%v", err)
	case errors.Is(err, ErrReasonRequired), errors.Is(err, store.ErrInvalid):
		api.Error(w, http.StatusUnprocessableEntity, "%v", err)
	default:
		h.log.Error("alert request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		api.Error(w, http.StatusInternalServerError, "internal error")
	}
}
