package criteria

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRefusesProtectedAttributes(t *testing.T) {
	c := newChecker(t)
	tests := []struct {
		expr string
		want string // substring of the refusal
	}{
		{`traveller.religion == "x" && flight.destination == "GZT"`, `references "traveller.religion" at 1:10: religion or belief is a protected attribute (EU PNR Directive art. 6(4))`},
		{`traveller["religion"] == "x"`, `"traveller.religion"`},
		{`traveller["reli" + "gion"] == "x"`, `religion`},
		{`has(traveller.religion)`, `"traveller.religion"`},
		{`traveller.Religion == "x"`, `religion`},
		{`traveller.ethnicity == "x"`, `racial or ethnic origin`},
		{`traveller.ethnic_origin == "x"`, `racial or ethnic origin`},
		{`traveller.health_status == "x"`, `health is a protected attribute`},
		{`traveller.sexual_orientation == "x"`, `sex life`},
		{`traveller.political_party == "x"`, `political opinion`},
		{`traveller.trade_union == "x"`, `trade union`},
		{`traveller.tradeUnion == "x"`, `trade union`},
		{`meal == "MOML"`, `references "meal"`},
		{`traveller.meal_preference == "x"`, `meal requests`},
		{`ssr == "MOML"`, `references "ssr"`},
		{`booking.ssrs.exists(s, s == "WCHR")`, `"booking.ssrs"`},
		{`flight.destination == "KSML"`, `string literal "KSML"`},
		{`flight.destination == "ks" + "ml"`, `KSML is a meal or medical service request code`},
		{`booking.agency == "WCHR"`, `WCHR`},
		{`booking.agency.contains("halal")`, `string literal "halal"`},
		{`booking.agency == "MUSLIM TRAVEL"`, `religion`},
		{`traveller.medical == true`, `health`},
		{`traveller.wheelchair`, `health`},
		{`journey.segments.exists(wheelchair, wheelchair.origin == "IST")`, `"wheelchair"`},
		{`traveller.surname.startsWith("AL") && flight.destination == "GZT"`, `names are ethnicity proxies`},
		{`traveller.given_names == "MOHAMMED" && flight.destination == "GZT"`, `names are ethnicity proxies`},
		{`traveller.name == "X"`, `names`},
		{`traveller.birth_place == "ALEPPO" && flight.destination == "GZT"`, `birth place is a proxy`},
		{`traveller.birthPlace == "ALEPPO"`, `birth place`},
		{`traveller.birth_date == "1990-01-01"`, `birth`},
		{`{"religion": 1}["religion"] == 1`, `religion`},
		{`criteria.Traveller{religion: "x"} == traveller`, `religion`},
		{`religion(traveller)`, `"religion()"`},
		{`traveller.osi.contains("X")`, `special service requests`},
	}
	for _, tt := range tests {
		_, err := c.Compile(tt.expr)
		var r *Refusal
		if !errors.As(err, &r) {
			t.Errorf("%s: got %v, want a refusal", tt.expr, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "refused") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant it to contain %q", tt.expr, err, tt.want)
		}
		if r.Basis == "" || r.Line == 0 {
			t.Errorf("%s: refusal without basis or position: %+v", tt.expr, r)
		}
	}
}

