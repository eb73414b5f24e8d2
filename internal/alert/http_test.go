package alert

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/store"
)

// tokens authenticates "<role>-token" as a principal of that role.
type tokens struct{}

func (tokens) Authenticate(_ context.Context, token string) (api.Principal, error) {
	role, ok := strings.CutSuffix(token, "-token")
	if !ok {
		return api.Principal{}, api.ErrUnauthenticated
	}
	return api.Principal{Name: role + "1", Role: role}, nil
}

type client struct {
	t   *testing.T
	srv *httptest.Server
}

func (c client) do(method, path, role, body string) (int, string, http.Header) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.srv.URL+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+role+"-token")
	}
	resp, err := c.srv.Client().Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header
}

func TestHTTP(t *testing.T) {
	fx := newFixture(t)
	unit := time.FixedZone("TRT", 3*3600)
	now := time.Date(2026, 11, 22, 6, 0, 0, 0, unit)
	svc := New(fx.st, WithClock(func() time.Time { return now }), WithLocation(unit))
	s := api.New(tokens{}, slog.New(slog.DiscardHandler), nil)
	Register(s, svc, nil)
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := client{t, srv}

	a := fx.raise(t, fx.flight, fx.ft, "E1", 0.9, "high")
	b := fx.raise(t, fx.flight, fx.ft, "E2", 0.99, "critical")
	path := fmt.Sprintf("/api/v1/alerts/%d", a.ID)

	// Roles: only analysts (and admins) decide; the lookout role and
	// others cannot, nor read the queue or details.
	for _, tc := range []struct {
		method, path, role string
		want               int
	}{
		{"POST", path + "/review", "lookout", http.StatusForbidden},
		{"POST", path + "/confirm", "lookout", http.StatusForbidden},
		{"POST", path + "/dismiss", "ingest", http.StatusForbidden},
		{"POST", path + "/review", "auditor", http.StatusForbidden},
		{"GET", path, "lookout", http.StatusForbidden},
		{"GET", "/api/v1/alerts", "lookout", http.StatusForbidden},
		{"GET", "/api/v1/alerts", "", http.StatusUnauthorized},
		{"GET", "/api/v1/lookout", "ingest", http.StatusForbidden},
		{"GET", "/api/v1/lookout", "lookout", http.StatusOK},
		{"GET", "/api/v1/lookout", "analyst", http.StatusOK},
		{"GET", "/api/v1/alerts", "admin", http.StatusOK},
	} {
		if code, body, _ := c.do(tc.method, tc.path, tc.role, ""); code != tc.want {
			t.Errorf("%s %s as %q = %d %s, want %d", tc.method, tc.path, tc.role, code, body, tc.want)
		}
	}
	if cur, _ := fx.st.Alert(ctx, a.ID); cur.Status != store.AlertNew {
		t.Fatalf("a refused call changed the alert: %s", cur.Status)
	}

	// The queue: priority then departure; filters; pagination.
	code, body, _ := c.do("GET", "/api/v1/alerts?limit=1", "analyst", "")
	var page api.List[View]
	if err := json.Unmarshal([]byte(body), &page); code != 200 || err != nil || len(page.Items) != 1 || page.NextOffset != 1 {
		t.Fatalf("page 1 = %d %s (%v)", code, body, err)
	}
	if page.Items[0].ID != a.ID || page.Items[0].Flight != "TK1970 2026-11-22 IST-GZT" || page.Items[0].Status != "new" {
		t.Fatalf("page 1 item = %+v", page.Items[0])
	}
	_, body, _ = c.do("GET", "/api/v1/alerts?limit=1&offset=1", "analyst", "")
	page = api.List[View]{}
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Items) != 1 || page.Items[0].ID != b.ID || page.NextOffset != 0 {
		t.Fatalf("page 2 = %s", body)
	}
	for q, n := range map[string]int{"status=confirmed": 0, "status=open&cause=watchlist&priority=2&flight=TK1970&date=2026-11-22": 2,
		"date=2026-11-23": 0, "flight=PC1": 0} {
		_, body, _ := c.do("GET", "/api/v1/alerts?"+q, "analyst", "")
		page = api.List[View]{}
		if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Items) != n {
			t.Errorf("?%s = %s, want %d items", q, body, n)
		}
	}
	for _, q := range []string{"status=closed", "priority=x", "limit=0", "date=tomorrow"} {
		if code, body, _ := c.do("GET", "/api/v1/alerts?"+q, "analyst", ""); code != http.StatusBadRequest {
			t.Errorf("?%s = %d %s, want 400", q, code, body)
		}
	}

	// Decisions: analysts can; reasons are required; forbidden moves are 409.
	steps := []struct {
		action, body string
		want         int
		status       string
	}{
		{"confirm", `{"reason":"x"}`, http.StatusConflict, "new"},
		{"review", ``, http.StatusOK, "in_review"},
		{"confirm", `{}`, http.StatusUnprocessableEntity, "in_review"},
		{"confirm", `{"reason":"x","extra":1}`, http.StatusBadRequest, "in_review"},
		{"confirm", `{"reason":"passport number matches"}`, http.StatusOK, "confirmed"},
		{"dismiss", `{"reason":"no"}`, http.StatusConflict, "confirmed"},
	}
	for _, st := range steps {
		code, body, _ := c.do("POST", path+"/"+st.action, "analyst", st.body)
		if code != st.want {
			t.Fatalf("%s %s = %d %s, want %d", st.action, st.body, code, body, st.want)
		}
		if code == http.StatusOK {
			var v View
			if err := json.Unmarshal([]byte(body), &v); err != nil || v.Status != st.status || v.ID != a.ID {
				t.Fatalf("%s: response %s", st.action, body)
			}
		}
		if cur, _ := fx.st.Alert(ctx, a.ID); cur.Status != st.status {
			t.Fatalf("after %s: status %s, want %s", st.action, cur.Status, st.status)
		}
	}
	if code, _, _ := c.do("POST", "/api/v1/alerts/999/review", "analyst", ""); code != http.StatusNotFound {
		t.Errorf("unknown alert = %d", code)
	}
	if code, _, _ := c.do("POST", "/api/v1/alerts/x/review", "analyst", ""); code != http.StatusBadRequest {
		t.Errorf("bad id = %d", code)
	}

	// Detail: flight, traveller, explanation, history; the read is audited.
	code, body, hdr := c.do("GET", path+"?purpose=case+17", "analyst", "")
	var d Detail
	if err := json.Unmarshal([]byte(body), &d); code != 200 || err != nil {
		t.Fatalf("detail = %d %s", code, body)
	}
	if d.Traveller == nil || d.Traveller.Data.Surname != "DOE" || d.Flight == nil || len(d.Events) != 3 ||
		d.Events[2].Actor != "api:analyst1" || d.Events[2].Reason != "passport number matches" || hdr.Get("Cache-Control") != "no-store" {
		t.Fatalf("detail = %s", body)
	}
	recs, _ := fx.st.AuditLog(ctx, 0, 1000)
	var audit []string
	for _, r := range recs {
		audit = append(audit, r.Actor+" "+r.Action+" "+r.Object+" "+r.Purpose)
	}
	want := []string{
		"api:lookout1 lookout.read lookout frontline lookout",
		"api:analyst1 lookout.read lookout frontline lookout",
		fmt.Sprintf("api:analyst1 alert.status alert:%d ", a.ID),
		fmt.Sprintf("api:analyst1 alert.status alert:%d passport number matches", a.ID),
		fmt.Sprintf("api:analyst1 alert.read alert:%d case 17", a.ID),
	}
	if fmt.Sprint(audit) != fmt.Sprint(want) {
		t.Fatalf("audit:\n%s\nwant:\n%s", strings.Join(audit, "\n"), strings.Join(want, "\n"))
	}

	// Lookout: the confirmed alert only, JSON and CSV.
	code, body, _ = c.do("GET", "/api/v1/lookout", "lookout", "")
	var rep LookoutReport
	if err := json.Unmarshal([]byte(body), &rep); code != 200 || err != nil || len(rep.Entries) != 1 || rep.Entries[0].AlertID != a.ID {
		t.Fatalf("lookout = %d %s", code, body)
	}
	code, body, hdr = c.do("GET", "/api/v1/lookout?format=csv", "lookout", "")
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if code != 200 || err != nil || len(rows) != 2 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
		!strings.Contains(hdr.Get("Content-Disposition"), "lookout-20261122T0300Z.csv") {
		t.Fatalf("lookout csv = %d %q %v %v", code, body, hdr, err)
	}
	if fmt.Sprint(rows[0]) != fmt.Sprint(LookoutColumns()) || rows[1][1] != "DOE" || rows[1][5] != "U123" {
		t.Fatalf("lookout csv rows = %q", rows)
	}
	if code, _, _ := c.do("GET", "/api/v1/lookout?format=xml", "lookout", ""); code != http.StatusBadRequest {
		t.Errorf("format=xml = %d", code)
	}
}
