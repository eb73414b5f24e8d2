package resolve

import (
	"fmt"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	old := api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TR"), gender("F"), withDoc("P", "U11111111", "TUR", ""), msg("M1"))
	id := NewIdentity("T7", old)
	renewed := api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR"), gender("F"), withDoc("P", "U22222222", "TUR", "2030-01-01"),
		withDoc("PT", "u1111-1111", "TUR", "2020-01-01"), msg("M2"))
	variant := pnr("DEMİRCİOĞLU", "SELİN", "", email("Selin@Example.com"), phone("+90 532 123 45 67"), ff("TK", "123456789"), msg("M3"))
	m := Merge(Merge(id, renewed), variant)

	tests := []struct {
		what      string
		got, want any
	}{
		{"id kept", m.ID, "T7"},
		{"records", m.Records, 3},
		{"last message", m.LastMessage, "M3"},
		{"documents", len(m.Documents), 2},
		{"old document gains expiry", m.Documents[0].Expiry, "2020-01-01"},
		{"new document", m.Documents[1].Number, "U22222222"},
		{"nationality normalised once", fmt.Sprint(m.Nationalities), "[TUR]"},
		{"birth dates", fmt.Sprint(m.BirthDates), "[1979-11-30]"},
		{"genders", fmt.Sprint(m.Genders), "[F]"},
		// the Turkish spelling folds to the same name as written: not a new name
		{"names", len(m.Names), 1},
		{"emails", fmt.Sprint(m.Emails), "[selin@example.com]"},
		{"phones", fmt.Sprint(m.Phones), "[321234567]"},
		{"frequent flyers", fmt.Sprint(m.FrequentFlyers), "[{TK 123456789}]"},
		{"input untouched", len(id.Documents), 1},
		{"input records untouched", id.Records, 1},
	}
	for _, tt := range tests {
		if fmt.Sprint(tt.got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.what, tt.got, tt.want)
		}
	}

	// A spelling variant is a new name of the identity.
	v := Merge(m, api("DEMIRJOGLU", "SELIN", "1979-11-30"))
	if len(v.Names) != 2 {
		t.Errorf("names %v: want the variant added", v.Names)
	}
	// Merging the same record again adds nothing but the count.
	again := Merge(v, renewed)
	if len(again.Documents) != len(v.Documents) || len(again.Names) != len(v.Names) || again.Records != v.Records+1 {
		t.Errorf("re-merge changed the identity: %+v", again)
	}
}

