package pnrgov

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chokepoint/chokepoint/internal/country"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// xmlMaxDepth bounds element nesting; PNRGOV XML is about eight levels deep.
const xmlMaxDepth = 128

// ParseXML parses a PNRGOV XML push (IATA_PNRGOV_NotifRQ, versions 13.1 and
// later, with the IATA namespace or none) into messages of kind "pnr" and
// format "pnrgov-xml": one per IATA_PNRGOV_NotifRQ element, plus one for
// PNR content found outside any (a missing or different root wrapper).
//
// Input must be well-formed XML in UTF-8 (ISO-8859-1 and US-ASCII are
// accepted when declared). Document type and entity declarations are
// refused and entities are never expanded. Input that is malformed,
// truncated or carries no PNR is an error naming the line, column and
// byte offset. Sensitive service requests and free text are dropped and
// only counted; a payment card number is kept only as its type, last four
// digits and opts.CardHash.
func ParseXML(data []byte, opts message.ParseOptions) ([]*message.Message, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("pnrgov xml: empty input")
	}
	if bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.HasPrefix(data, []byte("\xff\xfe")) {
		return nil, errors.New("pnrgov xml: offset 0: UTF-16 input is not supported (expected UTF-8)")
	}
	p := &xmlParser{opts: opts}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = xmlCharsetReader
	if err := p.run(d); err != nil {
		return nil, err
	}
	return p.finish(d)
}

// xmlNode is one captured element: a PNR, FlightLeg or Originator subtree.
type xmlNode struct {
	name  string
	attrs []xml.Attr
	kids  []*xmlNode
	text  []byte
	line  int
}

// xmlMsg is a message being assembled.
type xmlMsg struct {
	m        *message.Message
	counter  sensitive.Counter
	ref      time.Time
	declared bool // a NumberOfPnrs attribute was seen
	unknown  map[string]bool
	line     int
	// ctx prefixes warnings about the booking being read ("PNR ABC123").
	ctx string
}

type xmlParser struct {
	opts    message.ParseOptions
	msgs    []*xmlMsg
	cur     *xmlMsg // the open IATA_PNRGOV_NotifRQ, if any
	loose   *xmlMsg // content found outside any IATA_PNRGOV_NotifRQ
	stack   []string
	capture []*xmlNode // open elements of the subtree being captured
	raw     []xml.Name // open elements as written, to check end tags
}

// xmlSyntaxError is a refusal with its position in the input.
func xmlPosError(d *xml.Decoder, err error) error {
	line, col := d.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Line > 0 {
		line = se.Line
	}
	return fmt.Errorf("pnrgov xml: line %d, column %d (offset %d): %w", line, col, d.InputOffset(), err)
}

func (p *xmlParser) run(d *xml.Decoder) error {
	for {
		// RawToken skips namespace resolution, which names are matched
		// without; end tags are checked against start tags here.
		tok, err := d.RawToken()
		if err == io.EOF {
			if len(p.stack) > 0 {
				return xmlPosError(d, fmt.Errorf("truncated input: element <%s> is not closed", p.stack[len(p.stack)-1]))
			}
			return nil
		}
		if err != nil {
			return xmlPosError(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(p.stack) >= xmlMaxDepth {
				return xmlPosError(d, fmt.Errorf("elements nested deeper than %d", xmlMaxDepth))
			}
			line, _ := d.InputPos()
			p.raw = append(p.raw, t.Name)
			p.start(t, line)
		case xml.EndElement:
			if len(p.raw) == 0 {
				return xmlPosError(d, fmt.Errorf("unexpected end element </%s>", xmlRawName(t.Name)))
			}
			if open := p.raw[len(p.raw)-1]; open != t.Name {
				return xmlPosError(d, fmt.Errorf("element <%s> closed by </%s>", xmlRawName(open), xmlRawName(t.Name)))
			}
			p.raw = p.raw[:len(p.raw)-1]
			p.end()
		case xml.CharData:
			if len(p.capture) > 0 {
				n := p.capture[len(p.capture)-1]
				n.text = append(n.text, t...)
			} else if len(p.stack) == 0 && len(bytes.TrimSpace(t)) > 0 {
				return xmlPosError(d, errors.New("text outside any element"))
			}
		case xml.Directive:
			return xmlPosError(d, errors.New("document type or entity declarations are not accepted"))
		}
	}
}

func xmlRawName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func xmlAttrs(in []xml.Attr) []xml.Attr {
	out := make([]xml.Attr, 0, len(in))
	for _, a := range in {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
			continue
		}
		out = append(out, xml.Attr{Name: xml.Name{Local: a.Name.Local}, Value: a.Value})
	}
	return out
}

func (p *xmlParser) start(t xml.StartElement, line int) {
	name := t.Name.Local
	p.stack = append(p.stack, name)
	if len(p.capture) > 0 {
		n := &xmlNode{name: name, attrs: xmlAttrs(t.Attr), line: line}
		parent := p.capture[len(p.capture)-1]
		parent.kids = append(parent.kids, n)
		p.capture = append(p.capture, n)
		return
	}
	switch name {
	case "IATA_PNRGOV_NotifRQ":
		p.cur = p.newMsg(line)
		root := &xmlNode{name: name, attrs: xmlAttrs(t.Attr)}
		p.header(p.cur, root)
	case "PNRs":
		mm := p.target(line)
		n := &xmlNode{name: name, attrs: xmlAttrs(t.Attr)}
		if v := n.attr("NumberOfPnrs"); v != "" {
			if c, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && c >= 0 {
				mm.m.DeclaredCount += c
				mm.declared = true
			} else {
				xmlWarn(mm, "PNRs NumberOfPnrs %q is not a number", v)
			}
		}
	case "PNR", "FlightLeg", "Originator":
		p.capture = append(p.capture, &xmlNode{name: name, attrs: xmlAttrs(t.Attr), line: line})
	}
}

func (p *xmlParser) end() {
	name := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if len(p.capture) > 0 {
		n := p.capture[len(p.capture)-1]
		p.capture = p.capture[:len(p.capture)-1]
		if len(p.capture) > 0 {
			return
		}
		mm := p.target(n.line)
		switch n.name {
		case "PNR":
			p.booking(mm, n)
		case "FlightLeg":
			if f, ok := p.flightLeg(mm, n); ok {
				mm.m.Flights = append(mm.m.Flights, f)
			}
		case "Originator":
			mm.m.Sender = xmlFirst(n.attr("AirlineCode"), n.childText("AirlineCode"), n.attr("SystemCode"))
			mm.m.ReportingParty = xmlFirst(n.attr("AirlineContactInfo"), n.childText("AirlineContactInfo"))
		}
		return
	}
	if name == "IATA_PNRGOV_NotifRQ" {
		p.cur = nil
	}
}

func (p *xmlParser) newMsg(line int) *xmlMsg {
	mm := &xmlMsg{
		m: &message.Message{
			Kind:    message.KindPNR,
			Format:  message.FormatPNRGOVXML,
			Flights: []message.Flight{},
		},
		counter: sensitive.Counter{},
		unknown: map[string]bool{},
		ref:     p.opts.RefDate(time.Time{}),
		line:    line,
	}
	p.msgs = append(p.msgs, mm)
	return mm
}

// target returns the message content at this point belongs to.
func (p *xmlParser) target(line int) *xmlMsg {
	if p.cur != nil {
		return p.cur
	}
	if p.loose == nil {
		p.loose = p.newMsg(line)
	}
	return p.loose
}

