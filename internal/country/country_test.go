package country

import "testing"

func TestAlpha3(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"SY", "SYR", true},
		{"syr", "SYR", true},
		{"Syrian Arab Republic", "SYR", true},
		{"Syria", "SYR", true},
		{"Russian Federation", "RUS", true},
		{"Russia", "RUS", true},
		{"Türkiye", "TUR", true},
		{"Turkiye", "TUR", true},
		{"TURKEY", "TUR", true},
		{"Iran (Islamic Republic of)", "IRN", true},
		{"Iran, Islamic Republic of", "IRN", true},
		{"United Kingdom of Great Britain and Northern Ireland", "GBR", true},
		{"UK", "GBR", true},
		{"USA", "USA", true},
		{"United States", "USA", true},
		{"United States of America", "USA", true},
		{"Viet Nam", "VNM", true},
		{"Vietnam", "VNM", true},
		{"Democratic People's Republic of Korea", "PRK", true},
		{"Korea, North", "PRK", true},
		{"Korea, South", "KOR", true},
		{"Congo, Democratic Republic of the", "COD", true},
		{"Democratic Republic of the Congo", "COD", true},
		{"Congo", "COG", true},
		{"Burma", "MMR", true},
		{"Côte d’Ivoire", "CIV", true},
		{"cote d'ivoire", "CIV", true},
		{"State of Palestine", "PSE", true},
		{"Palestinian", "PSE", true},
		{"The Gambia", "GMB", true},
		{"the Netherlands", "NLD", true},
		{"Macedonia, The Former Yugoslav Republic of", "MKD", true},
		{"Bosnia & Herzegovina", "BIH", true},
		{"  Afghanistan  ", "AFG", true},
		{"Libyan", "LBY", true}, // demonym, as in "Libyan passport"
		{"Hong Kong", "HKG", true},
		// ICAO Doc 9303 codes.
		{"D", "DEU", true},
		{"GBD", "GBD", true},
		{"GBN", "GBN", true},
		{"GBO", "GBO", true},
		{"GBP", "GBP", true},
		{"GBS", "GBS", true},
		{"XXA", "XXA", true},
		{"XXB", "XXB", true},
		{"XXC", "XXC", true},
		{"XXX", "XXX", true},
		{"UNO", "UNO", true},
		{"UNA", "UNA", true},
		{"UNK", "UNK", true},
		{"RKS", "RKS", true},
		{"Kosovo", "RKS", true},
		{"XK", "RKS", true},
		{"XKX", "RKS", true},
		// Not countries.
		{"", "", false},
		{"former Soviet Union", "", false},
		{"NA", "NAM", true}, // Namibia: callers filter "n/a" placeholders themselves
		{"ZZ", "", false},
		{"QQQ", "", false},
		{"Atlantis", "", false},
	}
	for _, tt := range tests {
		got, ok := Alpha3(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Alpha3(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestName(t *testing.T) {
	tests := map[string]string{
		"SYR": "Syrian Arab Republic",
		"tur": "Türkiye",
		"DEU": "Germany",
		"XXA": "Stateless person",
		"RKS": "Kosovo",
		"ZZZ": "",
		"":    "",
	}
	for in, want := range tests {
		if got := Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTable checks the table's shape: 249 ISO 3166-1 codes, no code or
// name used twice, every name leading back to its own code.
func TestTable(t *testing.T) {
	iso := 0
	a2, a3 := map[string]bool{}, map[string]bool{}
	names := map[string]string{}
	for _, c := range table {
		if c.a2 != "" && c.a2 != "XK" {
			iso++
		}
		if len(c.a3) != 3 || (c.a2 != "" && len(c.a2) != 2) {
			t.Errorf("%v: bad code length", c)
		}
		if c.a2 != "" && a2[c.a2] || a3[c.a3] {
			t.Errorf("%s/%s: code used twice", c.a2, c.a3)
		}
		a2[c.a2], a3[c.a3] = true, true
		for _, n := range append([]string{c.name}, c.alt...) {
			k := key(n)
			if prev, dup := names[k]; dup && prev != c.a3 {
				t.Errorf("name %q maps to both %s and %s", n, prev, c.a3)
			}
			names[k] = c.a3
			if got, ok := Alpha3(n); !ok || got != c.a3 {
				t.Errorf("Alpha3(%q) = %q, %v; want %q", n, got, ok, c.a3)
			}
		}
		if c.a2 != "" {
			if got, _ := Alpha3(c.a2); got != c.a3 {
				t.Errorf("Alpha3(%q) = %q, want %q", c.a2, got, c.a3)
			}
			if Alpha2(c.a3) != c.a2 {
				t.Errorf("Alpha2(%q) = %q, want %q", c.a3, Alpha2(c.a3), c.a2)
			}
		}
	}
	if iso != 249 {
		t.Errorf("table has %d ISO 3166-1 countries, want 249", iso)
	}
}

func BenchmarkAlpha3Name(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Alpha3("Iran (Islamic Republic of)")
	}
}
