package criteria

import (
	"testing"
)

// BenchmarkEvaluate runs 50 active criteria on a traveller and reports
// traveller-criterion evaluations per second.
func BenchmarkEvaluate(b *testing.B) {
	c := newChecker(b)
	e := c.NewEngine(manyCriteria(50))
	if len(e.Criteria()) != 50 {
		b.Fatalf("engine has %d criteria, skipped %v", len(e.Criteria()), e.Skipped())
	}
	subjects := []*Subject{ordinary(), brokenTravel()}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := e.Evaluate(subjects[i%2]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*50/b.Elapsed().Seconds(), "evals/s")
}

// BenchmarkEvaluateNoHit is the common case: nobody matches.
func BenchmarkEvaluateNoHit(b *testing.B) {
	c := newChecker(b)
	e := c.NewEngine(manyCriteria(50))
	s := ordinary()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Evaluate(s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*50/b.Elapsed().Seconds(), "evals/s")
}

// BenchmarkWorstCase evaluates a criterion near the cost limit (a pair of
// segments) on a journey of MaxListSize segments with no match: the
// longest a lawful criterion can run on a subject within the estimate.
func BenchmarkWorstCase(b *testing.B) {
	c := newChecker(b)
	ch, err := c.Compile(`journey.segments.exists(a, journey.segments.exists(x, a.record_locator != x.record_locator && a.destination == "NOPE" && hours_between(a.arrival, x.departure) < 72.0))`)
	if err != nil {
		b.Fatal(err)
	}
	s := brokenTravel()
	for len(s.Journey.Segments) < MaxListSize {
		s.Journey.Segments = append(s.Journey.Segments, s.Journey.Segments...)
	}
	s.Journey.Segments = s.Journey.Segments[:MaxListSize]
	for b.Loop() {
		if _, err := c.Eval(ch, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ch.CostMax), "est-cost")
}