func (p *xmlParser) header(mm *xmlMsg, root *xmlNode) {
	m := mm.m
	m.Version = strings.TrimSpace(root.attr("Version"))
	m.Reference = xmlFirst(root.attr("EchoToken"), root.attr("TransactionIdentifier"))
	if ts := root.attr("TimeStamp"); ts != "" {
		if v, ok := xmlDateTime(ts); ok {
			m.Prepared = v
			if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
				mm.ref = p.opts.RefDate(t)
			}
		} else {
			xmlWarn(mm, "IATA_PNRGOV_NotifRQ TimeStamp %q is not a date and time", ts)
		}
	}
}

func (p *xmlParser) finish(d *xml.Decoder) ([]*message.Message, error) {
	total := 0
	for _, mm := range p.msgs {
		total += len(mm.m.Bookings)
	}
	emptyPush := false
	for _, mm := range p.msgs {
		if len(mm.m.Bookings) == 0 && mm.declared && mm.m.DeclaredCount == 0 && len(mm.m.Flights) > 0 {
			emptyPush = true
		}
	}
	if total == 0 && !emptyPush {
		line, col := d.InputPos()
		return nil, fmt.Errorf("pnrgov xml: line %d, column %d (offset %d): no PNR content (no PNR element found)", line, col, d.InputOffset())
	}
	out := make([]*message.Message, 0, len(p.msgs))
	for _, mm := range p.msgs {
		m := mm.m
		if len(m.Bookings) == 0 && len(m.Flights) == 0 && !mm.declared {
			// A wrapper or loose fragment with nothing in it.
			continue
		}
		if mm.declared && m.DeclaredCount != len(m.Bookings) {
			xmlWarn(mm, "PNRs NumberOfPnrs declares %d, message holds %d PNR elements", m.DeclaredCount, len(m.Bookings))
		}
		if len(m.Bookings) == 0 && !(mm.declared && m.DeclaredCount == 0) {
			xmlWarn(mm, "message starting on line %d holds no PNR element", mm.line)
		}
		m.SensitiveDropped = mm.counter.Map()
		out = append(out, m)
	}
	return out, nil
}

func xmlWarn(mm *xmlMsg, format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	if mm.ctx != "" {
		w = mm.ctx + ": " + w
	}
	mm.m.Warnings = append(mm.m.Warnings, w)
}

// --- node helpers ---

func (n *xmlNode) attr(names ...string) string {
	if n == nil {
		return ""
	}
	for _, name := range names {
		for _, a := range n.attrs {
			if a.Name.Local == name {
				if v := strings.TrimSpace(a.Value); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

func (n *xmlNode) child(name string) *xmlNode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

func (n *xmlNode) children(name string) []*xmlNode {
	if n == nil {
		return nil
	}
	var out []*xmlNode
	for _, k := range n.kids {
		if k.name == name {
			out = append(out, k)
		}
	}
	return out
}

func (n *xmlNode) childText(name string) string {
	return xmlClean(n.child(name).txt())
}

func (n *xmlNode) txt() string {
	if n == nil {
		return ""
	}
	return strings.TrimSpace(string(n.text))
}

// val reads a value sent either as an attribute or as a child element's
// text, whichever is present, trying each name in turn.
func (n *xmlNode) val(names ...string) string {
	for _, name := range names {
		if v := n.attr(name); v != "" {
			return xmlClean(v)
		}
		if v := n.childText(name); v != "" {
			return v
		}
	}
	return ""
}

// code reads a coded value that may be an element with a Code or
// LocationCode attribute, the element's text, or an attribute of n.
func (n *xmlNode) code(name string) string {
	if c := n.child(name); c != nil {
		if v := xmlFirst(c.attr("LocationCode", "Code", "CompanyShortName"), c.txt()); v != "" {
			return strings.ToUpper(xmlClean(v))
		}
	}
	return strings.ToUpper(n.attr(name))
}

func xmlFirst(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// xmlClean collapses runs of white space.
func xmlClean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func xmlBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "y", "yes":
		return true
	}
	return false
}

// xmlDateTime reads an ISO 8601 date with an optional time and returns
// the local time "2006-01-02T15:04", or the date alone when no time is
// given. A zone offset is dropped: the wall clock before it is the local
// time.
func xmlDateTime(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return "", false
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return "", false
	}
	if len(s) == 10 {
		return s, true
	}
	if s[10] != 'T' && s[10] != ' ' || len(s) < 16 {
		return "", false
	}
	hm := s[11:16]
	if hm[2] != ':' {
		return "", false
	}
	if _, err := message.ParseTime(hm[:2] + hm[3:]); err != nil {
		return "", false
	}
	return s[:10] + "T" + hm, true
}

func (mm *xmlMsg) dateTime(s, what string) string {
	if s == "" {
		return ""
	}
	v, ok := xmlDateTime(s)
	if !ok {
		xmlWarn(mm, "%s %q is not a date and time", what, s)
	}
	return v
}

// date reads a date sent as ISO 8601 (or, loosely, as 14JUL71 or
// 14JUL1971) and returns "2006-01-02".
func (mm *xmlMsg) date(s string, kind message.DateKind, what string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	layout := "ISO"
	if len(s) == 7 || len(s) == 9 {
		layout = "DDMMMYY"
	}
	v, err := message.ParseDate(s, layout, kind, mm.ref)
	if err != nil {
		xmlWarn(mm, "%s: %v", what, err)
		return ""
	}
	return v
}

func (mm *xmlMsg) country(s, what string) string {
	s = xmlClean(s)
	if s == "" {
		return ""
	}
	if c, ok := country.Alpha3(s); ok {
		return c
	}
	xmlWarn(mm, "%s country %q not recognised, kept as sent", what, s)
	return strings.ToUpper(s)
}

func xmlAmount(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return 0
	}
	return f
}

// xmlFlightNumber drops leading zeros so that "0123" and "123" match.
func xmlFlightNumber(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	t := strings.TrimLeft(s, "0")
	if t == "" || t[0] < '0' || t[0] > '9' {
		if s != "" && s[0] == '0' {
			return "0" + t
		}
		return s
	}
	return t
}

func xmlCharsetReader(label string, r io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b)+len(b)/8)
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	case "us-ascii", "ascii":
		b, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		for i, c := range b {
			if c >= 0x80 {
				return nil, fmt.Errorf("byte 0x%02x at offset %d is not US-ASCII", c, i)
			}
		}
		return bytes.NewReader(b), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (expected UTF-8)", label)
}

// --- flights ---

func (p *xmlParser) flightLeg(mm *xmlMsg, n *xmlNode) (message.Flight, bool) {
	f := message.Flight{
		Carrier:     strings.ToUpper(xmlFirst(n.val("CarrierCode", "AirlineCode"), n.code("OperatingAirline"), n.code("MarketingAirline"))),
		Number:      xmlFlightNumber(n.val("FlightNumber")),
		Origin:      n.code("DepartureAirport"),
		Destination: n.code("ArrivalAirport"),
		Departure:   mm.dateTime(n.val("DepartureDateTime"), "FlightLeg DepartureDateTime"),
		Arrival:     mm.dateTime(n.val("ArrivalDateTime"), "FlightLeg ArrivalDateTime"),
	}
	if f == (message.Flight{}) {
		xmlWarn(mm, "FlightLeg on line %d is empty", n.line)
		return f, false
	}
	return f, true
}

