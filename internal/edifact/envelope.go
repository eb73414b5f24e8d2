package edifact

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// File is everything read from one input: one or more interchanges.
type File struct {
	Delimiters   Delimiters
	Interchanges []*Interchange
	// Warnings are anomalies recovered from, in input order, including
	// each message's own warnings.
	Warnings []Warning
}

// Messages returns every message of every interchange, in order.
func (f *File) Messages() []*Message {
	var out []*Message
	for _, ic := range f.Interchanges {
		out = append(out, ic.Messages...)
	}
	return out
}

// Interchange is one UNB..UNZ envelope. A bare UNH..UNT message without
// an interchange envelope is read into an Interchange with a nil Header.
type Interchange struct {
	Header  *Segment // UNB
	Trailer *Segment // UNZ; nil when missing
	// Syntax is the syntax identifier (UNOA, UNOB, UNOC, UNOY, IATA...) and
	// SyntaxVersion its version number.
	Syntax        string
	SyntaxVersion string
	Sender        string
	Recipient     string
	// Date and Time are as sent (YYMMDD or CCYYMMDD, HHMM).
	Date        string
	Time        string
	Control     string
	Application string
	Test        bool
	Groups      []*Group
	Messages    []*Message
}

// Group is one UNG..UNE functional group.
type Group struct {
	Header    *Segment
	Trailer   *Segment
	Type      string
	Sender    string
	Recipient string
	Reference string
	Agency    string
	Version   string
}

// Message is one UNH..UNT message.
type Message struct {
	Header  *Segment // UNH
	Trailer *Segment // UNT
	// Reference is the message reference number (UNH 0062).
	Reference   string
	Type        string // e.g. PAXLST, PNRGOV
	Version     string // e.g. D, 11
	Release     string // e.g. 05B, 1
	Agency      string // e.g. UN, IA
	Association string // e.g. IATA
	// CommonAccess ties the parts of a multi-part message (UNH 0068).
	CommonAccess string
	// Sequence is the part number (UNH S010), 0 when not given; Last is
	// true for the final part ("F") and for a message that is not split.
	Sequence int
	Last     bool
	// Segments are the segments between UNH and UNT.
	Segments    []*Segment
	Interchange *Interchange
	Group       *Group
	Warnings    []Warning
}

// VersionString returns "version:release" as in "D:05B" or "13:1".
func (m *Message) VersionString() string {
	if m.Release == "" {
		return m.Version
	}
	return m.Version + ":" + m.Release
}

// ReadFile reads every interchange in data. It fails on input that cannot
// be read: not EDIFACT, a bad UNA, a message without its UNT, a segment
// outside any message, invalid text for the declared character set, a
// file that ends inside a segment. Control counts and references that
// disagree are warnings naming both values.
func ReadFile(data []byte) (*File, error) {
	sc := newRetainingScanner(data)
	f := &File{}
	r := &envReader{sc: sc, f: f}
	err := r.run()
	f.Delimiters = sc.Delimiters()
	f.Warnings = append(sc.Warnings(), f.Warnings...)
	if err != nil {
		return f, err
	}
	return f, nil
}

type envReader struct {
	sc  *Scanner
	f   *File
	ic  *Interchange
	grp *Group
	msg *Message

	// slab holds the segments; ptrs the message segments of every message
	// in turn, each message's Segments being a window on it.
	slab     []Segment
	ptrs     []*Segment
	msgStart int // index in ptrs of the current message's first segment

	groupMsgs int // messages in the current group
	icItems   int // groups or messages in the current interchange
	msgSegs   int // segments in the current message, UNH..UNT inclusive
}

func (r *envReader) warn(seg *Segment, format string, args ...any) {
	w := Warning{Index: seg.Index, Offset: seg.Offset, Tag: seg.Tag, Text: fmt.Sprintf(format, args...)}
	if r.msg != nil {
		r.msg.Warnings = append(r.msg.Warnings, w)
	}
	r.f.Warnings = append(r.f.Warnings, w)
}

func errAt(seg *Segment, format string, args ...any) error {
	return &SyntaxError{Index: seg.Index, Offset: seg.Offset, Tag: seg.Tag, Reason: fmt.Sprintf(format, args...)}
}

