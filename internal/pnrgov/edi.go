package pnrgov

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// ParseFile reads EDIFACT input with edifact.ReadFile and parses every
// message in it with Parse. Every message must be a PNRGOV message. The
// returned warnings are the file-level ones (envelope, UNA, text around the
// interchange); each message carries its own.
func ParseFile(data []byte, opts message.ParseOptions) ([]*message.Message, []string, error) {
	f, err := edifact.ReadFile(data)
	if err != nil {
		return nil, nil, fmt.Errorf("pnrgov: %w", err)
	}
	own := make(map[edifact.Warning]bool)
	msgs := f.Messages()
	for _, m := range msgs {
		for _, w := range m.Warnings {
			own[w] = true
		}
	}
	var warns []string
	for _, w := range f.Warnings {
		if !own[w] {
			warns = append(warns, w.String())
		}
	}
	out := make([]*message.Message, 0, len(msgs))
	for i, m := range msgs {
		if m.Type != "PNRGOV" {
			return nil, warns, fmt.Errorf("pnrgov: message %d (reference %q) is %s, not PNRGOV: %w", i+1, m.Reference, m.Type,
				edifact.Errorf(m.Header, "message type %q is not PNRGOV", m.Type))
		}
		pm, err := Parse(m, opts)
		if err != nil {
			return nil, warns, fmt.Errorf("pnrgov: message %d (reference %q): %w", i+1, m.Reference, err)
		}
		out = append(out, pm)
	}
	return out, warns, nil
}

// Parse interprets one PNRGOV EDIFACT message: the header (MSG push type,
// reporting ORG, the flight TVL, the EQN count) and every PNR (SRC group)
// with its locators, dates, office, travellers, documents, contacts,
// payments, tickets, itinerary, seats, bags, check-in, splits and history.
// Sensitive elements are dropped and counted. It refuses, with an error
// naming the segment, only what cannot be read (an impossible date, a
// message that is not PNRGOV).
func Parse(m *edifact.Message, opts message.ParseOptions) (out *message.Message, err error) {
	if m == nil {
		return nil, fmt.Errorf("pnrgov: nil message")
	}
	if m.Type != "PNRGOV" {
		if m.Header != nil {
			return nil, edifact.Errorf(m.Header, "message type %q is not PNRGOV", m.Type)
		}
		return nil, fmt.Errorf("pnrgov: message type %q is not PNRGOV", m.Type)
	}
	p := &ediParser{opts: opts, drop: sensitive.Counter{}}
	p.out = &message.Message{
		Kind:      message.KindPNR,
		Format:    message.FormatPNRGOV,
		Version:   m.VersionString(),
		Reference: m.Reference,
	}
	p.setup(m)
	if err := p.run(ediUnfuse(m.Segments, p)); err != nil {
		return nil, err
	}
	p.finish(m)
	return p.out, nil
}

// ediState says which part of a PNRGOV message the parser is in.
type ediState int

const (
	ediHeader  ediState = iota // before the first SRC
	ediPNR                     // SG1: PNR level
	ediTrav                    // SG2-4: traveller, ticket, payment
	ediSeg                     // SG5-7: itinerary segment, check-in
	ediSplit                   // SG8: split PNR
	ediNonAir                  // SG9: hotel, car: dropped
	ediHistory                 // SG10-12: history
)

type ediParser struct {
	opts message.ParseOptions
	ref  time.Time
	out  *message.Message
	drop sensitive.Counter

	state     ediState
	headerTVL bool
	declared  int
	hasEQN    bool
	bk        *ediBooking
	spare     *ediBooking // a closed builder, reused for the next PNR
	bookings  []message.Booking
	// The bookings' lists are windows on slabs sized for the message.
	travSlab   ediSlab[message.Traveller]
	segSlab    ediSlab[message.Segment]
	paySlab    ediSlab[message.Payment]
	bagSlab    ediSlab[message.BagItem]
	warnings   []string
	unknown    []string
	versionMaj int
}

func (p *ediParser) warn(seg *edifact.Segment, format string, args ...any) {
	p.warnings = append(p.warnings, edifact.Warnf(seg, format, args...).String())
}

func (p *ediParser) keepUnknown(seg *edifact.Segment) {
	p.unknown = append(p.unknown, seg.String())
}

// setup fills the envelope fields and the reference date.
func (p *ediParser) setup(m *edifact.Message) {
	out := p.out
	for _, w := range m.Warnings {
		p.warnings = append(p.warnings, w.String())
	}
	if m.Sequence > 0 || !m.Last {
		out.Part = &message.Part{Sequence: m.Sequence, Last: m.Last, CommonAccess: m.CommonAccess}
	}
	var icDate time.Time
	if ic := m.Interchange; ic != nil {
		out.Sender = ic.Sender
		out.Recipient = ic.Recipient
		d := strings.TrimSpace(ic.Date)
		y, mo, dd, ok := ediYMD(d)
		if ok {
			if len(d) == 6 {
				y = message.ResolveYear(y, message.Travel, p.opts.RefDate(time.Time{}))
			}
			if ediValidDate(y, mo, dd) {
				icDate = time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC)
				out.Prepared = ediFormatDate(y, mo, dd)
				if hh, mm, ok := ediHHMM(ic.Time); ok {
					out.Prepared = ediFormatDateTime(y, mo, dd, hh, mm)
				}
			}
		}
		if icDate.IsZero() && d != "" && ic.Header != nil {
			p.warn(ic.Header, "interchange date %q is not a valid date; two-digit years resolve against the reference date", ic.Date)
		}
	}
	p.ref = p.opts.RefDate(icDate)
	maj, err := strconv.Atoi(strings.TrimSpace(m.Version))
	if err != nil || maj < 10 {
		if m.Header != nil {
			p.warn(m.Header, "PNRGOV version %q is not 10.1 or later; read as the 11.1+ layout", m.VersionString())
		}
	}
	p.versionMaj = maj
}

