package watchlist

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/chokepoint/chokepoint/internal/country"
)

// This file turns a list's name field into one or more Names. Lists pack
// several spellings into one field ("Azim Adhajani; Azim Agha-Jani"), mix
// scripts ("حسن غول (Hassan Ghul; Hassan Gul)"), add acronyms to entity
// names ("FOREIGN TRADE BANK (FTB)"), write individuals surname first
// ("AL-HAQ, Amin") and leave remarks inside the name ("(birth name)",
// ", born 1 Jan. 1953 ..."). Each Name that comes out is one spelling a
// traveller or a company could really carry.

// scriptOf names the script most letters of s are written in: "latin",
// "arabic", "cyrillic", "han", "hangul", "hebrew", "greek", "thai",
// "devanagari", "georgian", "armenian", "other", or "" when s has no
// letters.
func scriptOf(s string) string {
	var counts [len(scripts)]int
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			for _, r := range s[i:] {
				if unicode.IsLetter(r) {
					counts[runeScript(r)]++
				}
			}
			break
		}
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			counts[scriptLatin]++
		}
	}
	best, n := 0, 0
	for sc, c := range counts {
		if c > n {
			best, n = sc, c
		}
	}
	if n == 0 {
		return ""
	}
	if best == scriptKana {
		return "han" // Japanese text mixes kana and kanji; report one script.
	}
	return scripts[best]
}

const (
	scriptLatin = iota
	scriptArabic
	scriptCyrillic
	scriptHan
	scriptHangul
	scriptHebrew
	scriptGreek
	scriptThai
	scriptDevanagari
	scriptGeorgian
	scriptArmenian
	scriptKana
	scriptOther
)

var scripts = [...]string{"latin", "arabic", "cyrillic", "han", "hangul", "hebrew", "greek", "thai", "devanagari", "georgian", "armenian", "kana", "other"}

func runeScript(r rune) int {
	switch {
	case r < 0x250 || unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Thai, r):
		return scriptThai
	case unicode.Is(unicode.Devanagari, r):
		return scriptDevanagari
	case unicode.Is(unicode.Georgian, r):
		return scriptGeorgian
	case unicode.Is(unicode.Armenian, r):
		return scriptArmenian
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return scriptKana
	}
	return scriptOther
}