func (r *envReader) run() error {
	sc := r.sc
	// Segments are allocated in one slab sized from the input, growing in
	// blocks if the estimate falls short; so are the pointers to message
	// segments.
	n := max(sc.segHint, 16)
	r.slab, r.ptrs = make([]Segment, 0, n), make([]*Segment, 0, n)
	for {
		// The scanner reads each segment straight into its slot.
		if len(r.slab) == cap(r.slab) {
			r.slab = make([]Segment, 0, 256)
		}
		r.slab = r.slab[:len(r.slab)+1]
		seg := &r.slab[len(r.slab)-1]
		sc.dst = seg
		if !sc.Scan() {
			r.slab = r.slab[:len(r.slab)-1]
			break
		}
		if !sc.plain {
			if err := r.checkText(seg); err != nil {
				return err
			}
		}
		if sc.Unterminated() {
			if !r.acceptUnterminated(seg) {
				return errAt(seg, "input ends inside the segment (no segment terminator %q): truncated or malformed", string(sc.Delimiters().Terminator))
			}
			r.warn(seg, "last segment has no segment terminator")
		}
		if err := r.segment(seg); err != nil {
			return err
		}
		if seg.Tag == "UNZ" && r.trailingText() {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if r.msg != nil {
		return &SyntaxError{Index: r.msg.Header.Index, Offset: r.msg.Header.Offset, Tag: "UNH",
			Reason: fmt.Sprintf("message %q has no UNT: input truncated after %d segments", r.msg.Reference, r.msgSegs)}
	}
	if r.ic != nil && r.ic.Header != nil && r.ic.Trailer == nil {
		r.f.Warnings = append(r.f.Warnings, Warning{Index: r.ic.Header.Index, Tag: "UNB", Offset: r.ic.Header.Offset,
			Text: fmt.Sprintf("interchange %q has no UNZ", r.ic.Control)})
	}
	if len(r.f.Interchanges) == 0 {
		return &SyntaxError{Reason: "no interchange found"}
	}
	if len(r.f.Messages()) == 0 {
		return &SyntaxError{Reason: "interchange holds no message (no UNH)"}
	}
	return nil
}

// trailingText reports, with a warning, text after an interchange that
// does not start another one (seen: a date, a note), which is ignored.
func (r *envReader) trailingText() bool {
	rest := strings.TrimSpace(r.sc.Rest())
	if rest == "" || findStart([]byte(rest)) == 0 {
		return false
	}
	r.f.Warnings = append(r.f.Warnings, Warning{Offset: r.sc.pos, Text: fmt.Sprintf("ignored %d bytes of text after UNZ: %q", len(rest), clip(rest, 20))})
	return true
}

// acceptUnterminated decides whether a segment running to the end of the
// input is a harmless missing final terminator: only a UNZ whose control
// reference matches its UNB qualifies.
func (r *envReader) acceptUnterminated(seg *Segment) bool {
	if seg.Tag != "UNZ" || r.ic == nil || r.ic.Header == nil {
		return false
	}
	return strings.TrimSpace(seg.Value(1, 0)) == r.ic.Control
}

// checkText refuses bytes that are not valid for the interchange's
// character set. UNOC (ISO 8859-1) text is converted to UTF-8.
func (r *envReader) checkText(seg *Segment) error {
	latin1 := r.ic != nil && (r.ic.Syntax == "UNOC" || r.ic.Syntax == "UNOD" || r.ic.Syntax == "UNOE" || r.ic.Syntax == "UNOF")
	for i, e := range seg.Elements {
		for j, c := range e {
			if isASCII(c) {
				continue
			}
			if latin1 {
				e[j] = latin1ToUTF8(c)
				continue
			}
			if !utf8.ValidString(c) {
				bad := firstInvalid(c)
				if r.ic != nil && r.ic.Syntax == "UNOY" {
					return errAt(seg, "element %d: invalid UTF-8 byte 0x%02X in a UNOY (UTF-8) interchange", i+1, bad)
				}
				// Legacy single-byte text in an ASCII-level interchange (seen in
				// real files): keep the message, mark the character unknown.
				c = strings.ToValidUTF8(c, "\uFFFD")
				e[j] = c
				r.warn(seg, "element %d: byte 0x%02X is not valid UTF-8 (declared character set %s); replaced with U+FFFD", i+1, bad, r.syntaxName())
			}
			for _, ru := range c {
				if ru < 0x20 && ru != '\t' {
					return errAt(seg, "element %d: control character 0x%02X in text: binary data?", i+1, ru)
				}
			}
		}
	}
	return nil
}

func (r *envReader) syntaxName() string {
	if r.ic == nil || r.ic.Syntax == "" {
		return "none"
	}
	return r.ic.Syntax
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 && c != '\t' {
			return false
		}
	}
	return true
}

func firstInvalid(s string) byte {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return s[i]
		}
		i += size
	}
	return 0
}

