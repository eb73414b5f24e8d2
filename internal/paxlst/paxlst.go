// Package paxlst owns the interpretation of UN/EDIFACT PAXLST messages:
// advance passenger information (API) lists of passengers and crew sent by
// airlines to border authorities, in the WCO/IATA/ICAO versions D:02B to
// D:05B and later, with the US (CBP) and iAPI usages. It turns the segments
// that package edifact reads into the common model of package message: the
// flight legs (TDT groups), the travellers (NAD groups) with their
// documents, bags, ports and references, the reporting party and the
// declared counts. It also joins the parts of a multi-part list (Merge).
//
// The parser is lenient the way real feeds need: qualifiers are read from
// tables, and anything odd (an unknown qualifier, a bad date, a count that
// does not add up, a segment out of place) becomes a warning on the message,
// never a failure. Segments it does not interpret are kept verbatim in
// message.Message.Unknown. Warnings never quote a traveller's personal
// data; where a value was malformed they give its shape instead ("999999").
//
// It also reads the legacy US/EDIFACT PAXLST layout (CTA, TDT, LOC/DTM,
// UNS, one PDT segment per person), which some carriers still send.
//
// Only two things fail a message: a message type other than PAXLST, and a
// passenger or crew list without any flight leg.
package paxlst

import (
	"errors"
	"fmt"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
)

// MessageType is the UNH message type this package interprets.
const MessageType = "PAXLST"

// Parse reads an EDIFACT interchange (or several, or a bare UNH..UNT
// message) and interprets every PAXLST message in it, in input order.
//
// It fails when the input cannot be read as EDIFACT at all. When only some
// messages cannot be interpreted (another message type, a list without a
// flight), it returns the others together with an error that joins one
// error per failed message, each naming the message's reference; callers
// that quarantine per message should use edifact.ReadFile and
// ParseMessage instead.
//
// Warnings about the interchange as a whole (a malformed UNA, text after
// UNZ, a wrong UNZ count) are copied into every message of that input.
func Parse(data []byte, opts message.ParseOptions) ([]*message.Message, error) {
	f, err := edifact.ReadFile(data)
	if err != nil {
		return nil, fmt.Errorf("paxlst: %w", err)
	}
	shared := fileWarnings(f)
	var out []*message.Message
	var errs []error
	for i, m := range f.Messages() {
		pm, err := parseMessage(m, opts, shared)
		if err != nil {
			errs = append(errs, fmt.Errorf("paxlst: message %d (reference %q): %w", i+1, m.Reference, err))
			continue
		}
		out = append(out, pm)
	}
	return out, errors.Join(errs...)
}

// fileWarnings returns the warnings of f that belong to no message.
func fileWarnings(f *edifact.File) []edifact.Warning {
	own := map[edifact.Warning]int{}
	for _, m := range f.Messages() {
		for _, w := range m.Warnings {
			own[w]++
		}
	}
	var out []edifact.Warning
	for _, w := range f.Warnings {
		if own[w] > 0 {
			own[w]--
			continue
		}
		out = append(out, w)
	}
	return out
}

// ParseMessage interprets one PAXLST message read by package edifact. The
// returned message carries the interchange header data (sender, recipient,
// preparation time), the part of a multi-part series, and the warnings the
// envelope reader raised for this message followed by the parser's own.
//
// Two-digit years resolve against the interchange date (UNB), else
// opts.Reference, else today.
func ParseMessage(m *edifact.Message, opts message.ParseOptions) (*message.Message, error) {
	return parseMessage(m, opts, nil)
}

// parseMessage is ParseMessage with the interchange's own warnings, which
// are merged with the message's in input order.
func parseMessage(m *edifact.Message, opts message.ParseOptions, shared []edifact.Warning) (*message.Message, error) {
	if m == nil {
		return nil, errors.New("nil message")
	}
	if m.Type != MessageType {
		return nil, fmt.Errorf("message type is %q, not %s", m.Type, MessageType)
	}
	p := newParser(m, opts, shared)
	if err := p.run(); err != nil {
		return nil, err
	}
	return p.out, nil
}