// segment reads a PNR itinerary Flight element.
func (mm *xmlMsg) segment(n *xmlNode) message.Segment {
	mkt := n.child("MarketingAirline")
	opr := n.child("OperatingAirline")
	s := message.Segment{
		Carrier:     xmlFirst(n.code("MarketingAirline"), strings.ToUpper(n.attr("CarrierCode", "AirlineCode"))),
		Number:      xmlFlightNumber(xmlFirst(mkt.attr("FlightNumber"), n.val("FlightNumber"))),
		Origin:      n.code("DepartureAirport"),
		Destination: n.code("ArrivalAirport"),
		Departure:   mm.dateTime(n.val("DepartureDateTime"), "Flight DepartureDateTime"),
		Arrival:     mm.dateTime(n.val("ArrivalDateTime"), "Flight ArrivalDateTime"),
		Class:       strings.ToUpper(n.val("ResBookDesigCode")),
		Status:      strings.ToUpper(n.val("Status")),
	}
	oc := n.code("OperatingAirline")
	on := xmlFlightNumber(opr.attr("FlightNumber"))
	if s.Carrier == "" {
		s.Carrier, oc = oc, ""
		if s.Number == "" {
			s.Number, on = on, ""
		}
	}
	if oc != "" && (oc != s.Carrier || on != "" && on != s.Number) {
		s.OperatingCarrier = oc
		s.OperatingNumber = on
	}
	return s
}

// --- bookings ---

// xmlKnown are the element names the PNR reader interprets or knowingly
// passes over; any other element inside a PNR is reported in Unknown.
var xmlKnown = map[string]bool{
	"PNR": true, "BookingRefID": true, "CompanyName": true, "POS": true, "Source": true,
	"RequestorID": true, "BookingChannel": true, "ContactInfo": true, "Telephone": true,
	"PhoneNumber": true, "Email": true, "EmailAddress": true, "Address": true,
	"AddressLine": true, "StreetNmbr": true, "BldgRoom": true, "CityName": true,
	"PostalCode": true, "StateProv": true, "StateProvince": true, "CountryName": true,
	"CountryCode": true, "Passenger": true, "GivenName": true, "MiddleName": true,
	"Surname": true, "SurnamePrefix": true, "NameTitle": true, "NamePrefix": true,
	"CustLoyalty": true, "ExcessBaggage": true, "FareInfo": true, "SSR": true, "Text": true,
	"Airline": true, "FlightInfo": true, "TicketDocument": true, "TotalFare": true,
	"PricingInfo": true, "Taxes": true, "Tax": true, "PaymentInfo": true, "PaymentAmount": true,
	"DOC_SSR": true, "DOCS": true, "DOCO": true, "DOCA": true, "Flight": true,
	"DepartureAirport": true, "ArrivalAirport": true, "Equipment": true,
	"MarketingAirline": true, "OperatingAirline": true, "CheckInInfo": true,
	"SeatNumber": true, "BoardingNumber": true, "BagTag": true, "BaggageTag": true,
	"PrepaidBag": true, "History": true, "HistoryItem": true, "OSI": true, "Remark": true,
	"Remarks": true, "TPA_Extensions": true, "FareBasis": true, "CouponInfo": true,
	"UnstructuredFareCalc": true, "Endorsement": true, "OriginDestination": true,
	"TicketDocumentNbr": true, "DateOfIssue": true, "FlightNumber": true,
	"DepartureDateTime": true, "ArrivalDateTime": true, "ResBookDesigCode": true,
	"Status": true, "AirlineCode": true, "CarrierCode": true, "AgentSine": true,
	"PseudoCityCode": true, "ISOCountry": true, "ISOCurrency": true, "AirlineVendorID": true,
	"AirportCode": true, "PaymentType": true, "VendorCode": true, "AccountNbr": true,
	"CardHolderName": true, "ExpiryDate": true, "DateOfBirth": true, "Gender": true,
	"FirstGivenName": true, "SecondGivenName": true, "IssuingLoc": true, "PaxNationality": true,
	"DocID": true, "DocType": true, "PlaceOfBirth": true, "PlaceOfIssue": true,
	"CountryApplic": true, "AddressType": true, "SplitPNR": true, "Split": true,
}

type xmlBooking struct {
	mm   *xmlMsg
	opts message.ParseOptions
	b    *message.Booking
	// byRef indexes travellers by RPH, as positions in b.Travellers.
	byRef map[string]int
}

func (p *xmlParser) booking(mm *xmlMsg, n *xmlNode) {
	if n.child("BookingRefID") == nil && n.child("Passenger") == nil && n.child("Flight") == nil {
		xmlWarn(mm, "PNR on line %d has no BookingRefID, Passenger or Flight: skipped", n.line)
		return
	}
	xb := &xmlBooking{
		mm:   mm,
		opts: p.opts,
		b: &message.Booking{
			Travellers: []message.Traveller{},
			Itinerary:  []message.Segment{},
			Payments:   []message.Payment{},
		},
		byRef: map[string]int{},
	}
	b := xb.b
	mm.walkUnknown(n, "PNR")

	for _, r := range n.children("BookingRefID") {
		xb.locator(r)
	}
	mm.ctx = "PNR " + b.RecordLocator
	if b.RecordLocator == "" {
		mm.ctx = fmt.Sprintf("PNR on line %d", n.line)
	}
	defer func() { mm.ctx = "" }()
	b.Created = mm.date(n.attr("PNR_CreationDate"), message.Travel, "PNR PNR_CreationDate")
	b.LastChanged = mm.date(n.attr("PNR_TransDate"), message.Travel, "PNR PNR_TransDate")
	b.Cancelled = xmlBool(n.attr("Cancelled", "CancelledInd"))
	if src := n.child("POS").child("Source"); src != nil {
		b.Office = mm.office(src)
	}
	for _, c := range n.children("ContactInfo") {
		mm.contacts(&b.Contacts, &b.Addresses, c)
	}
	for _, s := range n.children("Split") {
		if v := xmlFirst(s.attr("ID", "RecordLocator"), s.txt()); v != "" {
			b.Splits = append(b.Splits, v)
		}
	}

	// Passengers first, so that references from flights and SSRs resolve.
	pax := n.children("Passenger")
	for _, pn := range pax {
		xb.passenger(pn)
	}
	xb.linkInfants()
	for _, bag := range n.children("PrepaidBag") {
		xb.bag(bag, bag.attr("RPH"))
	}
	for _, f := range n.children("Flight") {
		xb.flight(f)
	}
	for _, s := range n.children("SSR") {
		xb.ssr(s, -1, "")
	}
	for _, s := range n.children("DOC_SSR") {
		xb.docSSR(s, -1)
	}
	for _, pi := range n.children("PaymentInfo") {
		xb.addPayment(mm.payment(pi, p.opts))
	}
	for _, name := range []string{"OSI", "Remark", "Remarks"} {
		for _, r := range n.children(name) {
			xb.freeText(r, "PNR/"+name)
		}
	}
	for _, h := range n.children("History") {
		xb.history(h)
	}
	xb.bagsPerTraveller()

	if b.RecordLocator == "" {
		xmlWarn(mm, "no BookingRefID")
	}
	if v := n.attr("NumberOfPassengers"); v != "" {
		c, err := strconv.Atoi(v)
		if err != nil || c != len(pax) {
			xmlWarn(mm, "NumberOfPassengers declares %s, PNR holds %d Passenger elements", v, len(pax))
		}
	}
	mm.m.Bookings = append(mm.m.Bookings, *b)
}

func (mm *xmlMsg) walkUnknown(n *xmlNode, path string) {
	for _, k := range n.kids {
		p := path + "/" + k.name
		if !xmlKnown[k.name] {
			if !mm.unknown[p] {
				mm.unknown[p] = true
				// The element's name only: its content may be free text
				// that has not been screened for sensitive data.
				mm.m.Unknown = append(mm.m.Unknown, p)
			}
			continue
		}
		if k.name == "History" {
			continue
		}
		mm.walkUnknown(k, p)
	}
}

