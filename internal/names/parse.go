package names

import (
	"strings"
)

// Token is one name part after normalisation.
type Token struct {
	// Text is the folded part as written (compounds joined: ABDULRAHMAN).
	Text string `json:"text"`
	// Canon is the spelling-family canonical form (MUHAMMAD -> MOHAMMED,
	// Abd compounds -> ABD+name).
	Canon string `json:"canon"`
	// Key is the phonetic key of Canon.
	Key string `json:"key"`
	// Core is the part without an attached article, connector or particle
	// (ALBAGHDADI -> BAGHDADI, VANDERBERG -> BERG), or "".
	Core    string `json:"core,omitempty"`
	CoreKey string `json:"-"`
	// Fam and CoreFam tell whether Canon and Core are spelling families.
	Fam, CoreFam bool `json:"-"`
	// Known and CoreKnown tell whether Canon and Core are known names
	// (spelling families or common name parts).
	Known, CoreKnown bool `json:"-"`
	// Sig and CoreSig are letter signatures of Canon and Core (see sig).
	Sig, CoreSig uint64 `json:"-"`
	// Unvoweled marks parts read from Arabic script, which leaves short
	// vowels unwritten.
	Unvoweled bool `json:"-"`
}

// Name is a parsed name.
type Name struct {
	Raw    string  `json:"raw"`
	Tokens []Token `json:"tokens"`
	// Dropped lists the titles, articles and connectors that were removed.
	Dropped []string `json:"dropped,omitempty"`
}

// Canons returns the canonical forms of the tokens.
func (n Name) Canons() []string {
	out := make([]string, len(n.Tokens))
	for i, t := range n.Tokens {
		out[i] = t.Canon
	}
	return out
}

// String returns the tokens' text joined by spaces.
func (n Name) String() string {
	var b strings.Builder
	for i, t := range n.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	// titles and honorifics, dropped wherever they stand (when something is
	// left).
	titles = set(`MR MRS MS MISS MSTR MASTER MX DR DOCTOR PROF PROFESSOR SIR DAME LORD LADY REV REVD FR
		SHEIKH SHAIKH SHAYKH SHEIK SHAYK SHEYKH CHEIKH HAJI HAJJI HADJI HAJ HAJJ HAJEE HAJJEE ALHAJI ALHAJ ALHAJJ ELHADJ ELHADJI HADJ
		MAULANA MAWLANA MOULANA MOWLANA MAULVI MAWLAWI MAULAWI MOULAWI MOLVI MAWLAVI MOULVI MULLAH MULLA MOLLA MOLLAH
		QARI QAARI MUFTI IMAM AYATOLLAH HOJATOLESLAM
		GEN GENERAL COL COLONEL MAJ MAJOR CAPT CAPTAIN LT LIEUTENANT BRIG BRIGADIER CPT SGT ADM ADMIRAL CDR
		HERR FRAU MME MLLE MLE SR SRA SRTA DONA MADAM MADAME MONSIEUR SHRI SMT
		CHD INF INFT JR SNR JNR II III`)
	// titles that are also given names (EMIR, AMIR, SAYYID, SYED, SHAH, MIR)
	// are kept: in most names they are a name part.
	// articles: dropped before a following part (AL-BAGHDADI, EL KHATIB).
	articles = set(`AL EL UL IL AD AR AS ASH AT AZ ED ER ES EZ ET UD UR US ESH ASS ATH`)
	// articles that may also be names: dropped only when hyphen-attached.
	hyphenArticles = set(`AN EN UN`)
	// connectors of filiation: dropped when not first.
	connectors = set(`BIN IBN BINT BT BEN BENT IBNU WALD OULD OLD WULD BA Y E VE UND`)
	// abu and its spellings: joined with the following part.
	abuForms = set(`ABU ABOU ABO ABUL ABOUL ABUL ABI UMM OUM UM`)
	// the theophoric Abd in its separate forms: joined with the following part.
	abdForms = set(`ABD ABDUL ABDEL ABDAL ABDOUL ABDOL ABDUR ABDIL ABDER ABDUL ABDU ABDOU ABDUS ABDUZ ABDEN`)
	// European particles: joined with the following part (VAN DER BERG =
	// VANDERBERG).
	particles = set(`VAN VON DER DEN DE DI DA DEL DELLA DELLE DOS DAS DO DU LA LE LO TER TEN TE ST SAINT SANTA SAN MAC MC`)
	// suffixes that form a part with the preceding part
	dinForms   = set(`DIN DEEN DINE EDDIN EDDINE UDDIN UDDEEN ADDIN ALDIN ELDIN UDIN EDINE ADDINE`)
	ullahForms = set(`ULLAH ULLA ALLAH OLLAH ULAH ALLA`)
)

