package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/chokepoint/chokepoint/internal/synth"
)

// TestScaleOutEqualsEmbedded is the scale-out proof: PostgreSQL, NATS
// JetStream and two worker processes consuming one stream, one of them
// killed mid-stream. Every message must land exactly once, and the
// outcome must equal an embedded-mode run over the same messages.
func TestScaleOutEqualsEmbedded(t *testing.T) {
	pgDSN, natsURL := os.Getenv("CHOKEPOINT_TEST_POSTGRES"), os.Getenv("CHOKEPOINT_TEST_NATS")
	if pgDSN == "" || natsURL == "" {
		t.Skip("CHOKEPOINT_TEST_POSTGRES and CHOKEPOINT_TEST_NATS must both be set for the scale-out test")
	}
	if testing.Short() {
		t.Skip("scale-out test skipped in -short mode")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	dir := t.TempDir()
	bin := filepath.Join(dir, "chokepoint")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "../../cmd/chokepoint")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// A small synthetic world.
	world := filepath.Join(dir, "world")
	if err := os.MkdirAll(world, 0o755); err != nil {
		t.Fatal(err)
	}
	w := synth.New(synth.Config{Seed: 7, Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Days: 2, Travellers: 400})
	var files []string
	if _, err := w.Each(ctx, func(f synth.File) error {
		p := filepath.Join(world, f.Name)
		files = append(files, p)
		return os.WriteFile(p, f.Data, 0o644)
	}); err != nil {
		t.Fatal(err)
	}
	un := "un:../../testdata/watchlists/un-consolidated-2026-02-27/consolidated.xml"
	env := append(os.Environ(), "CHOKEPOINT_CARD_KEY=scale-test-key")
	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chokepoint %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
		}
		return out
	}

	// Embedded run.
	emb := filepath.Join(dir, "embedded")
	run("watchlist", "import", "--data", emb, un)
	run(append([]string{"ingest", "--data", emb}, files...)...)

	// Scale run: a fresh PostgreSQL schema and a fresh stream.
	schemaDSN := freshSchema(t, pgDSN)
	stream := "SCALE_" + randHex(4)
	scaleData := filepath.Join(dir, "scale")
	run("watchlist", "import", "--data", scaleData, "--store", schemaDSN, un)
	run(append([]string{"ingest", "--queue", natsURL, "--stream", stream}, files...)...)

	worker := func(name string) *exec.Cmd {
		cmd := exec.Command(bin, "worker", "--data", scaleData, "--store", schemaDSN, "--queue", natsURL,
			"--stream", stream, "--ack-wait", "2s", "--batch", "8")
		cmd.Env = env
		logf, err := os.Create(filepath.Join(dir, name+".log"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = logf
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			logf.Close()
		})
		return cmd
	}
	db, err := sql.Open("pgx", schemaDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := func() (n, distinct int) {
		if err := db.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT sha256) FROM raw_messages`).Scan(&n, &distinct); err != nil {
			t.Fatalf("count raw messages: %v", err)
		}
		return n, distinct
	}

	a := worker("worker-a")
	worker("worker-b")
	// Kill worker A once the workers are under way: it dies holding a
	// batch it has not committed, which must be redelivered.
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if n, _ := stored(); n > len(files)/5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("workers made no progress; see %s", dir)
		}
		time.Sleep(50 * time.Millisecond)
	}
	a.Process.Signal(syscall.SIGKILL)
	worker("worker-c")
	for deadline := time.Now().Add(5 * time.Minute); ; {
		n, distinct := stored()
		if n != distinct {
			t.Fatalf("%d rows for %d distinct messages: a message was stored twice", n, distinct)
		}
		if n == len(files) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d messages stored", n, len(files))
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // redeliveries after the kill must change nothing
	if n, distinct := stored(); n != len(files) || distinct != len(files) {
		t.Fatalf("after redelivery: %d rows, %d distinct, want %d", n, distinct, len(files))
	}

	embSig := signature(t, run("travellers", "--data", emb, "--json"))
	scaleSig := signature(t, run("travellers", "--data", scaleData, "--store", schemaDSN, "--json"))
	if len(embSig) == 0 {
		t.Fatal("embedded run produced no travellers")
	}
	if strings.Join(embSig, "\n") != strings.Join(scaleSig, "\n") {
		t.Errorf("scale-out result differs from embedded: %d vs %d travellers\nfirst differences:\n%s",
			len(embSig), len(scaleSig), firstDiff(embSig, scaleSig, 5))
	}
}

// signature reduces `travellers --json` output to an order- and
// id-independent form: per traveller, names, birth date, flights,
// bookings and matched entries.
func signature(t *testing.T, out []byte) []string {
	t.Helper()
	var sig []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var p struct {
			Surname, GivenNames string
			BirthDate           string `json:"birth_date"`
			Flights             []struct {
				Carrier, Number, Origin, Departure string
			}
			Bookings []string
			Matches  []struct {
				List    string
				EntryID string `json:"entry_id"`
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatalf("travellers output: %v", err)
		}
		var fl, ms []string
		for _, f := range p.Flights {
			fl = append(fl, f.Carrier+f.Number+f.Origin+f.Departure)
		}
		for _, m := range p.Matches {
			ms = append(ms, m.List+":"+m.EntryID)
		}
		sort.Strings(fl)
		sort.Strings(ms)
		sig = append(sig, fmt.Sprintf("%s/%s %s flights=%v bookings=%v matches=%v", p.Surname, p.GivenNames, p.BirthDate, fl, p.Bookings, ms))
	}
	sort.Strings(sig)
	return sig
}

func firstDiff(a, b []string, n int) string {
	var out []string
	ia, ib := 0, 0
	for (ia < len(a) || ib < len(b)) && len(out) < n {
		switch {
		case ib >= len(b) || ia < len(a) && a[ia] < b[ib]:
			out = append(out, "- "+a[ia])
			ia++
		case ia >= len(a) || b[ib] < a[ia]:
			out = append(out, "+ "+b[ib])
			ib++
		default:
			ia++
			ib++
		}
	}
	return strings.Join(out, "\n")
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// freshSchema creates a schema for this test and returns a DSN using it.
func freshSchema(t *testing.T, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := "chk_scale_" + strings.ToLower(randHex(5))
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("PostgreSQL at CHOKEPOINT_TEST_POSTGRES does not answer or refuses: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
