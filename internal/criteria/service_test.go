package criteria

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/store"
)

// memRepo is an in-memory Repository.
type memRepo struct {
	mu       sync.Mutex
	byName   map[string]store.Criterion
	versions []store.Criterion
}

func newMemRepo() *memRepo { return &memRepo{byName: map[string]store.Criterion{}} }

func (m *memRepo) SaveCriterion(_ context.Context, c store.Criterion, actor string) (store.Criterion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c.Version = m.byName[c.Name].Version + 1
	c.UpdatedBy = actor
	m.byName[c.Name] = c
	m.versions = append(m.versions, c)
	return c, nil
}

func (m *memRepo) Criterion(_ context.Context, name string) (store.Criterion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.byName[name]
	if !ok {
		return store.Criterion{}, fmt.Errorf("criterion %q: %w", name, store.ErrNotFound)
	}
	return c, nil
}

func (m *memRepo) Criteria(_ context.Context, status string) ([]store.Criterion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Criterion
	for _, c := range m.byName {
		if status == "" || c.Status == status {
			out = append(out, c)
		}
	}
	return out, nil
}

// history yields n ordinary travellers, one broken-travel traveller in
// every ten, and one traveller whose flight is before the window.
func history(n int) HistoryFunc {
	return func(ctx context.Context, since time.Time) Subjects {
		return func(yield func(*Subject, error) bool) {
			old := ordinary()
			old.Flight.Departure = since.Add(-time.Hour)
			old.TravellerID = 999
			if !yield(old, nil) {
				return
			}
			for i := range n {
				s := ordinary()
				if i%10 == 0 {
					s = brokenTravel()
				}
				s.TravellerID, s.FlightTravellerID, s.FlightID = int64(i+1), int64(100+i), int64(1000+i%7)
				if !yield(s, nil) {
					return
				}
			}
		}
	}
}

func exampleFile(t *testing.T, name string) File {
	t.Helper()
	ex, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	f, ok := ex[name+".yaml"]
	if !ok {
		t.Fatalf("no example %s", name)
	}
	return f
}

func TestBacktest(t *testing.T) {
	c := newChecker(t)
	f := exampleFile(t, "border-oneway-cash-lastminute")
	since := fixedNow.AddDate(0, 0, -30)
	rep, err := c.Backtest(context.Background(), f.Criterion(), history(100)(context.Background(), since), since)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Evaluations != 100 || rep.Travellers != 100 || rep.Flights != 7 || rep.Hits != 10 || rep.HitTravellers != 10 ||
		rep.HitRate != 0.1 || rep.Errors != 0 || len(rep.Sample) != 10 {
		t.Errorf("report %+v", rep)
	}
	if rep.Sample[0].Explanation == nil || rep.Sample[0].Flight != "PC2850 2026-11-20T08:00 SAW-GZT" {
		t.Errorf("sample %+v", rep.Sample[0])
	}
	if rep.ExpressionSHA256 != ExpressionDigest(f.Expression) || !rep.RanAt.Equal(fixedNow) {
		t.Errorf("digest or time: %+v", rep)
	}
	for _, s := range rep.Stored().Sample {
		if s.Explanation != nil {
			t.Fatal("stored report keeps explanations")
		}
	}
	if rep.Sample[0].Explanation == nil {
		t.Fatal("Stored modified the report")
	}
	// An unlawful criterion is not backtested.
	if _, err := c.Backtest(context.Background(), crit("nat", `traveller.nationality == "SYR"`), history(1)(context.Background(), since), since); !errors.Is(err, ErrInvalid) {
		t.Errorf("unlawful backtest: %v", err)
	}
	// A failing source fails the backtest.
	failing := func(yield func(*Subject, error) bool) { yield(nil, errors.New("disk on fire")) }
	if _, err := c.Backtest(context.Background(), f.Criterion(), failing, since); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("failing source: %v", err)
	}
}

