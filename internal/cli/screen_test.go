package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

const (
	testUN   = "../../testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml"
	testOFAC = "../../testdata/watchlists/ofac-sdn-2022-01-31"
)

func runCmd(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), env, args)
	return out.String(), errb.String(), code
}

func TestScreenCommand(t *testing.T) {
	in := `{"id":"p1","name":"BIN LADIN/USAMA MR","birth_date":"1957"}
{"id":"p2","name":"Jane Example"}
not json
{"id":"p4","name":"ABUBAKAR AL-BAGHDADI","birth_date":"1971-07-01","nationality":"IRQ","gender":"M","document":{"type":"passport","number":"X123","country":"IRQ"}}
{"id":"p5","name":"x","birth_date":"71"}
`
	out, errs, code := runCmd(t, in, "screen", "--list", "un:"+testUN, "--list", "ofac:"+testOFAC)
	if code != 1 {
		t.Errorf("exit %d, want 1 (bad lines); stderr %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d output lines, want 5:\n%s", len(lines), out)
	}
	var r1 struct {
		ID      string `json:"id"`
		Matches []struct {
			List        string          `json:"list"`
			EntryID     string          `json:"entry_id"`
			Score       float64         `json:"score"`
			MatchedName string          `json:"matched_name"`
			Explanation json.RawMessage `json:"explanation"`
		} `json:"matches"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &r1); err != nil {
		t.Fatal(err)
	}
	if r1.ID != "p1" || len(r1.Matches) == 0 || r1.Matches[0].EntryID == "" || len(r1.Matches[0].Explanation) < 10 {
		t.Errorf("p1: %s", lines[0])
	}
	for i := 1; i < len(r1.Matches); i++ {
		if r1.Matches[i].Score > r1.Matches[i-1].Score {
			t.Error("matches not best first")
		}
	}
	if !strings.Contains(lines[1], `"matches":[]`) {
		t.Errorf("p2 should have no matches: %s", lines[1])
	}
	if !strings.Contains(lines[2], `"line":3`) || !strings.Contains(lines[2], `"error"`) {
		t.Errorf("bad line 3: %s", lines[2])
	}
	if !strings.Contains(lines[3], `"entry_id":"QDi.299"`) {
		t.Errorf("p4: %s", lines[3])
	}
	if !strings.Contains(lines[4], `"line":5`) {
		t.Errorf("bad date line 5: %s", lines[4])
	}
}

func TestScreenCommandUsage(t *testing.T) {
	if _, _, code := runCmd(t, "", "screen"); code != 2 {
		t.Errorf("no --list: exit %d, want 2", code)
	}
	if _, errs, code := runCmd(t, "", "screen", "--list", "un:/nonexistent.xml"); code == 0 || !strings.Contains(errs, "nonexistent") {
		t.Errorf("missing file: exit %d, %s", code, errs)
	}
}

func TestNamesCompare(t *testing.T) {
	in := `{"id":"1","a":"Abd al-Rahman Yasin","b":"ABDURRAHMAN YASSIN"}
{"id":"2","a":"Hassan Ali","b":"Hussein Ali"}
{"id":"3","a":"Muhammad Yusuf","b":"Mohamed Youssef","a_birth_date":"1970","b_birth_date":"1990"}
{"id":"4","a":"only a"}
`
	out, _, code := runCmd(t, in, "names", "compare")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines:\n%s", len(lines), out)
	}
	score := func(l string) float64 {
		var r struct {
			Score       float64         `json:"score"`
			Explanation json.RawMessage `json:"explanation"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || len(r.Explanation) < 10 {
			t.Fatalf("bad line %s: %v", l, err)
		}
		return r.Score
	}
	if s := score(lines[0]); s < 0.9 {
		t.Errorf("1: %.3f", s)
	}
	if s := score(lines[1]); s >= 0.8 {
		t.Errorf("2: %.3f", s)
	}
	if s := score(lines[2]); s >= 0.8 {
		t.Errorf("3 (conflicting dates): %.3f", s)
	}
	if !strings.Contains(lines[3], `"line":4`) {
		t.Errorf("4: %s", lines[3])
	}
}

func TestBenchMatchingCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the matching benchmark")
	}
	out, errs, code := runCmd(t, "", "bench", "matching", "--un", testUN, "--ofac", testOFAC, "--decoys", "200", "--per-class", "30", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Classes []struct {
			Class   string  `json:"class"`
			Queries int     `json:"queries"`
			R1      float64 `json:"recall_at_1"`
		} `json:"classes"`
		Decoys int     `json:"decoys"`
		Speed  float64 `json:"screenings_per_second_per_core"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Classes) != 9 || rep.Decoys != 200 || rep.Speed <= 0 { // screen.BenchClasses
		t.Errorf("report: %+v", rep)
	}
	if _, errs, code := runCmd(t, "", "bench", "matching", "--un", "/nonexistent.xml", "--ofac", testOFAC); code == 0 || !strings.Contains(errs, "nonexistent") {
		t.Errorf("bad --un: exit %d %s", code, errs)
	}
	if _, _, code := runCmd(t, "", "bench", "nosuch"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}
