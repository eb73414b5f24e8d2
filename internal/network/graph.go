package network

import (
	"errors"
	"fmt"
	"hash/maphash"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Config tunes hub detection and expansion. The zero value of a field
// means its default.
type Config struct {
	// A node is a hub when it links at least HubThreshold travellers:
	// HubFraction of the travellers known, but never below HubMinDegree
	// (default 25) nor above HubMaxDegree (default 200). HubFraction
	// defaults to 0.002 (one traveller in 500).
	HubMinDegree int
	HubMaxDegree int
	HubFraction  float64
	// HubWeight is the strength reported for a link through a hub
	// (default 0.01); expansion never passes through hubs.
	HubWeight float64
	// MaxAssociates caps the associates an expansion returns (default 200).
	MaxAssociates int
	// MaxVisits caps the edges one expansion reads (default 2,000,000):
	// a safety net, as hubs already bound the work.
	MaxVisits int
}

func (c Config) withDefaults() Config {
	if c.HubMinDegree <= 0 {
		c.HubMinDegree = 25
	}
	if c.HubMaxDegree <= 0 {
		c.HubMaxDegree = 200
	}
	if c.HubMaxDegree < c.HubMinDegree {
		c.HubMaxDegree = c.HubMinDegree
	}
	if c.HubFraction <= 0 {
		c.HubFraction = 0.002
	}
	if c.HubWeight <= 0 {
		c.HubWeight = 0.01
	}
	if c.MaxAssociates <= 0 {
		c.MaxAssociates = 200
	}
	if c.MaxVisits <= 0 {
		c.MaxVisits = 2_000_000
	}
	return c
}

// half is one end of an edge, kept in the adjacency of the other end.
// The traveller side of a traveller-identifier edge owns the edge's
// count and dates (an identifier's list can be long; a traveller's is
// short, so updates scan the short one); the identifier side only names
// the traveller. Traveller-traveller edges carry their data on both sides.
type half struct {
	to    int32
	kind  EdgeKind
	owner bool
	count uint16 // saturates at 65535
	first uint16 // days since 1999-12-31; 0 unknown
	last  uint16
}

// Graph is the in-memory link graph: dense int32 node ids, one adjacency
// slice per node, node keys in one byte arena, and a hash index from
// (kind, key) to node. It is safe for concurrent use: Apply takes the
// write lock, reads the read lock.
type Graph struct {
	cfg  Config
	seed maphash.Seed

	mu         sync.RWMutex
	kind       []NodeKind
	keyEnd     []uint32 // key of node i: keys[keyEnd[i-1]:keyEnd[i]]
	keys       []byte
	first      []uint16
	last       []uint16
	adj        [][]half
	index      map[uint64]int32
	travellers int
	version    uint64

	groupsMu      sync.Mutex
	groupsVersion uint64
	groups        []Group

	// patternSeen remembers, per "identity|rule", the pattern last
	// alerted (PatternSignals writes an alert again only when it changed).
	patternMu   sync.Mutex
	patternSeen map[string]string
}

// NewGraph returns an empty graph.
func NewGraph(cfg Config) *Graph {
	return &Graph{cfg: cfg.withDefaults(), seed: maphash.MakeSeed(), index: map[uint64]int32{}}
}

// Grow reserves room for n more nodes.
func (g *Graph) Grow(nodes int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if nodes <= 0 {
		return
	}
	g.kind = slices.Grow(g.kind, nodes)
	g.keyEnd = slices.Grow(g.keyEnd, nodes)
	g.first = slices.Grow(g.first, nodes)
	g.last = slices.Grow(g.last, nodes)
	g.adj = slices.Grow(g.adj, nodes)
	n := len(g.kind) + nodes
	if len(g.index) == 0 {
		g.index = make(map[uint64]int32, n)
	}
}

// Stats describes the graph's size.
type Stats struct {
	Nodes      int `json:"nodes"`
	Travellers int `json:"travellers"`
	// Edges counts each edge once.
	Edges        int `json:"edges"`
	Hubs         int `json:"hubs"`
	HubThreshold int `json:"hub_threshold"`
}

// Stats counts nodes, edges and hubs.
func (g *Graph) Stats() Stats {
	g.mu.RLock()
	defer g.mu.RUnlock()
	s := Stats{Nodes: len(g.kind), Travellers: g.travellers, HubThreshold: g.hubThreshold()}
	for i, a := range g.adj {
		for _, h := range a {
			if h.owner && (g.kind[h.to] != NodeTraveller || int32(i) < h.to) {
				s.Edges++
			}
		}
		if g.isHub(int32(i)) {
			s.Hubs++
		}
	}
	return s
}

// hubThreshold is the degree from which an identifier is a hub.
func (g *Graph) hubThreshold() int {
	t := int(math.Ceil(g.cfg.HubFraction * float64(g.travellers)))
	return min(max(t, g.cfg.HubMinDegree), g.cfg.HubMaxDegree)
}

// isHub: an identifier linking at least hubThreshold travellers.
func (g *Graph) isHub(n int32) bool {
	return g.kind[n] != NodeTraveller && len(g.adj[n]) >= g.hubThreshold()
}

// rarity discounts an identifier shared by degree travellers: 1 for two,
// then 1/log2(degree) (0.5 for four, 0.25 for sixteen).
func rarity(degree int) float64 {
	if degree <= 2 {
		return 1
	}
	return 1 / math.Log2(float64(degree))
}

// through is the strength of a link between two travellers through
// identifier n.
func (g *Graph) through(n int32) float64 {
	base := identifierBase[g.kind[n]]
	if g.isHub(n) {
		return base * g.cfg.HubWeight
	}
	return base * rarity(len(g.adj[n]))
}

func (g *Graph) key(n int32) string {
	start := uint32(0)
	if n > 0 {
		start = g.keyEnd[n-1]
	}
	return string(g.keys[start:g.keyEnd[n]])
}

func (g *Graph) keyBytes(n int32) []byte {
	start := uint32(0)
	if n > 0 {
		start = g.keyEnd[n-1]
	}
	return g.keys[start:g.keyEnd[n]]
}

func (g *Graph) hash(k NodeKind, key string) uint64 {
	var h maphash.Hash
	h.SetSeed(g.seed)
	h.WriteByte(byte(k))
	h.WriteString(key)
	return h.Sum64()
}

// lookup finds node (k, key); the index probes on (rare) hash collisions.
func (g *Graph) lookup(k NodeKind, key string) (int32, bool) {
	h := g.hash(k, key)
	for {
		n, ok := g.index[h]
		if !ok {
			return 0, false
		}
		if g.kind[n] == k && string(g.keyBytes(n)) == key {
			return n, true
		}
		h++
	}
}

var errArena = errors.New("network: node key arena full (4 GiB)")

// node finds or adds node (k, key).
func (g *Graph) node(k NodeKind, key string) (int32, error) {
	h := g.hash(k, key)
	for {
		n, ok := g.index[h]
		if !ok {
			break
		}
		if g.kind[n] == k && string(g.keyBytes(n)) == key {
			return n, nil
		}
		h++
	}
	if len(g.kind) >= math.MaxInt32 {
		return 0, errors.New("network: graph full (2^31 nodes)")
	}
	if uint64(len(g.keys))+uint64(len(key)) > math.MaxUint32 {
		return 0, errArena
	}
	n := int32(len(g.kind))
	g.kind = append(g.kind, k)
	g.keys = append(g.keys, key...)
	g.keyEnd = append(g.keyEnd, uint32(len(g.keys)))
	g.first = append(g.first, 0)
	g.last = append(g.last, 0)
	g.adj = append(g.adj, nil)
	g.index[h] = n
	if k == NodeTraveller {
		g.travellers++
	}
	return n, nil
}

// TravellerNode finds the node of an identity.
func (g *Graph) travellerNode(identityID int64) (int32, bool) {
	return g.lookup(NodeTraveller, strconv.FormatInt(identityID, 10))
}

// identityOf returns the identity id of a traveller node.
func (g *Graph) identityOf(n int32) int64 {
	id, _ := strconv.ParseInt(g.key(n), 10, 64)
	return id
}

// epoch is day 0 of the compact dates.
var epoch = time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)

