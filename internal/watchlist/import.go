package watchlist

import (
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chokepoint/chokepoint/internal/country"
)

// Import is one version of one list as read from its file(s).
type Import struct {
	// List is the list's short name: "un", "ofac", or the national list's
	// name.
	List string `json:"list"`
	// Format is "un-xml", "ofac-csv" or "csv".
	Format string `json:"format"`
	// Source is the file or directory read (set by Load).
	Source string `json:"source,omitempty"`
	// Generated is the list's own date, YYYY-MM-DD, when the file carries
	// one (the UN XML's dateGenerated); OFAC's legacy CSV and the national
	// CSV carry none.
	Generated string  `json:"generated,omitempty"`
	Entries   []Entry `json:"entries"`
	// Problems lists every entry that was skipped or read only in part,
	// with why.
	Problems []Problem `json:"problems,omitempty"`
	// Digest is the hex SHA-256 of the raw input: the file's bytes, or for
	// OFAC the bytes of sdn.csv then alt.csv (when present).
	Digest string `json:"digest"`
}

// Problem is one entry the importer could not read in full. Entries with
// a Problem are either skipped (no name, unreadable record: Reason says
// "skipped") or kept without the part that could not be read.
type Problem struct {
	// Entry is the entry's ID when known.
	Entry string `json:"entry,omitempty"`
	// Line is the line in the input file (1-based), 0 when unknown.
	Line   int    `json:"line,omitempty"`
	Reason string `json:"reason"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", p.Line)
	}
	if p.Entry != "" {
		fmt.Fprintf(&b, "%s: ", p.Entry)
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Load reads the list named by spec:
//
//	un:FILE          UN Security Council Consolidated List XML
//	ofac:DIR         OFAC legacy CSV directory (sdn.csv, optional alt.csv)
//	csv:FILE         national CSV (docs/watchlist-csv.md); the list's name
//	                 is the file's base name without extension
//	csv:NAME=FILE    national CSV with an explicit list name
func Load(spec string) (*Import, error) {
	format, arg, ok := strings.Cut(spec, ":")
	if !ok || arg == "" {
		return nil, fmt.Errorf("watchlist: bad list spec %q: want un:FILE, ofac:DIR, csv:FILE or csv:NAME=FILE", spec)
	}
	switch format {
	case "un":
		f, err := os.Open(arg)
		if err != nil {
			return nil, fmt.Errorf("watchlist: %w", err)
		}
		defer f.Close()
		imp, err := ReadUN(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		imp.Source = arg
		return imp, nil
	case "ofac":
		imp, err := ReadOFAC(arg)
		if err != nil {
			return nil, err
		}
		imp.Source = arg
		return imp, nil
	case "csv":
		name, file := "", arg
		if n, f, ok := strings.Cut(arg, "="); ok {
			name, file = n, f
		} else {
			name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		}
		if name == "" || file == "" {
			return nil, fmt.Errorf("watchlist: bad list spec %q: empty list name or file", spec)
		}
		f, err := os.Open(file)
		if err != nil {
			return nil, fmt.Errorf("watchlist: %w", err)
		}
		defer f.Close()
		imp, err := ReadCSV(f, name)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		imp.Source = file
		return imp, nil
	}
	return nil, fmt.Errorf("watchlist: unknown list format %q in %q: want un, ofac or csv", format, spec)
}

// nationality maps a list's country text to alpha-3, keeping the text
// when it cannot be mapped. "" for placeholders ("na", "-").
func nationality(s string) string {
	s = cleanSpace(s)
	switch strings.ToLower(s) {
	case "", "na", "n/a", "-", "unknown":
		return ""
	}
	if a3, ok := country.Alpha3(s); ok {
		return a3
	}
	// "Cabo Verde. Previously Cape Verde.", "Region: Gaza"
	if first, _, ok := strings.Cut(s, ". "); ok {
		if a3, ok := country.Alpha3(first); ok {
			return a3
		}
	}
	if rest, ok := strings.CutPrefix(s, "Region: "); ok {
		if a3, ok := country.Alpha3(rest); ok {
			return a3
		}
	}
	return s
}

// countryCode is nationality for document issuers and the like.
func countryCode(s string) string { return nationality(s) }

func hexDigest(h interface{ Sum([]byte) []byte }) string {
	return hex.EncodeToString(h.Sum(nil))
}
