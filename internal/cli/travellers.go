package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/chokepoint/chokepoint/internal/profile"
)

// runTravellers implements `chokepoint travellers --data DIR --json`: one
// line per traveller identity.
func runTravellers(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "travellers")
	var sf storeFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "one JSON object per traveller identity")
	hitsOnly := fs.Bool("hits", false, "only travellers with watchlist matches")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	if !*asJSON {
		fmt.Fprintln(w, "ID\tNAME\tBIRTH DATE\tFLIGHTS\tBOOKINGS\tMATCHES")
	}
	var after int64
	for {
		page, err := st.Identities(ctx, after, 500)
		if err != nil {
			return err
		}
		if len(page) == 0 {
			break
		}
		for _, ident := range page {
			p, err := profile.FromIdentity(ctx, st, ident)
			if err != nil {
				return err
			}
			if *hitsOnly && len(p.Matches) == 0 {
				continue
			}
			if *asJSON {
				if err := enc.Encode(p); err != nil {
					return err
				}
				continue
			}
			var ms []string
			for _, m := range p.Matches {
				ms = append(ms, fmt.Sprintf("%s:%s(%.2f)", m.List, m.EntryID, m.Score))
			}
			fmt.Fprintf(w, "%d\t%s/%s\t%s\t%d\t%s\t%s\n", p.ID, p.Surname, p.GivenNames, p.BirthDate, len(p.Flights),
				strings.Join(p.Bookings, " "), strings.Join(ms, " "))
		}
		after = page[len(page)-1].ID
	}
	if !*asJSON {
		return w.Flush()
	}
	return nil
}
