package edifact

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// segs returns the tags and rendered elements of every message segment.
func render(t *testing.T, input string) (*File, []string) {
	t.Helper()
	f, err := ReadFile([]byte(input))
	if err != nil {
		t.Fatalf("ReadFile: %v", err)
	}
	var out []string
	for _, m := range f.Messages() {
		for _, s := range m.Segments {
			var parts []string
			for _, e := range s.Elements {
				parts = append(parts, strings.Join(e, ":"))
			}
			out = append(out, s.Tag+"|"+strings.Join(parts, "|"))
		}
	}
	return f, out
}

func TestSeparatorsAndReleases(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string
		delim string
	}{
		{
			name:  "default separators, no UNA",
			input: "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'NAD+FL+++DOE:JOHN'UNT+3+1'UNZ+1+1'",
			want:  []string{"NAD|FL|||DOE:JOHN"},
			delim: ":+.? '",
		},
		{
			name:  "release characters",
			input: "UNA:+.? 'UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'FTX+A?+B+C?:D+E??F+SUNSET HILL?'S ROAD'UNT+3+1'UNZ+1+1'",
			want:  []string{"FTX|A+B|C:D|E?F|SUNSET HILL'S ROAD"},
			delim: ":+.? '",
		},
		{
			name:  "custom separators star and dollar",
			input: "UNA:*.? $\nUNB*UNOA:4*S*R*140211:1800*1$\nUNH*1*PAXLST:D:02B:UN:IATA$\nNAD*FL***BETTON:DAVID:$\nUNT*3*1$\nUNZ*1*1$",
			want:  []string{"NAD|FL|||BETTON:DAVID:"},
			delim: ":*.? $",
		},
		{
			name:  "dash elements and star terminator",
			input: "UNA:-.? *UNB-IATA:1-DL--200223:1410-0.579602*\nUNH-1-PNRGOV:13:1:IA-123*\nTIF-SERIO-REUBEN:A:1*\nUNT-3-1*\nUNZ-1-0.579602*",
			want:  []string{"TIF|SERIO|REUBEN:A:1"},
			delim: ":-.? *",
		},
		{
			name:  "backslash release",
			input: "UNA:+.\\*'UNB+IATA:1+A+B+130527:0649+3'UNH+1+PNRGOV:11:1:IA'IFT+4:28+A\\+B\\'C'UNT+3+1'UNZ+1+3'",
			want:  []string{"IFT|4:28|A+B'C"},
			delim: ":+.\\*'",
		},
		{
			name:  "CRLF, BOM, indentation and a segment wrapped mid-value",
			input: "\xEF\xBB\xBF UNB+UNOA:4+S+R+200101:1200+1'\r\n UNH+1+X:1'\r\n NAD+FL+++AUTZ0006230520132210\r\n01SIN:JOHN'\r\n UNT+3+1'\r\n UNZ+1+1'\r\n",
			want:  []string{"NAD|FL|||AUTZ000623052013221001SIN:JOHN"},
			delim: ":+.? '",
		},
		{
			name:  "repetition separator",
			input: "UNA:+.?*'UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'COM+111:TE*222:FX'UNT+3+1'UNZ+1+1'",
			want:  []string{"COM|111:TE"},
			delim: ":+.?*'",
		},
		{
			name:  "five-character UNA",
			input: "UNA:+\\*'\nUNB+IATA:1+1A+KRC+130527:0754+3' UNH+1+PNRGOV:11:1:IA+X'\nSRC'\nUNT+3+1'\nUNZ+1+3'",
			want:  []string{"SRC|"},
			delim: ":+ \\*'",
		},
		{
			name:  "UNA declares a terminator the body never uses",
			input: "UNA:+.\\*\u2019 UNB+IATA:1+1A+KRC+130527:0649+3'\nUNH+1+PNRGOV:11:1:IA'\nSRC'\nUNT+3+1'\nUNZ+1+3'",
			want:  []string{"SRC|"},
			delim: ":+.\\*'",
		},
		{
			name:  "Type-B envelope before the interchange",
			input: "QN GBRRMOK\n.YOWAAXH KL/041643\nUNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'BGM+745'UNT+3+1'UNZ+1+1'",
			want:  []string{"BGM|745"},
			delim: ":+.? '",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, got := render(t, tt.input)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("segments:\n got %q\nwant %q", got, tt.want)
			}
			if f.Delimiters.String() != tt.delim {
				t.Errorf("delimiters %q, want %q", f.Delimiters.String(), tt.delim)
			}
		})
	}
}