// alNames begin with AL or EL without an article.
var alNames = set(`ALEXANDER ALEXANDRE ALEXANDR ALEKSANDR ALEKSANDER ALEKSANDAR ALEXANDRA ALEKSANDRA ALEXANDRU ALEXANDROS
	ALESSANDRO ALESSANDRA ALEJANDRO ALEJANDRA ALBERTO ALBERTA ALFONSO ALFREDO ALFRED ALVARO ALVAREZ ALMEIDA ALONSO
	ALBRECHT ALEKSEEV ALEKSEEVA ALEKSEEVICH ALEKSEI ALEKSEY ALEXEY ALEXEI ALEXIS ALISTAIR ALLISON ALPHONSE ALTAMIRANO
	ELEANOR ELEONORA ELISABETH ELIZABETH ELISABETTA ELEFTHERIOS ELLIOTT ELVIRA ELENITA ELSHAN ELDAR ELDOR ELNARA ELMIRA
	ALAMGIR ALAUDDIN ALAEDDIN ALAEDDINE ALADDIN ALLAHYAR ALLAHDAD ALLAHBAKHSH ELHADJI`)

// abdTails are the divine names that follow Abd.
var abdTails = []string{
	"RAHMAN", "RAHIM", "ALLAH", "LLAH", "AZIZ", "KARIM", "KAREEM", "MALIK", "MALEK", "QADIR", "QADER", "KADER", "KADIR",
	"HAMID", "MAJID", "MAJEED", "LATIF", "JABBAR", "GHANI", "HADI", "WAHID", "WAHAB", "WAHHAB", "SALAM", "BASIT",
	"RAZZAQ", "RAZAK", "RAZZAK", "HAKIM", "HALIM", "QAYYUM", "QAYUM", "SATTAR", "BARI", "GHAFUR", "GHAFOOR", "GHAFFAR",
	"KHALIQ", "NASIR", "NASSER", "JALIL", "MUTALIB", "MUTTALIB", "RASHID", "RAUF", "RAOUF", "HAQ", "HAQQ", "MUNIM", "SAMAD",
	"SAMAD", "RAHEEM", "RAHMANE", "RAKHMAN", "WALI", "MANNAN", "QUDDUS", "HAFIZ", "HAKEEM", "HAMEED", "JALEEL", "KABIR",
	"KHALIQ", "LATEEF", "MAJID", "MOHSEN", "MUHSIN", "NABI", "NUR", "NOOR", "QAHAR", "QAHHAR", "RAZIQ", "SABUR", "SALAAM",
	"SHAKUR", "SUBHAN", "TAWAB", "WADUD", "WAKIL", "WAHED", "ILAH", "ALI", "ELAH",
}

// vowelish prefixes that link Abd to the divine name in attached forms:
// ABDUL-, ABDEL-, ABDAL-, ABDUR-, ABDER-, ABDOUL-, ABDIL-, ABDI-, ABDU-
func splitAbd(t string) (tail string, ok bool) {
	if !strings.HasPrefix(t, "ABD") || len(t) < 6 {
		return "", false
	}
	rest := t[3:]
	// strip linking vowels
	i := 0
	for i < len(rest) && strings.IndexByte("AEIOU", rest[i]) >= 0 && i < 2 {
		i++
	}
	r := rest[i:]
	cands := []string{r}
	if strings.HasPrefix(r, "L") {
		cands = append(cands, r[1:])
	}
	if len(r) > 2 && r[0] == r[1] {
		cands = append(cands, r[1:]) // assimilated article: ABDURRAHMAN
	}
	if len(r) > 1 {
		cands = append(cands, r[1:]) // ABDUR-, ABDER-, ABDUS- forms
	}
	for _, c := range cands {
		for _, d := range abdTails {
			if c == d || (strings.HasPrefix(c, d) && len(c)-len(d) <= 1) {
				return c, true
			}
		}
	}
	// Abd joined to a name that is not a known divine name: the linking
	// forms ABDUL-, ABDEL-, ABDAL-, ABDOUL-, ABDOL-, ABDIL- (Abd al-) and
	// ABDU-/ABDI- before at least four letters still mark the compound
	for _, p := range []string{"ABDOUL", "ABDUL", "ABDEL", "ABDAL", "ABDOL", "ABDIL"} {
		if strings.HasPrefix(t, p) && len(t)-len(p) >= 3 {
			return t[len(p):], true
		}
	}
	for _, p := range []string{"ABDU", "ABDI"} {
		if strings.HasPrefix(t, p) && len(t)-len(p) >= 4 {
			r := t[len(p):]
			if len(r) > 2 && r[0] == r[1] {
				r = r[1:] // ABDURRASHID
			}
			return r, true
		}
	}
	return "", false
}

