package resolve

import (
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
)

// pairsOf renders the merge result as "API ref=PNR ref,PNR ref" per
// traveller, and "-=PNR ref" for booking records left alone.
func pairsOf(fts []FlightTraveller) []string {
	var out []string
	for _, ft := range fts {
		a := "-"
		if ft.API != nil {
			a = ft.API.Ref
		}
		var ps []string
		for _, p := range ft.PNR {
			ps = append(ps, p.Ref)
		}
		out = append(out, a+"="+strings.Join(ps, ","))
	}
	return out
}

func TestMergeFlight(t *testing.T) {
	tests := []struct {
		name     string
		api, pnr []Record
		want     []string
		why      string // some explanation must contain this
	}{
		{
			name: "same passport decides",
			api:  []Record{api("OKONKWO", "CHIDI", "1983-02-14", passport("A01234567", "NGA"), ref("a1"))},
			pnr:  []Record{pnr("OKONKWO", "CHIDI EMEKA", "", passport("A01234567", "NG"), ref("p1"), locator("ZZ9ZZ9"))},
			want: []string{"a1=p1"},
			why:  "same passport A01234567 (NGA)",
		},
		{
			name: "different passport of the same country: veto",
			api:  []Record{api("OKONKWO", "CHIDI", "1983-02-14", passport("A01234567", "NGA"), ref("a1"), locator("ZZ9ZZ9"))},
			pnr:  []Record{pnr("OKONKWO", "CHIDI", "1983-02-14", passport("A07654321", "NGA"), ref("p1"), locator("ZZ9ZZ9"))},
			want: []string{"a1=", "-=p1"},
			why:  "different passport A01234567 (NGA) vs A07654321",
		},
		{
			name: "PNR DOCS holds the other passport of a dual national",
			api:  []Record{api("HADDAD", "RANIA", "1990-10-10", passport("RL1234567", "LBN"), ref("a1"), locator("K2M4P6"))},
			pnr:  []Record{pnr("HADDAD", "RANIA", "1990-10-10", passport("19FR12345", "FRA"), ref("p1"), locator("K2M4P6"))},
			want: []string{"a1=p1"},
			why:  "same booking locator K2M4P6",
		},
		{
			name: "locator and name, no DOCS",
			api:  []Record{api("HADDAD", "RANIA", "1990-10-10", ref("a1"), locator("k2m4p6")), api("HADDAD", "SAMI", "1988-01-20", ref("a2"), locator("K2M4P6"))},
			pnr:  []Record{pnr("HADDAD", "SAMI", "", ref("p2"), locator("K2M4P6")), pnr("HADDAD", "RANIA MRS", "", ref("p1"), locator("K2M4P6"))},
			want: []string{"a1=p1", "a2=p2"},
			why:  "same booking locator K2M4P6",
		},
		{
			name: "twins on one booking are paired by given name",
			api: []Record{
				api("KAYA", "ELIF", "2001-06-15", ref("a1"), locator("QX7T2A")),
				api("KAYA", "ZEYNEP", "2001-06-15", ref("a2"), locator("QX7T2A")),
			},
			pnr: []Record{
				pnr("KAYA", "ZEYNEP", "2001-06-15", ref("p2"), locator("QX7T2A"), co("KAYA/ELIF")),
				pnr("KAYA", "ELIF", "2001-06-15", ref("p1"), locator("QX7T2A"), co("KAYA/ZEYNEP")),
			},
			want: []string{"a1=p1", "a2=p2"},
		},
		{
			name: "namesakes on one booking without birth dates or seats: ambiguous",
			api: []Record{
				api("WHITFIELD", "JOHN", "1960-01-30", ref("a1"), locator("F00BAR")),
				api("WHITFIELD", "JOHN", "1992-07-07", ref("a2"), locator("F00BAR")),
			},
			pnr: []Record{
				pnr("WHITFIELD", "JOHN", "", ref("p1"), locator("F00BAR")),
				pnr("WHITFIELD", "JOHN", "", ref("p2"), locator("F00BAR")),
			},
			want: []string{"a1=", "a2=", "-=p1", "-=p2"},
			why:  "not merged",
		},
		{
			name: "namesakes on one booking told apart by seats",
			api: []Record{
				api("WHITFIELD", "JOHN", "1960-01-30", ref("a1"), locator("F00BAR"), seat("12A")),
				api("WHITFIELD", "JOHN", "1992-07-07", ref("a2"), locator("F00BAR"), seat("12B")),
			},
			pnr: []Record{
				pnr("WHITFIELD", "JOHN", "", ref("p1"), locator("F00BAR"), seat("12B")),
				pnr("WHITFIELD", "JOHN", "", ref("p2"), locator("F00BAR"), seat("012A")),
			},
			want: []string{"a1=p2", "a2=p1"},
			why:  "same seat 12A",
		},
		{
			name: "name unique on the flight, no locator in the API record",
			api:  []Record{api("ACHTERBERG", "JOHAN", "1966-10-03", ref("a1")), api("KAYA", "ELIF", "2001-06-15", ref("a2"))},
			pnr:  []Record{pnr("ACHTERBERG", "JOHAN", "", ref("p1"), locator("AB12CD"))},
			want: []string{"a1=p1", "a2="},
			why:  "only traveller of this name on the flight",
		},
		{
			name: "same name in two bookings, no locator or birth date: not merged",
			api:  []Record{api("ACHTERBERG", "JOHAN", "1966-10-03", ref("a1"))},
			pnr: []Record{
				pnr("ACHTERBERG", "JOHAN", "", ref("p1"), locator("AB12CD")),
				pnr("ACHTERBERG", "JOHAN", "", ref("p2"), locator("EF34GH")),
			},
			want: []string{"a1=", "-=p1", "-=p2"},
		},
		{
			name: "name variant alone is not enough, even unique",
			api:  []Record{api("YILMAZ", "AYSE", "1979-08-09", ref("a1"))},
			pnr:  []Record{pnr("YILMAS", "AYSE", "", ref("p1"), locator("AB12CD"))},
			want: []string{"a1=", "-=p1"},
		},
		{
			name: "name variant with the locator",
			api:  []Record{api("YILMAZ", "AYSE", "1979-08-09", ref("a1"), locator("AB12CD"))},
			pnr:  []Record{pnr("YILMAS", "AYSE", "", ref("p1"), locator("AB12CD"))},
			want: []string{"a1=p1"},
			why:  "name variant",
		},
		{
			name: "different birth date: veto",
			api:  []Record{api("LINDQVIST", "HANNA", "1990-03-02", ref("a1"), locator("AB12CD"))},
			pnr:  []Record{pnr("LINDQVIST", "HANNA", "1991-03-02", ref("p1"), locator("AB12CD"))},
			want: []string{"a1=", "-=p1"},
			why:  "different birth date: 1990-03-02 vs 1991-03-02",
		},
		{
			name: "different gender: veto",
			api:  []Record{api("NOVAKOVA", "PETRA", "1990-01-05", gender("F"), ref("a1"), locator("AB12CD"))},
			pnr:  []Record{pnr("NOVAKOVA", "PETRA", "", gender("M"), ref("p1"), locator("AB12CD"))},
			want: []string{"a1=", "-=p1"},
			why:  "different gender",
		},
		{
			name: "adult and infant of the same name",
			api: []Record{
				api("BELLINI", "LUCA", "1985-09-09", ref("a1"), locator("IT5678")),
				api("BELLINI", "LUCA", "2024-11-02", ref("a2"), locator("IT5678")),
			},
			pnr: []Record{
				pnr("BELLINI", "LUCA", "", ref("p1"), locator("IT5678"), age(AgeAdult)),
				pnr("BELLINI", "LUCA", "2024-11-02", ref("p2"), locator("IT5678"), age(AgeInfant)),
			},
			want: []string{"a1=p1", "a2=p2"},
		},
		{
			name: "booking traveller not marked infant is not the API infant",
			api: []Record{
				api("BELLINI", "LUCA", "1985-09-09", ref("a1"), locator("IT5678")),
				api("BELLINI", "LUCA", "2024-11-02", ref("a2"), locator("IT5678")),
			},
			pnr:  []Record{pnr("BELLINI", "LUCA", "", ref("p1"), locator("IT5678"))},
			want: []string{"a1=p1", "a2="},
		},
		{
			name: "duplicate bookings of one traveller with DOCS",
			api:  []Record{api("OKONKWO", "CHIDI", "1983-02-14", passport("A01234567", "NGA"), ref("a1"))},
			pnr: []Record{
				pnr("OKONKWO", "CHIDI", "1983-02-14", passport("A01234567", "NGA"), ref("p1"), locator("AAAAAA")),
				pnr("OKONKWO", "CHIDI", "1983-02-14", passport("A01234567", "NGA"), ref("p2"), locator("BBBBBB")),
			},
			want: []string{"a1=p1,p2"},
		},
		{
			name: "PNR record without API list",
			pnr:  []Record{pnr("OKONKWO", "CHIDI", "", ref("p1"), locator("AAAAAA"))},
			want: []string{"-=p1"},
			why:  "booking record without a matching API record",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fts := MergeFlight(tt.api, tt.pnr)
			got := pairsOf(fts)
			var expl []string
			for _, ft := range fts {
				expl = append(expl, ft.Explanation...)
				if ft.Confidence < 0 || ft.Confidence > 1 || len(ft.PNR) > 0 && ft.API != nil && ft.Confidence < FlightThreshold {
					t.Errorf("confidence %v", ft.Confidence)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Fatalf("got %v, want %v\n%s", got, tt.want, strings.Join(expl, "\n"))
			}
			if tt.why != "" && !hasLine(expl, tt.why) {
				t.Errorf("explanation lacks %q:\n%s", tt.why, strings.Join(expl, "\n"))
			}
		})
	}
}

