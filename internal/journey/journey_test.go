package journey

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/store"
)

// now is the fixed "current time" of the tests: after every planted leg.
var now = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

func newBuilder(t testing.TB) *Builder {
	t.Helper()
	b, err := NewBuilder(Config{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fl is a flown or booked leg: "TK1980 LHR-IST 2026-03-02T09:00 2026-03-02T15:00".
type fl struct {
	flight, route, dep, arr string
	locator                 string
	bookingID               int64
	api, pnr                bool
	ref                     string // the traveller's reference in the PNR
}

func (f fl) leg(id int64) store.TravelLeg {
	org, dst, _ := strings.Cut(f.route, "-")
	l := store.TravelLeg{FlightTravellerID: id, FlightID: id, BookingID: f.bookingID, RecordLocator: f.locator,
		Carrier: f.flight[:2], Number: f.flight[2:], Origin: org, Destination: dst, DepartureLocal: f.dep, ArrivalLocal: f.arr}
	if f.api {
		l.Sources = append(l.Sources, store.SourceRef{MessageID: id, Kind: message.KindAPI, RecordLocator: f.locator})
	}
	if f.pnr {
		ref := f.ref
		if ref == "" {
			ref = "1"
		}
		l.Sources = append(l.Sources, store.SourceRef{MessageID: id, Kind: message.KindPNR, Ref: ref, RecordLocator: f.locator})
	}
	return l
}

// bk is a booking with its itinerary ("TK1980 LHR-IST 2026-03-02T09:00 2026-03-02T15:00").
type bk struct {
	id         int64
	locator    string
	created    string
	office     string
	cash       bool
	travellers []string // surnames; the first is the identity (Ref "1")
	itinerary  []string
}

func (b bk) booking() store.Booking {
	out := store.Booking{ID: b.id, System: "TK", RecordLocator: b.locator, CreatedDate: b.created, Office: b.office,
		Data: message.Booking{RecordLocator: b.locator, Created: b.created}}
	if b.cash {
		out.Data.Payments = []message.Payment{{Method: message.PayCash, Amount: 420, Currency: "EUR"}}
	} else {
		out.Data.Payments = []message.Payment{{Method: message.PayCard, CardType: "VI", CardLast4: "1111"}}
	}
	for i, s := range b.travellers {
		out.Data.Travellers = append(out.Data.Travellers, message.Traveller{Ref: string(rune('1' + i)), Surname: s, GivenNames: "A"})
	}
	for _, it := range b.itinerary {
		f := strings.Fields(it)
		org, dst, _ := strings.Cut(f[1], "-")
		seg := message.Segment{Carrier: f[0][:2], Number: f[0][2:], Origin: org, Destination: dst, Departure: f[2]}
		if len(f) > 3 {
			seg.Arrival = f[3]
		}
		out.Data.Itinerary = append(out.Data.Itinerary, seg)
	}
	return out
}

type scenario struct {
	legs     []fl
	bookings []bk
}

func (s scenario) build(t testing.TB, b *Builder) []Journey {
	t.Helper()
	var legs []store.TravelLeg
	for i, f := range s.legs {
		legs = append(legs, f.leg(int64(i+1)))
	}
	var bookings []store.Booking
	for _, x := range s.bookings {
		bookings = append(bookings, x.booking())
	}
	return b.Build(42, legs, bookings)
}

// summary is the part of a journey the scenario tables check.
type summary struct {
	Route        string // origin>stop>...>last arrival
	Origin       string
	Destination  string
	Transits     string
	Bookings     int
	Broken       bool
	OneWay       bool
	ReturnNotFly bool
	Lead         float64 // -1 when null
	Cash         bool
	Alone        bool
	Co           int
	Agencies     string
	Start, End   string
	Hours        float64
	Groups       string
	Final        string
	Sources      string // per segment source, flown marked '*'
}

func summarise(j Journey) summary {
	s := summary{Origin: j.Origin, Destination: j.Destination, Bookings: j.Bookings, Broken: j.BrokenTravel,
		OneWay: j.OneWay, ReturnNotFly: j.ReturnBookedNotFlown, Lead: -1, Cash: j.PaidCash, Alone: j.TravellingAlone,
		Co: j.CoTravellers, Agencies: strings.Join(j.Agencies, ","), Start: j.Start, End: j.End, Hours: j.DurationHours,
		Groups: strings.Join(j.Groups, ","), Final: j.FinalGroup}
	if j.PurchaseLeadDays != nil {
		s.Lead = *j.PurchaseLeadDays
	}
	route := []string{j.Segments[0].Origin}
	var srcs, transits []string
	for _, seg := range j.Segments {
		route = append(route, seg.Destination)
		src := seg.Source
		if seg.Flown {
			src += "*"
		}
		srcs = append(srcs, src)
	}
	for _, tr := range j.Transits {
		transits = append(transits, tr.Airport+":"+strings.TrimRight(strings.TrimRight(strconvF(tr.DwellHours), "0"), "."))
	}
	s.Route = strings.Join(route, ">")
	s.Sources = strings.Join(srcs, " ")
	s.Transits = strings.Join(transits, " ")
	return s
}

func strconvF(f float64) string {
	b, _ := json.Marshal(f)
	return string(b)
}

func TestPlantedJourneys(t *testing.T) {
	b := newBuilder(t)
	tests := []struct {
		name string
		sc   scenario
		want []summary
	}{
		{
			name: "direct LHR-IST-GZT on one booking",
			sc: scenario{
				legs: []fl{
					{flight: "TK1980", route: "LHR-IST", dep: "2026-03-02T09:00", arr: "2026-03-02T15:00", locator: "AAA111", bookingID: 1, api: true, pnr: true},
					{flight: "TK2220", route: "IST-GZT", dep: "2026-03-02T17:00", arr: "2026-03-02T18:40", locator: "AAA111", bookingID: 1, api: true, pnr: true},
				},
				bookings: []bk{{id: 1, locator: "AAA111", created: "2026-02-20", office: "91234567", travellers: []string{"DOE"},
					itinerary: []string{"TK1980 LHR-IST 2026-03-02T09:00 2026-03-02T15:00", "TK2220 IST-GZT 2026-03-02T17:00 2026-03-02T18:40"}}},
			},
			want: []summary{{Route: "LHR>IST>GZT", Origin: "LHR", Destination: "GZT", Transits: "IST:2", Bookings: 1,
				OneWay: true, Lead: 10.38, Alone: true, Agencies: "91234567", Start: "2026-03-02T09:00", End: "2026-03-02T18:40",
				Hours: 6.67, Groups: "tr-syria-border,tr-istanbul,tr", Final: "tr-syria-border", Sources: "both* both*"}},
		},
		{
			name: "broken travel: LHR-IST on one booking, IST-GZT two days later on another, cash",
			sc: scenario{
				legs: []fl{
					{flight: "BA676", route: "LHR-IST", dep: "2026-03-02T09:00", arr: "2026-03-02T15:00", locator: "BBB111", bookingID: 1, api: true, pnr: true},
					{flight: "PC2680", route: "IST-GZT", dep: "2026-03-04T10:00", arr: "2026-03-04T11:40", locator: "CCC222", bookingID: 2, api: true, pnr: true},
				},
				bookings: []bk{
					{id: 1, locator: "BBB111", created: "2026-02-01", office: "LONBA0001", travellers: []string{"ROE"},
						itinerary: []string{"BA676 LHR-IST 2026-03-02T09:00 2026-03-02T15:00"}},
					{id: 2, locator: "CCC222", created: "2026-03-03", office: "ISTPC0777", cash: true, travellers: []string{"ROE"},
						itinerary: []string{"PC2680 IST-GZT 2026-03-04T10:00 2026-03-04T11:40"}},
				},
			},
			want: []summary{{Route: "LHR>IST>GZT", Origin: "LHR", Destination: "GZT", Transits: "IST:43", Bookings: 2, Broken: true,
				OneWay: true, Lead: 1.42, Cash: true, Alone: true, Agencies: "LONBA0001,ISTPC0777", Start: "2026-03-02T09:00",
				End: "2026-03-04T11:40", Hours: 47.67, Groups: "tr-syria-border,tr-istanbul,tr", Final: "tr-syria-border",
				Sources: "both* both*"}},
		},
		{
			name: "via a second hub: TBS-IST, ground transfer, SAW-HTY",
			sc: scenario{
				legs: []fl{
					{flight: "TK383", route: "TBS-IST", dep: "2026-03-05T06:00", arr: "2026-03-05T07:50", locator: "DDD111", api: true},
					{flight: "PC3122", route: "SAW-HTY", dep: "2026-03-05T14:00", arr: "2026-03-05T15:35", locator: "EEE222", api: true},
				},
			},
			want: []summary{{Route: "TBS>IST>HTY", Origin: "TBS", Destination: "HTY", Transits: "IST:6.17", Bookings: 2, Broken: true,
				OneWay: true, Lead: -1, Agencies: "", Start: "2026-03-05T06:00", End: "2026-03-05T15:35", Hours: 10.58,
				Groups: "tr-syria-border,tr-istanbul,tr,caucasus", Final: "tr-syria-border", Sources: "api* api*"}},
		},
		{
			name: "tourists: FRA-AYT and back, the return flown, two on the booking",
			sc: scenario{
				legs: []fl{
					{flight: "XQ141", route: "FRA-AYT", dep: "2026-03-07T08:00", arr: "2026-03-07T12:30", locator: "FFF111", bookingID: 1, api: true, pnr: true},
					{flight: "XQ140", route: "AYT-FRA", dep: "2026-03-14T13:30", arr: "2026-03-14T16:10", locator: "FFF111", bookingID: 1, api: true, pnr: true},
				},
				bookings: []bk{{id: 1, locator: "FFF111", created: "2026-01-10", office: "FRAXQ0001", travellers: []string{"MULLER", "MULLER2"},
					itinerary: []string{"XQ141 FRA-AYT 2026-03-07T08:00 2026-03-07T12:30", "XQ140 AYT-FRA 2026-03-14T13:30 2026-03-14T16:10"}}},
			},
			want: []summary{{Route: "FRA>AYT>FRA", Origin: "FRA", Destination: "AYT", Transits: "", Bookings: 1,
				Lead: 56.33, Co: 1, Agencies: "FRAXQ0001", Start: "2026-03-07T08:00", End: "2026-03-14T16:10", Hours: 176.17,
				Groups: "tr,eu,schengen", Final: "tr", Sources: "both* both*"}},
		},
		{
			name: "business traveller to GZT monthly: separate journeys, each with its return",
			sc: scenario{
				legs: []fl{
					{flight: "TK1590", route: "MUC-IST", dep: "2026-03-09T06:00", arr: "2026-03-09T10:10", locator: "GGG111", bookingID: 1, api: true, pnr: true},
					{flight: "TK2218", route: "IST-GZT", dep: "2026-03-09T12:00", arr: "2026-03-09T13:40", locator: "GGG111", bookingID: 1, api: true, pnr: true},
					{flight: "TK2219", route: "GZT-IST", dep: "2026-03-11T18:00", arr: "2026-03-11T19:40", locator: "GGG111", bookingID: 1, api: true, pnr: true},
					{flight: "TK1593", route: "IST-MUC", dep: "2026-03-11T21:00", arr: "2026-03-11T22:55", locator: "GGG111", bookingID: 1, api: true, pnr: true},
					{flight: "TK1590", route: "MUC-IST", dep: "2026-04-06T06:00", arr: "2026-04-06T10:10", locator: "HHH111", bookingID: 2, api: true, pnr: true},
					{flight: "TK2218", route: "IST-GZT", dep: "2026-04-06T12:00", arr: "2026-04-06T13:40", locator: "HHH111", bookingID: 2, api: true, pnr: true},
					{flight: "TK2219", route: "GZT-IST", dep: "2026-04-08T18:00", arr: "2026-04-08T19:40", locator: "HHH111", bookingID: 2, api: true, pnr: true},
					{flight: "TK1593", route: "IST-MUC", dep: "2026-04-08T21:00", arr: "2026-04-08T22:55", locator: "HHH111", bookingID: 2, api: true, pnr: true},
				},
				bookings: []bk{
					{id: 1, locator: "GGG111", created: "2026-02-23", office: "MUCTK0042", travellers: []string{"SCHMIDT"}},
					{id: 2, locator: "HHH111", created: "2026-03-23", office: "MUCTK0042", travellers: []string{"SCHMIDT"}},
				},
			},
			want: []summary{
				{Route: "MUC>IST>GZT>IST>MUC", Origin: "MUC", Destination: "GZT", Transits: "IST:1.83 IST:1.33", Bookings: 1,
					Lead: 14.25, Alone: true, Agencies: "MUCTK0042", Start: "2026-03-09T06:00", End: "2026-03-11T22:55", Hours: 64.92,
					Groups: "tr-syria-border,tr-istanbul,tr,eu,schengen", Final: "tr-syria-border", Sources: "both* both* both* both*"},
				{Route: "MUC>IST>GZT>IST>MUC", Origin: "MUC", Destination: "GZT", Transits: "IST:1.83 IST:1.33", Bookings: 1,
					Lead: 14.21, Alone: true, Agencies: "MUCTK0042", Start: "2026-04-06T06:00", End: "2026-04-08T22:55", Hours: 64.92,
					Groups: "tr-syria-border,tr-istanbul,tr,eu,schengen", Final: "tr-syria-border", Sources: "both* both* both* both*"},
			},
		},
		{
			name: "return booked but not flown",
			sc: scenario{
				legs: []fl{
					{flight: "TK1986", route: "LHR-IST", dep: "2026-03-10T11:00", arr: "2026-03-10T17:00", locator: "JJJ111", bookingID: 1, api: true, pnr: true},
				},
				bookings: []bk{{id: 1, locator: "JJJ111", created: "2026-03-08", office: "LONTK0001", travellers: []string{"POE"},
					itinerary: []string{"TK1986 LHR-IST 2026-03-10T11:00 2026-03-10T17:00", "TK1979 IST-LHR 2026-03-17T08:00 2026-03-17T10:15"}}},
			},
			want: []summary{{Route: "LHR>IST>LHR", Origin: "LHR", Destination: "IST", Transits: "", Bookings: 1,
				ReturnNotFly: true, Lead: 2.46, Alone: true, Agencies: "LONTK0001", Start: "2026-03-10T11:00", End: "2026-03-17T10:15",
				Hours: 167.25, Groups: "tr-istanbul,tr", Final: "tr-istanbul", Sources: "both* pnr"}},
		},
		{
			name: "return booked, not yet due: not flagged",
			sc: scenario{
				legs: []fl{
					{flight: "TK1986", route: "LHR-IST", dep: "2026-05-30T11:00", arr: "2026-05-30T17:00", locator: "KKK111", bookingID: 1, api: true, pnr: true},
				},
				bookings: []bk{{id: 1, locator: "KKK111", created: "2026-05-01", travellers: []string{"POE"},
					itinerary: []string{"TK1986 LHR-IST 2026-05-30T11:00 2026-05-30T17:00", "TK1979 IST-LHR 2026-06-06T08:00 2026-06-06T10:15"}}},
			},
			want: []summary{{Route: "LHR>IST>LHR", Origin: "LHR", Destination: "IST", Transits: "", Bookings: 1,
				Lead: 29.46, Alone: true, Start: "2026-05-30T11:00", End: "2026-06-06T10:15",
				Hours: 167.25, Groups: "tr-istanbul,tr", Final: "tr-istanbul", Sources: "both* pnr"}},
		},
		{
			name: "one PNR pushed by two carriers is one booking; a creation time is UTC",
			sc: scenario{
				legs: []fl{
					{flight: "TK335", route: "GYD-IST", dep: "2026-03-02T03:55", arr: "2026-03-02T05:45", locator: "LCWG4L", bookingID: 1, api: true, pnr: true},
					{flight: "J264", route: "IST-GYD", dep: "2026-03-04T11:00", arr: "2026-03-04T14:50", locator: "LCWG4L", bookingID: 2, api: true, pnr: true},
				},
				bookings: []bk{
					{id: 1, locator: "LCWG4L", created: "2026-02-28T21:55", travellers: []string{"ALIYEV"}},
					{id: 2, locator: "LCWG4L", created: "2026-02-28T21:55", travellers: []string{"ALIYEV"}},
				},
			},
			want: []summary{{Route: "GYD>IST>GYD", Origin: "GYD", Destination: "IST", Bookings: 1, Lead: 1.08, Alone: true,
				Start: "2026-03-02T03:55", End: "2026-03-04T14:50", Hours: 58.92, Groups: "tr-istanbul,tr,caucasus",
				Final: "tr-istanbul", Sources: "both* both*"}},
		},
		{
			name: "a stay longer than the window splits journeys",
			sc: scenario{
				legs: []fl{
					{flight: "TK1980", route: "LHR-IST", dep: "2026-03-02T09:00", arr: "2026-03-02T15:00", api: true},
					{flight: "TK2220", route: "IST-GZT", dep: "2026-03-17T17:00", arr: "2026-03-17T18:40", api: true},
				},
			},
			want: []summary{
				{Route: "LHR>IST", Origin: "LHR", Destination: "IST", OneWay: true, Lead: -1, Start: "2026-03-02T09:00",
					End: "2026-03-02T15:00", Hours: 3, Groups: "tr-istanbul,tr", Final: "tr-istanbul", Sources: "api*"},
				{Route: "IST>GZT", Origin: "IST", Destination: "GZT", OneWay: true, Lead: -1, Start: "2026-03-17T17:00",
					End: "2026-03-17T18:40", Hours: 1.67, Groups: "tr-syria-border,tr-istanbul,tr", Final: "tr-syria-border", Sources: "api*"},
			},
		},
		{
			name: "codeshare: the booked marketing flight and the flown operating flight are one segment",
			sc: scenario{
				legs: []fl{
					{flight: "TK1632", route: "BER-IST", dep: "2026-03-03T10:00", arr: "2026-03-03T14:10", locator: "LLL111", api: true},
				},
				bookings: []bk{{id: 1, locator: "LLL111", created: "2026-03-01", travellers: []string{"KAYA"},
					itinerary: []string{"LH7340 BER-IST 2026-03-03T10:00 2026-03-03T14:10"}}},
			},
			want: []summary{{Route: "BER>IST", Origin: "BER", Destination: "IST", OneWay: true, Bookings: 1, Lead: 2.42, Alone: true,
				Start: "2026-03-03T10:00", End: "2026-03-03T14:10", Hours: 2.17, Groups: "tr-istanbul,tr,eu,schengen",
				Final: "tr-istanbul", Sources: "both*"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			js := tc.sc.build(t, b)
			var got []summary
			for _, j := range js {
				got = append(got, summarise(j))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %d journeys:\n%s\nwant %d:\n%s", len(got), dump(got), len(tc.want), dump(tc.want))
			}
		})
	}
}

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// TestJSONContract pins the JSON field names of a journey.
func TestJSONContract(t *testing.T) {
	b := newBuilder(t)
	js := scenario{legs: []fl{{flight: "TK1980", route: "LHR-IST", dep: "2026-03-02T09:00", arr: "2026-03-02T15:00", api: true}}}.build(t, b)
	if len(js) != 1 {
		t.Fatalf("%d journeys", len(js))
	}
	raw, err := json.Marshal(js[0])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"traveller_id", "segments", "record_locators", "origin", "destination", "transits", "bookings",
		"broken_travel", "one_way", "return_booked_not_flown", "purchase_lead_days", "paid_cash", "travelling_alone",
		"co_travellers", "agencies", "start", "end", "duration_hours", "groups", "final_group"}
	for _, k := range want {
		if _, ok := m[k]; !ok {
			t.Errorf("field %q missing from %s", k, raw)
		}
	}
	if len(m) != len(want) {
		t.Errorf("%d fields, want %d: %s", len(m), len(want), raw)
	}
	var segs []map[string]json.RawMessage
	if err := json.Unmarshal(m["segments"], &segs); err != nil {
		t.Fatal(err)
	}
	segWant := []string{"carrier", "number", "origin", "destination", "departure", "arrival", "record_locator", "source", "flown", "booked_at"}
	for _, k := range segWant {
		if _, ok := segs[0][k]; !ok {
			t.Errorf("segment field %q missing", k)
		}
	}
	if len(segs[0]) != len(segWant) {
		t.Errorf("segment has %d fields, want %d", len(segs[0]), len(segWant))
	}
	for _, k := range []string{"record_locators", "transits", "agencies"} {
		if string(m[k]) != "[]" {
			t.Errorf("%s = %s, want []", k, m[k])
		}
	}
}

// TestTimeZones checks durations across zones, including a daylight
// saving change (Europe moves to summer time on 2026-03-29).
func TestTimeZones(t *testing.T) {
	b := newBuilder(t)
	tests := []struct {
		route, dep, arr string
		hours           float64
	}{
		{"LHR-IST", "2026-03-02T09:00", "2026-03-02T15:00", 3},    // UTC to UTC+3
		{"IST-LHR", "2026-03-02T08:00", "2026-03-02T10:15", 5.25}, // westbound
		{"LHR-IST", "2026-03-29T09:00", "2026-03-29T15:00", 4},    // London on BST
		{"TAS-IST", "2026-03-02T08:00", "2026-03-02T11:00", 5},    // UTC+5 to UTC+3
		{"JFK-IST", "2026-03-02T22:00", "2026-03-03T16:00", 10},   // overnight, UTC-5
		{"IST-GZT", "2026-03-02", "", 1.62},                       // no time, estimated from the distance
	}
	for _, tc := range tests {
		js := scenario{legs: []fl{{flight: "TK0001", route: tc.route, dep: tc.dep, arr: tc.arr, api: true}}}.build(t, b)
		if len(js) != 1 || js[0].DurationHours != tc.hours {
			t.Errorf("%s %s-%s: %+v, want %v hours", tc.route, tc.dep, tc.arr, js, tc.hours)
		}
	}
}

func TestCancelledBookingsIgnored(t *testing.T) {
	b := newBuilder(t)
	sc := scenario{bookings: []bk{{id: 1, locator: "MMM111", created: "2026-03-01", travellers: []string{"X"},
		itinerary: []string{"TK1 LHR-IST 2026-03-02T09:00 2026-03-02T15:00"}}}}
	var legs []store.TravelLeg
	bookings := []store.Booking{sc.bookings[0].booking()}
	if js := b.Build(1, legs, bookings); len(js) != 1 {
		t.Fatalf("booked itinerary: %d journeys, want 1", len(js))
	}
	bookings[0].Cancelled = true
	if js := b.Build(1, legs, bookings); len(js) != 0 {
		t.Fatalf("cancelled booking: %d journeys, want 0", len(js))
	}
	bookings[0].Cancelled = false
	bookings[0].Data.Itinerary[0].Status = "HX"
	if js := b.Build(1, legs, bookings); len(js) != 0 {
		t.Fatalf("cancelled segment: %d journeys, want 0", len(js))
	}
}
