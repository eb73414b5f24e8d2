package pnrgov

import (
	"strings"

	"github.com/chokepoint/chokepoint/internal/edifact"
)

// ediIsTag reports whether s is one of the PNRGOV segment tags a missing
// terminator can glue to the end of the segment before. (A switch: this
// runs for every element of every segment, where a map lookup showed.)
func ediIsTag(s string) bool {
	switch s {
	case "MSG", "ORG", "TVL", "EQN", "SRC", "RCI", "SSR",
		"DAT", "IFT", "ADD", "EBD", "TIF", "FTI", "REF",
		"FAR", "TKT", "MON", "PTK", "TXD", "FOP", "TRA",
		"RPI", "APD", "SSD", "TRI", "TBD", "ABI", "SAC",
		"LTS":
		return true
	}
	return false
}

// ediMaxElements returns the most data elements a segment can have; a
// segment with more is suspected of swallowing the next one. capped is
// false for segments without such a limit.
func ediMaxElements(tag string) (max int, capped bool) {
	switch tag {
	case "SRC":
		return 0, true
	case "LTS", "EQN":
		return 1, true
	case "RPI", "TIF", "TRI", "APD", "MSG", "REF", "TKT", "TRA":
		return 2, true
	case "SAC":
		return 3, true
	case "SSD":
		return 6, true
	case "ORG":
		return 9, true
	}
	return 0, false
}

const ediRightQuote = "\u2019"

// ediUnfuse repairs segments glued together by a missing segment
// terminator ("RPI+1+HKIFT+4:19+...", "...+9TIF+KIM:I+..."), or by a
// U+2019 typographic apostrophe used as terminator ("SEJOON’TVL+..."):
// a segment with more elements than its kind can have, whose element ends
// with a known tag, is split there, with a warning. The input slice is
// returned unchanged when nothing needs repair.
func ediUnfuse(segs []*edifact.Segment, p *ediParser) []*edifact.Segment {
	var out []*edifact.Segment
	for i, seg := range segs {
		first, rest := ediSplitFused(seg)
		if rest == nil {
			if out != nil {
				out = append(out, seg)
			}
			continue
		}
		if out == nil {
			out = make([]*edifact.Segment, 0, len(segs)+4)
			out = append(out, segs[:i]...)
		}
		for rest != nil {
			p.warn(seg, "segment terminator missing before %s: read as two segments", rest.Tag)
			out = append(out, first)
			first, rest = ediSplitFused(rest)
		}
		out = append(out, first)
	}
	if out == nil {
		return segs
	}
	return out
}

// ediSplitFused splits seg at a glued tag, or returns (seg, nil).
func ediSplitFused(seg *edifact.Segment) (*edifact.Segment, *edifact.Segment) {
	max, capped := ediMaxElements(seg.Tag)
	over := capped && len(seg.Elements) > max
	for i, e := range seg.Elements {
		if len(e) == 0 {
			continue
		}
		v := e[len(e)-1]
		if len(v) < 4 {
			continue
		}
		tag := v[len(v)-3:]
		if !ediIsTag(tag) {
			continue
		}
		head := v[:len(v)-3]
		quote := strings.HasSuffix(head, ediRightQuote)
		if !quote && !(over && i < max) {
			continue
		}
		head = strings.TrimSuffix(head, ediRightQuote)
		firstElems := make([]edifact.Element, i+1)
		copy(firstElems, seg.Elements[:i])
		last := make(edifact.Element, len(e))
		copy(last, e)
		last[len(last)-1] = head
		firstElems[i] = last
		first := &edifact.Segment{Tag: seg.Tag, Index: seg.Index, Offset: seg.Offset, Elements: firstElems}
		rest := &edifact.Segment{Tag: tag, Index: seg.Index, Offset: seg.Offset, Elements: seg.Elements[i+1:]}
		return first, rest
	}
	return seg, nil
}