func latin1ToUTF8(s string) string {
	if utf8.ValidString(s) {
		// Already UTF-8 despite the declaration: keep it.
		return s
	}
	b := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, rune(s[i]))
	}
	return string(b)
}

func (r *envReader) segment(seg *Segment) error {
	switch seg.Tag {
	case "UNA":
		return errAt(seg, "UNA must come first in the input")
	case "UNB":
		if r.msg != nil {
			return errAt(seg, "UNB inside message %q (missing UNT)", r.msg.Reference)
		}
		r.closeInterchange(nil)
		ic := &Interchange{
			Header:        seg,
			Syntax:        strings.TrimSpace(seg.Value(0, 0)),
			SyntaxVersion: seg.Value(0, 1),
			Sender:        strings.TrimSpace(seg.Value(1, 0)),
			Recipient:     strings.TrimSpace(seg.Value(2, 0)),
			Date:          seg.Value(3, 0),
			Time:          seg.Value(3, 1),
			Control:       strings.TrimSpace(seg.Value(4, 0)),
			Application:   strings.TrimSpace(seg.Value(6, 0)),
			Test:          seg.Value(10, 0) == "1",
		}
		r.ic = ic
		r.icItems = 0
		r.f.Interchanges = append(r.f.Interchanges, ic)
		return nil
	case "UNZ":
		if r.msg != nil {
			return errAt(seg, "UNZ inside message %q (missing UNT)", r.msg.Reference)
		}
		if r.ic == nil || r.ic.Header == nil {
			r.f.Warnings = append(r.f.Warnings, Warning{Index: seg.Index, Offset: seg.Offset, Tag: seg.Tag, Text: "UNZ without UNB"})
			return nil
		}
		r.closeInterchange(seg)
		return nil
	case "UNG":
		if r.msg != nil {
			return errAt(seg, "UNG inside message %q (missing UNT)", r.msg.Reference)
		}
		r.ensureInterchange(seg)
		r.grp = &Group{Header: seg, Type: strings.TrimSpace(seg.Value(0, 0)), Sender: strings.TrimSpace(seg.Value(1, 0)),
			Recipient: strings.TrimSpace(seg.Value(2, 0)), Reference: strings.TrimSpace(seg.Value(4, 0)),
			Agency: seg.Value(5, 0), Version: strings.Trim(seg.Value(6, 0)+":"+seg.Value(6, 1), ":")}
		r.ic.Groups = append(r.ic.Groups, r.grp)
		r.icItems++
		r.groupMsgs = 0
		return nil
	case "UNE":
		if r.msg != nil {
			return errAt(seg, "UNE inside message %q (missing UNT)", r.msg.Reference)
		}
		if r.grp == nil {
			r.warn(seg, "UNE without UNG")
			return nil
		}
		r.grp.Trailer = seg
		if n, ok := count(seg.Value(0, 0)); !ok || n != r.groupMsgs {
			r.warn(seg, "UNE declares %s messages, group has %d", seg.Value(0, 0), r.groupMsgs)
		}
		if ref := strings.TrimSpace(seg.Value(1, 0)); ref != r.grp.Reference {
			r.warn(seg, "UNE reference %q does not match UNG %q", ref, r.grp.Reference)
		}
		r.grp = nil
		return nil
	case "UNH":
		if r.msg != nil {
			return errAt(seg, "UNH inside message %q (missing UNT)", r.msg.Reference)
		}
		r.ensureInterchange(seg)
		m := &Message{
			Header:       seg,
			Reference:    strings.TrimSpace(seg.Value(0, 0)),
			Type:         strings.TrimSpace(seg.Value(1, 0)),
			Version:      seg.Value(1, 1),
			Release:      seg.Value(1, 2),
			Agency:       seg.Value(1, 3),
			Association:  seg.Value(1, 4),
			CommonAccess: strings.TrimSpace(seg.Value(2, 0)),
			Interchange:  r.ic,
			Group:        r.grp,
			Last:         true,
		}
		if m.Type == "" {
			return errAt(seg, "UNH has no message type")
		}
		if s := strings.TrimSpace(seg.Value(3, 0)); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return errAt(seg, "sequence of transfers %q is not a number", s)
			}
			m.Sequence = n
			switch strings.TrimSpace(seg.Value(3, 1)) {
			case "C":
				m.Last = false
			case "F", "":
			default:
				r.warn(seg, "unknown first/last transfer indicator %q", seg.Value(3, 1))
			}
		}
		r.msg = m
		r.msgStart = len(r.ptrs)
		r.msgSegs = 1
		r.ic.Messages = append(r.ic.Messages, m)
		if r.grp != nil {
			r.groupMsgs++
		} else {
			r.icItems++
		}
		return nil
	case "UNT":
		if r.msg == nil {
			return errAt(seg, "UNT without UNH")
		}
		r.msgSegs++
		m := r.msg
		m.Trailer = seg
		declared := strings.TrimSpace(seg.Value(0, 0))
		if n, ok := count(declared); !ok || n != r.msgSegs {
			r.warn(seg, "UNT declares %s segments, message has %d (UNH to UNT)", declared, r.msgSegs)
		}
		if ref := strings.TrimSpace(seg.Value(1, 0)); ref != m.Reference {
			r.warn(seg, "UNT reference %q does not match UNH %q", ref, m.Reference)
		}
		r.msg = nil
		return nil
	}
	if r.msg == nil {
		if r.ic != nil && r.ic.Trailer != nil {
			return errAt(seg, "segment after UNZ, outside any interchange")
		}
		return errAt(seg, "segment outside any message (no UNH before it)")
	}
	r.msgSegs++
	if len(r.ptrs) == cap(r.ptrs) {
		// Out of room: continue in a new block, starting with this
		// message's segments so far.
		more := make([]*Segment, 0, max(256, 2*(len(r.ptrs)-r.msgStart)))
		r.ptrs = append(more, r.ptrs[r.msgStart:]...)
		r.msgStart = 0
	}
	r.ptrs = append(r.ptrs, seg)
	r.msg.Segments = r.ptrs[r.msgStart:len(r.ptrs):len(r.ptrs)]
	return nil
}

