package paxlst

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
)

var (
	dateRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	dateTimeRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$`)
	validRoles = map[string]bool{
		message.RolePassenger: true, message.RoleCrew: true, message.RoleTransitPassenger: true,
		message.RoleTransitCrew: true, message.RoleOther: true,
	}
)

// FuzzParse feeds mutations of the real samples (and of the legacy US
// layout) to Parse: it must never panic, must be deterministic, and every
// message it returns must keep the model's invariants.
func FuzzParse(f *testing.F) {
	for name := range samples {
		f.Add(shorten(readSample(f, name), 80))
	}
	f.Add(withLeg("NAD+FL+++DOE:JOHN:PAUL MR", "MEA+WT++LBR:44", "FTX+BAG+++LH123456:3", "FTX+AAI+++TEXT", "DOC+P+1", "DTM+36:300101", "LOC+91+D", "CNT+42:1"))
	f.Add(legacyUS("TDT++TA0100+40+TA", "LOC+5+NZAKL:50", "DTM+136+090315+2200+M10", "LOC+PT+USHNL:50", "LOC+8+USORD:50", "UNS+D", "PDT+P/Q1:201231:NZ+KAHU:ARI::800101:F+CRW+NZAKL:USORD"))
	f.Fuzz(func(t *testing.T, data []byte) {
		msgs, err := Parse(data, testOpts)
		again, err2 := Parse(data, testOpts)
		if (err == nil) != (err2 == nil) || !reflect.DeepEqual(msgs, again) {
			t.Fatalf("Parse is not deterministic")
		}
		for _, m := range msgs {
			if m.Kind != message.KindAPI || m.Format != message.FormatPAXLST || m.Flights == nil {
				t.Fatalf("bad header: kind %q format %q flights nil %v", m.Kind, m.Format, m.Flights == nil)
			}
			for _, fl := range m.Flights {
				for _, v := range []string{fl.Departure, fl.Arrival} {
					if v != "" && !dateTimeRE.MatchString(v) {
						t.Fatalf("flight time %q", v)
					}
				}
			}
			for _, tr := range m.Travellers {
				if !validRoles[tr.Role] {
					t.Fatalf("role %q", tr.Role)
				}
				if tr.BirthDate != "" && !dateRE.MatchString(tr.BirthDate) {
					t.Fatalf("birth date %q", tr.BirthDate)
				}
				switch tr.Gender {
				case "", "M", "F", "X", "U":
				default:
					t.Fatalf("gender %q", tr.Gender)
				}
				for _, d := range tr.Documents {
					for _, v := range []string{d.Expiry, d.IssueDate} {
						if v != "" && !dateRE.MatchString(v) {
							t.Fatalf("document date %q", v)
						}
					}
				}
				if tr.Bags != nil && (tr.Bags.Count < 0 || len(tr.Bags.Tags) > 1000) {
					t.Fatalf("bags %+v", tr.Bags)
				}
			}
			if _, err := json.Marshal(m); err != nil {
				t.Fatalf("marshal: %v", err)
			}
		}
	})
}

// shorten keeps the first n segments of a large sample and its trailer
// from CNT on, so that fuzzing mutates small inputs of the real shape
// (Test3 lists 260 passengers in 47 kB).
func shorten(data []byte, n int) []byte {
	if len(data) < 8<<10 {
		return data
	}
	head := 0
	for i := 0; i < n && head < len(data); i++ {
		j := bytes.IndexByte(data[head:], '\'')
		if j < 0 {
			return data
		}
		head += j + 1
	}
	tail := bytes.LastIndex(data, []byte("CNT+"))
	if tail < head {
		return data
	}
	return append(append([]byte(nil), data[:head]...), data[tail:]...)
}
