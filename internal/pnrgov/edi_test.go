package pnrgov

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
)

// ediMsg wraps PNRGOV body segments (one per line, without terminators)
// in an interchange with a correct UNT count.
func ediMsg(body ...string) []byte {
	var b strings.Builder
	b.WriteString("UNB+IATA:1+XX++200105:1200+1'\nUNH+1+PNRGOV:13:1:IA+REF'\n")
	for _, s := range body {
		b.WriteString(s)
		b.WriteString("'\n")
	}
	b.WriteString("UNT+" + strconv.Itoa(len(body)+2) + "+1'\nUNZ+1+1'\n")
	return []byte(b.String())
}

var ediTestHeader = []string{"MSG+:22", "ORG+XX:FRA", "TVL+100120:1000:100120:1200+FRA+LHR+XX+100", "EQN+1"}

func ediParseOne(t *testing.T, body ...string) *message.Message {
	t.Helper()
	msgs, _, err := ParseFile(ediMsg(append(append([]string{}, ediTestHeader...), body...)...), ediTestOptions())
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if len(msgs) != 1 {
		t.Fatalf("got %d messages, want 1", len(msgs))
	}
	return msgs[0]
}

func ediJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func ediReadSample(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(ediSamples, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestEDISampleCounts checks the counts the samples' README states.
func TestEDISampleCounts(t *testing.T) {
	cases := []struct {
		file                       string
		bookings, travellers, infs int
	}{
		{"gtas-parsers/pnr-messages/bigbigPnr.txt", 47, 86, 0},
		{"gtas-parsers/pnr-messages/pnrWithBags.txt", 127, 268, 0},
		{"gtas-loader/pnr-messages/3_pnrs.edi", 3, 14, 1},
		{"gtas-loader/pnr-messages/2_pnrs_basic.edi", 2, 4, 0},
		{"gtas-loader/pnr-messages/codeshare.edi", 2, 2, 0},
		{"gtas-loader/pnr-messages/adult_and_infant.edi", 1, 2, 1},
		{"gtas-loader/pnr-messages/infant.edi", 1, 2, 1},
		{"gtas-loader/pnr-messages/no_pnr_history.edi", 3, 4, 0},
		{"gtas-loader/pnr-messages/pnr_split.edi", 2, 3, 0},
		{"gtas-loader/pnr-messages/pnr3.txt", 1, 4, 0},
		{"gtas-loader/pnr-messages/pnrMessageExample.txt", 1, 5, 0},
		{"gtas-parsers/pnr-messages/bigMessagePnr.txt", 1, 7, 0},
		{"gtas-parsers/pnr-messages/pnrMessagePg75.txt", 2, 2, 0},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			msgs, _, err := ParseFile(ediReadSample(t, c.file), ediTestOptions())
			if err != nil {
				t.Fatal(err)
			}
			var b, tr, inf int
			for _, m := range msgs {
				b += len(m.Bookings)
				for _, bk := range m.Bookings {
					tr += len(bk.Travellers)
					for _, x := range bk.Travellers {
						if x.Role == message.RoleInfant {
							inf++
						}
					}
				}
			}
			if b != c.bookings || tr != c.travellers || inf != c.infs {
				t.Errorf("bookings/travellers/infants = %d/%d/%d, want %d/%d/%d", b, tr, inf, c.bookings, c.travellers, c.infs)
			}
		})
	}
}

// TestEDIMealsDropped: the AVML requests of three samples are dropped,
// counted and appear nowhere in the output.
func TestEDIMealsDropped(t *testing.T) {
	for _, f := range []string{"gtas-loader/pnr-messages/pnr1.txt", "gtas-parsers/pnr-messages/pnrMessage.txt", "gtas-loader/pnr-messages/2_pnrs_basic.edi"} {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw := ediReadSample(t, f)
			want := strings.Count(string(raw), "AVML")
			msgs, _, err := ParseFile(raw, ediTestOptions())
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, m := range msgs {
				got += m.SensitiveDropped["AVML"]
			}
			if want == 0 || got != want {
				t.Errorf("dropped %d AVML, the file has %d", got, want)
			}
			for _, m := range msgs {
				m.SensitiveDropped = nil // the counts name the code; the content must be gone
			}
			if out := ediJSON(t, msgs); strings.Contains(out, "AVML") {
				t.Errorf("AVML appears in the output")
			}
		})
	}
}

