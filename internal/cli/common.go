package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/criteria"
	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/journey"
	"github.com/chokepoint/chokepoint/internal/network"
	"github.com/chokepoint/chokepoint/internal/sensitive"
	"github.com/chokepoint/chokepoint/internal/store"
)

// storeFlags are the flags of every command that uses the store.
type storeFlags struct {
	data string
	dsn  string
}

func (sf *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&sf.data, "data", "./chokepoint-data", "data directory (embedded store, inbox, keys)")
	fs.StringVar(&sf.dsn, "store", "", "store DSN: empty for the embedded SQLite under --data, or postgres://...")
}

func (sf *storeFlags) open(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, sf.data, sf.dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return st, nil
}

// cardKeyFile is where the embedded deployment keeps its card-hash key.
const cardKeyFile = "card.key"

// installationCardHasher returns the hasher of card numbers for this
// installation: keyed by CHOKEPOINT_CARD_KEY when set (every worker of a
// cluster must share it), else by a key kept in the data directory and
// created on first use.
func installationCardHasher(env *Env, dataDir string) (*sensitive.CardHasher, error) {
	if k := env.Getenv("CHOKEPOINT_CARD_KEY"); k != "" {
		return sensitive.NewCardHasher([]byte(k)), nil
	}
	path := filepath.Join(dataDir, cardKeyFile)
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, err
		}
		buf := make([]byte, 32)
		rand.Read(buf)
		key = []byte(hex.EncodeToString(buf))
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			return installationCardHasher(env, dataDir) // another process made it first
		}
		if err != nil {
			return nil, fmt.Errorf("create card key: %w", err)
		}
		if _, err := f.Write(key); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Close(); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, fmt.Errorf("read card key: %w", err)
	}
	return sensitive.NewCardHasher([]byte(strings.TrimSpace(string(key)))), nil
}

// logger returns the process logger: text on stderr, info level unless
// CHOKEPOINT_LOG=debug. Personal data is never logged at info level.
func logger(env *Env) *slog.Logger {
	level := slog.LevelInfo
	if env.Getenv("CHOKEPOINT_LOG") == "debug" {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: level}))
}

// isTerminal reports whether w is a terminal, for progress bars.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress draws a one-line progress bar on a terminal; elsewhere it is
// silent.
type progress struct {
	w       io.Writer
	on      bool
	label   string
	total   int
	done    int
	start   time.Time
	lastOut time.Time
}

func newProgress(w io.Writer, label string, total int) *progress {
	return &progress{w: w, on: isTerminal(w), label: label, total: total, start: time.Now()}
}

func (p *progress) add(n int) {
	p.done += n
	if !p.on || time.Since(p.lastOut) < 100*time.Millisecond && p.done < p.total {
		return
	}
	p.lastOut = time.Now()
	const width = 30
	filled := width
	if p.total > 0 {
		filled = width * p.done / p.total
	}
	rate := float64(p.done) / max(time.Since(p.start).Seconds(), 1e-3)
	fmt.Fprintf(p.w, "\r%-10s [%s%s] %d/%d  %.0f/s ", p.label, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), p.done, p.total, rate)
}

func (p *progress) finish() {
	if p.on {
		p.add(0)
		fmt.Fprintln(p.w)
	}
}

// interleaved lets flags come after positional arguments, as in
// "alert confirm 12 --reason x": it reorders args so flags come first.
func interleaved(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
					continue
				}
				if i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

// analysis is the pipeline with what follows resolution: journeys and
// risk criteria.
type analysis struct {
	pipe    *ingest.Pipeline
	journey *journey.Builder
	checker *criteria.Checker
	graph   *network.Graph
}

// newAnalysis builds the pipeline of an installation: watchlists and
// active criteria from the store, card hashing keyed for the installation.
// now is the clock of the traffic (nil: the wall clock); replaying
// historic or synthetic traffic needs its own, so that legs not yet due
// do not count as not flown.
func newAnalysis(ctx context.Context, env *Env, st *store.Store, dataDir string, log *slog.Logger, actor string, now func() time.Time) (*analysis, error) {
	hasher, err := installationCardHasher(env, dataDir)
	if err != nil {
		return nil, err
	}
	lists, err := ingest.LoadWatchlists(ctx, st)
	if err != nil {
		return nil, err
	}
	builder, err := journey.NewBuilder(journey.Config{Now: now})
	if err != nil {
		return nil, err
	}
	checker, err := criteria.NewChecker(criteria.Options{Now: now})
	if err != nil {
		return nil, err
	}
	crit, err := ingest.LoadCriteria(ctx, st, checker)
	if err != nil {
		return nil, err
	}
	graph, err := network.Load(ctx, st, network.Config{})
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	p := ingest.New(ingest.Config{Store: st, Watchlists: lists, CardHash: hasher.Hash, Logger: log, Actor: actor,
		Journeys: builder, Criteria: crit, Network: graph})
	return &analysis{pipe: p, journey: builder, checker: checker, graph: graph}, nil
}
