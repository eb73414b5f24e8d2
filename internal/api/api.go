// Package api serves Chokepoint's HTTP interface: authentication by
// bearer token and role, JSON errors that name the reason, pagination,
// Prometheus metrics and the routes of every domain that exposes one. It
// holds no domain logic: each route hands over to the package that owns
// the concept, through the small interfaces declared next to the routes.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Roles a token can carry.
const (
	RoleAdmin   = "admin"   // everything
	RoleAnalyst = "analyst" // read travellers, decide alerts, author criteria
	RoleIngest  = "ingest"  // submit messages (airlines, brokers)
	RoleLookout = "lookout" // frontline officers: confirmed lookouts only
	RoleAuditor = "auditor" // read the audit log
)

// Principal is the authenticated caller.
type Principal struct {
	Name string // token name or id, for the audit log
	Role string
}

// Authenticator resolves a bearer token to a principal.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (Principal, error)
}

// ErrUnauthenticated is returned by an Authenticator for an unknown token.
var ErrUnauthenticated = errors.New("unknown or revoked token")

// Server is the HTTP interface.
type Server struct {
	auth    Authenticator
	log     *slog.Logger
	mux     *http.ServeMux
	reg     *prometheus.Registry
	metrics *httpMetrics
}

type httpMetrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// New returns a server with health and metrics routes; register domain
// routes with Handle.
func New(auth Authenticator, log *slog.Logger, reg *prometheus.Registry) *Server {
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	m := &httpMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "chokepoint_http_requests_total", Help: "HTTP requests by route and status class.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "chokepoint_http_request_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	s := &Server{auth: auth, log: log, mux: http.NewServeMux(), reg: reg, metrics: m}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.Handle("GET /metrics", []string{RoleAdmin, RoleAnalyst, RoleAuditor, RoleIngest},
		promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		Error(w, http.StatusNotFound, "no such route: %s %s", r.Method, r.URL.Path)
	})
	return s
}

// Registry returns the metrics registry, for domain packages' collectors.
func (s *Server) Registry() *prometheus.Registry { return s.reg }

// Handle registers an authenticated route allowed to the given roles
// (admin is always allowed).
func (s *Server) Handle(pattern string, roles []string, h http.HandlerFunc) {
	allowed := map[string]bool{RoleAdmin: true}
	for _, r := range roles {
		allowed[r] = true
	}
	route := pattern
	s.mux.Handle(pattern, s.instrument(route, func(w http.ResponseWriter, r *http.Request) {
		p, ok := s.authenticate(w, r)
		if !ok {
			return
		}
		if !allowed[p.Role] {
			Error(w, http.StatusForbidden, "role %q may not call %s", p.Role, route)
			return
		}
		h(w, r.WithContext(WithPrincipal(r.Context(), p)))
	}))
}

func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (Principal, bool) {
	h := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || strings.TrimSpace(token) == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="chokepoint"`)
		Error(w, http.StatusUnauthorized, "missing bearer token: send Authorization: Bearer <token> (chokepoint token create)")
		return Principal{}, false
	}
	p, err := s.auth.Authenticate(r.Context(), strings.TrimSpace(token))
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="chokepoint", error="invalid_token"`)
		if errors.Is(err, ErrUnauthenticated) {
			Error(w, http.StatusUnauthorized, "invalid token: %v", err)
		} else {
			s.log.Error("authentication failed", "err", err)
			Error(w, http.StatusServiceUnavailable, "authentication unavailable")
		}
		return Principal{}, false
	}
	return p, true
}

// instrument records metrics and turns a panic into a logged 500.
func (s *Server) instrument(route string, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		defer func() {
			if v := recover(); v != nil {
				s.log.Error("handler panic", "route", route, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if !sw.wrote {
					Error(sw, http.StatusInternalServerError, "internal error")
				}
			}
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(sw.code/100)+"xx").Inc()
			s.metrics.latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
		}()
		h(sw, r)
	})
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.wrote = true
	}
	return w.ResponseWriter.Write(b)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying the authenticated caller.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the authenticated caller of a request.
func PrincipalFrom(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// WriteJSON writes v as JSON with the status code.
func WriteJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// ErrorBody is the JSON form of every error response.
type ErrorBody struct {
	Error  string `json:"error"`
	Status int    `json:"status"`
}

// Error writes a JSON error naming the reason.
func Error(w http.ResponseWriter, code int, format string, args ...any) {
	WriteJSON(w, code, ErrorBody{Error: fmt.Sprintf(format, args...), Status: code})
}

// Page is a parsed pagination request: ?limit=N&offset=M (or &cursor=).
type Page struct {
	Limit  int
	Offset int
}

// MaxLimit caps page sizes.
const MaxLimit = 1000

// ParsePage reads limit and offset, defaulting to 100 and 0.
func ParsePage(r *http.Request) (Page, error) {
	p := Page{Limit: 100}
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxLimit {
			return p, fmt.Errorf("limit must be 1..%d, got %q", MaxLimit, v)
		}
		p.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, fmt.Errorf("offset must be a non-negative integer, got %q", v)
		}
		p.Offset = n
	}
	return p, nil
}

// List is the JSON envelope of a paginated list.
type List[T any] struct {
	Items      []T `json:"items"`
	Limit      int `json:"limit"`
	Offset     int `json:"offset"`
	NextOffset int `json:"next_offset,omitempty"`
}

// NewList builds a page envelope; items may hold one extra element that
// signals a next page.
func NewList[T any](items []T, p Page) List[T] {
	l := List[T]{Items: items, Limit: p.Limit, Offset: p.Offset}
	if len(items) > p.Limit {
		l.Items = items[:p.Limit]
		l.NextOffset = p.Offset + p.Limit
	}
	if l.Items == nil {
		l.Items = []T{}
	}
	return l
}

// DecodeJSON reads a JSON request body into v, refusing unknown fields and
// bodies over max bytes, with a reason fit for a 400.
func DecodeJSON(w http.ResponseWriter, r *http.Request, max int64, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, max)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fmt.Errorf("body larger than %d bytes", max)
		}
		return fmt.Errorf("invalid JSON body: %w", err)
	}
	return nil
}
