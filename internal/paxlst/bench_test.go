package paxlst

import (
	"testing"

	"github.com/chokepoint/chokepoint/internal/edifact"
)

// BenchmarkParse measures the whole path, EDIFACT reading included, on the
// largest real sample (Test3: 47 kB, 260 passengers).
func BenchmarkParse(b *testing.B) {
	data := readSample(b, "Test3")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	travellers := 0
	for b.Loop() {
		msgs, err := Parse(data, testOpts)
		if err != nil {
			b.Fatal(err)
		}
		travellers += len(msgs[0].Travellers)
	}
	b.ReportMetric(float64(travellers)/b.Elapsed().Seconds(), "travellers/s")
}

// BenchmarkParseMessage measures the PAXLST interpretation alone, on
// segments already read by package edifact.
func BenchmarkParseMessage(b *testing.B) {
	data := readSample(b, "Test3")
	f, err := edifact.ReadFile(data)
	if err != nil {
		b.Fatal(err)
	}
	m := f.Messages()[0]
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	travellers := 0
	for b.Loop() {
		pm, err := ParseMessage(m, testOpts)
		if err != nil {
			b.Fatal(err)
		}
		travellers += len(pm.Travellers)
	}
	b.ReportMetric(float64(travellers)/b.Elapsed().Seconds(), "travellers/s")
}

// BenchmarkParseSmall is a typical small list (flight1: 10 passengers with
// bags, seats and visas), where per-message overhead dominates.
func BenchmarkParseSmall(b *testing.B) {
	data := readSample(b, "flight1")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := Parse(data, testOpts); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "msgs/s")
}