func (xb *xmlBooking) locator(r *xmlNode) {
	id := strings.ToUpper(xmlFirst(r.attr("ID", "ID_Context"), r.txt()))
	if id == "" {
		return
	}
	sys := r.code("CompanyName")
	if xb.b.RecordLocator == "" && r.attr("Type") != "O" {
		xb.b.RecordLocator = id
		return
	}
	if id == xb.b.RecordLocator {
		return
	}
	other := id
	if sys != "" {
		other = sys + ":" + id
	}
	for _, o := range xb.b.OtherLocators {
		if o == other {
			return
		}
	}
	xb.b.OtherLocators = append(xb.b.OtherLocators, other)
}

func (mm *xmlMsg) office(src *xmlNode) *message.Office {
	o := &message.Office{
		AgencyID: xmlFirst(src.child("RequestorID").attr("ID"), src.val("IATA_Number", "AgencyID")),
		Location: strings.ToUpper(src.val("AirportCode")),
		Carrier:  strings.ToUpper(src.val("AirlineVendorID")),
		Currency: strings.ToUpper(src.val("ISOCurrency")),
		Country:  mm.country(src.val("ISOCountry"), "POS Source ISOCountry"),
	}
	pcc, sine := src.val("PseudoCityCode"), src.val("AgentSine")
	switch {
	case pcc != "" && sine != "" && pcc != sine:
		o.AgentID = pcc + "/" + sine
	default:
		o.AgentID = xmlFirst(pcc, sine)
	}
	o.City = strings.ToUpper(src.val("CityCode"))
	if *o == (message.Office{}) {
		return nil
	}
	return o
}

func (mm *xmlMsg) contacts(c *message.Contacts, addrs *[]message.Address, n *xmlNode) {
	addPhone := func(v string) {
		v = xmlClean(v)
		if v == "" {
			return
		}
		if strings.Contains(v, "@") {
			c.Emails = xmlAppendUniq(c.Emails, strings.TrimPrefix(v, "E+"))
			return
		}
		c.Phones = xmlAppendUniq(c.Phones, v)
	}
	addEmail := func(v string) {
		if v = xmlClean(v); v != "" {
			c.Emails = xmlAppendUniq(c.Emails, v)
		}
	}
	addPhone(n.attr("PhoneNumber"))
	for _, t := range n.children("Telephone") {
		addPhone(xmlFirst(t.attr("PhoneNumber"), t.txt()))
	}
	for _, t := range n.children("PhoneNumber") {
		addPhone(t.txt())
	}
	addEmail(n.attr("EmailAddress"))
	for _, name := range []string{"Email", "EmailAddress"} {
		for _, e := range n.children(name) {
			addEmail(e.txt())
		}
	}
	if a, ok := mm.address(n, "ContactInfo"); ok {
		a.Type = "contact"
		*addrs = append(*addrs, a)
	}
}

