package resolve

import (
	"slices"
	"strings"
	"testing"
)

func identity(id string, recs ...Record) Identity {
	x := NewIdentity(id, recs[0])
	for _, r := range recs[1:] {
		x = Merge(x, r)
	}
	return x
}

func TestDecide(t *testing.T) {
	tests := []struct {
		name       string
		candidates []Identity
		record     Record
		want       string // identity id, or "" for a new identity
		why        string // a line of the explanation must contain this
		review     string // a review line must contain this, when set
	}{
		{
			name:       "transliteration variant, same birth date and passport",
			candidates: []Identity{identity("T1", api("ABDULRAHMAN", "MOHAMMED", "1985-04-12", passport("K1234567", "SAU"), nat("SAU")))},
			record:     api("ABDEL RAHMAN", "MUHAMMAD", "1985-04-12", passport("K1234567", "SA"), nat("SAU")),
			want:       "T1", why: "same passport K1234567 (SAU)",
		},
		{
			name:       "Cyrillic spelling of the same person with document",
			candidates: []Identity{identity("T1", api("IVANOV", "SERGEI", "1979-08-09", passport("751234567", "RUS")))},
			record:     api("Иванов", "Сергей", "1979-08-09", passport("751234567", "RUS")),
			want:       "T1", why: "same name IVANOV/SERGEI",
		},
		{
			name: "twins on one booking: different given names",
			candidates: []Identity{identity("T1", pnr("KAYA", "ELIF", "2001-06-15", nat("TUR"), locator("QX7T2A"),
				co("KAYA/ZEYNEP"), email("kaya.family@example.com"), shared()))},
			record: pnr("KAYA", "ZEYNEP", "2001-06-15", nat("TUR"), locator("QX7T2A"), co("KAYA/ELIF"),
				email("kaya.family@example.com"), shared()),
			want: "", why: "different names: KAYA/ZEYNEP vs KAYA/ELIF",
		},
		{
			name:       "twins with phonetically close names: the co-traveller matches better",
			candidates: []Identity{identity("T1", api("PRENDERGAST", "MARCO", "2005-02-02", nat("GBR")))},
			record:     api("PRENDERGAST", "MARK", "2005-02-02", nat("GBR"), co("PRENDERGAST/MARCO")),
			want:       "", why: "co-traveller PRENDERGAST/MARCO",
		},
		{
			name:       "phonetically close name without a co-traveller: variant + birth date + nationality",
			candidates: []Identity{identity("T1", api("PRENDERGAST", "MARCO", "2005-02-02", nat("GBR")))},
			record:     api("PRENDERGAST", "MARK", "2005-02-02", nat("GBR")),
			want:       "T1", why: "name variant",
		},
		{
			name:       "common name, no birth date, two flights: not merged on name alone",
			candidates: []Identity{identity("T1", pnr("ALI", "MOHAMMED", "", nat("PAK")))},
			record:     pnr("ALI", "MOHAMMED", "", nat("PAK"), msg("M2")),
			want:       "", why: "no birth date to compare",
		},
		{
			name:       "common name with birth date and nationality",
			candidates: []Identity{identity("T1", api("ALI", "MOHAMMED", "1988-07-21", nat("PAK")))},
			record:     api("ALI", "MOHAMMED", "1988-07-21", nat("PAK"), msg("M2")),
			want:       "T1", why: "same birth date 1988-07-21 (common name)",
		},
		{
			name:       "common name and 1 January birth date: not enough without more",
			candidates: []Identity{identity("T1", api("ALI", "MOHAMMED", "1988-01-01", nat("PAK")))},
			record:     api("ALI", "MOHAMMED", "1988-01-01", nat("PAK"), msg("M2")),
			want:       "", why: "common name, 1 January birth date",
		},
		{
			name:       "common name without birth date, same personal e-mail",
			candidates: []Identity{identity("T1", pnr("ALI", "MOHAMMED", "", email("m.ali.1988@example.net")))},
			record:     pnr("ALI", "MOHAMMED", "", email("M.Ali.1988@Example.net "), msg("M2")),
			want:       "T1", why: "same e-mail m.ali.1988@example.net",
		},
		{
			name:       "common name without birth date, same phone in another format",
			candidates: []Identity{identity("T1", pnr("ALI", "MOHAMMED", "", phone("+90 532 123 45 67")))},
			record:     pnr("ALI", "MOHAMMED", "", phone("0532-123 4567"), msg("M2")),
			want:       "T1", why: "same phone …4567",
		},
		{
			name:       "same name, different birth date: never merged",
			candidates: []Identity{identity("T1", api("LINDQVIST", "HANNA", "1990-03-02", nat("SWE")))},
			record:     api("LINDQVIST", "HANNA", "1991-03-02", nat("SWE"), email("h@example.se")),
			want:       "", why: "different birth date: 1991-03-02 vs 1990-03-02 → not merged",
		},
		{
			name:       "same passport, different birth date: not merged, flagged",
			candidates: []Identity{identity("T1", api("LINDQVIST", "HANNA", "1990-03-02", passport("91234567", "SWE")))},
			record:     api("LINDQVIST", "HANNA", "1991-03-02", passport("91234567", "SWE")),
			want:       "", why: "different birth date", review: "shared identifier but different birth dates",
		},
		{
			name:       "same passport, different name: not merged, flagged",
			candidates: []Identity{identity("T1", api("LINDQVIST", "HANNA", "1990-03-02", passport("91234567", "SWE")))},
			record:     api("OKONKWO", "CHIDI", "1990-03-02", passport("91234567", "SWE")),
			want:       "", why: "different names", review: "shared identifier but different names",
		},
		{
			name: "renewed passport: same name, birth date and nationality",
			candidates: []Identity{identity("T1", api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR"),
				withDoc("P", "U11111111", "TUR", "2020-01-01")))},
			record: api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR"), withDoc("P", "U22222222", "TUR", "2030-01-01")),
			want:   "T1", why: "later expiry (renewal?)",
		},
		{
			name: "renewed passport of a common name with a later expiry",
			candidates: []Identity{identity("T1", api("YILMAZ", "MEHMET", "1979-11-30", nat("TUR"),
				withDoc("P", "U11111111", "TUR", "2020-01-01")))},
			record: api("YILMAZ", "MEHMET", "1979-11-30", nat("TUR"), withDoc("P", "U22222222", "TUR", "2030-01-01")),
			want:   "T1", why: "renewal",
		},
		{
			name:       "another passport and no nationality to corroborate: not merged",
			candidates: []Identity{identity("T1", api("DEMIRCIOGLU", "SELIN", "1979-11-30", passport("U11111111", "TUR")))},
			record:     api("DEMIRCIOGLU", "SELIN", "1979-11-30", passport("U22222222", "TUR")),
			want:       "", why: "different passport U22222222 (TUR) vs U11111111",
		},
		{
			name:       "different nationality: name and birth date are not enough",
			candidates: []Identity{identity("T1", api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR")))},
			record:     api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("DEU")),
			want:       "", why: "different nationality: DEU vs TUR",
		},
		{
			name:       "PNR-only traveller without birth date: frequent-flyer number and name",
			candidates: []Identity{identity("T1", api("HARTMANN", "KLAUS", "1970-05-05", nat("DEU"), ff("LH", "992000111222")))},
			record:     pnr("HARTMANN", "KLAUS", "", ff("lh", "9920 0011 1222")),
			want:       "T1", why: "same frequent-flyer number LH992000111222",
		},
		{
			name:       "PNR-only traveller without birth date or strong key: new identity",
			candidates: []Identity{identity("T1", api("HARTMANN", "KLAUS", "1970-05-05", nat("DEU")))},
			record:     pnr("HARTMANN", "KLAUS", ""),
			want:       "", why: "no birth date to compare",
		},
		{
			name:       "booking contact only, several travellers: not enough",
			candidates: []Identity{identity("T1", pnr("HARTMANN", "KLAUS", "", email("office@agency.example")))},
			record:     pnr("HARTMANN", "KLAUS", "", email("office@agency.example"), shared(), co("MEYER/ANNA")),
			want:       "", why: "same booking e-mail",
		},
		{
			name:       "booking contact shared with a namesake co-traveller is ignored",
			candidates: []Identity{identity("T1", pnr("OYELARAN", "TUNDE", "", email("oyelaran.home@example.com"), phone("+234 803 555 0101")))},
			record: pnr("OYELARAN", "TUNDE", "", email("oyelaran.home@example.com"), phone("+234 803 555 0101"),
				shared(), co("OYELARAN/TUNDE")),
			want: "", why: "shared booking contact ignored",
		},
		{
			name:       "gender conflict: not merged",
			candidates: []Identity{identity("T1", api("NOVAKOVA", "PETRA", "1990-01-05", gender("F"), nat("CZE")))},
			record:     api("NOVAKOVA", "PETRA", "1990-01-05", gender("M"), nat("CZE")),
			want:       "", why: "different gender: M vs F",
		},
		{
			name:       "gender conflict with the same passport: merged, flagged",
			candidates: []Identity{identity("T1", api("NOVAKOVA", "PETRA", "1990-01-05", gender("F"), passport("40123456", "CZE")))},
			record:     pnr("NOVAKOVA", "PETRA", "1990-01-05", gender("M"), passport("40123456", "CZE")),
			want:       "T1", why: "different gender", review: "but different gender",
		},
		{
			name: "infant and adult of the same name: not merged",
			candidates: []Identity{identity("T1", api("BELLINI", "LUCA", "1985-09-09", email("bellini@example.it"),
				travel("2025-05-01")))},
			record: pnr("BELLINI", "LUCA", "", age(AgeInfant), email("bellini@example.it")),
			want:   "", why: "infant vs adult",
		},
		{
			name:       "the infant seen again years later with its birth date",
			candidates: []Identity{identity("T1", api("BELLINI", "LUCA", "2024-02-10", nat("ITA"), travel("2025-05-01")))},
			record:     api("BELLINI", "LUCA", "2024-02-10", nat("ITA"), travel("2031-05-01")),
			want:       "T1", why: "same birth date 2024-02-10",
		},
		{
			name: "two equally good candidates: ambiguous, not merged",
			candidates: []Identity{
				identity("T1", api("FAROUQI", "ZAID", "1992-12-12", nat("JOR"))),
				identity("T2", api("FAROUQI", "ZAID", "1992-12-12", nat("JOR"), msg("M9"))),
			},
			record: api("FAROUQI", "ZAID", "1992-12-12", nat("JOR"), msg("M3")),
			want:   "", why: "new identity", review: "ambiguous",
		},
		{
			name: "a document decides between two name matches",
			candidates: []Identity{
				identity("T1", api("FAROUQI", "ZAID", "1992-12-12", nat("JOR"))),
				identity("T2", api("FAROUQI", "ZAID", "1992-12-12", nat("JOR"), passport("N0912345", "JOR"))),
			},
			record: api("FAROUQI", "ZAID", "1992-12-12", nat("JOR"), passport("N0912345", "JOR")),
			want:   "T2", why: "same passport N0912345 (JOR)",
		},
		{
			name:       "middle name missing, same passport",
			candidates: []Identity{identity("T1", api("ACHTERBERG", "JOHAN PIETER", "1966-10-03", passport("NXC1234R5", "NLD")))},
			record:     pnr("ACHTERBERG", "JOHAN", "1966-10-03", passport("NXC1234R5", "NLD")),
			want:       "T1", why: "partial name agreement",
		},
		{
			name:       "middle name missing, birth date only: not enough",
			candidates: []Identity{identity("T1", api("ACHTERBERG", "JOHAN PIETER", "1966-10-03"))},
			record:     pnr("ACHTERBERG", "JOHAN", "1966-10-03"),
			want:       "", why: "partial name agreement",
		},
		{
			name:   "API record without candidates",
			record: api("ACHTERBERG", "JOHAN", "1966-10-03"),
			want:   "", why: "no candidate identity",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.record, tt.candidates)
			expl := strings.Join(d.Explanation, "\n")
			if d.IdentityID != tt.want || d.New != (tt.want == "") {
				t.Fatalf("got identity %q new=%v (%.3f), want %q\n%s\nreview: %v", d.IdentityID, d.New, d.Confidence, tt.want, expl, d.Review)
			}
			if d.Confidence < 0 || d.Confidence > 1 {
				t.Errorf("confidence %v outside [0,1]", d.Confidence)
			}
			if tt.want != "" && d.Confidence < MergeThreshold {
				t.Errorf("merged with confidence %v below the threshold", d.Confidence)
			}
			if !hasLine(d.Explanation, tt.why) {
				t.Errorf("explanation lacks %q:\n%s", tt.why, expl)
			}
			if tt.review != "" && !hasLine(d.Review, tt.review) {
				t.Errorf("review lacks %q: %v", tt.review, d.Review)
			}
			if tt.review == "" && len(d.Review) > 0 {
				t.Errorf("unexpected review: %v", d.Review)
			}
			// Blocking recall: whatever merges must be reachable by a key.
			if tt.want != "" {
				var target Identity
				for _, c := range tt.candidates {
					if c.ID == tt.want {
						target = c
					}
				}
				ik := IdentityKeys(target)
				if !slices.ContainsFunc(Keys(tt.record), func(k string) bool { return slices.Contains(ik, k) }) {
					t.Errorf("record keys %v share none with identity keys %v", Keys(tt.record), ik)
				}
			}
		})
	}
}

