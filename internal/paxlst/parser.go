package paxlst

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chokepoint/chokepoint/internal/country"
	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
)

// level is where in the PAXLST group structure the parser stands.
type level int

const (
	lvlHeader    level = iota // before the first TDT: BGM, RFF, NAD+MS, COM
	lvlLeg                    // segment group 2/3: TDT, LOC, DTM
	lvlTraveller              // segment groups 4 and 5: a person's NAD, what follows, and their DOC groups
)

// parser interprets the segments of one PAXLST message.
type parser struct {
	m    *edifact.Message
	opts message.ParseOptions
	ref  time.Time // what two-digit years resolve against
	out  *message.Message

	lvl     level
	leg     int // index of the current leg in out.Flights, -1 before the first
	legLocs int // LOC+92 seen in the current leg

	trav    *message.Traveller // current traveller (the last of out.Travellers), nil outside group 4
	travSeg *edifact.Segment   // the NAD that opened it
	travNo  int                // its number in the message, from 1
	doc     int                // index of the current document in trav.Documents, -1 for none
	bagsCT  bool               // the current traveller's MEA+CT was given

	sawBGM bool
	legacy bool           // the legacy US/EDIFACT layout (legacy.go)
	counts map[string]int // CNT totals by qualifier
	cntSeg map[string]*edifact.Segment
}

func newParser(m *edifact.Message, opts message.ParseOptions, shared []edifact.Warning) *parser {
	p := &parser{
		m:    m,
		opts: opts,
		leg:  -1,
		doc:  -1,
		out: &message.Message{
			Kind:      message.KindAPI,
			Format:    message.FormatPAXLST,
			Version:   m.VersionString(),
			Reference: m.Reference,
			Flights:   []message.Flight{},
		},
	}
	// The envelope's warnings come first, in input order.
	env := append(append([]edifact.Warning(nil), shared...), m.Warnings...)
	sort.SliceStable(env, func(i, j int) bool { return env[i].Offset < env[j].Offset })
	for _, w := range env {
		p.out.Warnings = append(p.out.Warnings, w.String())
	}
	p.header()
	return p
}

// header fills what the envelope tells: parties, preparation time, part.
func (p *parser) header() {
	m, out := p.m, p.out
	var msgDate time.Time
	if ic := m.Interchange; ic != nil {
		out.Sender, out.Recipient = ic.Sender, ic.Recipient
		if out.Reference == "" {
			out.Reference = ic.Control
		}
		date, clock := ic.Date, ic.Time
		if date == "" && m.Group != nil && m.Group.Header != nil {
			date, clock = m.Group.Header.Value(3, 0), m.Group.Header.Value(3, 1)
		}
		if date != "" {
			prepared, t, err := stamp(date, clock, p.opts.RefDate(time.Time{}))
			if err != nil {
				p.out.Warnings = append(p.out.Warnings, fmt.Sprintf("interchange date: %v", err))
			} else {
				out.Prepared, msgDate = prepared, t
			}
		}
	}
	if m.Group != nil {
		if out.Sender == "" {
			out.Sender = m.Group.Sender
		}
		if out.Recipient == "" {
			out.Recipient = m.Group.Recipient
		}
	}
	p.ref = p.opts.RefDate(msgDate)
	if m.Sequence > 1 || m.Sequence == 1 && !m.Last {
		out.Part = &message.Part{Sequence: m.Sequence, Last: m.Last, CommonAccess: m.CommonAccess}
	}
}

// stamp reads an interchange date (YYMMDD or CCYYMMDD) and optional time
// (HHMM) into "2006-01-02T15:04" (or a date alone) and a time.Time.
func stamp(date, clock string, ref time.Time) (string, time.Time, error) {
	var d string
	var err error
	switch len(strings.TrimSpace(date)) {
	case 8:
		d, err = message.ParseDate(date, "CCYYMMDD", message.Travel, ref)
	default:
		d, err = message.ParseDate(date, "YYMMDD", message.Travel, ref)
	}
	if err != nil {
		return "", time.Time{}, err
	}
	s := d
	if strings.TrimSpace(clock) != "" {
		hm, err := message.ParseTime(clock)
		if err != nil {
			return "", time.Time{}, err
		}
		s = d + "T" + hm
	}
	t, _ := time.Parse("2006-01-02", d)
	return s, t, nil
}

func (p *parser) warn(seg *edifact.Segment, format string, args ...any) {
	p.out.Warnings = append(p.out.Warnings, edifact.Warnf(seg, format, args...).String())
}