func xmlAppendUniq(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// address reads a postal address from n or its Address child, given as
// attributes or elements.
func (mm *xmlMsg) address(n *xmlNode, what string) (message.Address, bool) {
	src := n
	if a := n.child("Address"); a != nil && len(a.kids) > 0 {
		src = a
	}
	var street []string
	if sn := src.child("StreetNmbr"); sn != nil {
		street = append(street, xmlClean(xmlFirst(sn.txt(), sn.attr("StreetNmbrSuffix"))))
	}
	for _, l := range src.children("AddressLine") {
		street = append(street, xmlClean(l.txt()))
	}
	if v := n.attr("Address"); v != "" {
		street = append(street, xmlClean(v))
	} else if a := n.child("Address"); a != nil && len(a.kids) == 0 {
		street = append(street, xmlClean(a.txt()))
	}
	a := message.Address{
		Street:     strings.TrimSpace(strings.Join(street, " ")),
		City:       xmlFirst(src.val("CityName", "City"), n.val("CityName", "City")),
		Region:     xmlFirst(src.val("StateProv", "StateProvince"), n.val("StateProv", "StateProvince")),
		PostalCode: xmlFirst(src.val("PostalCode"), n.val("PostalCode")),
	}
	cn := xmlFirst(src.code("CountryName"), src.val("CountryCode", "Country"), n.code("CountryName"), n.val("CountryCode", "Country"))
	a.Country = mm.country(cn, what+" address")
	if a == (message.Address{}) {
		return a, false
	}
	return a, true
}

// traveller returns the traveller with reference ref, the only traveller
// when ref is empty and there is one, or nil.
func (xb *xmlBooking) traveller(ref string) *message.Traveller {
	if ref == "" {
		if len(xb.b.Travellers) == 1 {
			return &xb.b.Travellers[0]
		}
		return nil
	}
	if i, ok := xb.byRef[ref]; ok {
		return &xb.b.Travellers[i]
	}
	return nil
}

var xmlTitles = map[string]bool{
	"MR": true, "MRS": true, "MS": true, "MISS": true, "MSTR": true, "DR": true,
	"PROF": true, "REV": true, "SIR": true, "MX": true,
}

func (xb *xmlBooking) passenger(n *xmlNode) {
	mm := xb.mm
	var given []string
	for _, g := range n.children("GivenName") {
		if v := xmlClean(g.txt()); v != "" {
			given = append(given, v)
		}
	}
	for _, g := range n.children("MiddleName") {
		if v := xmlClean(g.txt()); v != "" {
			given = append(given, v)
		}
	}
	if v := n.attr("GivenName"); v != "" && len(given) == 0 {
		given = append(given, xmlClean(v))
	}
	t := message.Traveller{
		Ref:        n.attr("RPH"),
		Role:       message.RolePassenger,
		Surname:    xmlFirst(n.val("Surname")),
		GivenNames: strings.Join(given, " "),
		Title:      strings.ToUpper(strings.TrimRight(n.val("NameTitle", "NamePrefix"), ".")),
	}
	if pre := n.val("SurnamePrefix"); pre != "" && t.Surname != "" {
		t.Surname = pre + " " + t.Surname
	}
	if t.Title == "" {
		if i := strings.LastIndexByte(t.GivenNames, ' '); i > 0 && xmlTitles[strings.ToUpper(t.GivenNames[i+1:])] {
			t.Title = strings.ToUpper(t.GivenNames[i+1:])
			t.GivenNames = t.GivenNames[:i]
		}
	}
	switch strings.ToUpper(n.attr("PassengerTypeCode", "PassengerType", "PTC")) {
	case "":
	case "ADT", "ADULT", "A":
		t.PassengerType = "A"
	case "CHD", "CNN", "CHILD", "C":
		t.PassengerType = "C"
	case "INF", "INS", "INFANT", "IN":
		t.PassengerType = "IN"
	case "G", "GRP":
		t.PassengerType = "G"
	default:
		t.PassengerType = strings.ToUpper(n.attr("PassengerTypeCode", "PassengerType", "PTC"))
	}
	if xmlBool(n.attr("InfantInd", "Infant")) {
		t.PassengerType = "IN"
	}
	t.WithInfant = xmlBool(n.attr("AccompaniedByInfantInd", "AccompaniedByInfant"))
	t.InfantOf = n.attr("InfantOfRPH", "AccompanyingAdultRPH")
	t.CheckedIn = xmlBool(n.attr("CheckedIn", "CheckedInInd"))
	for _, cl := range n.children("CustLoyalty") {
		ff := message.FrequentFlyer{
			Carrier: strings.ToUpper(xmlFirst(cl.attr("ProgramID", "VendorCode"), cl.attr("Airline"))),
			Number:  cl.attr("MembershipID"),
			Tier:    cl.attr("LoyalLevel", "TierLevel"),
		}
		if ff.Number == "" || ff.Number == "-" {
			continue
		}
		t.FrequentFlyers = append(t.FrequentFlyers, ff)
	}
	for _, c := range n.children("ContactInfo") {
		if t.Contacts == nil {
			t.Contacts = &message.Contacts{}
		}
		mm.contacts(t.Contacts, &t.Addresses, c)
	}
	if t.Contacts != nil && len(t.Contacts.Phones) == 0 && len(t.Contacts.Emails) == 0 {
		t.Contacts = nil
	}
	xb.b.Travellers = append(xb.b.Travellers, t)
	idx := len(xb.b.Travellers) - 1
	if t.Ref != "" {
		if _, dup := xb.byRef[t.Ref]; dup {
			xmlWarn(mm, "Passenger RPH %q repeated", t.Ref)
		} else {
			xb.byRef[t.Ref] = idx
		}
	}
	for _, td := range n.children("TicketDocument") {
		xb.ticket(idx, td)
	}
	for _, d := range n.children("DOC_SSR") {
		xb.docSSR(d, idx)
	}
	for _, s := range n.children("SSR") {
		xb.ssr(s, idx, "")
	}
	for _, eb := range n.children("ExcessBaggage") {
		xb.bag(eb, t.Ref)
	}
	for _, c := range n.children("CheckInInfo") {
		xb.checkIn(c, -1, t.Ref)
	}
	if tr := &xb.b.Travellers[idx]; tr.PassengerType == "IN" {
		tr.Role = message.RoleInfant
	}
}

// linkInfants ties infants without an explicit adult to the adults
// flagged as travelling with one, in order.
func (xb *xmlBooking) linkInfants() {
	tr := xb.b.Travellers
	taken := map[string]bool{}
	for _, t := range tr {
		if t.InfantOf != "" {
			taken[t.InfantOf] = true
		}
	}
	for i := range tr {
		if tr[i].Role != message.RoleInfant || tr[i].InfantOf != "" {
			continue
		}
		for j := range tr {
			if tr[j].WithInfant && tr[j].Ref != "" && !taken[tr[j].Ref] {
				tr[i].InfantOf = tr[j].Ref
				taken[tr[j].Ref] = true
				break
			}
		}
	}
	for i := range tr {
		if tr[i].InfantOf == "" {
			continue
		}
		if a := xb.traveller(tr[i].InfantOf); a != nil {
			a.WithInfant = true
		}
	}
}

func (xb *xmlBooking) ticket(idx int, n *xmlNode) {
	mm := xb.mm
	tk := message.Ticket{
		Number: xmlFirst(n.val("TicketDocumentNbr")),
		Type:   n.val("Type"),
		Issued: mm.date(n.val("DateOfIssue"), message.Travel, "TicketDocument DateOfIssue"),
	}
	if tf := n.child("TotalFare"); tf != nil {
		tk.Amount = xmlAmount(tf.attr("Amount"))
		tk.Currency = strings.ToUpper(tf.attr("CurrencyCode"))
	}
	for _, pi := range n.children("PaymentInfo") {
		pay := mm.payment(pi, xb.opts)
		tk.Payments = append(tk.Payments, pay)
		xb.addPayment(pay)
	}
	if tk.Number == "" && len(tk.Payments) == 0 {
		return
	}
	if tk.Issued != "" && (xb.b.TicketIssued == "" || tk.Issued < xb.b.TicketIssued) {
		xb.b.TicketIssued = tk.Issued
	}
	t := &xb.b.Travellers[idx]
	for _, have := range t.Tickets {
		if have.Number == tk.Number && tk.Number != "" {
			return
		}
	}
	t.Tickets = append(t.Tickets, tk)
}

// addPayment records a payment at booking level once.
func (xb *xmlBooking) addPayment(p message.Payment) {
	for _, have := range xb.b.Payments {
		if xmlSamePayment(have, p) {
			return
		}
	}
	xb.b.Payments = append(xb.b.Payments, p)
}

func xmlSamePayment(a, b message.Payment) bool {
	if (a.Billing == nil) != (b.Billing == nil) || a.Billing != nil && *a.Billing != *b.Billing {
		return false
	}
	a.Billing, b.Billing = nil, nil
	return a == b
}

func (mm *xmlMsg) payment(n *xmlNode, opts message.ParseOptions) message.Payment {
	code := strings.ToUpper(n.val("PaymentType"))
	acct := n.val("AccountNbr")
	p := message.Payment{
		Code:     code,
		CardType: strings.ToUpper(n.val("VendorCode")),
		Holder:   n.val("CardHolderName"),
		Amount:   xmlAmount(xmlFirst(n.attr("Amount"), n.child("PaymentAmount").attr("Amount"), n.childText("PaymentAmount"))),
		Currency: strings.ToUpper(xmlFirst(n.attr("CurrencyCode"), n.child("PaymentAmount").attr("CurrencyCode"))),
	}
	switch code {
	case "CA", "CASH":
		p.Method = message.PayCash
	case "CC", "CARD", "DC", "CREDITCARD":
		p.Method = message.PayCard
	case "CK", "CHECK", "CHEQUE":
		p.Method = message.PayCheque
	case "IN", "INV", "INVOICE":
		p.Method = message.PayInvoice
	case "":
		if acct != "" {
			p.Method = message.PayCard
		} else {
			p.Method = message.PayOther
		}
	default:
		p.Method = message.PayOther
	}
	if acct != "" {
		p.CardLast4 = sensitive.Last4(acct)
		if opts.CardHash != nil && xmlUnmasked(acct) {
			p.CardHash = opts.CardHash(sensitive.Digits(acct))
		}
	}
	if a, ok := mm.address(n, "PaymentInfo"); ok {
		a.Type = "billing"
		p.Billing = &a
	}
	return p
}

// xmlUnmasked reports whether a card number is sent in full (digits,
// spaces and dashes only, 12 to 19 digits): a masked number must not be
// hashed, or every card with the same visible digits would share a hash.
func xmlUnmasked(acct string) bool {
	n := 0
	for _, r := range acct {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == ' ' || r == '-':
		default:
			return false
		}
	}
	return n >= 12 && n <= 19
}

// docSSR reads a DOC_SSR element (DOCS, DOCO or DOCA) for traveller idx
// (or, at PNR level, the traveller its RPH names).
func (xb *xmlBooking) docSSR(n *xmlNode, idx int) {
	mm := xb.mm
	code := strings.ToUpper(n.attr("SSRCode", "SSR_Code", "Code"))
	if idx < 0 {
		t := xb.traveller(n.attr("RPH"))
		if t == nil {
			xmlWarn(mm, "DOC_SSR %s refers to unknown passenger %q", code, n.attr("RPH"))
			return
		}
		idx = xb.index(t)
	}
	found := false
	for _, d := range n.children("DOCS") {
		xb.docs(idx, d)
		found = true
	}
	for _, d := range n.children("DOCO") {
		xb.doco(idx, d)
		found = true
	}
	for _, d := range n.children("DOCA") {
		xb.doca(idx, d)
		found = true
	}
	if !found && code != "" {
		xb.ssr(n, idx, code)
	}
}

func (xb *xmlBooking) index(t *message.Traveller) int {
	for i := range xb.b.Travellers {
		if &xb.b.Travellers[i] == t {
			return i
		}
	}
	return -1
}

func xmlGender(s string) (g string, infant bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "":
		return "", false
	case "M", "MALE":
		return "M", false
	case "F", "FEMALE":
		return "F", false
	case "MI":
		return "M", true
	case "FI":
		return "F", true
	case "X":
		return "X", false
	}
	return "U", false
}

