package watchlist

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/chokepoint/chokepoint/internal/country"
)

// csvColumns are the columns of the national CSV format
// (docs/watchlist-csv.md). Only id and one of name, given or surname are
// required.
var csvColumns = map[string]bool{
	"id": true, "kind": true, "name": true, "given": true, "surname": true,
	"aliases": true, "weak_aliases": true, "birth_dates": true, "birth_places": true,
	"nationalities": true, "gender": true, "documents": true, "programs": true,
	"listed": true, "remarks": true,
}

// ReadCSV reads a national list in Chokepoint's plain CSV format
// (docs/watchlist-csv.md). list names the list (Entry.List).
//
// A file that is not UTF-8 CSV, has no header row, or has an unknown or
// repeated column is an error. A row without an id or a name, with an
// unknown kind, or with the wrong number of fields is skipped and
// reported in Problems; a row with one unreadable field (a date, a
// document) is kept without that field and reported too.
func ReadCSV(r io.Reader, list string) (*Import, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("csv: %w", err)
	}
	h := sha256.Sum256(data)
	imp := &Import{List: list, Format: "csv", Digest: fmt.Sprintf("%x", h)}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:invalidUTF8At(data)], []byte("\n"))
		return nil, fmt.Errorf("csv: line %d: not UTF-8 text", line)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // BOM
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("csv: empty file: a header row is required")
	}
	if err != nil {
		return nil, csvError(err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !csvColumns[h] {
			return nil, fmt.Errorf("csv: line 1: unknown column %q (columns: see docs/watchlist-csv.md)", truncate(h, 40))
		}
		if _, dup := col[h]; dup {
			return nil, fmt.Errorf("csv: line 1: column %q appears twice", h)
		}
		col[h] = i
	}
	if _, ok := col["id"]; !ok {
		return nil, errors.New("csv: line 1: no id column in the header row")
	}
	_, hasName := col["name"]
	_, hasGiven := col["given"]
	_, hasSurname := col["surname"]
	if !hasName && !hasGiven && !hasSurname {
		return nil, errors.New("csv: line 1: no name, given or surname column in the header row")
	}
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err == csv.ErrFieldCount {
				continue // FieldsPerRecord is -1: not reached
			}
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if blankRecord(rec) {
			continue
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if len(rec) != len(header) {
			imp.Problems = append(imp.Problems, Problem{Entry: get("id"), Line: line, Reason: fmt.Sprintf("skipped: %d fields, header has %d", len(rec), len(header))})
			continue
		}
		e, probs := csvEntry(get, list)
		for i := range probs {
			probs[i].Line = line
		}
		imp.Problems = append(imp.Problems, probs...)
		if e == nil {
			continue
		}
		if first, dup := seen[e.ID]; dup {
			imp.Problems = append(imp.Problems, Problem{Entry: e.ID, Line: line, Reason: fmt.Sprintf("skipped: id already used on line %d", first)})
			continue
		}
		seen[e.ID] = line
		imp.Entries = append(imp.Entries, *e)
	}
	return imp, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("csv: line %d column %d: not valid CSV: %v", pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("csv: %w", err)
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// splitList splits a "|"-separated field, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = cleanSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// csvEntry builds one Entry from a row. It returns nil for a row it must
// skip; problems say why, or which field was dropped.
func csvEntry(get func(string) string, list string) (*Entry, []Problem) {
	var probs []Problem
	e := &Entry{List: list, ID: get("id")}
	if e.ID == "" {
		return nil, []Problem{{Reason: "skipped: no id"}}
	}
	problem := func(format string, args ...any) {
		probs = append(probs, Problem{Entry: e.ID, Reason: fmt.Sprintf(format, args...)})
	}
	switch k := strings.ToLower(get("kind")); k {
	case "", "individual", "person":
		e.Kind = KindIndividual
	case "entity", "organisation", "organization":
		e.Kind = KindEntity
	default:
		return nil, []Problem{{Entry: e.ID, Reason: fmt.Sprintf("skipped: unknown kind %q (want individual or entity)", truncate(k, 40))}}
	}
	entity := e.Kind == KindEntity
	given, surname, full := cleanSpace(get("given")), cleanSpace(get("surname")), cleanSpace(get("name"))
	if full == "" {
		full = strings.TrimSpace(given + " " + surname)
	}
	if full != "" {
		n := makeName(full, given, surname, QualityPrimary)
		if entity {
			n.Given, n.Surname = "", ""
		}
		e.Names = append(e.Names, n)
	}
	for _, a := range splitList(get("aliases")) {
		addName(e, aliasName(a, QualityGood, entity))
	}
	for _, a := range splitList(get("weak_aliases")) {
		addName(e, aliasName(a, QualityLow, entity))
	}
	if len(e.Names) == 0 {
		return nil, []Problem{{Entry: e.ID, Reason: "skipped: no name"}}
	}
	e.Names[0].Quality = QualityPrimary

	for _, d := range splitList(get("birth_dates")) {
		bd, ok := parseCSVDate(d)
		if !ok {
			problem("birth date %q not YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO (with optional ~); dropped", truncate(d, 40))
			continue
		}
		addBirthDate(e, bd)
	}
	for _, p := range splitList(get("birth_places")) {
		e.BirthPlaces = addString(e.BirthPlaces, p)
	}
	for _, n := range splitList(get("nationalities")) {
		c, ok := country.Alpha3(n)
		if !ok {
			problem("nationality %q is not a known country; kept as written", truncate(n, 40))
			c = n
		}
		e.Nationalities = addString(e.Nationalities, c)
	}
	switch g := strings.ToLower(get("gender")); g {
	case "":
	case "m", "male":
		e.Gender = "M"
	case "f", "female":
		e.Gender = "F"
	default:
		problem("gender %q is not M or F; dropped", truncate(g, 20))
	}
	for _, d := range splitList(get("documents")) {
		doc, msg := parseCSVDocument(d)
		if msg != "" {
			problem("document %q: %s; dropped", truncate(d, 60), msg)
			continue
		}
		e.Documents = append(e.Documents, doc)
	}
	for _, p := range splitList(get("programs")) {
		e.Programs = addString(e.Programs, p)
	}
	if l := get("listed"); l != "" {
		if d, ok := parseISO(l); ok && len(d) == 10 {
			e.Listed = d
		} else {
			problem("listed %q is not YYYY-MM-DD; dropped", truncate(l, 20))
		}
	}
	e.Remarks = get("remarks")
	return e, probs
}

// parseCSVDate reads YYYY, YYYY-MM, YYYY-MM-DD, FROM..TO (each one of
// those forms), each optionally preceded by "~" (approximate).
func parseCSVDate(s string) (BirthDate, bool) {
	var bd BirthDate
	if rest, ok := strings.CutPrefix(s, "~"); ok {
		bd.Approximate = true
		s = strings.TrimSpace(rest)
	}
	if from, to, ok := strings.Cut(s, ".."); ok {
		f, ok1 := parseISO(strings.TrimSpace(from))
		t, ok2 := parseISO(strings.TrimSpace(to))
		if !ok1 || !ok2 || f > t {
			return BirthDate{}, false
		}
		bd.From, bd.To = f, t
		return bd, true
	}
	d, ok := parseISO(s)
	if !ok {
		return BirthDate{}, false
	}
	bd.Date = d
	return bd, true
}

// parseCSVDocument reads TYPE:NUMBER or TYPE:NUMBER:COUNTRY. It returns a
// message when the item cannot be read.
func parseCSVDocument(s string) (Document, string) {
	p := strings.Split(s, ":")
	if len(p) < 2 || len(p) > 3 {
		return Document{}, "want TYPE:NUMBER or TYPE:NUMBER:COUNTRY"
	}
	d := Document{Type: strings.ToLower(strings.TrimSpace(p[0])), Number: cleanSpace(p[1])}
	if d.Type == "" || d.Number == "" {
		return Document{}, "empty type or number"
	}
	if len(p) == 3 && strings.TrimSpace(p[2]) != "" {
		c, ok := country.Alpha3(p[2])
		if !ok {
			return Document{}, fmt.Sprintf("unknown country %q", truncate(p[2], 30))
		}
		d.Country = c
	}
	return d, ""
}
