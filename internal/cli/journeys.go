package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/airport"
	"github.com/chokepoint/chokepoint/internal/journey"
	"github.com/chokepoint/chokepoint/internal/store"
)

// runJourneys prints the journeys of one traveller identity, or of every
// identity with flights, computed from the store (docs/journeys.md).
func runJourneys(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "journeys")
	data := fs.String("data", "./chokepoint-data", "data directory (embedded store)")
	dsn := fs.String("store", "", "store DSN: empty for the embedded SQLite under --data, or postgres://...")
	asJSON := fs.Bool("json", false, "print one JSON object per journey (JSON Lines)")
	traveller := fs.Int64("traveller", 0, "traveller identity id; 0 lists every identity's journeys")
	groupsFile := fs.String("airport-groups", "", "JSON file of airport groups replacing the bundled ones")
	save := fs.Bool("save", false, "also store the computed journeys (as the ingest pipeline does)")
	asOf := fs.String("as-of", "", "judge legs not flown as of this time (RFC 3339, e.g. 2026-03-09T00:00:00Z) instead of now, for replayed data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	cfg := journey.Config{}
	if *asOf != "" {
		t, err := time.Parse(time.RFC3339, *asOf)
		if err != nil {
			return fmt.Errorf("%w: --as-of: %v", errUsage, err)
		}
		cfg.Now = func() time.Time { return t }
	}
	if *groupsFile != "" {
		g, err := airport.LoadGroupsFile(*groupsFile, airport.Default())
		if err != nil {
			return err
		}
		cfg.Groups = g
	}
	b, err := journey.NewBuilder(cfg)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *data, *dsn)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer st.Close()

	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	emit := func(id int64) error {
		var js []journey.Journey
		var err error
		if *save {
			js, err = b.Update(ctx, st, id)
		} else {
			js, err = b.Journeys(ctx, st, id)
		}
		if err != nil {
			return err
		}
		for _, j := range js {
			if *asJSON {
				if err := enc.Encode(j); err != nil {
					return fmt.Errorf("write: %w", err)
				}
				continue
			}
			fmt.Fprintln(out, journeyLine(j))
		}
		return nil
	}
	if *traveller != 0 {
		return emit(*traveller)
	}
	for after := int64(0); ; {
		ids, err := st.TravellingIdentities(ctx, after, 1000)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		for _, id := range ids {
			if err := emit(id); err != nil {
				return err
			}
		}
		after = ids[len(ids)-1]
	}
}

// journeyLine is the one-line text form of a journey.
func journeyLine(j journey.Journey) string {
	route := []string{j.Origin}
	for _, s := range j.Segments {
		route = append(route, s.Destination)
	}
	var flags []string
	for _, f := range []struct {
		on   bool
		name string
	}{{j.BrokenTravel, "broken"}, {j.OneWay, "one-way"}, {j.ReturnBookedNotFlown, "return-not-flown"},
		{j.PaidCash, "cash"}, {j.TravellingAlone, "alone"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	return fmt.Sprintf("traveller %d  %s .. %s  %s  bookings %d  %.1fh  final %s  %s",
		j.TravellerID, j.Start, j.End, strings.Join(route, ">"), j.Bookings, j.DurationHours,
		journeyOrDash(j.FinalGroup), strings.Join(flags, ","))
}

func journeyOrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
