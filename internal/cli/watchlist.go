package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/store"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// runWatchlist implements `chokepoint watchlist import|versions`.
func runWatchlist(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, "usage: chokepoint watchlist import|versions [--data DIR] [--store DSN] ...")
		return errUsage
	}
	switch args[0] {
	case "import":
		return runWatchlistImport(ctx, env, args[1:])
	case "versions":
		return runWatchlistVersions(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown watchlist subcommand %q (import, versions)", errUsage, args[0])
}

// importReport is the JSON form of one list import.
type importReport struct {
	List       string              `json:"list"`
	VersionID  int64               `json:"version_id"`
	Format     string              `json:"format"`
	Source     string              `json:"source"`
	ListDate   string              `json:"list_date,omitempty"`
	Entries    int                 `json:"entries"`
	Unchanged  bool                `json:"unchanged"`
	Added      int                 `json:"added"`
	Changed    int                 `json:"changed"`
	Removed    int                 `json:"removed"`
	Problems   []watchlist.Problem `json:"problems"`
	Rescreened int                 `json:"rescreened"`
	NewHits    int                 `json:"new_hits"`
}

func runWatchlistImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "watchlist import")
	var sf storeFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	actor := fs.String("actor", "cli", "who imports, for the audit log")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "usage: chokepoint watchlist import [--data DIR] FORMAT:FILE ... (un:FILE, ofac:DIR, csv:FILE or csv:NAME=FILE)")
		return errUsage
	}
	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var reports []importReport
	for _, spec := range fs.Args() {
		imp, err := watchlist.Load(spec)
		if err != nil {
			return fmt.Errorf("%s: %w", spec, err)
		}
		v, unchanged, err := st.PutWatchlistVersion(ctx, store.WatchlistVersion{
			List: imp.List, Format: imp.Format, Source: imp.Source, ListDate: imp.Generated, Digest: imp.Digest,
		}, imp.Entries, *actor)
		if err != nil {
			return fmt.Errorf("store %s: %w", spec, err)
		}
		problems := imp.Problems
		if problems == nil {
			problems = []watchlist.Problem{}
		}
		reports = append(reports, importReport{
			List: v.List, VersionID: v.ID, Format: v.Format, Source: v.Source, ListDate: v.ListDate,
			Entries: v.EntryCount, Unchanged: unchanged, Added: len(v.Changes.Added), Changed: len(v.Changes.Changed),
			Removed: len(v.Changes.Removed), Problems: problems,
		})
	}
	// A list update reaches travellers who have not yet departed.
	lists, err := ingest.LoadWatchlists(ctx, st)
	if err != nil {
		return err
	}
	p := ingest.New(ingest.Config{Store: st, Watchlists: lists, Actor: "system:rescreen"})
	n, hits, err := p.Rescreen(ctx, time.Now().Add(-14*time.Hour))
	if err != nil {
		return fmt.Errorf("re-screen: %w", err)
	}
	for i := range reports {
		reports[i].Rescreened, reports[i].NewHits = n, hits
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, r := range reports {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return nil
	}
	for _, r := range reports {
		state := fmt.Sprintf("version %d: %d added, %d changed, %d removed", r.VersionID, r.Added, r.Changed, r.Removed)
		if r.Unchanged {
			state = fmt.Sprintf("unchanged since version %d", r.VersionID)
		}
		fmt.Fprintf(env.Stdout, "%s (%s, %s): %d entries, %s; %d problems\n", r.List, r.Format, r.ListDate, r.Entries, state, len(r.Problems))
		for _, p := range r.Problems {
			fmt.Fprintf(env.Stdout, "  skipped or partial: entry %q line %d: %s\n", p.Entry, p.Line, p.Reason)
		}
	}
	fmt.Fprintf(env.Stdout, "re-screened %d travellers of flights not yet departed: %d matches\n", n, hits)
	return nil
}

func runWatchlistVersions(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "watchlist versions")
	var sf storeFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON lines")
	list := fs.String("list", "", "only this list")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	var versions []store.WatchlistVersion
	if *list != "" {
		versions, err = st.Versions(ctx, *list)
	} else {
		latest, lerr := st.LatestVersions(ctx)
		err = lerr
		for _, l := range latest {
			vs, verr := st.Versions(ctx, l.List)
			if verr != nil {
				return verr
			}
			versions = append(versions, vs...)
		}
	}
	if err != nil {
		return err
	}
	type versionJSON struct {
		ID         int64     `json:"id"`
		List       string    `json:"list"`
		Format     string    `json:"format"`
		Source     string    `json:"source"`
		ListDate   string    `json:"list_date,omitempty"`
		Imported   time.Time `json:"imported"`
		Entries    int       `json:"entries"`
		Digest     string    `json:"digest"`
		PreviousID int64     `json:"previous_id,omitempty"`
		Added      []string  `json:"added"`
		Changed    []string  `json:"changed"`
		Removed    []string  `json:"removed"`
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		for _, v := range versions {
			if err := enc.Encode(versionJSON{v.ID, v.List, v.Format, v.Source, v.ListDate, v.Imported, v.EntryCount, v.Digest,
				v.PreviousID, nonNil(v.Changes.Added), nonNil(v.Changes.Changed), nonNil(v.Changes.Removed)}); err != nil {
				return err
			}
		}
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tLIST\tFORMAT\tLIST DATE\tIMPORTED\tENTRIES\tADDED\tCHANGED\tREMOVED")
	for _, v := range versions {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\n", v.ID, v.List, v.Format, v.ListDate, v.Imported.Format(time.RFC3339),
			v.EntryCount, len(v.Changes.Added), len(v.Changes.Changed), len(v.Changes.Removed))
	}
	return w.Flush()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