// Contacts with a common name merge, but with less confidence than name,
// birth date and nationality with a rare name.
func TestDecideConfidenceOrder(t *testing.T) {
	byContact := Decide(pnr("ALI", "MOHAMMED", "", email("m.ali.1988@example.net")),
		[]Identity{identity("T1", pnr("ALI", "MOHAMMED", "", email("m.ali.1988@example.net")))})
	byRareName := Decide(api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR")),
		[]Identity{identity("T1", api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR")))})
	byPassport := Decide(api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR"), passport("U1234567", "TUR")),
		[]Identity{identity("T1", api("DEMIRCIOGLU", "SELIN", "1979-11-30", nat("TUR"), passport("U1234567", "TUR")))})
	for _, d := range []Decision{byContact, byRareName, byPassport} {
		if d.New {
			t.Fatalf("expected merges: %v", d.Explanation)
		}
	}
	if !(byContact.Confidence < byRareName.Confidence && byRareName.Confidence < byPassport.Confidence) {
		t.Errorf("confidences contact %.3f, name+birth+nationality %.3f, passport %.3f: want increasing",
			byContact.Confidence, byRareName.Confidence, byPassport.Confidence)
	}
}

func TestDecideNewConfidence(t *testing.T) {
	// The closer the best rejected candidate, the less sure the new identity.
	far := Decide(api("LINDQVIST", "HANNA", "1990-03-02"), []Identity{identity("T1", api("LINDQVIST", "HANNA", "1991-03-02"))})
	near := Decide(api("LINDQVIST", "HANNA", "1990-03-02"), []Identity{identity("T1", api("LINDQVIST", "HANNA", ""))})
	if !far.New || !near.New {
		t.Fatalf("want new identities: %v / %v", far.Explanation, near.Explanation)
	}
	if far.Confidence != 1 || near.Confidence >= far.Confidence {
		t.Errorf("new-identity confidences: vetoed %.3f, name-only %.3f", far.Confidence, near.Confidence)
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		name       string
		r          Record
		want       []string
		prefixes   []string
		wantNoKeys bool
	}{
		{
			name: "document number normalised",
			r:    api("SMITH", "JOHN", "", passport("p 123-456 78", "GB")),
			want: []string{"doc:P12345678"},
		},
		{
			name:       "name alone gives no key",
			r:          pnr("ALI", "MOHAMMED", ""),
			wantNoKeys: true,
		},
		{
			name:     "name and birth date",
			r:        api("ABDEL RAHMAN", "MUHAMMAD", "1985-04-12"),
			prefixes: []string{"nb:", "pb:"},
		},
		{
			name: "contacts normalised",
			r:    pnr("SMITH", "JOHN", "", email(" John.Smith@Example.COM"), phone("+44 (0)20 7946 0018"), ff("ba", "12 345 678")),
			want: []string{"em:john.smith@example.com", "ph:079460018", "ff:BA12345678"},
		},
		{
			name:       "invalid birth date and junk contacts are ignored",
			r:          api("SMITH", "JOHN", "1990-13-45", email("not-an-email"), phone("12")),
			wantNoKeys: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys := Keys(tt.r)
			if tt.wantNoKeys && len(keys) > 0 {
				t.Errorf("want no keys, got %v", keys)
			}
			for _, k := range tt.want {
				if !slices.Contains(keys, k) {
					t.Errorf("keys %v lack %q", keys, k)
				}
			}
			for _, p := range tt.prefixes {
				if !slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, p) && strings.HasSuffix(k, "|"+tt.r.BirthDate) }) {
					t.Errorf("keys %v lack a %s key with the birth date", keys, p)
				}
			}
		})
	}
}

