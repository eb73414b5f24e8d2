package airport

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
)

// Group is a named set of airports: listed ones, and every airport of the
// listed countries.
type Group struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Airports    []string `json:"airports,omitempty"`
	// Countries are ISO 3166-1 alpha-3 codes; each stands for every
	// airport of that country in the airport table.
	Countries []string `json:"countries,omitempty"`
}

// groupsFile is the JSON form of a groups file.
type groupsFile struct {
	Comment string  `json:"comment,omitempty"`
	Groups  []Group `json:"groups"`
}

// Groups are named airport groups in priority order. A Groups is read-only
// once loaded and safe for concurrent use.
type Groups struct {
	list []Group
	// byAirport maps an IATA code to the indexes of its groups, ascending.
	byAirport map[string][]int
}

//go:embed groups.json
var groupsJSON []byte

// DefaultGroups returns the bundled groups, countries expanded over t.
func DefaultGroups(t *Table) (*Groups, error) {
	return LoadGroups(bytes.NewReader(groupsJSON), t)
}

// LoadGroupsFile reads a groups file (see LoadGroups).
func LoadGroupsFile(path string, t *Table) (*Groups, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("airport: groups: %w", err)
	}
	defer f.Close()
	g, err := LoadGroups(f, t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return g, nil
}

var groupName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// LoadGroups reads groups in the format of the bundled groups.json:
//
//	{"groups": [{"name": "tr-istanbul", "description": "...",
//	             "airports": ["IST", "SAW"], "countries": ["TUR"]}, ...]}
//
// Names are lower-case letters, digits, '-' and '_', unique. The order of
// the list is the priority order (Of and First). Countries are expanded
// with the airports t holds for them; listed airports need not be in t.
func LoadGroups(r io.Reader, t *Table) (*Groups, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var f groupsFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("airport: groups: %w", err)
	}
	g := &Groups{byAirport: make(map[string][]int)}
	seen := make(map[string]bool)
	for i, gr := range f.Groups {
		if !groupName.MatchString(gr.Name) {
			return nil, fmt.Errorf("airport: groups: group %d: bad name %q (want lower-case letters, digits, '-', '_')", i+1, gr.Name)
		}
		if seen[gr.Name] {
			return nil, fmt.Errorf("airport: groups: group %q listed twice", gr.Name)
		}
		seen[gr.Name] = true
		if len(gr.Airports) == 0 && len(gr.Countries) == 0 {
			return nil, fmt.Errorf("airport: groups: group %q has no airports and no countries", gr.Name)
		}
		members := make(map[string]bool)
		for _, c := range gr.Airports {
			c = strings.ToUpper(strings.TrimSpace(c))
			if len(c) != 3 {
				return nil, fmt.Errorf("airport: groups: group %q: airport %q is not an IATA code", gr.Name, c)
			}
			members[c] = true
		}
		for _, c := range gr.Countries {
			c = strings.ToUpper(strings.TrimSpace(c))
			if len(c) != 3 {
				return nil, fmt.Errorf("airport: groups: group %q: country %q is not an alpha-3 code", gr.Name, c)
			}
			if t != nil {
				for _, a := range t.InCountry(c) {
					members[a] = true
				}
			}
		}
		idx := len(g.list)
		g.list = append(g.list, gr)
		for a := range members {
			g.byAirport[a] = append(g.byAirport[a], idx)
		}
	}
	return g, nil
}

// Names returns the group names in priority order.
func (g *Groups) Names() []string {
	out := make([]string, len(g.list))
	for i, gr := range g.list {
		out[i] = gr.Name
	}
	return out
}

// Groups returns the groups as loaded (countries not expanded).
func (g *Groups) Groups() []Group { return append([]Group(nil), g.list...) }

// Of returns the names of the groups holding an airport, in priority order.
func (g *Groups) Of(code string) []string {
	idx := g.byAirport[strings.ToUpper(code)]
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = g.list[j].Name
	}
	return out
}

// First returns the highest-priority group holding an airport, or "".
func (g *Groups) First(code string) string {
	if idx := g.byAirport[strings.ToUpper(code)]; len(idx) > 0 {
		return g.list[idx[0]].Name
	}
	return ""
}

// rank returns the priority of each group an airport is in, for merging
// the groups of several airports in priority order.
func (g *Groups) rank(code string) []int { return g.byAirport[strings.ToUpper(code)] }

// OfAll returns the names of the groups holding any of the airports, in
// priority order, each once.
func (g *Groups) OfAll(codes []string) []string {
	hit := make([]bool, len(g.list))
	for _, c := range codes {
		for _, i := range g.rank(c) {
			hit[i] = true
		}
	}
	var out []string
	for i, h := range hit {
		if h {
			out = append(out, g.list[i].Name)
		}
	}
	return out
}
