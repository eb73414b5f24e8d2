package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// alertsStore makes a data directory with one flight, one traveller and a
// watchlist alert and a criterion alert on them.
func alertsStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fl, err := st.UpsertFlight(ctx, 0, message.Flight{Carrier: "TK", Number: "1970", Origin: "IST", Destination: "GZT",
		Departure: "2026-11-22T08:00", Arrival: "2026-11-22T09:30"})
	if err != nil {
		t.Fatal(err)
	}
	ft := &store.FlightTraveller{FlightID: fl, Traveller: message.Traveller{Surname: "DOE", GivenNames: "JOHN", BirthDate: "1980-02-03"}}
	if err := st.PutFlightTraveller(ctx, ft); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*store.Alert{
		{FlightTravellerID: ft.ID, FlightID: fl, Cause: store.CauseWatchlist, List: "un", EntryID: "QDi.001", Severity: "high",
			Priority: 2, Explanation: json.RawMessage(`{"score": 0.9, "matched_name": "DOE JOHN"}`)},
		{FlightTravellerID: ft.ID, FlightID: fl, Cause: store.CauseCriterion, Rule: "one-way-cash", Severity: "medium",
			Priority: 3},
	} {
		if _, err := st.UpsertAlert(ctx, a, "pipeline"); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string {
			if k == "USER" {
				return "ann"
			}
			return ""
		}}
	code := Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

var timesRE = regexp.MustCompile(`"(created|updated)":"[^"]+"`)

func TestAlertsJSONGolden(t *testing.T) {
	dir := alertsStore(t)
	code, out, errs := runCLI("alerts", "--data", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 lines:\n%s", out)
	}
	got := timesRE.ReplaceAllString(lines[0], `"$1":"T"`)
	want := `{"id":1,"traveller_id":0,"flight_traveller_id":1,"flight_id":1,"cause":"watchlist","list":"un","entry_id":"QDi.001",` +
		`"severity":"high","priority":2,"status":"new","flight":"TK1970 2026-11-22 IST-GZT","departure":"2026-11-22T08:00",` +
		`"explanation":{"score":0.9,"matched_name":"DOE JOHN"},"created":"T","updated":"T"}`
	if got != want {
		t.Fatalf("line 1:\n%s\nwant:\n%s", got, want)
	}
	var second map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if second["rule"] != "one-way-cash" || second["cause"] != "criterion" || second["list"] != nil ||
		second["explanation"] == nil || second["created"] == nil {
		t.Fatalf("line 2 = %s", lines[1])
	}
	// Filters.
	if code, out, _ := runCLI("alerts", "--data", dir, "--json", "--cause", "criterion"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Fatalf("--cause criterion: %d %s", code, out)
	}
	if code, out, _ := runCLI("alerts", "--json", "--status", "confirmed", "--data", dir); code != 0 || out != "" {
		t.Fatalf("--status confirmed: %d %q", code, out)
	}
	if code, _, errs := runCLI("alerts", "--data", dir, "--status", "closed"); code != 2 || !strings.Contains(errs, "unknown status") {
		t.Fatalf("bad status: %d %s", code, errs)
	}
	// The table has a header and one row per alert, without names.
	code, out, _ = runCLI("alerts", "--data", dir)
	if code != 0 || !strings.HasPrefix(out, "ID  ") || strings.Count(out, "\n") != 3 ||
		!strings.Contains(out, "un:QDi.001") || strings.Contains(out, "DOE") {
		t.Fatalf("table:\n%s", out)
	}
}

func TestAlertCommand(t *testing.T) {
	dir := alertsStore(t)
	steps := []struct {
		args []string
		code int
		out  string // substring of stdout or stderr
	}{
		{[]string{"alert", "confirm", "1", "--reason", "x", "--data", dir}, 1, "cannot confirm an alert that is new"},
		{[]string{"alert", "--data", dir, "review", "1"}, 0, "alert 1: in_review"},
		{[]string{"alert", "confirm", "1", "--data", dir}, 1, "a reason is required"},
		{[]string{"alert", "confirm", "--data", dir, "1", "--reason", "passport matches", "--actor", "analyst:bob"}, 0, "alert 1: confirmed"},
		{[]string{"alert", "dismiss", "1", "--reason", "no", "--data", dir}, 1, "cannot dismiss an alert that is confirmed"},
		{[]string{"alert", "review", "1", "--data", dir}, 1, "a reason is required"},
		{[]string{"alert", "dismiss", "2", "--reason=different birth date", "--data", dir}, 0, "alert 2: dismissed"},
		{[]string{"alert", "close", "1", "--data", dir}, 2, "unknown action"},
		{[]string{"alert", "review", "--data", dir}, 2, "want a verb"},
		{[]string{"alert", "review", "x", "--data", dir}, 2, "positive integer"},
		{[]string{"alert", "review", "99", "--data", dir}, 1, "not found"},
	}
	for _, s := range steps {
		code, out, errs := runCLI(s.args...)
		if code != s.code || !strings.Contains(out+errs, s.out) {
			t.Fatalf("%q: exit %d, stdout %q, stderr %q; want exit %d with %q", s.args, code, out, errs, s.code, s.out)
		}
	}
	code, out, errs := runCLI("alert", "show", "1", "--data", dir)
	if code != 0 {
		t.Fatalf("show: %d %s", code, errs)
	}
	for _, want := range []string{"alert       1 (confirmed)", "TK1970 2026-11-22 IST-GZT", "DOE, JOHN  born 1980-02-03",
		`"score":0.9`, "cli:ann", "new -> in_review", "analyst:bob", "in_review -> confirmed  passport matches", "allowed     review"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI("alert", "show", "1", "--json", "--data", dir)
	var d struct {
		Alert  map[string]any   `json:"alert"`
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil || len(d.Events) != 3 || d.Alert["status"] != "confirmed" {
		t.Fatalf("show --json: %d %v\n%s", code, err, out)
	}
	// Both reads are in the audit log.
	st, err := store.Open(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs, err := st.AuditLog(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, r := range recs {
		if r.Action == "alert.read" && r.Actor == "cli:ann" && r.Object == "alert:1" {
			reads++
		}
	}
	if reads != 2 {
		t.Fatalf("audited reads = %d, want 2", reads)
	}
}
