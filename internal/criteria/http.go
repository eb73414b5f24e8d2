package criteria

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/store"
)

// maxBody caps criterion request bodies.
const maxBody = 64 << 10

// Handlers serves the criteria routes. Each method is an
// http.HandlerFunc; Register mounts them all.
type Handlers struct {
	svc *Service
	log *slog.Logger
}

// NewHandlers returns the criteria handlers over a workflow service. log
// receives server-side failures (never personal data); nil discards them.
func NewHandlers(svc *Service, log *slog.Logger) *Handlers {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handlers{svc: svc, log: log}
}

// Register mounts the criteria routes on srv:
//
//	GET  /api/v1/criteria                  analyst, auditor  list (?status=draft|active|retired)
//	POST /api/v1/criteria                  analyst  add a criterion file (JSON) as a draft; ?check=true only checks
//	GET  /api/v1/criteria/{name}           analyst, auditor  one criterion with its approved backtest
//	POST /api/v1/criteria/{name}/backtest  analyst  backtest (?days=N, default 30)
//	POST /api/v1/criteria/{name}/activate  analyst  activate a backtested draft
//	POST /api/v1/criteria/{name}/retire    analyst  retire
//
// admin may call every route.
func Register(srv *api.Server, svc *Service, log *slog.Logger) {
	h := NewHandlers(svc, log)
	read := []string{api.RoleAnalyst, api.RoleAuditor}
	write := []string{api.RoleAnalyst}
	srv.Handle("GET /api/v1/criteria", read, h.List)
	srv.Handle("POST /api/v1/criteria", write, h.Create)
	srv.Handle("GET /api/v1/criteria/{name}", read, h.Get)
	srv.Handle("POST /api/v1/criteria/{name}/backtest", write, h.Backtest)
	srv.Handle("POST /api/v1/criteria/{name}/activate", write, h.Activate)
	srv.Handle("POST /api/v1/criteria/{name}/retire", write, h.Retire)
}

// CheckResult is the body answered by POST /api/v1/criteria?check=true.
type CheckResult struct {
	OK         bool     `json:"ok"`
	Error      string   `json:"error,omitempty"`
	CostMax    uint64   `json:"cost_max,omitempty"`
	Fields     []string `json:"fields,omitempty"`
	Conditions []string `json:"conditions,omitempty"`
}

// List answers GET /api/v1/criteria.
func (h *Handlers) List(w http.ResponseWriter, r *http.Request) {
	status := r.URL.Query().Get("status")
	switch status {
	case "", store.CriterionDraft, store.CriterionActive, store.CriterionRetired:
	default:
		api.Error(w, http.StatusBadRequest, "status must be draft, active or retired, got %q", status)
		return
	}
	list, err := h.svc.List(r.Context(), status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if list == nil {
		list = []store.Criterion{}
	}
	api.WriteJSON(w, http.StatusOK, map[string]any{"items": list})
}

// Create answers POST /api/v1/criteria: the body is a criterion file in
// JSON. With ?check=true the file is only checked (200 with a
// CheckResult, ok or not); otherwise it is saved as a draft (201), or
// refused (422 naming the reason).
func (h *Handlers) Create(w http.ResponseWriter, r *http.Request) {
	var f File
	if err := api.DecodeJSON(w, r, maxBody, &f); err != nil {
		api.Error(w, http.StatusBadRequest, "%v", err)
		return
	}
	if check, _ := strconv.ParseBool(r.URL.Query().Get("check")); check {
		cr := f.Criterion()
		if cr.Status == "" {
			cr.Status = store.CriterionDraft
		}
		ch, err := h.svc.Checker.Check(cr)
		if err != nil {
			api.WriteJSON(w, http.StatusOK, CheckResult{Error: err.Error()})
			return
		}
		api.WriteJSON(w, http.StatusOK, CheckResult{OK: true, CostMax: ch.CostMax, Fields: ch.Fields, Conditions: ch.Conditions})
		return
	}
	cr, err := h.svc.Add(r.Context(), f, actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusCreated, cr)
}

// Get answers GET /api/v1/criteria/{name}.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) {
	cr, err := h.svc.Get(r.Context(), r.PathValue("name"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusOK, cr)
}

// Backtest answers POST /api/v1/criteria/{name}/backtest?days=N with the
// Report (sample explanations included: the caller is an analyst).
func (h *Handlers) Backtest(w http.ResponseWriter, r *http.Request) {
	days := DefaultBacktestDays
	if v := r.URL.Query().Get("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 3650 {
			api.Error(w, http.StatusBadRequest, "days must be 1..3650, got %q", v)
			return
		}
		days = n
	}
	rep, err := h.svc.Backtest(r.Context(), r.PathValue("name"), days, actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusOK, rep)
}

// Activate answers POST /api/v1/criteria/{name}/activate.
func (h *Handlers) Activate(w http.ResponseWriter, r *http.Request) {
	cr, err := h.svc.Activate(r.Context(), r.PathValue("name"), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusOK, cr)
}

// Retire answers POST /api/v1/criteria/{name}/retire.
func (h *Handlers) Retire(w http.ResponseWriter, r *http.Request) {
	cr, err := h.svc.Retire(r.Context(), r.PathValue("name"), actor(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	api.WriteJSON(w, http.StatusOK, cr)
}

// actor names the caller in criterion versions and the audit log.
func actor(r *http.Request) string {
	p := api.PrincipalFrom(r.Context())
	if p.Name == "" {
		return ""
	}
	return "api:" + p.Name
}

// fail maps workflow and store errors to HTTP statuses.
func (h *Handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		api.Error(w, http.StatusNotFound, "%v", err)
	case errors.Is(err, ErrConflict):
		api.Error(w, http.StatusConflict, "%v", err)
	case errors.Is(err, ErrInvalid), errors.Is(err, store.ErrInvalid):
		api.Error(w, http.StatusUnprocessableEntity, "%v", err)
	default:
		h.log.Error("criteria request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		api.Error(w, http.StatusInternalServerError, "internal error")
	}
}
