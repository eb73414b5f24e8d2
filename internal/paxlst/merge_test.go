package paxlst

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
)

// part builds part seq of a series of a passenger list with the given
// travellers' surnames; last marks the final part.
func part(t *testing.T, seq int, last bool, declared int, surnames ...string) *message.Message {
	t.Helper()
	flag := "C"
	if last {
		flag = "F"
	}
	var b strings.Builder
	b.WriteString("UNB+UNOA:4+SENDER+RECIP+260101:1200+IC1'")
	fmt.Fprintf(&b, "UNH+M%d+PAXLST:D:05B:UN:IATA+LH400/260101/1030+%02d:%s'", seq, seq, flag)
	n := 0
	for _, s := range append(slices.Clone(leg), "NAD+MS+++OPS") {
		b.WriteString(s + "'")
		n++
	}
	for _, s := range surnames {
		fmt.Fprintf(&b, "NAD+FL+++%s:X'", s)
		n++
	}
	fmt.Fprintf(&b, "CNT+42:%d'UNT+%d+M%d'UNZ+1+IC1'", declared, n+3, seq)
	return parseOne(t, []byte(b.String()))
}

func surnames(m *message.Message) string {
	var s []string
	for _, t := range m.Travellers {
		s = append(s, t.Surname)
	}
	return strings.Join(s, ",")
}

func TestMerge(t *testing.T) {
	p1 := part(t, 1, false, 5, "A", "B")
	p2 := part(t, 2, false, 5, "C")
	p3 := part(t, 3, true, 5, "D", "E")
	for _, p := range []*message.Message{p1, p2, p3} {
		if hasWarning(p, "CNT+42 declares") {
			t.Errorf("part %d: flight-wide CNT compared with the part: %q", p.Part.Sequence, p.Warnings)
		}
	}
	k1, ok1 := SeriesKey(p1)
	k3, ok3 := SeriesKey(p3)
	if !ok1 || !ok3 || k1 != k3 || !strings.Contains(k1, "LH400/260101/1030") {
		t.Fatalf("series keys %q/%v and %q/%v", k1, ok1, k3, ok3)
	}

	m, err := Merge([]*message.Message{p3, p1, p2})
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	if got := surnames(m); got != "A,B,C,D,E" {
		t.Errorf("travellers = %s, want A,B,C,D,E in part order", got)
	}
	if m.Part != nil || m.Reference != "M1" || m.DeclaredCount != 5 || len(m.Flights) != 1 || m.ReportingParty != "OPS" {
		t.Errorf("merged header: part %+v, reference %q, declared %d, flights %d, party %q", m.Part, m.Reference, m.DeclaredCount, len(m.Flights), m.ReportingParty)
	}
	if hasWarning(m, "series declares") {
		t.Errorf("complete series warned about its count: %q", m.Warnings)
	}
	if !hasWarning(m, "part 1: segment") {
		t.Errorf("parts' warnings not carried with their number: %q", m.Warnings)
	}

	// The count is checked across the series.
	short := part(t, 3, true, 6, "D", "E")
	m, err = Merge([]*message.Message{p1, p2, short})
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(m, "series declares 6 travellers (CNT), its 3 parts list 5") {
		t.Errorf("no count warning: %q", m.Warnings)
	}

	// A resent identical part is used once.
	m, err = Merge([]*message.Message{p1, p2, p2, p3})
	if err != nil || surnames(m) != "A,B,C,D,E" || !hasWarning(m, "part 2 received twice") {
		t.Errorf("duplicate part: err %v, travellers %s, warnings %q", err, surnames(m), m.Warnings)
	}
}

func TestMergeErrors(t *testing.T) {
	p1 := part(t, 1, false, 4, "A")
	p2 := part(t, 2, false, 4, "B")
	p3 := part(t, 3, true, 4, "C", "D")
	tests := []struct {
		name  string
		parts []*message.Message
		want  string
		inc   *IncompleteError
	}{
		{"empty", nil, "no parts", nil},
		{"gap", []*message.Message{p1, p3}, "missing 2", &IncompleteError{Have: []int{1, 3}, Missing: []int{2}, LastSeen: true}},
		{"no final part", []*message.Message{p1, p2}, "final part not received", &IncompleteError{Have: []int{1, 2}, LastSeen: false}},
		{"conflicting resend", []*message.Message{p1, p2, part(t, 2, false, 4, "Z"), p3}, "part 2 received twice with different content", nil},
		{"final part not last", []*message.Message{p1, part(t, 2, true, 4, "B"), p3}, "part 2 is marked final but part 3 follows", nil},
		{"single-part message with parts", []*message.Message{part(t, 1, true, 4, "A"), p2}, "not a part of a series", nil},
	}
	other := part(t, 2, true, 4, "B")
	other.Sender = "SOMEONE ELSE"
	tests = append(tests, struct {
		name  string
		parts []*message.Message
		want  string
		inc   *IncompleteError
	}{"other series", []*message.Message{p1, other}, "belongs to series", nil})

	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Merge(tc.parts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if m != nil {
				t.Errorf("got a message with the error")
			}
			var inc *IncompleteError
			if errors.As(err, &inc) != (tc.inc != nil) {
				t.Fatalf("IncompleteError = %v, want %v", inc, tc.inc)
			}
			if tc.inc != nil && (!slices.Equal(inc.Have, tc.inc.Have) || !slices.Equal(inc.Missing, tc.inc.Missing) || inc.LastSeen != tc.inc.LastSeen) {
				t.Errorf("incomplete = %+v, want %+v", inc, tc.inc)
			}
		})
	}
}

// TestMergeRealParts: the real samples are single parts of longer series.
func TestMergeRealParts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		missing  int
		lastSeen bool
	}{
		{"airline2", 9, true}, // part 10 of 10
		{"Test3", 0, false},   // part 1, more to come
	} {
		m := parseOne(t, readSample(t, tc.name))
		_, err := Merge([]*message.Message{m})
		var inc *IncompleteError
		if !errors.As(err, &inc) || len(inc.Missing) != tc.missing || inc.LastSeen != tc.lastSeen {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	// A message that is not a part merges to itself.
	m := parseOne(t, readSample(t, "flight1"))
	got, err := Merge([]*message.Message{m})
	if err != nil || got != m {
		t.Errorf("single message: %v", err)
	}
	if _, ok := SeriesKey(m); ok {
		t.Error("single message has a series key")
	}
}
