package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/chokepoint/chokepoint/internal/network"
	"github.com/chokepoint/chokepoint/internal/store"
)

// runNetwork implements `chokepoint network` (a traveller's neighbourhood)
// and `chokepoint network groups` (connected groups with growth per
// week); docs/network.md. The network is read from the store; when the
// store holds none yet (or with --rebuild) it is first built from the
// stored flight travellers and bookings.
func runNetwork(ctx context.Context, env *Env, args []string) error {
	groups := len(args) > 0 && args[0] == "groups"
	name := "network"
	if groups {
		args, name = args[1:], "network groups"
	}
	fs := newFlags(env, name)
	data := fs.String("data", "./chokepoint-data", "data directory (embedded store)")
	dsn := fs.String("store", "", "store DSN: empty for the embedded SQLite under --data, or postgres://...")
	rebuild := fs.Bool("rebuild", false, "replay every stored flight traveller into the network first (idempotent)")
	asJSON := fs.Bool("json", false, "print JSON (a graph document; JSON Lines, one group a line, for groups)")
	var traveller int64
	var hops, minSize int
	if groups {
		fs.IntVar(&minSize, "min-size", 3, "smallest group to list")
	} else {
		fs.Int64Var(&traveller, "traveller", 0, "identity id of the traveller to expand (required)")
		fs.IntVar(&hops, "hops", 2, "hops to expand, 1..4")
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || (!groups && traveller <= 0) || (!groups && (hops < 1 || hops > 4)) {
		fs.Usage()
		return fmt.Errorf("%w: want --traveller ID (and --hops 1..4), or the groups subcommand; no arguments", errUsage)
	}
	st, err := store.Open(ctx, *data, *dsn)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer st.Close()
	nodes, err := st.NetworkNodes(ctx, 0, 1)
	if err != nil {
		return err
	}
	if *rebuild || len(nodes) == 0 {
		rep, err := network.Rebuild(ctx, st, 0)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "network: observed %d flight travellers from the store\n", rep.Travellers)
	}
	g, err := network.Load(ctx, st, network.Config{})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	if groups {
		list := g.Groups(minSize)
		if *asJSON {
			for _, gr := range list {
				if err := enc.Encode(gr); err != nil {
					return err
				}
			}
			return nil
		}
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "GROUP\tSIZE\tWEEKS\tFIRST\tLAST\tGROWTH\tMEMBERS")
		for _, gr := range list {
			var growth []string
			for _, w := range gr.Growth {
				growth = append(growth, fmt.Sprintf("%s+%d", w.Week, w.Added))
			}
			members := fmt.Sprint(gr.Members)
			if len(gr.Members) > 12 {
				members = fmt.Sprint(gr.Members[:12]) + "…"
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\n", gr.ID, gr.Size, gr.WeeksGrowing, gr.FirstSeen, gr.LastSeen,
				strings.Join(growth, " "), members)
		}
		return tw.Flush()
	}
	res, err := g.Expand(traveller, hops, network.StoreNamer(ctx, st))
	if err != nil {
		return err
	}
	if *asJSON {
		return enc.Encode(res)
	}
	fmt.Fprintf(env.Stdout, "traveller %d: %d associates within %d hops (%d shown), %d hubs not followed\n",
		traveller, res.Associates, hops, len(res.Evidence), len(res.Hubs))
	for _, ev := range res.Evidence {
		fmt.Fprintf(env.Stdout, "  %.3f  %d hop(s)  %s\n", ev.Strength, ev.Hops, ev.Text)
	}
	for _, h := range res.Hubs {
		fmt.Fprintf(env.Stdout, "  hub (not followed): %s %s links %d travellers\n", h.Kind, strings.TrimPrefix(h.Label, h.Kind+" "), h.Degree)
	}
	return nil
}
