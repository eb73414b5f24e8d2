// Package queue carries raw airline messages from receivers (the inbox
// folder, HTTP, airline brokers) to the workers that parse, resolve,
// screen and commit them, over NATS JetStream: an external server when
// scaling out, or a server embedded in the process for one machine.
//
// Delivery is at least once: a worker acknowledges a message only after
// its results are committed, and the store recognises a message it has
// already committed by its SHA-256, so a crash between receipt and commit
// loses nothing and duplicates nothing.
package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Defaults for the stream and consumer.
const (
	DefaultStream   = "CHOKEPOINT"
	DefaultSubject  = "chokepoint.messages"
	DefaultConsumer = "workers"
)

// Message is one raw airline message in transit.
type Message struct {
	Data     []byte
	Source   string    // where it was received: "http", "inbox:<file>", "broker:<name>"
	Received time.Time // when Chokepoint received it
	SHA256   string    // hex SHA-256 of Data
}

// NewMessage stamps raw data with its digest and receipt time.
func NewMessage(data []byte, source string, received time.Time) Message {
	sum := sha256.Sum256(data)
	return Message{Data: data, Source: source, Received: received.UTC(), SHA256: hex.EncodeToString(sum[:])}
}

// Delivery is a message handed to a worker, to be acknowledged after its
// results are committed.
type Delivery struct {
	Message
	msg jetstream.Msg
	// Attempt is how many times the message has been delivered, from 1.
	Attempt uint64
}

// Config names the stream, subject and durable consumer.
type Config struct {
	Stream   string
	Subject  string
	Consumer string
	// AckWait is how long a worker has to commit a delivery before it is
	// redelivered to another worker.
	AckWait time.Duration
	// Replicas of the stream in a cluster; 1 by default.
	Replicas int
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.AckWait == 0 {
		c.AckWait = 30 * time.Second
	}
	if c.Replicas == 0 {
		c.Replicas = 1
	}
	return c
}

// Queue is a JetStream stream of raw messages.
type Queue struct {
	nc  *nats.Conn
	js  jetstream.JetStream
	cfg Config
}

// Dial connects to a NATS server with JetStream and makes sure the stream
// exists (file storage, publish de-duplication by SHA-256 for an hour).
func Dial(ctx context.Context, url string, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	nc, err := nats.Connect(url, nats.Name("chokepoint"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", redact(url), err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	_, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:       cfg.Stream,
		Subjects:   []string{cfg.Subject},
		Storage:    jetstream.FileStorage,
		Retention:  jetstream.WorkQueuePolicy,
		Duplicates: time.Hour,
		Replicas:   cfg.Replicas,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("create stream %s: %w", cfg.Stream, err)
	}
	return &Queue{nc: nc, js: js, cfg: cfg}, nil
}

// redact drops credentials from a server URL for messages.
func redact(url string) string {
	if at := strings.LastIndex(url, "@"); at >= 0 {
		if i := strings.Index(url, "://"); i >= 0 && i < at {
			return url[:i+3] + "***@" + url[at+1:]
		}
	}
	return url
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return err
	}
	return nil
}

// Publish sends a message, waiting for the server to persist it. The same
// bytes published twice within the de-duplication window are stored once.
func (q *Queue) Publish(ctx context.Context, m Message) error {
	if m.SHA256 == "" {
		m = NewMessage(m.Data, m.Source, m.Received)
	}
	msg := nats.NewMsg(q.cfg.Subject)
	msg.Data = m.Data
	msg.Header.Set("Chokepoint-Source", m.Source)
	msg.Header.Set("Chokepoint-Received", m.Received.UTC().Format(time.RFC3339Nano))
	msg.Header.Set("Chokepoint-SHA256", m.SHA256)
	if _, err := q.js.PublishMsg(ctx, msg, jetstream.WithMsgID(m.SHA256)); err != nil {
		return fmt.Errorf("publish to %s: %w", q.cfg.Subject, err)
	}
	return nil
}

// Pending returns the number of messages not yet acknowledged by workers.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	c, err := q.consumer(ctx)
	if err != nil {
		return 0, err
	}
	info, err := c.Info(ctx)
	if err != nil {
		return 0, err
	}
	return info.NumPending + uint64(info.NumAckPending), nil
}

func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	c, err := q.js.CreateOrUpdateConsumer(ctx, q.cfg.Stream, jetstream.ConsumerConfig{
		Durable:       q.cfg.Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxAckPending: 10000,
		FilterSubject: q.cfg.Subject,
	})
	if err != nil {
		return nil, fmt.Errorf("consumer %s: %w", q.cfg.Consumer, err)
	}
	return c, nil
}

// Handler commits a batch of deliveries. Returning nil acknowledges every
// delivery of the batch; an error asks for redelivery of all of them.
type Handler func(ctx context.Context, batch []Delivery) error

// Consume fetches batches of up to batch messages and hands each to h
// until ctx is cancelled. Any number of workers may consume one stream:
// each message goes to one of them, and to another if the first does not
// acknowledge it in time.
func (q *Queue) Consume(ctx context.Context, batch int, h Handler) error {
	c, err := q.consumer(ctx)
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		msgs, err := c.Fetch(batch, jetstream.FetchMaxWait(500*time.Millisecond))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return fmt.Errorf("fetch: %w", err)
		}
		var ds []Delivery
		for m := range msgs.Messages() {
			ds = append(ds, toDelivery(m))
		}
		if err := msgs.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
			return fmt.Errorf("fetch: %w", err)
		}
		if len(ds) == 0 {
			continue
		}
		if err := h(ctx, ds); err != nil {
			for _, d := range ds {
				d.msg.NakWithDelay(time.Second)
			}
			if ctx.Err() != nil {
				break
			}
			return err
		}
		for _, d := range ds {
			if err := d.msg.DoubleAck(ctx); err != nil && ctx.Err() == nil {
				return fmt.Errorf("ack: %w", err)
			}
		}
	}
	return nil
}

func toDelivery(m jetstream.Msg) Delivery {
	h := m.Headers()
	received, _ := time.Parse(time.RFC3339Nano, h.Get("Chokepoint-Received"))
	d := Delivery{
		Message: Message{Data: m.Data(), Source: h.Get("Chokepoint-Source"), Received: received, SHA256: h.Get("Chokepoint-SHA256")},
		msg:     m,
	}
	if d.SHA256 == "" {
		d.Message = NewMessage(d.Data, d.Source, d.Received)
	}
	if meta, err := m.Metadata(); err == nil {
		d.Attempt = meta.NumDelivered
	}
	return d
}