// cleanSpace collapses every run of white space (line breaks included)
// into one space and trims the ends.
func cleanSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// trimName strips what cannot begin or end a name: stray brackets,
// separators and quotes left by the list's editing. A final "." after an
// initial ("Abubakar K.") stays.
func trimName(s string) string {
	s = cleanSpace(s)
	for {
		t := strings.Trim(s, " ,;:/-–—)(\"“”")
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}

// makeName builds a Name with its script from a full name.
func makeName(full, given, surname, quality string) Name {
	return Name{Full: full, Given: given, Surname: surname, Quality: quality, Script: scriptOf(full)}
}

var nameSuffixes = map[string]bool{"JR": true, "JR.": true, "SR": true, "SR.": true, "II": true, "III": true, "IV": true}

// personName reads one individual's name written either "Given Surname"
// or "SURNAME, Given" (OFAC's and some UN aliases' form, optionally with
// a generational suffix: "LAVILLA, Ruben Pestano, Jr."). Full is always
// given names first.
func personName(s, quality string) Name {
	s = trimName(s)
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	suffix := ""
	if n := len(parts); n >= 2 && nameSuffixes[strings.ToUpper(parts[n-1])] {
		suffix = parts[n-1]
		parts = parts[:n-1]
	}
	var n Name
	switch {
	case len(parts) == 2 && parts[0] != "" && parts[1] != "" && len(strings.Fields(parts[0])) <= 4:
		full := parts[1] + " " + parts[0]
		if suffix != "" {
			full += " " + suffix
		}
		n = makeName(full, parts[1], parts[0], quality)
	default:
		full := strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
		if suffix != "" {
			full += " " + suffix
		}
		n = makeName(full, "", "", quality)
	}
	return n
}

var (
	// enumeration markers inside one field: "a) X b) Y".
	reEnum = regexp.MustCompile(`(^|\s)[a-h]\)\s`)
	// remarks glued to a name: "X, born 1 Jan. 1953 (...)".
	reBornTail = regexp.MustCompile(`,\s*born\b.*$|\s+born\s+(in|on|\d).*$`)
	// words that mark a bracket as a remark about the name, not a name.
	reDescriptor = regexp.MustCompile(`(?i)\b(name|listed|third|born|passport|identity|identification|false|sub-unit|original script|nom de guerre|call sign|branch|located|ngo|previously|formerly|alias|aka|a\.k\.a)\b|\d`)
	// list annotations inside a name that are not part of it.
	reNameNoise  = regexp.MustCompile(`(?i)\s*\(original script\)|\s+-\s+sub-unit name\b`)
	reScriptNote = regexp.MustCompile(`(?i)^(original script|in arabic|arabic|in russian)\s*:\s*`)
)

// splitNames splits one name field into the distinct names it holds.
// entity selects entity rules: commas stay inside names, and bracketed
// acronyms become names of their own.
func splitNames(raw string, entity bool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = trimName(s)
		if s == "" || !hasLetter(s) {
			return
		}
		k := strings.ToLower(s)
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	splitInto(raw, entity, add, 0)
	return out
}

func hasLetter(s string) bool {
	return strings.ContainsFunc(s, unicode.IsLetter)
}

func splitInto(raw string, entity bool, add func(string), depth int) {
	if depth > 4 {
		add(stripBrackets(raw))
		return
	}
	s := cleanSpace(raw)
	s = strings.TrimSpace(strings.Trim(s, "\""))
	s = reNameNoise.ReplaceAllString(s, "")
	s = reScriptNote.ReplaceAllString(s, "")
	s = reBornTail.ReplaceAllString(s, "")
	s = reEnum.ReplaceAllString(s, "$1; ")

	base, groups := cutGroups(s)
	var extra []string // names found inside brackets
	baseScript := scriptOf(base.String())
	for _, g := range groups {
		c := strings.TrimSpace(g.text)
		c = reScriptNote.ReplaceAllString(c, "")
		switch {
		case c == "":
		case strings.Contains(c, ";"):
			extra = append(extra, splitTop(c, ";")...)
		case baseScript != "" && scriptOf(c) != "" && scriptOf(c) != baseScript:
			extra = append(extra, c)
		case reDescriptor.MatchString(c):
			// A remark about the name ("birth name", "previously listed
			// as", "KPE.018"): not a name.
		case entity:
			if pieces := splitTop(c, ","); isAcronym(pieces[0]) {
				extra = append(extra, pieces...) // "(FTB)", "(ISIL-SEA, ISIL-South East Asia)"
				continue
			}
			base.inline(g) // "(PAKISTAN)", "(HONG KONG)"
		default:
			// Individuals.
			words := strings.Fields(c)
			switch {
			case g.start:
				base.inline(g) // "(Sheikh) Musa Hilal"
			case len(words) == 1 && g.end && len(strings.Fields(base.String())) >= 2:
				// "Lom-ali Butayev (Butaev)": another spelling of the
				// last name part.
				bw := strings.Fields(base.String())
				bw[len(bw)-1] = c
				extra = append(extra, strings.Join(bw, " "))
			default:
				extra = append(extra, c)
			}
		}
	}

	b := base.String()
	for _, part := range splitTop(b, ";") {
		for _, p := range splitSlash(part, entity) {
			if !entity {
				for _, q := range strings.Split(p, " or ") {
					for _, r := range splitScripts(q) {
						add(r)
					}
				}
				continue
			}
			for _, r := range splitScripts(p) {
				add(r)
			}
		}
	}
	for _, e := range extra {
		splitInto(e, entity, add, depth+1)
	}
}

// isAcronym reports whether s reads as an organisation's acronym ("FTB",
// "JuA", "LRM/A", "ISIL-K") rather than a word or a country qualifier
// ("PAKISTAN" in "AL-HARAMAIN FOUNDATION (PAKISTAN)").
func isAcronym(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 12 || strings.Contains(s, " ") {
		return strings.HasPrefix(s, "ISIL-") || strings.HasPrefix(s, "ISIS-")
	}
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	if upper < 2 {
		return false
	}
	if _, ok := country.Alpha3(s); ok && len(s) > 3 {
		return false
	}
	return true
}

// splitSlash splits "AL-ITIHAAD AL-ISLAMIYA / AIAI" on a slash with
// spaces around it; "ADF/NALU" and "Jihad/Mesopotamia" stay whole.
func splitSlash(s string, entity bool) []string {
	if !strings.Contains(s, " / ") {
		return []string{s}
	}
	return strings.Split(s, " / ")
}

// splitTop splits s on sep, ignoring separators inside brackets.
func splitTop(s, sep string) []string {
	var out []string
	depth, last := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 && strings.HasPrefix(s[i:], sep) {
				out = append(out, s[last:i])
				last = i + len(sep)
				i += len(sep) - 1
			}
		}
	}
	return append(out, s[last:])
}

