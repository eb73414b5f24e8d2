package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chokepoint/chokepoint/internal/alert"
	"github.com/chokepoint/chokepoint/internal/store"
)

// runAlerts lists the alert queue: one JSON line per alert with --json,
// else a table. It prints no personal data.
func runAlerts(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "alerts")
	var sf storeFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print one JSON object per alert (JSON Lines)")
	status := fs.String("status", "", "keep these statuses (comma-separated: new, in_review, confirmed, dismissed; open = new,in_review)")
	cause := fs.String("cause", "", "keep one cause: watchlist, criterion or network")
	priority := fs.String("priority", "", "keep priority 1..N (1 is the most urgent)")
	flightF := fs.String("flight", "", "keep one flight: id or designator (TK1970)")
	date := fs.String("date", "", "keep flights departing on this local date (YYYY-MM-DD)")
	limit := fs.Int("limit", 0, "print at most N alerts (0: all)")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	q := map[string][]string{"status": {*status}, "cause": {*cause}, "priority": {*priority}, "flight": {*flightF},
		"date": {*date}}
	f, err := alert.ParseQuery(q)
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --limit must not be negative", errUsage)
	}
	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := alert.New(st)

	var tw *tabwriter.Writer
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	if !*asJSON {
		tw = tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPRI\tSTATUS\tCAUSE\tSEVERITY\tRULE/ENTRY\tFLIGHT\tDEPARTURE\tUPDATED")
	}
	printed := 0
	f.Limit = 1000
	for {
		if *limit > 0 {
			f.Limit = min(f.Limit, *limit-printed)
		}
		views, err := svc.Queue(ctx, f)
		if err != nil {
			return err
		}
		for _, v := range views {
			if *asJSON {
				if err := enc.Encode(v); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", v.ID, priorityText(v.Priority), v.Status, v.Cause,
					dash(v.Severity), dash(what(v)), dash(v.Flight), dash(v.Departure), v.Updated.Format(time.RFC3339))
			}
		}
		printed += len(views)
		if len(views) < f.Limit || *limit > 0 && printed >= *limit {
			break
		}
		f.Offset += len(views)
	}
	if tw != nil {
		return tw.Flush()
	}
	return nil
}

func priorityText(p int) string {
	if p <= 0 {
		return "-"
	}
	return strconv.Itoa(p)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// what names the rule or the watchlist entry of an alert.
func what(v alert.View) string {
	if v.Cause == store.CauseWatchlist {
		return v.List + ":" + v.EntryID
	}
	return v.Rule
}

// runAlert acts on one alert: review, confirm, dismiss or show.
func runAlert(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "alert")
	var sf storeFlags
	sf.register(fs)
	reason := fs.String("reason", "", "why (required to confirm, dismiss or reopen)")
	actorF := fs.String("actor", "", "who acts, for the alert history and audit log (default cli:$USER)")
	purpose := fs.String("purpose", "", "why the alert is read, for the audit log (show; default \""+alert.DefaultReadPurpose+"\")")
	asJSON := fs.Bool("json", false, "show: print the detail as JSON")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: chokepoint alert review|confirm|dismiss|show ID [--reason TEXT] [--actor NAME] --data DIR")
		fs.PrintDefaults()
	}
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return fmt.Errorf("%w: want a verb (review, confirm, dismiss, show) and an alert id", errUsage)
	}
	verb := fs.Arg(0)
	id, err := strconv.ParseInt(fs.Arg(1), 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("%w: alert id must be a positive integer, got %q", errUsage, fs.Arg(1))
	}
	var action alert.Action
	if verb != "show" {
		if action, err = alert.ParseAction(verb); err != nil {
			return fmt.Errorf("%w: %w", errUsage, err)
		}
		// Refuse a missing reason before touching the store.
		if action != alert.Review && strings.TrimSpace(*reason) == "" {
			return fmt.Errorf("alert %d: %s: %w (--reason)", id, action, alert.ErrReasonRequired)
		}
	}
	who := *actorF
	if who == "" {
		who = "cli"
		if u := env.Getenv("USER"); u != "" {
			who = "cli:" + u
		}
	}
	st, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := alert.New(st)
	if verb == "show" {
		d, err := svc.Detail(ctx, id, who, *purpose)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(d)
		}
		return printDetail(env.Stdout, d)
	}
	// A forbidden transition, a missing reason or an unknown alert is an
	// error of the run: exit status 1.
	a, err := svc.Decide(ctx, id, action, who, *reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "alert %d: %s\n", a.ID, a.Status)
	return nil
}

// printDetail writes an alert's detail for a terminal.
func printDetail(w io.Writer, d alert.Detail) error {
	v := d.Alert
	var b strings.Builder
	fmt.Fprintf(&b, "alert       %d (%s)\n", v.ID, v.Status)
	fmt.Fprintf(&b, "cause       %s %s\n", v.Cause, what(v))
	fmt.Fprintf(&b, "severity    %s, priority %s\n", dash(v.Severity), priorityText(v.Priority))
	if f := d.Flight; f != nil {
		fmt.Fprintf(&b, "flight      %s (departure %s, arrival %s)\n", v.Flight, dash(f.Departure), dash(f.Arrival))
	} else {
		b.WriteString("flight      -\n")
	}
	if t := d.Traveller; t != nil {
		p := t.Data
		fmt.Fprintf(&b, "traveller   %s, %s  born %s  nationality %s  (identity %d, flight traveller %d)\n",
			dash(p.Surname), dash(p.GivenNames), dash(p.BirthDate), dash(p.Nationality), t.IdentityID, t.FlightTravellerID)
		for _, doc := range p.Documents {
			fmt.Fprintf(&b, "document    %s %s %s expires %s\n", dash(doc.Type), doc.Number, dash(doc.IssuingCountry), dash(doc.Expiry))
		}
		if t.RecordLocator != "" || t.Seat != "" {
			fmt.Fprintf(&b, "booking     %s  seat %s\n", dash(t.RecordLocator), dash(t.Seat))
		}
	}
	fmt.Fprintf(&b, "explanation %s\n", v.Explanation)
	acts := make([]string, len(d.Allowed))
	for i, a := range d.Allowed {
		acts[i] = string(a)
	}
	fmt.Fprintf(&b, "allowed     %s\n", dash(strings.Join(acts, ", ")))
	b.WriteString("events:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for _, e := range d.Events {
		fmt.Fprintf(tw, "  %s\t%s\t%s -> %s\t%s\n", e.At.Format(time.RFC3339), e.Actor, dash(e.From), e.To, e.Reason)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}
