package paxlst

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chokepoint/chokepoint/internal/message"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// samples are the real PAXLST files of the shared test data, by golden name.
var samples = map[string]string{
	"Test1":                    "gtas-loader/apis-messages/Test1.txt",
	"Test3":                    "gtas-loader/apis-messages/Test3.txt",
	"airline2":                 "gtas-loader/apis-messages/airline2.edi",
	"multiple_flight_leg_apis": "gtas-loader/apis-messages/multiple_flight_leg_apis.txt",
	"apisMessage":              "gtas-parsers/apis-messages/apisMessage.txt",
	"flight1":                  "gtas-job-scheduler-war/tamr-integration-data/flight1.txt",
	"flight2":                  "gtas-job-scheduler-war/tamr-integration-data/flight2.txt",
	"flight2.at-e2a57d78":      "gtas-job-scheduler-war/tamr-integration-data/flight2.at-e2a57d78.txt",
	"flight3":                  "gtas-job-scheduler-war/tamr-integration-data/flight3.txt",
	"flight3.at-ec62b145":      "gtas-job-scheduler-war/tamr-integration-data/flight3.at-ec62b145.txt",
}

const sampleDir = "../../testdata/messages/gtas"

// testOpts fixes the reference date, though every sample dates itself.
var testOpts = message.ParseOptions{Reference: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sampleDir, samples[name]))
	if err != nil {
		t.Fatalf("read sample %s: %v", name, err)
	}
	return data
}

// TestGolden parses every real sample and compares the JSON with the
// reviewed output in testdata/golden (go test -update rewrites it).
func TestGolden(t *testing.T) {
	for name := range samples {
		t.Run(name, func(t *testing.T) {
			msgs, err := Parse(readSample(t, name), testOpts)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			got, err := json.MarshalIndent(msgs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run go test -update to create): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s:\n%s", path, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first differing line with some context.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n  want: " + a + "\n  got:  " + b
		}
	}
	return "(no line differs)"
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