// keep stores a segment the parser does not interpret.
func (p *parser) keep(seg *edifact.Segment) {
	p.out.Unknown = append(p.out.Unknown, seg.String())
}

// misplaced keeps a segment that makes no sense where it stands.
func (p *parser) misplaced(seg *edifact.Segment, what string) {
	p.warn(seg, "%s outside %s; kept as unknown", qualified(seg), what)
	p.keep(seg)
}

// country normalises a country code to ISO 3166-1 alpha-3 (ICAO Doc 9303
// codes such as XXA and D included). An unknown code is kept as sent, with
// a warning that gives its shape only.
func (p *parser) country(seg *edifact.Segment, code, what string) string {
	if code == "" {
		return ""
	}
	if c, ok := country.Alpha3(code); ok {
		return c
	}
	who := "traveller " + strconv.Itoa(p.travNo)
	if p.trav == nil {
		who = "message"
	}
	p.warn(seg, "%s: %s code of shape %s is not a known country; kept as sent", who, what, shape(code))
	return code
}

// qualified names a segment by tag and first value: "LOC+91".
func qualified(seg *edifact.Segment) string {
	if q := strings.TrimSpace(seg.Value(0, 0)); q != "" {
		return seg.Tag + "+" + q
	}
	return seg.Tag
}

func (p *parser) drop(seg *edifact.Segment) {
	if p.out.SensitiveDropped == nil {
		p.out.SensitiveDropped = map[string]int{}
	}
	p.out.SensitiveDropped[qualified(seg)]++
}

func (p *parser) run() error {
	people := 0
	for _, seg := range p.m.Segments {
		if seg.Tag == "NAD" || seg.Tag == "PDT" {
			people++
		}
	}
	p.out.Travellers = make([]message.Traveller, 0, people)
	if isLegacyUS(p.m) {
		p.legacy = true
		return p.runLegacy()
	}
	for _, seg := range p.m.Segments {
		if err := p.segment(seg); err != nil {
			return err
		}
	}
	return p.finish()
}

func (p *parser) segment(seg *edifact.Segment) error {
	switch seg.Tag {
	case "BGM":
		p.bgm(seg)
	case "RFF":
		p.rff(seg)
	case "NAD":
		p.nad(seg)
	case "COM":
		p.com(seg)
	case "TDT":
		p.tdt(seg)
	case "LOC":
		p.loc(seg)
	case "DTM":
		p.dtm(seg)
	case "ATT":
		p.att(seg)
	case "MEA":
		p.mea(seg)
	case "GEI":
		p.gei(seg)
	case "FTX":
		p.ftx(seg)
	case "EMP":
		p.emp(seg)
	case "NAT":
		p.nat(seg)
	case "DOC":
		p.docSeg(seg)
	case "CNT":
		p.cnt(seg)
	default:
		p.keep(seg)
	}
	return nil
}

func (p *parser) bgm(seg *edifact.Segment) {
	if p.sawBGM {
		p.warn(seg, "second BGM; kept as unknown")
		p.keep(seg)
		return
	}
	p.sawBGM = true
	p.out.DocumentType = strings.TrimSpace(seg.Value(0, 0))
	p.out.DocumentQualifier = strings.TrimSpace(seg.Value(1, 0))
	if p.out.DocumentType == "" {
		p.warn(seg, "BGM has no document name code")
	} else if _, ok := documentTypes[p.out.DocumentType]; !ok {
		p.warn(seg, "unknown document name code %q", p.out.DocumentType)
	}
}

// documentTypes are the BGM document name codes of PAXLST.
var documentTypes = map[string]string{
	"745": "passenger list",
	"250": "crew list",
	"266": "flight status update",
	"336": "master crew list",
	"655": "gate pass",
}

// flightless are the document types that need no flight leg.
var flightless = map[string]bool{"336": true, "655": true}

