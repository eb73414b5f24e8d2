package screen

import (
	"strings"

	"github.com/chokepoint/chokepoint/internal/country"
)

// Country maps a nationality (ISO 3166 alpha-2/alpha-3, ICAO code, name or
// demonym) to alpha-3; an unknown value is returned upper-cased so that
// two identical unknown texts still agree; "" stays "".
func Country(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimPrefix(s, "possibly "), "Possibly ")
	if s == "" {
		return ""
	}
	if c, ok := country.Alpha3(s); ok {
		return c
	}
	return strings.ToUpper(s)
}