type xmlDocs struct {
	docType, number, issuer, nationality, birth, gender, expiry, surname, given string
}

func (xb *xmlBooking) docs(idx int, n *xmlNode) {
	d := xmlDocs{
		docType:     n.val("DocType"),
		number:      n.val("DocID"),
		issuer:      n.val("IssuingLoc", "DocIssueCountry"),
		nationality: n.val("PaxNationality"),
		birth:       n.val("DateOfBirth"),
		gender:      n.val("Gender"),
		expiry:      n.val("ExpiryDate"),
		surname:     n.val("Surname"),
		given:       strings.TrimSpace(n.val("FirstGivenName") + " " + n.val("SecondGivenName")),
	}
	xb.applyDocs(idx, d)
}

func (xb *xmlBooking) applyDocs(idx int, d xmlDocs) {
	mm := xb.mm
	t := &xb.b.Travellers[idx]
	if v := mm.date(d.birth, message.Birth, "DOCS DateOfBirth"); v != "" && t.BirthDate == "" {
		t.BirthDate = v
	}
	if g, inf := xmlGender(d.gender); g != "" {
		if t.Gender == "" {
			t.Gender = g
		}
		if inf && t.PassengerType == "" {
			t.PassengerType = "IN"
			t.Role = message.RoleInfant
		}
	}
	nat := mm.country(d.nationality, "DOCS PaxNationality")
	if nat != "" && t.Nationality == "" {
		t.Nationality = nat
	}
	if t.Surname == "" {
		t.Surname = xmlClean(d.surname)
	}
	if t.GivenNames == "" {
		t.GivenNames = xmlClean(d.given)
	}
	if d.number == "" && d.docType == "" {
		return
	}
	doc := message.Document{
		Type:           strings.ToUpper(d.docType),
		Number:         strings.ToUpper(strings.ReplaceAll(d.number, " ", "")),
		IssuingCountry: mm.country(d.issuer, "DOCS IssuingLoc"),
		Expiry:         mm.date(d.expiry, message.Expiry, "DOCS ExpiryDate"),
		Nationality:    nat,
	}
	xb.addDocument(t, doc)
}

func (xb *xmlBooking) addDocument(t *message.Traveller, doc message.Document) {
	for i, have := range t.Documents {
		if have.Type == doc.Type && have.Number == doc.Number {
			// The same document sent twice (DOC_SSR and SSR text): fill gaps.
			if have.IssuingCountry == "" {
				t.Documents[i].IssuingCountry = doc.IssuingCountry
			}
			if have.Expiry == "" {
				t.Documents[i].Expiry = doc.Expiry
			}
			if have.IssueDate == "" {
				t.Documents[i].IssueDate = doc.IssueDate
			}
			if have.Nationality == "" {
				t.Documents[i].Nationality = doc.Nationality
			}
			return
		}
	}
	t.Documents = append(t.Documents, doc)
}

func (xb *xmlBooking) doco(idx int, n *xmlNode) {
	mm := xb.mm
	t := &xb.b.Travellers[idx]
	if v := n.val("PlaceOfBirth"); v != "" && t.BirthPlace == "" {
		t.BirthPlace = v
	}
	doc := message.Document{
		Type:           strings.ToUpper(n.val("DocType", "TravelDocType")),
		Number:         strings.ToUpper(n.val("DocID", "TravelDocNbr")),
		IssuingCountry: mm.country(n.val("CountryApplic", "ApplicableCountry"), "DOCO CountryApplic"),
		IssueDate:      mm.date(n.val("DateOfIssue"), message.Travel, "DOCO DateOfIssue"),
	}
	if doc.Number != "" || doc.Type != "" {
		xb.addDocument(t, doc)
	}
}

func (xb *xmlBooking) doca(idx int, n *xmlNode) {
	t := &xb.b.Travellers[idx]
	a, ok := xb.mm.address(n, "DOCA")
	if !ok {
		return
	}
	switch strings.ToUpper(n.val("AddressType", "Type")) {
	case "R":
		a.Type = "residence"
		if t.Residence == "" {
			t.Residence = a.Country
		}
	case "D":
		a.Type = "destination"
	}
	t.Addresses = append(t.Addresses, a)
}

// ssr handles a special service request for traveller idx, or for the
// traveller its RPH names when idx is -1. code overrides the element's own
// code (a DOC_SSR carrying text).
func (xb *xmlBooking) ssr(n *xmlNode, idx int, code string) {
	xb.ssrAt(n, idx, -1, code)
}

// xmlStructuredSSR are the codes whose text is parsed into fields rather
// than kept or dropped as free text.
var xmlStructuredSSR = map[string]bool{
	"DOCS": true, "DOCO": true, "DOCA": true, "FQTV": true, "INFT": true, "CHLD": true,
	"SEAT": true, "NSST": true, "TKNE": true, "CTCE": true, "CTCM": true, "CTCH": true,
	"CTCB": true,
}

// ssrAt handles an SSR found on itinerary segment seg (-1 when none).
func (xb *xmlBooking) ssrAt(n *xmlNode, idx, seg int, code string) {
	mm := xb.mm
	if code == "" {
		code = strings.ToUpper(n.attr("SSRCode", "SSR_Code", "Code"))
	}
	text := xmlClean(xmlFirst(n.childText("Text"), n.attr("Text", "FreeText")))
	if code != "" && sensitive.SSR(code) {
		mm.counter.Add(code)
		return
	}
	if !xmlStructuredSSR[code] && text != "" {
		if c, drop := sensitive.FreeText(text); drop {
			mm.counter.Add(c)
			return
		}
	}
	if idx < 0 {
		if t := xb.traveller(n.attr("RPH")); t != nil {
			idx = xb.index(t)
		}
	}
	if xmlStructuredSSR[code] && idx < 0 && code != "CTCE" && code != "CTCM" && code != "CTCH" && code != "CTCB" {
		xmlWarn(mm, "SSR %s refers to unknown passenger %q", code, n.attr("RPH"))
		return
	}
	var t *message.Traveller
	if idx >= 0 {
		t = &xb.b.Travellers[idx]
	}
	switch code {
	case "DOCS":
		if text != "" {
			xb.applyDocs(idx, xmlDOCSText(text))
		}
	case "DOCO":
		if text != "" {
			xb.docoText(idx, text)
		}
	case "DOCA":
		if text != "" {
			xb.docaText(idx, text)
		}
	case "FQTV":
		if ff, ok := xmlFQTV(text, n.child("Airline").attr("Code")); ok {
			for _, have := range t.FrequentFlyers {
				if have.Carrier == ff.Carrier && have.Number == ff.Number {
					return
				}
			}
			t.FrequentFlyers = append(t.FrequentFlyers, ff)
		}
	case "INFT":
		xb.infantFromSSR(idx, text)
	case "CHLD":
		if t.PassengerType == "" {
			t.PassengerType = "C"
		}
	case "SEAT", "NSST":
		if f := strings.Fields(text); len(f) > 0 {
			if seg < 0 {
				seg = xb.segmentIndex(n.attr("BoardPoint"), n.attr("OffPoint"))
			}
			xmlAddSeat(t, strings.ToUpper(f[0]), seg)
		}
	case "TKNE":
		num := sensitive.Digits(strings.SplitN(text, "C", 2)[0])
		if len(num) > 13 {
			num = num[:13]
		}
		if num != "" {
			for _, have := range t.Tickets {
				if have.Number == num {
					return
				}
			}
			t.Tickets = append(t.Tickets, message.Ticket{Number: num})
		}
	case "CTCE", "CTCM", "CTCH", "CTCB":
		c := &xb.b.Contacts
		if t != nil {
			if t.Contacts == nil {
				t.Contacts = &message.Contacts{}
			}
			c = t.Contacts
		}
		v := strings.TrimSpace(strings.SplitN(text, "/", 2)[0])
		if code == "CTCE" {
			v = xmlCTCEmail(text)
		}
		if v == "" {
			return
		}
		if code == "CTCE" {
			c.Emails = xmlAppendUniq(c.Emails, v)
		} else {
			c.Phones = xmlAppendUniq(c.Phones, v)
		}
	default:
		// Not interpreted: its code is recorded, its text is not kept
		// (free text outside Annex I is dropped).
		mm.addUnknown(strings.TrimSpace("SSR " + code))
	}
}

