package pnrgov

import (
	"strings"

	"github.com/chokepoint/chokepoint/internal/edifact"
	"github.com/chokepoint/chokepoint/internal/message"
	"github.com/chokepoint/chokepoint/internal/sensitive"
)

// ediSSRText returns the free text of an SSR: component 8 of the first
// element and any components after it.
func ediSSRText(seg *edifact.Segment) string {
	e := seg.Elem(0)
	if len(e) <= 8 {
		return ""
	}
	if len(e) == 9 {
		return e[8]
	}
	return strings.Join(e[8:], ":")
}

// ediScreen screens free text: the sensitive package's keyword screen,
// plus SSR codes fused with their carrier and status in history lines
// ("SSR AVMLSQHK1").
func ediScreen(text string) (string, bool) {
	if text == "" {
		return "", false
	}
	if code, drop := sensitive.FreeText(text); drop {
		return code, true
	}
	for i := 0; ; {
		j := strings.Index(text[i:], "SSR")
		if j < 0 {
			break
		}
		k := i + j + 3
		for k < len(text) && (text[k] == ' ' || text[k] == '/') {
			k++
		}
		if k+4 <= len(text) && sensitive.SSR(text[k:k+4]) {
			return "TEXT-" + strings.ToUpper(text[k:k+4]), true
		}
		i += j + 3
	}
	return "", false
}

