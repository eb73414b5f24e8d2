package paxlst

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
)

// build wraps body segments (without terminators) in a UNB/UNH..UNT/UNZ
// envelope with default separators, dated 2026-01-01 12:00.
func build(body ...string) []byte {
	var b strings.Builder
	b.WriteString("UNB+UNOA:4+SENDER:ZZ+RECIP:ZZ+260101:1200+IC1++APIS'")
	b.WriteString("UNH+M1+PAXLST:D:05B:UN:IATA'")
	for _, s := range body {
		b.WriteString(s)
		b.WriteByte('\'')
	}
	fmt.Fprintf(&b, "UNT+%d+M1'UNZ+1+IC1'", len(body)+2)
	return []byte(b.String())
}

// leg is a minimal flight leg.
var leg = []string{"BGM+745", "TDT+20+LH0400+++LH", "LOC+125+FRA", "DTM+189:2601011030:201", "LOC+87+JFK", "DTM+232:2601011330:201"}

func withLeg(rest ...string) []byte {
	return build(append(append([]string(nil), leg...), rest...)...)
}

func parseOne(t *testing.T, data []byte) *message.Message {
	t.Helper()
	msgs, err := Parse(data, testOpts)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	return msgs[0]
}

func hasWarning(m *message.Message, sub string) bool {
	for _, w := range m.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

// TestSampleFacts checks what the test data README states about each
// sample, independently of the golden files.
func TestSampleFacts(t *testing.T) {
	type leg struct{ carrier, number, from, to string }
	tests := []struct {
		name     string
		docType  string
		legs     []leg
		pax      int
		crew     int
		declared int
		part     *message.Part
		warn     string // a warning that must be present
	}{
		{"Test1", "250", []leg{{"UA", "989", "FRA", "IAD"}}, 0, 8, 0, nil, `control total "" for qualifier "41" is not a count`},
		{"Test3", "745", []leg{{"UA", "989", "FRA", "IAD"}}, 260, 0, 206, &message.Part{Sequence: 1, Last: false, CommonAccess: "ABC01"}, "CNT+41 (crew total) in a list of passengers only"},
		{"airline2", "745", []leg{{"TN", "506", "BRE", "YEU"}}, 10, 0, 136, &message.Part{Sequence: 10, Last: true, CommonAccess: "AA346"}, "UNT declares 121 segments"},
		{"multiple_flight_leg_apis", "745", []leg{{"QQ", "877", "MIA", "IAD"}, {"QQ", "827", "IAD", "JFK"}, {"QQ", "827", "JFK", "CDG"}}, 2, 0, 2, nil, `ignored 7 bytes of text after UNZ`},
		{"apisMessage", "745", []leg{{"AA", "123", "ATL", "ORD"}, {"AA", "124", "ORD", "JFK"}}, 2, 0, 2, nil, ""},
		{"flight1", "745", []leg{{"LA", "532", "SCL", "JFK"}}, 10, 0, 10, nil, "traveller 1, document 1: no document type"},
		{"flight3", "745", []leg{{"YY", "123", "IAD", "BRU"}}, 10, 0, 10, nil, "UNT declares 23 segments"},
		{"flight3.at-ec62b145", "745", []leg{{"FI", "615", "KEF", "JFK"}}, 10, 0, 10, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := parseOne(t, readSample(t, tc.name))
			if m.Kind != message.KindAPI || m.Format != message.FormatPAXLST {
				t.Errorf("kind/format = %s/%s", m.Kind, m.Format)
			}
			if m.DocumentType != tc.docType {
				t.Errorf("document type = %q, want %q", m.DocumentType, tc.docType)
			}
			if len(m.Flights) != len(tc.legs) {
				t.Fatalf("got %d legs, want %d: %+v", len(m.Flights), len(tc.legs), m.Flights)
			}
			for i, l := range tc.legs {
				f := m.Flights[i]
				if got := (leg{f.Carrier, f.Number, f.Origin, f.Destination}); got != l {
					t.Errorf("leg %d = %+v, want %+v", i+1, got, l)
				}
				if f.Departure == "" || f.Arrival == "" {
					t.Errorf("leg %d has no times: %+v", i+1, f)
				}
			}
			var pax, crew int
			for _, tr := range m.Travellers {
				switch tr.Role {
				case message.RolePassenger:
					pax++
				case message.RoleCrew:
					crew++
				default:
					t.Errorf("unexpected role %q", tr.Role)
				}
			}
			if pax != tc.pax || crew != tc.crew {
				t.Errorf("passengers/crew = %d/%d, want %d/%d", pax, crew, tc.pax, tc.crew)
			}
			if m.DeclaredCount != tc.declared {
				t.Errorf("declared count = %d, want %d", m.DeclaredCount, tc.declared)
			}
			if (m.Part == nil) != (tc.part == nil) || m.Part != nil && *m.Part != *tc.part {
				t.Errorf("part = %+v, want %+v", m.Part, tc.part)
			}
			if tc.warn != "" && !hasWarning(m, tc.warn) {
				t.Errorf("no warning containing %q in %q", tc.warn, m.Warnings)
			}
		})
	}
}

