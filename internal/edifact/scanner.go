// Package edifact reads UN/EDIFACT interchanges (ISO 9735) as airlines and
// governments actually send them: it splits the input into segments, data
// elements and components under the separators a UNA service string advice
// declares, undoes release-character escapes, tolerates the cosmetic damage
// real feeds carry (line breaks and indentation inside and between
// segments, CRLF, a byte-order mark, a Type-B teletype envelope before the
// interchange, malformed UNA strings), and checks the UNB/UNZ, UNG/UNE and
// UNH/UNT envelopes.
//
// It knows nothing of what a PAXLST or PNRGOV message means: packages
// paxlst and pnrgov interpret the segments it yields. Every segment knows
// its index and byte offset, so that errors can name where input went
// wrong.
package edifact

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Delimiters are the service characters of an interchange. A zero byte
// means "not used".
type Delimiters struct {
	Component  byte
	Element    byte
	Decimal    byte
	Release    byte
	Repetition byte
	Terminator byte
}

// DefaultDelimiters are the separators that apply when there is no UNA.
var DefaultDelimiters = Delimiters{Component: ':', Element: '+', Decimal: '.', Release: '?', Terminator: '\''}

// String returns the delimiters as the six characters of a UNA string,
// with a space for an unused position.
func (d Delimiters) String() string {
	b := []byte{d.Component, d.Element, d.Decimal, d.Release, d.Repetition, d.Terminator}
	for i, c := range b {
		if c == 0 {
			b[i] = ' '
		}
	}
	return string(b)
}

// Element is one data element: its components, in order. A simple data
// element has one component.
type Element []string

// Comp returns component j (from 0), or "" when absent.
func (e Element) Comp(j int) string {
	if j < len(e) {
		return e[j]
	}
	return ""
}

// Segment is one segment of an interchange.
type Segment struct {
	// Tag is the segment tag, e.g. "NAD".
	Tag string
	// Index is the segment's position in the input, counting from 1
	// (the UNA service string is not a segment).
	Index int
	// Offset is the byte offset of the segment's first character.
	Offset int
	// Elements are the data elements after the tag. With a repetition
	// separator in use, a repeated element holds its first occurrence here
	// and every occurrence in Repeats.
	Elements []Element
	// Repeats maps an element position to all its occurrences, only for
	// elements that were repeated.
	Repeats map[int][]Element
}

// Elem returns data element i (from 0, the first element after the tag),
// or nil when absent.
func (s *Segment) Elem(i int) Element {
	if i < len(s.Elements) {
		return s.Elements[i]
	}
	return nil
}

// Value returns component j of element i, or "" when absent.
func (s *Segment) Value(i, j int) string {
	if i < len(s.Elements) {
		return s.Elements[i].Comp(j)
	}
	return ""
}

// Repetitions returns every occurrence of element i.
func (s *Segment) Repetitions(i int) []Element {
	if r, ok := s.Repeats[i]; ok {
		return r
	}
	if i < len(s.Elements) {
		return []Element{s.Elements[i]}
	}
	return nil
}

// Where names the segment for error messages: "segment 14 (DOC)".
func (s *Segment) Where() string {
	return fmt.Sprintf("segment %d (%s)", s.Index, s.Tag)
}

