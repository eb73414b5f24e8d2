package cli

import (
	"encoding/json"
	"testing"
)

func TestBenchPipelineAndNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a synthetic day through the pipeline")
	}
	out, errs, code := runCmd(t, "", "bench", "pipeline", "--days", "1", "--travellers", "300", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep pipelineReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Files == 0 || rep.Records == 0 || rep.FilesPerSec <= 0 || rep.PeakRSSMB <= 0 || rep.Store != "sqlite" {
		t.Errorf("pipeline report %+v", rep)
	}
	out, errs, code = runCmd(t, "", "bench", "network", "--travellers", "5000", "--queries", "50", "--updates", "100", "--json")
	if code != 0 {
		t.Fatalf("network: exit %d: %s", code, errs)
	}
	var nr struct {
		Travellers  int     `json:"travellers"`
		ExpandP99MS float64 `json:"expand_p99_ms"`
		Updates     int     `json:"updates"`
	}
	if err := json.Unmarshal([]byte(out), &nr); err != nil || nr.Travellers == 0 || nr.Updates != 100 {
		t.Errorf("network report %s: %v", out, err)
	}
}