// nad opens the reporting party (NAD+MS) or a traveller.
func (p *parser) nad(seg *edifact.Segment) {
	q := strings.ToUpper(strings.TrimSpace(seg.Value(0, 0)))
	if q == "MS" {
		name := partyName(seg)
		if p.out.ReportingParty != "" {
			p.warn(seg, "second reporting party (NAD+MS); kept as unknown")
			p.keep(seg)
			return
		}
		p.out.ReportingParty = name
		if p.lvl != lvlHeader {
			p.warn(seg, "reporting party (NAD+MS) after the flight legs")
		}
		return
	}
	role, known := roles[q]
	if !known && p.leg < 0 && p.trav == nil {
		// A party of the header that is not the reporting party.
		p.keep(seg)
		return
	}
	p.flushTraveller()
	p.travNo++
	p.out.Travellers = append(p.out.Travellers, message.Traveller{Role: role})
	t := &p.out.Travellers[len(p.out.Travellers)-1]
	if !known {
		t.Role = message.RoleOther
		p.warn(seg, "traveller %d: unknown party qualifier %q, role %q", p.travNo, q, message.RoleOther)
	}
	p.personName(seg, t)
	t.Address = address(seg)
	p.trav, p.travSeg, p.doc, p.bagsCT = t, seg, -1, false
	p.lvl = lvlTraveller
}

// roles maps the NAD party qualifiers of group 4 to traveller roles.
var roles = map[string]string{
	"FL":  message.RolePassenger,
	"FM":  message.RoleCrew,
	"DDU": message.RoleTransitPassenger,
	"DDT": message.RoleTransitCrew,
}

// partyName reads a party's name from C080 (element 4), else from the
// free-form C058 lines (element 3).
func partyName(seg *edifact.Segment) string {
	for _, i := range []int{3, 2} {
		var parts []string
		for _, c := range seg.Elem(i) {
			if c = strings.TrimSpace(c); c != "" {
				parts = append(parts, c)
			}
		}
		if len(parts) > 0 {
			return strings.Join(parts, " ")
		}
	}
	return ""
}

// personName fills surname, given names and title from NAD C080:
// SURNAME:FIRST:MIDDLE..., or the free-form C058 when C080 is empty.
func (p *parser) personName(seg *edifact.Segment, t *message.Traveller) {
	e := seg.Elem(3)
	if strings.TrimSpace(strings.Join(e, "")) == "" {
		if free := partyName(seg); free != "" {
			t.Surname = cleanName(free)
			p.warn(seg, "traveller %d: name only in free-form lines (C058); all of it taken as surname", p.travNo)
		}
		return
	}
	t.Surname = cleanName(e.Comp(0))
	var given []string
	for j := 1; j < len(e) && j < 5; j++ { // 3036 repeats up to five times; 3045 follows
		if g := cleanName(e[j]); g != "" {
			given = append(given, g)
		}
	}
	t.GivenNames, t.Title = splitTitle(strings.Join(given, " "))
}

// address reads a NAD's street, city, region, postal code and country.
func address(seg *edifact.Segment) *message.Address {
	if len(seg.Elements) <= 4 {
		return nil
	}
	var street []string
	for _, c := range seg.Elem(4) {
		if c = strings.TrimSpace(c); c != "" {
			street = append(street, c)
		}
	}
	region := strings.TrimSpace(seg.Value(6, 0))
	if region == "" {
		region = strings.TrimSpace(seg.Value(6, 3))
	}
	a := message.Address{
		Street:     strings.Join(street, " "),
		City:       strings.TrimSpace(seg.Value(5, 0)),
		Region:     region,
		PostalCode: strings.TrimSpace(seg.Value(7, 0)),
		Country:    strings.ToUpper(strings.TrimSpace(seg.Value(8, 0))),
	}
	if c, ok := country.Alpha3(a.Country); ok && a.Country != "" {
		a.Country = c
	}
	if a == (message.Address{}) {
		return nil
	}
	out := new(message.Address)
	*out = a
	return out
}

// flushTraveller closes the current traveller, if any.
func (p *parser) flushTraveller() {
	t := p.trav
	if t == nil {
		return
	}
	if t.Surname == "" {
		p.warn(p.travSeg, "traveller %d has no surname", p.travNo)
	}
	if b := t.Bags; b != nil && p.bagsCT && len(b.Tags) > 0 && b.Count != len(b.Tags) {
		p.warn(p.travSeg, "traveller %d: bag count %d but %d bag tags", p.travNo, b.Count, len(b.Tags))
	}
	if b := t.Bags; b != nil && !p.bagsCT {
		b.Count = len(b.Tags)
	}
	p.trav, p.travSeg, p.doc = nil, nil, -1
}

// inTraveller reports whether a group-4 segment has a traveller to go to,
// keeping it as unknown with a warning when not.
func (p *parser) inTraveller(seg *edifact.Segment) bool {
	if p.trav == nil {
		p.misplaced(seg, "a traveller (no NAD before it)")
		return false
	}
	return true
}