// TestTravellersMatchNAD counts the person NAD segments of every sample
// with a plain text search and checks the parser found as many travellers,
// with a surname each, and as many documents as DOC segments.
func TestTravellersMatchNAD(t *testing.T) {
	for name := range samples {
		t.Run(name, func(t *testing.T) {
			data := readSample(t, name)
			f, err := edifact.ReadFile(data)
			if err != nil {
				t.Fatal(err)
			}
			el := string(f.Delimiters.Element)
			text := string(data)
			wantPeople := strings.Count(text, "NAD"+el+"FL"+el) + strings.Count(text, "NAD"+el+"FM"+el)
			wantDocs := strings.Count(text, "DOC"+el)
			m := parseOne(t, data)
			docs := 0
			for i, tr := range m.Travellers {
				if tr.Surname == "" {
					t.Errorf("traveller %d has no surname", i+1)
				}
				docs += len(tr.Documents)
			}
			if len(m.Travellers) != wantPeople {
				t.Errorf("got %d travellers, the text has %d person NADs", len(m.Travellers), wantPeople)
			}
			if docs != wantDocs {
				t.Errorf("got %d documents, the text has %d DOC segments", docs, wantDocs)
			}
		})
	}
}

// TestTransliterationVariants: the two versions of flight2 differ only in
// one surname (CHIANG vs JIANG), made for entity-resolution tests.
func TestTransliterationVariants(t *testing.T) {
	a := parseOne(t, readSample(t, "flight2"))
	b := parseOne(t, readSample(t, "flight2.at-e2a57d78"))
	if len(a.Travellers) != len(b.Travellers) {
		t.Fatalf("traveller counts differ: %d vs %d", len(a.Travellers), len(b.Travellers))
	}
	var diffs []string
	for i := range a.Travellers {
		if x, y := a.Travellers[i].Surname, b.Travellers[i].Surname; x != y {
			diffs = append(diffs, x+"/"+y)
		}
	}
	if len(diffs) != 1 || (diffs[0] != "CHIANG/JIANG" && diffs[0] != "JIANG/CHIANG") {
		t.Errorf("surname differences = %q, want exactly CHIANG vs JIANG", diffs)
	}
}

