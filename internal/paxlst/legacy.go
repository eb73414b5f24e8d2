package paxlst

import (
	"strings"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
)

// The legacy US/EDIFACT PAXLST (US Customs' layout from before the
// WCO/IATA guidelines, UNH version "001:000") has a header of CTA (contact),
// TDT (flight), LOC/DTM pairs for the ports, then UNS+D and one PDT segment
// per person:
//
//	CTA+IC+:<contact name>+<phone>:TE+<fax>:FX
//	TDT++<flight>+40+<carrier>
//	LOC+5+<country><airport>   DTM+136+<YYMMDD>+<HHMM>+<zone>   departure
//	LOC+PT+<country><airport>  DTM+132+...                      transit port
//	LOC+8+<country><airport>   DTM+132+...                      arrival
//	UNS+D
//	PDT+<P|V|A>/<number>:<expiry YYMMDD>:<issuer>+<surname>:<given>:<middle>:<birth YYMMDD>:<gender>+<PAX|CRW|ITI>+<embarkation>:<debarkation>
//
// Ports are five-character location codes: a two-letter country and the
// airport. Transit ports (LOC+PT) split the flight into consecutive legs.

// isLegacyUS reports whether a PAXLST message uses the legacy US layout:
// it has PDT segments.
func isLegacyUS(m *edifact.Message) bool {
	for _, s := range m.Segments {
		if s.Tag == "PDT" {
			return true
		}
	}
	return false
}

// legacyRoles maps the PDT person status to traveller roles.
var legacyRoles = map[string]string{
	"PAX": message.RolePassenger,
	"CRW": message.RoleCrew,
	"ITI": message.RoleTransitPassenger,
}

// legacyPort is one port of the flight with the time given for it.
type legacyPort struct {
	code, arrival, departure string
}

func (p *parser) runLegacy() error {
	var ports []legacyPort
	var carrier, flightID string
	sawTDT, detail := false, false
	for _, seg := range p.m.Segments {
		switch seg.Tag {
		case "CTA":
			if p.out.ReportingParty == "" {
				p.out.ReportingParty = squeeze(seg.Value(1, 1)+" "+seg.Value(1, 0), " ")
			}
			if len(seg.Elements) > 2 {
				p.keep(seg) // the contact's numbers have no field in the model
			}
		case "TDT":
			if sawTDT {
				p.warn(seg, "second TDT in a legacy US list; kept as unknown")
				p.keep(seg)
				continue
			}
			sawTDT = true
			flightID, carrier = seg.Value(1, 0), strings.ToUpper(strings.TrimSpace(seg.Value(3, 0)))
		case "LOC":
			if detail {
				p.misplaced(seg, "the flight header")
				continue
			}
			q := strings.TrimLeft(strings.ToUpper(strings.TrimSpace(seg.Value(0, 0))), "0")
			port := portCode(seg.Value(1, 0))
			switch q {
			case "5", "PT", "8":
				if q == "5" && len(ports) > 0 {
					p.warn(seg, "departure port after other ports")
				}
				ports = append(ports, legacyPort{code: port})
			default:
				p.warn(seg, "unknown location qualifier %q; kept as unknown", q)
				p.keep(seg)
			}
		case "DTM":
			if detail || len(ports) == 0 {
				p.misplaced(seg, "a port (LOC)")
				continue
			}
			q := strings.TrimSpace(seg.Value(0, 0))
			v, err := p.dateTime(seg, strings.TrimSpace(seg.Value(1, 0))+strings.TrimSpace(seg.Value(2, 0)), "", message.Travel, true)
			if err != nil {
				p.warn(seg, "%v", err)
				if v == "" {
					continue
				}
			}
			last := &ports[len(ports)-1]
			switch q {
			case "136":
				last.departure = v
			case "132":
				last.arrival = v
			default:
				p.keep(seg)
			}
		case "UNS":
			detail = true
		case "PDT":
			p.pdt(seg)
		default:
			p.keep(seg)
		}
	}
	p.legacyLegs(flightID, carrier, ports)
	return p.finish()
}

