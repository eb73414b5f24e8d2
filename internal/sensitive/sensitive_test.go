package sensitive

import "testing"

func TestSSR(t *testing.T) {
	tests := []struct {
		code string
		drop bool
	}{
		{"AVML", true}, {"MOML", true}, {"KSML", true}, {"HNML", true}, {"VGML", true},
		{"SPML", true}, {"DBML", true}, {"GFML", true}, {"avml", true}, {" MOML ", true},
		{"MEDA", true}, {"WCHR", true}, {"WCHC", true}, {"DEAF", true}, {"BLND", true},
		{"DPNA", true}, {"OXYG", true}, {"EXST", true},
		{"DOCS", false}, {"DOCO", false}, {"DOCA", false}, {"TKNE", false}, {"SEAT", false},
		{"NSST", false}, {"FQTV", false}, {"CTCE", false}, {"CTCM", false}, {"INFT", false},
		{"UMNR", false}, {"CKIN", false}, {"ML", false}, {"HTML5", false}, {"", false},
	}
	for _, tt := range tests {
		if got := SSR(tt.code); got != tt.drop {
			t.Errorf("SSR(%q) = %v, want %v", tt.code, got, tt.drop)
		}
	}
}

func TestFreeText(t *testing.T) {
	tests := []struct {
		text string
		drop bool
		code string
	}{
		{"PAX REQUIRES WHEELCHAIR TO GATE", true, "TEXT-HEALTH"},
		{"MOML REQUESTED", true, "TEXT-MOML"},
		{"pls halal food", true, "TEXT-RELIGION"},
		{"PASSENGER IS PREGNANT 30 WEEKS", true, "TEXT-HEALTH"},
		{"CTCM 905551234567", false, ""},
		{"CTCE JOHN//EXAMPLE.COM", false, ""},
		{"IP ADDRESS OF THE BOOKING 987.654.321", false, ""},
		{"AM INF", false, ""},
		{"VIP FREQUENT TRAVELLER", false, ""},
	}
	for _, tt := range tests {
		code, drop := FreeText(tt.text)
		if drop != tt.drop || code != tt.code {
			t.Errorf("FreeText(%q) = %q, %v; want %q, %v", tt.text, code, drop, tt.code, tt.drop)
		}
	}
}

func TestCardHasher(t *testing.T) {
	a := NewCardHasher([]byte("key-a"))
	b := NewCardHasher([]byte("key-b"))
	n1 := "4111 1111 1111 1111"
	n2 := "4111-1111-1111-1111"
	if a.Hash(n1) != a.Hash(n2) {
		t.Error("same card with different punctuation hashed differently")
	}
	if a.Hash(n1) == b.Hash(n1) {
		t.Error("different keys gave the same hash")
	}
	if a.Hash(n1) == a.Hash("4111111111111112") {
		t.Error("different cards gave the same hash")
	}
	if h := a.Hash(n1); len(h) != 32 || h == Digits(n1) {
		t.Errorf("hash %q has wrong form", h)
	}
	if a.Hash("1234") != "" {
		t.Error("short number should not hash")
	}
	if got := Last4(n1); got != "1111" {
		t.Errorf("Last4 = %q", got)
	}
	if got := Last4("XX1"); got != "" {
		t.Errorf("Last4 of short = %q", got)
	}
}

func TestCounter(t *testing.T) {
	c := Counter{}
	if c.Map() != nil {
		t.Error("empty counter should map to nil")
	}
	c.Add("AVML")
	c.Add("AVML")
	c.Add("WCHR")
	if m := c.Map(); m["AVML"] != 2 || m["WCHR"] != 1 || len(m) != 2 {
		t.Errorf("counts = %v", m)
	}
}

func TestFreeTextWordBoundaries(t *testing.T) {
	for _, text := range []string{"TRACE BAGGAGE", "GAYLE SMITH", "HIVELY", "CHAIRMAN", "MEDIAN FARE"} {
		if code, drop := FreeText(text); drop {
			t.Errorf("FreeText(%q) dropped with %s: false positive", text, code)
		}
	}
	for _, text := range []string{"DIABETIC PAX", "PRAYER ROOM", "MEALS X2", "ALLERGIC TO NUTS"} {
		if _, drop := FreeText(text); !drop {
			t.Errorf("FreeText(%q) kept", text)
		}
	}
}

func FuzzFreeText(f *testing.F) {
	for _, s := range []string{"WCHR", "CTCE A//B.COM", "HALAL MEAL", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, drop := FreeText(s)
		if drop != (code != "") {
			t.Fatalf("FreeText(%q) = %q, %v: code and drop disagree", s, code, drop)
		}
	})
}
