package watchlist

import (
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/chokepoint/chokepoint/internal/country"
)

// unRecord is one INDIVIDUAL or ENTITY of the UN Security Council
// Consolidated List (https://www.un.org/sc/resources/sc-sanctions.xsd).
type unRecord struct {
	DataID      string       `xml:"DATAID"`
	First       string       `xml:"FIRST_NAME"`
	Second      string       `xml:"SECOND_NAME"`
	Third       string       `xml:"THIRD_NAME"`
	Fourth      string       `xml:"FOURTH_NAME"`
	ListType    string       `xml:"UN_LIST_TYPE"`
	Ref         string       `xml:"REFERENCE_NUMBER"`
	ListedOn    string       `xml:"LISTED_ON"`
	Gender      string       `xml:"GENDER"`
	Comments    string       `xml:"COMMENTS1"`
	Original    string       `xml:"NAME_ORIGINAL_SCRIPT"`
	Nationality []string     `xml:"NATIONALITY>VALUE"`
	Aliases     []unAlias    `xml:"INDIVIDUAL_ALIAS"`
	EntAliases  []unAlias    `xml:"ENTITY_ALIAS"`
	DOBs        []unDOB      `xml:"INDIVIDUAL_DATE_OF_BIRTH"`
	POBs        []unPlace    `xml:"INDIVIDUAL_PLACE_OF_BIRTH"`
	Documents   []unDocument `xml:"INDIVIDUAL_DOCUMENT"`
}

type unAlias struct {
	Quality     string `xml:"QUALITY"`
	Name        string `xml:"ALIAS_NAME"`
	Note        string `xml:"NOTE"`
	DateOfBirth string `xml:"DATE_OF_BIRTH"`
	CityOfBirth string `xml:"CITY_OF_BIRTH"`
	CountryOB   string `xml:"COUNTRY_OF_BIRTH"`
}

type unDOB struct {
	Type     string `xml:"TYPE_OF_DATE"`
	Date     string `xml:"DATE"`
	Year     string `xml:"YEAR"`
	FromYear string `xml:"FROM_YEAR"`
	ToYear   string `xml:"TO_YEAR"`
	Note     string `xml:"NOTE"`
}

type unPlace struct {
	Street  string `xml:"STREET"`
	City    string `xml:"CITY"`
	State   string `xml:"STATE_PROVINCE"`
	Country string `xml:"COUNTRY"`
	Note    string `xml:"NOTE"`
}

type unDocument struct {
	Type           string `xml:"TYPE_OF_DOCUMENT"`
	Type2          string `xml:"TYPE_OF_DOCUMENT2"`
	Number         string `xml:"NUMBER"`
	IssuingCountry string `xml:"ISSUING_COUNTRY"`
	CountryOfIssue string `xml:"COUNTRY_OF_ISSUE"`
	DateOfIssue    string `xml:"DATE_OF_ISSUE"`
	CityOfIssue    string `xml:"CITY_OF_ISSUE"`
	Note           string `xml:"NOTE"`
}