func (p *parser) tdt(seg *edifact.Segment) {
	if p.trav != nil {
		p.flushTraveller()
	}
	if len(p.out.Travellers) > 0 {
		p.warn(seg, "flight leg after travellers")
	}
	id := seg.Value(1, 0)
	carrier := strings.ToUpper(strings.TrimSpace(seg.Value(4, 0)))
	f := message.Flight{}
	c, n, err := splitFlight(id, carrier)
	if err != nil {
		p.warn(seg, "%v", err)
	}
	f.Carrier, f.Number = c, n
	if carrier != "" && c != "" && carrier != c {
		p.warn(seg, "carrier %q differs from the flight's designator %q; using %q", carrier, c, c)
	}
	if q := strings.TrimSpace(seg.Value(0, 0)); q != "20" && q != "" {
		p.warn(seg, "transport stage qualifier %q, expected 20 (main carriage)", q)
	}
	p.out.Flights = append(p.out.Flights, f)
	p.leg = len(p.out.Flights) - 1
	p.legLocs = 0
	p.lvl = lvlLeg
}

// legLOC are the LOC qualifiers of segment group 3 (flight itinerary).
var legLOC = map[string]bool{"125": true, "87": true, "92": true, "130": true, "188": true, "172": true}

func (p *parser) loc(seg *edifact.Segment) {
	q := strings.TrimSpace(seg.Value(0, 0))
	code := strings.ToUpper(strings.TrimSpace(seg.Value(1, 0)))
	switch {
	case legLOC[q]:
		if p.leg < 0 || p.lvl != lvlLeg {
			p.misplaced(seg, "a flight leg (TDT)")
			return
		}
		p.legLoc(seg, q, code)
	case q == "22" || q == "174" || q == "178" || q == "179" || q == "180":
		if !p.inTraveller(seg) {
			return
		}
		t := p.trav
		var dst *string
		switch q {
		case "22":
			dst = &t.FirstArrival
		case "174":
			dst = &t.Residence
			code = p.country(seg, code, "residence")
		case "178":
			dst = &t.Embarkation
		case "179":
			dst = &t.Debarkation
		case "180":
			dst = &t.BirthPlace
			code = birthPlace(seg)
		}
		if code == "" {
			return
		}
		if *dst != "" && *dst != code {
			p.warn(seg, "traveller %d: second LOC+%s; kept as unknown", p.travNo, q)
			p.keep(seg)
			return
		}
		*dst = code
	case q == "91":
		if p.trav == nil || p.doc < 0 {
			p.misplaced(seg, "a travel document (DOC)")
			return
		}
		if code != "" {
			p.trav.Documents[p.doc].IssuingCountry = p.country(seg, code, "issuing country")
		}
	default:
		p.warn(seg, "unknown location qualifier %q; kept as unknown", q)
		p.keep(seg)
	}
}

// birthPlace reads LOC+180: a country code, a place name in the fourth
// component, or both ("LONDON, GBR").
func birthPlace(seg *edifact.Segment) string {
	code := strings.ToUpper(strings.TrimSpace(seg.Value(1, 0)))
	if c, ok := country.Alpha3(code); ok && code != "" {
		code = c
	}
	name := cleanName(seg.Value(1, 3))
	switch {
	case name != "" && code != "":
		return name + ", " + code
	case name != "":
		return name
	}
	return code
}

func (p *parser) legLoc(seg *edifact.Segment, q, code string) {
	f := &p.out.Flights[p.leg]
	set := func(dst *string, what string) {
		if *dst != "" && *dst != code {
			p.warn(seg, "leg %d: second %s %q (first %q); kept as unknown", p.leg+1, what, code, *dst)
			p.keep(seg)
			return
		}
		*dst = code
	}
	switch q {
	case "125":
		set(&f.Origin, "departure airport")
	case "87":
		set(&f.Destination, "arrival airport")
	case "92":
		// Progressive or in-country leg: the first LOC+92 is where it
		// leaves, the second where it arrives.
		f.Domestic = true
		p.legLocs++
		switch p.legLocs {
		case 1:
			set(&f.Origin, "departure airport")
		case 2:
			set(&f.Destination, "arrival airport")
		default:
			p.warn(seg, "leg %d: more than two LOC+92; kept as unknown", p.leg+1)
			p.keep(seg)
		}
	default:
		// 130 final destination, 188/172 master crew list places: no
		// field in the model.
		p.keep(seg)
	}
}

