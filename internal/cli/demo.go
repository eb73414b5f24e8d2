package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"

	"github.com/chokepoint/chokepoint/internal/decode"
	"github.com/chokepoint/chokepoint/internal/message"
)

// runDemo implements `chokepoint demo`. Until the pipeline lands it parses
// the bundled real sample messages and prints what they hold.
func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "demo")
	dir := fs.String("samples", filepath.Join("testdata", "messages"), "folder of sample messages")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(*dir); err != nil {
		return fmt.Errorf("sample folder %s not found (run from the repository root): %w", *dir, err)
	}
	files, err := expandPaths([]string{*dir})
	if err != nil {
		return err
	}
	opts := message.ParseOptions{CardHash: cardHasher(env).Hash}
	var (
		nMsgs, nAPI, nPNR, nTrav, nBook, nPNRTrav, nWarn int
		dropped                                          = map[string]int{}
		refused                                          []string
	)
	flights := map[string]bool{}
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		msgs, err := decode.Decode(data, opts)
		if err != nil {
			refused = append(refused, fmt.Sprintf("%s: %v", filepath.Base(name), err))
			continue
		}
		for _, m := range msgs {
			nMsgs++
			nWarn += len(m.Warnings)
			for _, f := range m.Flights {
				flights[f.Carrier+f.Number+" "+f.Departure] = true
			}
			for code, n := range m.SensitiveDropped {
				dropped[code] += n
			}
			switch m.Kind {
			case message.KindAPI:
				nAPI++
				nTrav += len(m.Travellers)
			case message.KindPNR:
				nPNR++
				nBook += len(m.Bookings)
				for _, b := range m.Bookings {
					nPNRTrav += len(b.Travellers)
				}
			}
		}
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Chokepoint demo: parsed %d files from %s\n\n", len(files), *dir)
	fmt.Fprintf(w, "messages\t%d\t(%d API lists, %d PNR pushes)\n", nMsgs, nAPI, nPNR)
	fmt.Fprintf(w, "flights\t%d\n", len(flights))
	fmt.Fprintf(w, "API travellers\t%d\n", nTrav)
	fmt.Fprintf(w, "PNR bookings\t%d\t(%d travellers)\n", nBook, nPNRTrav)
	fmt.Fprintf(w, "warnings\t%d\t(kept messages with anomalies such as wrong control counts)\n", nWarn)
	codes := make([]string, 0, len(dropped))
	for c := range dropped {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	fmt.Fprintf(w, "sensitive data dropped\t%v\t(EU PNR Directive art. 13(4): never stored)\n", fmtCounts(codes, dropped))
	fmt.Fprintf(w, "refused\t%d\n", len(refused))
	w.Flush()
	for _, r := range refused {
		fmt.Fprintf(env.Stdout, "  %s\n", r)
	}
	return nil
}

func fmtCounts(keys []string, m map[string]int) string {
	if len(keys) == 0 {
		return "none"
	}
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s×%d", k, m[k])
	}
	return s
}