// splitScripts splits a name written twice in different scripts without
// brackets ("Agha Jan Alizai اغا جان عالیزی") into one name per script.
func splitScripts(s string) []string {
	words := strings.Fields(s)
	if len(words) < 2 {
		return []string{s}
	}
	var out []string
	cur, curScript := []string{}, ""
	for _, w := range words {
		sc := scriptOf(w)
		if sc == "" {
			sc = curScript
		}
		if curScript != "" && sc != curScript {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
		cur = append(cur, w)
		curScript = sc
	}
	return append(out, strings.Join(cur, " "))
}

// group is one top-level bracket of a name.
type group struct {
	text       string
	start, end bool // the bracket opens the name / closes it
	pos        int  // index of the placeholder in base
}

// baseName is a name with its top-level brackets cut out.
type baseName struct {
	parts []string // text, with "" placeholders where groups were
}

func (b *baseName) String() string { return cleanSpace(strings.Join(b.parts, " ")) }

// inline puts a bracket's text back into the name without the brackets.
func (b *baseName) inline(g group) { b.parts[g.pos] = g.text }

// cutGroups cuts the top-level bracketed groups out of s. An unbalanced
// bracket is dropped.
func cutGroups(s string) (*baseName, []group) {
	b := &baseName{}
	var groups []group
	depth, start := 0, 0
	var text strings.Builder
	for i, r := range s {
		switch {
		case r == '(' || r == '[':
			if depth == 0 {
				b.parts = append(b.parts, text.String())
				text.Reset()
				start = i
			} else {
				text.WriteRune(r)
			}
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
			if depth == 0 {
				groups = append(groups, group{
					text:  text.String(),
					start: strings.TrimSpace(s[:start]) == "",
					end:   strings.TrimSpace(s[i+1:]) == "",
					pos:   len(b.parts),
				})
				b.parts = append(b.parts, "")
				text.Reset()
			} else {
				text.WriteRune(r)
			}
		case r == ')' || r == ']':
			// unbalanced closing bracket: drop it
		default:
			text.WriteRune(r)
		}
	}
	if depth > 0 {
		// Unclosed bracket: keep its text as part of the name.
		b.parts = append(b.parts, text.String())
	} else {
		b.parts = append(b.parts, text.String())
	}
	return b, groups
}

func stripBrackets(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '(' || r == ')' || r == '[' || r == ']' {
			return ' '
		}
		return r
	}, s)
}

var qualityRank = map[string]int{QualityLow: 1, QualityGood: 2, QualityPrimary: 3}

// addName appends n to e.Names unless a name with the same Full (ignoring
// case) is already there; then the better of the two qualities stays (an
// OFAC alt.csv alias also quoted as a weak a.k.a. in Remarks is good).
func addName(e *Entry, n Name) {
	if n.Full == "" {
		return
	}
	for i, m := range e.Names {
		if strings.EqualFold(m.Full, n.Full) {
			if qualityRank[n.Quality] > qualityRank[m.Quality] {
				e.Names[i].Quality = n.Quality
				if m.Given == "" && m.Surname == "" {
					e.Names[i].Given, e.Names[i].Surname = n.Given, n.Surname
				}
			}
			return
		}
	}
	e.Names = append(e.Names, n)
}