func TestWorkflow(t *testing.T) {
	ctx := context.Background()
	repo := newMemRepo()
	svc := &Service{Checker: newChecker(t), Store: repo, History: history(50)}
	f := exampleFile(t, "border-oneway-cash-lastminute")

	// Unlawful files are refused and nothing is saved.
	bad := f
	bad.Name, bad.Expression = "nationality-only", `traveller.nationality in ["SYR", "IRQ"]`
	if _, err := svc.Add(ctx, bad, "cli:ana"); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("add unlawful: %v", err)
	}
	active := f
	active.Status = store.CriterionActive
	if _, err := svc.Add(ctx, active, "cli:ana"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("add active: %v", err)
	}
	if len(repo.versions) != 0 {
		t.Fatalf("saved %d versions", len(repo.versions))
	}

	cr, err := svc.Add(ctx, f, "cli:ana")
	if err != nil || cr.Status != store.CriterionDraft || cr.Version != 1 {
		t.Fatalf("add: %+v %v", cr, err)
	}
	if _, err := svc.Activate(ctx, f.Name, "cli:bo"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "no backtest") {
		t.Fatalf("activate without backtest: %v", err)
	}
	rep, err := svc.Backtest(ctx, f.Name, 7, "cli:ana")
	if err != nil || rep.Hits != 5 || rep.RanBy != "cli:ana" {
		t.Fatalf("backtest: %+v %v", rep, err)
	}
	cr, _ = repo.Criterion(ctx, f.Name)
	stored, err := DecodeReport(cr.Backtest)
	if err != nil || stored.Hits != 5 || stored.Sample[0].Explanation != nil || cr.Version != 2 {
		t.Fatalf("stored backtest: %+v %v", stored, err)
	}

	// Changing the expression invalidates the backtest.
	changed := f
	changed.Expression += " && booking.travellers_count == 1"
	if _, err := svc.Add(ctx, changed, "cli:ana"); err != nil {
		t.Fatal(err)
	}
	cr, _ = repo.Criterion(ctx, f.Name)
	cr.Backtest = repo.versions[1].Backtest // as if the old report had been kept
	repo.byName[f.Name] = cr
	if _, err := svc.Activate(ctx, f.Name, "cli:bo"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "another expression") {
		t.Fatalf("activate stale backtest: %v", err)
	}
	if _, err := svc.Backtest(ctx, f.Name, 7, "cli:ana"); err != nil {
		t.Fatal(err)
	}
	cr, err = svc.Activate(ctx, f.Name, "cli:bo")
	if err != nil || cr.Status != store.CriterionActive || cr.UpdatedBy != "cli:bo" {
		t.Fatalf("activate: %+v %v", cr, err)
	}
	approved, _ := DecodeReport(cr.Backtest)
	if approved.ApprovedBy != "cli:bo" || !approved.ApprovedAt.Equal(fixedNow) {
		t.Errorf("approval %+v", approved)
	}
	// Backtesting an active criterion keeps the approved report.
	if _, err := svc.Backtest(ctx, f.Name, 7, "cli:ana"); err != nil {
		t.Fatal(err)
	}
	if now, _ := repo.Criterion(ctx, f.Name); now.Version != cr.Version {
		t.Errorf("backtest of an active criterion saved a version")
	}
	if _, err := svc.Activate(ctx, f.Name, "cli:bo"); !errors.Is(err, ErrConflict) {
		t.Errorf("activate twice: %v", err)
	}
	cr, err = svc.Retire(ctx, f.Name, "cli:bo")
	if err != nil || cr.Status != store.CriterionRetired {
		t.Fatalf("retire: %+v %v", cr, err)
	}
	if _, err := svc.Retire(ctx, f.Name, "cli:bo"); !errors.Is(err, ErrConflict) {
		t.Errorf("retire twice: %v", err)
	}
	if _, err := svc.Activate(ctx, "nope", "cli:bo"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("activate unknown: %v", err)
	}
}