// Spelling variants, scripts and swapped name fields of one person share a
// key when the birth date is known.
func TestKeysShared(t *testing.T) {
	pairs := [][2]Record{
		{api("ABDULRAHMAN", "MOHAMMED", "1985-04-12"), pnr("ABD AL RAHMAN", "MUHAMMAD", "1985-04-12")},
		{api("IVANOV", "SERGEI", "1979-08-09"), pnr("Иванов", "Сергей", "1979-08-09")},
		{api("HUSSEIN", "KHALED", "1979-08-09"), pnr("KHALED", "HUSSEIN", "1979-08-09")},
		{api("YILMAZ", "AYSE", "1979-08-09"), pnr("YILMAS", "AYSE", "1979-08-09")},
		{pnr("X", "Y", "", phone("+90 532 123 45 67")), pnr("Z", "W", "", phone("0532 123 4567"))},
	}
	for _, p := range pairs {
		a, b := Keys(p[0]), Keys(p[1])
		if !slices.ContainsFunc(a, func(k string) bool { return slices.Contains(b, k) }) {
			t.Errorf("%s and %s share no key: %v / %v", p[0].Name(), p[1].Name(), a, b)
		}
	}
	// ...but two different people with the same birth date do not.
	a := Keys(api("KAYA", "ELIF", "2001-06-15"))
	b := Keys(api("OKONKWO", "CHIDI", "2001-06-15"))
	if slices.ContainsFunc(a, func(k string) bool { return slices.Contains(b, k) }) {
		t.Errorf("unrelated people share a key: %v / %v", a, b)
	}
}