func TestEDISensitiveInline(t *testing.T) {
	m := ediParseOne(t,
		"SRC", "RCI+XX:ABC123",
		"TIF+DOE+JANEMRS:A:1",
		"SSR+WCHR:HK:1:XX",
		"SSR+MOML:HK:1:XX",
		"SSR+OTHS:HK:1:XX:::::PAX NEEDS HALAL FOOD",
		"IFT+4:28::XX+PASSENGER IS DIABETIC",
		"IFT+4:28::XX+VIP GUEST",
		"TVL+100120:1000:100120:1200+FRA+LHR+XX+100:Y",
		"ABI+1+:FRAXX1+FRA++XX", "DAT+ZT:050120:1000",
		"SAC+++A", "SSR+KSML:HK:1:XX",
		"SAC+++A", "TIF+DOE+JANEMRS:A:1",
		"LTS+3/A/SR/SSR VGMLXXHK1/DOE/JANE",
	)
	want := map[string]int{"WCHR": 1, "MOML": 1, "KSML": 1, "TEXT-RELIGION": 1, "TEXT-HEALTH": 1, "TEXT-VGML": 1}
	if ediJSON(t, m.SensitiveDropped) != ediJSON(t, want) {
		t.Errorf("dropped %v, want %v", m.SensitiveDropped, want)
	}
	m.SensitiveDropped = nil // the counts name the codes; the content must be gone
	out := ediJSON(t, m)
	for _, s := range []string{"WCHR", "MOML", "KSML", "HALAL", "DIABETIC", "VGML"} {
		if strings.Contains(out, s) {
			t.Errorf("%s appears in the output", s)
		}
	}
	if !strings.Contains(out, "VIP GUEST") {
		t.Errorf("non-sensitive OSI lost: %v", m.Unknown)
	}
	h := m.Bookings[0].History
	if len(h) != 1 || h[0].What != "TIF DOE/JANE" || h[0].Action != "added" || h[0].Who != "FRAXX1 FRA XX" || h[0].When != "2020-01-05T10:00" {
		t.Errorf("history = %+v", h)
	}
}

func TestEDICardNumberNeverKept(t *testing.T) {
	m := ediParseOne(t,
		"SRC", "RCI+XX:ABC123",
		"TIF+DOE+JOHN:A:1",
		"TKT+1234567890123:T:1", "MON+T:100.00:EUR",
		"FOP+CC::100.00:VI:4111111111111111:1225",
		"FOP+CC:::MA:XXXXXXXXXXXX5454:1225",
	)
	out := ediJSON(t, m)
	if strings.Contains(out, "4111111111111111") || strings.Contains(out, "41111111") {
		t.Fatalf("clear card number in output: %s", out)
	}
	p := m.Bookings[0].Payments
	if len(p) != 2 {
		t.Fatalf("payments = %+v", p)
	}
	if p[0].Method != message.PayCard || p[0].CardType != "VI" || p[0].CardLast4 != "1111" || p[0].CardHash == "" || p[0].Amount != 100 || p[0].Currency != "EUR" {
		t.Errorf("clear card payment = %+v", p[0])
	}
	if p[1].CardLast4 != "5454" || p[1].CardHash != "" {
		t.Errorf("masked card payment = %+v (a masked number is not hashed)", p[1])
	}
	if tk := m.Bookings[0].Travellers[0].Tickets; len(tk) != 1 || len(tk[0].Payments) != 2 || tk[0].Amount != 100 {
		t.Errorf("ticket = %+v", tk)
	}
}

