package pnrgov

import (
	"strings"

	"github.com/chokepoint/chokepoint/internal/edifact"
)

// ediTags are the PNRGOV segment tags a missing terminator can glue to the
// end of the segment before.
var ediTags = map[string]bool{
	"MSG": true, "ORG": true, "TVL": true, "EQN": true, "SRC": true, "RCI": true, "SSR": true,
	"DAT": true, "IFT": true, "ADD": true, "EBD": true, "TIF": true, "FTI": true, "REF": true,
	"FAR": true, "TKT": true, "MON": true, "PTK": true, "TXD": true, "FOP": true, "TRA": true,
	"RPI": true, "APD": true, "SSD": true, "TRI": true, "TBD": true, "ABI": true, "SAC": true,
	"LTS": true,
}

// ediMaxElements is the most data elements a segment can have; a segment
// with more is suspected of swallowing the next one.
var ediMaxElements = map[string]int{
	"RPI": 2, "ORG": 9, "LTS": 1, "TIF": 2, "EQN": 1, "SAC": 3, "TRI": 2, "APD": 2, "SSD": 6, "SRC": 0,
	"MSG": 2, "REF": 2, "TKT": 2, "TRA": 2,
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
	max, capped := ediMaxElements[seg.Tag]
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
		if !ediTags[tag] {
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