func TestCheckFields(t *testing.T) {
	c := newChecker(t)
	cr := crit("X", `booking.paid_cash && flight.destination == "GZT"`)
	cr.Owner, cr.Justification, cr.Severity, cr.StartDate, cr.ReviewDate = "", "short", "urgent", "2026-11-01", "2028-01-01"
	_, err := c.Check(cr)
	for _, want := range []string{`name "X"`, "owner is required", "justification is required", `severity "urgent"`, "more than a year"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

func TestParseFile(t *testing.T) {
	f, err := ParseFile([]byte(`{"name": "json-file", "owner": "o", "justification": "j", "severity": "low",
		"start_date": "2026-11-01", "review_date": "2027-01-01", "expression": " booking.paid_cash "}`))
	if err != nil || f.Name != "json-file" || f.Status != store.CriterionDraft || f.Expression != "booking.paid_cash" {
		t.Errorf("json: %+v %v", f, err)
	}
	f, err = ParseFile([]byte("name: yaml-file\nstart_date: 2026-11-01\n"))
	if err != nil || f.StartDate != "2026-11-01" {
		t.Errorf("yaml date: %+v %v", f, err)
	}
	if _, err := ParseFile([]byte("name: x\nreligion: y\n")); err == nil || !strings.Contains(err.Error(), "religion") {
		t.Errorf("unknown field: %v", err)
	}
}

func TestHTTP(t *testing.T) {
	svc := &Service{Checker: newChecker(t), Store: newMemRepo(), History: history(20)}
	h := NewHandlers(svc, nil)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/criteria", h.List)
	mux.HandleFunc("POST /api/v1/criteria", h.Create)
	mux.HandleFunc("GET /api/v1/criteria/{name}", h.Get)
	mux.HandleFunc("POST /api/v1/criteria/{name}/backtest", h.Backtest)
	mux.HandleFunc("POST /api/v1/criteria/{name}/activate", h.Activate)
	mux.HandleFunc("POST /api/v1/criteria/{name}/retire", h.Retire)
	do := func(method, path string, body any) (int, string) {
		var rd *strings.Reader
		if body != nil {
			b, _ := json.Marshal(body)
			rd = strings.NewReader(string(b))
		} else {
			rd = strings.NewReader("")
		}
		req := httptest.NewRequest(method, path, rd)
		req = req.WithContext(api.WithPrincipal(req.Context(), api.Principal{Name: "ana", Role: api.RoleAnalyst}))
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	f := exampleFile(t, "istanbul-border-broken-travel")
	bad := f
	bad.Expression = `traveller["religion"] == "x" && booking.paid_cash`
	if code, body := do("POST", "/api/v1/criteria", bad); code != 422 || !strings.Contains(body, `refused: references \"traveller.religion\"`) {
		t.Errorf("unlawful: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria?check=true", bad); code != 200 || !strings.Contains(body, `"ok":false`) {
		t.Errorf("check unlawful: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria?check=true", f); code != 200 || !strings.Contains(body, `"ok":true`) {
		t.Errorf("check: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria", f); code != 201 || !strings.Contains(body, `"updated_by":"api:ana"`) {
		t.Errorf("create: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria/"+f.Name+"/activate", nil); code != 409 {
		t.Errorf("activate early: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria/"+f.Name+"/backtest?days=x", nil); code != 400 {
		t.Errorf("bad days: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria/"+f.Name+"/backtest?days=10", nil); code != 200 || !strings.Contains(body, `"hits":2`) {
		t.Errorf("backtest: %d %s", code, body)
	}
	if code, body := do("POST", "/api/v1/criteria/"+f.Name+"/activate", nil); code != 200 || !strings.Contains(body, `"status":"active"`) {
		t.Errorf("activate: %d %s", code, body)
	}
	if code, body := do("GET", "/api/v1/criteria?status=active", nil); code != 200 || !strings.Contains(body, f.Name) {
		t.Errorf("list: %d %s", code, body)
	}
	if code, _ := do("GET", "/api/v1/criteria?status=nope", nil); code != 400 {
		t.Errorf("list bad status: %d", code)
	}
	if code, _ := do("GET", "/api/v1/criteria/missing", nil); code != 404 {
		t.Errorf("get missing: %d", code)
	}
	if code, body := do("POST", "/api/v1/criteria/"+f.Name+"/retire", nil); code != 200 || !strings.Contains(body, `"status":"retired"`) {
		t.Errorf("retire: %d %s", code, body)
	}
}

func TestActivateNeedsHistory(t *testing.T) {
	ctx := context.Background()
	empty := func(context.Context, time.Time) Subjects { return func(func(*Subject, error) bool) {} }
	svc := &Service{Checker: newChecker(t), Store: newMemRepo(), History: empty}
	f := exampleFile(t, "border-return-not-flown")
	if _, err := svc.Add(ctx, f, "cli:ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Backtest(ctx, f.Name, 30, "cli:ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Activate(ctx, f.Name, "cli:bo"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "no traveller") {
		t.Errorf("activate on an empty backtest: %v", err)
	}
}
