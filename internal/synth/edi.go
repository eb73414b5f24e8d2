package synth

import (
	"strconv"
)

// ediWriter builds one UN/EDIFACT interchange with the default service
// characters (UNA:+.? '), escaping data with the release character and
// counting segments for UNT.
type ediWriter struct {
	buf      []byte
	segs     int // segments of the open message, UNH..UNT inclusive
	msgs     int // messages of the open group
	icMsgs   int // messages of the interchange
	groups   int // groups of the interchange
	control  string
	groupRef string
	msgRef   string
}

// una is the service string advice: component ':', element '+', decimal
// '.', release '?', repetition ' ' (reserved), terminator '\”.
const una = "UNA:+.? '"

func newEdiWriter(buf []byte) *ediWriter {
	w := &ediWriter{buf: buf[:0]}
	w.buf = append(w.buf, una...)
	w.buf = append(w.buf, '\n')
	return w
}

// seg starts a segment with its tag.
func (w *ediWriter) seg(tag string) *ediWriter {
	w.buf = append(w.buf, tag...)
	w.segs++
	return w
}

// el starts a new data element and writes its first component, escaped.
func (w *ediWriter) el(v string) *ediWriter {
	w.buf = append(w.buf, '+')
	w.buf = appendEscaped(w.buf, v)
	return w
}

// co writes a further component of the current element, escaped.
func (w *ediWriter) co(v string) *ediWriter {
	w.buf = append(w.buf, ':')
	w.buf = appendEscaped(w.buf, v)
	return w
}

// els writes several elements of one component each.
func (w *ediWriter) els(vs ...string) *ediWriter {
	for _, v := range vs {
		w.el(v)
	}
	return w
}

// cos writes several components after the current one.
func (w *ediWriter) cos(vs ...string) *ediWriter {
	for _, v := range vs {
		w.co(v)
	}
	return w
}

// end terminates the segment, trimming trailing empty elements and
// components as the syntax rules require, and adds a line break for
// readability (allowed between segments).
func (w *ediWriter) end() {
	for len(w.buf) > 0 {
		c := w.buf[len(w.buf)-1]
		if (c == '+' || c == ':') && !escapedAt(w.buf, len(w.buf)-1) {
			w.buf = w.buf[:len(w.buf)-1]
			continue
		}
		break
	}
	w.buf = append(w.buf, '\'', '\n')
}

// escapedAt reports whether the byte at i is preceded by an odd number of
// release characters.
func escapedAt(b []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && b[j] == '?'; j-- {
		n++
	}
	return n%2 == 1
}

// appendEscaped appends v with the four service characters released.
func appendEscaped(b []byte, v string) []byte {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\'', '+', ':', '?':
			b = append(b, '?', c)
		default:
			b = append(b, c)
		}
	}
	return b
}

// unb opens the interchange.
func (w *ediWriter) unb(syntax, syntaxVersion, sender, senderQual, recipient, recipientQual, date, clock, control, app string) {
	w.control = control
	w.seg("UNB").el(syntax).co(syntaxVersion).el(sender)
	if senderQual != "" {
		w.co(senderQual)
	}
	w.el(recipient)
	if recipientQual != "" {
		w.co(recipientQual)
	}
	w.el(date).co(clock).el(control).el("").el(app).end()
	w.segs = 0
}

// ung opens a functional group.
func (w *ediWriter) ung(typ, sender, recipient, date, clock, ref, agency, version, release string) {
	w.groupRef = ref
	w.groups++
	w.msgs = 0
	w.seg("UNG").els(typ, sender, recipient).el(date).co(clock).els(ref, agency).el(version).co(release).end()
	w.segs = 0
}

// unh opens a message; counting starts at UNH.
func (w *ediWriter) unh(ref, typ, version, release, agency, assoc, access string) {
	w.msgRef = ref
	w.msgs++
	w.icMsgs++
	w.segs = 0
	w.seg("UNH").el(ref).el(typ).cos(version, release, agency)
	if assoc != "" {
		w.co(assoc)
	}
	if access != "" {
		w.el(access)
	}
	w.end()
}

// unt closes the message with its segment count, UNH and UNT included.
func (w *ediWriter) unt() {
	n := w.segs + 1
	w.seg("UNT").el(strconv.Itoa(n)).el(w.msgRef).end()
}

// une closes the group with its message count.
func (w *ediWriter) une() {
	w.seg("UNE").el(strconv.Itoa(w.msgs)).el(w.groupRef).end()
}

// unz closes the interchange with its group count, or its message count
// when it has no groups.
func (w *ediWriter) unz() {
	n := w.groups
	if n == 0 {
		n = w.icMsgs
	}
	w.seg("UNZ").el(strconv.Itoa(n)).el(w.control).end()
}