// ediSplitByte appends to dst the parts of s around every sep, as
// strings.Split(s, string(sep)) returns them, so that a caller can split
// into an array on its stack.
func ediSplitByte(dst []string, s string, sep byte) []string {
	for {
		i := strings.IndexByte(s, sep)
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

// ssrTarget returns the traveller an SSR is about: its reference, else
// the current traveller in SG2, else -1 (the PNR or the segment).
func (bk *ediBooking) ssrTarget(seg *edifact.Segment) int {
	for i := 1; i < len(seg.Elements); i++ {
		if ref := strings.TrimSpace(seg.Value(i, 2)); ref != "" {
			if t := bk.byRef(ref); t >= 0 {
				return t
			}
			// A reference to an infant (43578I) or an unknown reference.
			if t := bk.byRef(strings.TrimSuffix(ref, "I")); t >= 0 {
				return t
			}
			break
		}
	}
	if bk.state == ediTrav && bk.trav >= 0 {
		return bk.trav
	}
	return -1
}

// ssr handles a special service request by code.
func (bk *ediBooking) ssr(seg *edifact.Segment) error {
	p := bk.p
	code := ediUpper(strings.TrimSpace(seg.Value(0, 0)))
	if sensitive.SSR(code) {
		p.drop.Add(code)
		return nil
	}
	text := ediSSRText(seg)
	switch {
	case code == "DOCS", code == "DOCO", code == "DOCA":
		return bk.doc(seg, code, text)
	case len(code) == 4 && strings.HasPrefix(code, "CTC"):
		if bk.contact(bk.ssrTarget(seg), code[3], text) {
			return nil
		}
	case code == "FQTV" || code == "FQTR" || code == "FQTU" || code == "FQTS":
		if t := bk.ssrTarget(seg); t >= 0 {
			if ff, ok := ediFQTV(text, seg.Value(0, 3)); ok {
				bk.addFF(&bk.b.Travellers[t], ff)
				return nil
			}
		}
	case code == "SEAT" || code == "NSST" || code == "SMST" || code == "RQST" || code == "NSSA" || code == "NSSW" || code == "NSSB":
		if bk.seatSSR(seg, text) {
			return nil
		}
	case code == "INFT":
		if t := bk.ssrTarget(seg); t >= 0 && bk.b.Travellers[t].Role != message.RoleInfant {
			bk.b.Travellers[t].WithInfant = true
			if inf, ok := ediINFT(text); ok {
				inf.adult = t
				inf.seg = seg
				bk.infNames = append(bk.infNames, inf)
			}
			return nil
		}
		if inf, ok := ediINFT(text); ok && bk.hasTraveller(inf.surname, inf.given) {
			return nil // a segment-level repeat of an infant already known
		}
	case code == "TKNE":
		if bk.tkne(seg, text) {
			return nil
		}
	}
	if c, drop := ediScreen(text); drop {
		p.drop.Add(c)
		return nil
	}
	p.keepUnknown(seg)
	return nil
}

// ediFQTV reads a frequent-flyer SSR text ("DL 1234567", "SQ8794285757").
func ediFQTV(text, airline string) (message.FrequentFlyer, bool) {
	t := strings.TrimSpace(text)
	if i := strings.IndexAny(t, "/-"); i >= 0 {
		t = strings.TrimSpace(t[:i])
	}
	if len(t) < 4 {
		return message.FrequentFlyer{}, false
	}
	ff := message.FrequentFlyer{Carrier: t[:2], Number: strings.TrimSpace(t[2:])}
	if i := strings.IndexByte(ff.Number, ' '); i >= 0 {
		ff.Number = ff.Number[:i]
	}
	if ff.Number == "" {
		return ff, false
	}
	if ff.Carrier == "" {
		ff.Carrier = strings.TrimSpace(airline)
	}
	return ff, true
}

// ediINFT reads "SURNAME/GIVEN/10AUG11" or "SURNAME/GIVEN 15APR12".
func ediINFT(text string) (ediInfant, bool) {
	t := strings.TrimSpace(text)
	i := strings.IndexByte(t, '/')
	if i <= 0 {
		return ediInfant{}, false
	}
	inf := ediInfant{surname: ediName(t[:i])}
	rest := strings.TrimSpace(t[i+1:])
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		inf.dob = strings.TrimSpace(rest[j+1:])
		if k := strings.IndexByte(inf.dob, '/'); k >= 0 {
			inf.dob = inf.dob[:k]
		}
		rest = rest[:j]
	} else if k := strings.LastIndexByte(rest, ' '); k >= 0 && ediLooksDDMMMYY(rest[k+1:]) {
		inf.dob = rest[k+1:]
		rest = rest[:k]
	}
	inf.given, _ = ediSplitTitle(ediName(rest))
	return inf, inf.surname != ""
}

// tkne files an electronic ticket number from SSR TKNE
// ("9631270001234C2", "INF1392178947000C2", "TKT NBR 354167302468947 ...").
func (bk *ediBooking) tkne(seg *edifact.Segment, text string) bool {
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "."))
	infant := strings.HasPrefix(t, "INF")
	num := ""
	for i := 0; i < len(t); {
		if t[i] < '0' || t[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j-i >= 10 && j-i <= 16 {
			num = t[i:j]
			break
		}
		i = j
	}
	if num == "" {
		return false
	}
	bk.tknes = append(bk.tknes, ediTKNE{trav: bk.ssrTarget(seg), number: num, infant: infant})
	return true
}

// seatSSR reads seats: SSR+SEAT:...:<board>:<off>+<seat>::<ref>+... or a
// free-text list (.03BN03AN) for the travellers in order.
func (bk *ediBooking) seatSSR(seg *edifact.Segment, text string) bool {
	board, off := strings.TrimSpace(seg.Value(0, 6)), strings.TrimSpace(seg.Value(0, 7))
	segIdx := -1
	if bk.state == ediSeg && bk.seg >= 0 {
		s := bk.b.Itinerary[bk.seg]
		if board == "" && off == "" || board == s.Origin && off == s.Destination {
			segIdx = bk.seg
		}
	}
	found := false
	for i := 1; i < len(seg.Elements); i++ {
		raw := strings.TrimSpace(seg.Value(i, 0))
		ref := strings.TrimSpace(seg.Value(i, 2))
		if raw == "" && ref == "" {
			continue
		}
		found = true
		s := ediSeatNo(raw)
		if s == "" {
			continue // XXX: no seat assigned
		}
		t := bk.byRef(ref)
		if t < 0 && ref == "" && bk.state == ediTrav {
			t = bk.trav
		}
		bk.seats = append(bk.seats, ediSeat{trav: t, seat: s, seg: segIdx, board: board, off: off, position: -1})
	}
	if found {
		return true
	}
	// Free-text list: digits, a seat letter, an optional N/S indicator.
	t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), "."))
	pos := 0
	for i := 0; i < len(t); {
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j == i || j-i > 3 || j >= len(t) || t[j] < 'A' || t[j] > 'K' {
			break
		}
		if s := ediSeatNo(t[i : j+1]); s != "" {
			bk.seats = append(bk.seats, ediSeat{trav: -1, seat: s, seg: segIdx, board: board, off: off, inOrder: true, position: pos})
			found = true
		}
		pos++
		i = j + 1
		if i < len(t) && (t[i] == 'N' || t[i] == 'S' || t[i] == 'Y') {
			i++
		}
	}
	return found
}