func TestRefusesProxiesAlone(t *testing.T) {
	c := newChecker(t)
	tests := []struct {
		expr string
		want string
	}{
		{`traveller.nationality == "SYR"`, `references "traveller.nationality" at 1:10: nationality used alone`},
		{`traveller.nationality in ["SYR", "IRQ", "AFG"]`, `"traveller.nationality"`},
		{`traveller.document_country == "SYR"`, `"traveller.document_country"`},
		{`traveller.residence_country == "SYR"`, `"traveller.residence_country"`},
		{`traveller.nationality == "SYR" && traveller.gender == "M"`, `nationality used alone`},
		{`traveller.nationality == "SYR" && traveller.age_years < 30 && traveller.gender == "M"`, `used alone`},
		{`traveller.gender == "M"`, `sex used alone`},
		{`traveller.age_years < 25`, `age used alone`},
		// One branch of the || is nationality alone.
		{`traveller.nationality == "SYR" || flight.destination == "GZT"`, `"traveller.nationality"`},
		{`flight.destination == "GZT" || (traveller.nationality == "SYR" && traveller.gender == "M")`, `nationality`},
		{`!(traveller.nationality != "SYR")`, `nationality`},
		{`traveller.nationality == "SYR" ? true : flight.destination == "GZT"`, `nationality`},
		// A comprehension's range is not a condition on behaviour.
		{`journey.segments.exists(s, traveller.nationality == "SYR")`, `nationality`},
		{`[traveller].exists(t, t.nationality == "SYR")`, `nationality`},
		{`size(journey.segments.filter(s, traveller.nationality == "SYR")) > 0`, `nationality`},
		// No condition at all.
		{`true`, `without any condition on booking, flight or journey`},
		{`1 == 1`, `without any condition`},
	}
	for _, tt := range tests {
		_, err := c.Compile(tt.expr)
		var r *Refusal
		if !errors.As(err, &r) {
			t.Errorf("%s: got %v, want a refusal", tt.expr, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s:\n got %v\nwant it to contain %q", tt.expr, err, tt.want)
		}
	}
}

func TestAcceptsLawful(t *testing.T) {
	c := newChecker(t)
	for _, expr := range []string{
		`flight.destination == "GZT" && booking.paid_cash`,
		`traveller.nationality != flight.destination_country && in_group(flight.destination, "tr-syria-border") && booking.one_way`,
		`traveller.nationality == "DEU" && journey.broken_travel && journey.final_group == "tr-syria-border"`,
		`traveller.age_years >= 18 && traveller.age_years < 30 && booking.one_way && booking.lead_days < 3 && in_group(flight.destination, "tr-syria-border")`,
		`journey.segments.exists(s, in_group(s.destination, "tr-syria-border")) && journey.one_way`,
		`"tr-syria-border" in journey.groups && journey.paid_cash`,
		`journey.transits.exists(t, t.dwell_hours > 24.0) && journey.duration_hours < 72`,
		`days_between(booking.created, flight.departure) < 2.0 && flight.destination == "HTY"`,
		`booking.agency in ["12345678", "87654321"] && booking.card_count >= 3`,
		`traveller.is_crew == false && !traveller.has_document && flight.domestic == false && booking.one_way`,
	} {
		if _, err := c.Compile(expr); err != nil {
			t.Errorf("%s: %v", expr, err)
		}
	}
}

// TestSchemaPassesScreens makes sure no field of the schema trips the
// protected-term screen (a schema field refused would be unusable).
func TestSchemaPassesScreens(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Traveller](), reflect.TypeFor[Booking](), reflect.TypeFor[Flight](),
		reflect.TypeFor[Journey](), reflect.TypeFor[Segment](), reflect.TypeFor[Transit]()} {
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if r := screenName(name, name); r != nil {
				t.Errorf("%s.%s: %v", typ.Name(), name, r)
			}
		}
	}
	for _, fn := range []string{"in_group", "hours_between", "days_between"} {
		if r := screenName(fn, fn); r != nil {
			t.Errorf("%s: %v", fn, r)
		}
	}
}

func TestTypeErrorsNamePosition(t *testing.T) {
	c := newChecker(t)
	tests := []struct{ expr, want string }{
		{`traveller.shoe_size > 40`, `1:10: undefined field 'shoe_size'`},
		{`flight.destination == 3 && booking.paid_cash`, `1:20: found no matching overload for '_==_'`},
		{"booking.paid_cash &&\n  flight.nope", `2:9: undefined field 'nope'`},
		{`booking.lead_days`, `must be a bool`},
		{`booking.paid_cash &&`, `syntax`},
		{`in_group(flight.destination, "tr-nowhere") && booking.paid_cash`, `1:9: in_group: unknown airport group "tr-nowhere"`},
		{``, `empty`},
	}
	for _, tt := range tests {
		_, err := c.Compile(tt.expr)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.expr, err, tt.want)
		}
	}
}

func TestCostLimit(t *testing.T) {
	c := newChecker(t)
	// One nested comprehension over segments fits...
	pair := `journey.segments.exists(a, journey.segments.exists(b, a.record_locator != b.record_locator && hours_between(a.arrival, b.departure) < 72.0))`
	ch, err := c.Compile(pair)
	if err != nil {
		t.Fatalf("pair: %v", err)
	}
	if ch.CostMax == 0 || ch.CostMax > c.MaxCost() {
		t.Errorf("pair cost %d", ch.CostMax)
	}
	// ...two do not.
	triple := `journey.segments.exists(a, journey.segments.exists(b, journey.segments.exists(x, a.origin == b.destination && x.origin == a.destination)))`
	if _, err := c.Compile(triple); err == nil || !strings.Contains(err.Error(), "exceeds the limit") {
		t.Errorf("triple: got %v, want a cost refusal", err)
	}
	// A subject with more segments than the estimate assumes is stopped
	// by the runtime limit, not left to run.
	small, err := NewChecker(Options{MaxCost: 5000})
	if err != nil {
		t.Fatal(err)
	}
	ch, err = small.Compile(`journey.segments.exists(a, a.origin == "XXX" && a.destination == "YYY") && booking.paid_cash`)
	if err != nil {
		t.Fatal(err)
	}
	s := brokenTravel()
	s.Booking.PaidCash = true
	for len(s.Journey.Segments) < 5000 {
		s.Journey.Segments = append(s.Journey.Segments, s.Journey.Segments...)
	}
	if _, err := small.Eval(ch, s); err == nil || !strings.Contains(err.Error(), "cost limit exceeded") {
		t.Errorf("runtime: got %v, want cost limit exceeded", err)
	}
}