// day packs a "2006-01-02" date (a longer timestamp is cut) into days
// since 1999-12-31; 0 when empty or unreadable.
func day(s string) uint16 {
	if len(s) > 10 {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0
	}
	d := int(t.Sub(epoch).Hours() / 24)
	if d <= 0 || d > math.MaxUint16 {
		return 0
	}
	return uint16(d)
}

// date unpacks a day; "" for 0.
func date(d uint16) string {
	if d == 0 {
		return ""
	}
	return epoch.AddDate(0, 0, int(d)).Format(time.DateOnly)
}

func widen(first, last *uint16, f, l uint16) {
	if f != 0 && (*first == 0 || f < *first) {
		*first = f
	}
	if l > *last {
		*last = l
	}
}

func sat16(n int64) uint16 {
	if n > math.MaxUint16 {
		return math.MaxUint16
	}
	if n < 0 {
		return 0
	}
	return uint16(n)
}

// Delta is what one or more observations changed, with the values now
// stored (so applying a delta twice changes nothing).
type Delta struct {
	Nodes []DeltaNode `json:"nodes"`
	Edges []DeltaEdge `json:"edges"`
}

// DeltaNode is a node added or widened.
type DeltaNode struct {
	Kind      NodeKind
	Key       string
	FirstSeen string
	LastSeen  string
}