func TestSegments(t *testing.T) {
	tests := []struct {
		name  string
		body  []string
		check func(t *testing.T, m *message.Message)
	}{
		{
			name: "full passenger",
			body: []string{
				"NAD+FL+++DOE:JOHN:PAUL MR+1 MAIN ST:APT 2+SPRINGFIELD+IL+62701+USA", "ATT+2++M", "DTM+329:19800215:102",
				"MEA+CT++2", "MEA+WT++LBR:44", "FTX+BAG+++LH123456:2", "GEI+4+173", "LOC+22+JFK", "LOC+174+DEU", "LOC+178+FRA",
				"LOC+179+JFK", "LOC+180+DEU:::Bad Homburg", "COM+49 6172 1234:TE+JOHN.DOE//EXAMPLE.COM:EM", "NAT+2+DEU",
				"RFF+AVF:abc123", "RFF+ABO:PAX1", "RFF+SEA:012B", "RFF+YZY:2201234567890C1", "RFF+CR:X1",
				"DOC+P:110:111+c01x00t47", "DTM+36:300101", "DTM+182:200101", "LOC+91+DEU", "CNT+42:1",
			},
			check: func(t *testing.T, m *message.Message) {
				tr := m.Travellers[0]
				want := message.Traveller{
					Ref: "PAX1", Role: message.RolePassenger, Surname: "DOE", GivenNames: "JOHN PAUL", Title: "MR", Gender: "M",
					BirthDate: "1980-02-15", BirthPlace: "BAD HOMBURG, DEU", Nationality: "DEU", Residence: "DEU",
					Embarkation: "FRA", Debarkation: "JFK", FirstArrival: "JFK", Seat: "12B", RecordLocator: "ABC123", Verified: true,
				}
				if fmt.Sprint(tr.Ref, tr.Role, tr.Surname, tr.GivenNames, tr.Title, tr.Gender, tr.BirthDate, tr.BirthPlace, tr.Nationality,
					tr.Residence, tr.Embarkation, tr.Debarkation, tr.FirstArrival, tr.Seat, tr.RecordLocator, tr.Verified) !=
					fmt.Sprint(want.Ref, want.Role, want.Surname, want.GivenNames, want.Title, want.Gender, want.BirthDate, want.BirthPlace, want.Nationality,
						want.Residence, want.Embarkation, want.Debarkation, want.FirstArrival, want.Seat, want.RecordLocator, want.Verified) {
					t.Errorf("traveller =\n %+v\nwant\n %+v", tr, want)
				}
				if a := tr.Address; a == nil || *a != (message.Address{Street: "1 MAIN ST APT 2", City: "SPRINGFIELD", Region: "IL", PostalCode: "62701", Country: "USA"}) {
					t.Errorf("address = %+v", a)
				}
				if b := tr.Bags; b == nil || b.Count != 2 || b.WeightKG != 20 || strings.Join(b.Tags, ",") != "LH123456,LH123457" {
					t.Errorf("bags = %+v, want 2 bags, 20 kg (44 lb), tags LH123456,LH123457", b)
				}
				if c := tr.Contacts; c == nil || len(c.Phones) != 1 || c.Phones[0] != "49 6172 1234" || len(c.Emails) != 1 {
					t.Errorf("contacts = %+v", c)
				}
				if len(tr.Tickets) != 1 || tr.Tickets[0].Number != "2201234567890" {
					t.Errorf("tickets = %+v", tr.Tickets)
				}
				if len(tr.Documents) != 1 || tr.Documents[0] != (message.Document{Type: "P", Number: "C01X00T47", IssuingCountry: "DEU", Expiry: "2030-01-01", IssueDate: "2020-01-01"}) {
					t.Errorf("documents = %+v", tr.Documents)
				}
				if len(m.Unknown) != 1 || m.Unknown[0] != "RFF+CR:X1'" {
					t.Errorf("unknown = %q, want the RFF+CR only", m.Unknown)
				}
				if len(m.Warnings) != 0 {
					t.Errorf("warnings = %q", m.Warnings)
				}
			},
		},
		{
			name: "crew with function and transit roles",
			body: []string{"NAD+FM+++PILOT:ANNA", "EMP+1+CR1:110:111", "NAD+DDU+++TRANSIT:TOM", "NAD+DDT+++TRANSIT:CREW", "NAD+ZZZ+++ODD:ONE"},
			check: func(t *testing.T, m *message.Message) {
				roles := []string{}
				for _, tr := range m.Travellers {
					roles = append(roles, tr.Role)
				}
				if strings.Join(roles, ",") != "crew,transit_passenger,transit_crew,other" {
					t.Errorf("roles = %v", roles)
				}
				if m.Travellers[0].CrewFunction != "CR1" {
					t.Errorf("crew function = %q", m.Travellers[0].CrewFunction)
				}
				if !hasWarning(m, `traveller 4: unknown party qualifier "ZZZ"`) {
					t.Errorf("no warning for NAD+ZZZ: %q", m.Warnings)
				}
			},
		},
		{
			name: "titles only as whole trailing words",
			body: []string{"NAD+FL+++WILLIAMS:ALEXANDR", "NAD+FL+++SMITH:MR", "NAD+FL+++SMITH:JANE:MRS", "NAD+FL+++Steur:Andrea:Pat"},
			check: func(t *testing.T, m *message.Message) {
				got := []string{}
				for _, tr := range m.Travellers {
					got = append(got, tr.Surname+"/"+tr.GivenNames+"/"+tr.Title)
				}
				want := "WILLIAMS/ALEXANDR/,SMITH/MR/,SMITH/JANE/MRS,STEUR/ANDREA PAT/"
				if strings.Join(got, ",") != want {
					t.Errorf("names = %v, want %s", got, want)
				}
			},
		},
		{
			name: "free text dropped as possibly sensitive",
			body: []string{"NAD+FL+++DOE:JANE", "FTX+AAI+++WHEELCHAIR NEEDED", "FTX+BAG+++0220123456"},
			check: func(t *testing.T, m *message.Message) {
				if m.SensitiveDropped["FTX+AAI"] != 1 {
					t.Errorf("sensitive dropped = %v", m.SensitiveDropped)
				}
				for _, u := range m.Unknown {
					if strings.Contains(u, "WHEELCHAIR") {
						t.Errorf("dropped free text kept in unknown segments: %q", u)
					}
				}
				if b := m.Travellers[0].Bags; b == nil || b.Count != 1 || b.Tags[0] != "0220123456" {
					t.Errorf("bags = %+v", b)
				}
			},
		},
		{
			name: "misplaced segments kept with warnings",
			body: []string{"LOC+91+GBR", "NAD+FL+++DOE:JANE", "DTM+36:300101", "NAT+2+GBR", "NAT+2+IRL", "LOC+999+XYZ"},
			check: func(t *testing.T, m *message.Message) {
				for _, w := range []string{"LOC+91 outside a travel document", "DTM+36 outside a travel document", "second nationality", `unknown location qualifier "999"`} {
					if !hasWarning(m, w) {
						t.Errorf("no warning %q in %q", w, m.Warnings)
					}
				}
				if m.Travellers[0].Nationality != "GBR" {
					t.Errorf("nationality = %q", m.Travellers[0].Nationality)
				}
				if len(m.Unknown) != 4 {
					t.Errorf("unknown = %q, want 4 segments", m.Unknown)
				}
			},
		},
		{
			name: "counts checked on a complete list",
			body: []string{"NAD+FL+++DOE:JANE", "NAD+FL+++DOE:JOHN", "CNT+42:3"},
			check: func(t *testing.T, m *message.Message) {
				if m.DeclaredCount != 3 || !hasWarning(m, "CNT+42 declares 3 passengers, message lists 2") {
					t.Errorf("declared %d, warnings %q", m.DeclaredCount, m.Warnings)
				}
			},
		},
		{
			name: "crew total on a passenger list (regression: nil segment)",
			body: []string{"NAD+FL+++DOE:JANE", "NAD+FL+++DOE:JOHN", "CNT+41:5"},
			check: func(t *testing.T, m *message.Message) {
				for _, w := range []string{"segment 11 (CNT): CNT+41 (crew total) in a list of passengers only", "segment 11 (CNT): CNT+41 declares 5 passengers, message lists 2"} {
					if !hasWarning(m, w) {
						t.Errorf("no warning %q in %q", w, m.Warnings)
					}
				}
			},
		},
		{
			name: "dates: format codes, lengths and pivots",
			body: []string{"NAD+FL+++A:B", "DTM+329:800215:102", "DOC+P+1", "DTM+36:610218", "NAD+FL+++C:D", "DTM+329:780230"},
			check: func(t *testing.T, m *message.Message) {
				if got := m.Travellers[0].BirthDate; got != "1980-02-15" {
					t.Errorf("birth date with contradicting format = %q", got)
				}
				if !hasWarning(m, `format 102 expects 8 digits, value has 6 (shape "999999")`) {
					t.Errorf("no format warning: %q", m.Warnings)
				}
				if got := m.Travellers[0].Documents[0].Expiry; got != "2061-02-18" {
					t.Errorf("expiry = %q (message of 2026: 61 is 2061)", got)
				}
				if m.Travellers[1].BirthDate != "" || !hasWarning(m, `traveller 2: birth date: invalid date of shape "999999"`) {
					t.Errorf("30 February accepted or not warned: %q %q", m.Travellers[1].BirthDate, m.Warnings)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, parseOne(t, withLeg(tc.body...)))
		})
	}
}

