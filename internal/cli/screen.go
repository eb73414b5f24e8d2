package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/chokepoint/chokepoint/internal/screen"
	"github.com/chokepoint/chokepoint/internal/watchlist"
)

// listFlag collects repeated --list FORMAT:FILE values.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// loadLists imports every list spec and returns the entries and versions.
func loadLists(specs []string) ([]watchlist.Entry, []screen.ListVersion, error) {
	var entries []watchlist.Entry
	var versions []screen.ListVersion
	for _, spec := range specs {
		if !strings.Contains(spec, ":") {
			return nil, nil, fmt.Errorf("%w: --list wants FORMAT:FILE (un, ofac or csv), got %q", errUsage, spec)
		}
		imp, err := watchlist.Load(spec)
		if err != nil {
			return nil, nil, fmt.Errorf("loading %s: %w", spec, err)
		}
		entries = append(entries, imp.Entries...)
		versions = append(versions, screen.ListVersion{List: imp.List, Version: imp.Generated, Digest: imp.Digest})
	}
	return entries, versions, nil
}

type screenOutput struct {
	ID      string         `json:"id"`
	Matches []screen.Match `json:"matches"`
}

type lineError struct {
	Line  int    `json:"line"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

func runScreen(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "screen")
	var lists listFlag
	fs.Var(&lists, "list", "watchlist as FORMAT:FILE (un:consolidated.xml, ofac:DIR with sdn.csv/alt.csv/add.csv, csv:FILE); repeatable")
	threshold := fs.Float64("threshold", screen.DefaultThreshold, "alert threshold in [0,1]")
	entities := fs.Bool("entities", false, "also screen against listed entities (default: individuals only)")
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "usage: chokepoint screen --list FORMAT:FILE [--list ...] [--threshold T] < queries.jsonl\n\n"+
			"Reads JSON Lines {\"id\",\"name\",\"birth_date\",\"nationality\",\"gender\",\"document\"} and writes\n"+
			"{\"id\",\"matches\":[{\"list\",\"entry_id\",\"score\",\"matched_name\",\"explanation\"}]} per line, best first.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(lists) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: at least one --list is required", errUsage)
	}
	if *threshold < 0 || *threshold > 1 {
		return fmt.Errorf("%w: --threshold must be in [0,1]", errUsage)
	}
	entries, versions, err := loadLists(lists)
	if err != nil {
		return err
	}
	s := screen.New(entries, screen.Options{Threshold: *threshold, Versions: versions, IncludeEntities: *entities})
	return screenStream(ctx, env, s)
}

func screenStream(ctx context.Context, env *Env, s *screen.Screener) error {
	out := bufio.NewWriter(env.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	rd := bufio.NewReader(env.Stdin)
	line, bad := 0, 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, err := rd.ReadBytes('\n')
		if len(raw) > 0 {
			line++
			text := strings.TrimSpace(string(raw))
			if text != "" {
				var in screen.Input
				var q screen.Query
				perr := json.Unmarshal([]byte(text), &in)
				if perr == nil {
					q, perr = in.Query()
				}
				if perr != nil {
					bad++
					if err := enc.Encode(lineError{Line: line, ID: in.ID, Error: perr.Error()}); err != nil {
						return err
					}
					fmt.Fprintf(env.Stderr, "chokepoint screen: line %d: %v\n", line, perr)
				} else {
					ms := s.Screen(q)
					if ms == nil {
						ms = []screen.Match{}
					}
					if err := enc.Encode(screenOutput{ID: q.ID, Matches: ms}); err != nil {
						return err
					}
				}
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	if bad > 0 {
		return &ExitError{Code: 1, Err: fmt.Errorf("%d of %d input lines were bad", bad, line)}
	}
	return nil
}
