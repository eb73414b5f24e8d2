package pnrgov

import (
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// ediBooking builds one PNR (SRC group).
type ediBooking struct {
	p     *ediParser
	b     message.Booking
	state ediState

	trav    int // current traveller (SG2), -1 none
	tkt     int // current ticket of the current traveller, -1 none
	seg     int // current itinerary segment (SG5), -1 none
	chk     int // traveller checked in by the current TRI/TIF (SG7), -1 none
	inTRI   bool
	pay     []ediPayRef // the payments of the current FOP, for IFT/ADD after it
	primary string      // "sys:locator" of the first RCI

	seats    []ediSeat
	infDocs  []ediDocs // DOCS of an infant (MI/FI) filed under an adult
	infNames []ediInfant
	tknes    []ediTKNE

	// history
	hist     []message.HistoryEntry
	who      string
	when     string
	entry    int  // index of the open entry in hist, -1 none
	entryBad bool // the open entry carried sensitive content: dropped
	abiOpen  bool // an ABI group without SAC entries so far
}

// ediPayRef locates a payment in the booking and, when under a ticket,
// in that ticket.
type ediPayRef struct {
	booking  int
	trav     int
	tkt      int
	tktIndex int
}

// ediSeat is a seat whose segment is resolved when the booking closes.
type ediSeat struct {
	trav     int
	seat     string
	seg      int    // segment index when known, else -1
	board    string // board/off points from the SSR, to find the segment
	off      string
	inOrder  bool // free-text seat list: assign to travellers in order
	position int
}

// ediInfant is an infant named by SSR INFT under an adult.
type ediInfant struct {
	adult   int
	surname string
	given   string
	dob     string
	seg     *edifact.Segment
}

// newBooking returns the builder for a new PNR, reusing the previous
// builder's scratch slices (the booking itself is copied out on close).
func (p *ediParser) newBooking() *ediBooking {
	bk := p.spare
	if bk == nil {
		bk = &ediBooking{}
	}
	*bk = ediBooking{p: p, state: ediPNR, trav: -1, tkt: -1, seg: -1, chk: -1, entry: -1,
		pay: bk.pay[:0], seats: bk.seats[:0], infDocs: bk.infDocs[:0], infNames: bk.infNames[:0], tknes: bk.tknes[:0]}
	bk.b.Travellers = p.travSlab.open()
	bk.b.Itinerary = p.segSlab.open()
	bk.b.Payments = p.paySlab.open()
	bk.b.Bags = p.bagSlab.open()
	return bk
}

func (bk *ediBooking) warn(seg *edifact.Segment, format string, args ...any) {
	bk.p.warn(seg, format, args...)
}

// segment handles one segment inside a PNR.
func (bk *ediBooking) segment(seg *edifact.Segment) error {
	p := bk.p
	switch seg.Tag {
	case "ABI":
		bk.closeEntry()
		bk.flushABI()
		bk.state = ediHistory
		bk.who = ediJoinNonEmpty(" ", strings.TrimSpace(seg.Value(1, 0)), strings.TrimSpace(seg.Value(1, 1)),
			strings.TrimSpace(seg.Value(2, 0)), strings.TrimSpace(seg.Value(4, 0)))
		bk.when = ""
		bk.abiOpen = true
		return nil
	case "LTS":
		return bk.lts(seg)
	case "MSG":
		// SG9: a non-air segment (hotel, car) follows; not Annex I data.
		bk.closeEntry()
		bk.state = ediNonAir
		return nil
	}
	switch bk.state {
	case ediPNR, ediTrav:
		return bk.pnrOrTraveller(seg)
	case ediSeg:
		return bk.itinerary(seg)
	case ediSplit:
		if seg.Tag == "RCI" {
			for i := range seg.Elements {
				if loc := strings.TrimSpace(seg.Value(i, 1)); loc != "" {
					bk.b.Splits = ediAppendUniq(bk.b.Splits, loc)
				}
			}
			return nil
		}
		if seg.Tag == "EQN" {
			return nil
		}
		if seg.Tag == "TVL" {
			bk.state = ediSeg
			return bk.itinerary(seg)
		}
		p.keepUnknown(seg)
		return nil
	case ediNonAir:
		switch seg.Tag {
		case "TVL", "RPI", "APD", "DAT", "IFT", "SSR":
			// Dropped with its group: hotel and car segments are not PNR
			// data under Annex I.
			return nil
		case "EQN":
			bk.state = ediSplit
			return nil
		}
		p.keepUnknown(seg)
		return nil
	case ediHistory:
		return bk.history(seg)
	}
	return nil
}

// pnrOrTraveller handles SG1 (PNR level) and SG2-4 (traveller, ticket,
// payment).
func (bk *ediBooking) pnrOrTraveller(seg *edifact.Segment) error {
	p := bk.p
	inTrav := bk.state == ediTrav && bk.trav >= 0
	switch seg.Tag {
	case "RCI":
		return bk.rci(seg)
	case "DAT":
		return bk.dat(seg)
	case "ORG":
		if inTrav {
			p.keepUnknown(seg)
			return nil
		}
		bk.org(seg)
	case "ADD":
		bk.add(seg)
	case "IFT":
		bk.ift(seg)
	case "EBD":
		bk.ebd(seg)
	case "SSR":
		return bk.ssr(seg)
	case "TIF":
		bk.tif(seg)
	case "FTI":
		bk.fti(seg)
	case "REF", "FAR", "TXD", "PTK":
		// Fare basis, ticket references and taxes: not modelled.
	case "TKT":
		bk.tktSeg(seg)
	case "MON":
		bk.mon(seg)
	case "FOP":
		bk.fop(seg)
	case "TVL":
		bk.state = ediSeg
		return bk.itinerary(seg)
	case "EQN":
		bk.state = ediSplit
	case "SAC":
		bk.state = ediHistory
		return bk.history(seg)
	default:
		p.keepUnknown(seg)
	}
	return nil
}

// itinerary handles SG5-7: TVL and what follows it.
func (bk *ediBooking) itinerary(seg *edifact.Segment) error {
	p := bk.p
	switch seg.Tag {
	case "TVL":
		bk.inTRI, bk.chk = false, -1
		if ediTVLOnlyFlight(seg) {
			// TVL+++++624:M after a codeshare TVL: the operating flight.
			if bk.seg >= 0 {
				s := &bk.b.Itinerary[bk.seg]
				if s.OperatingNumber == "" {
					s.OperatingNumber = strings.TrimSpace(seg.Value(4, 0))
				}
				return nil
			}
			p.keepUnknown(seg)
			return nil
		}
		s, err := p.tvl(seg)
		if err != nil {
			return err
		}
		bk.b.Itinerary = append(bk.b.Itinerary, s)
		bk.seg = len(bk.b.Itinerary) - 1
	case "TRA":
		// TRA+SK+1524:W: the operating carrier's flight.
		if bk.seg >= 0 {
			s := &bk.b.Itinerary[bk.seg]
			s.OperatingCarrier = strings.TrimSpace(seg.Value(0, 0))
			s.OperatingNumber = strings.TrimSpace(seg.Value(1, 0))
			if s.Class == "" {
				s.Class = strings.TrimSpace(seg.Value(1, 1))
			}
		}
	case "RPI":
		if bk.seg >= 0 {
			bk.b.Itinerary[bk.seg].Status = strings.TrimSpace(seg.Value(1, 0))
		}
	case "APD", "DAT", "ORG":
		// Equipment, check-in time, DCS office: not modelled.
	case "RCI":
		for i := range seg.Elements {
			sys, loc := strings.TrimSpace(seg.Value(i, 0)), strings.TrimSpace(seg.Value(i, 1))
			if loc == "" {
				continue
			}
			if v := sys + ":" + loc; v != bk.primary {
				bk.b.OtherLocators = ediAppendUniq(bk.b.OtherLocators, v)
			}
		}
	case "SSR":
		return bk.ssr(seg)
	case "IFT":
		bk.ift(seg)
	case "TRI":
		bk.inTRI, bk.chk = true, -1
	case "TIF":
		if !bk.inTRI {
			p.keepUnknown(seg)
			return nil
		}
		bk.chk = bk.findTIF(seg)
		if bk.chk < 0 {
			bk.warn(seg, "checked-in traveller is not among the PNR's travellers")
			return nil
		}
		bk.b.Travellers[bk.chk].CheckedIn = true
	case "SSD":
		if bk.chk >= 0 {
			if s := ediSeatNo(strings.TrimSpace(seg.Value(0, 0))); s != "" {
				bk.seats = append(bk.seats, ediSeat{trav: bk.chk, seat: s, seg: bk.seg})
			}
		}
	case "TBD":
		bk.tbd(seg, bk.chk)
	case "EBD":
		bk.ebd(seg)
	case "EQN":
		bk.state = ediSplit
	case "SAC":
		bk.state = ediHistory
		return bk.history(seg)
	default:
		p.keepUnknown(seg)
	}
	return nil
}

func ediTVLOnlyFlight(seg *edifact.Segment) bool {
	return strings.TrimSpace(seg.Value(0, 0)) == "" && strings.TrimSpace(seg.Value(1, 0)) == "" &&
		strings.TrimSpace(seg.Value(2, 0)) == "" && strings.TrimSpace(seg.Value(4, 0)) != ""
}

// rci reads the record locators: RCI+<sys>:<locator>[:<type>]:<DDMMYY>:<HHMM>+...
func (bk *ediBooking) rci(seg *edifact.Segment) error {
	for i, e := range seg.Elements {
		sys, loc := strings.TrimSpace(e.Comp(0)), strings.TrimSpace(e.Comp(1))
		if loc == "" {
			continue
		}
		v := sys + ":" + loc
		if bk.b.RecordLocator == "" {
			bk.b.RecordLocator = loc
			bk.primary = v
		} else if v != bk.primary {
			bk.b.OtherLocators = ediAppendUniq(bk.b.OtherLocators, v)
		}
		if i > 0 || bk.b.Created != "" {
			continue
		}
		// The creation date is in component 3 (after a type) or, in some
		// feeds, directly in component 2.
		date, clock := e.Comp(3), e.Comp(4)
		if c2 := strings.TrimSpace(e.Comp(2)); len(c2) == 6 && ediDigits(c2) {
			date, clock = c2, e.Comp(3)
		}
		created, err := bk.p.dateTime(seg, date, clock, message.Travel, "booking")
		if err != nil {
			return err
		}
		bk.b.Created = created
	}
	return nil
}

// dat reads DAT+<qualifier>:<DDMMYY>:<HHMM>+...: 700 last PNR
// transaction, 710 ticket issue.
func (bk *ediBooking) dat(seg *edifact.Segment) error {
	for _, e := range seg.Elements {
		q := strings.TrimSpace(e.Comp(0))
		if q != "700" && q != "710" {
			continue
		}
		v, err := bk.p.dateTime(seg, e.Comp(1), e.Comp(2), message.Travel, "DAT "+q)
		if err != nil {
			return err
		}
		if v == "" {
			continue
		}
		switch {
		case q == "700" && bk.b.LastChanged == "":
			bk.b.LastChanged = v
		case q == "710":
			if bk.state == ediTrav && bk.trav >= 0 && bk.tkt >= 0 {
				t := &bk.b.Travellers[bk.trav].Tickets[bk.tkt]
				if t.Issued == "" {
					t.Issued = v
				}
			}
			if bk.b.TicketIssued == "" {
				bk.b.TicketIssued = v
			}
		}
	}
	return nil
}

// org reads the booking office:
// ORG+<sys>:<city>+<agency>:<agent>+<location>+<carrier>+<type>+<country>:<currency>...
func (bk *ediBooking) org(seg *edifact.Segment) {
	o := message.Office{
		System:   strings.TrimSpace(seg.Value(0, 0)),
		City:     strings.TrimSpace(seg.Value(0, 1)),
		AgencyID: strings.TrimSpace(seg.Value(1, 0)),
		AgentID:  strings.TrimSpace(seg.Value(1, 1)),
		Location: strings.TrimSpace(seg.Value(2, 0)),
		Carrier:  strings.TrimSpace(seg.Value(3, 0)),
		Country:  bk.p.country(seg, seg.Value(5, 0), "office country"),
		Currency: strings.TrimSpace(seg.Value(5, 1)),
	}
	switch t := strings.TrimSpace(seg.Value(4, 0)); t {
	case "A":
		o.Type = "airline"
	case "T":
		o.Type = "agency"
	default:
		o.Type = t
	}
	if o == (message.Office{}) {
		// An empty ORG in a changes-only push marks the PNR cancelled.
		if bk.p.out.PushType == "141" {
			bk.b.Cancelled = true
		}
		return
	}
	if bk.b.Office == nil {
		bk.b.Office = &o
	}
}

// contactsFor returns the contacts a contact element belongs to: the
// traveller's in SG2, else the booking's.
func (bk *ediBooking) contactsFor(trav int) *message.Contacts {
	if trav >= 0 {
		t := &bk.b.Travellers[trav]
		if t.Contacts == nil {
			t.Contacts = &message.Contacts{}
		}
		return t.Contacts
	}
	return &bk.b.Contacts
}

// add reads ADD++<purpose>:<street>:<city>:<state>:<state code>:<country>:<postcode>:<phone or text>.
func (bk *ediBooking) add(seg *edifact.Segment) {
	p := bk.p
	for i := range seg.Elements {
		if i == 0 && len(seg.Elements) > 1 {
			continue // element 0 is the address qualifier, usually empty
		}
		e := seg.Elem(i)
		text := strings.Join(e[min(1, len(e)):], " ")
		if code, drop := sensitive.FreeText(text); drop {
			p.drop.Add(code)
			continue
		}
		a := message.Address{
			Street:     ediName(e.Comp(1)),
			City:       ediName(e.Comp(2)),
			Region:     ediName(ediFirst(e.Comp(3), e.Comp(4))),
			Country:    p.country(seg, e.Comp(5), "address country"),
			PostalCode: ediName(e.Comp(6)),
		}
		phones := ediPhones(e.Comp(7))
		if len(bk.pay) > 0 && bk.state == ediTrav {
			a.Type = "billing"
			if a != (message.Address{Type: "billing"}) {
				bk.eachPay(func(pm *message.Payment) {
					c := a
					pm.Billing = &c
				})
			}
			for _, ph := range phones {
				bk.b.Contacts.Phones = ediAppendUniq(bk.b.Contacts.Phones, ph)
			}
			continue
		}
		trav := -1
		if bk.state == ediTrav {
			trav = bk.trav
		}
		c := bk.contactsFor(trav)
		for _, ph := range phones {
			c.Phones = ediAppendUniq(c.Phones, ph)
		}
		if a == (message.Address{}) {
			continue
		}
		a.Type = "contact"
		if trav >= 0 {
			bk.b.Travellers[trav].Addresses = append(bk.b.Travellers[trav].Addresses, a)
		} else {
			bk.b.Addresses = append(bk.b.Addresses, a)
		}
	}
}

func ediFirst(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// ift reads an interchange free text: IFT+4:28 OSI (contacts), 4:43
// cardholder after FOP, 4:15 fare calculation, others kept as unknown.
func (bk *ediBooking) ift(seg *edifact.Segment) {
	p := bk.p
	q := strings.TrimSpace(seg.Value(0, 1))
	switch q {
	case "15":
		return // fare calculation: not modelled, and it is not contact data
	case "43":
		bk.cardholder(seg)
		return
	}
	text := ediIFTText(seg)
	if code, drop := sensitive.FreeText(text); drop {
		p.drop.Add(code)
		return
	}
	trav := -1
	if bk.state == ediTrav {
		trav = bk.trav
	}
	if kind, rest, ok := ediCTC(text); ok {
		if bk.contact(trav, kind, rest) {
			return
		}
	}
	p.keepUnknown(seg)
}

// ediIFTText joins the free-text elements of an IFT (a '+' the sender did
// not release splits the text).
func ediIFTText(seg *edifact.Segment) string {
	if len(seg.Elements) <= 2 {
		return strings.Join(seg.Elem(1), ":")
	}
	parts := make([]string, 0, len(seg.Elements)-1)
	for i := 1; i < len(seg.Elements); i++ {
		parts = append(parts, strings.Join(seg.Elements[i], ":"))
	}
	return strings.Join(parts, "+")
}

// ediCTC recognises a contact free text: "[XX ]CTC<type> <value>" or
// "[XX ]CTC <type> <value>". It returns the type letter and the value.
func ediCTC(text string) (kind byte, rest string, ok bool) {
	t := strings.TrimSpace(text)
	if !strings.HasPrefix(t, "CTC") {
		// An airline designator may come first ("AM CTCP ...", "YY CTC M ...").
		i := strings.IndexByte(t, ' ')
		if i < 2 || i > 3 {
			return 0, "", false
		}
		t = strings.TrimSpace(t[i+1:])
		if !strings.HasPrefix(t, "CTC") {
			return 0, "", false
		}
	}
	t = t[3:]
	if len(t) >= 2 && t[0] == ' ' && t[1] >= 'A' && t[1] <= 'Z' && (len(t) == 2 || t[2] == ' ') {
		return t[1], strings.TrimSpace(t[2:]), true
	}
	if len(t) >= 1 && t[0] >= 'A' && t[0] <= 'Z' {
		return t[0], strings.TrimSpace(t[1:]), true
	}
	return 0, "", false
}

// contact files a CTC value: E e-mail, anything else a phone (M mobile,
// H home, B business, T agency, P unknown, F fax, R as given).
func (bk *ediBooking) contact(trav int, kind byte, value string) bool {
	c := bk.contactsFor(trav)
	if kind == 'E' {
		e := ediEmail(value)
		if e == "" {
			return false
		}
		c.Emails = ediAppendUniq(c.Emails, e)
		return true
	}
	phones := ediPhones(value)
	for _, ph := range phones {
		c.Phones = ediAppendUniq(c.Phones, ph)
	}
	return len(phones) > 0
}

// cardholder reads IFT+4:43+<name>+<address>+<phone> after a FOP.
func (bk *ediBooking) cardholder(seg *edifact.Segment) {
	p := bk.p
	name := ediName(seg.Value(1, 0))
	addr := ediName(strings.Join(seg.Elem(2), " "))
	phone := strings.Join(seg.Elem(3), " ")
	if code, drop := sensitive.FreeText(name + " " + addr); drop {
		p.drop.Add(code)
		return
	}
	for _, ph := range ediPhones(phone) {
		bk.b.Contacts.Phones = ediAppendUniq(bk.b.Contacts.Phones, ph)
	}
	if len(bk.pay) == 0 {
		// Sponsor details without a payment: keep the address as a contact.
		if addr != "" {
			bk.b.Addresses = append(bk.b.Addresses, message.Address{Type: "contact", Street: addr})
		}
		return
	}
	bk.eachPay(func(pm *message.Payment) {
		if pm.Holder == "" {
			pm.Holder = name
		}
		if addr != "" && pm.Billing == nil {
			pm.Billing = &message.Address{Type: "billing", Street: addr}
		}
	})
}

// eachPay applies f to every copy of the payments of the current FOP.
func (bk *ediBooking) eachPay(f func(*message.Payment)) {
	for _, r := range bk.pay {
		f(&bk.b.Payments[r.booking])
		if r.trav >= 0 && r.tkt >= 0 && r.trav < len(bk.b.Travellers) {
			t := &bk.b.Travellers[r.trav]
			if r.tkt < len(t.Tickets) && r.tktIndex < len(t.Tickets[r.tkt].Payments) {
				f(&t.Tickets[r.tkt].Payments[r.tktIndex])
			}
		}
	}
}

// ebd reads excess bags: EBD+<currency>:<amount>+<pieces>::<N>.
func (bk *ediBooking) ebd(seg *edifact.Segment) {
	n, err := strconv.Atoi(strings.TrimSpace(seg.Value(1, 0)))
	if err != nil || n <= 0 {
		bk.p.keepUnknown(seg)
		return
	}
	item := message.BagItem{Count: n}
	if bk.state == ediTrav && bk.trav >= 0 {
		item.Traveller = bk.b.Travellers[bk.trav].Ref
	}
	bk.addBag(item)
}

func (bk *ediBooking) addBag(item message.BagItem) {
	for _, b := range bk.b.Bags {
		if b == item || item.Tag != "" && b.Tag == item.Tag && b.Traveller == item.Traveller && b.Carrier == item.Carrier {
			return
		}
	}
	bk.b.Bags = append(bk.b.Bags, item)
}

// tbd reads checked bags:
// TBD++<count>:<weight>:<700 kg|701 lb>++<HP|MP>+<carrier>:<tag>:<n>:<dest>...
func (bk *ediBooking) tbd(seg *edifact.Segment, trav int) {
	ref := ""
	if trav >= 0 {
		ref = bk.b.Travellers[trav].Ref
	}
	count, _ := strconv.Atoi(strings.TrimSpace(seg.Value(1, 0)))
	w, _ := ediAmount(seg.Value(1, 1))
	if strings.TrimSpace(seg.Value(1, 2)) == "701" {
		w = float64(int(w*0.45359237*10+0.5)) / 10
	}
	first := true
	for i := 2; i < len(seg.Elements); i++ {
		e := seg.Elements[i]
		tag := strings.ReplaceAll(strings.TrimSpace(e.Comp(1)), " ", "")
		if tag == "" || !ediDigits(tag) {
			continue
		}
		// One item per tag element, with the first tag number only:
		// the consecutive-tag count is unreliable in real feeds (it
		// disagrees with the bag count), so no tag numbers are invented.
		item := message.BagItem{Traveller: ref, Tag: tag, Carrier: strings.TrimSpace(e.Comp(0)), Destination: strings.TrimSpace(e.Comp(3))}
		if first {
			item.Count, item.WeightKG = count, w
			first = false
		}
		bk.addBag(item)
	}
	if first && (count > 0 || w > 0) {
		bk.addBag(message.BagItem{Traveller: ref, Count: count, WeightKG: w})
	}
}

// tif starts a traveller: TIF+<surname>[:<qual>]+<given title>:<type>:<ref>[:<with infant>].
func (bk *ediBooking) tif(seg *edifact.Segment) {
	bk.state = ediTrav
	bk.tkt = -1
	bk.pay = bk.pay[:0]
	t := message.Traveller{Role: message.RolePassenger}
	t.Surname = ediName(seg.Value(0, 0))
	t.GivenNames, t.Title = ediSplitTitle(ediName(seg.Value(1, 0)))
	t.PassengerType = strings.TrimSpace(seg.Value(1, 1))
	if t.PassengerType == "" && strings.TrimSpace(seg.Value(0, 1)) == "G" {
		t.PassengerType = "G"
	}
	t.Ref = strings.TrimSpace(seg.Value(1, 2))
	if strings.TrimSpace(seg.Value(1, 3)) == "1" {
		t.WithInfant = true
	}
	if t.PassengerType == "IN" {
		t.Role = message.RoleInfant
	}
	bk.b.Travellers = append(bk.b.Travellers, t)
	bk.trav = len(bk.b.Travellers) - 1
}

// findTIF finds the traveller a TIF in a check-in or history group names:
// by reference, else by name.
func (bk *ediBooking) findTIF(seg *edifact.Segment) int {
	if ref := strings.TrimSpace(seg.Value(1, 2)); ref != "" {
		if i := bk.byRef(ref); i >= 0 {
			return i
		}
	}
	sur := ediName(seg.Value(0, 0))
	given, _ := ediSplitTitle(ediName(seg.Value(1, 0)))
	for i, t := range bk.b.Travellers {
		if t.Surname == sur && t.GivenNames == given {
			return i
		}
	}
	return -1
}

func (bk *ediBooking) byRef(ref string) int {
	if ref == "" {
		return -1
	}
	for i := range bk.b.Travellers {
		if bk.b.Travellers[i].Ref == ref {
			return i
		}
	}
	return -1
}

// fti reads a frequent flyer: FTI+<carrier>:<number>:...:<tier>.
func (bk *ediBooking) fti(seg *edifact.Segment) {
	if bk.trav < 0 {
		bk.p.keepUnknown(seg)
		return
	}
	t := &bk.b.Travellers[bk.trav]
	for _, e := range seg.Elements {
		ff := message.FrequentFlyer{Carrier: strings.TrimSpace(e.Comp(0)), Number: strings.TrimSpace(e.Comp(1))}
		if ff.Number == "" {
			continue
		}
		for j := len(e) - 1; j >= 3; j-- {
			if v := strings.TrimSpace(e[j]); v != "" {
				ff.Tier = v
				break
			}
		}
		bk.addFF(t, ff)
	}
}

func (bk *ediBooking) addFF(t *message.Traveller, ff message.FrequentFlyer) {
	for _, x := range t.FrequentFlyers {
		if x.Carrier == ff.Carrier && x.Number == ff.Number {
			return
		}
	}
	t.FrequentFlyers = append(t.FrequentFlyers, ff)
}

// tktSeg starts a ticket: TKT+<number>:<type>[:<booklets>].
func (bk *ediBooking) tktSeg(seg *edifact.Segment) {
	bk.pay = bk.pay[:0]
	bk.tkt = -1
	if bk.trav < 0 {
		bk.p.keepUnknown(seg)
		return
	}
	num := strings.TrimSpace(seg.Value(0, 0))
	if num == "" {
		return // TKT+:700, TKT+:1: ticketless or not yet issued
	}
	t := &bk.b.Travellers[bk.trav]
	t.Tickets = append(t.Tickets, message.Ticket{Number: num, Type: strings.TrimSpace(seg.Value(0, 1))})
	bk.tkt = len(t.Tickets) - 1
}

// mon reads ticket amounts: MON+B:<base>:<cur>+T:<total>:<cur>; the
// total wins.
func (bk *ediBooking) mon(seg *edifact.Segment) {
	if bk.trav < 0 || bk.tkt < 0 {
		return
	}
	t := &bk.b.Travellers[bk.trav].Tickets[bk.tkt]
	haveTotal := false
	for _, e := range seg.Elements {
		v, ok := ediAmount(e.Comp(1))
		if !ok {
			continue
		}
		q := strings.TrimSpace(e.Comp(0))
		if haveTotal && q != "T" {
			continue
		}
		t.Amount, t.Currency = v, strings.TrimSpace(e.Comp(2))
		if q == "T" {
			haveTotal = true
		}
	}
}

// fop reads forms of payment: FOP+<type>:<old/new>:<amount>:<vendor>:<account>:<MMYY>+...
// The account number never leaves this function in clear.
func (bk *ediBooking) fop(seg *edifact.Segment) {
	p := bk.p
	bk.pay = bk.pay[:0]
	for _, e := range seg.Elements {
		code := strings.ToUpper(strings.TrimSpace(e.Comp(0)))
		if code == "" && len(e) < 3 {
			continue
		}
		pm := message.Payment{Code: code}
		switch code {
		case "CA":
			pm.Method = message.PayCash
		case "CC":
			pm.Method = message.PayCard
		case "CK":
			pm.Method = message.PayCheque
		case "GR", "IN":
			pm.Method = message.PayInvoice
		default:
			pm.Method = message.PayOther
		}
		if v, ok := ediAmount(e.Comp(2)); ok {
			pm.Amount = v
		}
		acct := strings.TrimSpace(e.Comp(4))
		if vendor := strings.TrimSpace(e.Comp(3)); vendor != "" || acct != "" {
			pm.CardType = vendor
			pm.CardLast4 = sensitive.Last4(acct)
			if p.opts.CardHash != nil && ediClearCard(acct) {
				pm.CardHash = p.opts.CardHash(sensitive.Digits(acct))
			}
			if pm.Method == message.PayOther && code == "" {
				pm.Method = message.PayCard
			}
		}
		ref := ediPayRef{trav: -1, tkt: -1}
		if bk.state == ediTrav && bk.trav >= 0 && bk.tkt >= 0 {
			t := &bk.b.Travellers[bk.trav].Tickets[bk.tkt]
			if pm.Amount != 0 && t.Currency != "" {
				pm.Currency = t.Currency
			}
			t.Payments = append(t.Payments, pm)
			ref.trav, ref.tkt, ref.tktIndex = bk.trav, bk.tkt, len(t.Payments)-1
		}
		bk.b.Payments = append(bk.b.Payments, pm)
		ref.booking = len(bk.b.Payments) - 1
		bk.pay = append(bk.pay, ref)
	}
}

// ediClearCard reports whether an account number is a full card number
// (not masked), the only kind worth a linking hash.
func ediClearCard(acct string) bool {
	n := 0
	for i := 0; i < len(acct); i++ {
		c := acct[i]
		switch {
		case c >= '0' && c <= '9':
			n++
		case c == ' ' || c == '-':
		default:
			return false
		}
	}
	return n >= 12 && n <= 19
}

// ediSeatNo normalises a seat number (074E -> 74E); "" for no seat (XXX).
func ediSeatNo(s string) string {
	s = strings.TrimSpace(ediUpper(s))
	i := 0
	for i < len(s) && s[i] == '0' {
		i++
	}
	s = s[i:]
	j := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 0 || j > 3 || len(s) != j+1 || s[j] < 'A' || s[j] > 'Z' {
		return ""
	}
	return s
}
