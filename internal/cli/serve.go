package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chokepoint/chokepoint/internal/api"
	"github.com/chokepoint/chokepoint/internal/ingest"
	"github.com/chokepoint/chokepoint/internal/profile"
	"github.com/chokepoint/chokepoint/internal/queue"
	"github.com/chokepoint/chokepoint/internal/store"
)

// service is everything serve and worker run on: the store, the pipeline
// and, in scale mode, the queue.
type service struct {
	st       *store.Store
	pipe     *ingest.Pipeline
	analysis *analysis
	queue    *queue.Queue
	log      *slog.Logger
	data     string
}

// queueFlags select the NATS JetStream queue of scale mode.
type queueFlags struct {
	url     string
	stream  string
	ackWait time.Duration
}

func (qf *queueFlags) register(fs *flag.FlagSet, usage string) {
	fs.StringVar(&qf.url, "queue", "", usage)
	fs.StringVar(&qf.stream, "stream", queue.DefaultStream, "JetStream stream name (its subject is derived from it)")
	fs.DurationVar(&qf.ackWait, "ack-wait", 30*time.Second, "how long a worker may hold a batch before it is redelivered")
}

func (qf queueFlags) config() queue.Config {
	c := queue.Config{Stream: qf.stream, AckWait: qf.ackWait}
	if qf.stream != "" && qf.stream != queue.DefaultStream {
		c.Subject = "chokepoint." + strings.ToLower(qf.stream)
	}
	return c
}

func openService(ctx context.Context, env *Env, sf storeFlags, qf queueFlags, actor string) (*service, error) {
	log := logger(env)
	st, err := sf.open(ctx)
	if err != nil {
		return nil, err
	}
	a, err := newAnalysis(ctx, env, st, sf.data, log, actor, nil)
	if err != nil {
		st.Close()
		return nil, err
	}
	s := &service{st: st, log: log, data: sf.data, pipe: a.pipe, analysis: a}
	if qf.url != "" {
		q, err := queue.Dial(ctx, qf.url, qf.config())
		if err != nil {
			st.Close()
			return nil, err
		}
		s.queue = q
	}
	return s, nil
}

func (s *service) close() {
	if s.queue != nil {
		s.queue.Close()
	}
	s.st.Close()
}

// reloadWatchlists picks up list imports and criteria activations made by
// other processes (the watchlist and criteria commands) and re-screens
// travellers not yet departed against new lists.
func (s *service) reloadWatchlists(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if c, err := ingest.LoadCriteria(ctx, s.st, s.analysis.checker); err != nil {
			s.log.Error("criteria reload", "err", err)
		} else {
			s.pipe.SetCriteria(c)
		}
		latest, err := s.st.LatestVersions(ctx)
		if err != nil {
			s.log.Error("watchlist reload", "err", err)
			continue
		}
		cur := s.pipe.Watchlists().VersionIDs
		changed := len(latest) != len(cur)
		for _, v := range latest {
			if cur[v.List] != v.ID {
				changed = true
			}
		}
		if !changed {
			continue
		}
		lists, err := ingest.LoadWatchlists(ctx, s.st)
		if err != nil {
			s.log.Error("watchlist reload", "err", err)
			continue
		}
		s.pipe.SetWatchlists(lists)
		n, hits, err := s.pipe.Rescreen(ctx, time.Now().Add(-14*time.Hour))
		s.log.Info("watchlists reloaded", "lists", len(latest), "rescreened", n, "matches", hits, "err", err)
	}
}

// runServe implements `chokepoint serve`.
func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "serve")
	var sf storeFlags
	sf.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	inbox := fs.String("inbox", "", "watched inbox folder (default DATA/inbox; \"-\" for none)")
	var qf queueFlags
	qf.register(fs, "scale mode: publish received messages to this NATS JetStream server for workers")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	svc, err := openService(ctx, env, sf, qf, "system:serve")
	if err != nil {
		return err
	}
	defer svc.close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	return serveOn(ctx, env, svc, ln, *inbox)
}

// serveOn serves the API on ln (and watches the inbox) until ctx ends.
func serveOn(ctx context.Context, env *Env, svc *service, ln net.Listener, inbox string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := api.New(api.StoreAuth{Store: svc.st}, svc.log, nil)
	intake := &ingest.HTTP{Store: svc.st, Pipeline: svc.pipe}
	sink := ingest.Sink(svc.pipe.Process)
	if svc.queue != nil {
		intake.Queue = svc.queue
		sink = publishSink(svc.queue)
	}
	intake.Register(srv)
	(&profile.HTTP{Store: svc.st}).Register(srv)
	registerDomainRoutes(srv, svc)

	var wg sync.WaitGroup
	if inbox != "-" {
		if inbox == "" {
			inbox = filepath.Join(svc.data, "inbox")
		}
		ib := &ingest.Inbox{Dir: inbox, Sink: sink, Log: svc.log}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := ib.Run(ctx); err != nil {
				svc.log.Error("inbox stopped", "err", err)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		svc.reloadWatchlists(ctx, 30*time.Second)
	}()

	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	fmt.Fprintf(env.Stderr, "chokepoint: serving http://%s (inbox %s)\n", ln.Addr(), inbox)
	select {
	case <-ctx.Done():
	case err := <-errc:
		cancel()
		wg.Wait()
		return err
	}
	shutdownCtx, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	err := hs.Shutdown(shutdownCtx)
	cancel()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// publishSink hands messages to the queue for workers.
func publishSink(q *queue.Queue) ingest.Sink {
	return func(ctx context.Context, batch []queue.Message) ([]ingest.Result, error) {
		out := make([]ingest.Result, 0, len(batch))
		for _, m := range batch {
			if err := q.Publish(ctx, m); err != nil {
				return nil, err
			}
			out = append(out, ingest.Result{SHA256: m.SHA256, Source: m.Source, Status: ingest.Queued})
		}
		return out, nil
	}
}

// runWorker implements `chokepoint worker`: consume the queue and commit.
func runWorker(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "worker")
	var sf storeFlags
	sf.register(fs)
	var qf queueFlags
	qf.register(fs, "NATS JetStream server to consume (nats://...), required")
	batch := fs.Int("batch", 64, "messages per transaction")
	if err := fs.Parse(interleaved(fs, args)); err != nil {
		return err
	}
	if qf.url == "" {
		return fmt.Errorf("%w: --queue nats://... is required", errUsage)
	}
	svc, err := openService(ctx, env, sf, qf, "system:worker")
	if err != nil {
		return err
	}
	defer svc.close()
	go svc.reloadWatchlists(ctx, 30*time.Second)
	svc.log.Info("worker consuming", "batch", *batch)
	return svc.queue.Consume(ctx, *batch, func(ctx context.Context, ds []queue.Delivery) error {
		msgs := make([]queue.Message, len(ds))
		for i, d := range ds {
			msgs[i] = d.Message
		}
		res, err := svc.pipe.Process(ctx, msgs)
		if err != nil {
			svc.log.Error("batch not committed; will be redelivered", "messages", len(ds), "err", err)
			return err
		}
		accepted, dups, rejected := 0, 0, 0
		for _, r := range res {
			switch r.Status {
			case ingest.Accepted:
				accepted++
			case ingest.Duplicate:
				dups++
			case ingest.Rejected:
				rejected++
			}
		}
		svc.log.Info("batch committed", "accepted", accepted, "duplicates", dups, "rejected", rejected)
		return nil
	})
}
