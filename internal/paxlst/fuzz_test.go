package paxlst

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

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

// FuzzDates checks that the parser's own date and time readers accept and
// refuse exactly what package message does, with the same result.
func FuzzDates(f *testing.F) {
	for _, s := range []string{"780706", "19800215", "000229", "20000229", "19000229", "610218", "991231", "780230", "1725", "2400", "2401", "123456", "12a4"} {
		f.Add(s, uint8(0))
	}
	ref := time.Date(2014, 2, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string, k uint8) {
		if strings.TrimSpace(s) != s {
			return // message.ParseDate trims; the parser trims before calling
		}
		kind := message.DateKind(k % 3)
		layout := "YYMMDD"
		if len(s) == 8 {
			layout = "CCYYMMDD"
		}
		want, err := message.ParseDate(s, layout, kind, ref)
		got, ok := ymd(s, kind, ref)
		if ok != (err == nil) || got != want {
			t.Fatalf("ymd(%q, %d) = %q, %v; message.ParseDate = %q, %v", s, kind, got, ok, want, err)
		}
		wantT, errT := message.ParseTime(s)
		gotT, okT := hhmm(s)
		if okT != (errT == nil) || gotT != wantT {
			t.Fatalf("hhmm(%q) = %q, %v; message.ParseTime = %q, %v", s, gotT, okT, wantT, errT)
		}
	})
}