func (p *parser) dtm(seg *edifact.Segment) {
	q := strings.TrimSpace(seg.Value(0, 0))
	val, format := strings.TrimSpace(seg.Value(0, 1)), strings.TrimSpace(seg.Value(0, 2))
	switch q {
	case "189", "232":
		if p.leg < 0 || p.lvl != lvlLeg {
			p.misplaced(seg, "a flight leg (TDT)")
			return
		}
		v, err := p.dateTime(seg, val, format, message.Travel, true)
		if err != nil {
			p.warn(seg, "leg %d: %v", p.leg+1, err)
			if v == "" {
				return
			}
		}
		f := &p.out.Flights[p.leg]
		dst := &f.Departure
		if q == "232" {
			dst = &f.Arrival
		}
		if *dst != "" && *dst != v {
			p.warn(seg, "leg %d: second DTM+%s %q (first %q); kept as unknown", p.leg+1, q, v, *dst)
			p.keep(seg)
			return
		}
		*dst = v
	case "329":
		if !p.inTraveller(seg) {
			return
		}
		v, err := p.dateTime(seg, val, format, message.Birth, false)
		if err != nil {
			p.warn(seg, "traveller %d: birth date: %v", p.travNo, err)
			return
		}
		if p.trav.BirthDate != "" && p.trav.BirthDate != v {
			p.warn(seg, "traveller %d: second birth date; kept as unknown", p.travNo)
			p.keep(seg)
			return
		}
		p.trav.BirthDate = v
	case "36", "182":
		if p.trav == nil || p.doc < 0 {
			p.misplaced(seg, "a travel document (DOC)")
			return
		}
		kind, what := message.Expiry, "expiry date"
		if q == "182" {
			kind, what = message.Travel, "issue date"
		}
		v, err := p.dateTime(seg, val, format, kind, false)
		if err != nil {
			p.warn(seg, "traveller %d, document %d: %s: %v", p.travNo, p.doc+1, what, err)
			return
		}
		d := &p.trav.Documents[p.doc]
		if q == "36" {
			d.Expiry = v
		} else {
			d.IssueDate = v
		}
	default:
		p.keep(seg)
	}
}

// dateTime reads a DTM value by its format code (101 YYMMDD, 102
// CCYYMMDD, 201 YYMMDDHHMM, 203 CCYYMMDDHHMM, 204 CCYYMMDDHHMMSS), or by
// its length when the code is missing, unknown or contradicts the length.
// It returns "2006-01-02", or "2006-01-02T15:04" when withTime and a time
// was given. Errors give the value's shape, never the value.
func (p *parser) dateTime(seg *edifact.Segment, v, format string, kind message.DateKind, withTime bool) (string, error) {
	if v == "" {
		return "", errors.New("empty date")
	}
	n := len(v)
	if want := formatDigits(format); want != 0 && want != n {
		p.warn(seg, "format %s expects %d digits, value has %d (shape %s); read by its length", format, want, n, shape(v))
	}
	var date, clock string
	switch n {
	case 6, 10:
		date, clock = v[:6], v[6:]
	case 8, 12, 14:
		date, clock = v[:8], v[8:]
	default:
		return "", fmt.Errorf("date of unexpected shape %s", shape(v))
	}
	d, ok := ymd(date, kind, p.ref)
	if !ok {
		return "", fmt.Errorf("invalid date of shape %s", shape(v))
	}
	if !withTime || clock == "" {
		return d, nil
	}
	hm, ok := hhmm(clock)
	if !ok {
		return d, fmt.Errorf("invalid time of shape %s; date kept", shape(v))
	}
	return d + "T" + hm, nil
}

// formatDigits is the length of a DTM value in format 2379, 0 if unknown.
func formatDigits(format string) int {
	switch format {
	case "101":
		return 6
	case "102":
		return 8
	case "201":
		return 10
	case "203":
		return 12
	case "204":
		return 14
	}
	return 0
}

func (p *parser) att(seg *edifact.Segment) {
	if !p.inTraveller(seg) {
		return
	}
	if q := strings.TrimSpace(seg.Value(0, 0)); q != "2" {
		p.keep(seg)
		return
	}
	raw := strings.TrimSpace(seg.Value(2, 0))
	g, ok := gender(raw)
	if !ok {
		p.warn(seg, "traveller %d: unknown gender code of shape %s", p.travNo, shape(raw))
		return
	}
	p.trav.Gender = g
}

