package network

import (
	"cmp"
	"slices"
	"strconv"
	"time"
)

// Group is a connected group of travellers over strong links: shared
// phones, e-mails, addresses, cards, bookings, frequent-flyer accounts or
// documents that are not hubs, same-booking and repeated co-travel edges,
// and seats side by side on two flights or more (an office alone, or one
// flight side by side, does not join a group).
type Group struct {
	// ID is "g" and the smallest identity id of the members: stable while
	// the group only grows.
	ID      string  `json:"id"`
	Size    int     `json:"size"`
	Members []int64 `json:"members"`
	// Growth counts the members first seen in each week (weeks start on
	// Monday), oldest first, with the running total.
	Growth []WeekCount `json:"growth"`
	// WeeksGrowing is the number of weeks in which the group gained
	// members: a group gaining members week after week is the network
	// effect analysts look for.
	WeeksGrowing int    `json:"weeks_growing"`
	FirstSeen    string `json:"first_seen"`
	LastSeen     string `json:"last_seen"`
	// Links counts the links inside the group by kind.
	Links map[string]int `json:"links"`
}

// WeekCount is a group's growth in one week.
type WeekCount struct {
	Week  string `json:"week"` // the Monday, "2006-01-02"
	Added int    `json:"added"`
	Total int    `json:"total"`
}

// Groups returns the groups of at least minSize travellers (minimum 2),
// those that grew over the most weeks first, then the largest. The
// result is computed once per graph version.
func (g *Graph) Groups(minSize int) []Group {
	minSize = max(minSize, 2)
	g.mu.RLock()
	defer g.mu.RUnlock()
	g.groupsMu.Lock()
	defer g.groupsMu.Unlock()
	if g.groups == nil || g.groupsVersion != g.version {
		g.groups = g.computeGroups()
		g.groupsVersion = g.version
	}
	var out []Group
	for _, gr := range g.groups {
		if gr.Size >= minSize {
			out = append(out, gr)
		}
	}
	return out
}

// computeGroups runs union-find over the strong links.
func (g *Graph) computeGroups() []Group {
	n := len(g.kind)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	for i := int32(0); i < int32(n); i++ {
		k := g.kind[i]
		if k == NodeTraveller {
			for _, e := range g.adj[i] {
				if g.kind[e.to] == NodeTraveller && directStrong(e.kind, int(e.count)) {
					union(i, e.to)
				}
			}
			continue
		}
		if !strongKind[k] || len(g.adj[i]) < 2 || g.isHub(i) {
			continue
		}
		first := g.adj[i][0].to
		for _, e := range g.adj[i][1:] {
			union(first, e.to)
		}
	}
	size := make([]int32, n)
	for i := int32(0); i < int32(n); i++ {
		if g.kind[i] == NodeTraveller {
			size[find(i)]++
		}
	}
	members := map[int32][]int32{}
	for i := int32(0); i < int32(n); i++ {
		if g.kind[i] == NodeTraveller {
			if r := find(i); size[r] >= 2 {
				members[r] = append(members[r], i)
			}
		}
	}
	var out []Group
	for _, ms := range members {
		if len(ms) < 2 {
			continue
		}
		out = append(out, g.describeGroup(ms))
	}
	slices.SortFunc(out, func(a, b Group) int {
		if c := cmp.Compare(b.WeeksGrowing, a.WeeksGrowing); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Size, a.Size); c != 0 {
			return c
		}
		return cmp.Compare(a.Members[0], b.Members[0])
	})
	return out
}

func (g *Graph) describeGroup(ms []int32) Group {
	gr := Group{Size: len(ms), Links: map[string]int{}}
	in := make(map[int32]bool, len(ms))
	weeks := map[string]int{}
	var first, last uint16
	for _, m := range ms {
		in[m] = true
		gr.Members = append(gr.Members, g.identityOf(m))
		widen(&first, &last, g.first[m], g.last[m])
		w := "unknown"
		if g.first[m] != 0 {
			w = monday(g.first[m])
		}
		weeks[w]++
	}
	slices.Sort(gr.Members)
	gr.ID = "g" + strconv.FormatInt(gr.Members[0], 10)
	gr.FirstSeen, gr.LastSeen = date(first), date(last)
	ws := make([]string, 0, len(weeks))
	for w := range weeks {
		ws = append(ws, w)
	}
	slices.Sort(ws)
	total := 0
	for _, w := range ws {
		total += weeks[w]
		gr.Growth = append(gr.Growth, WeekCount{Week: w, Added: weeks[w], Total: total})
	}
	gr.WeeksGrowing = len(ws)
	ids := map[int32]int{}
	for _, m := range ms {
		for _, e := range g.adj[m] {
			if g.kind[e.to] == NodeTraveller {
				if in[e.to] && e.to > m {
					gr.Links[e.kind.String()]++
				}
				continue
			}
			ids[e.to]++
		}
	}
	for id, c := range ids {
		if c >= 2 {
			if g.isHub(id) {
				gr.Links["hub_"+g.kind[id].String()]++
			} else {
				gr.Links["shared_"+g.kind[id].String()]++
			}
		}
	}
	return gr
}

// monday is the Monday of the week of day d.
func monday(d uint16) string {
	t := epoch.AddDate(0, 0, int(d))
	off := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -off).Format(time.DateOnly)
}