func (mm *xmlMsg) addUnknown(s string) {
	if !mm.unknown[s] {
		mm.unknown[s] = true
		mm.m.Unknown = append(mm.m.Unknown, s)
	}
}

func xmlAddSeat(t *message.Traveller, seat string, seg int) {
	if seat == "" {
		return
	}
	for _, s := range t.Seats {
		if s.Seat == seat && s.Segment == seg {
			return
		}
	}
	t.Seats = append(t.Seats, message.Seat{Seat: seat, Segment: seg})
}

// segmentIndex finds the itinerary segment between two airports, or -1.
func (xb *xmlBooking) segmentIndex(from, to string) int {
	from, to = strings.ToUpper(from), strings.ToUpper(to)
	if from == "" {
		return -1
	}
	for i, s := range xb.b.Itinerary {
		if s.Origin == from && (to == "" || s.Destination == to) {
			return i
		}
	}
	return -1
}

// xmlSplitText splits SSR text on "/", dropping one leading slash and a
// leading status such as "HK1".
func xmlSplitText(text string) []string {
	f := strings.Split(strings.TrimSpace(text), "/")
	if len(f) > 1 && len(f[0]) == 3 && f[0][2] >= '0' && f[0][2] <= '9' && f[0][0] >= 'A' && f[0][1] >= 'A' {
		f = f[1:]
	}
	return f
}