func TestFlightTravellerRecord(t *testing.T) {
	a := api("HADDAD", "RANIA", "1990-10-10", passport("RL1234567", "LBN"), ref("a1"), locator("K2M4P6"), nat("LBN"))
	p := pnr("HADDAD", "RANIA", "", passport("19FR12345", "FRA"), ref("p1"), locator("K2M4P6"), seat("3C"),
		email("rania@example.org"), ff("AF", "1234567890"), co("HADDAD/SAMI"))
	fts := MergeFlight([]Record{a}, []Record{p})
	if len(fts) != 1 || len(fts[0].PNR) != 1 {
		t.Fatalf("not merged: %v", pairsOf(fts))
	}
	r := fts[0].Record()
	if r.Source != SourceMerged || r.Seat != "3C" || len(r.Documents) != 2 || len(r.Emails) != 1 ||
		len(r.FrequentFlyers) != 1 || len(r.CoTravellers) != 1 || r.Nationality != "LBN" {
		t.Errorf("combined record %+v", r)
	}
	if len(a.Documents) != 1 {
		t.Errorf("input record modified: %+v", a.Documents)
	}
}

func TestFromMessage(t *testing.T) {
	b := message.Booking{
		RecordLocator: "K2M4P6",
		Contacts:      message.Contacts{Emails: []string{"family@example.org"}},
		Travellers: []message.Traveller{
			{Ref: "1", Surname: "HADDAD", GivenNames: "RANIA", PassengerType: "A",
				Seats: []message.Seat{{Seat: "3C", Segment: 1}, {Seat: "9F", Segment: 0}}},
			{Ref: "2", Surname: "HADDAD", GivenNames: "LEA", PassengerType: "IN", BirthDate: "2024-11-02", InfantOf: "1"},
		},
	}
	rs := FromBooking("M7", "XY123", "2025-05-01", b, 1)
	if len(rs) != 2 {
		t.Fatalf("%d records", len(rs))
	}
	tests := []struct {
		got, want string
	}{
		{rs[0].Seat, "3C"},
		{rs[0].RecordLocator, "K2M4P6"},
		{rs[0].AgeClass, AgeAdult},
		{rs[1].AgeClass, AgeInfant},
		{strings.Join(rs[0].CoTravellers, ";"), "HADDAD/LEA"},
		{strings.Join(rs[1].Emails, ";"), "family@example.org"},
		{rs[0].Source, SourcePNR},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
	if !rs[0].SharedContacts {
		t.Error("booking contacts of a two-traveller booking not marked shared")
	}
	ar := FromAPI("M8", "XY123", "2025-05-01", message.Traveller{Surname: "HADDAD", GivenNames: "RANIA", RecordLocator: "K2M4P6", Seat: "3C",
		Documents: []message.Document{{Type: "P", Number: "RL1234567", IssuingCountry: "LBN"}}})
	if ar.Source != SourceAPI || ar.RecordLocator != "K2M4P6" || len(ar.Documents) != 1 || ar.Documents[0].Country != "LBN" {
		t.Errorf("API record %+v", ar)
	}
}
