package criteria

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/chokepoint/chokepoint/internal/store"
)

// SampleSize is the number of hits a backtest report keeps.
const SampleSize = 20

// Subjects is a source of subjects: stored history for a backtest, a test
// fixture, or a file. An error ends the iteration.
type Subjects = iter.Seq2[*Subject, error]

// Report is the result of a backtest: how many travellers and flights a
// criterion was run on, and how many it would have flagged. Its JSON form
// is kept in store.Criterion.Backtest, and activation requires it.
type Report struct {
	Criterion string `json:"criterion"`
	// Version is the criterion version backtested and ExpressionSHA256
	// the digest of its expression: activation checks the expression
	// has not changed since.
	Version          int    `json:"version"`
	ExpressionSHA256 string `json:"expression_sha256"`
	// Since is the start of the history window (flights departing from
	// then on); RanAt and RanBy record the run.
	Since time.Time `json:"since"`
	RanAt time.Time `json:"ran_at"`
	RanBy string    `json:"ran_by,omitempty"`
	// Travellers and Flights are the distinct travellers and flights
	// evaluated; Evaluations the traveller-flight pairs.
	Travellers  int `json:"travellers"`
	Flights     int `json:"flights"`
	Evaluations int `json:"evaluations"`
	// Hits are the traveller-flight pairs matched; HitTravellers the
	// distinct travellers; HitRate Hits / Evaluations.
	Hits          int     `json:"hits"`
	HitTravellers int     `json:"hit_travellers"`
	HitRate       float64 `json:"hit_rate"`
	// Errors counts evaluations that failed (FirstError is the first).
	Errors     int    `json:"errors"`
	FirstError string `json:"first_error,omitempty"`
	// Sample holds the first hits.
	Sample []Sample `json:"sample"`
	// ApprovedBy and ApprovedAt are set when the criterion is activated
	// with this backtest.
	ApprovedBy string    `json:"approved_by,omitempty"`
	ApprovedAt time.Time `json:"approved_at,omitzero"`
}

// Sample is one hit of a backtest.
type Sample struct {
	TravellerID       int64  `json:"traveller_id,omitempty"`
	FlightTravellerID int64  `json:"flight_traveller_id,omitempty"`
	FlightID          int64  `json:"flight_id,omitempty"`
	Flight            string `json:"flight"`
	// Explanation holds personal data (field values); Stored drops it.
	Explanation *Explanation `json:"explanation,omitempty"`
}

// Stored returns the report as kept with the criterion: sample hits keep
// their references (ids, flight) but not their explanations, so that
// criterion history, which retention does not depersonalise, holds no
// personal data.
func (r Report) Stored() Report {
	s := make([]Sample, len(r.Sample))
	for i, x := range r.Sample {
		x.Explanation = nil
		s[i] = x
	}
	r.Sample = s
	return r
}

// Backtest runs a criterion (whatever its status) over subjects whose
// flight departs at or after since, and reports the counts and a sample
// of hits. It fails when the criterion does not pass Check.
func (c *Checker) Backtest(ctx context.Context, cr store.Criterion, subjects Subjects, since time.Time) (Report, error) {
	ch, err := c.Check(cr)
	if err != nil {
		return Report{}, err
	}
	r := Report{Criterion: cr.Name, Version: cr.Version, ExpressionSHA256: ExpressionDigest(cr.Expression),
		Since: since.UTC(), Sample: []Sample{}}
	travellers := map[int64]bool{}
	flights := map[int64]bool{}
	hitTravellers := map[int64]bool{}
	anon := int64(0)
	for s, err := range subjects {
		if err != nil {
			return Report{}, fmt.Errorf("backtest %q: reading history: %w", cr.Name, err)
		}
		if err := ctx.Err(); err != nil {
			return Report{}, fmt.Errorf("backtest %q: %w", cr.Name, err)
		}
		if !since.IsZero() && !s.Flight.Departure.IsZero() && s.Flight.Departure.Before(since) {
			continue
		}
		who := s.TravellerID
		if who == 0 {
			// Unresolved: count the flight traveller, or each subject.
			anon--
			who = anon
			if s.FlightTravellerID != 0 {
				who = -s.FlightTravellerID
			}
		}
		travellers[who] = true
		flights[flightKey(s)] = true
		r.Evaluations++
		act := c.activation(s)
		ok, err := evalBool(ctx, ch.prg, act)
		if err != nil {
			r.Errors++
			if r.FirstError == "" {
				r.FirstError = err.Error()
			}
			continue
		}
		if !ok {
			continue
		}
		r.Hits++
		hitTravellers[who] = true
		if len(r.Sample) < SampleSize {
			x := ch.explain(ctx, act)
			r.Sample = append(r.Sample, Sample{TravellerID: s.TravellerID, FlightTravellerID: s.FlightTravellerID,
				FlightID: s.FlightID, Flight: flightLabel(&s.Flight), Explanation: &x})
		}
	}
	r.Travellers, r.Flights, r.HitTravellers = len(travellers), len(flights), len(hitTravellers)
	if r.Evaluations > 0 {
		r.HitRate = float64(r.Hits) / float64(r.Evaluations)
	}
	r.RanAt = c.now().UTC()
	return r, nil
}

// flightKey identifies a subject's flight: its store id, or a hash of its
// designator and departure.
func flightKey(s *Subject) int64 {
	if s.FlightID != 0 {
		return s.FlightID
	}
	var h int64 = 1469598103934665603
	for _, b := range []byte(flightLabel(&s.Flight)) {
		h = (h ^ int64(b)) * 1099511628211
	}
	return h
}

func flightLabel(f *Flight) string {
	dep := ""
	if !f.Departure.IsZero() {
		dep = f.Departure.Format("2006-01-02T15:04")
	}
	return fmt.Sprintf("%s%s %s %s-%s", f.Carrier, f.Number, dep, f.Origin, f.Destination)
}

// DecodeReport reads a stored backtest report.
func DecodeReport(raw json.RawMessage) (Report, error) {
	var r Report
	if err := json.Unmarshal(raw, &r); err != nil {
		return Report{}, fmt.Errorf("criteria: backtest report: %w", err)
	}
	return r, nil
}
