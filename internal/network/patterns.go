package network

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/store"
)

// Network pattern rules (store.Alert.Rule with Cause store.CauseNetwork):
// raised from the shape of the graph alone, without any seed.
const (
	// RuleSharedContact: one phone, e-mail or card (not a hub) on the
	// bookings of PatternMinTravellers or more identities on
	// PatternMinBookings or more separate bookings.
	RuleSharedContact = "shared_contact_across_bookings"
	// RuleAgencyNetwork: a shared contact as above whose bookings were all
	// made at one small office (not a hub).
	RuleAgencyNetwork = "agency_network"
	// RuleGrowingGroup: a contact group (travellers joined by shared
	// contacts, cards, documents, frequent-flyer accounts or bookings)
	// of GrowingMinMembers or more on PatternMinBookings or more separate
	// bookings, whose members appeared on GrowingMinDays or more
	// different days, and that no single identifier explains.
	RuleGrowingGroup = "growing_group"
)

// Pattern thresholds.
const (
	PatternMinTravellers = 3
	PatternMinBookings   = 3
	GrowingMinMembers    = 4
	GrowingMinDays       = 3
	// PatternMaxMembers bounds the contact group examined around a
	// traveller: a larger one is ordinary traffic chained together (or a
	// hub just below the threshold) and is not a pattern.
	PatternMaxMembers = 40
)

// contactKind marks the identifiers a shared-contact pattern is about.
var contactKind = [nodeKinds]bool{NodePhone: true, NodeEmail: true, NodeCard: true}

// bondKind marks the identifiers that join a contact group: contacts,
// payment, personal identifiers and the booking itself; so do the strong
// direct links (same booking, same flights three times, seats side by
// side twice). Addresses (a building, a hotel) and offices do not.
var bondKind = [nodeKinds]bool{NodePhone: true, NodeEmail: true, NodeCard: true, NodeBooking: true,
	NodeFrequentFlyer: true, NodeDocument: true}

// Pattern is one network pattern found in the graph, with its evidence.
type Pattern struct {
	Rule    string  `json:"rule"`
	Summary string  `json:"summary"`
	Members []int64 `json:"members"`
	// Bookings are the record locators of the separate bookings.
	Bookings []string `json:"bookings"`
	// Shared are the identifiers linking members across bookings.
	Shared []SharedIdentifier `json:"shared"`
	Office string             `json:"office,omitempty"`
	// Joined counts the members by the day they were first seen.
	Joined []DayCount `json:"joined"`
}

// SharedIdentifier is an identifier carried by several members' bookings.
type SharedIdentifier struct {
	Node       string  `json:"node"`
	Travellers []int64 `json:"travellers"`
	Bookings   int     `json:"bookings"`
}

// DayCount is how many members were first seen on a day.
type DayCount struct {
	Day   string `json:"day"`
	Added int    `json:"added"`
}

// Patterns returns the network patterns in the contact groups of the
// given identities (each group examined once). names, when not nil,
// tells members of one name apart (see analyse).
func (g *Graph) Patterns(identities []int64, names Namer) []Pattern {
	g.mu.RLock()
	defer g.mu.RUnlock()
	done := map[int32]bool{}
	var out []Pattern
	for _, id := range identities {
		t, ok := g.travellerNode(id)
		if !ok || done[t] {
			continue
		}
		ms := g.contactGroup(t, done)
		if len(ms) < PatternMinTravellers {
			continue
		}
		out = append(out, g.pattern(ms, nameKey(names, g))...)
	}
	return out
}

// contactGroup collects the travellers joined to t by bonds, marking them
// done; nil when the group exceeds PatternMaxMembers.
func (g *Graph) contactGroup(t int32, done map[int32]bool) []int32 {
	ms := []int32{t}
	done[t] = true
	big := false
	add := func(u int32) {
		if !done[u] {
			done[u] = true
			ms = append(ms, u)
		}
	}
	for i := 0; i < len(ms) && !big; i++ {
		for _, e := range g.adj[ms[i]] {
			k := g.kind[e.to]
			switch {
			case k == NodeTraveller:
				if directStrong(e.kind, int(e.count)) {
					add(e.to)
				}
			case bondKind[k] && !g.isHub(e.to):
				for _, h := range g.adj[e.to] {
					add(h.to)
				}
			}
			if len(ms) > PatternMaxMembers {
				big = true
				break
			}
		}
	}
	if big {
		return nil
	}
	return ms
}