// doc reads DOCS (travel document), DOCO (other document, visa) and DOCA
// (address) free text.
func (bk *ediBooking) doc(seg *edifact.Segment, code, text string) error {
	p := bk.p
	t := bk.ssrTarget(seg)
	var buf [24]string
	f := ediSplitByte(buf[:0], strings.TrimSpace(text), '/')
	if len(f) > 0 && f[0] == "" {
		f = f[1:]
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	at := func(i int) string {
		if i >= 0 && i < len(f) {
			return f[i]
		}
		return ""
	}
	var d ediDocs
	d.adult = t
	d.seg = seg
	switch code {
	case "DOCS":
		dob := -1
		for i := 0; i < len(f) && i <= 6; i++ {
			if ediLooksDDMMMYY(f[i]) {
				dob = i
				break
			}
		}
		if dob < 0 {
			dob = 4
		}
		var typ, issuer, number, nat string
		pre := f[:min(dob, len(f))]
		if len(pre) == 4 {
			typ, issuer, number, nat = pre[0], pre[1], pre[2], pre[3]
		} else {
			typ, issuer, number, nat = ediClassifyDocs(pre)
			if len(pre) > 0 {
				p.warn(seg, "DOCS has %d fields before the birth date, expected 4; fields read by their form", len(pre))
			}
		}
		birth, _, err := p.ddmmmyy(seg, at(dob), message.Birth, "DOCS birth date")
		if err != nil {
			return err
		}
		exp, _, err := p.ddmmmyy(seg, at(dob+2), message.Expiry, "DOCS expiry date")
		if err != nil {
			return err
		}
		d.birth = birth
		switch g := ediUpper(at(dob + 1)); g {
		case "M", "F", "U", "X":
			d.gender = g
		case "MI", "FI":
			d.gender, d.infant = g[:1], true
		case "":
		default:
			p.warn(seg, "DOCS gender %q is not M, F, MI, FI, U or X; ignored", g)
		}
		d.nat = p.country(seg, nat, "DOCS nationality")
		d.doc = message.Document{
			Type:           ediUpper(typ),
			Number:         ediUpper(strings.ReplaceAll(number, " ", "")),
			IssuingCountry: p.country(seg, issuer, "DOCS issuing country"),
			Expiry:         exp,
			Nationality:    d.nat,
		}
		d.surname = ediName(at(dob + 3))
		d.given = ediName(strings.TrimSpace(at(dob+4) + " " + at(dob+5)))
	case "DOCO":
		// /<birthplace>/<type V>/<number>/<place of issue>/<issue date>/<country>/<I>
		issue, _, err := p.ddmmmyy(seg, at(4), message.Travel, "DOCO issue date")
		if err != nil {
			return err
		}
		d.birthPlace = ediName(at(0))
		d.doc = message.Document{
			Type:           ediUpper(at(1)),
			Number:         ediUpper(strings.ReplaceAll(at(2), " ", "")),
			IssueDate:      issue,
			IssuingCountry: p.country(seg, at(5), "DOCO country"),
		}
		d.infant = at(6) == "I"
	case "DOCA":
		// /<R|D>/<country>/<street>/<city>/<state>/<postcode>/<I>
		a := message.Address{
			Country:    p.country(seg, at(1), "DOCA country"),
			Street:     ediName(at(2)),
			City:       ediName(at(3)),
			Region:     ediName(at(4)),
			PostalCode: ediName(at(5)),
		}
		switch ediUpper(at(0)) {
		case "R":
			a.Type = "residence"
		case "D":
			a.Type = "destination"
		default:
			a.Type = ediUpper(at(0))
		}
		d.addr = &a
		d.infant = at(6) == "I"
	}
	if t < 0 {
		t = bk.docsOwner(d)
		d.adult = t
	}
	if t < 0 {
		p.warn(seg, "SSR %s names no traveller of the PNR; ignored", code)
		return nil
	}
	if d.infant && bk.b.Travellers[t].Role != message.RoleInfant {
		bk.infDocs = append(bk.infDocs, d)
		return nil
	}
	bk.applyDocs(t, d)
	return nil
}

// docsOwner finds the traveller of a DOCS without reference: the only
// traveller, or the one whose surname matches.
func (bk *ediBooking) docsOwner(d ediDocs) int {
	if len(bk.b.Travellers) == 1 {
		return 0
	}
	if d.surname == "" {
		return -1
	}
	found := -1
	for i, t := range bk.b.Travellers {
		if t.Surname == d.surname && (d.infant == (t.Role == message.RoleInfant)) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// ediClassifyDocs reads DOCS fields before the birth date when there are
// not four: a document type code, then country codes (issuer, then
// nationality) and the number, recognised by their form.
func ediClassifyDocs(pre []string) (typ, issuer, number, nat string) {
	for i, v := range pre {
		if v == "" {
			continue
		}
		switch {
		case i == 0 && ediDocType(v):
			typ = v
		case typ == "" && number == "" && issuer == "" && ediDocType(v) && len(v) <= 2 && i < len(pre)-1:
			typ = v
		case ediAlpha(v) && len(v) >= 2 && len(v) <= 3:
			if issuer == "" && number == "" {
				issuer = v
			} else if nat == "" {
				nat = v
			}
		case number == "":
			number = v
		}
	}
	return
}

func ediDocType(v string) bool {
	switch v {
	case "P", "I", "A", "C", "IP", "F", "M", "V", "AC", "PT", "PM", "PD", "IN", "G", "L", "B", "T":
		return true
	}
	return false
}

func ediAlpha(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return v != ""
}

// applyDocs files document data on traveller t.
func (bk *ediBooking) applyDocs(t int, d ediDocs) {
	tr := &bk.b.Travellers[t]
	if d.birth != "" && tr.BirthDate == "" {
		tr.BirthDate = d.birth
	}
	if d.gender != "" && tr.Gender == "" {
		tr.Gender = d.gender
	}
	if d.nat != "" && tr.Nationality == "" {
		tr.Nationality = d.nat
	}
	if d.birthPlace != "" && tr.BirthPlace == "" {
		tr.BirthPlace = d.birthPlace
	}
	if d.addr != nil {
		if d.addr.Type == "residence" && tr.Residence == "" {
			tr.Residence = d.addr.Country
		}
		for _, a := range tr.Addresses {
			if a == *d.addr {
				return
			}
		}
		tr.Addresses = append(tr.Addresses, *d.addr)
		return
	}
	if d.doc.Number == "" && d.doc.Type == "" {
		return
	}
	for i, x := range tr.Documents {
		if x.Type == d.doc.Type && x.Number == d.doc.Number {
			// The same document again (segment-level DOCS): fill gaps only.
			if x.Expiry == "" {
				tr.Documents[i].Expiry = d.doc.Expiry
			}
			if x.IssuingCountry == "" {
				tr.Documents[i].IssuingCountry = d.doc.IssuingCountry
			}
			if x.Nationality == "" {
				tr.Documents[i].Nationality = d.doc.Nationality
			}
			return
		}
	}
	tr.Documents = append(tr.Documents, d.doc)
}

// hasTraveller reports whether the PNR has a traveller of that name.
func (bk *ediBooking) hasTraveller(surname, given string) bool {
	for _, t := range bk.b.Travellers {
		if t.Surname == surname && t.GivenNames == given {
			return true
		}
	}
	return false
}
