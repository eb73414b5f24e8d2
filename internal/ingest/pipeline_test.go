package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func sample(t *testing.T, rel string) queue.Message {
	t.Helper()
	p := filepath.Join("../../testdata/messages/gtas", rel)
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return queue.NewMessage(data, "file:"+rel, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
}

func TestProcessSamples(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	p := New(Config{Store: st, CardHash: func(s string) string { return "h" + s[len(s)-4:] }})
	batch := []queue.Message{
		sample(t, "gtas-job-scheduler-war/tamr-integration-data/flight2.txt"),
		sample(t, "gtas-job-scheduler-war/tamr-integration-data/flight3.at-ec62b145.txt"),
		sample(t, "gtas-loader/pnr-messages/pnr1.txt"),
		sample(t, "gtas-parsers/pnr-messages/pnrBadFormat.txt"),
		sample(t, "gtas-loader/pnr-messages/pnr1.txt"), // the same bytes again
	}
	res, err := p.Process(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{Accepted, Accepted, Accepted, Rejected, Duplicate}
	for i, r := range res {
		if r.Status != want[i] {
			t.Errorf("message %d (%s): status %s (%s), want %s", i, r.Source, r.Status, r.Reason, want[i])
		}
	}
	if res[3].Reason == "" || res[4].MessageID != res[2].MessageID {
		t.Errorf("rejected reason %q; duplicate id %d vs %d", res[3].Reason, res[4].MessageID, res[2].MessageID)
	}
	// The same bytes in a later batch are still a duplicate.
	again, err := p.Process(ctx, batch[:1])
	if err != nil || again[0].Status != Duplicate {
		t.Fatalf("re-ingest: %+v %v", again, err)
	}
	rejected, err := st.ListRaw(ctx, store.RawFilter{Status: store.StatusRejected})
	if err != nil || len(rejected) != 1 || rejected[0].RejectReason == "" {
		t.Fatalf("rejected messages: %+v %v", rejected, err)
	}

	// flight2 and an older version of flight3 are two API lists for the
	// same flight FI615: eight people are identical in both and merge into
	// one flight traveller each; CHIANG has another birth date and the
	// documents of THEBAULT come back under another name, so resolution,
	// which prefers a missed merge to a wrong one, keeps those apart.
	flights, err := st.Flights(ctx, "2020-02-26")
	if err != nil || len(flights) != 1 {
		t.Fatalf("flights on 2020-02-26: %v %v", flights, err)
	}
	fts, err := st.FlightTravellers(ctx, flights[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]bool{}
	twoLists := 0
	for _, ft := range fts {
		if ft.IdentityID == 0 {
			t.Errorf("traveller %d has no identity", ft.ID)
		}
		ids[ft.IdentityID] = true
		if len(ft.Sources) == 2 {
			twoLists++
		}
	}
	if len(fts) != 12 || len(ids) != 12 || twoLists != 8 {
		t.Errorf("FI615: %d travellers, %d identities, %d seen in both lists; want 12, 12, 8", len(fts), len(ids), twoLists)
	}
}