// ident is an identifier carried by members of a contact group, with the
// members and booking clusters it reaches.
type ident struct {
	n          int32
	travellers []int32
	clusters   map[int32]bool
}

// analysis is a contact group cut into booking clusters.
type analysis struct {
	ms       []int32
	cluster  map[int32]int32 // member -> cluster representative
	clusters map[int32]bool
	// shared are the contacts (offices) reaching two clusters or more,
	// the widest first.
	shared, offices []*ident
	days            map[uint16]int
}

// analyse cuts members into booking clusters: members sharing a booking
// are one cluster, and so are members of one name (same surname and first
// given name: most likely one person whose records were not merged into
// one identity), so that a family or a repeater is never "several
// bookings".
func (g *Graph) analyse(ms []int32, nameKey func(int32) string) *analysis {
	parent := map[int32]int32{}
	for _, m := range ms {
		parent[m] = m
	}
	var find func(int32) int32
	find = func(x int32) int32 {
		if parent[x] != x {
			parent[x] = find(parent[x])
		}
		return parent[x]
	}
	union := func(a, b int32) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[ra] = rb
		}
	}
	byBooking := map[int32]int32{}
	byName := map[string]int32{}
	for _, m := range ms {
		for _, e := range g.adj[m] {
			if g.kind[e.to] != NodeBooking {
				continue
			}
			if o, ok := byBooking[e.to]; ok {
				union(o, m)
			} else {
				byBooking[e.to] = m
			}
		}
		if k := nameKey(m); k != "" {
			if o, ok := byName[k]; ok {
				union(o, m)
			} else {
				byName[k] = m
			}
		}
	}
	an := &analysis{ms: ms, cluster: map[int32]int32{}, clusters: map[int32]bool{}, days: map[uint16]int{}}
	for _, m := range ms {
		c := find(m)
		an.cluster[m] = c
		an.clusters[c] = true
		an.days[g.first[m]]++
	}
	idents := map[int32]*ident{}
	for _, m := range ms {
		for _, e := range g.adj[m] {
			k := g.kind[e.to]
			if (!contactKind[k] && k != NodeOffice) || g.isHub(e.to) {
				continue
			}
			id := idents[e.to]
			if id == nil {
				id = &ident{n: e.to, clusters: map[int32]bool{}}
				idents[e.to] = id
			}
			id.travellers = append(id.travellers, m)
			id.clusters[an.cluster[m]] = true
		}
	}
	for _, id := range idents {
		if len(id.clusters) < 2 {
			continue
		}
		if g.kind[id.n] == NodeOffice {
			an.offices = append(an.offices, id)
		} else {
			an.shared = append(an.shared, id)
		}
	}
	byReach := func(a, b *ident) int {
		if c := cmp.Compare(len(b.clusters), len(a.clusters)); c != 0 {
			return c
		}
		if c := cmp.Compare(len(b.travellers), len(a.travellers)); c != 0 {
			return c
		}
		return cmp.Compare(a.n, b.n)
	}
	slices.SortFunc(an.shared, byReach)
	slices.SortFunc(an.offices, byReach)
	return an
}

// corroborated keeps the members whose booking cluster is tied to another
// cluster by more than a contact or one trip together: booked at the
// office most of the group's bookings used (not a hub), or on the same
// flights as a member of another cluster three times or more. A family
// whose e-mail happens to match a member's, or that sat next to a member
// on the way out and back, is left out.
func (g *Graph) corroborated(an *analysis) []int32 {
	var office int32 = -1
	if len(an.offices) > 0 {
		office = an.offices[0].n
	}
	ok := map[int32]bool{}
	for _, m := range an.ms {
		for _, e := range g.adj[m] {
			switch {
			case e.to == office:
				ok[an.cluster[m]] = true
			case g.kind[e.to] == NodeTraveller && e.kind == EdgeCoFlight && e.count >= 3:
				if c, in := an.cluster[e.to]; in && c != an.cluster[m] {
					ok[an.cluster[m]] = true
				}
			}
		}
	}
	var out []int32
	for _, m := range an.ms {
		if ok[an.cluster[m]] {
			out = append(out, m)
		}
	}
	return out
}

