// Package airport owns Chokepoint's airport reference data: the bundled
// table of airports (IATA and ICAO codes, name, city, metropolitan area,
// country, position and IANA time zone) and the named airport groups
// (tr-syria-border, eu, balkans...) that journeys and criteria refer to.
//
// The table is embedded (airports.csv; provenance in README.md) and parsed
// once; it is read-only afterwards, so a *Table is safe for concurrent use.
// Groups are embedded as defaults (groups.json) and may be replaced by an
// operator's file of the same format (LoadGroups).
package airport

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	// The time zone database is embedded so that airport times convert
	// the same way on hosts without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// Airport is one airport of the reference table.
type Airport struct {
	IATA string `json:"iata"`
	ICAO string `json:"icao,omitempty"`
	Name string `json:"name"`
	City string `json:"city"`
	// Metro is the IATA metropolitan area code shared by the airports of
	// one city (IST for IST, SAW and ISL), or empty.
	Metro string `json:"metro,omitempty"`
	// Country is the ISO 3166-1 alpha-3 code.
	Country string  `json:"country"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	// TZ is the IANA time zone name.
	TZ string `json:"tz"`
	// Source says where the row comes from: "ourairports" or "manual".
	Source string `json:"source,omitempty"`

	loc *time.Location
}

// Location returns the airport's time zone; UTC when unknown.
func (a Airport) Location() *time.Location {
	if a.loc == nil {
		return time.UTC
	}
	return a.loc
}

// Table is a set of airports by IATA code.
type Table struct {
	byCode map[string]Airport
	codes  []string // in file order
}

//go:embed airports.csv
var airportsCSV string

var defaultTable = sync.OnceValues(func() (*Table, error) {
	return Load(strings.NewReader(airportsCSV))
})

// Default returns the bundled table. It panics if the embedded data are
// broken, which the package tests rule out.
func Default() *Table {
	t, err := defaultTable()
	if err != nil {
		panic(fmt.Sprintf("airport: bundled table: %v", err))
	}
	return t
}

// Lookup finds an airport of the bundled table by IATA code (case-insensitive).
func Lookup(code string) (Airport, bool) { return Default().Lookup(code) }

// Load reads a table in the format of the bundled airports.csv: lines
// "iata,icao,name,city,metro,country,lat,lon,tz,source", '#' comments.
func Load(r io.Reader) (*Table, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = 10
	t := &Table{byCode: make(map[string]Airport)}
	locs := make(map[string]*time.Location)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("airport: read table: %w", err)
		}
		line, _ := cr.FieldPos(0)
		a := Airport{IATA: strings.ToUpper(rec[0]), ICAO: rec[1], Name: rec[2], City: rec[3],
			Metro: strings.ToUpper(rec[4]), Country: strings.ToUpper(rec[5]), TZ: rec[8], Source: rec[9]}
		if len(a.IATA) != 3 {
			return nil, fmt.Errorf("airport: line %d: IATA code %q is not three letters", line, rec[0])
		}
		if _, dup := t.byCode[a.IATA]; dup {
			return nil, fmt.Errorf("airport: line %d: %s listed twice", line, a.IATA)
		}
		if a.Lat, err = strconv.ParseFloat(rec[6], 64); err != nil || math.Abs(a.Lat) > 90 {
			return nil, fmt.Errorf("airport: line %d: %s: bad latitude %q", line, a.IATA, rec[6])
		}
		if a.Lon, err = strconv.ParseFloat(rec[7], 64); err != nil || math.Abs(a.Lon) > 180 {
			return nil, fmt.Errorf("airport: line %d: %s: bad longitude %q", line, a.IATA, rec[7])
		}
		loc, ok := locs[a.TZ]
		if !ok {
			if loc, err = time.LoadLocation(a.TZ); err != nil || a.TZ == "" {
				return nil, fmt.Errorf("airport: line %d: %s: time zone %q: %v", line, a.IATA, a.TZ, err)
			}
			locs[a.TZ] = loc
		}
		a.loc = loc
		t.byCode[a.IATA] = a
		t.codes = append(t.codes, a.IATA)
	}
	return t, nil
}

// Lookup finds an airport by IATA code (case-insensitive).
func (t *Table) Lookup(code string) (Airport, bool) {
	a, ok := t.byCode[strings.ToUpper(strings.TrimSpace(code))]
	return a, ok
}

// Len is the number of airports.
func (t *Table) Len() int { return len(t.codes) }

// Codes returns the IATA codes in table order.
func (t *Table) Codes() []string { return append([]string(nil), t.codes...) }

// InCountry returns the codes of the airports of a country (alpha-3), in
// table order.
func (t *Table) InCountry(alpha3 string) []string {
	alpha3 = strings.ToUpper(alpha3)
	var out []string
	for _, c := range t.codes {
		if t.byCode[c].Country == alpha3 {
			out = append(out, c)
		}
	}
	return out
}

// DistanceKm is the great-circle distance between two airports.
func DistanceKm(a, b Airport) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Near reports whether a traveller arriving at airport a may plausibly
// leave from airport b: the same code, the same metropolitan area, or both
// known and within maxKm of each other.
func (t *Table) Near(a, b string, maxKm float64) bool {
	a, b = strings.ToUpper(a), strings.ToUpper(b)
	if a == b {
		return a != ""
	}
	x, okA := t.byCode[a]
	y, okB := t.byCode[b]
	if !okA || !okB {
		return false
	}
	if x.Metro != "" && x.Metro == y.Metro {
		return true
	}
	return maxKm > 0 && DistanceKm(x, y) <= maxKm
}