// String renders the segment with default delimiters and releases, for
// keeping unknown segments verbatim in a readable form.
func (s *Segment) String() string {
	var b strings.Builder
	b.WriteString(s.Tag)
	for i, e := range s.Elements {
		b.WriteByte('+')
		reps := []Element{e}
		if r, ok := s.Repeats[i]; ok {
			reps = r
		}
		for k, rep := range reps {
			if k > 0 {
				b.WriteByte('*')
			}
			for j, c := range rep {
				if j > 0 {
					b.WriteByte(':')
				}
				for x := 0; x < len(c); x++ {
					switch c[x] {
					case '+', ':', '\'', '?', '*':
						b.WriteByte('?')
					}
					b.WriteByte(c[x])
				}
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// Warning is an anomaly that did not stop reading.
type Warning struct {
	Index  int    // segment index, 0 when not about a segment
	Offset int    // byte offset
	Tag    string // segment tag, when about a segment
	Text   string
}

func (w Warning) String() string {
	if w.Tag != "" {
		return fmt.Sprintf("segment %d (%s): %s", w.Index, w.Tag, w.Text)
	}
	if w.Offset > 0 {
		return fmt.Sprintf("byte %d: %s", w.Offset, w.Text)
	}
	return w.Text
}

// SyntaxError is input that cannot be read as EDIFACT.
type SyntaxError struct {
	Index  int // segment index, 0 when not known
	Offset int // byte offset
	Tag    string
	Reason string
}

func (e *SyntaxError) Error() string {
	switch {
	case e.Tag != "":
		return fmt.Sprintf("segment %d (%s) at byte %d: %s", e.Index, e.Tag, e.Offset, e.Reason)
	case e.Index > 0:
		return fmt.Sprintf("segment %d at byte %d: %s", e.Index, e.Offset, e.Reason)
	default:
		return fmt.Sprintf("byte %d: %s", e.Offset, e.Reason)
	}
}

// Scanner splits EDIFACT input into segments. It is the tokenizer under
// ReadFile; use it directly to stream segments without building envelopes.
//
//	sc := edifact.NewScanner(data)
//	for sc.Scan() {
//		seg := sc.Segment()
//		...
//	}
//	if err := sc.Err(); err != nil { ... }
type Scanner struct {
	src    string // the whole input, as a string (one copy)
	pos    int    // next byte to read
	delims Delimiters
	una    bool // input had a UNA

	seg          Segment
	dst          *Segment // when set, segments are read into *dst
	unterminated bool
	index        int
	err          error
	warnings     []Warning

	// arenas amortise allocations across segments. Unless retain is set,
	// they are reused for every segment.
	retain  bool
	segHint int // expected number of segments, for ReadFile's slab

	// class classifies every byte for the fast path (see scanClean);
	// fast is false when the delimiters rule that path out.
	class [256]byte
	fast  bool
	// plain reports that the last segment's components hold only
	// printable ASCII and tabs, so need no character-set check.
	plain bool
	// special marks the bytes that split stops at: the separators, and in
	// specialRel the release character too.
	special, specialRel [256]bool
	strs                []string
	elems               []Element
	buf                 []byte
}

// NewScanner returns a scanner over data. It reads the UNA service string
// advice, if any, at once; Delimiters reports the result.
//
// The segment returned by Segment is valid only until the next Scan.
func NewScanner(data []byte) *Scanner {
	s := &Scanner{delims: DefaultDelimiters}
	s.init(data)
	return s
}

// newRetainingScanner returns a scanner whose segments stay valid for the
// life of the input, for building a File.
func newRetainingScanner(data []byte) *Scanner {
	s := &Scanner{delims: DefaultDelimiters, retain: true}
	s.init(data)
	// Size the arenas exactly from separator counts (an upper bound when
	// separators are released), so that one allocation each serves the
	// whole input.
	if s.err == nil {
		d := s.delims
		rest := data[min(s.pos, len(data)):]
		nElem := bytes.Count(rest, []byte{d.Element})
		if d.Repetition != 0 {
			nElem += bytes.Count(rest, []byte{d.Repetition})
		}
		nComp := bytes.Count(rest, []byte{d.Component})
		s.segHint = bytes.Count(rest, []byte{d.Terminator}) + 1
		s.strs = make([]string, 0, nElem+nComp+64)
		s.elems = make([]Element, 0, nElem+32)
	}
	return s
}

// Delimiters returns the separators in use.
func (s *Scanner) Delimiters() Delimiters { return s.delims }

// HasUNA reports whether the input declared its separators with UNA.
func (s *Scanner) HasUNA() bool { return s.una }

// Warnings returns what the scanner recovered from so far.
func (s *Scanner) Warnings() []Warning { return s.warnings }

// Err returns the first error met, or nil at a clean end of input.
func (s *Scanner) Err() error { return s.err }

// Rest returns the input not yet read.
func (s *Scanner) Rest() string { return s.src[s.pos:] }

// Unterminated reports whether the last segment read ran to the end of the
// input without a segment terminator.
func (s *Scanner) Unterminated() bool { return s.unterminated }

// Segment returns the segment read by the last successful Scan. It stays
// valid until the next call to Scan.
func (s *Scanner) Segment() *Segment { return s.out() }

// out is where the scanner writes the segment it reads: the slot ReadFile
// chose in its slab (saving a copy), else the scanner's own.
func (s *Scanner) out() *Segment {
	if s.dst != nil {
		return s.dst
	}
	return &s.seg
}

func (s *Scanner) warn(w Warning) { s.warnings = append(s.warnings, w) }

func (s *Scanner) init(data []byte) {
	if len(bytes.TrimSpace(data)) == 0 {
		s.err = &SyntaxError{Reason: "empty input"}
		return
	}
	start := 0
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		start = 3
	}
	// A teletype (Type-B) or other envelope may precede the interchange.
	at := findStart(data[start:])
	if at < 0 {
		s.err = &SyntaxError{Offset: start, Reason: "not an EDIFACT interchange: no UNA, UNB or UNH segment found"}
		return
	}
	if at > 0 {
		skipped := bytes.TrimSpace(data[start : start+at])
		if len(skipped) > 0 {
			s.warn(Warning{Offset: start, Text: fmt.Sprintf("skipped %d bytes of envelope text before the interchange", at)})
		}
	}
	start += at
	s.src = string(data)
	s.pos = start
	if strings.HasPrefix(s.src[start:], "UNA") {
		s.readUNA()
	}
	s.classify()
	if !s.retain {
		s.strs = make([]string, 0, 64)
		s.elems = make([]Element, 0, 32)
	}
}

// findStart locates the beginning of the interchange: UNA, UNB or UNH at
// the start of the input or of a line.
func findStart(data []byte) int {
	for i := 0; i+3 < len(data); i++ {
		if i > 0 {
			c := data[i-1]
			if c != '\n' && c != '\r' && c != ' ' && c != '\t' && c != '\x02' {
				continue
			}
		}
		if data[i] != 'U' || data[i+1] != 'N' {
			continue
		}
		switch data[i+2] {
		case 'A', 'B', 'H':
			next := data[i+3]
			if data[i+2] == 'A' || !isAlnum(next) {
				return i
			}
		}
	}
	return -1
}

func isAlnum(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
}

// readUNA parses the service string advice at s.pos, recovering from the
// malformed ones seen in real feeds.
func (s *Scanner) readUNA() {
	s.una = true
	off := s.pos
	rest := s.src[off+3:]
	// Collect up to six service characters, stopping early at a line break
	// or at the start of UNB (a UNA that is too short).
	var chars []rune
	consumed := 0
	for consumed < len(rest) && len(chars) < 6 {
		r, size := utf8.DecodeRuneInString(rest[consumed:])
		if r == '\r' || r == '\n' || strings.HasPrefix(rest[consumed:], "UNB") {
			break
		}
		chars = append(chars, r)
		consumed += size
	}
	s.pos = off + 3 + consumed
	if len(chars) < 6 {
		if len(chars) == 5 {
			d, ok := guessShortUNA(chars)
			if ok {
				s.delims = d
				s.warn(Warning{Offset: off, Text: fmt.Sprintf("UNA has 5 service characters %q, expected 6; read as %q", string(chars), d.String())})
				s.checkTerminator(off)
				return
			}
		}
		s.err = &SyntaxError{Offset: off, Tag: "UNA", Index: 0, Reason: fmt.Sprintf("service string advice has %d characters %q, expected 6", len(chars), string(chars))}
		return
	}
	var d Delimiters
	slots := []*byte{&d.Component, &d.Element, &d.Decimal, &d.Release, &d.Repetition, &d.Terminator}
	for i, r := range chars {
		switch {
		case r == ' ' && (i == 3 || i == 4):
			*slots[i] = 0 // space: no release character / no repetition separator
		case r < utf8.RuneSelf:
			*slots[i] = byte(r)
		case i == 5:
			// A multi-byte terminator (seen: U+2019 declared while the body
			// uses an apostrophe). Recover if the body uses the apostrophe.
			if strings.Contains(s.src[s.pos:], string(r)) {
				s.err = &SyntaxError{Offset: off, Tag: "UNA", Reason: fmt.Sprintf("unsupported multi-byte segment terminator %q", string(r))}
				return
			}
			d.Terminator = '\''
			s.warn(Warning{Offset: off, Text: fmt.Sprintf("UNA declares segment terminator %q, which never occurs; using \"'\"", string(r))})
		default:
			s.err = &SyntaxError{Offset: off, Tag: "UNA", Reason: fmt.Sprintf("unsupported multi-byte service character %q at position %d", string(r), i+1)}
			return
		}
	}
	if d.Decimal == ' ' {
		d.Decimal = 0
	}
	if d.Component == 0 || d.Element == 0 || d.Terminator == 0 || d.Component == d.Element || d.Element == d.Terminator || d.Component == d.Terminator {
		s.err = &SyntaxError{Offset: off, Tag: "UNA", Reason: fmt.Sprintf("service string advice %q has missing or clashing separators", string(chars))}
		return
	}
	if d.Release != 0 && (d.Release == d.Element || d.Release == d.Component || d.Release == d.Terminator) {
		s.err = &SyntaxError{Offset: off, Tag: "UNA", Reason: fmt.Sprintf("release character %q clashes with a separator", d.Release)}
		return
	}
	if d.Repetition == d.Element || d.Repetition == d.Component || d.Repetition == d.Terminator || d.Repetition == d.Release {
		d.Repetition = 0
	}
	s.delims = d
	s.checkTerminator(off)
}

// checkTerminator recovers from a declared terminator the body never uses.
func (s *Scanner) checkTerminator(off int) {
	if s.delims.Terminator == '\n' || s.delims.Terminator == '\r' {
		return
	}
	if !strings.Contains(s.src[s.pos:], string(s.delims.Terminator)) && strings.Contains(s.src[s.pos:], "'") && s.delims.Terminator != '\'' {
		s.warn(Warning{Offset: off, Text: fmt.Sprintf("UNA declares segment terminator %q, which never occurs; using \"'\"", s.delims.Terminator)})
		s.delims.Terminator = '\''
	}
}

// guessShortUNA reads a five-character UNA, one character short: the first
// two are the component and element separators and the last the
// terminator; of the middle ones a '.' or ',' is the decimal mark, a '*'
// or space the repetition separator, anything else the release character.
func guessShortUNA(chars []rune) (Delimiters, bool) {
	for _, r := range chars {
		if r >= utf8.RuneSelf {
			return Delimiters{}, false
		}
	}
	d := Delimiters{Component: byte(chars[0]), Element: byte(chars[1]), Terminator: byte(chars[4])}
	for _, r := range chars[2:4] {
		switch r {
		case '.', ',':
			d.Decimal = byte(r)
		case '*':
			d.Repetition = '*'
		case ' ':
		default:
			d.Release = byte(r)
		}
	}
	if d.Component == d.Element || d.Element == d.Terminator || d.Component == d.Terminator {
		return Delimiters{}, false
	}
	return d, true
}

// Scan reads the next segment. It returns false at the end of input or on
// an error; Err tells which.
func (s *Scanner) Scan() bool {
	if s.err != nil {
		return false
	}
	src := s.src
	d := s.delims
	// Skip whitespace between segments.
	i := s.pos
	for i < len(src) {
		c := src[i]
		if c == ' ' || c == '\r' || c == '\n' || c == '\t' || c == 0x1a || c == 0 {
			if c == d.Terminator {
				break
			}
			i++
			continue
		}
		break
	}
	if i >= len(src) {
		s.pos = i
		return false
	}
	start := i
	if s.scanClean(start) {
		return true
	}
	// Find the end of the segment: the first terminator not escaped by an
	// odd run of release characters. Note whether the segment needs
	// cleaning (released characters or line breaks inside it).
	end := -1
	rel := d.Release
	for j := i; ; {
		k := strings.IndexByte(src[j:], d.Terminator)
		if k < 0 {
			break
		}
		k += j
		if rel != 0 {
			n := 0
			for p := k - 1; p >= i && src[p] == rel; p-- {
				n++
			}
			if n%2 == 1 {
				j = k + 1
				continue
			}
		}
		end = k
		break
	}
	s.index++
	terminated := end >= 0
	if !terminated {
		end = len(src)
	}
	raw := src[start:end]
	dirty := strings.IndexByte(raw, '\n') >= 0 || strings.IndexByte(raw, '\r') >= 0 ||
		rel != 0 && strings.IndexByte(raw, rel) >= 0
	if terminated {
		s.pos = end + 1
	} else {
		s.pos = end
	}
	s.unterminated = !terminated
	s.plain = false
	return s.split(raw, start, dirty)
}

// split fills the output segment from the raw text of one segment. Release characters
// are undone after splitting, never before; line breaks inside a segment
// (wrapped lines) are removed together with the indentation after them.
func (s *Scanner) split(raw string, offset int, dirty bool) bool {
	d := s.delims
	if dirty {
		raw = s.clean(raw)
	}
	s.prepareArenas()
	seg := s.out()
	seg.Index = s.index
	seg.Offset = offset
	seg.Repeats = nil

	// Tag: up to the first element separator (or component separator, for
	// malformed tags, or the end).
	j := 0
	for j < len(raw) && raw[j] != d.Element && raw[j] != d.Component {
		j++
	}
	tag := strings.TrimSpace(raw[:j])
	if tag == "" || len(tag) > 3 && !isTagLike(tag) {
		s.err = &SyntaxError{Index: s.index, Offset: offset, Reason: fmt.Sprintf("segment has no valid tag: %q", clip(raw, 40))}
		return false
	}
	seg.Tag = tag
	if j < len(raw) && raw[j] == d.Component {
		// A qualifier on the tag (S000 tag:qualifier); skip to the first element.
		for j < len(raw) && raw[j] != d.Element {
			j++
		}
	}
	elemStart := len(s.elems)
	if j >= len(raw) {
		seg.Elements = s.elems[elemStart:elemStart:elemStart]
		return true
	}
	j++ // past the element separator
	compStart := len(s.strs)
	elemIdx := 0
	var reps []Element // earlier occurrences of the current element
	from := j
	release := d.Release
	if !dirty {
		release = 0 // no release character in this segment
	}
	hasRelease := false
	special := &s.special // no release character in a clean segment
	if release != 0 {
		special = &s.specialRel
	}
	for k := j; k <= len(raw); k++ {
		var c byte
		if k < len(raw) {
			c = raw[k]
			if !special[c] {
				continue
			}
			if c == release {
				hasRelease = true
				k++
				continue
			}
		}
		v := raw[from:k]
		if hasRelease {
			v = s.unescape(v)
			hasRelease = false
		}
		s.strs = append(s.strs, v)
		from = k + 1
		if k < len(raw) && c == d.Component {
			continue
		}
		e := Element(s.strs[compStart:len(s.strs):len(s.strs)])
		compStart = len(s.strs)
		if k < len(raw) && c == d.Repetition && d.Repetition != 0 {
			reps = append(reps, e)
			continue
		}
		if reps != nil {
			reps = append(reps, e)
			if seg.Repeats == nil {
				seg.Repeats = map[int][]Element{}
			}
			seg.Repeats[elemIdx] = reps
			e = reps[0]
			reps = nil
		}
		s.elems = append(s.elems, e)
		elemIdx++
	}
	seg.Elements = s.elems[elemStart:len(s.elems):len(s.elems)]
	return true
}

// prepareArenas readies the arenas for one more segment. A streaming
// scanner reuses its arenas; a retaining one (ReadFile) starts a new arena
// when one is full, and earlier segments keep referencing the old backing
// arrays.
func (s *Scanner) prepareArenas() {
	if !s.retain {
		s.strs, s.elems = s.strs[:0], s.elems[:0]
		return
	}
	if cap(s.strs)-len(s.strs) < 64 {
		s.strs = make([]string, 0, max(1024, cap(s.strs)))
	}
	if cap(s.elems)-len(s.elems) < 32 {
		s.elems = make([]Element, 0, max(512, cap(s.elems)))
	}
}

// Byte classes for the fast path.
const (
	clsTerm byte = 1 + iota // segment terminator
	clsComp                 // component separator
	clsElem                 // data element separator
	clsRep                  // repetition separator
	clsSlow                 // release character or line break: general path
	clsOdd                  // control character or non-ASCII byte: text to check
)

// classify fills the byte classes from the delimiters in use.
func (s *Scanner) classify() {
	d := s.delims
	s.class = [256]byte{}
	s.fast = true
	// Separators that are line breaks, or that clash (a guessed short UNA
	// can make the release character a separator too), are left to the
	// general path, whose order of precedence decides.
	var seen [256]bool
	for _, c := range []byte{d.Component, d.Element, d.Repetition, d.Release, d.Terminator} {
		if c == 0 {
			continue
		}
		if c == '\r' || c == '\n' || seen[c] {
			s.fast = false
		}
		seen[c] = true
	}
	for c := range 0x20 {
		s.class[c] = clsOdd
	}
	for c := 0x80; c < 0x100; c++ {
		s.class[c] = clsOdd
	}
	s.class['\t'] = 0
	s.class['\r'], s.class['\n'] = clsSlow, clsSlow
	if d.Release != 0 {
		s.class[d.Release] = clsSlow
	}
	if d.Repetition != 0 {
		s.class[d.Repetition] = clsRep
	}
	s.class[d.Component] = clsComp
	s.class[d.Element] = clsElem
	s.class[d.Terminator] = clsTerm

	s.special = [256]bool{}
	s.special[d.Component], s.special[d.Element] = true, true
	if d.Repetition != 0 {
		s.special[d.Repetition] = true
	}
	s.specialRel = s.special
	if d.Release != 0 {
		s.specialRel[d.Release] = true
	}
}

// scanClean reads the segment at start in one pass when it is clean: it
// ends with a terminator and holds no release character and no line
// break, so it needs no cleaning. It yields exactly what split would. It
// reports false, with nothing consumed, for any other segment, which the
// general path then reads.
func (s *Scanner) scanClean(start int) bool {
	if !s.fast {
		return false
	}
	src := s.src
	cls := &s.class
	k := start
	for k < len(src) && cls[src[k]] == 0 {
		k++
	}
	if k >= len(src) {
		return false
	}
	c := cls[src[k]]
	if c != clsTerm && c != clsComp && c != clsElem {
		return false
	}
	plain := true
	tag := strings.TrimSpace(src[start:k])
	if tag == "" || len(tag) > 3 && !isTagLike(tag) {
		return false // the general path reports it
	}
	if c == clsComp {
		// A qualifier on the tag (S000 tag:qualifier); skip to the first element.
		for k++; k < len(src); k++ {
			c = cls[src[k]]
			if c == clsElem || c == clsTerm || c == clsSlow {
				break
			}
		}
		if k >= len(src) || c == clsSlow {
			return false
		}
	}
	s.prepareArenas()
	strStart, elemStart := len(s.strs), len(s.elems)
	seg := s.out()
	seg.Repeats = nil
	if c == clsElem {
		k++
		from := k
		compStart := strStart
		elemIdx := 0
		var reps []Element // earlier occurrences of the current element
		for ; ; k++ {
			if k >= len(src) {
				s.strs, s.elems, seg.Repeats = s.strs[:strStart], s.elems[:elemStart], nil
				return false
			}
			c = cls[src[k]]
			if c == 0 {
				continue
			}
			if c == clsOdd {
				plain = false
				continue
			}
			if c == clsSlow {
				s.strs, s.elems, seg.Repeats = s.strs[:strStart], s.elems[:elemStart], nil
				return false
			}
			if from == k {
				// An empty component: a nil-backed "" costs the collector
				// nothing to scan.
				s.strs = append(s.strs, "")
			} else {
				s.strs = append(s.strs, src[from:k])
			}
			from = k + 1
			if c == clsComp {
				continue
			}
			e := Element(s.strs[compStart:len(s.strs):len(s.strs)])
			compStart = len(s.strs)
			if c == clsRep {
				reps = append(reps, e)
				continue
			}
			if reps != nil {
				reps = append(reps, e)
				if seg.Repeats == nil {
					seg.Repeats = map[int][]Element{}
				}
				seg.Repeats[elemIdx] = reps
				e = reps[0]
				reps = nil
			}
			s.elems = append(s.elems, e)
			elemIdx++
			if c == clsTerm {
				break
			}
		}
	}
	s.index++
	seg.Index = s.index
	seg.Offset = start
	seg.Tag = tag
	seg.Elements = s.elems[elemStart:len(s.elems):len(s.elems)]
	s.pos = k + 1
	s.unterminated = false
	s.plain = plain
	return true
}

func isTagLike(tag string) bool {
	for i := 0; i < len(tag); i++ {
		if !isAlnum(tag[i]) {
			return false
		}
	}
	return len(tag) <= 6
}

// clean removes line breaks (and the indentation following them) from a
// segment's text, keeping released characters intact.
func (s *Scanner) clean(raw string) string {
	if !strings.ContainsAny(raw, "\r\n") {
		return raw
	}
	b := s.buf[:0]
	rel := s.delims.Release
	for k := 0; k < len(raw); k++ {
		c := raw[k]
		if c == rel && rel != 0 && k+1 < len(raw) {
			b = append(b, c, raw[k+1])
			k++
			continue
		}
		if c == '\r' || c == '\n' {
			for k+1 < len(raw) && (raw[k+1] == ' ' || raw[k+1] == '\t' || raw[k+1] == '\r' || raw[k+1] == '\n') {
				k++
			}
			continue
		}
		b = append(b, c)
	}
	s.buf = b
	return string(b)
}

// unescape removes release characters from one component.
func (s *Scanner) unescape(v string) string {
	rel := s.delims.Release
	b := make([]byte, 0, len(v))
	for k := 0; k < len(v); k++ {
		if v[k] == rel && k+1 < len(v) {
			k++
		}
		b = append(b, v[k])
	}
	return string(b)
}

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// Errorf returns a SyntaxError located at seg, for parsers that interpret
// segments: "segment 14 (DOC) at byte 812: <reason>".
func Errorf(seg *Segment, format string, args ...any) error {
	return &SyntaxError{Index: seg.Index, Offset: seg.Offset, Tag: seg.Tag, Reason: fmt.Sprintf(format, args...)}
}

// Warnf returns a Warning located at seg.
func Warnf(seg *Segment, format string, args ...any) Warning {
	return Warning{Index: seg.Index, Offset: seg.Offset, Tag: seg.Tag, Text: fmt.Sprintf(format, args...)}
}