// legacyLegs turns the ports into legs: each port to the next.
func (p *parser) legacyLegs(flightID, carrier string, ports []legacyPort) {
	if len(ports) == 0 && flightID == "" {
		return
	}
	c, n, err := splitFlight(flightID, carrier)
	if err != nil {
		p.out.Warnings = append(p.out.Warnings, "flight: "+err.Error())
	}
	if len(ports) < 2 {
		f := message.Flight{Carrier: c, Number: n}
		if len(ports) == 1 {
			f.Origin, f.Departure = ports[0].code, ports[0].departure
		}
		p.out.Flights = append(p.out.Flights, f)
		return
	}
	for i := 0; i+1 < len(ports); i++ {
		p.out.Flights = append(p.out.Flights, message.Flight{
			Carrier: c, Number: n,
			Origin: ports[i].code, Destination: ports[i+1].code,
			Departure: ports[i].departure, Arrival: ports[i+1].arrival,
		})
	}
}

// portCode takes the airport out of a five-character location code
// ("USLAX" → "LAX"); other codes are kept as sent.
func portCode(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) == 5 {
		return s[2:]
	}
	return s
}

// pdt reads one person of a legacy US list.
func (p *parser) pdt(seg *edifact.Segment) {
	p.travNo++
	p.out.Travellers = append(p.out.Travellers, message.Traveller{})
	t := &p.out.Travellers[len(p.out.Travellers)-1]
	status := strings.ToUpper(strings.TrimSpace(seg.Value(2, 0)))
	role, ok := legacyRoles[status]
	switch {
	case ok:
		t.Role = role
	case status == "":
		t.Role = message.RolePassenger
	default:
		t.Role = message.RoleOther
		p.warn(seg, "traveller %d: unknown person status %q, role %q", p.travNo, status, message.RoleOther)
	}
	p.trav = t

	// Document: <type>/<number>:<expiry>:<issuer>.
	docType, number, _ := strings.Cut(seg.Value(0, 0), "/")
	if d := strings.ToUpper(strings.TrimSpace(docType)); d != "" || strings.TrimSpace(number) != "" {
		doc := message.Document{Type: d, Number: strings.ToUpper(compact(number))}
		if exp := strings.TrimSpace(seg.Value(0, 1)); exp != "" {
			v, err := p.dateTime(seg, exp, "101", message.Expiry, false)
			if err != nil {
				p.warn(seg, "traveller %d: expiry date: %v", p.travNo, err)
			}
			doc.Expiry = v
		}
		doc.IssuingCountry = p.country(seg, strings.ToUpper(strings.TrimSpace(seg.Value(0, 2))), "issuing country")
		t.Documents = append(t.Documents, doc)
	}

	// Person: <surname>:<given>:<middle>:<birth>:<gender>.
	t.Surname = cleanName(seg.Value(1, 0))
	var given []string
	for _, j := range []int{1, 2} {
		if g := cleanName(seg.Value(1, j)); g != "" {
			given = append(given, g)
		}
	}
	t.GivenNames, t.Title = splitTitle(strings.Join(given, " "))
	if b := strings.TrimSpace(seg.Value(1, 3)); b != "" {
		v, err := p.dateTime(seg, b, "101", message.Birth, false)
		if err != nil {
			p.warn(seg, "traveller %d: birth date: %v", p.travNo, err)
		}
		t.BirthDate = v
	}
	if g := strings.TrimSpace(seg.Value(1, 4)); g != "" {
		if v, ok := gender(g); ok {
			t.Gender = v
		} else {
			p.warn(seg, "traveller %d: unknown gender code of shape %s", p.travNo, shape(g))
		}
	}
	t.Embarkation, t.Debarkation = portCode(seg.Value(3, 0)), portCode(seg.Value(3, 1))
	p.travSeg = seg
	p.flushTraveller()
}