// pattern decides which rule, if any, a contact group shows: a growing
// group when the corroborated part of the group is spread over separate
// bookings and days and no single identifier explains it, else a shared
// contact (an agency network when one small office made all its
// bookings).
func (g *Graph) pattern(ms []int32, nameKey func(int32) string) []Pattern {
	an := g.analyse(ms, nameKey)
	if len(an.clusters) < PatternMinBookings {
		return nil
	}
	var out []Pattern
	covered := map[int32]bool{}
	grown := g.analyse(g.corroborated(an), nameKey)
	star := len(grown.shared) > 0 && len(grown.shared[0].clusters) == len(grown.clusters)
	if len(grown.clusters) >= PatternMinBookings && len(grown.ms) >= GrowingMinMembers &&
		len(grown.days) >= GrowingMinDays && len(grown.shared) > 0 && !star {
		p := Pattern{Rule: RuleGrowingGroup}
		if len(grown.offices) > 0 && len(grown.offices[0].clusters) == len(grown.clusters) {
			p.Office = g.nodeID(grown.offices[0].n)
		}
		out = append(out, g.finish(p, grown.ms, grown.shared))
		for _, m := range grown.ms {
			covered[m] = true
		}
	}
	// Every shared contact reaching enough bookings and travellers not
	// already reported (one group can hold two networks that met).
	for _, s := range an.shared {
		if len(s.clusters) < PatternMinBookings || len(s.travellers) < PatternMinTravellers {
			continue
		}
		if !slices.ContainsFunc(s.travellers, func(m int32) bool { return !covered[m] }) {
			continue
		}
		// Bookings of one family name are one household's (a family
		// e-mail on the parents' and the children's bookings).
		households := map[string]bool{}
		for _, m := range s.travellers {
			k, _, _ := strings.Cut(nameKey(m), "/")
			if k == "" {
				k = "#" + strconv.Itoa(int(an.cluster[m]))
			}
			households[k] = true
		}
		if len(households) < PatternMinBookings {
			continue
		}
		p := Pattern{Rule: RuleSharedContact}
		for _, o := range an.offices {
			if len(o.clusters) < len(s.clusters) {
				break
			}
			all := true
			for c := range s.clusters {
				if !o.clusters[c] {
					all = false
					break
				}
			}
			if all {
				p.Rule = RuleAgencyNetwork
				p.Office = g.nodeID(o.n)
				break
			}
		}
		out = append(out, g.finish(p, s.travellers, []*ident{s}))
		for _, m := range s.travellers {
			covered[m] = true
		}
	}
	return out
}

