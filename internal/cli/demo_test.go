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
// same seed gives the same scorecard, and it meets the minimums. Decoys
// alerted are logged, not asserted: an innocent look-alike whose return
// falls after the world's end looks, in the data, like what is planted.
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
	// The minimums: every planted scenario type found with recall
	// at least 0.9, at most one false alert per 1,000 ordinary travellers.
	for typ, s := range a.Scenarios {
		if s.Decoy {
			continue
		}
		if s.Planted == 0 || s.Recall < 0.9 {
			t.Errorf("%s: recall %.2f (%d of %d), want at least 0.9", typ, s.Recall, s.Found, s.Planted)
		}
	}
	if len(a.Scenarios) < 9 {
		t.Errorf("scenario types scored: %d, want all 9", len(a.Scenarios))
	}
	if a.Ordinary == 0 || a.FalseAlertsPer1000 > 1 {
		t.Errorf("false alerts: %.2f per 1,000 of %d ordinary travellers, want at most 1", a.FalseAlertsPer1000, a.Ordinary)
	}
	t.Logf("scorecard: %s", ja)
}
