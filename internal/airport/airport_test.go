package airport

import (
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	tests := []struct {
		code, city, country, tz, metro string
		ok                             bool
	}{
		{"IST", "Istanbul", "TUR", "Europe/Istanbul", "IST", true},
		{"saw", "Istanbul", "TUR", "Europe/Istanbul", "IST", true},
		{"GZT", "Gaziantep", "TUR", "Europe/Istanbul", "", true},
		{"LHR", "London", "GBR", "Europe/London", "LON", true},
		{"TAS", "Tashkent", "UZB", "Asia/Tashkent", "", true},
		{"CMN", "Casablanca", "MAR", "Africa/Casablanca", "", true},
		{"ZZZ", "", "", "", "", false},
	}
	for _, tc := range tests {
		a, ok := Lookup(tc.code)
		if ok != tc.ok || a.City != tc.city || a.Country != tc.country || a.TZ != tc.tz || a.Metro != tc.metro {
			t.Errorf("Lookup(%q) = %+v, %v", tc.code, a, ok)
		}
		if ok && a.Location().String() != tc.tz {
			t.Errorf("%s: location %v", tc.code, a.Location())
		}
	}
}

// TestSynthAirports checks that every airport the synthetic world uses is
// in the table (internal/synth tables.go).
func TestSynthAirports(t *testing.T) {
	synth := "IST SAW ESB ADB AYT TZX GZT HTY GNY ADA MQM KCM LHR CDG FRA AMS BRU CPH ARN VIE MUC DUS SJJ PRN TIA SKP BEG TBS GYD EVN TAS ALA NQZ FRU DYU TUN CMN ALG CAI"
	for _, c := range strings.Fields(synth) {
		if _, ok := Lookup(c); !ok {
			t.Errorf("%s missing", c)
		}
	}
	if n := Default().Len(); n < 250 {
		t.Errorf("%d airports, want at least 250", n)
	}
	if n := len(Default().InCountry("TUR")); n < 60 {
		t.Errorf("%d Turkish airports, want every one with an IATA code (>= 60)", n)
	}
}

func TestNear(t *testing.T) {
	tab := Default()
	tests := []struct {
		a, b string
		km   float64
		want bool
	}{
		{"IST", "IST", 0, true},
		{"IST", "SAW", -1, true}, // same metropolitan area
		{"ADA", "COV", 100, true},
		{"ADA", "COV", -1, false},
		{"GZT", "HTY", 100, false},
		{"LHR", "LGW", -1, true},
		{"IST", "XXX", 1000, false},
		{"", "", 100, false},
	}
	for _, tc := range tests {
		if got := tab.Near(tc.a, tc.b, tc.km); got != tc.want {
			t.Errorf("Near(%s, %s, %v) = %v", tc.a, tc.b, tc.km, got)
		}
	}
	ist, _ := Lookup("IST")
	lhr, _ := Lookup("LHR")
	if d := DistanceKm(ist, lhr); d < 2450 || d > 2550 {
		t.Errorf("IST-LHR %v km, want about 2500", d)
	}
}

func TestDefaultGroups(t *testing.T) {
	g, err := DefaultGroups(Default())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code, groups, first string
	}{
		{"GZT", "tr-syria-border,tr", "tr-syria-border"},
		{"SAW", "tr-istanbul,tr", "tr-istanbul"},
		{"NAV", "tr", "tr"},
		{"FRA", "eu,schengen", "eu"},
		{"ZRH", "schengen", "schengen"},
		{"EBL", "conflict-zone,iraq", "conflict-zone"},
		{"TBS", "caucasus", "caucasus"},
		{"JFK", "", ""},
	}
	for _, tc := range tests {
		if got := strings.Join(g.Of(tc.code), ","); got != tc.groups || g.First(tc.code) != tc.first {
			t.Errorf("%s: groups %q first %q, want %q %q", tc.code, got, g.First(tc.code), tc.groups, tc.first)
		}
	}
	if got := strings.Join(g.OfAll([]string{"LHR", "IST", "GZT"}), ","); got != "tr-syria-border,tr-istanbul,tr" {
		t.Errorf("OfAll = %q", got)
	}
}

func TestLoadGroups(t *testing.T) {
	tests := []struct {
		name, json, wantErr string
		check               string // code:first group
	}{
		{"override", `{"groups":[{"name":"watch","airports":["gzt","HTY"]},{"name":"tr","countries":["TUR"]}]}`, "", "GZT:watch"},
		{"countries", `{"groups":[{"name":"maghreb","countries":["MAR","DZA","TUN"]}]}`, "", "ALG:maghreb"},
		{"unknown field", `{"groups":[{"name":"x","airport":["GZT"]}]}`, "unknown field", ""},
		{"bad name", `{"groups":[{"name":"Bad Name","airports":["GZT"]}]}`, "bad name", ""},
		{"duplicate", `{"groups":[{"name":"x","airports":["GZT"]},{"name":"x","airports":["HTY"]}]}`, "twice", ""},
		{"empty", `{"groups":[{"name":"x"}]}`, "no airports", ""},
		{"bad code", `{"groups":[{"name":"x","airports":["GAZI"]}]}`, "not an IATA code", ""},
		{"bad json", `{"groups":[`, "groups", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, err := LoadGroups(strings.NewReader(tc.json), Default())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			code, first, _ := strings.Cut(tc.check, ":")
			if g.First(code) != first {
				t.Errorf("First(%s) = %q, want %q", code, g.First(code), first)
			}
		})
	}
}

func TestLoadTableErrors(t *testing.T) {
	tests := []struct{ name, csv, wantErr string }{
		{"short code", "IS,LTFM,X,Istanbul,,TUR,41,28,Europe/Istanbul,manual\n", "three letters"},
		{"bad lat", "IST,LTFM,X,Istanbul,,TUR,91,28,Europe/Istanbul,manual\n", "latitude"},
		{"bad tz", "IST,LTFM,X,Istanbul,,TUR,41,28,Europe/Nowhere,manual\n", "time zone"},
		{"duplicate", "IST,LTFM,X,Istanbul,,TUR,41,28,Europe/Istanbul,manual\nIST,LTFM,X,Istanbul,,TUR,41,28,Europe/Istanbul,manual\n", "twice"},
		{"columns", "IST,LTFM\n", "fields"},
	}
	for _, tc := range tests {
		if _, err := Load(strings.NewReader(tc.csv)); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.wantErr)
		}
	}
}