// gender normalises a gender code to M, F, X or U.
func gender(s string) (string, bool) {
	switch strings.ToUpper(s) {
	case "M", "MALE":
		return "M", true
	case "F", "FEMALE":
		return "F", true
	case "X":
		return "X", true
	case "U", "":
		return "U", s != ""
	}
	return "", false
}

func (p *parser) mea(seg *edifact.Segment) {
	if !p.inTraveller(seg) {
		return
	}
	q := strings.ToUpper(strings.TrimSpace(seg.Value(0, 0)))
	unit, val := strings.ToUpper(strings.TrimSpace(seg.Value(2, 0))), strings.TrimSpace(seg.Value(2, 1))
	if val == "" && seg.Value(2, 1) == "" {
		// MEA+CT++4: the value sits where the unit belongs.
		unit, val = "", unit
	}
	switch q {
	case "CT":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			p.warn(seg, "traveller %d: bag count of shape %s is not a number", p.travNo, shape(val))
			return
		}
		p.bags().Count = n
		p.bagsCT = true
	case "WT":
		w, err := strconv.ParseFloat(strings.ReplaceAll(val, ",", "."), 64)
		if err != nil || w < 0 {
			p.warn(seg, "traveller %d: bag weight of shape %s is not a number", p.travNo, shape(val))
			return
		}
		switch unit {
		case "KGM", "KG", "":
			if unit == "" {
				p.warn(seg, "traveller %d: bag weight without unit; taken as kilograms", p.travNo)
			}
		case "LBR", "LB", "LBS":
			w = float64(int64(w*0.45359237*10+0.5)) / 10
		default:
			p.warn(seg, "traveller %d: unknown weight unit %q; weight ignored", p.travNo, unit)
			return
		}
		p.bags().WeightKG = w
	default:
		p.keep(seg)
	}
}

func (p *parser) bags() *message.Bags {
	if p.trav.Bags == nil {
		p.trav.Bags = &message.Bags{}
	}
	return p.trav.Bags
}

// maxTagRun bounds how many bag tags one FTX+BAG may expand to.
const maxTagRun = 99

func (p *parser) ftx(seg *edifact.Segment) {
	q := strings.ToUpper(strings.TrimSpace(seg.Value(0, 0)))
	if q != "BAG" {
		// Free text other than bag tags maps to no API data element and may
		// carry anything: drop it, counting that it was dropped.
		p.drop(seg)
		return
	}
	if !p.inTraveller(seg) {
		return
	}
	first := strings.ToUpper(strings.TrimSpace(seg.Value(3, 0)))
	if first == "" {
		p.warn(seg, "traveller %d: FTX+BAG without a bag tag", p.travNo)
		return
	}
	n := 1
	if c := strings.TrimSpace(seg.Value(3, 1)); c != "" {
		v, err := strconv.Atoi(c)
		switch {
		case err != nil || v < 1:
			p.warn(seg, "traveller %d: bag tag count of shape %s is not a positive number; one tag kept", p.travNo, shape(c))
		case v > maxTagRun:
			p.warn(seg, "traveller %d: bag tag count %d exceeds %d; one tag kept", p.travNo, v, maxTagRun)
		default:
			n = v
		}
	}
	tags, ok := tagRun(first, n)
	if !ok {
		p.warn(seg, "traveller %d: bag tag count %d but the first tag does not end in digits; one tag kept", p.travNo, n)
	}
	b := p.bags()
	b.Tags = append(b.Tags, tags...)
}

// tagRun expands a first bag tag and a count into consecutive tag numbers
// ("2660009", 2 → "2660009", "2660010"), keeping the digits' width.
func tagRun(first string, n int) ([]string, bool) {
	if n <= 1 {
		return []string{first}, true
	}
	i := len(first)
	for i > 0 && first[i-1] >= '0' && first[i-1] <= '9' {
		i--
	}
	digits := first[i:]
	if digits == "" || len(digits) > 18 {
		return []string{first}, false
	}
	start, _ := strconv.ParseUint(digits, 10, 64)
	out := make([]string, n)
	for k := range n {
		out[k] = first[:i] + fmt.Sprintf("%0*d", len(digits), start+uint64(k))
	}
	return out, true
}