func TestFlightLegs(t *testing.T) {
	tests := []struct {
		tdt                     string
		carrier, number, errSub string
	}{
		{"TDT+20+UA0989+++UA", "UA", "989", ""},
		{"TDT+20+LA532", "LA", "532", ""},
		{"TDT+20+BAW0123", "BAW", "123", ""},
		{"TDT+20+0123+++LH", "LH", "123", ""},
		{"TDT+20+9W 123", "9W", "123", ""},
		{"TDT+20+U21234A", "U2", "1234A", ""},
		{"TDT+20+LH0400+++UA", "LH", "400", `carrier "UA" differs`},
		{"TDT+20++++LH", "LH", "", "without a flight number"},
		{"TDT+20+LHXYZ", "LH", "XYZ", "does not start with a digit"},
	}
	for _, tc := range tests {
		t.Run(tc.tdt, func(t *testing.T) {
			m := parseOne(t, build("BGM+745", tc.tdt, "LOC+125+FRA", "DTM+189:2601011030:201", "LOC+87+JFK"))
			f := m.Flights[0]
			if f.Carrier != tc.carrier || f.Number != tc.number {
				t.Errorf("carrier/number = %q/%q, want %q/%q", f.Carrier, f.Number, tc.carrier, tc.number)
			}
			if tc.errSub != "" && !hasWarning(m, tc.errSub) {
				t.Errorf("no warning %q in %q", tc.errSub, m.Warnings)
			}
			if tc.errSub == "" && len(m.Warnings) != 0 {
				t.Errorf("warnings = %q", m.Warnings)
			}
		})
	}
}