// ReadUN reads the UN Security Council Consolidated List XML
// (consolidated.xml), individuals and entities. It streams the file one
// INDIVIDUAL or ENTITY at a time and never expands DTDs or entities.
//
// A file that is not XML, or whose root is not CONSOLIDATED_LIST, is an
// error that gives the line. A record without a name is skipped and
// reported in Problems.
func ReadUN(r io.Reader) (*Import, error) {
	h := sha256.New()
	d := xml.NewDecoder(io.TeeReader(r, h))
	d.Strict = true
	imp := &Import{List: "un", Format: "un-xml"}
	seen := map[string]int{}
	root := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, unSyntaxError(d, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !root {
			if se.Name.Local != "CONSOLIDATED_LIST" {
				line, _ := d.InputPos()
				return nil, fmt.Errorf("un: line %d: root element is <%s>, want <CONSOLIDATED_LIST>: not a UN consolidated list", line, se.Name.Local)
			}
			root = true
			for _, a := range se.Attr {
				if a.Name.Local == "dateGenerated" && len(a.Value) >= 10 {
					if d, ok := parseISO(a.Value[:10]); ok {
						imp.Generated = d
					}
				}
			}
			continue
		}
		kind := ""
		switch se.Name.Local {
		case "INDIVIDUAL":
			kind = KindIndividual
		case "ENTITY":
			kind = KindEntity
		default:
			continue // INDIVIDUALS, ENTITIES wrappers
		}
		line, _ := d.InputPos()
		var rec unRecord
		if err := d.DecodeElement(&rec, &se); err != nil {
			return nil, unSyntaxError(d, err)
		}
		e, probs := unEntry(&rec, kind)
		for i := range probs {
			probs[i].Line = line
		}
		imp.Problems = append(imp.Problems, probs...)
		if e == nil {
			continue
		}
		if prev, dup := seen[e.ID]; dup {
			imp.Problems = append(imp.Problems, Problem{Entry: e.ID, Line: line, Reason: fmt.Sprintf("skipped: duplicate REFERENCE_NUMBER (first at entry %d)", prev+1)})
			continue
		}
		seen[e.ID] = len(imp.Entries)
		imp.Entries = append(imp.Entries, *e)
	}
	if !root {
		return nil, errors.New("un: no XML element found (empty input?)")
	}
	imp.Digest = hexDigest(h)
	return imp, nil
}

func unSyntaxError(d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("un: not well-formed XML: line %d: %s", se.Line, se.Msg)
	}
	line, col := d.InputPos()
	return fmt.Errorf("un: line %d col %d (byte %d): %w", line, col, d.InputOffset(), err)
}

var unQuality = map[string]string{
	"good": QualityGood, "a.k.a.": QualityGood, "f.k.a.": QualityGood, "": QualityGood,
	"low": QualityLow,
}