// ensureInterchange opens an implicit interchange for messages sent
// without UNB.
func (r *envReader) ensureInterchange(seg *Segment) {
	if r.ic == nil || r.ic.Trailer != nil {
		r.ic = &Interchange{}
		r.icItems = 0
		r.f.Interchanges = append(r.f.Interchanges, r.ic)
		r.f.Warnings = append(r.f.Warnings, Warning{Index: seg.Index, Offset: seg.Offset, Tag: seg.Tag, Text: "no UNB interchange header"})
	}
}

func (r *envReader) closeInterchange(unz *Segment) {
	if r.ic == nil {
		return
	}
	if r.grp != nil {
		r.f.Warnings = append(r.f.Warnings, Warning{Index: r.grp.Header.Index, Offset: r.grp.Header.Offset, Tag: "UNG",
			Text: fmt.Sprintf("group %q has no UNE", r.grp.Reference)})
		r.grp = nil
	}
	if unz == nil {
		return
	}
	r.ic.Trailer = unz
	if n, ok := count(unz.Value(0, 0)); !ok || n != r.icItems {
		r.warn(unz, "UNZ declares %s groups or messages, interchange has %d", unz.Value(0, 0), r.icItems)
	}
	if ref := strings.TrimSpace(unz.Value(1, 0)); ref != r.ic.Control {
		r.warn(unz, "UNZ reference %q does not match UNB %q", ref, r.ic.Control)
	}
}

func count(s string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil
}