func TestFailures(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"no flight leg", build("BGM+745", "NAD+FL+++DOE:JANE"), "no flight leg (TDT) in a passenger list"},
		{"other message type", []byte("UNB+IATA:1+A+B+260101:1200+1'UNH+1+PNRGOV:11:1:IA'MSG+:22'UNT+3+1'UNZ+1+1'"), `message type is "PNRGOV"`},
		{"not EDIFACT", []byte("hello"), "not an EDIFACT interchange"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msgs, err := Parse(tc.data, testOpts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if len(msgs) != 0 {
				t.Errorf("got %d messages with the error", len(msgs))
			}
		})
	}
	// A master crew list needs no flight.
	m := parseOne(t, build("BGM+336+G", "NAD+FM+++DOE:JANE"))
	if len(m.Flights) != 0 || m.Flights == nil || len(m.Travellers) != 1 {
		t.Errorf("master crew list: flights %v, travellers %d", m.Flights, len(m.Travellers))
	}
}

// TestPartialFailure: one bad message does not sink the others.
func TestPartialFailure(t *testing.T) {
	good := "UNH+A+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+LH400'LOC+125+FRA'LOC+87+JFK'DTM+189:2601011030:201'NAD+FL+++DOE:JANE'UNT+8+A'"
	bad := "UNH+B+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++DOE:JOHN'UNT+4+B'"
	data := []byte("UNB+UNOA:4+S+R+260101:1200+IC'" + good + bad + "UNZ+2+IC'")
	msgs, err := Parse(data, testOpts)
	if err == nil || !strings.Contains(err.Error(), `message 2 (reference "B")`) {
		t.Errorf("err = %v", err)
	}
	if len(msgs) != 1 || msgs[0].Reference != "A" {
		t.Errorf("got %d messages", len(msgs))
	}
}

