package queue

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// servers returns the NATS URLs to test against: always an embedded
// server, and the external one named by CHOKEPOINT_TEST_NATS when set.
func servers(t *testing.T) map[string]string {
	t.Helper()
	emb, err := StartEmbedded(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emb.Shutdown)
	out := map[string]string{"embedded": emb.URL()}
	if url := os.Getenv("CHOKEPOINT_TEST_NATS"); url != "" {
		out["external"] = url
	} else {
		t.Log("CHOKEPOINT_TEST_NATS unset: external NATS JetStream not tested")
	}
	return out
}

// testConfig isolates each test run on a shared server.
func testConfig(t *testing.T) Config {
	suffix := fmt.Sprintf("%d", time.Now().UnixNano())
	return Config{
		Stream:   "TEST_" + suffix,
		Subject:  "test." + suffix,
		Consumer: "w",
		AckWait:  time.Second,
	}
}

func dial(t *testing.T, url string, cfg Config) *Queue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	q, err := Dial(ctx, url, cfg)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	return q
}

func TestPublishConsumeDedupAndRedelivery(t *testing.T) {
	for name, url := range servers(t) {
		t.Run(name, func(t *testing.T) {
			cfg := testConfig(t)
			pub := dial(t, url, cfg)
			defer func() {
				pub.js.DeleteStream(context.Background(), cfg.Stream)
				pub.Close()
			}()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			const n = 200
			for i := range n {
				m := NewMessage(fmt.Appendf(nil, "message %d", i), "test", time.Now())
				if err := pub.Publish(ctx, m); err != nil {
					t.Fatal(err)
				}
				if i%10 == 0 { // the same bytes again: de-duplicated by the server
					if err := pub.Publish(ctx, m); err != nil {
						t.Fatal(err)
					}
				}
			}

			// A worker that takes a batch and dies before committing it.
			crashed := make(chan []string, 1)
			crashCtx, crash := context.WithCancel(ctx)
			dead := dial(t, url, cfg)
			go func() {
				dead.Consume(crashCtx, 25, func(ctx context.Context, batch []Delivery) error {
					var ids []string
					for _, d := range batch {
						ids = append(ids, d.SHA256)
					}
					crashed <- ids
					<-ctx.Done() // never commits
					return ctx.Err()
				})
			}()
			lost := <-crashed
			crash()
			dead.nc.Close() // the process is gone: no ack, no nak

			// Two healthy workers commit idempotently into one "store".
			var mu sync.Mutex
			committed := map[string]int{}
			var wg sync.WaitGroup
			wctx, stop := context.WithCancel(ctx)
			for range 2 {
				w := dial(t, url, cfg)
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer w.Close()
					err := w.Consume(wctx, 20, func(ctx context.Context, batch []Delivery) error {
						mu.Lock()
						defer mu.Unlock()
						for _, d := range batch {
							if NewMessage(d.Data, "", time.Time{}).SHA256 != d.SHA256 {
								t.Errorf("digest mismatch for %q", d.Data)
							}
							committed[d.SHA256]++
						}
						return nil
					})
					if err != nil {
						t.Errorf("consume: %v", err)
					}
				}()
			}
			deadline := time.Now().Add(20 * time.Second)
			for {
				mu.Lock()
				got := len(committed)
				mu.Unlock()
				if got == n || time.Now().After(deadline) {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			stop()
			wg.Wait()
			if len(committed) != n {
				t.Fatalf("committed %d distinct messages, want %d", len(committed), n)
			}
			for _, id := range lost {
				if committed[id] == 0 {
					t.Errorf("message %s taken by the crashed worker was never redelivered", id)
				}
			}
			// Delivery is at least once; the store's idempotent commit (keyed
			// by SHA-256, as committed is here) makes the result exactly once.
		})
	}
}

func TestDialFailsClearly(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := Dial(ctx, "nats://user:secret@127.0.0.1:1", Config{})
	if err == nil {
		t.Fatal("dial to a closed port succeeded")
	}
	if got := err.Error(); !strings.Contains(got, "***@127.0.0.1:1") || strings.Contains(got, "secret") {
		t.Errorf("error %q should name the server without its password", got)
	}
}
