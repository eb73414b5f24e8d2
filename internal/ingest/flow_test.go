package ingest

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// A booking and the API list of the same flight name the same listed
// person under different spellings: one flight traveller, one identity,
// one alert, however often the messages come.
const testPNR = "UNA:+.? '" +
	"UNB+IATA:1+TK+TRPIU+261120:0900+1'" +
	"UNH+1+PNRGOV:13:1:IA+TK1970/261122'" +
	"MSG+:22'ORG+TK:IST'TVL+221126:1000:221126:1130+IST+GZT+TK+1970'EQN+1'" +
	"SRC'RCI+TK:ABC123::151126:1200'DAT+700:151126:1200'" +
	"ORG+TK:IST+12345678:ISTTK01+IST+TK+T+TR:TRY'" +
	"TIF+ALOBAIDI+MOHAMED MR:A:1'" +
	"SSR+DOCS:HK:1:TK:::::/P/IRQ/A1234567/IRQ/01JAN80/M/01JAN30/ALOBAIDI/MOHAMED'" +
	"TVL+221126:1000:221126:1130+IST+GZT+TK+1970:Y'" +
	"UNT+12+1'UNZ+1+1'"

const testAPI = "UNA:+.? '" +
	"UNB+UNOA:4+TK+TRPIU+261122:0930+2'" +
	"UNH+2+PAXLST:D:05B:UN:IATA'BGM+745'NAD+MS+++TK OPS'" +
	"TDT+20+TK1970+++TK'LOC+125+IST'DTM+189:2611221000:201'LOC+87+GZT'DTM+232:2611221130:201'" +
	"NAD+FL+++AL-OBAIDI:MOHAMMED'ATT+2++M'DTM+329:800101'NAT+2+IRQ'RFF+AVF:ABC123'" +
	"DOC+P+A1234567'DTM+36:300101'LOC+91+IRQ'" +
	"CNT+42:1'UNT+16+2'UNZ+1+2'"

func TestAPIAndPNRMergeResolveAndAlert(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	entries := []watchlist.Entry{{
		List: "un", ID: "QDi.999", Kind: watchlist.KindIndividual,
		Names:         []watchlist.Name{{Full: "Muhammad Al-Obaidi", Given: "Muhammad", Surname: "Al-Obaidi", Quality: watchlist.QualityPrimary}},
		BirthDates:    []watchlist.BirthDate{{Date: "1980"}},
		Nationalities: []string{"IRQ"},
	}}
	v, _, err := st.PutWatchlistVersion(ctx, store.WatchlistVersion{List: "un", Format: "un", Source: "test"}, entries, "test")
	if err != nil {
		t.Fatal(err)
	}
	lists, err := LoadWatchlists(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	p := New(Config{Store: st, Watchlists: lists})
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	for round := range 2 {
		res, err := p.Process(ctx, []queue.Message{
			queue.NewMessage([]byte(testPNR), "test:pnr", now),
			queue.NewMessage([]byte(testAPI), "test:api", now),
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			want := Accepted
			if round == 1 {
				want = Duplicate
			}
			if r.Status != want {
				t.Fatalf("round %d: %s: %s %s", round, r.Source, r.Status, r.Reason)
			}
		}
	}
	flights, err := st.Flights(ctx, "2026-11-22")
	if err != nil || len(flights) != 1 {
		t.Fatalf("flights: %+v %v", flights, err)
	}
	fts, err := st.FlightTravellers(ctx, flights[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fts) != 1 {
		t.Fatalf("flight travellers = %d, want 1 (API and PNR merged): %+v", len(fts), fts)
	}
	ft := fts[0]
	if len(ft.Sources) != 2 || ft.IdentityID == 0 || ft.RecordLocator != "ABC123" {
		t.Errorf("merged traveller: sources %+v identity %d locator %q", ft.Sources, ft.IdentityID, ft.RecordLocator)
	}
	sc, err := st.LatestScreening(ctx, ft.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Hits != 1 || sc.ListVersions["un"] != v.ID {
		t.Errorf("screening: %d hits, versions %v (want un=%d)", sc.Hits, sc.ListVersions, v.ID)
	}
	alerts, err := st.Alerts(ctx, store.AlertFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 {
		t.Fatalf("alerts = %d, want 1", len(alerts))
	}
	a := alerts[0]
	if a.Cause != store.CauseWatchlist || a.List != "un" || a.EntryID != "QDi.999" || a.Status != store.AlertNew || a.IdentityID != ft.IdentityID {
		t.Errorf("alert %+v", a)
	}
	var expl map[string]any
	if err := json.Unmarshal(a.Explanation, &expl); err != nil || expl["matched_name"] == nil {
		t.Errorf("alert explanation %s: %v", a.Explanation, err)
	}
}

func TestRescreenAfterListUpdate(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	p := New(Config{Store: st, Now: func() time.Time { return time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC) }})
	if _, err := p.Process(ctx, []queue.Message{queue.NewMessage([]byte(testAPI), "test", time.Now())}); err != nil {
		t.Fatal(err)
	}
	if alerts, _ := st.Alerts(ctx, store.AlertFilter{}); len(alerts) != 0 {
		t.Fatalf("alerts before any list: %d", len(alerts))
	}
	entries := []watchlist.Entry{{List: "national", ID: "N-1", Kind: watchlist.KindIndividual,
		Names: []watchlist.Name{{Full: "Mohammed Al Obaidi", Quality: watchlist.QualityPrimary}}}}
	if _, _, err := st.PutWatchlistVersion(ctx, store.WatchlistVersion{List: "national", Format: "csv"}, entries, "test"); err != nil {
		t.Fatal(err)
	}
	lists, err := LoadWatchlists(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	p.SetWatchlists(lists)
	// The flight departs 2026-11-22: upcoming from the 20th, past from the 23rd.
	n, hits, err := p.Rescreen(ctx, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 0 || hits != 0 {
		t.Fatalf("rescreen of departed flights: %d screened, %d hits, %v", n, hits, err)
	}
	n, hits, err = p.Rescreen(ctx, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	if err != nil || n != 1 || hits != 1 {
		t.Fatalf("rescreen: %d screened, %d hits, %v", n, hits, err)
	}
	alerts, err := st.Alerts(ctx, store.AlertFilter{})
	if err != nil || len(alerts) != 1 || alerts[0].EntryID != "N-1" {
		t.Fatalf("alerts after rescreen: %+v %v", alerts, err)
	}
}
