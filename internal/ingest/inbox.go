package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/queue"
)

// Sink takes a batch of received messages: the pipeline's Process, or a
// publisher to the queue in scale mode (which answers "queued").
type Sink func(ctx context.Context, batch []queue.Message) ([]Result, error)

// Queued is the status of a message handed to the queue for workers.
const Queued = "queued"

// Inbox watches a folder: files dropped in are ingested, then moved to
// processed/ or, when unreadable, to rejected/ with a .reason file beside
// them naming the segment and reason. Files whose name starts with a dot
// or ends in .tmp or .part, and files changed in the last second, are
// left alone until they are complete.
type Inbox struct {
	Dir      string
	Sink     Sink
	Interval time.Duration
	Batch    int
	Log      *slog.Logger
	// settle is how long a file must be unchanged before it is taken.
	settle time.Duration
}

func (ib *Inbox) defaults() {
	if ib.Interval <= 0 {
		ib.Interval = time.Second
	}
	if ib.Batch <= 0 {
		ib.Batch = 256
	}
	if ib.settle <= 0 {
		ib.settle = time.Second
	}
	if ib.Log == nil {
		ib.Log = slog.New(slog.DiscardHandler)
	}
}

// Run watches the folder until ctx is cancelled.
func (ib *Inbox) Run(ctx context.Context) error {
	ib.defaults()
	for _, d := range []string{ib.Dir, filepath.Join(ib.Dir, "processed"), filepath.Join(ib.Dir, "rejected")} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return fmt.Errorf("inbox: %w", err)
		}
	}
	t := time.NewTicker(ib.Interval)
	defer t.Stop()
	for {
		if _, err := ib.Poll(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			ib.Log.Error("inbox poll failed; will retry", "dir", ib.Dir, "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll takes every complete file in the folder once and returns how many
// were handled.
func (ib *Inbox) Poll(ctx context.Context) (int, error) {
	ib.defaults()
	entries, err := os.ReadDir(ib.Dir)
	if err != nil {
		return 0, fmt.Errorf("read inbox: %w", err)
	}
	var names []string
	cutoff := time.Now().Add(-ib.settle)
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, ".") || strings.HasSuffix(n, ".tmp") || strings.HasSuffix(n, ".part") {
			continue
		}
		info, err := e.Info()
		if err != nil || info.ModTime().After(cutoff) {
			continue
		}
		names = append(names, n)
	}
	sort.Strings(names)
	done := 0
	for len(names) > 0 {
		n := min(len(names), ib.Batch)
		if err := ib.take(ctx, names[:n]); err != nil {
			return done, err
		}
		done += n
		names = names[n:]
	}
	return done, nil
}

func (ib *Inbox) take(ctx context.Context, names []string) error {
	batch := make([]queue.Message, 0, len(names))
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(ib.Dir, n))
		if err != nil {
			return err
		}
		batch = append(batch, queue.NewMessage(data, "inbox:"+n, time.Now()))
	}
	res, err := ib.Sink(ctx, batch)
	if err != nil {
		return err // nothing moved: the files are taken again next time
	}
	for i, r := range res {
		src := filepath.Join(ib.Dir, names[i])
		sub := "processed"
		if r.Status == Rejected {
			sub = "rejected"
		}
		dst, err := freeName(filepath.Join(ib.Dir, sub), names[i])
		if err != nil {
			return err
		}
		if r.Status == Rejected {
			if err := os.WriteFile(dst+".reason", []byte(r.Reason+"\n"), 0o640); err != nil {
				return fmt.Errorf("write reason: %w", err)
			}
		}
		if err := os.Rename(src, dst); err != nil {
			return fmt.Errorf("move %s: %w", names[i], err)
		}
		ib.Log.Info("inbox file taken", "file", names[i], "status", r.Status, "message_id", r.MessageID)
	}
	return nil
}

// freeName returns dir/name, or dir/name.N when that exists.
func freeName(dir, name string) (string, error) {
	p := filepath.Join(dir, name)
	for i := 1; ; i++ {
		_, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		p = filepath.Join(dir, fmt.Sprintf("%s.%d", name, i))
	}
}