func (p *parser) gei(seg *edifact.Segment) {
	if !p.inTraveller(seg) {
		return
	}
	if strings.TrimSpace(seg.Value(0, 0)) != "4" {
		p.keep(seg)
		return
	}
	switch v := strings.TrimSpace(seg.Value(1, 0)); v {
	case "173":
		p.trav.Verified = true
	case "174":
		p.trav.Verified = false
	default:
		p.warn(seg, "traveller %d: unknown verification code %q", p.travNo, v)
	}
}

func (p *parser) emp(seg *edifact.Segment) {
	if !p.inTraveller(seg) {
		return
	}
	f := strings.ToUpper(strings.TrimSpace(seg.Value(1, 0)))
	if f == "" {
		f = strings.ToUpper(strings.TrimSpace(seg.Value(1, 3)))
	}
	if f == "" {
		p.warn(seg, "traveller %d: EMP without a crew function", p.travNo)
		return
	}
	if p.trav.Role != message.RoleCrew && p.trav.Role != message.RoleTransitCrew {
		p.warn(seg, "traveller %d: crew function given for a %s", p.travNo, p.trav.Role)
	}
	p.trav.CrewFunction = f
}

func (p *parser) nat(seg *edifact.Segment) {
	if !p.inTraveller(seg) {
		return
	}
	code := strings.ToUpper(strings.TrimSpace(seg.Value(1, 0)))
	if code == "" {
		return
	}
	if c, ok := country.Alpha3(code); ok {
		code = c
	}
	if p.trav.Nationality != "" && p.trav.Nationality != code {
		p.warn(seg, "traveller %d: second nationality; kept as unknown", p.travNo)
		p.keep(seg)
		return
	}
	p.trav.Nationality = p.country(seg, code, "nationality")
}

func (p *parser) rff(seg *edifact.Segment) {
	q := strings.ToUpper(strings.TrimSpace(seg.Value(0, 0)))
	v := strings.TrimSpace(seg.Value(0, 1))
	if p.trav == nil {
		// Header references (RFF+TN transaction reference) have no field in
		// the model.
		if p.lvl != lvlHeader {
			p.misplaced(seg, "a traveller (no NAD before it)")
			return
		}
		p.keep(seg)
		return
	}
	t := p.trav
	set := func(dst *string, val string) {
		if *dst != "" && *dst != val {
			p.warn(seg, "traveller %d: second RFF+%s; kept as unknown", p.travNo, q)
			p.keep(seg)
			return
		}
		*dst = val
	}
	if v == "" {
		p.warn(seg, "traveller %d: RFF+%s without a reference", p.travNo, q)
		return
	}
	switch q {
	case "AVF":
		set(&t.RecordLocator, strings.ToUpper(v))
	case "ABO":
		set(&t.Ref, v)
	case "SEA":
		set(&t.Seat, seat(v))
	case "YZY":
		t.Tickets = append(t.Tickets, message.Ticket{Number: ticketNumber(v)})
	default:
		// CR customer reference, AEA government agency reference and the
		// rest: no field in the model.
		p.keep(seg)
	}
}

// seat normalises a seat: upper case, no spaces, leading zeros of the row
// dropped ("012B" → "12B").
func seat(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	for len(s) > 1 && s[0] == '0' && isDigit(s[1]) {
		s = s[1:]
	}
	return s
}

// ticketNumber drops the coupon suffix of RFF+YZY ("0161234567890C1").
func ticketNumber(s string) string {
	s = strings.ToUpper(s)
	if i := strings.LastIndexByte(s, 'C'); i > 0 && i == len(s)-2 && isDigits(s[:i]) && isDigit(s[i+1]) {
		return s[:i]
	}
	return s
}

func (p *parser) docSeg(seg *edifact.Segment) {
	if !p.inTraveller(seg) {
		return
	}
	d := message.Document{
		Type:   strings.ToUpper(strings.TrimSpace(seg.Value(0, 0))),
		Number: strings.ToUpper(compact(seg.Value(1, 0))),
	}
	if d.Type == "" {
		p.warn(seg, "traveller %d, document %d: no document type", p.travNo, len(p.trav.Documents)+1)
	}
	if d.Number == "" {
		p.warn(seg, "traveller %d, document %d: no document number", p.travNo, len(p.trav.Documents)+1)
	}
	p.trav.Documents = append(p.trav.Documents, d)
	p.doc = len(p.trav.Documents) - 1
}

