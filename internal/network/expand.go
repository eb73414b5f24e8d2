package network

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrUnknownTraveller is returned when a seed identity is not in the graph.
var ErrUnknownTraveller = errors.New("network: traveller not in the network")

// Node is a node of an expansion, fit for a graph view.
type Node struct {
	// ID is "<kind>:<key>", e.g. "traveller:42", "phone:+905321234567".
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Label string `json:"label"`
	// IdentityID is set on traveller nodes.
	IdentityID int64 `json:"identity_id,omitempty"`
	// Weight is, for a traveller, the strength of its best link to the
	// seed (1 for the seed); for an identifier, the strength of a link
	// through it (base weight of its kind times rarity; tiny for a hub).
	Weight float64 `json:"weight"`
	// Degree is the number of travellers an identifier links (or a
	// traveller's number of links).
	Degree int  `json:"degree"`
	Hub    bool `json:"hub"`
	// Hops is a traveller's distance from the seed in traveller hops.
	Hops      int    `json:"hops"`
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// Edge is an edge between two nodes of an expansion.
type Edge struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Kind      string `json:"kind"`
	Count     int    `json:"count"`
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
}

// Step is one link of a chain of evidence: from one traveller to the
// next, through an identifier (Via) or directly (Via empty).
type Step struct {
	From      string  `json:"from"`
	Via       string  `json:"via,omitempty"`
	To        string  `json:"to"`
	Kind      string  `json:"kind"`
	Strength  float64 `json:"strength"`
	Count     int     `json:"count"`
	FirstSeen string  `json:"first_seen,omitempty"`
	LastSeen  string  `json:"last_seen,omitempty"`
}

// Evidence says why an associate is linked to the seed: the strongest
// chain, in words and step by step.
type Evidence struct {
	Node       string  `json:"node"`
	IdentityID int64   `json:"identity_id"`
	Strength   float64 `json:"strength"`
	Hops       int     `json:"hops"`
	Text       string  `json:"text"`
	Steps      []Step  `json:"steps"`
}

// Result is a seed's neighbourhood.
type Result struct {
	Seed int64 `json:"seed"`
	Hops int   `json:"hops"`
	// Nodes hold the seed, its associates (ranked, at most
	// Config.MaxAssociates), the identifiers on their chains and every
	// identifier of the seed; Edges every edge between them.
	Nodes    []Node     `json:"nodes"`
	Edges    []Edge     `json:"edges"`
	Evidence []Evidence `json:"evidence"`
	// Hubs are the hub identifiers met and not followed.
	Hubs []Node `json:"hubs"`
	// Associates counts every traveller reached (Evidence keeps the
	// strongest); Truncated says the visit cap stopped the expansion.
	Associates int  `json:"associates"`
	Truncated  bool `json:"truncated,omitempty"`
	Visits     int  `json:"visits"`
}

// Namer names a traveller identity in evidence text ("" falls back to
// "traveller <id>").
type Namer func(identityID int64) string

type reach struct {
	str  float64
	hops int
	prev int32 // previous traveller; -1 for the seed
	via  int32 // identifier node; -1 for a direct edge
	kind EdgeKind
}