func TestIDFromSequence(t *testing.T) {
	tests := []struct {
		n    uint64
		want string
	}{{0, "T0"}, {1, "T1"}, {35, "TZ"}, {36, "T10"}, {1<<64 - 1, "T3W5E11264SGSF"}}
	for _, tt := range tests {
		if got := IDFromSequence(tt.n); got != tt.want {
			t.Errorf("IDFromSequence(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// An identity's id does not change as records arrive, and a record resolved
// again against the identity it made joins it.
func TestResolutionLoop(t *testing.T) {
	seq := uint64(0)
	var ids []Identity
	resolve := func(r Record) string {
		var cands []Identity
		keys := Keys(r)
		for _, id := range ids {
			for _, k := range IdentityKeys(id) {
				if contains(keys, k) {
					cands = append(cands, id)
					break
				}
			}
		}
		d := Decide(r, cands)
		if d.New {
			seq++
			ids = append(ids, NewIdentity(IDFromSequence(seq), r))
			return ids[len(ids)-1].ID
		}
		for i := range ids {
			if ids[i].ID == d.IdentityID {
				ids[i] = Merge(ids[i], r)
			}
		}
		return d.IdentityID
	}
	steps := []struct {
		r    Record
		want string
	}{
		{api("HARTMANN", "KLAUS", "1970-05-05", nat("DEU"), passport("C01X00T47", "DEU")), "T1"},
		{pnr("HARTMANN", "KLAUS", "", ff("LH", "992000111222"), passport("C01X00T47", "DEU")), "T1"},
		{pnr("HARTMANN", "KLAUS", "", ff("LH", "992000111222")), "T1"}, // FF learnt from the previous record
		{pnr("HARTMANN", "KLAUS", ""), "T2"},                           // name alone
		{api("HARTMANN", "KLAUS", "1971-05-05", nat("DEU")), "T3"},     // another Klaus Hartmann
		{api("HARTMANN", "KLAUS", "1970-05-05", nat("DEU"), passport("C02Y00T99", "DEU")), "T1"},
	}
	for i, s := range steps {
		if got := resolve(s.r); got != s.want {
			t.Errorf("step %d: got %s, want %s", i, got, s.want)
		}
	}
	if len(ids) != 3 || len(ids[0].Documents) != 2 || ids[0].Records != 4 {
		t.Errorf("identities %+v", ids)
	}
}

func BenchmarkDecide(b *testing.B) {
	cands := []Identity{
		identity("T1", api("ABDULRAHMAN", "MOHAMMED", "1985-04-12", passport("K1234567", "SAU"), nat("SAU"))),
		identity("T2", api("ABDULRAHMAN", "MOHAMMED ALI", "1985-04-12", nat("SAU"))),
		identity("T3", api("ABDULRAHMAN", "AHMED", "1985-04-12", nat("SAU"))),
		identity("T4", pnr("ABDEL RAHMAN", "MUHAMMAD", "", email("m.a@example.com"), phone("+966 50 123 4567"))),
		identity("T5", api("RAHMAN", "MOHAMMED", "1985-04-12", nat("BGD"), passport("BX0123456", "BGD"))),
	}
	r := Record{Source: SourceMerged, Surname: "ABDEL RAHMAN", GivenNames: "MUHAMMAD", BirthDate: "1985-04-12",
		Nationality: "SAU", Gender: "M", Documents: []Document{{Type: "P", Number: "K1234567", Country: "SAU"}},
		Emails: []string{"m.a@example.com"}, RecordLocator: "ABC123", CoTravellers: []string{"ABDEL RAHMAN/FATIMA"}}
	b.ReportAllocs()
	for b.Loop() {
		if d := Decide(r, cands); d.IdentityID != "T1" {
			b.Fatal(d.Explanation)
		}
	}
}

func BenchmarkKeys(b *testing.B) {
	r := Record{Source: SourceMerged, Surname: "ABDEL RAHMAN", GivenNames: "MUHAMMAD", BirthDate: "1985-04-12",
		Nationality: "SAU", Documents: []Document{{Type: "P", Number: "K1234567", Country: "SAU"}},
		Emails: []string{"m.a@example.com"}, Phones: []string{"+966 50 123 4567"}}
	b.ReportAllocs()
	for b.Loop() {
		if len(Keys(r)) == 0 {
			b.Fatal("no keys")
		}
	}
}

// BenchmarkMergeFlight merges a flight of 200 travellers in 100 bookings
// of two, drawn from 25 surnames and 16 given names (so surnames repeat
// across bookings), half the booking records without a birth date.
func BenchmarkMergeFlight(b *testing.B) {
	surnames := strings.Fields(`KHAN YILMAZ SMITH MUELLER ROSSI NGUYEN HADDAD KOWALSKI IVANOV GARCIA
		OKONKWO SILVA DUBOIS JANSEN NOVAK KAYA ABDULRAHMAN LINDQVIST HARTMANN BELLINI ACHTERBERG FAROUQI PETROV WHITFIELD DEMIRCIOGLU`)
	given := strings.Fields(`AHMED ANNA JOHN MARIA ELIF OMAR SERGEI LUCA FATIMA PETRA KLAUS RANIA CHIDI HANNA ZAID SELIN`)
	var apis, pnrs []Record
	for i := range 200 {
		bk := i / 2
		sur, giv := surnames[bk%len(surnames)], given[(i*7)%len(given)]
		loc := fmt.Sprintf("L%05d", bk)
		birth := fmt.Sprintf("19%02d-%02d-%02d", 50+i%50, 1+i%12, 1+i%28)
		apis = append(apis, api(sur, giv, birth, ref(fmt.Sprint(i)), locator(loc)))
		pb := ""
		if i%2 == 0 {
			pb = birth
		}
		pnrs = append(pnrs, pnr(sur, giv, pb, ref(fmt.Sprint(i)), locator(loc)))
	}
	b.ReportAllocs()
	for b.Loop() {
		MergeFlight(apis, pnrs)
	}
}