func TestRepetitions(t *testing.T) {
	f, err := ReadFile([]byte("UNA:+.?*'UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'COM+111:TE*222:FX*a?*b:EM+Z'UNT+3+1'UNZ+1+1'"))
	if err != nil {
		t.Fatal(err)
	}
	seg := f.Messages()[0].Segments[0]
	reps := seg.Repetitions(0)
	if len(reps) != 3 || reps[1].Comp(0) != "222" || reps[2].Comp(0) != "a*b" || reps[2].Comp(1) != "EM" {
		t.Errorf("repetitions = %q", reps)
	}
	if seg.Value(1, 0) != "Z" {
		t.Errorf("element after repetitions = %q", seg.Value(1, 0))
	}
}

func TestEnvelope(t *testing.T) {
	input := "UNB+UNOA:4+SENDER:ZZ+RECV+140211:1800+REF1++APIS'" +
		"UNG+PAXLST+SENDER+RECV+140211:1800+G1+UN+D:05B'" +
		"UNH+M1+PAXLST:D:05B:UN:IATA+AA346/140211+01:C'BGM+745'UNT+3+M1'" +
		"UNH+M2+PAXLST:D:05B:UN:IATA+AA346/140211+02:F'BGM+745'CNT+42:1'UNT+4+M2'" +
		"UNE+2+G1'UNZ+1+REF1'" +
		"UNB+UNOA:4+SENDER+RECV+140212:0900+REF2'UNH+M3+PNRGOV:13:1:IA'SRC'UNT+3+M3'UNZ+1+REF2'"
	f, err := ReadFile([]byte(input))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 0 {
		t.Errorf("unexpected warnings: %v", f.Warnings)
	}
	if len(f.Interchanges) != 2 {
		t.Fatalf("interchanges = %d, want 2", len(f.Interchanges))
	}
	ic := f.Interchanges[0]
	if ic.Sender != "SENDER" || ic.Recipient != "RECV" || ic.Date != "140211" || ic.Time != "1800" || ic.Control != "REF1" || ic.Application != "APIS" {
		t.Errorf("UNB read as %+v", ic)
	}
	if len(ic.Groups) != 1 || ic.Groups[0].Type != "PAXLST" || ic.Groups[0].Version != "D:05B" {
		t.Errorf("groups = %+v", ic.Groups)
	}
	msgs := f.Messages()
	if len(msgs) != 3 {
		t.Fatalf("messages = %d", len(msgs))
	}
	m1, m2 := msgs[0], msgs[1]
	if m1.Sequence != 1 || m1.Last || m2.Sequence != 2 || !m2.Last || m1.CommonAccess != "AA346/140211" {
		t.Errorf("multi-part: m1 %d/%v m2 %d/%v %q", m1.Sequence, m1.Last, m2.Sequence, m2.Last, m1.CommonAccess)
	}
	if m1.Type != "PAXLST" || m1.VersionString() != "D:05B" || m1.Association != "IATA" {
		t.Errorf("UNH read as %s %s %s", m1.Type, m1.VersionString(), m1.Association)
	}
	if msgs[2].Type != "PNRGOV" || msgs[2].VersionString() != "13:1" || !msgs[2].Last || msgs[2].Sequence != 0 {
		t.Errorf("third message %+v", msgs[2])
	}
	if m2.Segments[1].Index != 8 {
		t.Errorf("CNT index = %d, want 8", m2.Segments[1].Index)
	}
	if off := m2.Segments[1].Offset; input[off:off+3] != "CNT" {
		t.Errorf("CNT offset %d points at %q", off, input[off:off+3])
	}
}

