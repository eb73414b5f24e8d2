package criteria

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed airports.yaml
var defaultAirportsYAML []byte

// Airports is airport reference data: the country of each airport and the
// named airport groups that in_group() and journey.groups use. It is
// read-only once built and safe for concurrent use.
type Airports struct {
	country map[string]string          // airport -> alpha-3
	groups  map[string]map[string]bool // group -> airports
}

// airportsFile is the YAML form of Airports.
type airportsFile struct {
	Countries map[string][]string `yaml:"countries"`
	Groups    map[string][]string `yaml:"groups"`
}

// DefaultAirports returns the airport data shipped with Chokepoint
// (internal/criteria/airports.yaml).
func DefaultAirports() *Airports {
	a, err := ParseAirports(defaultAirportsYAML)
	if err != nil {
		panic("criteria: embedded airports.yaml: " + err.Error())
	}
	return a
}

// ParseAirports reads airport data in the YAML form of airports.yaml:
// countries (alpha-3 -> airports) and groups (name -> airports).
func ParseAirports(data []byte) (*Airports, error) {
	var f airportsFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("airports: %w", err)
	}
	a := &Airports{country: map[string]string{}, groups: map[string]map[string]bool{}}
	for c, codes := range f.Countries {
		for _, code := range codes {
			code = strings.ToUpper(code)
			if prev, ok := a.country[code]; ok && prev != c {
				return nil, fmt.Errorf("airports: %s listed in both %s and %s", code, prev, c)
			}
			a.country[code] = c
		}
	}
	for g, codes := range f.Groups {
		if g == "" {
			return nil, fmt.Errorf("airports: empty group name")
		}
		set := make(map[string]bool, len(codes))
		for _, code := range codes {
			set[strings.ToUpper(code)] = true
		}
		a.groups[g] = set
	}
	return a, nil
}

// Country returns the alpha-3 country of an airport, or "".
func (a *Airports) Country(airport string) string { return a.country[airport] }

// InGroup reports whether an airport belongs to a named group.
func (a *Airports) InGroup(airport, group string) bool { return a.groups[group][airport] }

// HasGroup reports whether a group of that name exists.
func (a *Airports) HasGroup(group string) bool {
	_, ok := a.groups[group]
	return ok
}

// Groups returns the sorted names of the groups an airport belongs to.
func (a *Airports) Groups(airport string) []string {
	var out []string
	for g, set := range a.groups {
		if set[airport] {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	return out
}

// GroupNames returns every group name, sorted.
func (a *Airports) GroupNames() []string {
	out := make([]string, 0, len(a.groups))
	for g := range a.groups {
		out = append(out, g)
	}
	slices.Sort(out)
	return out
}