func (p *ediParser) run(segs []*edifact.Segment) error {
	// Size the slabs: a TIF names a new traveller only before the PNR's
	// itinerary and history (later ones name travellers to check in).
	var n, nTrav, nSeg, nPay, nBag int
	travellers := false
	for _, seg := range segs {
		switch seg.Tag {
		case "SRC":
			n++
			travellers = true
		case "ABI":
			travellers = false
		case "TIF":
			if travellers {
				nTrav++
			}
		case "TVL":
			travellers = false
			nSeg++
		case "FOP":
			nPay += len(seg.Elements)
		case "TBD":
			nBag += max(1, len(seg.Elements)-2)
		}
	}
	p.bookings = make([]message.Booking, 0, n)
	p.travSlab.buf = make([]message.Traveller, 0, nTrav)
	p.segSlab.buf = make([]message.Segment, 0, nSeg)
	p.paySlab.buf = make([]message.Payment, 0, nPay)
	p.bagSlab.buf = make([]message.BagItem, 0, nBag)
	for _, seg := range segs {
		if err := p.segment(seg); err != nil {
			return err
		}
	}
	return nil
}

func (p *ediParser) finish(m *edifact.Message) {
	if p.bk != nil {
		p.closeBooking()
	}
	out := p.out
	out.Bookings = p.bookings
	if out.Flights == nil {
		out.Flights = []message.Flight{}
	}
	if p.hasEQN {
		out.DeclaredCount = p.declared
		n := len(p.bookings)
		multi := out.Part != nil
		if p.declared != n && (!multi || n > p.declared) {
			w := fmt.Sprintf("EQN declares %d PNRs, message has %d", p.declared, n)
			if multi {
				w += " in this part"
			}
			p.warnings = append(p.warnings, w)
		}
	}
	if len(p.bookings) == 0 && m.Header != nil {
		p.warn(m.Header, "message holds no PNR (no SRC group)")
	}
	out.SensitiveDropped = p.drop.Map()
	out.Warnings = p.warnings
	out.Unknown = p.unknown
}

// segment dispatches one segment according to the parser state.
func (p *ediParser) segment(seg *edifact.Segment) error {
	if seg.Tag == "SRC" {
		if p.bk != nil {
			p.closeBooking()
		}
		p.bk = p.newBooking()
		p.state = ediPNR
		return nil
	}
	if p.state == ediHeader {
		return p.header(seg)
	}
	return p.bk.segment(seg)
}

// header handles the segments before the first SRC.
func (p *ediParser) header(seg *edifact.Segment) error {
	out := p.out
	switch seg.Tag {
	case "MSG":
		// MSG+:22 (full push) or MSG+:141 (changes only); some senders put
		// the code in the first component.
		code := strings.TrimSpace(seg.Value(0, 1))
		if code == "" {
			code = strings.TrimSpace(seg.Value(0, 0))
		}
		out.PushType = code
	case "ORG":
		if out.ReportingParty != "" {
			p.keepUnknown(seg)
			return nil
		}
		out.ReportingParty = ediJoinNonEmpty(":", strings.TrimSpace(seg.Value(0, 0)), strings.TrimSpace(seg.Value(0, 1)))
	case "TVL":
		if p.headerTVL {
			p.keepUnknown(seg)
			return nil
		}
		p.headerTVL = true
		s, err := p.tvl(seg)
		if err != nil {
			return err
		}
		out.Flights = append(out.Flights, message.Flight{
			Carrier: s.Carrier, Number: s.Number, Origin: s.Origin, Destination: s.Destination,
			Departure: s.Departure, Arrival: s.Arrival,
			OperatingCarrier: s.OperatingCarrier, OperatingNumber: s.OperatingNumber,
		})
	case "EQN":
		v := strings.TrimSpace(seg.Value(0, 0))
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			p.warn(seg, "EQN count %q is not a number", v)
			return nil
		}
		p.declared = n
		p.hasEQN = true
	default:
		p.warn(seg, "segment before the first PNR (SRC) is not a header segment; kept as unknown")
		p.keepUnknown(seg)
	}
	return nil
}

// ediJoinNonEmpty joins the non-empty parts with sep, allocating at most
// once.
func ediJoinNonEmpty(sep string, parts ...string) string {
	n, size, last := 0, 0, ""
	for _, v := range parts {
		if v != "" {
			n++
			size += len(v)
			last = v
		}
	}
	switch n {
	case 0:
		return ""
	case 1:
		return last
	}
	var b strings.Builder
	b.Grow(size + (n-1)*len(sep))
	n = 0
	for _, v := range parts {
		if v == "" {
			continue
		}
		if n > 0 {
			b.WriteString(sep)
		}
		b.WriteString(v)
		n++
	}
	return b.String()
}

// ediSlab hands out, booking after booking, windows on one slice sized for
// the whole message, so that the bookings of a message share one
// allocation per kind of list instead of growing one each.
type ediSlab[T any] struct{ buf []T }

// open returns an empty list whose room is the rest of the slab.
func (s *ediSlab[T]) open() []T {
	return s.buf[len(s.buf):len(s.buf)]
}

// close takes a list returned by open, and grown by append, out of the
// slab: its capacity is clipped so that no later append can reach the
// next list. An empty list is nil, as if never opened.
func (s *ediSlab[T]) close(v []T) []T {
	if len(v) == 0 {
		return nil
	}
	if cap(v) == cap(s.buf)-len(s.buf) {
		// Still in the slab (append moves a list out only to grow it).
		s.buf = s.buf[:len(s.buf)+len(v)]
	}
	return v[:len(v):len(v)]
}
