package pnrgov

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

var xmlUpdate = flag.Bool("update", false, "rewrite the golden files in testdata/xml/golden")

// xmlTestOpts are fixed options: a keyed card hash and a reference date.
func xmlTestOpts() message.ParseOptions {
	h := sensitive.NewCardHasher([]byte("chokepoint-test-key"))
	return message.ParseOptions{
		CardHash:  h.Hash,
		Reference: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
	}
}

func xmlReadSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "xml", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func xmlParseSample(t *testing.T, name string) []*message.Message {
	t.Helper()
	msgs, err := ParseXML(xmlReadSample(t, name), xmlTestOpts())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return msgs
}

func TestParseXMLGolden(t *testing.T) {
	samples, err := filepath.Glob(filepath.Join("testdata", "xml", "*.xml"))
	if err != nil || len(samples) == 0 {
		t.Fatalf("no samples: %v", err)
	}
	for _, path := range samples {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			msgs := xmlParseSample(t, name)
			got, err := json.MarshalIndent(msgs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "xml", "golden", strings.TrimSuffix(name, ".xml")+".json")
			if *xmlUpdate {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run with -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

func xmlOne(t *testing.T, msgs []*message.Message) *message.Message {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	if m.Kind != message.KindPNR || m.Format != message.FormatPNRGOVXML {
		t.Errorf("kind/format = %q/%q", m.Kind, m.Format)
	}
	return m
}

func xmlHasWarning(m *message.Message, parts ...string) bool {
	for _, w := range m.Warnings {
		ok := true
		for _, p := range parts {
			if !strings.Contains(w, p) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestParseXMLNamespaced(t *testing.T) {
	m := xmlOne(t, xmlParseSample(t, "namespaced.xml"))
	if m.Sender != "ZQ" || m.Version != "13.1" || m.Prepared != "2026-03-14T06:05" || m.Reference != "PUSH-0001" {
		t.Errorf("header: sender %q version %q prepared %q reference %q", m.Sender, m.Version, m.Prepared, m.Reference)
	}
	wantLeg := message.Flight{Carrier: "ZQ", Number: "418", Origin: "FRA", Destination: "IST", Departure: "2026-03-14T09:40", Arrival: "2026-03-14T13:55"}
	if len(m.Flights) != 1 || m.Flights[0] != wantLeg {
		t.Errorf("flights = %+v, want %+v", m.Flights, wantLeg)
	}
	if m.DeclaredCount != 2 || len(m.Bookings) != 2 {
		t.Fatalf("declared %d, bookings %d", m.DeclaredCount, len(m.Bookings))
	}
	if len(m.Warnings) != 0 {
		t.Errorf("unexpected warnings: %q", m.Warnings)
	}
	if want := map[string]int{"AVML": 1, "WCHR": 1, "KSML": 1}; !reflect.DeepEqual(m.SensitiveDropped, want) {
		t.Errorf("sensitive dropped = %v, want %v", m.SensitiveDropped, want)
	}

	b := m.Bookings[0]
	if b.RecordLocator != "QX7TLM" || !reflect.DeepEqual(b.OtherLocators, []string{"1Z:8HKW2P"}) {
		t.Errorf("locators %q %q", b.RecordLocator, b.OtherLocators)
	}
	if b.Created != "2026-01-20" || b.LastChanged != "2026-03-12" || b.TicketIssued != "2026-01-21" {
		t.Errorf("dates %q %q %q", b.Created, b.LastChanged, b.TicketIssued)
	}
	wantOffice := message.Office{AgencyID: "23491234", AgentID: "FRAZQ08AA/ZQ0042", Location: "FRA", Carrier: "ZQ", Country: "DEU", Currency: "EUR"}
	if b.Office == nil || *b.Office != wantOffice {
		t.Errorf("office = %+v, want %+v", b.Office, wantOffice)
	}
	if !reflect.DeepEqual(b.Contacts.Phones, []string{"+49 30 5550 1234"}) || !reflect.DeepEqual(b.Contacts.Emails, []string{"lena.brandt@example.org"}) {
		t.Errorf("contacts = %+v", b.Contacts)
	}
	if len(b.Travellers) != 3 {
		t.Fatalf("travellers = %d", len(b.Travellers))
	}
	lena, tobias, noah := b.Travellers[0], b.Travellers[1], b.Travellers[2]
	if lena.GivenNames != "LENA MARIE" || lena.Surname != "BRANDT" || lena.Title != "MRS" || lena.Gender != "F" ||
		lena.BirthDate != "1986-07-04" || lena.Nationality != "DEU" || lena.Residence != "DEU" || !lena.WithInfant || !lena.CheckedIn {
		t.Errorf("lena = %+v", lena)
	}
	if len(lena.Documents) != 1 || lena.Documents[0] != (message.Document{Type: "P", Number: "C4X9T7R21", IssuingCountry: "DEU", Expiry: "2031-05-18", Nationality: "DEU"}) {
		t.Errorf("lena documents = %+v", lena.Documents)
	}
	if len(lena.Addresses) != 2 || lena.Addresses[0].Type != "residence" || lena.Addresses[1].Type != "destination" || lena.Addresses[1].Country != "TUR" {
		t.Errorf("lena addresses = %+v", lena.Addresses)
	}
	if !reflect.DeepEqual(lena.FrequentFlyers, []message.FrequentFlyer{{Carrier: "ZQ", Number: "992004417", Tier: "GOLD"}}) {
		t.Errorf("lena ff = %+v", lena.FrequentFlyers)
	}
	if !reflect.DeepEqual(lena.Seats, []message.Seat{{Seat: "23A", Segment: 0}}) || !reflect.DeepEqual(tobias.Seats, []message.Seat{{Seat: "23B", Segment: 0}}) {
		t.Errorf("seats = %+v / %+v", lena.Seats, tobias.Seats)
	}
	if lena.Bags == nil || lena.Bags.Count != 1 || lena.Bags.WeightKG != 19.5 || !reflect.DeepEqual(lena.Bags.Tags, []string{"0579123456"}) {
		t.Errorf("lena bags = %+v", lena.Bags)
	}
	if tobias.BirthPlace != "HAMBURG" || len(tobias.Documents) != 2 || tobias.Documents[1] != (message.Document{Type: "V", Number: "TR20260099", IssuingCountry: "TUR", IssueDate: "2026-02-02"}) {
		t.Errorf("tobias = %+v", tobias)
	}
	if noah.Role != message.RoleInfant || noah.PassengerType != "IN" || noah.InfantOf != "1" || noah.Gender != "M" {
		t.Errorf("noah = %+v", noah)
	}

	// One card paid both tickets: one booking payment, hashed, last four kept.
	if len(b.Payments) != 1 {
		t.Fatalf("booking payments = %+v", b.Payments)
	}
	p := b.Payments[0]
	if p.Method != message.PayCard || p.Code != "CC" || p.CardType != "VI" || p.CardLast4 != "1111" || p.Holder != "LENA BRANDT" || p.Amount != 824.60 {
		t.Errorf("payment = %+v", p)
	}
	if want := xmlTestOpts().CardHash("4111111111111111"); p.CardHash == "" || p.CardHash != want {
		t.Errorf("card hash = %q, want %q", p.CardHash, want)
	}
	if len(lena.Tickets) != 1 || lena.Tickets[0].Number != "5792401234567" || lena.Tickets[0].Amount != 412.30 || lena.Tickets[0].Payments[0].CardHash != p.CardHash {
		t.Errorf("lena tickets = %+v", lena.Tickets)
	}

	if len(b.Itinerary) != 2 || b.Itinerary[1] != (message.Segment{Carrier: "ZQ", Number: "419", Origin: "IST", Destination: "FRA", Departure: "2026-03-21T15:10", Arrival: "2026-03-21T17:35", Class: "Y", Status: "HK"}) {
		t.Errorf("itinerary = %+v", b.Itinerary)
	}
	// History is kept apart: the cancelled 13 March flight is not in the itinerary.
	wantHist := []message.HistoryEntry{
		{When: "2026-01-20T10:02", Who: "ZQ0042", Action: "added", What: "Flight ZQ418 FRA-IST 2026-03-13T09:40"},
		{When: "2026-03-12T17:21", Who: "ZQ0042", Action: "cancelled", What: "Flight ZQ418 FRA-IST 2026-03-13T09:40"},
	}
	if !reflect.DeepEqual(b.History, wantHist) {
		t.Errorf("history = %+v, want %+v", b.History, wantHist)
	}
	if len(b.Bags) != 2 || b.Bags[0] != (message.BagItem{Traveller: "1", Count: 2, Destination: "IST"}) {
		t.Errorf("bags = %+v", b.Bags)
	}

	cash := m.Bookings[1]
	if len(cash.Payments) != 1 || cash.Payments[0].Method != message.PayCash || cash.Payments[0].Amount != 9800 || cash.Payments[0].Currency != "TRY" {
		t.Errorf("cash payments = %+v", cash.Payments)
	}
	if cash.Office == nil || cash.Office.Country != "TUR" || cash.Office.AgentID != "IST1A0123" {
		t.Errorf("cash office = %+v", cash.Office)
	}
}

func TestParseXMLNoNamespaceLoose(t *testing.T) {
	m := xmlOne(t, xmlParseSample(t, "no_namespace.xml"))
	if m.Sender != "VK" {
		t.Errorf("sender %q", m.Sender)
	}
	wantLeg := message.Flight{Carrier: "VK", Number: "77", Origin: "CDG", Destination: "LIS", Departure: "2026-05-03T06:15", Arrival: "2026-05-03T09:50"}
	if len(m.Flights) != 1 || m.Flights[0] != wantLeg {
		t.Errorf("flights = %+v", m.Flights)
	}
	if m.DeclaredCount != 4 || len(m.Bookings) != 3 {
		t.Fatalf("declared %d bookings %d", m.DeclaredCount, len(m.Bookings))
	}
	for _, w := range [][]string{
		{"NumberOfPnrs", "4", "3"},
		{"VK9ZZB", "NumberOfPassengers", "3", "1"},
		{"Atlantis"},
		{"1968-04-31"},
	} {
		if !xmlHasWarning(m, w...) {
			t.Errorf("no warning with %q in %q", w, m.Warnings)
		}
	}
	if !reflect.DeepEqual(m.Unknown, []string{"PNR/HotelSegment"}) {
		t.Errorf("unknown = %q", m.Unknown)
	}
	b := m.Bookings[0]
	if b.Office == nil || b.Office.Country != "FRA" || b.Office.AgentID != "WEB" {
		t.Errorf("office = %+v", b.Office)
	}
	if !reflect.DeepEqual(b.Contacts, message.Contacts{Phones: []string{"+33 1 55 50 12 34"}, Emails: []string{"c.moreau@example.net"}}) {
		t.Errorf("contacts = %+v", b.Contacts)
	}
	claire, julien := b.Travellers[0], b.Travellers[1]
	// Element form of DOCS, countries as names.
	if claire.Nationality != "FRA" || claire.BirthDate != "1991-12-01" || claire.Residence != "FRA" ||
		len(claire.Documents) != 1 || claire.Documents[0].IssuingCountry != "FRA" || claire.Documents[0].Number != "19FV45821" {
		t.Errorf("claire = %+v", claire)
	}
	if len(claire.Addresses) != 1 || claire.Addresses[0] != (message.Address{Type: "residence", Street: "8 RUE DES LILAS", City: "LYON", PostalCode: "69003", Country: "FRA"}) {
		t.Errorf("claire addresses = %+v", claire.Addresses)
	}
	if julien.GivenNames != "JULIEN" || julien.Title != "MR" || julien.Nationality != "PRT" {
		t.Errorf("julien = %+v", julien)
	}
	if b.Itinerary[0].Carrier != "VK" || b.Itinerary[0].Number != "77" {
		t.Errorf("segment = %+v", b.Itinerary[0])
	}
	ana := m.Bookings[1].Travellers[0]
	if len(ana.FrequentFlyers) != 0 || ana.Nationality != "BRA" || len(ana.Tickets) != 1 || ana.Tickets[0].Payments[0].Method != message.PayCheque {
		t.Errorf("ana = %+v", ana)
	}
	rui := m.Bookings[2].Travellers[0]
	if rui.BirthDate != "" || rui.Documents[0].IssuingCountry != "ATLANTIS" {
		t.Errorf("rui = %+v", rui)
	}
}

func TestParseXMLCodeshare(t *testing.T) {
	m := xmlOne(t, xmlParseSample(t, "codeshare.xml"))
	b := m.Bookings[0]
	want := []message.Segment{
		{Carrier: "KY", Number: "4311", Origin: "VLC", Destination: "MAD", Departure: "2026-07-10T08:30", Arrival: "2026-07-10T09:45", OperatingCarrier: "QD", OperatingNumber: "587", Class: "B", Status: "HK"},
		{Carrier: "KY", Number: "8120", Origin: "MAD", Destination: "AMS", Departure: "2026-07-10T11:20", Arrival: "2026-07-10T14:05", OperatingCarrier: "QD", OperatingNumber: "1202", Class: "B", Status: "HK"},
	}
	if !reflect.DeepEqual(b.Itinerary, want) {
		t.Errorf("itinerary = %+v\nwant %+v", b.Itinerary, want)
	}
	if b.RecordLocator != "JT6WQE" || !reflect.DeepEqual(b.OtherLocators, []string{"QD:QDX4R2"}) {
		t.Errorf("locators %q %q", b.RecordLocator, b.OtherLocators)
	}
	if len(b.Travellers) != 2 {
		t.Fatalf("travellers = %+v", b.Travellers)
	}
	s, inf := b.Travellers[0], b.Travellers[1]
	if s.Surname != "NAVARRO GIL" || s.BirthDate != "1988-04-03" || s.Gender != "F" || s.Nationality != "ESP" ||
		len(s.Documents) != 1 || s.Documents[0] != (message.Document{Type: "P", Number: "PAB556612", IssuingCountry: "ESP", Expiry: "2029-11-11", Nationality: "ESP"}) {
		t.Errorf("sofia = %+v", s)
	}
	if !reflect.DeepEqual(s.FrequentFlyers, []message.FrequentFlyer{{Carrier: "KY", Number: "40017765"}}) {
		t.Errorf("ff = %+v", s.FrequentFlyers)
	}
	if s.Contacts == nil || !reflect.DeepEqual(s.Contacts.Emails, []string{"sofia_ng@example.es"}) || !reflect.DeepEqual(s.Contacts.Phones, []string{"34600555123"}) {
		t.Errorf("contacts = %+v", s.Contacts)
	}
	if !reflect.DeepEqual(s.Seats, []message.Seat{{Seat: "4C", Segment: 0}, {Seat: "17D", Segment: 1}}) {
		t.Errorf("seats = %+v", s.Seats)
	}
	if len(s.Tickets) != 1 || s.Tickets[0].Number != "1102425550011" {
		t.Errorf("tickets = %+v", s.Tickets)
	}
	if inf.Role != message.RoleInfant || inf.InfantOf != "1" || inf.Surname != "NAVARRO" || inf.GivenNames != "PAU" || inf.BirthDate != "2026-02-02" {
		t.Errorf("infant = %+v", inf)
	}
	// A masked card number is not hashed (it would collide with every card
	// ending the same way).
	if p := b.Payments[0]; p.CardLast4 != "4444" || p.CardHash != "" || p.CardType != "CA" {
		t.Errorf("payment = %+v", p)
	}
	if m.SensitiveDropped["VGML"] != 1 || m.SensitiveDropped["MEDA"] != 1 || len(m.SensitiveDropped) != 3 {
		t.Errorf("sensitive = %v", m.SensitiveDropped)
	}
	if !reflect.DeepEqual(m.Unknown, []string{"SSR OTHS", "SSR UMNR"}) {
		t.Errorf("unknown = %q", m.Unknown)
	}
}

func TestParseXMLWithoutRoot(t *testing.T) {
	m := xmlOne(t, xmlParseSample(t, "wrapper.xml"))
	if len(m.Bookings) != 1 || len(m.Flights) != 0 || m.DeclaredCount != 0 {
		t.Fatalf("wrapper: %+v", m)
	}
	p := m.Bookings[0].Travellers[0]
	if p.Ref != "10000001" || p.BirthDate != "1979-01-17" || len(p.Documents) != 1 || p.Documents[0].Number != "EZ4412098" || p.Documents[0].Expiry != "2031-05-05" {
		t.Errorf("traveller = %+v", p)
	}

	m = xmlOne(t, xmlParseSample(t, "bare_pnrs.xml"))
	if len(m.Bookings) != 2 || m.Bookings[0].RecordLocator != "BX1AAA" || m.Bookings[1].RecordLocator != "BX1AAB" {
		t.Fatalf("bare: %+v", m.Bookings)
	}
	if m.Bookings[1].Travellers[0].Surname != "LEHTONEN" || m.Bookings[1].Itinerary[0].Origin != "RIX" {
		t.Errorf("bare booking = %+v", m.Bookings[1])
	}
}

func TestParseXMLLatin1(t *testing.T) {
	m := xmlOne(t, xmlParseSample(t, "latin1.xml"))
	p := m.Bookings[0].Travellers[0]
	if p.Surname != "MÜLLER" || p.GivenNames != "JÖRG" || p.Nationality != "CIV" {
		t.Errorf("traveller = %+v", p)
	}
}

// The same facts sent as attributes or as child elements read the same.
func TestParseXMLAttributesOrElements(t *testing.T) {
	attrs := `<IATA_PNRGOV_NotifRQ><FlightLeg CarrierCode="ZQ" FlightNumber="5" DepartureDateTime="2026-01-01T10:00:00"><DepartureAirport LocationCode="AMS"/><ArrivalAirport LocationCode="OSL"/></FlightLeg>
<PNRs NumberOfPnrs="1"><PNR><BookingRefID ID="ABC123"/><Passenger RPH="1" GivenName="ANNA"><Surname>LUND</Surname>
<DOC_SSR SSRCode="DOCS"><DOCS DocType="P" DocID="X1" PaxNationality="NOR" DateOfBirth="1970-01-02" Gender="F"/></DOC_SSR>
<TicketDocument TicketDocumentNbr="1234567890123"><PaymentInfo PaymentType="CC" VendorCode="AX" AccountNbr="378282246310005"/></TicketDocument></Passenger>
<Flight FlightNumber="5" DepartureDateTime="2026-01-01T10:00:00"><DepartureAirport LocationCode="AMS"/><ArrivalAirport LocationCode="OSL"/><MarketingAirline Code="ZQ"/></Flight></PNR></PNRs></IATA_PNRGOV_NotifRQ>`
	elems := `<IATA_PNRGOV_NotifRQ><FlightLeg><CarrierCode>ZQ</CarrierCode><FlightNumber>5</FlightNumber><DepartureDateTime>2026-01-01T10:00:00</DepartureDateTime><DepartureAirport>AMS</DepartureAirport><ArrivalAirport>OSL</ArrivalAirport></FlightLeg>
<PNRs NumberOfPnrs="1"><PNR><BookingRefID ID="ABC123"/><Passenger RPH="1"><GivenName>ANNA</GivenName><Surname>LUND</Surname>
<DOC_SSR SSRCode="DOCS"><DOCS><DocType>P</DocType><DocID>X1</DocID><PaxNationality>Norway</PaxNationality><DateOfBirth>1970-01-02</DateOfBirth><Gender>F</Gender></DOCS></DOC_SSR>
<TicketDocument><TicketDocumentNbr>1234567890123</TicketDocumentNbr><PaymentInfo><PaymentType>CC</PaymentType><VendorCode>AX</VendorCode><AccountNbr>3782 822463 10005</AccountNbr></PaymentInfo></TicketDocument></Passenger>
<Flight><FlightNumber>0005</FlightNumber><DepartureDateTime>2026-01-01T10:00</DepartureDateTime><DepartureAirport>AMS</DepartureAirport><ArrivalAirport>OSL</ArrivalAirport><MarketingAirline>ZQ</MarketingAirline></Flight></PNR></PNRs></IATA_PNRGOV_NotifRQ>`
	a, err := ParseXML([]byte(attrs), xmlTestOpts())
	if err != nil {
		t.Fatal(err)
	}
	e, err := ParseXML([]byte(elems), xmlTestOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, e) {
		ja, _ := json.Marshal(a)
		je, _ := json.Marshal(e)
		t.Errorf("attribute and element forms differ:\n%s\n%s", ja, je)
	}
	if p := a[0].Bookings[0].Payments; len(p) != 1 || p[0].CardHash == "" || p[0].CardLast4 != "0005" {
		t.Errorf("payments = %+v", p)
	}
}

func TestParseXMLEmptyPush(t *testing.T) {
	in := `<IATA_PNRGOV_NotifRQ xmlns="http://www.iata.org/IATA/2007/00"><FlightLeg CarrierCode="ZQ" FlightNumber="1"><DepartureAirport LocationCode="AMS"/><ArrivalAirport LocationCode="BCN"/></FlightLeg><PNRs NumberOfPnrs="0"/></IATA_PNRGOV_NotifRQ>`
	msgs, err := ParseXML([]byte(in), xmlTestOpts())
	if err != nil {
		t.Fatal(err)
	}
	m := xmlOne(t, msgs)
	if len(m.Bookings) != 0 || len(m.Flights) != 1 || len(m.Warnings) != 0 {
		t.Errorf("empty push = %+v", m)
	}
}

// A SOAP envelope around a prefixed root is only a wrapper.
func TestParseXMLPrefixedRootInEnvelope(t *testing.T) {
	in := `<?xml version="1.0"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<p:IATA_PNRGOV_NotifRQ xmlns:p="http://www.iata.org/IATA/2007/00" p:Version="14.1">
<p:Originator AirlineCode="ZQ"/>
<p:PNRs NumberOfPnrs="1"><p:PNR><p:BookingRefID ID="PFX001"/><p:Passenger RPH="1"><p:Surname>DOE</p:Surname></p:Passenger></p:PNR></p:PNRs>
</p:IATA_PNRGOV_NotifRQ></soap:Body></soap:Envelope>`
	msgs, err := ParseXML([]byte(in), xmlTestOpts())
	if err != nil {
		t.Fatal(err)
	}
	m := xmlOne(t, msgs)
	if m.Version != "14.1" || m.Sender != "ZQ" || len(m.Bookings) != 1 || m.Bookings[0].RecordLocator != "PFX001" || m.Bookings[0].Travellers[0].Surname != "DOE" || len(m.Warnings) != 0 {
		t.Errorf("message = %+v", m)
	}
}

func TestParseXMLSeveralRoots(t *testing.T) {
	one := string(xmlReadSample(t, "namespaced.xml"))
	one = one[strings.Index(one, "<IATA_PNRGOV_NotifRQ"):]
	msgs, err := ParseXML([]byte(one+one), xmlTestOpts())
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 || len(msgs[0].Bookings) != 2 || len(msgs[1].Bookings) != 2 || msgs[1].DeclaredCount != 2 {
		t.Errorf("got %d messages", len(msgs))
	}
}

// Nothing dropped or secret appears anywhere in the output.
func TestParseXMLKeepsNoSensitiveContent(t *testing.T) {
	forbidden := []string{"4111111111111111", "4111 1111", "378282246310005", "ASIAN VEGETARIAN", "PRAYER", "OXYGEN", "AVML", "WCHR", "KSML\"", "VGML"}
	for _, name := range []string{"namespaced.xml", "codeshare.xml"} {
		msgs := xmlParseSample(t, name)
		for _, m := range msgs {
			saved := m.SensitiveDropped
			m.SensitiveDropped = nil // the counts name codes by design
			out, err := json.Marshal(m)
			m.SensitiveDropped = saved
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range forbidden {
				if bytes.Contains(out, []byte(f)) {
					t.Errorf("%s: output contains %q", name, f)
				}
			}
		}
	}
}

func TestParseXMLBadInput(t *testing.T) {
	deep := strings.Repeat("<a>", 200) + strings.Repeat("</a>", 200)
	cases := []struct {
		name, in string
		want     []string // all must appear in the error
	}{
		{"empty", "", []string{"empty input"}},
		{"blank", " \n\t ", []string{"empty input"}},
		{"malformed", "<PNR><BookingRefID ID=\"X\"></PNR>", []string{"line 1", "BookingRefID"}},
		{"unquoted attribute", "<PNR NumberOfPassengers=1></PNR>", []string{"line 1", "unquoted"}},
		{"truncated", "<IATA_PNRGOV_NotifRQ>\n<PNRs NumberOfPnrs=\"1\">\n<PNR><BookingRefID ID=\"ABC\"/>", []string{"line 3", "truncated", "<PNR>"}},
		{"cut in tag", "<IATA_PNRGOV_NotifRQ><PNR><Passeng", []string{"line 1", "EOF"}},
		{"doctype xxe", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<PNR><BookingRefID ID=\"&x;\"/></PNR>", []string{"line 2", "declarations are not accepted"}},
		{"entity bomb", "<!DOCTYPE r [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><PNR>&b;</PNR>", []string{"line 1", "declarations"}},
		{"undeclared entity", "<PNR><BookingRefID ID=\"&x;\"/></PNR>", []string{"line 1", "entity"}},
		{"binary", "\x00\x01\x02\x89PNG\r\n\x1a\n", []string{"line ", "illegal character"}},
		{"plain text", "hello world", []string{"text outside any element"}},
		{"not utf-8", "<PNR><BookingRefID ID=\"A\"/><Passenger><Surname>M\xfcLLER</Surname></Passenger></PNR>", []string{"line 1", "UTF-8"}},
		{"utf-16", "\xff\xfe<\x00P\x00", []string{"UTF-16"}},
		{"unknown encoding", "<?xml version=\"1.0\" encoding=\"EBCDIC-XYZ\"?><PNR/>", []string{"line 1", "EBCDIC-XYZ"}},
		{"no pnr", "<IATA_PNRGOV_NotifRQ><Originator AirlineCode=\"ZQ\"/></IATA_PNRGOV_NotifRQ>", []string{"line 1", "no PNR content"}},
		{"other xml", "<html><body>hi</body></html>", []string{"no PNR content"}},
		{"empty pnr", "<IATA_PNRGOV_NotifRQ><PNRs NumberOfPnrs=\"1\"><PNR NumberOfPassengers=\"0\"/></PNRs></IATA_PNRGOV_NotifRQ>", []string{"no PNR content"}},
		{"stray end tag", "<PNR><BookingRefID ID=\"A\"/></PNR></PNRs>", []string{"line 1", "</PNRs>"}},
		{"too deep", deep, []string{"nested deeper"}},
		{"two roots text", "<PNR/>junk", []string{"text outside any element"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := ParseXML([]byte(tc.in), xmlTestOpts())
			if err == nil {
				t.Fatalf("no error; got %d messages", len(msgs))
			}
			if msgs != nil {
				t.Errorf("messages returned with error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "root:") {
				t.Errorf("error leaks file content: %q", err)
			}
		})
	}
}

var xmlLongDigits = regexp.MustCompile(`[0-9]{14,19}`)

func FuzzParseXML(f *testing.F) {
	samples, _ := filepath.Glob(filepath.Join("testdata", "xml", "*.xml"))
	for _, s := range samples {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("<PNR><Passenger RPH=\"1\"/><SSR SSRCode=\"INFT\" RPH=\"1\"><Text>A/B 01JAN20</Text></SSR></PNR>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, err := ParseXML(data, xmlTestOpts())
		if err != nil {
			if msgs != nil {
				t.Fatal("messages returned with an error")
			}
			return
		}
		if len(msgs) == 0 {
			t.Fatal("no messages and no error")
		}
		again, err := ParseXML(data, xmlTestOpts())
		if err != nil || !reflect.DeepEqual(msgs, again) {
			t.Fatalf("parse is not deterministic: %v", err)
		}
		for _, m := range msgs {
			if m.Kind != message.KindPNR || m.Format != message.FormatPNRGOVXML || m.Flights == nil {
				t.Fatalf("bad message header %+v", m)
			}
			out, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			// A full card number never reaches the output.
			for _, b := range m.Bookings {
				for _, p := range b.Payments {
					if len(p.CardLast4) > 4 {
						t.Fatalf("card last4 %q", p.CardLast4)
					}
				}
			}
			_ = out
			for _, num := range xmlLongDigits.FindAll(data, -1) {
				if bytes.Contains(data, []byte(`AccountNbr="`+string(num)+`"`)) && bytes.Contains(out, num) {
					t.Fatalf("card number %s in output", num)
				}
			}
		}
	})
}

// xmlBenchInput builds a push of n PNRs from the namespaced sample.
func xmlBenchInput(b *testing.B, n int) []byte {
	data := string(xmlReadSample(b, "namespaced.xml"))
	start := strings.Index(data, "<PNR ")
	end := strings.LastIndex(data, "</PNR>") + len("</PNR>")
	pnrs := data[start:end] // two PNRs
	var sb strings.Builder
	sb.WriteString(data[:start])
	for i := 0; i < n/2; i++ {
		sb.WriteString(strings.ReplaceAll(pnrs, "QX7TLM", fmt.Sprintf("Q%05d", i)))
	}
	sb.WriteString(data[end:])
	return []byte(strings.Replace(sb.String(), `NumberOfPnrs="2"`, fmt.Sprintf(`NumberOfPnrs="%d"`, n/2*2), 1))
}

func BenchmarkParseXML(b *testing.B) {
	const n = 500
	data := xmlBenchInput(b, n)
	opts := xmlTestOpts()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		msgs, err := ParseXML(data, opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs[0].Bookings) != n {
			b.Fatalf("got %d bookings", len(msgs[0].Bookings))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pnrs/s")
}