// Expand returns the k-hop neighbourhood of a traveller identity (hops
// counted traveller to traveller: through one shared identifier or one
// direct edge), ranked by link strength: the product of the step
// strengths along the strongest chain. A step through an identifier is
// worth its kind's base weight times its rarity; hubs are reported and
// never passed. names may be nil.
func (g *Graph) Expand(identityID int64, hops int, names Namer) (Result, error) {
	if hops <= 0 {
		hops = 2
	}
	if hops > 4 {
		return Result{}, fmt.Errorf("network: hops %d: at most 4", hops)
	}
	g.mu.RLock()
	defer g.mu.RUnlock()
	seed, ok := g.travellerNode(identityID)
	if !ok {
		return Result{}, fmt.Errorf("%w: identity %d", ErrUnknownTraveller, identityID)
	}
	res := Result{Seed: identityID, Hops: hops}
	best := map[int32]*reach{seed: {str: 1, prev: -1, via: -1}}
	hubs := map[int32]bool{}
	frontier := []int32{seed}
	visits := 0
	inNext := map[int32]bool{}
	for h := 1; h <= hops && len(frontier) > 0 && !res.Truncated; h++ {
		var next []int32
		clear(inNext)
		relax := func(t int32, s float64, u, via int32, k EdgeKind) {
			if t == seed {
				return
			}
			if r, ok := best[t]; ok && r.str >= s {
				return
			}
			best[t] = &reach{str: s, hops: h, prev: u, via: via, kind: k}
			if !inNext[t] {
				inNext[t] = true
				next = append(next, t)
			}
		}
		for _, u := range frontier {
			su := best[u].str
			for _, e := range g.adj[u] {
				visits++
				v := e.to
				if g.kind[v] == NodeTraveller {
					relax(v, su*directStrength(e.kind, int(e.count)), u, -1, e.kind)
					continue
				}
				if g.isHub(v) {
					hubs[v] = true
					continue
				}
				sv := su * g.through(v)
				for _, f := range g.adj[v] {
					visits++
					if f.to != u {
						relax(f.to, sv, u, v, e.kind)
					}
				}
			}
			if visits > g.cfg.MaxVisits {
				res.Truncated = true
				break
			}
		}
		frontier = next
	}
	res.Visits = visits

	// Rank the associates.
	assoc := make([]int32, 0, len(best))
	for n := range best {
		if n != seed {
			assoc = append(assoc, n)
		}
	}
	slices.SortFunc(assoc, func(a, b int32) int {
		if c := cmp.Compare(best[b].str, best[a].str); c != 0 {
			return c
		}
		return cmp.Compare(g.identityOf(a), g.identityOf(b))
	})
	res.Associates = len(assoc)
	if len(assoc) > g.cfg.MaxAssociates {
		assoc = assoc[:g.cfg.MaxAssociates]
	}

	// The nodes shown: seed, associates, identifiers on chains, the
	// seed's own identifiers, hubs met.
	shown := map[int32]bool{seed: true}
	order := []int32{seed}
	show := func(n int32) {
		if !shown[n] {
			shown[n] = true
			order = append(order, n)
		}
	}
	for _, n := range assoc {
		show(n)
		for r := best[n]; r.prev >= 0; r = best[r.prev] {
			if r.via >= 0 {
				show(r.via)
			}
		}
	}
	for _, e := range g.adj[seed] {
		if g.kind[e.to] != NodeTraveller {
			show(e.to)
		}
	}
	for n := range hubs {
		show(n)
	}
	hubList := make([]int32, 0, len(hubs))
	for n := range hubs {
		hubList = append(hubList, n)
	}
	slices.SortFunc(hubList, func(a, b int32) int { return cmp.Compare(len(g.adj[b]), len(g.adj[a])) })
	for _, n := range hubList {
		res.Hubs = append(res.Hubs, g.viewNode(n, best, names))
	}
	for _, n := range order {
		res.Nodes = append(res.Nodes, g.viewNode(n, best, names))
	}
	// Edges between shown nodes, read from the traveller side (owner).
	for _, n := range order {
		if g.kind[n] != NodeTraveller {
			continue
		}
		for _, e := range g.adj[n] {
			if !shown[e.to] || (g.kind[e.to] == NodeTraveller && e.to < n) {
				continue
			}
			res.Edges = append(res.Edges, Edge{From: g.nodeID(n), To: g.nodeID(e.to), Kind: e.kind.String(),
				Count: int(e.count), FirstSeen: date(e.first), LastSeen: date(e.last)})
		}
	}
	for _, n := range assoc {
		res.Evidence = append(res.Evidence, g.evidence(n, best, names))
	}
	if res.Evidence == nil {
		res.Evidence = []Evidence{}
	}
	if res.Edges == nil {
		res.Edges = []Edge{}
	}
	if res.Hubs == nil {
		res.Hubs = []Node{}
	}
	return res, nil
}

func (g *Graph) nodeID(n int32) string { return g.kind[n].String() + ":" + g.key(n) }

// label is how a node reads in evidence.
func (g *Graph) label(n int32, names Namer) string {
	k := g.key(n)
	switch g.kind[n] {
	case NodeTraveller:
		id := g.identityOf(n)
		if names != nil {
			if s := names(id); s != "" {
				return s
			}
		}
		return "traveller " + k
	case NodeCard:
		last4, _, _ := strings.Cut(k, ":")
		return "…" + last4
	case NodeOffice:
		return "office " + k
	case NodeDocument:
		return "document " + k
	case NodeBooking:
		return k
	}
	return k
}

