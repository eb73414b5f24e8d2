package watchlist

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chokepoint/chokepoint/internal/country"
)

// OFAC legacy CSV column counts.
const (
	ofacSDNFields = 12 // ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
	ofacAltFields = 5  // ent_num, alt_num, alt_type, alt_name, alt_remarks
)

// ReadOFAC reads OFAC's legacy SDN CSV files from dir: sdn.csv (required)
// and alt.csv (aliases; read when present). add.csv (addresses) is not
// read: Entry has no address. Individuals' names ("SURNAME, Given") are
// split into Surname and Given; DOB, POB, nationality, citizenship,
// gender, passports and ID numbers, and the weak a.k.a.s are read from
// Remarks (weak a.k.a.s as QualityLow names). Vessels and aircraft are
// kept as entities.
//
// Digest is the SHA-256 of sdn.csv's bytes followed by alt.csv's.
func ReadOFAC(dir string) (*Import, error) {
	sdn, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("ofac: %s: no sdn.csv in the directory: not an OFAC SDN CSV set", dir)
		}
		return nil, fmt.Errorf("ofac: %w", err)
	}
	alt, err := os.ReadFile(filepath.Join(dir, "alt.csv"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("ofac: %w", err)
	}
	imp, err := readOFAC(sdn, alt)
	if err != nil {
		return nil, fmt.Errorf("ofac: %s: %w", dir, err)
	}
	return imp, nil
}

// readOFAC reads sdn.csv's and alt.csv's bytes (alt may be nil).
func readOFAC(sdn, alt []byte) (*Import, error) {
	h := sha256.New()
	h.Write(sdn)
	h.Write(alt)
	imp := &Import{List: "ofac", Format: "ofac-csv", Digest: hexDigest(h)}
	index := map[string]int{}
	err := eachOFACRow(sdn, "sdn.csv", ofacSDNFields, func(rec []string, line int) {
		e, probs := ofacEntry(rec)
		for i := range probs {
			probs[i].Line = line
		}
		imp.Problems = append(imp.Problems, probs...)
		if e == nil {
			return
		}
		if _, dup := index[e.ID]; dup {
			imp.Problems = append(imp.Problems, Problem{Entry: e.ID, Line: line, Reason: "skipped: duplicate ent_num"})
			return
		}
		index[e.ID] = len(imp.Entries)
		imp.Entries = append(imp.Entries, *e)
	}, &imp.Problems)
	if err != nil {
		return nil, err
	}
	if len(alt) == 0 {
		return imp, nil
	}
	err = eachOFACRow(alt, "alt.csv", ofacAltFields, func(rec []string, line int) {
		id := strings.TrimSpace(rec[0])
		i, ok := index[id]
		if !ok {
			imp.Problems = append(imp.Problems, Problem{Entry: id, Line: line, Reason: "alt.csv: alias of an ent_num not in sdn.csv; skipped"})
			return
		}
		name := ofacNull(rec[3])
		if name == "" {
			imp.Problems = append(imp.Problems, Problem{Entry: id, Line: line, Reason: "alt.csv: alias without a name; skipped"})
			return
		}
		e := &imp.Entries[i]
		addName(e, aliasName(name, QualityGood, e.Kind != KindIndividual))
	}, &imp.Problems)
	if err != nil {
		return nil, err
	}
	return imp, nil
}