func TestCountMismatchesAreWarnings(t *testing.T) {
	input := "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'BGM+745'UNT+0000152+1'UNZ+3+9'"
	f, err := ReadFile([]byte(input))
	if err != nil {
		t.Fatal(err)
	}
	joined := ""
	for _, w := range f.Warnings {
		joined += w.String() + "\n"
	}
	for _, want := range []string{
		`segment 4 (UNT): UNT declares 0000152 segments, message has 3 (UNH to UNT)`,
		`segment 5 (UNZ): UNZ declares 3 groups or messages, interchange has 1`,
		`segment 5 (UNZ): UNZ reference "9" does not match UNB "1"`,
	} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q; got:\n%s", want, joined)
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "empty input"},
		{"blank", "  \n\r\n", "empty input"},
		{"binary", "\x00\x01\x02\xff\xfe\x89PNG\r\n\x1a\n", "not an EDIFACT interchange"},
		{"text", "Hello, this is not EDIFACT.", "not an EDIFACT interchange"},
		{"truncated message", "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'BGM+745'NAD+FL+++DO", "input ends inside the segment"},
		{"no UNT", "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'BGM+745'", "has no UNT"},
		{"segment outside message", "UNB+UNOA:4+S+R+200101:1200+1'BGM+745'UNZ+0+1'", "segment 2 (BGM) at byte 29: segment outside any message"},
		{"UNA too short", "UNA:+'", "service string advice"},
		{"bad tag", "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'THIS IS GARBAGE+1'UNT+3+1'", "no valid tag"},
		{"invalid UTF-8 in UNOY", "UNB+UNOY:4+S+R+200101:1200+1'UNH+1+X:1'NAD+FL+++M\xfcLLER'UNT+3+1'UNZ+1+1'", "segment 3 (NAD) at byte 39: element 4: invalid UTF-8 byte 0xFC"},
		{"control character", "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'NAD+FL+++A\x01B'UNT+3+1'UNZ+1+1'", "control character"},
		{"unterminated UNZ with text", "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'BGM+1'UNT+3+1'UNZ+1+1\n\nModify above message", "input ends inside the segment"},
		{"no message", "UNB+UNOA:4+S+R+200101:1200+1'UNZ+0+1'", "holds no message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFile([]byte(tt.input))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("error %T is not a *SyntaxError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLegacyBytesInASCIIInterchangeAreKeptWithWarning(t *testing.T) {
	f, err := ReadFile([]byte("UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'NAD+FL+++NOV\x87K'UNT+3+1'UNZ+1+1'"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Messages()[0].Segments[0].Value(3, 0); got != "NOV\uFFFDK" {
		t.Errorf("name = %q", got)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].String(), "0x87") {
		t.Errorf("warnings = %v", f.Warnings)
	}
}

func TestLatin1Interchange(t *testing.T) {
	f, err := ReadFile([]byte("UNB+UNOC:3+S+R+200101:1200+1'UNH+1+X:1'NAD+FL+++M\xdcLLER'UNT+3+1'UNZ+1+1'"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Messages()[0].Segments[0].Value(3, 0); got != "MÜLLER" {
		t.Errorf("name = %q", got)
	}
}

func TestTrailingTextAfterUNZ(t *testing.T) {
	f, err := ReadFile([]byte("UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'BGM+1'UNT+3+1'UNZ+1+1'\n13Nov09\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0].String(), "13Nov09") {
		t.Errorf("warnings = %v", f.Warnings)
	}
}

func TestSegmentString(t *testing.T) {
	f, err := ReadFile([]byte("UNA:*.? $UNB*UNOA:4*S*R*200101:1200*1$UNH*1*X:1$FTX*A+B*C?$D::E$UNT*3*1$UNZ*1*1$"))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Messages()[0].Segments[0].String(); got != "FTX+A?+B+C$D::E'" {
		t.Errorf("String() = %q", got)
	}
}

// sampleFiles lists the real GTAS sample messages bundled in testdata.
func sampleFiles(tb testing.TB) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir("../../testdata/messages/gtas", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		tb.Fatalf("no sample files: %v", err)
	}
	return files
}

// TestRealSamples reads every GTAS sample: all must read except the one
// deliberately malformed file, and the segment totals are pinned.
func TestRealSamples(t *testing.T) {
	want := map[string]int{ // body segments (between UNH and UNT) per file
		"Test1.txt": 105, "Test3.txt": 3129, "airline2.edi": 109, "multiple_flight_leg_apis.txt": 44,
		"apisMessage.txt": 31, "pnrWithBags.txt": 8577, "bigbigPnr.txt": 2568, "codeshare.edi": 57,
		"infant.edi": 80, "danglingMetaCharacter.txt": 53,
	}
	for _, p := range sampleFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := ReadFile(data)
		base := filepath.Base(p)
		if base == "pnrBadFormat.txt" {
			if err == nil || !strings.Contains(err.Error(), "(UNZ)") {
				t.Errorf("%s: error %v, want a refusal naming UNZ", base, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", base, err)
			continue
		}
		n := 0
		for _, m := range f.Messages() {
			n += len(m.Segments)
		}
		if w, ok := want[base]; ok && n != w {
			t.Errorf("%s: %d body segments, want %d", base, n, w)
		}
	}
}

func FuzzReadFile(f *testing.F) {
	for _, p := range sampleFiles(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("UNA:+.? 'UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'FTX+A?+B'UNT+3+1'UNZ+1+1'"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ReadFile(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		for _, m := range file.Messages() {
			if m.Trailer == nil {
				t.Fatalf("message %q accepted without UNT", m.Reference)
			}
			for _, s := range m.Segments {
				if s.Tag == "" || s.Index <= 0 || s.Offset < 0 || s.Offset >= len(data) {
					t.Fatalf("bad segment position %+v", s)
				}
			}
		}
	})
}

func BenchmarkScanner(b *testing.B) {
	data, err := os.ReadFile("../../testdata/messages/gtas/gtas-parsers/pnr-messages/pnrWithBags.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sc := NewScanner(data)
		n := 0
		for sc.Scan() {
			n++
		}
		if sc.Err() != nil || n < 8000 {
			b.Fatalf("n=%d err=%v", n, sc.Err())
		}
	}
}

func BenchmarkReadFile(b *testing.B) {
	data, err := os.ReadFile("../../testdata/messages/gtas/gtas-parsers/pnr-messages/pnrWithBags.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadFile(data); err != nil {
			b.Fatal(err)
		}
	}
}

// scanAll renders every segment a scanner yields, with its position, and
// the scanner's final state, for comparing the fast and general paths.
func scanAll(data []byte, fast bool) string {
	sc := NewScanner(data)
	if !fast {
		sc.fast = false
	}
	var b strings.Builder
	for sc.Scan() {
		seg := sc.Segment()
		b.WriteString(seg.Where())
		b.WriteString(strconv.Itoa(seg.Offset))
		for i, e := range seg.Elements {
			b.WriteString("|")
			for _, rep := range seg.Repetitions(i) {
				b.WriteString(strconv.Quote(strings.Join(rep, "\x00")))
			}
			b.WriteString(strconv.Quote(strings.Join(e, "\x00")))
		}
		b.WriteString(strconv.FormatBool(sc.Unterminated()))
		b.WriteString(strconv.FormatBool(seg.Elements == nil))
		b.WriteString("\n")
	}
	b.WriteString(fmt.Sprint(sc.Err(), sc.Warnings(), sc.Rest()))
	return b.String()
}

// FuzzScanClean: the one-pass path for clean segments yields exactly what
// the general path does.
func FuzzScanClean(f *testing.F) {
	for _, p := range sampleFiles(f) {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("UNA:+.?*'UNB+UNOA:4+S+R+200101:1200+1'UNH+1+X:1'FTX+A*B:C*D+E'X:Q+1'Y:Q'Z'\nW+?''UNT+3+1'UNZ+1+1'"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, b := scanAll(data, true), scanAll(data, false); a != b {
			t.Fatalf("fast path differs:\n%s\ngeneral path:\n%s", a, b)
		}
	})
}

func TestScanCleanSamples(t *testing.T) {
	for _, p := range sampleFiles(t) {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := scanAll(data, true), scanAll(data, false); a != b {
			t.Errorf("%s: fast path differs", p)
		}
	}
}
