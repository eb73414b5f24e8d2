package paxlst

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/chokepoint/chokepoint/internal/message"
)

// SeriesKey returns the key that ties the parts of one multi-part PAXLST
// series together (UNH S010), and false for a message that is not a part.
// The key is the sender, the document type and the common access reference
// (UNH 0068); when the sender left 0068 empty, the first flight leg stands
// in for it. A passenger list and a crew list of one flight share 0068 in
// practice, hence the document type.
func SeriesKey(m *message.Message) (string, bool) {
	if m == nil || m.Part == nil {
		return "", false
	}
	tie := m.Part.CommonAccess
	if tie == "" && len(m.Flights) > 0 {
		f := m.Flights[0]
		tie = "flight " + f.Carrier + f.Number + " " + f.Origin + " " + f.Departure
	}
	return m.Sender + "|" + m.DocumentType + "|" + tie, true
}

// IncompleteError reports a series that cannot be merged yet: parts are
// missing, or the last part has not arrived.
type IncompleteError struct {
	Key     string
	Have    []int // part numbers received, ascending
	Missing []int // part numbers known to be missing (below the highest received)
	// LastSeen is true when the final part ("F") is among those received.
	LastSeen bool
}

func (e *IncompleteError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "series %q incomplete: have parts %s", e.Key, ints(e.Have))
	if len(e.Missing) > 0 {
		fmt.Fprintf(&b, ", missing %s", ints(e.Missing))
	}
	if !e.LastSeen {
		b.WriteString(", final part not received")
	}
	return b.String()
}

func ints(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// Merge joins the parts of one multi-part PAXLST series into a single
// message: the header and flight legs of part 1, the travellers of every
// part in part order, and each part's warnings prefixed with its number.
// The merged message has no Part. The declared count (CNT, which covers
// the whole flight) is checked against the travellers of all parts.
//
// A part received twice with the same content is used once (with a
// warning); with different content it is an error. A series with parts
// missing, or without its final part, returns *IncompleteError, which
// callers holding parts until the series completes can test with
// errors.As. A single message that is not a part is returned unchanged.
// The merged message shares documents, bags and other nested data with the
// parts; parts are not modified.
func Merge(parts []*message.Message) (*message.Message, error) {
	if len(parts) == 0 {
		return nil, errors.New("paxlst: merge: no parts")
	}
	if len(parts) == 1 && parts[0] != nil && parts[0].Part == nil {
		return parts[0], nil
	}
	key, ok := SeriesKey(parts[0])
	if !ok {
		return nil, errors.New("paxlst: merge: part 1 of the input is not a part of a series")
	}
	for i, m := range parts[1:] {
		k, ok := SeriesKey(m)
		if !ok || k != key {
			return nil, fmt.Errorf("paxlst: merge: input %d belongs to series %q, not %q", i+2, k, key)
		}
	}
	sorted := slices.Clone(parts)
	slices.SortStableFunc(sorted, func(a, b *message.Message) int { return a.Part.Sequence - b.Part.Sequence })

	var notes []string
	uniq := sorted[:0:0]
	for _, m := range sorted {
		if n := len(uniq); n > 0 && uniq[n-1].Part.Sequence == m.Part.Sequence {
			if !reflect.DeepEqual(uniq[n-1], m) {
				return nil, fmt.Errorf("paxlst: merge: series %q: part %d received twice with different content", key, m.Part.Sequence)
			}
			notes = append(notes, fmt.Sprintf("part %d received twice; used once", m.Part.Sequence))
			continue
		}
		uniq = append(uniq, m)
	}

	inc := &IncompleteError{Key: key}
	next := 1
	for _, m := range uniq {
		s := m.Part.Sequence
		inc.Have = append(inc.Have, s)
		for ; next < s; next++ {
			inc.Missing = append(inc.Missing, next)
		}
		next = s + 1
		if m.Part.Last {
			inc.LastSeen = true
		}
	}
	last := uniq[len(uniq)-1]
	for _, m := range uniq[:len(uniq)-1] {
		if m.Part.Last {
			return nil, fmt.Errorf("paxlst: merge: series %q: part %d is marked final but part %d follows", key, m.Part.Sequence, last.Part.Sequence)
		}
	}
	if len(inc.Missing) > 0 || !inc.LastSeen || uniq[0].Part.Sequence < 1 {
		return nil, inc
	}

	first := uniq[0]
	out := &message.Message{
		Kind:              first.Kind,
		Format:            first.Format,
		Version:           first.Version,
		Sender:            first.Sender,
		Recipient:         first.Recipient,
		Prepared:          first.Prepared,
		Reference:         first.Reference,
		DocumentType:      first.DocumentType,
		DocumentQualifier: first.DocumentQualifier,
		PushType:          first.PushType,
		ReportingParty:    first.ReportingParty,
		Flights:           slices.Clone(first.Flights),
		DeclaredCount:     last.DeclaredCount,
	}
	out.Warnings = append(out.Warnings, notes...)
	for _, m := range uniq {
		n := m.Part.Sequence
		for _, w := range m.Warnings {
			out.Warnings = append(out.Warnings, fmt.Sprintf("part %d: %s", n, w))
		}
		if n != first.Part.Sequence && !slices.Equal(m.Flights, first.Flights) {
			out.Warnings = append(out.Warnings, fmt.Sprintf("part %d lists other flight legs than part 1; part 1's kept", n))
		}
		if m.DeclaredCount != 0 && m.DeclaredCount != out.DeclaredCount {
			out.Warnings = append(out.Warnings, fmt.Sprintf("part %d declares %d travellers, the final part %d", n, m.DeclaredCount, out.DeclaredCount))
		}
		if m.ReportingParty != "" && out.ReportingParty == "" {
			out.ReportingParty = m.ReportingParty
		}
		out.Travellers = append(out.Travellers, m.Travellers...)
		out.Unknown = append(out.Unknown, m.Unknown...)
		for k, v := range m.SensitiveDropped {
			if out.SensitiveDropped == nil {
				out.SensitiveDropped = map[string]int{}
			}
			out.SensitiveDropped[k] += v
		}
	}
	if out.DeclaredCount == 0 {
		for _, m := range uniq {
			out.DeclaredCount = max(out.DeclaredCount, m.DeclaredCount)
		}
	}
	if out.DeclaredCount != 0 && out.DeclaredCount != len(out.Travellers) {
		out.Warnings = append(out.Warnings, fmt.Sprintf("series declares %d travellers (CNT), its %d parts list %d", out.DeclaredCount, len(uniq), len(out.Travellers)))
	}
	return out, nil
}
