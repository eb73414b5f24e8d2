//go:build synthmillion

package synth

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// TestMillion streams about a million messages and reports time and peak
// heap: go test -tags synthmillion -run TestMillion -v .
func TestMillion(t *testing.T) {
	w := New(Config{Seed: 1, Days: 1700, Travellers: 1700 * 1500})
	t0 := time.Now()
	var peak uint64
	n := 0
	st, err := w.Each(context.Background(), func(f File) error {
		n++
		if n%20000 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return nil
	})
	t.Logf("%+v err=%v in %v, peak heap %d MB", st, err, time.Since(t0), peak>>20)
}