func xmlField(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

// xmlDOCSText reads DOCS text:
// type/issuer/number/nationality/birth/gender/expiry/surname/given[/H].
func xmlDOCSText(text string) xmlDocs {
	f := xmlSplitText(text)
	if len(f) > 0 && f[0] == "" {
		f = f[1:]
	}
	return xmlDocs{
		docType: xmlField(f, 0), issuer: xmlField(f, 1), number: xmlField(f, 2),
		nationality: xmlField(f, 3), birth: xmlField(f, 4), gender: xmlField(f, 5),
		expiry: xmlField(f, 6), surname: xmlField(f, 7), given: xmlField(f, 8),
	}
}

// docoText reads DOCO text:
// birthplace/type/number/place of issue/issue date/applicable country.
func (xb *xmlBooking) docoText(idx int, text string) {
	mm := xb.mm
	f := xmlSplitText(text)
	t := &xb.b.Travellers[idx]
	if v := xmlField(f, 0); v != "" && t.BirthPlace == "" {
		t.BirthPlace = v
	}
	doc := message.Document{
		Type:           strings.ToUpper(xmlField(f, 1)),
		Number:         strings.ToUpper(xmlField(f, 2)),
		IssueDate:      mm.date(xmlField(f, 4), message.Travel, "DOCO issue date"),
		IssuingCountry: mm.country(xmlField(f, 5), "DOCO"),
	}
	if doc.Type != "" || doc.Number != "" {
		xb.addDocument(t, doc)
	}
}

// docaText reads DOCA text: type/country/street/city/region/postal code.
func (xb *xmlBooking) docaText(idx int, text string) {
	f := xmlSplitText(text)
	if len(f) > 0 && f[0] == "" {
		f = f[1:]
	}
	t := &xb.b.Travellers[idx]
	a := message.Address{
		Country:    xb.mm.country(xmlField(f, 1), "DOCA"),
		Street:     xmlField(f, 2),
		City:       xmlField(f, 3),
		Region:     xmlField(f, 4),
		PostalCode: xmlField(f, 5),
	}
	switch strings.ToUpper(xmlField(f, 0)) {
	case "R":
		a.Type = "residence"
		if t.Residence == "" {
			t.Residence = a.Country
		}
	case "D":
		a.Type = "destination"
	}
	if a != (message.Address{Type: a.Type}) {
		t.Addresses = append(t.Addresses, a)
	}
}

func xmlFQTV(text, airline string) (message.FrequentFlyer, bool) {
	f := strings.Fields(strings.ReplaceAll(text, "/", " "))
	var ff message.FrequentFlyer
	switch {
	case len(f) >= 2 && len(f[0]) == 2:
		ff = message.FrequentFlyer{Carrier: f[0], Number: f[1]}
		if len(f) > 2 {
			ff.Tier = f[2]
		}
	case len(f) >= 1 && len(f[0]) > 2 && airline == "":
		ff = message.FrequentFlyer{Carrier: f[0][:2], Number: f[0][2:]}
	case len(f) >= 1:
		ff = message.FrequentFlyer{Carrier: airline, Number: f[0]}
	}
	ff.Carrier = strings.ToUpper(ff.Carrier)
	return ff, ff.Number != ""
}

// xmlCTCEmail decodes the SSR CTCE e-mail convention ("//" for "@",
// ".." for "_", "./" for "-").
func xmlCTCEmail(text string) string {
	v := strings.TrimSpace(text)
	if i := strings.Index(v, "/"); i == 0 {
		v = v[1:]
	}
	v = strings.ToLower(v)
	v = strings.ReplaceAll(v, "//", "@")
	v = strings.ReplaceAll(v, "..", "_")
	v = strings.ReplaceAll(v, "./", "-")
	if i := strings.IndexByte(v, '/'); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// infantFromSSR adds the infant an adult's INFT names ("SURNAME/GIVEN
// 14JUL24"), unless an infant Passenger element is already linked to the
// adult.
func (xb *xmlBooking) infantFromSSR(idx int, text string) {
	adult := &xb.b.Travellers[idx]
	adult.WithInfant = true
	ref := adult.Ref
	for _, t := range xb.b.Travellers {
		if t.Role == message.RoleInfant && t.InfantOf == ref {
			return
		}
	}
	parts := strings.Fields(text)
	if len(parts) == 0 {
		return
	}
	inf := message.Traveller{Role: message.RoleInfant, PassengerType: "IN", InfantOf: ref}
	if ref != "" {
		inf.Ref = ref + "-INF"
	}
	name := parts[0]
	rest := parts[1:]
	if sur, given, ok := strings.Cut(name, "/"); ok {
		inf.Surname = sur
		inf.GivenNames = given
	} else {
		inf.Surname = name
	}
	for _, r := range rest {
		if len(r) == 7 || len(r) == 9 {
			if d := xb.mm.date(r, message.Birth, "INFT birth date"); d != "" {
				inf.BirthDate = d
				continue
			}
		}
		if inf.GivenNames != "" {
			inf.GivenNames += " " + r
		}
	}
	xb.b.Travellers = append(xb.b.Travellers, inf)
	if inf.Ref != "" {
		xb.byRef[inf.Ref] = len(xb.b.Travellers) - 1
	}
}

func (xb *xmlBooking) flight(n *xmlNode) {
	seg := xb.mm.segment(n)
	xb.b.Itinerary = append(xb.b.Itinerary, seg)
	i := len(xb.b.Itinerary) - 1
	for _, r := range n.children("BookingRefID") {
		xb.locator(r)
	}
	for _, s := range n.children("SSR") {
		xb.ssrAt(s, -1, i, "")
	}
	for _, d := range n.children("DOC_SSR") {
		xb.docSSR(d, -1)
	}
	for _, c := range n.children("CheckInInfo") {
		xb.checkIn(c, i, "")
	}
}

// checkIn reads a CheckInInfo element: seats, boarding and bag tags.
func (xb *xmlBooking) checkIn(c *xmlNode, seg int, ref string) {
	ref = xmlFirst(c.attr("RPH"), ref, c.child("BoardingNumber").attr("RPH"), c.child("SeatNumber").attr("RPH"))
	for _, sn := range c.children("SeatNumber") {
		r := xmlFirst(sn.attr("RPH"), ref)
		t := xb.traveller(r)
		if t == nil {
			xmlWarn(xb.mm, "CheckInInfo refers to unknown passenger %q", r)
			continue
		}
		xmlAddSeat(t, strings.ToUpper(xmlFirst(sn.txt(), sn.attr("SeatNumber", "Number", "Seat"))), seg)
		t.CheckedIn = true
	}
	if t := xb.traveller(ref); t != nil && (c.child("BoardingNumber") != nil || xmlBool(c.attr("CheckedIn"))) {
		t.CheckedIn = true
	}
	for _, name := range []string{"BagTag", "BaggageTag"} {
		for _, bt := range c.children(name) {
			xb.bag(bt, xmlFirst(bt.attr("RPH"), ref))
		}
	}
}

// bag reads a PrepaidBag, ExcessBaggage or bag tag element.
func (xb *xmlBooking) bag(n *xmlNode, ref string) {
	it := message.BagItem{
		Traveller:   xmlFirst(n.attr("RPH"), ref),
		Tag:         xmlFirst(n.attr("BagTagNbr", "TagNumber", "Number"), n.txt()),
		Carrier:     strings.ToUpper(n.attr("CarrierCode", "Airline", "AirlineCode")),
		Destination: strings.ToUpper(n.attr("BagDestination", "Destination")),
		WeightKG:    xmlAmount(n.attr("Weight", "WeightKG")),
	}
	qty := xmlAmount(n.attr("UnitOfMeasureQuantity", "Quantity", "Pieces", "NumberOfBags"))
	switch strings.ToUpper(n.attr("UnitOfMeasureCode", "UnitOfMeasure")) {
	case "K", "KG", "KGS", "KGM":
		it.WeightKG += qty
	case "L", "LB", "LBS":
		it.WeightKG += qty * 0.45359237
	default:
		it.Count = int(qty)
	}
	if it.Tag != "" && it.Count == 0 {
		it.Count = 1
	}
	if it.Count == 0 && it.WeightKG == 0 && it.Tag == "" {
		return
	}
	xb.b.Bags = append(xb.b.Bags, it)
}

// bagsPerTraveller sums tagged (checked) bags on each traveller.
func (xb *xmlBooking) bagsPerTraveller() {
	for _, it := range xb.b.Bags {
		if it.Tag == "" {
			continue
		}
		t := xb.traveller(it.Traveller)
		if t == nil {
			continue
		}
		if t.Bags == nil {
			t.Bags = &message.Bags{}
		}
		t.Bags.Count += it.Count
		t.Bags.WeightKG += it.WeightKG
		t.Bags.Tags = append(t.Bags.Tags, it.Tag)
	}
}

// freeText screens PNR-level remarks: a remark revealing a protected
// attribute is counted; others are not kept (outside Annex I) but their
// presence is recorded.
func (xb *xmlBooking) freeText(n *xmlNode, path string) {
	text := xmlClean(n.txt())
	if len(n.kids) > 0 {
		for _, k := range n.kids {
			xb.freeText(k, path+"/"+k.name)
		}
	}
	if text == "" {
		return
	}
	if c, drop := sensitive.FreeText(text); drop {
		xb.mm.counter.Add(c)
		return
	}
	xb.mm.addUnknown(path + " (free text not kept)")
}

// --- history ---

var xmlHistoryPayload = map[string]bool{
	"Passenger": true, "Flight": true, "SSR": true, "DOC_SSR": true, "ContactInfo": true,
	"TicketDocument": true, "PaymentInfo": true, "BookingRefID": true, "CustLoyalty": true,
	"OSI": true, "Remark": true, "PrepaidBag": true,
}

func xmlAction(s string) string {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "":
		return ""
	case "A", "ADD", "ADDED", "NEW":
		return "added"
	case "X", "XX", "D", "DEL", "DELETE", "DELETED", "CANCELLED", "CANCEL":
		return "cancelled"
	case "C", "CHG", "M", "MOD", "CHANGE", "CHANGED", "MODIFIED":
		return "changed"
	}
	return strings.TrimSpace(s)
}

func (xb *xmlBooking) history(h *xmlNode) {
	for _, it := range h.kids {
		if xb.sensitiveIn(it) {
			continue
		}
		payload := it
		if !xmlHistoryPayload[it.name] {
			for _, k := range it.kids {
				if xmlHistoryPayload[k.name] {
					payload = k
					break
				}
			}
		}
		when := xmlFirst(it.attr("Timestamp", "TimeStamp", "DateTime", "ChangeDateTime", "CreateDateTime"),
			payload.attr("Timestamp", "TimeStamp", "ChangeDateTime"))
		e := message.HistoryEntry{
			When:   xb.mm.dateTime(when, "History "+it.name+" time"),
			Who:    xmlFirst(it.attr("AgentSine", "AgentID", "PseudoCityCode", "CreationAgent", "Who"), payload.attr("AgentSine")),
			Action: xmlAction(xmlFirst(it.attr("Action", "ActionCode", "ActionType"), payload.attr("Action", "ActionCode"))),
			What:   xb.summary(payload),
		}
		xb.b.History = append(xb.b.History, e)
	}
}

// sensitiveIn reports (and counts) sensitive SSRs or free text anywhere in
// a history item, which is then dropped whole.
func (xb *xmlBooking) sensitiveIn(n *xmlNode) bool {
	hit := false
	switch n.name {
	case "SSR", "DOC_SSR":
		if c := strings.ToUpper(n.attr("SSRCode", "SSR_Code", "Code")); c != "" && sensitive.SSR(c) {
			xb.mm.counter.Add(c)
			return true
		}
	}
	if t := xmlClean(n.txt()); t != "" {
		if c, drop := sensitive.FreeText(t); drop {
			xb.mm.counter.Add(c)
			hit = true
		}
	}
	for _, k := range n.kids {
		if xb.sensitiveIn(k) {
			hit = true
		}
	}
	return hit
}

// summary names a history item's element without free text or card data.
func (xb *xmlBooking) summary(n *xmlNode) string {
	switch n.name {
	case "Passenger":
		var given []string
		for _, g := range n.children("GivenName") {
			given = append(given, xmlClean(g.txt()))
		}
		return strings.TrimSpace("Passenger " + n.val("Surname") + "/" + strings.Join(given, " "))
	case "Flight":
		s := xb.mm.segment(n)
		return strings.TrimSpace(fmt.Sprintf("Flight %s%s %s-%s %s", s.Carrier, s.Number, s.Origin, s.Destination, s.Departure))
	case "SSR", "DOC_SSR":
		return strings.TrimSpace("SSR " + strings.ToUpper(n.attr("SSRCode", "SSR_Code", "Code")))
	case "TicketDocument":
		return strings.TrimSpace("TicketDocument " + n.val("TicketDocumentNbr"))
	case "PaymentInfo":
		return strings.TrimSpace("PaymentInfo " + strings.ToUpper(n.val("PaymentType")))
	case "BookingRefID":
		return strings.TrimSpace("BookingRefID " + n.attr("ID"))
	}
	return n.name
}