// com reads contact numbers and addresses: a traveller's into Contacts,
// the reporting party's kept as unknown (the model has no field for them).
func (p *parser) com(seg *edifact.Segment) {
	if p.trav == nil {
		p.keep(seg)
		return
	}
	c := p.trav.Contacts
	if c == nil {
		c = &message.Contacts{}
	}
	for _, e := range seg.Elements {
		v := strings.TrimSpace(e.Comp(0))
		if v == "" {
			continue
		}
		switch strings.ToUpper(strings.TrimSpace(e.Comp(1))) {
		case "EM":
			c.Emails = append(c.Emails, v)
		case "TE", "MB", "AL", "FX", "":
			c.Phones = append(c.Phones, v)
		default:
			p.warn(seg, "traveller %d: unknown communication channel %q; kept as unknown", p.travNo, e.Comp(1))
			p.keep(seg)
			return
		}
	}
	if len(c.Emails)+len(c.Phones) > 0 {
		p.trav.Contacts = c
	}
}

func (p *parser) cnt(seg *edifact.Segment) {
	p.flushTraveller()
	q := strings.TrimSpace(seg.Value(0, 0))
	v := strings.TrimSpace(seg.Value(0, 1))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.warn(seg, "control total %q for qualifier %q is not a count", v, q)
		return
	}
	switch q {
	case "41", "42":
	default:
		p.warn(seg, "unknown control total qualifier %q", q)
	}
	if p.counts == nil {
		p.counts = map[string]int{}
		p.cntSeg = map[string]*edifact.Segment{}
	}
	if _, dup := p.counts[q]; dup {
		p.warn(seg, "second CNT+%s; ignored", q)
		return
	}
	p.counts[q] = n
	p.cntSeg[q] = seg
	p.out.DeclaredCount += n
}

// finish closes the last traveller and checks the message as a whole.
func (p *parser) finish() error {
	p.flushTraveller()
	out := p.out
	if !p.sawBGM && !p.legacy {
		out.Warnings = append(out.Warnings, "message has no BGM")
	}
	if len(out.Flights) == 0 && !flightless[out.DocumentType] {
		return fmt.Errorf("no flight leg (TDT) in a %s", docName(out.DocumentType))
	}
	for i, f := range out.Flights {
		var missing []string
		for _, x := range []struct{ v, name string }{
			{f.Carrier, "carrier"}, {f.Number, "flight number"}, {f.Origin, "departure airport"},
			{f.Destination, "arrival airport"}, {f.Departure, "departure time"},
		} {
			if x.v == "" {
				missing = append(missing, x.name)
			}
		}
		if len(missing) > 0 {
			out.Warnings = append(out.Warnings, fmt.Sprintf("leg %d: no %s", i+1, strings.Join(missing, ", ")))
		}
	}
	p.checkCounts()
	return nil
}

func docName(code string) string {
	if n, ok := documentTypes[code]; ok {
		return n
	}
	if code == "" {
		return "list without BGM document code"
	}
	return "document of type " + code
}

// checkCounts compares CNT totals with the travellers listed. A part of a
// multi-part series is not compared: its CNT counts the whole flight.
func (p *parser) checkCounts() {
	if len(p.counts) == 0 {
		return
	}
	var pax, crew int
	for _, t := range p.out.Travellers {
		switch t.Role {
		case message.RoleCrew, message.RoleTransitCrew:
			crew++
		default:
			pax++
		}
	}
	n41, has41 := p.counts["41"]
	n42, has42 := p.counts["42"]
	s41, s42 := p.cntSeg["41"], p.cntSeg["42"]
	// A single total under the other list's qualifier (seen: CNT+41 on a
	// passenger list) is read as the total of the list.
	if has41 && !has42 && crew == 0 && pax > 0 {
		p.warn(s41, "CNT+41 (crew total) in a list of passengers only; read as the list's total")
		n42, has42, s42, has41 = n41, true, s41, false
	} else if has42 && !has41 && pax == 0 && crew > 0 {
		p.warn(s42, "CNT+42 (passenger total) in a list of crew only; read as the list's total")
		n41, has41, s41, has42 = n42, true, s42, false
	}
	if p.out.Part != nil {
		return
	}
	if has42 && n42 != pax {
		p.warn(s42, "CNT+%s declares %d passengers, message lists %d", s42.Value(0, 0), n42, pax)
	}
	if has41 && n41 != crew {
		p.warn(s41, "CNT+%s declares %d crew, message lists %d", s41.Value(0, 0), n41, crew)
	}
}