// finish fills a pattern's members and evidence.
func (g *Graph) finish(p Pattern, members []int32, shared []*ident) Pattern {
	in := map[int32]bool{}
	for _, m := range members {
		in[m] = true
		p.Members = append(p.Members, g.identityOf(m))
	}
	slices.Sort(p.Members)
	p.Members = slices.Compact(p.Members)
	bookings := map[string]bool{}
	for _, m := range members {
		for _, e := range g.adj[m] {
			if g.kind[e.to] == NodeBooking {
				bookings[g.key(e.to)] = true
			}
		}
	}
	for b := range bookings {
		p.Bookings = append(p.Bookings, b)
	}
	slices.Sort(p.Bookings)
	for _, s := range shared {
		si := SharedIdentifier{Node: g.nodeID(s.n), Bookings: len(s.clusters)}
		for _, t := range s.travellers {
			if in[t] {
				si.Travellers = append(si.Travellers, g.identityOf(t))
			}
		}
		slices.Sort(si.Travellers)
		si.Travellers = slices.Compact(si.Travellers)
		p.Shared = append(p.Shared, si)
	}
	jd := map[uint16]int{}
	for _, m := range members {
		jd[g.first[m]]++
	}
	ds := make([]uint16, 0, len(jd))
	for d := range jd {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	for _, d := range ds {
		p.Joined = append(p.Joined, DayCount{Day: cmp.Or(date(d), "unknown"), Added: jd[d]})
	}
	return p
}

// nameKey returns a member's "SURNAME/FIRSTGIVEN" from a namer's label
// ("SURNAME/GIVEN NAMES (id)"); "" when unnamed.
func nameKey(names Namer, g *Graph) func(int32) string {
	return func(m int32) string {
		if names == nil {
			return ""
		}
		s := names(g.identityOf(m))
		if i := strings.LastIndex(s, " ("); i >= 0 {
			s = s[:i]
		}
		sur, given, ok := strings.Cut(s, "/")
		if !ok || sur == "" || given == "" {
			return ""
		}
		first, _, _ := strings.Cut(strings.TrimSpace(given), " ")
		return strings.ToUpper(strings.TrimSpace(sur)) + "/" + strings.ToUpper(first)
	}
}

// describe writes the pattern's summary in words.
func (p *Pattern) describe(names Namer) {
	who := make([]string, 0, len(p.Members))
	for _, m := range p.Members {
		n := ""
		if names != nil {
			n = names(m)
		}
		if n == "" {
			n = "traveller " + strconv.FormatInt(m, 10)
		}
		who = append(who, n)
	}
	switch p.Rule {
	case RuleGrowingGroup:
		p.Summary = fmt.Sprintf("%d travellers on %d separate bookings, first seen on %d different days (%s to %s), linked by %d shared contacts: %s",
			len(p.Members), len(p.Bookings), len(p.Joined), p.Joined[0].Day, p.Joined[len(p.Joined)-1].Day, len(p.Shared), strings.Join(who, ", "))
		if p.Office != "" {
			p.Summary += "; all booked at " + p.Office
		}
	default:
		s := p.Shared[0]
		p.Summary = fmt.Sprintf("%s is on %d separate bookings of %d travellers: %s", s.Node, s.Bookings, len(s.Travellers), strings.Join(who, ", "))
		if p.Rule == RuleAgencyNetwork {
			p.Summary += "; every one of these bookings was made at " + p.Office + " (not a hub)"
		}
	}
}

// PatternSignals raises, for the network patterns in the contact groups
// of the triggered travellers, one alert per member and rule (cause
// network, priority 3; deduplicated per identity and rule by the store)
// whose explanation is the pattern and its evidence. A member's alert is
// written again only when its pattern changed. It returns the alerts
// raised or updated. An analyst decides.
func (g *Graph) PatternSignals(ctx context.Context, w AlertWriter, triggers []Trigger, names Namer) ([]store.Alert, error) {
	ids := make([]int64, 0, len(triggers))
	byID := map[int64]Trigger{}
	for _, t := range triggers {
		if t.IdentityID != 0 {
			ids = append(ids, t.IdentityID)
			byID[t.IdentityID] = t
		}
	}
	var out []store.Alert
	for _, p := range g.Patterns(ids, names) {
		p.describe(names)
		expl, err := json.Marshal(p)
		if err != nil {
			return out, fmt.Errorf("network: pattern explanation: %w", err)
		}
		sig := p.Rule + "|" + strings.Join(p.Bookings, ",")
		for _, m := range p.Members {
			key := strconv.FormatInt(m, 10) + "|" + p.Rule
			g.patternMu.Lock()
			same := g.patternSeen[key] == sig
			g.patternMu.Unlock()
			if same {
				continue
			}
			t := byID[m]
			a := &store.Alert{
				IdentityID:        m,
				FlightTravellerID: t.FlightTravellerID,
				FlightID:          t.FlightID,
				Cause:             store.CauseNetwork,
				Rule:              p.Rule,
				Severity:          "medium",
				Priority:          3,
				Explanation:       expl,
			}
			if _, err := w.UpsertAlert(ctx, a, Actor); err != nil {
				return out, fmt.Errorf("network: raise %s alert for identity %d: %w", p.Rule, m, err)
			}
			g.patternMu.Lock()
			if g.patternSeen == nil {
				g.patternSeen = map[string]string{}
			}
			g.patternSeen[key] = sig
			g.patternMu.Unlock()
			out = append(out, *a)
		}
	}
	return out, nil
}
