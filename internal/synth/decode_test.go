//go:build synthdecode

package synth

import (
	"context"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/decode"
	"github.com/chokepoint/chokepoint/internal/message"
)

// TestDecodeAll decodes every generated file with the real parsers
// (decode.Decode) and demands no error and no count warning; it runs under
// the synthdecode tag (see TestDecodeRoundTrip).
func TestDecodeAll(t *testing.T) {
	w := New(Config{Seed: 11, Days: 4, Travellers: 1500, Listed: testEntries()})
	opts := message.ParseOptions{CardHash: func(n string) string { return "h" + n[len(n)-4:] }}
	warned := map[string]int{}
	var nMsg, nAPI, nPNR, nBook int
	locs := map[string]bool{}
	_, err := w.Each(context.Background(), func(f File) error {
		msgs, err := decode.Decode(f.Data, opts)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if len(msgs) != f.Messages {
			t.Errorf("%s: %d messages decoded, %d written", f.Name, len(msgs), f.Messages)
		}
		for _, m := range msgs {
			nMsg++
			for _, wn := range m.Warnings {
				for _, bad := range []string{"UNT", "CNT", "EQN", "UNE", "UNZ"} {
					if strings.Contains(wn, bad) {
						t.Errorf("%s: count warning: %s", f.Name, wn)
					}
				}
				key := wn
				if len(key) > 60 {
					key = key[:60]
				}
				warned[key]++
			}
			if len(m.Flights) == 0 {
				t.Errorf("%s: no flight", f.Name)
			}
			switch m.Kind {
			case message.KindAPI:
				nAPI++
			case message.KindPNR:
				nPNR++
				nBook += len(m.Bookings)
				for _, b := range m.Bookings {
					locs[b.RecordLocator] = true
					for _, p := range b.Payments {
						if p.Method == message.PayCard && p.CardHash == "" {
							t.Errorf("%s %s: card not hashed: %+v", f.Name, b.RecordLocator, p)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, n := range warned {
		t.Logf("warning x%d: %s", n, k)
	}
	t.Logf("%d messages (%d API, %d PNR), %d bookings pushed, %d locators", nMsg, nAPI, nPNR, nBook, len(locs))
	for _, tr := range w.GroundTruth(nil).Travellers {
		for _, l := range tr.RecordLocators {
			in := false
			for _, f := range tr.Flights {
				in = in || f.InPeriod && f.RecordLocator == l
			}
			if in && !locs[l] {
				t.Errorf("%s: locator %s not in any decoded PNR", tr.ID, l)
			}
		}
	}
}