// AbdTail returns the name joined to Abd in a canonical Abd compound
// (ABDRAHMAN -> RAHMAN, ABDULLAH -> ALLAH).
func AbdTail(canon string) (string, bool) {
	if canon == "ABDULLAH" {
		return "ALLAH", true
	}
	if strings.HasPrefix(canon, "ABD") && len(canon) >= 6 {
		return canon[3:], true
	}
	return "", false
}

// isAllahTail reports whether an Abd tail means Allah (ABDULLAH).
func isAllahTail(t string) bool {
	switch t {
	case "ALLAH", "LLAH", "LAH", "ULLAH", "ULLA", "ALLA", "LLA", "ILLAH", "ILLAHI", "ULLAHI", "LLAHI", "OLLAH", "ILAH", "ELAH":
		return true
	}
	return false
}

func canonTail(t string) string {
	if isAllahTail(t) {
		return "ALLAH"
	}
	if c, ok := families[t]; ok {
		return c
	}
	return t
}

// Parse normalises a full name. A "/" separates surname and given names in
// airline form (SURNAME/GIVEN NAMES MR); order does not matter to Compare.
func Parse(s string) Name {
	n := Name{Raw: s}
	fusedAt := -1 // word that may end in a fused title (JOHNMR)
	if i := strings.IndexByte(s, '/'); i >= 0 && strings.Count(s, "/") == 1 {
		// airline SURNAME/GIVEN NAMES: read in the given-names-first order
		// so that prefixes (ABU, ABD, AL) meet the part they belong to
		given := s[i+1:]
		fusedAt = len(strings.Fields(strings.ReplaceAll(Fold(given), "-", " "))) - 1
		s = given + " " + s[:i]
	}
	folded := Fold(s)
	words := strings.Fields(folded)
	// split hyphenated words; remember hyphen-attached articles
	type word struct {
		w      string
		hyphen bool // followed by a hyphen
	}
	var ws []word
	for _, w := range words {
		parts := strings.Split(w, "-")
		for i, p := range parts {
			if p == "" {
				continue
			}
			ws = append(ws, word{p, i < len(parts)-1})
		}
	}
	// fused title at the end of the last word (airline JOHNMR)
	if fusedAt < 0 || fusedAt >= len(ws) {
		fusedAt = len(ws) - 1
	}
	if len(ws) > 1 {
		last := ws[fusedAt].w
		for _, suf := range []string{"MSTR", "MISS", "MRS", "MR"} {
			if strings.HasSuffix(last, suf) && len(last)-len(suf) >= 3 {
				n.Dropped = append(n.Dropped, suf)
				ws[fusedAt].w = last[:len(last)-len(suf)]
				break
			}
		}
	}
	// titles
	kept := ws[:0:0]
	for i, w := range ws {
		remaining := len(ws) - i - 1 + len(kept)
		if titles[w.w] && remaining >= 1 {
			n.Dropped = append(n.Dropped, w.w)
			continue
		}
		kept = append(kept, w)
	}
	ws = kept
	var toks []Token
	for i := 0; i < len(ws); i++ {
		w := ws[i].w
		hasNext := i+1 < len(ws)
		switch {
		case articles[w] && (hasNext || len(toks) > 1), hyphenArticles[w] && hasNext && ws[i].hyphen:
			n.Dropped = append(n.Dropped, w)
			continue
		case connectors[w] && hasNext && i > 0:
			n.Dropped = append(n.Dropped, w)
			continue
		case abdForms[w] && hasNext:
			j := i + 1
			if articles[ws[j].w] && j+1 < len(ws) {
				n.Dropped = append(n.Dropped, ws[j].w)
				j++
			}
			tail := ws[j].w
			text := w + tail
			ct := canonTail(tail)
			if isAllahTail(tail) || isAllahTail(w[len(w)-1:]+tail) {
				ct = "ALLAH"
			}
			canon := "ABD" + ct
			if ct == "ALLAH" {
				canon = "ABDULLAH"
			}
			if c, ok := families[canon]; ok {
				canon = c
			}
			toks = append(toks, mkToken(text, canon, ""))
			i = j
			continue
		case abuForms[w] && hasNext:
			j := i + 1
			if articles[ws[j].w] && j+1 < len(ws) {
				n.Dropped = append(n.Dropped, ws[j].w)
				j++
			}
			tail := ws[j].w
			pre := "ABU"
			if w == "UMM" || w == "OUM" || w == "UM" {
				pre = "UMM"
			}
			canon := pre + canonOf(tail)
			if c, ok := families[canon]; ok {
				canon = c
			}
			toks = append(toks, mkToken(w+tail, canon, ""))
			i = j
			continue
		case particles[w] && hasNext:
			// join the particle run with the next non-particle part
			j := i
			text := ""
			for j < len(ws)-1 && (particles[ws[j].w] || articles[ws[j].w]) {
				text += ws[j].w
				j++
			}
			core := ws[j].w
			toks = append(toks, mkToken(text+core, canonOf(text+core), core))
			i = j
			continue
		case (dinForms[w] || ullahForms[w]) && len(toks) > 0 && i > 0:
			// SALAH AL DIN -> SALAHUDDIN, HABIB ULLAH -> HABIBULLAH
			p := toks[len(toks)-1]
			suf := "UDDIN"
			if ullahForms[w] {
				suf = "ULLAH"
			}
			text := p.Text + w
			canon := p.Canon + suf
			if c, ok := families[canon]; ok {
				canon = c
			}
			toks[len(toks)-1] = mkToken(text, canon, "")
			continue
		}
		toks = append(toks, mkToken(w, canonOf(w), coreOf(w)))
	}
	if Script(s) == "arabic" {
		for i := range toks {
			toks[i].Unvoweled = true
		}
	}
	n.Tokens = toks
	return n
}