// DeltaEdge is an edge added or updated. From is a traveller; To an
// identifier or another traveller.
type DeltaEdge struct {
	FromKind  NodeKind
	FromKey   string
	ToKind    NodeKind
	ToKey     string
	Kind      EdgeKind
	Count     int64
	FirstSeen string
	LastSeen  string
}

// Add appends another delta's changes.
func (d *Delta) Add(o Delta) {
	d.Nodes = append(d.Nodes, o.Nodes...)
	d.Edges = append(d.Edges, o.Edges...)
}

// Apply brings the in-memory graph up to a committed delta.
func (g *Graph) Apply(d Delta) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.version++
	for _, n := range d.Nodes {
		id, err := g.node(n.Kind, n.Key)
		if err != nil {
			return err
		}
		widen(&g.first[id], &g.last[id], day(n.FirstSeen), day(n.LastSeen))
	}
	for _, e := range d.Edges {
		if err := g.applyEdge(e); err != nil {
			return err
		}
	}
	return nil
}

func (g *Graph) applyEdge(e DeltaEdge) error {
	if e.FromKind != NodeTraveller {
		return fmt.Errorf("network: edge %s from a %s", e.Kind, e.FromKind)
	}
	a, err := g.node(e.FromKind, e.FromKey)
	if err != nil {
		return err
	}
	b, err := g.node(e.ToKind, e.ToKey)
	if err != nil {
		return err
	}
	if a == b {
		return nil
	}
	f, l := day(e.FirstSeen), day(e.LastSeen)
	widen(&g.first[a], &g.last[a], f, l)
	widen(&g.first[b], &g.last[b], f, l)
	set := func(list []half, to int32) bool {
		for i := range list {
			if list[i].to == to && list[i].kind == e.Kind {
				list[i].count = sat16(e.Count)
				widen(&list[i].first, &list[i].last, f, l)
				return true
			}
		}
		return false
	}
	h := half{kind: e.Kind, owner: true, count: sat16(e.Count), first: f, last: l}
	if set(g.adj[a], b) {
		if e.ToKind == NodeTraveller {
			set(g.adj[b], a)
		}
		return nil
	}
	h.to = b
	g.adj[a] = append(g.adj[a], h)
	h.to, h.owner = a, e.ToKind == NodeTraveller
	g.adj[b] = append(g.adj[b], h)
	return nil
}

// edgeData returns the owner half of edge a-b of kind k (a a traveller).
func (g *Graph) edgeData(a, b int32, k EdgeKind) half {
	for _, h := range g.adj[a] {
		if h.to == b && h.kind == k {
			return h
		}
	}
	return half{to: b, kind: k}
}