func (g *Graph) viewNode(n int32, best map[int32]*reach, names Namer) Node {
	v := Node{ID: g.nodeID(n), Kind: g.kind[n].String(), Label: g.label(n, names), Degree: len(g.adj[n]),
		FirstSeen: date(g.first[n]), LastSeen: date(g.last[n])}
	if g.kind[n] == NodeTraveller {
		v.IdentityID = g.identityOf(n)
		if r, ok := best[n]; ok {
			v.Weight, v.Hops = r.str, r.hops
		}
		return v
	}
	v.Hub = g.isHub(n)
	v.Weight = g.through(n)
	return v
}

// evidence walks the chain from the seed to n.
func (g *Graph) evidence(n int32, best map[int32]*reach, names Namer) Evidence {
	var chain []int32
	for m := n; best[m].prev >= 0; m = best[m].prev {
		chain = append(chain, m)
	}
	slices.Reverse(chain)
	ev := Evidence{Node: g.nodeID(n), IdentityID: g.identityOf(n), Strength: best[n].str, Hops: len(chain)}
	var text strings.Builder
	for i, m := range chain {
		r := best[m]
		from, to := g.label(r.prev, names), g.label(m, names)
		st := Step{From: g.nodeID(r.prev), To: g.nodeID(m), Kind: r.kind.String()}
		var h half
		if r.via >= 0 {
			st.Via = g.nodeID(r.via)
			st.Strength = g.through(r.via)
			h = g.edgeData(r.prev, r.via, r.kind)
		} else {
			h = g.edgeData(r.prev, m, r.kind)
			st.Strength = directStrength(r.kind, int(h.count))
		}
		st.Count, st.FirstSeen, st.LastSeen = int(h.count), date(h.first), date(h.last)
		ev.Steps = append(ev.Steps, st)
		if i == 0 {
			text.WriteString(from)
		}
		text.WriteString(g.phrase(i == 0, r, m, h, names, to))
	}
	ev.Text = text.String()
	return ev
}

// phrase is one step in words, following its subject (the previous
// traveller): " shares phone +90… with X" first, ", who shares …" after.
func (g *Graph) phrase(first bool, r *reach, to int32, h half, names Namer, toLabel string) string {
	who := ", who"
	if first {
		who = ""
	}
	if r.via >= 0 {
		l := g.label(r.via, names)
		deg := len(g.adj[r.via])
		also := ""
		if deg > 2 {
			also = fmt.Sprintf(" (one of %d travellers)", deg)
		}
		switch g.kind[r.via] {
		case NodePhone:
			return fmt.Sprintf("%s shares phone %s with %s%s", who, l, toLabel, also)
		case NodeEmail:
			return fmt.Sprintf("%s shares e-mail %s with %s%s", who, l, toLabel, also)
		case NodeAddress:
			return fmt.Sprintf("%s shares address %q with %s%s", who, l, toLabel, also)
		case NodeCard:
			return fmt.Sprintf(", whose ticket was paid with card %s, which also paid for %s%s", l, toLabel, also)
		case NodeBooking:
			return fmt.Sprintf("%s is on booking %s with %s%s", who, l, toLabel, also)
		case NodeFrequentFlyer:
			return fmt.Sprintf("%s shares frequent-flyer account %s with %s%s", who, l, toLabel, also)
		case NodeOffice:
			return fmt.Sprintf("%s booked through %s, as did %s%s", who, l, toLabel, also)
		case NodeDocument:
			return fmt.Sprintf("%s travels on %s, as does %s%s", who, l, toLabel, also)
		}
		return fmt.Sprintf("%s shares %s with %s", who, l, toLabel)
	}
	switch r.kind {
	case EdgeSameBooking:
		return fmt.Sprintf("%s is on the same booking as %s", who, toLabel)
	case EdgeAdjacentSeat:
		return fmt.Sprintf("%s sat next to %s (%s)", who, toLabel, times(int(h.count), "flight"))
	case EdgeCoFlight:
		return fmt.Sprintf("%s took the same %s as %s on separate bookings", who, times(int(h.count), "flight"), toLabel)
	}
	return fmt.Sprintf("%s is linked to %s", who, toLabel)
}

func times(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func errorsIsUnknown(err error) bool { return errors.Is(err, ErrUnknownTraveller) }
