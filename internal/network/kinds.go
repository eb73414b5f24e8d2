// Package network finds who travels with, pays for and shares contacts
// with whom. It keeps a link graph whose nodes are traveller identities
// and the identifiers their bookings carry (phones in E.164, folded e-mail
// addresses, postal addresses, payment cards as keyed hash and last four
// digits, record locators, frequent-flyer numbers, booking offices, travel
// documents), and whose edges say how they connect, with first and last
// seen dates and counts. Travellers are also linked directly when they are
// on the same booking, sit next to each other, or take the same flights on
// two or more occasions on separate bookings.
//
// The graph is built incrementally at ingest (Observe writes it into the
// store inside the ingest transaction and returns a Delta), and served from
// a compact in-memory index (Graph: int32 node ids, per-node adjacency
// slices) loaded from the store at start (Load) and updated with each
// committed Delta (Graph.Apply). Very common identifiers (an agency's own
// phone, a call centre's e-mail, a corporate card) are hubs: reported,
// never expanded through. Expand ranks the neighbourhood of a traveller by
// link strength with the chain of evidence in words; Groups finds the
// connected groups over strong links and how they grew week by week;
// Signals raises alerts (cause network) for travellers linked within two
// hops to a confirmed alert's or a watchlisted traveller; PatternSignals
// raises them for network patterns seen without any seed (one contact on
// several separate bookings, an agency network, a growing group). See
// docs/network.md.
package network

import "fmt"

// NodeKind is what a node stands for.
type NodeKind uint8

// Node kinds. Their names are the "kind" of nodes in JSON and in the store.
const (
	NodeTraveller NodeKind = iota + 1
	NodePhone
	NodeEmail
	NodeAddress
	NodeCard
	NodeBooking
	NodeFrequentFlyer
	NodeOffice
	NodeDocument
	nodeKinds
)

var nodeKindNames = [nodeKinds]string{"", "traveller", "phone", "email", "address", "card", "booking", "frequent_flyer", "office", "document"}

// String returns the kind's name.
func (k NodeKind) String() string {
	if k == 0 || k >= nodeKinds {
		return fmt.Sprintf("NodeKind(%d)", k)
	}
	return nodeKindNames[k]
}

// ParseNodeKind reads a kind's name.
func ParseNodeKind(s string) (NodeKind, error) {
	for k := NodeTraveller; k < nodeKinds; k++ {
		if nodeKindNames[k] == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("network: unknown node kind %q", s)
}

// EdgeKind says how two nodes connect.
type EdgeKind uint8

// Edge kinds. From a traveller to an identifier: one per identifier kind.
// Between travellers: same booking, adjacent seats, repeated co-travel.
const (
	EdgePhone         EdgeKind = iota + 1 // traveller's booking gives the phone
	EdgeEmail                             // ... the e-mail address
	EdgeAddress                           // ... the postal address
	EdgeCard                              // traveller's ticket was paid with the card
	EdgeBooking                           // traveller is on the booking (record locator)
	EdgeFrequentFlyer                     // traveller's frequent-flyer number
	EdgeOffice                            // booking made by the office or agency
	EdgeDocument                          // traveller travels on the document
	EdgeSameBooking                       // two travellers on one booking (count: flights)
	EdgeAdjacentSeat                      // two travellers in neighbouring seats (count: flights)
	EdgeCoFlight                          // two travellers on the same flights, separate bookings (count: flights, >= 2)
	edgeKinds
)

var edgeKindNames = [edgeKinds]string{"", "phone", "email", "address", "card", "booking", "frequent_flyer", "office", "document",
	"same_booking", "adjacent_seat", "co_flight"}

// String returns the kind's name.
func (k EdgeKind) String() string {
	if k == 0 || k >= edgeKinds {
		return fmt.Sprintf("EdgeKind(%d)", k)
	}
	return edgeKindNames[k]
}

// ParseEdgeKind reads a kind's name.
func ParseEdgeKind(s string) (EdgeKind, error) {
	for k := EdgePhone; k < edgeKinds; k++ {
		if edgeKindNames[k] == s {
			return k, nil
		}
	}
	return 0, fmt.Errorf("network: unknown edge kind %q", s)
}

// edgeFor is the edge kind from a traveller to an identifier of kind k.
func edgeFor(k NodeKind) EdgeKind {
	switch k {
	case NodePhone:
		return EdgePhone
	case NodeEmail:
		return EdgeEmail
	case NodeAddress:
		return EdgeAddress
	case NodeCard:
		return EdgeCard
	case NodeBooking:
		return EdgeBooking
	case NodeFrequentFlyer:
		return EdgeFrequentFlyer
	case NodeOffice:
		return EdgeOffice
	case NodeDocument:
		return EdgeDocument
	}
	return 0
}

// identifierBase is the strength of a link through an identifier shared
// by exactly two travellers: how strongly sharing it suggests the two
// know each other. A shared card, document or frequent-flyer account is
// near-certain; a shared phone or e-mail very likely (one person often
// books for another); an address less (buildings, hotels); an office
// only says they used the same channel.
var identifierBase = [nodeKinds]float64{
	NodePhone:         0.85,
	NodeEmail:         0.85,
	NodeAddress:       0.6,
	NodeCard:          0.9,
	NodeBooking:       0.8,
	NodeFrequentFlyer: 0.9,
	NodeOffice:        0.3,
	NodeDocument:      0.95,
}

// strongKind marks the identifier kinds whose links make groups (all but
// offices: a small agency is evidence, not a bond).
var strongKind = [nodeKinds]bool{
	NodePhone: true, NodeEmail: true, NodeAddress: true, NodeCard: true, NodeBooking: true,
	NodeFrequentFlyer: true, NodeDocument: true,
}

// directStrength is the strength of a direct traveller-traveller edge
// seen count times.
func directStrength(k EdgeKind, count int) float64 {
	switch k {
	case EdgeSameBooking:
		return 0.8
	case EdgeCoFlight: // only exists from 2 shared flights
		return min(0.9, 0.45+0.1*float64(count))
	case EdgeAdjacentSeat:
		if count >= 2 {
			return 0.7
		}
		return 0.35
	}
	return 0
}

// directStrong says whether a direct edge is strong enough to make a group.
func directStrong(k EdgeKind, count int) bool {
	return k == EdgeSameBooking || (k == EdgeCoFlight && count >= 3) || (k == EdgeAdjacentSeat && count >= 2)
}