// TestWarningsKeepPersonalDataOut feeds malformed personal values and
// checks that no warning quotes them.
func TestWarningsKeepPersonalDataOut(t *testing.T) {
	secrets := []string{"ZORRO", "DIEGO", "771332", "Q", "K1234567", "Q7"}
	m := parseOne(t, withLeg("NAD+FL+++ZORRO:DIEGO", "DTM+329:771332", "ATT+2++Q", "DOC++K1234567", "DTM+36:Q7", "MEA+CT++Q7", "RFF+SEA:12C", "RFF+SEA:14D"))
	if len(m.Warnings) < 4 {
		t.Fatalf("expected warnings, got %q", m.Warnings)
	}
	for _, w := range m.Warnings {
		for _, s := range secrets {
			if regexp.MustCompile(`\b` + s + `\b`).MatchString(w) {
				t.Errorf("warning %q quotes personal value %q", w, s)
			}
		}
	}
}

func TestHelpers(t *testing.T) {
	for _, tc := range []struct{ in, want string }{{"012B", "12B"}, {"0A", "0A"}, {"000", "0"}, {" 7 c", "7C"}, {"100A", "100A"}} {
		if got := seat(tc.in); got != tc.want {
			t.Errorf("seat(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{{"1251234567890C2", "1251234567890"}, {"1251234567890", "1251234567890"}, {"ABC", "ABC"}, {"12C", "12C"}, {"12C3", "12"}, {"C1", "C1"}} {
		if got := ticketNumber(tc.in); got != tc.want {
			t.Errorf("ticketNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		first string
		n     int
		want  string
		ok    bool
	}{
		{"2660009", 2, "2660009,2660010", true},
		{"SU0099", 3, "SU0099,SU0100,SU0101", true},
		{"99", 2, "99,100", true},
		{"ABC", 2, "ABC", false},
		{"X1", 1, "X1", true},
	} {
		got, ok := tagRun(tc.first, tc.n)
		if strings.Join(got, ",") != tc.want || ok != tc.ok {
			t.Errorf("tagRun(%q, %d) = %v, %v; want %s, %v", tc.first, tc.n, got, ok, tc.want, tc.ok)
		}
	}
	for _, tc := range []struct{ in, want string }{{"780799", `"999999"`}, {"Ab-1é", `"AA-9~~"`}, {strings.Repeat("x", 30), `"` + strings.Repeat("A", 24) + `..."`}} {
		if got := shape(tc.in); got != tc.want {
			t.Errorf("shape(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestParseMessageRejectsNil(t *testing.T) {
	if _, err := ParseMessage(nil, testOpts); err == nil {
		t.Error("nil message accepted")
	}
}

// legacyUS builds a legacy US/EDIFACT PAXLST (UNH version 001:000).
func legacyUS(body ...string) []byte {
	var b strings.Builder
	b.WriteString("UNA:+.? 'UNB+UNOA:1+TESTAIR:XX+USCS:US+090315:0815+0903150815++CEDIPAX+A+++0'")
	b.WriteString("UNG+PAXLST+TESTAIR:XX+TECS:US+090315:0815+0903150815+XX+001:000'")
	b.WriteString("UNH+0903150815+PAXLST:001:000:XX+TA100/090315/0900'")
	for _, s := range body {
		b.WriteString(s)
		b.WriteByte('\'')
	}
	fmt.Fprintf(&b, "UNT+%d+0903150815'UNE+1+0903150815'UNZ+1+0903150815'", len(body)+2)
	return []byte(b.String())
}

func TestLegacyUS(t *testing.T) {
	t.Run("single leg", func(t *testing.T) {
		m := parseOne(t, legacyUS(
			"CTA+IC+:ANNA? OPS+1-555-0100:TE+1-555-0101:FX",
			"TDT++TA0100+40+TA",
			"LOC+005+GBLHR:50", "DTM+136+090315+0900+Z",
			"LOC+008+USBOS:50", "DTM+132+090315+1130+M05",
			"UNS+D",
			"PDT+P/X1234567:150101:GB+ROE:RICHARD:Q:700102:M+PAX+GBLHR:USBOS",
			"PDT+V/V998877:100630:US+O?'NEIL:MAEVE::850505:F+CRW+GBLHR:USBOS",
			"PDT+A/A0011:151231:CA+ZED:ZOE::990909:U+ITI+GBLHR:USBOS",
		))
		if m.ReportingParty != "ANNA OPS" {
			t.Errorf("reporting party = %q", m.ReportingParty)
		}
		want := message.Flight{Carrier: "TA", Number: "100", Origin: "LHR", Destination: "BOS", Departure: "2009-03-15T09:00", Arrival: "2009-03-15T11:30"}
		if len(m.Flights) != 1 || m.Flights[0] != want {
			t.Fatalf("flights = %+v, want %+v", m.Flights, want)
		}
		if len(m.Travellers) != 3 {
			t.Fatalf("got %d travellers", len(m.Travellers))
		}
		p := m.Travellers[0]
		if p.Role != message.RolePassenger || p.Surname != "ROE" || p.GivenNames != "RICHARD Q" || p.BirthDate != "1970-01-02" || p.Gender != "M" ||
			p.Embarkation != "LHR" || p.Debarkation != "BOS" {
			t.Errorf("traveller 1 = %+v", p)
		}
		if len(p.Documents) != 1 || p.Documents[0] != (message.Document{Type: "P", Number: "X1234567", IssuingCountry: "GBR", Expiry: "2015-01-01"}) {
			t.Errorf("traveller 1 documents = %+v", p.Documents)
		}
		if c := m.Travellers[1]; c.Role != message.RoleCrew || c.Surname != "O'NEIL" || c.Documents[0].Type != "V" {
			t.Errorf("traveller 2 = %+v", c)
		}
		if x := m.Travellers[2]; x.Role != message.RoleTransitPassenger || x.Gender != "U" || x.Documents[0].IssuingCountry != "CAN" {
			t.Errorf("traveller 3 = %+v", x)
		}
		for _, w := range m.Warnings {
			if !strings.Contains(w, "UNT declares") {
				t.Errorf("unexpected warning %q", w)
			}
		}
	})
	t.Run("transit ports make legs", func(t *testing.T) {
		m := parseOne(t, legacyUS(
			"TDT++TA0100+40+TA",
			"LOC+5+NZAKL:50", "DTM+136+090315+2200+M10",
			"LOC+PT+USHNL:50", "DTM+132+090315+1000+P10",
			"LOC+PT+USSFO:50", "DTM+132+090315+1900+P8",
			"LOC+8+USORD:50", "DTM+132+090316+0100+P6",
			"UNS+D",
			"PDT+P/Q1:201231:NZ+KAHU:ARI::800101",
		))
		route := []string{}
		for _, f := range m.Flights {
			route = append(route, f.Origin+">"+f.Destination+"@"+f.Arrival)
		}
		if got := strings.Join(route, " "); got != "AKL>HNL@2009-03-15T10:00 HNL>SFO@2009-03-15T19:00 SFO>ORD@2009-03-16T01:00" {
			t.Errorf("legs = %s", got)
		}
		if m.Flights[0].Departure != "2009-03-15T22:00" {
			t.Errorf("first departure = %q", m.Flights[0].Departure)
		}
		if len(m.Travellers) != 1 || m.Travellers[0].Role != message.RolePassenger {
			t.Errorf("travellers = %+v", m.Travellers)
		}
	})
	t.Run("no flight", func(t *testing.T) {
		_, err := Parse(legacyUS("UNS+D", "PDT+P/Q1:201231:NZ+KAHU:ARI::800101+PAX"), testOpts)
		if err == nil || !strings.Contains(err.Error(), "no flight leg") {
			t.Errorf("err = %v", err)
		}
	})
}