// unEntry turns one record into an Entry. It returns nil (and a Problem)
// for a record that has no name.
func unEntry(rec *unRecord, kind string) (*Entry, []Problem) {
	var probs []Problem
	e := &Entry{List: "un", ID: cleanSpace(rec.Ref), Kind: kind}
	if e.ID == "" {
		e.ID = "DATAID-" + cleanSpace(rec.DataID)
		probs = append(probs, Problem{Entry: e.ID, Reason: "no REFERENCE_NUMBER; DATAID used as ID"})
	}
	entity := kind == KindEntity

	// Primary name: the name parts in list order. Entities keep their
	// name as written, plus its bracketed acronyms and variants.
	var parts []string
	for _, p := range []string{rec.First, rec.Second, rec.Third, rec.Fourth} {
		if p = cleanSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	primary := strings.Join(parts, " ")
	if entity {
		for i, n := range splitNames(primary, true) {
			q := QualityGood
			if i == 0 {
				q = QualityPrimary
			}
			addName(e, makeName(n, "", "", q))
		}
	} else if primary != "" {
		full := strings.Join(strings.Fields(strings.ReplaceAll(primary, ",", " ")), " ")
		addName(e, makeName(trimName(full), "", "", QualityPrimary))
	}
	if o := cleanSpace(rec.Original); o != "" {
		for _, n := range splitNames(o, entity) {
			addName(e, makeName(n, "", "", QualityGood))
		}
	}

	aliases := rec.Aliases
	if entity {
		aliases = rec.EntAliases
	}
	for _, a := range aliases {
		raw := cleanSpace(a.Name)
		q, ok := unQuality[strings.ToLower(strings.TrimSpace(a.Quality))]
		if !ok {
			q = QualityGood
		}
		if raw != "" {
			for _, n := range splitNames(raw, entity) {
				addName(e, aliasName(n, q, entity))
			}
		}
		if raw != "" || a.Note != "" {
			for _, n := range noteNames(a.Note) {
				addName(e, aliasName(n, q, entity))
			}
		}
		if bd, ok := parseBirthDate(a.DateOfBirth); ok {
			addBirthDate(e, bd)
		}
		e.BirthPlaces = addString(e.BirthPlaces, joinPlace(a.CityOfBirth, a.CountryOB))
	}
	if len(e.Names) == 0 {
		return nil, append(probs, Problem{Entry: e.ID, Reason: "skipped: no name"})
	}
	if e.Names[0].Quality != QualityPrimary {
		e.Names[0].Quality = QualityPrimary // no name parts: the first alias stands in
	}

	for _, dob := range rec.DOBs {
		bd, ok, msg := unBirthDate(dob)
		if ok {
			addBirthDate(e, bd)
		} else if msg != "" {
			probs = append(probs, Problem{Entry: e.ID, Reason: msg})
		}
	}
	for _, p := range rec.POBs {
		e.BirthPlaces = addString(e.BirthPlaces, joinPlace(p.Street, p.City, p.State, p.Country))
		if p.Street == "" && p.City == "" && p.State == "" && p.Country == "" {
			e.BirthPlaces = addString(e.BirthPlaces, cleanSpace(p.Note))
		}
	}
	for _, n := range rec.Nationality {
		e.Nationalities = addString(e.Nationalities, nationality(n))
	}
	switch strings.ToLower(strings.TrimSpace(rec.Gender)) {
	case "male":
		e.Gender = "M"
	case "female":
		e.Gender = "F"
	}
	for _, doc := range rec.Documents {
		if d, ok := unDoc(doc); ok {
			e.Documents = append(e.Documents, d)
		}
	}
	if t := cleanSpace(rec.ListType); t != "" {
		e.Programs = []string{t}
	}
	if l := strings.TrimSpace(rec.ListedOn); len(l) >= 10 {
		if d, ok := parseISO(l[:10]); ok {
			e.Listed = d
		}
	}
	e.Remarks = cleanSpace(rec.Comments)
	return e, probs
}

func aliasName(s, quality string, entity bool) Name {
	if entity {
		return makeName(s, "", "", quality)
	}
	return personName(s, quality)
}

var (
	reNoteScript = regexp.MustCompile(`(?i)(?:original script|in arabic)\s*:\s*([^.;]+)`)
	reNoteParen  = regexp.MustCompile(`\(([^()]*;[^()]*)\)`)
)

// noteNames finds the further spellings UN puts in an alias's NOTE:
// "original script: Абу Банат", "In Arabic: سيف العدل", a bracketed list
// "(Ibrahim ‘Awad Ibrahim al-Badri al-Samarrai; ...)", or a NOTE that is
// nothing but a ";"-separated list of names.
func noteNames(note string) []string {
	note = cleanSpace(note)
	if note == "" {
		return nil
	}
	var out []string
	for _, m := range reNoteScript.FindAllStringSubmatch(note, -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	for _, m := range reNoteParen.FindAllStringSubmatch(note, -1) {
		out = append(out, splitTop(m[1], ";")...)
	}
	if strings.Contains(note, ";") && !strings.ContainsAny(note, "0123456789():") {
		parts := splitTop(note, ";")
		names := true
		for _, p := range parts {
			if len(strings.Fields(p)) > 6 {
				names = false
			}
		}
		if names {
			out = append(out, parts...)
		}
	}
	if len(out) == 0 && strings.HasPrefix(note, "(") {
		// "(Abu Du’a; Abu Duaa’) prominently known by this nom de guerre"
		if i := strings.Index(note, ")"); i > 0 {
			out = append(out, splitTop(note[1:i], ";")...)
		}
	}
	var clean []string
	for _, o := range out {
		if o = trimName(o); o != "" {
			clean = append(clean, o)
		}
	}
	return clean
}

func joinPlace(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = cleanSpace(p); p != "" && !containsFold(out, p) {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// unBirthDate reads one INDIVIDUAL_DATE_OF_BIRTH. ok is false for an
// empty placeholder (msg "") or an unreadable date (msg says why).
func unBirthDate(d unDOB) (bd BirthDate, ok bool, msg string) {
	typ := strings.ToUpper(strings.TrimSpace(d.Type))
	note := cleanSpace(d.Note)
	bd.Approximate = typ == "APPROXIMATELY" || strings.EqualFold(note, "approximately")
	switch {
	case typ == "BETWEEN" || d.FromYear != "" || d.ToYear != "":
		f, ok1 := year(strings.TrimSpace(d.FromYear))
		t, ok2 := year(strings.TrimSpace(d.ToYear))
		if !ok1 || !ok2 || f > t {
			return bd, false, fmt.Sprintf("unreadable date of birth range FROM_YEAR %q TO_YEAR %q", d.FromYear, d.ToYear)
		}
		bd.From, bd.To = f, t
		return bd, true, ""
	case strings.TrimSpace(d.Date) != "":
		v, ok := parseISO(strings.TrimSpace(d.Date))
		if !ok {
			return bd, false, fmt.Sprintf("unreadable date of birth %q", d.Date)
		}
		bd.Date = v
		return bd, true, ""
	case strings.TrimSpace(d.Year) != "":
		y, ok := year(strings.TrimSpace(d.Year))
		if !ok {
			return bd, false, fmt.Sprintf("unreadable year of birth %q", d.Year)
		}
		bd.Date = y
		// "YEAR 1958, NOTE Sep.": the month is in the note.
		if m, ok := parseDate(note); ok && strings.HasPrefix(m, "-") {
			bd.Date = y + m
		}
		return bd, true, ""
	case note != "":
		if v, ok := parseBirthDate(note); ok {
			v.Approximate = v.Approximate || bd.Approximate
			return v, true, ""
		}
		return bd, false, fmt.Sprintf("unreadable date of birth note %q; kept in no field", note)
	}
	return bd, false, ""
}

var (
	// "Libyan passport No. 513519", "Russian foreign travel passport number
	// 515458008", "Diplomatic Passport: Z30321794", "No34409/129".
	reDocNumber = regexp.MustCompile(`(?i)(?:\bnumber|\bno\.?|\bnumero|\bnúmero|passport|card)\s*[:.]?\s*((?:[A-Z]{1,3}[-/ ]?\s?)?[A-Z0-9][A-Z0-9/.\-]*\d[A-Z0-9/\-]*)`)
	reDocNumTok = regexp.MustCompile(`^[A-Z0-9][A-Z0-9/.\-]*$`)
	reDocParen  = regexp.MustCompile(`\s*\(([^()]*)\)\s*$`)
)

// unDoc reads one INDIVIDUAL_DOCUMENT. UN's NUMBER often carries words
// ("Libyan passport No. 513519", "R00012098, South Sudan", "403062567
// (US)"); the number is cut out and the words go to the country or Note.
func unDoc(d unDocument) (Document, bool) {
	doc := Document{Type: docType(d.Type + " " + d.Type2 + " " + d.Number)}
	num := cleanSpace(d.Number)
	var notes []string
	if t2 := cleanSpace(d.Type2); t2 != "" && !strings.EqualFold(t2, cleanSpace(d.Type)) {
		notes = append(notes, t2)
	}
	ctry := cleanSpace(d.IssuingCountry)
	if ctry == "" {
		ctry = cleanSpace(d.CountryOfIssue)
	}
	if m := reDocParen.FindStringSubmatch(num); m != nil {
		// "403062567 (US)", "381110042 (Expired 25 Jan. 2016)"
		if c, ok := country.Alpha3(m[1]); ok && ctry == "" {
			ctry = c
		} else {
			notes = append(notes, cleanSpace(m[1]))
		}
		num = strings.TrimSpace(num[:len(num)-len(m[0])])
	}
	if a, b, ok := strings.Cut(num, ","); ok {
		// "R00012098, South Sudan"
		if c, ok := country.Alpha3(b); ok {
			num = strings.TrimSpace(a)
			if ctry == "" {
				ctry = c
			}
		}
	}
	number := ""
	if reDocNumTok.MatchString(num) {
		number = num
	} else if num != "" {
		number = docNumberIn(num)
		f := strings.Fields(num)
		if number == "" && len(f) >= 2 && reDocNumTok.MatchString(f[len(f)-1]) {
			if c, ok := country.Alpha3(strings.Join(f[:len(f)-1], " ")); ok {
				number = f[len(f)-1] // "Libya 428720"
				if ctry == "" {
					ctry = c
				}
			} else if len(f) == 2 && len(f[0]) <= 3 && reDocNumTok.MatchString(f[0]) {
				number = num // "SE 012820"
			}
		}
		if number == "" {
			number = num
		}
		if number != num {
			notes = append(notes, num)
		}
	}
	note := cleanSpace(d.Note)
	if number == "" {
		// "Afghan national identification card (tazkira) number 545167"
		// in TYPE_OF_DOCUMENT2, or the number only in the NOTE.
		number = docNumberIn(cleanSpace(d.Type2))
	}
	if number == "" && note != "" {
		number = docNumberIn(note)
	}
	if number == "" {
		return Document{}, false
	}
	for _, s := range []string{num, cleanSpace(d.Type2), note} {
		if ctry == "" {
			ctry = countryIn(s) // "Libyan passport ...", "Afghan national ..."
		}
	}
	doc.Number = number
	doc.Country = countryCode(ctry)
	if di := strings.TrimSpace(d.DateOfIssue); di != "" {
		notes = append(notes, "issued "+di)
	}
	if c := cleanSpace(d.CityOfIssue); c != "" {
		notes = append(notes, "at "+c)
	}
	if note != "" {
		notes = append(notes, note)
	}
	doc.Note = strings.Join(notes, "; ")
	return doc, true
}

// docNumberIn finds a document number after "number", "No." or
// "passport" in free text.
func docNumberIn(s string) string {
	m := reDocNumber.FindAllStringSubmatch(s, -1)
	if m == nil {
		return ""
	}
	return strings.TrimRight(strings.TrimSpace(m[len(m)-1][1]), ".,")
}

// countryIn finds a country named by an adjective or name at the start
// of a document's text ("Libyan passport ...", "Afghan national ...").
func countryIn(s string) string {
	f := strings.Fields(s)
	for n := 3; n >= 1; n-- {
		if len(f) >= n {
			if c, ok := country.Alpha3(strings.Join(f[:n], " ")); ok {
				return c
			}
		}
	}
	return ""
}

// docType maps a list's document label to a Document.Type.
func docType(s string) string {
	l := strings.ToLower(s)
	switch {
	case strings.Contains(l, "passport") || strings.Contains(l, "pasaporte") || strings.Contains(l, "passeport") || strings.Contains(l, "laissez-passer") || strings.Contains(l, "travel document") || strings.Contains(l, "reiseausweis"):
		return "passport"
	case strings.Contains(l, "social security") || strings.Contains(l, "ssn"):
		return "ssn"
	case strings.Contains(l, "driv") || strings.Contains(l, "licen"):
		return "driving_licence"
	case strings.Contains(l, "birth certificate"):
		return "birth_certificate"
	case strings.Contains(l, "tax") || strings.Contains(l, "r.f.c") || strings.Contains(l, "rfc") || strings.Contains(l, "fiscal"):
		return "tax_id"
	case strings.Contains(l, "residen") || strings.Contains(l, "alien registration") || strings.Contains(l, "refugee"):
		return "residence_permit"
	case strings.Contains(l, "electoral") || strings.Contains(l, "voter") || strings.Contains(l, "i.f.e") || strings.Contains(l, "credencial"):
		return "voter_id"
	case strings.Contains(l, "military") || strings.Contains(l, "cartilla") || strings.Contains(l, "serviceman") || strings.Contains(l, "fardc"):
		return "military_id"
	case strings.Contains(l, "identi") || strings.Contains(l, " id") || strings.Contains(l, "cedula") || strings.Contains(l, "cédula") || strings.Contains(l, "d.n.i") || strings.Contains(l, "c.u.r.p") || strings.Contains(l, "curp") || strings.Contains(l, "tazkira") || strings.Contains(l, "national number") || strings.Contains(l, "nationality") || strings.Contains(l, "c.u.i"):
		return "national_id"
	}
	return "other"
}