func TestEDISplitTitle(t *testing.T) {
	cases := []struct{ in, given, title string }{
		{"YORDAMRS", "YORDA", "MRS"},
		{"SEJOONMR", "SEJOON", "MR"},
		{"NINA MS", "NINA", "MS"},
		{"ISABELLE MRS", "ISABELLE", "MRS"},
		{"KONG CHUN MRS", "KONG CHUN", "MRS"},
		{"AMR", "AMR", ""},
		{"ALEXANDR", "ALEXANDR", ""},
		{"JOHN DR", "JOHN", "DR"},
		{"MR", "", "MR"},
		{"EMMAMISS", "EMMA", "MISS"},
		{"TOMMSTR", "TOM", "MSTR"},
		{"", "", ""},
	}
	for _, c := range cases {
		g, ti := ediSplitTitle(c.in)
		if g != c.given || ti != c.title {
			t.Errorf("ediSplitTitle(%q) = %q, %q; want %q, %q", c.in, g, ti, c.given, c.title)
		}
	}
}

func TestEDIEmailAndPhones(t *testing.T) {
	emails := map[string]string{
		"MOLLY..LOUUNT+50BB//GMAIL.COM": "molly_louunt+50bb@gmail.com",
		"JEAN./PAUL//EXAMPLE.FR/EN":     "jean-paul@example.fr",
		"NOEMAIL":                       "",
	}
	for in, want := range emails {
		if got := ediEmail(in); got != want {
			t.Errorf("ediEmail(%q) = %q, want %q", in, got, want)
		}
	}
	phones := map[string]string{
		"H5555555555 W 1 555 555 5555 ": "5555555555,15555555555",
		"MEX1800 002 5200 DOMESTIC":     "18000025200",
		"+44 (20) 7946-0000":            "+442079460000",
		"EK CTC M 5432109876":           "5432109876",
		"NO PHONE 123":                  "",
	}
	for in, want := range phones {
		if got := strings.Join(ediPhones(in), ","); got != want {
			t.Errorf("ediPhones(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEDIContactsAndDocs(t *testing.T) {
	m := ediParseOne(t,
		"SRC", "RCI+XX:ABC123::030120:0915+YY:ZZZ999",
		"DAT+700:040120:1010+710:040120:1100",
		"ORG+XX:FRA+12345678:FRAXX0001+FRA+XX+T+DE:EUR",
		"IFT+4:28::XX+CTCE OFFICE//AGENCY.DE",
		"IFT+4:28+XX CTC M 0049 171 1234567",
		"ADD++700:1 MAIN ST:BERLIN::BE:DE:10115:030 1234567",
		"TIF+MUELLER+ANNA MS:A:1:1",
		"SSR+DOCS:HK:1:XX:::::/P/DE/C01X00T47/DE/12AUG74/F/11AUG30/MUELLER/ANNA+::1",
		"SSR+DOCO:HK:1:XX:::::BERLIN/V/V123456/FRA/01JAN19/US+::1",
		"SSR+DOCA:HK:1:XX:::::/R/DEU/1 MAIN ST/BERLIN//10115+::1",
		"SSR+CTCM:HK:1:XX:::::491711111111+::1",
		"SSR+FQTV:HK:1:XX:::::XX 987654+::1",
		"TIF+MUELLER+MAX:IN:1I",
		"SSR+DOCS:HK:1:XX:::::/P/DE/X1/DE/01FEB19/MI/01FEB24/MUELLER/MAX+::1",
		"TVL+100120:1000::1200+FRA+LHR+XX:YY+100:Y", "RPI+1+HK",
		"SSR+SEAT:HK:1:XX:::FRA:LHR+012C::1",
		"TVL+150120:2300::0130+LHR+FRA+XX+101:Y",
		"TRI++1:::1", "TIF+MUELLER+ANNA MS:A:1", "SSD+14A++++Y",
		"TBD++1:23:700++HP+XX:0123456789:1:FRA",
		"EQN+1", "RCI+XX:SPL111",
		"MSG+8", "TVL+100120:1500:120120+LON:HOTEL++HH+1:ROH",
	)
	b := m.Bookings[0]
	if b.RecordLocator != "ABC123" || ediJSON(t, b.OtherLocators) != `["YY:ZZZ999"]` || b.Created != "2020-01-03T09:15" ||
		b.LastChanged != "2020-01-04T10:10" || b.TicketIssued != "2020-01-04T11:00" {
		t.Errorf("booking header = %+v", b)
	}
	if b.Office == nil || b.Office.Type != "agency" || b.Office.Country != "DEU" || b.Office.AgencyID != "12345678" {
		t.Errorf("office = %+v", b.Office)
	}
	if ediJSON(t, b.Contacts) != `{"phones":["00491711234567","0301234567"],"emails":["office@agency.de"]}` {
		t.Errorf("booking contacts = %s", ediJSON(t, b.Contacts))
	}
	if len(b.Travellers) != 2 {
		t.Fatalf("travellers = %+v", b.Travellers)
	}
	a, inf := b.Travellers[0], b.Travellers[1]
	if a.Title != "MS" || a.GivenNames != "ANNA" || !a.WithInfant || a.BirthDate != "1974-08-12" || a.Gender != "F" ||
		a.Nationality != "DEU" || a.Residence != "DEU" || a.BirthPlace != "BERLIN" || !a.CheckedIn {
		t.Errorf("adult = %+v", a)
	}
	if ediJSON(t, a.Documents) != `[{"type":"P","number":"C01X00T47","issuing_country":"DEU","expiry":"2030-08-11","nationality":"DEU"},{"type":"V","number":"V123456","issuing_country":"USA","issue_date":"2019-01-01"}]` {
		t.Errorf("documents = %s", ediJSON(t, a.Documents))
	}
	if ediJSON(t, a.Seats) != `[{"seat":"12C","segment":0},{"seat":"14A","segment":1}]` {
		t.Errorf("seats = %s", ediJSON(t, a.Seats))
	}
	if a.Contacts == nil || ediJSON(t, a.Contacts.Phones) != `["491711111111"]` || len(a.FrequentFlyers) != 1 || a.FrequentFlyers[0].Number != "987654" {
		t.Errorf("adult contacts/ff = %+v %+v", a.Contacts, a.FrequentFlyers)
	}
	if inf.Role != message.RoleInfant || inf.InfantOf != "1" || inf.BirthDate != "2019-02-01" || inf.Gender != "M" || inf.Nationality != "DEU" ||
		len(inf.Documents) != 1 || inf.Documents[0].Number != "X1" {
		t.Errorf("infant = %+v", inf)
	}
	it := b.Itinerary
	if len(it) != 2 || it[0].OperatingCarrier != "YY" || it[0].Status != "HK" || it[0].Arrival != "2020-01-10T12:00" ||
		it[1].Arrival != "2020-01-16T01:30" {
		t.Errorf("itinerary = %s", ediJSON(t, it))
	}
	if ediJSON(t, b.Splits) != `["SPL111"]` {
		t.Errorf("splits = %v", b.Splits)
	}
	if len(b.Bags) != 1 || b.Bags[0].Tag != "0123456789" || b.Bags[0].Traveller != "1" || b.Bags[0].WeightKG != 23 {
		t.Errorf("bags = %+v", b.Bags)
	}
	if strings.Contains(ediJSON(t, m), "HOTEL") {
		t.Errorf("non-air segment kept")
	}
}

func TestEDIDocsOffsets(t *testing.T) {
	cases := []struct{ text, want string }{
		{"/P/GBR/123456789/GBR/12JUL64/M/23AUG19/SMITH/JOHN", `{"type":"P","number":"123456789","issuing_country":"GBR","expiry":"2019-08-23","nationality":"GBR"}|1964-07-12|M`},
		{"//P/P00266142/14JUL71/M/28MAY23/SMITH/JOHN", `{"type":"P","number":"P00266142","expiry":"2023-05-28"}|1971-07-14|M`},
		{"//USA/448763368//02JUN70/F/18MAY22/FENNER/JACKI", `{"type":"","number":"448763368","issuing_country":"USA","expiry":"2022-05-18"}|1970-06-02|F`},
		{"/////27APR92/M//CAPSON/HUNTER", `null|1992-04-27|M`},
	}
	for _, c := range cases {
		m := ediParseOne(t, "SRC", "RCI+XX:A1", "TIF+SMITH+JOHN:A:1", "SSR+DOCS:HK:1:XX:::::"+c.text)
		tr := m.Bookings[0].Travellers[0]
		var doc any
		if len(tr.Documents) > 0 {
			doc = tr.Documents[0]
		}
		if got := ediJSON(t, doc) + "|" + tr.BirthDate + "|" + tr.Gender; got != c.want {
			t.Errorf("DOCS %q:\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

func TestEDIWarningsAndErrors(t *testing.T) {
	// EQN mismatch and an unknown segment: kept, with a warning.
	m := ediParseOne(t, "SRC", "RCI+XX:A1", "TIF+A+B:A:1", "SRC", "RCI+XX:A2", "TIF+C+D:A:1", "XYZ+1:2")
	if len(m.Bookings) != 2 || m.DeclaredCount != 1 {
		t.Fatalf("bookings %d declared %d", len(m.Bookings), m.DeclaredCount)
	}
	if !strings.Contains(strings.Join(m.Warnings, "\n"), "EQN declares 1 PNRs, message has 2") {
		t.Errorf("warnings = %v", m.Warnings)
	}
	if ediJSON(t, m.Unknown) != `["XYZ+1:2'"]` {
		t.Errorf("unknown = %v", m.Unknown)
	}
	// An impossible date is refused, naming the segment.
	_, _, err := ParseFile(ediMsg(append(append([]string{}, ediTestHeader...), "SRC", "RCI+XX:A1", "DAT+700:311320:1000")...), ediTestOptions())
	var se *edifact.SyntaxError
	if !errors.As(err, &se) || se.Tag != "DAT" || se.Index != 9 || !strings.Contains(err.Error(), "311320") {
		t.Errorf("impossible date: err = %v", err)
	}
	_, _, err = ParseFile(ediMsg(append(append([]string{}, ediTestHeader...), "SRC", "RCI+XX:A1", "TIF+A+B:A:1",
		"SSR+DOCS:HK:1:XX:::::/P/DE/1/DE/31FEB80/M/01JAN30/A/B")...), ediTestOptions())
	if !errors.As(err, &se) || se.Tag != "SSR" {
		t.Errorf("impossible birth date: err = %v", err)
	}
	// A bad time is readable data: warning only.
	m = ediParseOne(t, "SRC", "RCI+XX:A1", "TVL+100120:1000:100120:4321+FRA+LHR+XX+100")
	if m.Bookings[0].Itinerary[0].Arrival != "2020-01-10" || !strings.Contains(strings.Join(m.Warnings, "\n"), `"4321"`) {
		t.Errorf("bad time: %+v %v", m.Bookings[0].Itinerary, m.Warnings)
	}
	// Not PNRGOV.
	paxlst := strings.Replace(string(ediMsg("BGM+745")), "PNRGOV:13:1:IA", "PAXLST:D:05B:UN:IATA", 1)
	if _, _, err := ParseFile([]byte(paxlst), ediTestOptions()); err == nil || !strings.Contains(err.Error(), "not PNRGOV") {
		t.Errorf("PAXLST accepted: %v", err)
	}
}

func TestEDIFusedSegments(t *testing.T) {
	m := ediParseOne(t,
		"SRC", "RCI+XX:A1",
		"ORG+XX:FRA+1:2+FRA+XX+A+DE:EUR+X+Y+9TIF+KIM:I+KONG CHUN MRS:A:3",
		"TVL+100120:1000:100120:1200+FRA+LHR+XX+100", "RPI+1+HKIFT+4:28::XX+CTCE A//B.COM",
	)
	b := m.Bookings[0]
	if len(b.Travellers) != 1 || b.Travellers[0].Surname != "KIM" || b.Travellers[0].Title != "MRS" {
		t.Errorf("travellers = %+v", b.Travellers)
	}
	if b.Itinerary[0].Status != "HK" || ediJSON(t, b.Contacts.Emails) != `["a@b.com"]` {
		t.Errorf("status %q contacts %+v", b.Itinerary[0].Status, b.Contacts)
	}
	if n := strings.Count(strings.Join(m.Warnings, "\n"), "segment terminator missing"); n != 2 {
		t.Errorf("warnings = %v", m.Warnings)
	}
}

// FuzzParse: no input may panic, and a parse that succeeds yields a
// marshalable message with PNR kind.
func FuzzParse(f *testing.F) {
	for _, rel := range ediSampleFiles(f) {
		f.Add(ediReadSample(f, rel))
	}
	f.Add(ediMsg(append(append([]string{}, ediTestHeader...), "SRC", "TIF+A+B:IN:1I", "SSR+INFT:HK:1:XX:::::A/B/01JAN19+::1", "TVL+++++1:Y", "TRI", "TIF+A")...))
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, _, err := ParseFile(data, ediTestOptions())
		if err != nil {
			return
		}
		for _, m := range msgs {
			if m.Kind != message.KindPNR || m.Format != message.FormatPNRGOV {
				t.Fatalf("kind %q format %q", m.Kind, m.Format)
			}
			if _, err := json.Marshal(m); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func benchmarkEDI(b *testing.B, rel string) {
	data := ediReadSample(b, rel)
	msgs, _, err := ParseFile(data, ediTestOptions())
	if err != nil {
		b.Fatal(err)
	}
	pnrs := 0
	for _, m := range msgs {
		pnrs += len(m.Bookings)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := ParseFile(data, ediTestOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pnrs*b.N)/b.Elapsed().Seconds(), "pnrs/s")
}

func BenchmarkParseWithBags(b *testing.B) {
	benchmarkEDI(b, "gtas-parsers/pnr-messages/pnrWithBags.txt")
}

func BenchmarkParseBigBig(b *testing.B) {
	benchmarkEDI(b, "gtas-parsers/pnr-messages/bigbigPnr.txt")
}

func BenchmarkParse3PNRs(b *testing.B) {
	benchmarkEDI(b, "gtas-loader/pnr-messages/3_pnrs.edi")
}

// BenchmarkTokenizeWithBags measures edifact.ReadFile alone on the same
// sample, to tell the tokenizer's share from the parser's.
func BenchmarkTokenizeWithBags(b *testing.B) {
	data := ediReadSample(b, "gtas-parsers/pnr-messages/pnrWithBags.txt")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := edifact.ReadFile(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(127*b.N)/b.Elapsed().Seconds(), "pnrs/s")
}

func TestEDISplitByte(t *testing.T) {
	for _, s := range []string{"", "/", "//", "a", "/a/b//c/", "P/GB/123/GB/01JAN70/M/01JAN30/DOE/JOHN"} {
		want := strings.Split(s, "/")
		var buf [2]string
		if got := ediSplitByte(buf[:0], s, '/'); strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

func TestEDIJoinNonEmpty(t *testing.T) {
	for _, parts := range [][]string{nil, {""}, {"a"}, {"", "a", ""}, {"a", "", "b", "c"}} {
		var want []string
		for _, p := range parts {
			if p != "" {
				want = append(want, p)
			}
		}
		if got := ediJoinNonEmpty(", ", parts...); got != strings.Join(want, ", ") {
			t.Errorf("%q: got %q", parts, got)
		}
	}
}

func TestEDIDaysIn(t *testing.T) {
	for y := 1; y <= 3000; y++ {
		for m := 1; m <= 12; m++ {
			if got, want := ediDaysIn(y, m), time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("%d-%02d: %d days, want %d", y, m, got, want)
			}
		}
	}
}