// ParseParts normalises a name given as separate given names and surname
// (either may be empty). Fused titles at the end of the given names
// (JOHNMR, JANEMS) are removed.
func ParseParts(given, surname string) Name {
	g := strings.TrimSpace(given)
	if g != "" {
		f := strings.Fields(Fold(g))
		if len(f) > 0 {
			last := f[len(f)-1]
			for _, suf := range []string{"MSTR", "MISS", "MRS", "MR", "MS"} {
				if strings.HasSuffix(last, suf) && len(last)-len(suf) >= 3 {
					f[len(f)-1] = last[:len(last)-len(suf)]
					break
				}
			}
			g = strings.Join(f, " ")
		}
	}
	n := Parse(strings.TrimSpace(g + " " + surname))
	n.Raw = strings.TrimSpace(given + " " + surname)
	return n
}

func mkToken(text, canon, core string) Token {
	t := Token{Text: text, Canon: canon, Key: Key(canon)}
	_, t.Fam = families[canon]
	t.Known = known(canon)
	t.Sig = sig(canon)
	if core != "" && core != text {
		t.Core = canonOf(core)
		t.CoreKey = Key(t.Core)
		_, t.CoreFam = families[t.Core]
		t.CoreKnown = known(t.Core)
		t.CoreSig = sig(t.Core)
	}
	return t
}

// canonOf returns the canonical form of a single folded part: its spelling
// family, or the attached Abd/Abu/-uddin/-ullah compound in canonical form,
// or the part itself.
func canonOf(w string) string {
	if c, ok := families[w]; ok {
		return c
	}
	if tail, ok := splitAbd(w); ok {
		ct := canonTail(tail)
		c := "ABD" + ct
		if ct == "ALLAH" {
			c = "ABDULLAH"
		}
		if f, ok := families[c]; ok {
			return f
		}
		return c
	}
	for _, pre := range []string{"ABOU", "ABU"} {
		if strings.HasPrefix(w, pre) && len(w)-len(pre) >= 4 {
			rest := w[len(pre):]
			for _, a := range []string{"L", "AL", "EL"} {
				if strings.HasPrefix(rest, a) && len(rest)-len(a) >= 4 {
					if _, ok := families[rest[len(a):]]; ok {
						rest = rest[len(a):]
						break
					}
				}
			}
			if f, ok := families[rest]; ok {
				c := "ABU" + f
				if g, ok := families[c]; ok {
					return g
				}
				return c
			}
		}
	}
	// an attached article (ALBAGHDADI = AL-BAGHDADI), except in names that
	// merely begin with AL/EL
	if (strings.HasPrefix(w, "AL") || strings.HasPrefix(w, "EL")) && len(w) >= 7 && !alNames[w] && w[2] != 'I' {
		return canonOf(w[2:])
	}
	for _, suf := range []string{"UDDIN", "UDDEEN", "EDDINE", "EDDIN", "ADDIN", "ALDIN", "ELDIN", "UDIN", "IDDIN"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			c := canonOf(w[:len(w)-len(suf)]) + "UDDIN"
			if f, ok := families[c]; ok {
				return f
			}
			return c
		}
	}
	for _, suf := range []string{"ULLAH", "OLLAH", "ULLA", "ALLAH"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			c := canonOf(w[:len(w)-len(suf)]) + "ULLAH"
			if f, ok := families[c]; ok {
				return f
			}
			return c
		}
	}
	return w
}

// coreOf strips an attached article or connector (ALBAGHDADI, ELMASRI,
// BINLADEN) when enough is left to be a name.
func coreOf(w string) string {
	for _, p := range []string{"AL", "EL", "BIN", "BEN", "IBN"} {
		if strings.HasPrefix(w, p) && len(w)-len(p) >= 4 {
			return w[len(p):]
		}
	}
	return ""
}
