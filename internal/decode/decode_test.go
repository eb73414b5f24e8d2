package decode

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/chokepoint/chokepoint/internal/message"
)

func TestDecodeDispatch(t *testing.T) {
	tests := []struct {
		file   string
		kind   message.Kind
		format string
	}{
		{"../../testdata/messages/gtas/gtas-loader/apis-messages/airline2.edi", message.KindAPI, message.FormatPAXLST},
		{"../../testdata/messages/gtas/gtas-loader/pnr-messages/codeshare.edi", message.KindPNR, message.FormatPNRGOV},
		{"../pnrgov/testdata/xml/namespaced.xml", message.KindPNR, message.FormatPNRGOVXML},
	}
	for _, tt := range tests {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		msgs, err := Decode(data, message.ParseOptions{})
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if len(msgs) == 0 || msgs[0].Kind != tt.kind || msgs[0].Format != tt.format {
			t.Errorf("%s: got %d messages, first %+v", tt.file, len(msgs), msgs)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty", "", "empty input"},
		{"unsupported type", "UNB+UNOA:4+S+R+200101:1200+1'UNH+1+IFTMIN:D:01B:UN'BGM+1'UNT+3+1'UNZ+1+1'", `message type "IFTMIN"`},
		{"malformed XML", "<IATA_PNRGOV_NotifRQ><PNR>", "XML"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00", "not an EDIFACT interchange"},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.input), message.ParseOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	_, err := Decode([]byte("UNB+UNOA:4+S+R+200101:1200+1'UNH+1+IFTMIN:D:01B:UN'BGM+1'UNT+3+1'UNZ+1+1'"), message.ParseOptions{})
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("unsupported type error %v does not wrap ErrUnsupported", err)
	}
}
