// Package decode recognises what raw airline input is (a UN/EDIFACT
// interchange holding PAXLST or PNRGOV messages, or PNRGOV XML) and hands
// it to the right parser, so that every entry point (files, HTTP, the
// queue, the parse command) decodes input the same way.
package decode

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/paxlst"
	"github.com/chokepoint/chokepoint/internal/pnrgov"
)

// ErrUnsupported reports input of a kind Chokepoint does not read.
var ErrUnsupported = errors.New("unsupported message")

// Decode parses every message in data. It fails, naming the segment and
// reason, when any message cannot be read: input is accepted or refused
// as a whole, never partially.
func Decode(data []byte, opts message.ParseOptions) ([]*message.Message, error) {
	body := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(body) == 0 {
		return nil, errors.New("empty input")
	}
	if body[0] == '<' {
		msgs, err := pnrgov.ParseXML(data, opts)
		if err != nil {
			return nil, fmt.Errorf("PNRGOV XML: %w", err)
		}
		return msgs, nil
	}
	f, err := edifact.ReadFile(data)
	if err != nil {
		return nil, err
	}
	var fileWarnings []string
	for _, w := range f.Warnings {
		if w.Tag == "" || w.Tag == "UNA" || w.Tag == "UNB" || w.Tag == "UNZ" || w.Tag == "UNG" || w.Tag == "UNE" {
			fileWarnings = append(fileWarnings, w.String())
		}
	}
	var out []*message.Message
	for i, m := range f.Messages() {
		var pm *message.Message
		switch m.Type {
		case "PAXLST":
			pm, err = paxlst.ParseMessage(m, opts)
		case "PNRGOV":
			pm, err = pnrgov.Parse(m, opts)
		default:
			err = fmt.Errorf("%w: message type %q (UNH %q) is not PAXLST or PNRGOV", ErrUnsupported, m.Type, m.Reference)
		}
		if err != nil {
			return nil, fmt.Errorf("message %d (%s %q): %w", i+1, m.Type, m.Reference, err)
		}
		if len(fileWarnings) > 0 {
			pm.Warnings = append(append([]string(nil), fileWarnings...), pm.Warnings...)
		}
		out = append(out, pm)
	}
	return out, nil
}
