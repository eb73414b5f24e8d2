package network

import (
	"context"
	"fmt"
	"strings"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// Reader reads the stored graph; *store.Store satisfies it.
type Reader interface {
	NetworkNodes(ctx context.Context, afterID int64, limit int) ([]store.NetworkNode, error)
	NetworkEdges(ctx context.Context, afterID int64, limit int) ([]store.NetworkEdge, error)
}

// Load builds the in-memory graph from the store: call it at start, then
// Apply each committed Delta.
func Load(ctx context.Context, r Reader, cfg Config) (*Graph, error) {
	g := NewGraph(cfg)
	dense := []int32{} // store node id → graph node, -1 absent
	const page = 20000
	var after int64
	for {
		nodes, err := r.NetworkNodes(ctx, after, page)
		if err != nil {
			return nil, fmt.Errorf("network: load: %w", err)
		}
		for _, sn := range nodes {
			k, err := ParseNodeKind(sn.Kind)
			if err != nil {
				return nil, fmt.Errorf("network: load node %d: %w", sn.ID, err)
			}
			n, err := g.node(k, sn.Key)
			if err != nil {
				return nil, fmt.Errorf("network: load: %w", err)
			}
			widen(&g.first[n], &g.last[n], day(sn.FirstSeen), day(sn.LastSeen))
			for int64(len(dense)) <= sn.ID {
				dense = append(dense, -1)
			}
			dense[sn.ID] = n
			after = sn.ID
		}
		if len(nodes) < page {
			break
		}
	}
	at := func(id int64) (int32, bool) {
		if id < 0 || id >= int64(len(dense)) || dense[id] < 0 {
			return 0, false
		}
		return dense[id], true
	}
	after = 0
	for {
		edges, err := r.NetworkEdges(ctx, after, page)
		if err != nil {
			return nil, fmt.Errorf("network: load: %w", err)
		}
		for _, se := range edges {
			after = se.ID
			k, err := ParseEdgeKind(se.Kind)
			if err != nil {
				return nil, fmt.Errorf("network: load edge %d: %w", se.ID, err)
			}
			a, okA := at(se.A)
			b, okB := at(se.B)
			if !okA || !okB || a == b {
				continue
			}
			h := half{kind: k, owner: true, count: sat16(se.Count), first: day(se.FirstSeen), last: day(se.LastSeen)}
			h.to = b
			g.adj[a] = append(g.adj[a], h)
			h.to, h.owner = a, g.kind[b] == NodeTraveller
			g.adj[b] = append(g.adj[b], h)
		}
		if len(edges) < page {
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return g, nil
}

// RebuildReport counts what Rebuild replayed.
type RebuildReport struct {
	Travellers int `json:"travellers"`
	Nodes      int `json:"nodes"`
	Edges      int `json:"edges"`
}

// Rebuild replays every resolved flight traveller in the store through
// Observe, in transactions of batch travellers (0 means 500), and returns
// what it did. Replaying is idempotent (a trip already observed adds no
// count), so Rebuild also catches up a store filled before the network
// existed.
func Rebuild(ctx context.Context, st *store.Store, batch int) (RebuildReport, error) {
	if batch <= 0 {
		batch = 500
	}
	var rep RebuildReport
	var after int64
	for {
		srcs, err := st.NetworkSources(ctx, after, batch)
		if err != nil {
			return rep, fmt.Errorf("network: rebuild: %w", err)
		}
		if len(srcs) == 0 {
			return rep, nil
		}
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			bookings := map[int64]*message.Booking{}
			for _, s := range srcs {
				obs := Observation{IdentityID: s.IdentityID, FlightID: s.FlightID, Date: s.Day, Seat: s.Seat,
					Traveller: s.Traveller, BookingID: s.BookingID, RecordLocator: strings.TrimSpace(s.RecordLocator)}
				if s.BookingID != 0 {
					b, ok := bookings[s.BookingID]
					if !ok {
						sb, err := tx.BookingByID(ctx, s.BookingID)
						if err != nil {
							return fmt.Errorf("booking %d: %w", s.BookingID, err)
						}
						b = &sb.Data
						bookings[s.BookingID] = b
					}
					obs.Booking = b
				}
				d, err := Observe(ctx, tx, obs)
				if err != nil {
					return fmt.Errorf("flight traveller %d: %w", s.ID, err)
				}
				rep.Travellers++
				rep.Nodes += len(d.Nodes)
				rep.Edges += len(d.Edges)
			}
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("network: rebuild: %w", err)
		}
		after = srcs[len(srcs)-1].ID
	}
}

// IdentityReader reads identities; *store.Store satisfies it.
type IdentityReader interface {
	Identity(ctx context.Context, id int64) (store.Identity, error)
}

// StoreNamer names travellers "SURNAME/GIVEN (id)" from the store, caching
// the names it read. Unknown identities fall back to "traveller <id>".
func StoreNamer(ctx context.Context, r IdentityReader) Namer {
	cache := map[int64]string{}
	return func(id int64) string {
		if s, ok := cache[id]; ok {
			return s
		}
		s := ""
		if ident, err := r.Identity(ctx, id); err == nil && len(ident.Names) > 0 {
			n := ident.Names[0]
			s = strings.TrimSpace(n.Surname)
			if n.Given != "" {
				s += "/" + strings.TrimSpace(n.Given)
			}
			s = fmt.Sprintf("%s (%d)", s, id)
		}
		cache[id] = s
		return s
	}
}
