package network

import "testing"

func TestNormalisePhone(t *testing.T) {
	tests := []struct {
		raw, hint, want string
		ok              bool
	}{
		{"+905321234567", "", "+905321234567", true},
		{"+90532 123 4567", "", "+905321234567", true},
		{"00905321234567", "", "+905321234567", true},
		{"905321234567", "", "+905321234567", true}, // international without prefix
		{"0532 123 45 67", "TR", "+905321234567", true},
		{"0532-123-4567", "TUR", "+905321234567", true},
		{"(0532) 123 45 67", "Turkey", "+905321234567", true},
		{"5321234567", "TR", "+905321234567", true}, // national without trunk 0
		{"+49 (0)30 1234567", "", "+490301234567", true},
		{"030 1234567", "DE", "+49301234567", true},
		{"06 12 34 56 78", "FR", "+33612345678", true},
		{"8 701 234 5678", "KZ", "+77012345678", true},
		{"(212) 555-1234", "US", "+12125551234", true},
		{"+44 20 7946 0958 ext 12", "", "+442079460958", true},
		{"06 1234 5678", "ITA", "+390612345678", true}, // Italy keeps the leading 0
		{"5321234567", "", "5321234567", false},        // no hint, no prefix
		{"123", "TR", "123", false},                    // too short
		{"", "TR", "", false},
		{"+1234567890123456", "", "1234567890123456", false}, // too long
	}
	for _, tc := range tests {
		got, ok := NormalisePhone(tc.raw, tc.hint)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormalisePhone(%q, %q) = %q, %v; want %q, %v", tc.raw, tc.hint, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNormaliseEmail(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"Ali.Yilmaz@Example.COM", "ali.yilmaz@example.com", true},
		{"ali.yilmaz+travel@example.com", "ali.yilmaz@example.com", true},
		{"A.L.I.Yilmaz+x@gmail.com", "aliyilmaz@gmail.com", true},
		{"aliyilmaz@googlemail.com", "aliyilmaz@gmail.com", true},
		{" <ali.y@hotmail.com> ", "ali.y@hotmail.com", true},
		{"ali.y+tag@hotmail.com", "ali.y@hotmail.com", true},         // other providers: +tags only, dots kept
		{"ALI..YILMAZ//EXAMPLE.COM", "ali_yilmaz@example.com", true}, // IATA encoding
		{"mailto:x@y.org", "x@y.org", true},
		{"not-an-address", "not-an-address", false},
		{"a@localhost", "a@localhost", false},
		{"+tag@example.com", "+tag@example.com", true},
	}
	for _, tc := range tests {
		got, ok := NormaliseEmail(tc.raw)
		if got != tc.want || ok != tc.ok {
			t.Errorf("NormaliseEmail(%q) = %q, %v; want %q, %v", tc.raw, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNormaliseAddress(t *testing.T) {
	same := [][4]string{
		{"12 Main Street", "SW1A 1AA", "London", "GB"},
		{"12, MAIN ST.", "sw1a1aa", "LONDON", "GBR"},
		{"12 main str", "SW1A1AA", "london", "United Kingdom"},
	}
	want := "12 MAIN ST, SW1A1AA, LONDON, GBR"
	for _, a := range same {
		got, ok := NormaliseAddress(a[0], a[1], a[2], a[3])
		if !ok || got != want {
			t.Errorf("NormaliseAddress(%q) = %q, %v; want %q", a, got, ok, want)
		}
	}
	a, _ := NormaliseAddress("Atatürk Caddesi No: 5", "27000", "GAZİANTEP", "TR")
	b, _ := NormaliseAddress("ATATURK CD NO 5", "27000", "Gaziantep", "TUR")
	if a != b || a != "ATATURK CAD NO 5, 27000, GAZIANTEP, TUR" {
		t.Errorf("Turkish addresses: %q and %q", a, b)
	}
	c, _ := NormaliseAddress("Hauptstraße 3", "10115", "Berlin", "DE")
	d, _ := NormaliseAddress("Hauptstr. 3", "10115", "BERLIN", "DEU")
	if c != d {
		t.Errorf("German abbreviations: %q != %q", c, d)
	}
	if _, ok := NormaliseAddress("", "", "Paris", "FR"); ok {
		t.Error("an address without street links nobody")
	}
}

func TestAdjacentSeats(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"12A", "12B", true}, {"12B", "12A", true}, {"012c", "12D", true}, {"12A", "12C", false},
		{"12A", "13B", false}, {"30H", "30J", true}, {"", "12A", false}, {"12", "12A", false},
	} {
		if got := adjacentSeats(tc.a, tc.b); got != tc.want {
			t.Errorf("adjacentSeats(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
