package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/scorecard"
)

// TestDemoScorecard runs a small world through the demo twice: the
// scorecard is computed from the alerts (never asserted into being), the
// same seed gives the same scorecard, and the minimums the system meets
// today hold (see the issue notes for the targets it does not meet yet).
func TestDemoScorecard(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo world")
	}
	run := func() scorecard.Card {
		var out bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard, Getenv: func(string) string { return "" }}
		c := demoConfig{seed: 5, days: 4, travellers: 1500, data: t.TempDir(), asJSON: true,
			un: "../../testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml", ofac: "../../testdata/watchlists/ofac-sdn-2022-01-31"}
		if err := demo(context.Background(), env, c); err != nil {
			t.Fatal(err)
		}
		var card scorecard.Card
		if err := json.Unmarshal(out.Bytes(), &card); err != nil {
			t.Fatalf("scorecard JSON: %v\n%s", err, out.Bytes())
		}
		return card
	}
	a, b := run(), run()
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if !bytes.Equal(ja, jb) {
		t.Errorf("same seed, different scorecards:\n%s\n%s", ja, jb)
	}
	for _, typ := range []string{"listed", "broken_travel"} {
		if s := a.Scenarios[typ]; s == nil || s.Planted == 0 || s.Recall < 0.8 {
			t.Errorf("%s: %+v", typ, s)
		}
	}
	for _, d := range []string{"decoy_tourist", "decoy_namesake", "decoy_business", "decoy_family"} {
		if s := a.Scenarios[d]; s != nil && s.Alerted > 0 {
			t.Errorf("%s: %d innocent look-alikes alerted", d, s.Alerted)
		}
	}
	if a.Ordinary == 0 || a.FalseAlertsPer1000 > 5 {
		t.Errorf("false alerts: %.2f per 1,000 of %d ordinary travellers", a.FalseAlertsPer1000, a.Ordinary)
	}
	t.Logf("scorecard: %s", ja)
}