// eachOFACRow calls fn for every record of one OFAC CSV file, with the
// record's first line. The file must look like what it claims to be: a
// first record with the wrong number of fields or a non-numeric ent_num
// is an error; later bad records are Problems.
func eachOFACRow(data []byte, name string, fields int, fn func(rec []string, line int), probs *[]Problem) error {
	if !utf8.Valid(data) {
		// OFAC publishes UTF-8 (older files were Latin-1); read Latin-1
		// bytes as such rather than failing.
		data = latin1ToUTF8(data)
	}
	// OFAC ends its files with a DOS end-of-file mark (Ctrl-Z).
	data = bytes.TrimRight(data, "\x1a\r\n\t ")
	r := csv.NewReader(bytes.NewReader(data))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("%s: line %d: not a CSV file: %v", name, pe.StartLine, pe.Err)
			}
			return fmt.Errorf("%s: line %d: %w", name, line, err)
		}
		if blankRecord(rec) {
			continue
		}
		bad := ""
		switch {
		case len(rec) != fields:
			bad = fmt.Sprintf("%d fields, want %d", len(rec), fields)
		case !isDigits(strings.TrimSpace(rec[0])):
			bad = fmt.Sprintf("ent_num %q is not a number", truncate(rec[0], 40))
		}
		if bad != "" {
			if first {
				return fmt.Errorf("%s: line %d: %s: not an OFAC %s file (no header row expected)", name, line, bad, name)
			}
			*probs = append(*probs, Problem{Entry: strings.TrimSpace(truncate(rec[0], 40)), Line: line, Reason: name + ": skipped: " + bad})
			continue
		}
		first = false
		fn(rec, line)
	}
	if first {
		return fmt.Errorf("%s: no records", name)
	}
	return nil
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimFunc(f, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) != "" {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func latin1ToUTF8(b []byte) []byte {
	out := make([]rune, len(b))
	for i, c := range b {
		out[i] = rune(c)
	}
	return []byte(string(out))
}

// ofacNull reads one OFAC field: "-0- " is OFAC's null.
func ofacNull(s string) string {
	s = cleanSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

// ofacEntry turns one sdn.csv record (12 fields) into an Entry. It
// returns nil and a Problem for a record it cannot use.
func ofacEntry(rec []string) (*Entry, []Problem) {
	if len(rec) != ofacSDNFields {
		return nil, []Problem{{Reason: fmt.Sprintf("skipped: %d fields, want %d", len(rec), ofacSDNFields)}}
	}
	e := &Entry{List: "ofac", ID: strings.TrimSpace(rec[0])}
	name := ofacNull(rec[1])
	if name == "" {
		return nil, []Problem{{Entry: e.ID, Reason: "skipped: no name"}}
	}
	if strings.EqualFold(ofacNull(rec[2]), "individual") {
		e.Kind = KindIndividual
		e.Names = []Name{personName(name, QualityPrimary)}
	} else {
		e.Kind = KindEntity
		e.Names = []Name{makeName(name, "", "", QualityPrimary)}
	}
	if e.Names[0].Full == "" {
		return nil, []Problem{{Entry: e.ID, Reason: "skipped: no name"}}
	}
	for _, p := range strings.Split(ofacNull(rec[3]), "] [") {
		if p = strings.Trim(p, "[] "); p != "" {
			e.Programs = addString(e.Programs, p)
		}
	}
	e.Remarks = ofacNull(rec[11])
	var probs []Problem
	for _, msg := range parseRemarks(e, e.Remarks) {
		probs = append(probs, Problem{Entry: e.ID, Reason: msg})
	}
	return e, probs
}

// ofacDocLabels maps the labels OFAC writes before a person's document
// number in Remarks to Document.Type. Longer labels come first.
var ofacDocLabels = []struct{ label, typ string }{
	{"Diplomatic Passport", "passport"},
	{"Passport", "passport"},
	{"Travel Document Number", "passport"},
	{"Tazkira National ID Card", "national_id"},
	{"National ID No.", "national_id"},
	{"National ID", "national_id"},
	{"Turkish Identification Number", "national_id"},
	{"UAE Identification", "national_id"},
	{"Identification Number", "national_id"},
	{"Personal ID Card", "national_id"},
	{"Citizen's Card Number", "national_id"},
	{"Kenyan ID No.", "national_id"},
	{"Cedula No.", "national_id"},
	{"C.U.R.P.", "national_id"},
	{"C.U.I.P.", "national_id"},
	{"C.U.I.", "national_id"},
	{"D.N.I.", "national_id"},
	{"Residency Number", "residence_permit"},
	{"Refugee ID Card", "residence_permit"},
	{"SSN", "ssn"},
	{"Tax ID No.", "tax_id"},
	{"R.F.C.", "tax_id"},
	{"RFC", "tax_id"},
	{"Driver's License No.", "driving_licence"},
	{"Birth Certificate Number", "birth_certificate"},
	{"Electoral Registry No.", "voter_id"},
	{"Credencial electoral", "voter_id"},
	{"I.F.E.", "voter_id"},
	{"Cartilla de Servicio Militar Nacional", "military_id"},
}

var (
	reAKA         = regexp.MustCompile(`^[afn]\.k\.a\.\s+'(.*)'$`)
	reDocTail     = regexp.MustCompile(`\s+(issued|expires|Issue Date|Expire Date|Expiration Date|valid)\b`)
	reDocCtry     = regexp.MustCompile(`^\(([^()]*)\)\s*`)
	reAnyPassport = regexp.MustCompile(`^([A-Z][A-Za-z' ]{0,40} Passport) `)
	reNoPrefix    = regexp.MustCompile(`^(No\.|No|#|Number)\s*:?\s*`)
)

// parseRemarks reads what OFAC puts in an entry's Remarks ("DOB 01 Jan
// 1970; alt. DOB 1971; POB Baghdad, Iraq; nationality Iraq; Passport
// A1234567 (Iraq); Gender Male; a.k.a. 'ABU X'.") into e. It returns a
// message for each part it recognised but could not read; the rest
// ("Linked To: ...", titles, company numbers) stays only in Remarks.
func parseRemarks(e *Entry, remarks string) []string {
	remarks = strings.TrimSpace(remarks)
	if remarks == "" {
		return nil
	}
	remarks = strings.TrimSuffix(remarks, ".")
	var msgs []string
	segs := strings.Split(remarks, ";")
	for i, seg := range segs {
		seg = strings.TrimSpace(seg)
		seg = strings.TrimPrefix(seg, "alt. ")
		switch {
		case strings.HasPrefix(seg, "a.k.a. ") || strings.HasPrefix(seg, "f.k.a. ") || strings.HasPrefix(seg, "n.k.a. "):
			m := reAKA.FindStringSubmatch(seg)
			if m == nil {
				if i == len(segs)-1 {
					msgs = append(msgs, fmt.Sprintf("remarks cut short inside %q; that alias is not read", truncate(seg, 60)))
				} else {
					msgs = append(msgs, fmt.Sprintf("unreadable alias %q", truncate(seg, 60)))
				}
				continue
			}
			if n := strings.TrimSpace(m[1]); n != "" {
				addName(e, aliasName(n, QualityLow, e.Kind != KindIndividual))
			}
		case strings.HasPrefix(seg, "DOB "):
			bd, ok := parseBirthDate(seg[4:])
			if !ok {
				msgs = append(msgs, fmt.Sprintf("unreadable date of birth %q", truncate(seg, 60)))
				continue
			}
			addBirthDate(e, bd)
		case strings.HasPrefix(seg, "POB "):
			e.BirthPlaces = addString(e.BirthPlaces, cleanSpace(seg[4:]))
		case strings.HasPrefix(seg, "nationality "):
			e.Nationalities = addString(e.Nationalities, nationality(seg[len("nationality "):]))
		case strings.HasPrefix(seg, "citizen "):
			e.Nationalities = addString(e.Nationalities, nationality(seg[len("citizen "):]))
		case strings.HasPrefix(seg, "Gender "):
			switch strings.ToLower(strings.TrimSpace(seg[len("Gender "):])) {
			case "male":
				e.Gender = "M"
			case "female":
				e.Gender = "F"
			}
		default:
			if d, ok := ofacDocument(seg); ok {
				e.Documents = append(e.Documents, d)
			}
		}
	}
	return msgs
}

// ofacDocument reads "Passport A1234567 (Iraq) expires 01 Jan 2020" and
// the like.
func ofacDocument(seg string) (Document, bool) {
	labels := ofacDocLabels
	if !strings.Contains(seg, "Passport ") {
		// fast path: most Remarks parts are no passport
	} else if m := reAnyPassport.FindStringSubmatch(seg); m != nil {
		// "British National Overseas Passport 750200421 (United Kingdom)"
		labels = []struct{ label, typ string }{{m[1], "passport"}}
	}
	for _, l := range labels {
		rest, ok := strings.CutPrefix(seg, l.label)
		if !ok || rest == "" || rest[0] != ' ' {
			continue
		}
		rest = reNoPrefix.ReplaceAllString(strings.TrimSpace(rest), "")
		num, tail := splitDocCountry(rest)
		if loc := reDocTail.FindStringIndex(num); loc != nil {
			num, tail = num[:loc[0]], num[loc[0]:]+" "+tail
		}
		num = cleanSpace(num)
		if num == "" || !strings.ContainsAny(num, "0123456789") {
			return Document{}, false
		}
		d := Document{Type: l.typ, Number: num}
		tail = strings.TrimSpace(tail)
		if m := reDocCtry.FindStringSubmatch(tail); m != nil {
			d.Country = countryCode(m[1])
			tail = tail[len(m[0]):]
		}
		d.Note = cleanSpace(tail)
		return d, true
	}
	return Document{}, false
}

var reParen = regexp.MustCompile(`\s\(([^()]*)\)`)

// splitDocCountry splits "A1234567 (Iraq) expires 2020" before the
// bracket that names the issuing country. Brackets inside the number
// ("D489833(9)", "13/Ta Ta Na (Naing)019077 (Burma)") stay in it.
func splitDocCountry(s string) (num, tail string) {
	ms := reParen.FindAllStringSubmatchIndex(s, -1)
	for _, m := range ms {
		if _, ok := country.Alpha3(s[m[2]:m[3]]); ok {
			return s[:m[0]], s[m[0]:]
		}
	}
	if len(ms) > 0 {
		return s[:ms[0][0]], s[ms[0][0]:]
	}
	return s, ""
}
