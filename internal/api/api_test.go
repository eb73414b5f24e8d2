package api

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type fakeAuth map[string]Principal

func (f fakeAuth) Authenticate(_ context.Context, token string) (Principal, error) {
	if p, ok := f[token]; ok {
		return p, nil
	}
	return Principal{}, ErrUnauthenticated
}

func newTestServer() *Server {
	s := New(fakeAuth{"a": {Name: "alice", Role: RoleAnalyst}, "i": {Name: "feed", Role: RoleIngest}},
		slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	s.Handle("GET /api/v1/thing", []string{RoleAnalyst}, func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, http.StatusOK, map[string]string{"who": PrincipalFrom(r.Context()).Name})
	})
	s.Handle("GET /api/v1/boom", []string{RoleAnalyst}, func(w http.ResponseWriter, r *http.Request) {
		panic("bug")
	})
	return s
}

func TestAuthAndErrors(t *testing.T) {
	s := newTestServer()
	tests := []struct {
		name, path, token string
		code              int
		contains          string
	}{
		{"health needs no token", "/healthz", "", 200, `"ok"`},
		{"missing token", "/api/v1/thing", "", 401, "missing bearer token"},
		{"bad token", "/api/v1/thing", "nope", 401, "invalid token"},
		{"wrong role", "/api/v1/thing", "i", 403, `role \"ingest\" may not call`},
		{"allowed", "/api/v1/thing", "a", 200, `"alice"`},
		{"metrics need a token", "/metrics", "", 401, "missing bearer token"},
		{"metrics", "/metrics", "a", 200, "chokepoint_http_requests_total"},
		{"unknown route", "/api/v1/none", "a", 404, "no such route"},
		{"panic becomes JSON 500", "/api/v1/boom", "a", 500, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", tt.path, nil)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.code {
				t.Errorf("status %d, want %d (body %s)", rec.Code, tt.code, rec.Body)
			}
			if !strings.Contains(rec.Body.String(), tt.contains) {
				t.Errorf("body %q lacks %q", rec.Body, tt.contains)
			}
			if tt.code >= 400 {
				var e ErrorBody
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Status != tt.code || e.Error == "" {
					t.Errorf("error body %q is not a JSON error: %v", rec.Body, err)
				}
			}
		})
	}
}

func TestParsePage(t *testing.T) {
	tests := []struct {
		query         string
		limit, offset int
		bad           bool
	}{
		{"", 100, 0, false},
		{"limit=5&offset=10", 5, 10, false},
		{"limit=0", 0, 0, true},
		{"limit=100000", 0, 0, true},
		{"offset=-1", 0, 0, true},
		{"limit=x", 0, 0, true},
	}
	for _, tt := range tests {
		p, err := ParsePage(httptest.NewRequest("GET", "/x?"+tt.query, nil))
		if (err != nil) != tt.bad {
			t.Errorf("%q: err %v, bad %v", tt.query, err, tt.bad)
			continue
		}
		if !tt.bad && (p.Limit != tt.limit || p.Offset != tt.offset) {
			t.Errorf("%q: got %+v", tt.query, p)
		}
	}
}

func TestNewList(t *testing.T) {
	l := NewList([]int{1, 2, 3}, Page{Limit: 2, Offset: 4})
	if len(l.Items) != 2 || l.NextOffset != 6 {
		t.Errorf("list %+v", l)
	}
	l = NewList([]int(nil), Page{Limit: 2})
	if l.Items == nil || l.NextOffset != 0 {
		t.Errorf("empty list %+v", l)
	}
}
