package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chokepoint/chokepoint/internal/criteria"
	"github.com/chokepoint/chokepoint/internal/store"
)

const criteriaUsage = `usage: chokepoint criteria <verb> [args] [flags]

verbs:
  list                 criteria: name, status, severity, version, owner (--json: JSON Lines)
  check FILE           type-check and lawfulness-check a criterion file without saving
  add FILE             save a criterion file as a draft (refused with the reason if unlawful)
  backtest NAME        run a criterion over the last --days of stored history
  activate NAME        put a backtested draft into use (records who and when)
  retire NAME          take a criterion out of use

Flags may come before or after the arguments. See docs/criteria.md.

flags:
`

// runCriteria is "chokepoint criteria".
func runCriteria(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "criteria")
	data := fs.String("data", "./chokepoint-data", "data directory (embedded store)")
	dsn := fs.String("store", "", "store DSN: empty for the embedded SQLite under --data, or postgres://...")
	asJSON := fs.Bool("json", false, "list and backtest: print JSON")
	days := fs.Int("days", criteria.DefaultBacktestDays, "backtest: days of history")
	status := fs.String("status", "", "list: only this status (draft, active, retired)")
	actorF := fs.String("actor", "", "who is acting, for the audit log (default cli:$USER)")
	fs.Usage = func() {
		io.WriteString(env.Stderr, criteriaUsage)
		fs.PrintDefaults()
	}
	pos, err := parseAnywhere(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: want a verb: list, check, add, backtest, activate or retire", errUsage)
	}
	verb, rest := pos[0], pos[1:]
	want := map[string]int{"list": 0, "check": 1, "add": 1, "backtest": 1, "activate": 1, "retire": 1}
	n, ok := want[verb]
	if !ok {
		fs.Usage()
		return fmt.Errorf("%w: unknown verb %q", errUsage, verb)
	}
	if len(rest) != n {
		what := "a criterion name"
		if verb == "check" || verb == "add" {
			what = "a criterion file"
		}
		if n == 0 {
			return fmt.Errorf("%w: %s takes no argument, got %q", errUsage, verb, rest)
		}
		return fmt.Errorf("%w: %s wants %s", errUsage, verb, what)
	}
	if *days < 1 {
		return fmt.Errorf("%w: --days must be at least 1, got %d", errUsage, *days)
	}
	who := *actorF
	if who == "" {
		who = "cli"
		if u := env.Getenv("USER"); u != "" {
			who = "cli:" + u
		}
	}
	checker, err := criteria.NewChecker(criteria.Options{})
	if err != nil {
		return err
	}
	if verb == "check" {
		return criteriaCheck(env, checker, rest[0])
	}
	st, err := store.Open(ctx, *data, *dsn)
	if err != nil {
		return fmt.Errorf("open store: %w", err)
	}
	defer st.Close()
	svc := &criteria.Service{Checker: checker, Store: st,
		History: func(ctx context.Context, since time.Time) criteria.Subjects {
			return checker.StoreSubjects(ctx, st, since, time.Now().UTC())
		}}
	switch verb {
	case "list":
		return criteriaList(ctx, env, svc, *status, *asJSON)
	case "add":
		f, err := readCriterionFile(rest[0])
		if err != nil {
			return err
		}
		cr, err := svc.Add(ctx, f, who)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "saved %s version %d as draft; next: chokepoint criteria backtest %s\n", cr.Name, cr.Version, cr.Name)
		return nil
	case "backtest":
		rep, err := svc.Backtest(ctx, rest[0], *days, who)
		if err != nil {
			return err
		}
		return printReport(env.Stdout, rep, *asJSON)
	case "activate":
		cr, err := svc.Activate(ctx, rest[0], who)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "activated %s version %d by %s\n", cr.Name, cr.Version, who)
		return nil
	default: // retire
		cr, err := svc.Retire(ctx, rest[0], who)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "retired %s version %d by %s\n", cr.Name, cr.Version, who)
		return nil
	}
}

// parseAnywhere parses flags that may come before, between or after the
// positional arguments ("criteria backtest NAME --days 7" and "criteria
// --days 7 backtest NAME"), and returns the positional arguments.
func parseAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %w", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func readCriterionFile(path string) (criteria.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return criteria.File{}, fmt.Errorf("read criterion file: %w", err)
	}
	f, err := criteria.ParseFile(data)
	if err != nil {
		return criteria.File{}, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

func criteriaCheck(env *Env, checker *criteria.Checker, path string) error {
	f, err := readCriterionFile(path)
	if err != nil {
		return err
	}
	ch, err := checker.Check(f.Criterion())
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(env.Stdout, "%s: ok: %s, estimated cost %d..%d (limit %d)\n", path, f.Name, ch.CostMin, ch.CostMax, checker.MaxCost())
	fmt.Fprintf(env.Stdout, "reads: %s\n", strings.Join(ch.Fields, ", "))
	for _, c := range ch.Conditions {
		fmt.Fprintf(env.Stdout, "condition: %s\n", c)
	}
	return nil
}

// criterionLine is the JSON Lines form of "criteria list --json".
type criterionLine struct {
	Name       string    `json:"name"`
	Status     string    `json:"status"`
	Severity   string    `json:"severity"`
	Version    int       `json:"version"`
	Owner      string    `json:"owner"`
	StartDate  string    `json:"start_date,omitempty"`
	ReviewDate string    `json:"review_date,omitempty"`
	UpdatedBy  string    `json:"updated_by,omitempty"`
	Updated    time.Time `json:"updated"`
	Backtested bool      `json:"backtested"`
}

func criteriaList(ctx context.Context, env *Env, svc *criteria.Service, status string, asJSON bool) error {
	switch status {
	case "", store.CriterionDraft, store.CriterionActive, store.CriterionRetired:
	default:
		return fmt.Errorf("%w: --status must be draft, active or retired, got %q", errUsage, status)
	}
	list, err := svc.List(ctx, status)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, c := range list {
			if err := enc.Encode(criterionLine{c.Name, c.Status, c.Severity, c.Version, c.Owner, c.StartDate, c.ReviewDate,
				c.UpdatedBy, c.Updated, len(c.Backtest) > 0}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tSTATUS\tSEVERITY\tVERSION\tOWNER\tREVIEW")
	for _, c := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", c.Name, c.Status, c.Severity, c.Version, c.Owner, c.ReviewDate)
	}
	return tw.Flush()
}

func printReport(w io.Writer, r criteria.Report, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(w, "backtest %s version %d since %s\n", r.Criterion, r.Version, r.Since.Format(time.DateOnly))
	fmt.Fprintf(w, "travellers %d, flights %d, evaluations %d\n", r.Travellers, r.Flights, r.Evaluations)
	fmt.Fprintf(w, "hits %d (%.3f%%), travellers hit %d, errors %d\n", r.Hits, 100*r.HitRate, r.HitTravellers, r.Errors)
	if r.FirstError != "" {
		fmt.Fprintf(w, "first error: %s\n", r.FirstError)
	}
	for _, s := range r.Sample {
		fmt.Fprintf(w, "  traveller %d  flight traveller %d  %s\n", s.TravellerID, s.FlightTravellerID, s.Flight)
		if s.Explanation != nil {
			for _, c := range s.Explanation.Conditions {
				fmt.Fprintf(w, "    %v  %s\n", c.Value, c.Expr)
			}
		}
	}
	fmt.Fprintln(w, "note: journey fields come from stored journeys (ingest, or chokepoint journeys --save); travellers without one have an empty journey")
	return nil
}
