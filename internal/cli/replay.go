package cli

import (
	"context"
	"time"

	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/synth"
)

// replayClock is the clock of replayed traffic: the time of the latest
// message received, so that a return leg counts as not flown only once it
// is due.
type replayClock struct{ t time.Time }

func (c *replayClock) now() time.Time { return c.t }

// replay streams a synthetic world through the pipeline, batch messages
// per transaction, advancing clock as messages arrive. seen, when set, is
// called for every file before it is queued; done for every committed
// batch with its results.
func replay(ctx context.Context, w *synth.World, p *ingest.Pipeline, clock *replayClock, batch int,
	seen func(synth.File), done func([]ingest.Result) error) (synth.Stats, error) {
	msgs := make([]queue.Message, 0, batch)
	flush := func() error {
		res, err := p.Process(ctx, msgs)
		if err != nil {
			return err
		}
		msgs = msgs[:0]
		return done(res)
	}
	stats, err := w.Each(ctx, func(f synth.File) error {
		if seen != nil {
			seen(f)
		}
		msgs = append(msgs, queue.NewMessage(f.Data, "synth:"+f.Name, f.Time))
		if f.Time.After(clock.t) {
			clock.t = f.Time
		}
		if len(msgs) >= batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return stats, err
	}
	if len(msgs) > 0 {
		return stats, flush()
	}
	return stats, nil
}
