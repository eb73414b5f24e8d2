package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServe runs the real service on a loopback port: token-protected
// routes, message intake over HTTP (accepted, duplicate, rejected with the
// segment named), the inbox folder, flights, travellers and screening.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	data := t.TempDir()
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	var tokOut bytes.Buffer
	tenv := *env
	tenv.Stdout = &tokOut
	if code := Run(ctx, &tenv, []string{"token", "create", "--data", data, "--role", "admin"}); code != 0 {
		t.Fatalf("token create exit %d", code)
	}
	token := strings.TrimSpace(tokOut.String())
	svc, err := openService(ctx, env, storeFlags{data: data}, queueFlags{}, "test")
	if err != nil {
		t.Fatal(err)
	}
	defer svc.close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(data, "inbox")
	done := make(chan error, 1)
	go func() { done <- serveOn(ctx, env, svc, ln, inbox) }()
	base := "http://" + ln.Addr().String()

	call := func(method, path, tok string, body []byte) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest(method, base+path, bytes.NewReader(body))
		if tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		raw, _ := io.ReadAll(resp.Body)
		if len(raw) > 0 && raw[0] == '{' {
			if err := json.Unmarshal(raw, &out); err != nil {
				t.Fatalf("%s %s: %v: %s", method, path, err, raw)
			}
		}
		return resp.StatusCode, out
	}
	waitUp := time.Now().Add(5 * time.Second)
	for {
		if code, _ := call("GET", "/healthz", "", nil); code == 200 {
			break
		}
		if time.Now().After(waitUp) {
			t.Fatal("server did not come up")
		}
		time.Sleep(20 * time.Millisecond)
	}
	pnr, err := os.ReadFile("../../testdata/messages/gtas/gtas-loader/pnr-messages/pnr1.txt")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := os.ReadFile("../../testdata/messages/gtas/gtas-parsers/pnr-messages/pnrBadFormat.txt")
	if err != nil {
		t.Fatal(err)
	}
	if code, body := call("POST", "/api/v1/messages", "", pnr); code != 401 || body["error"] == nil {
		t.Errorf("no token: %d %v", code, body)
	}
	if code, body := call("POST", "/api/v1/messages", "wrong", pnr); code != 401 {
		t.Errorf("bad token: %d %v", code, body)
	}
	code, body := call("POST", "/api/v1/messages", token, pnr)
	if code != 201 || body["status"] != "accepted" || body["message_id"] == nil {
		t.Fatalf("post message: %d %v", code, body)
	}
	if code, body := call("POST", "/api/v1/messages", token, pnr); code != 200 || body["status"] != "duplicate" {
		t.Errorf("post duplicate: %d %v", code, body)
	}
	code, body = call("POST", "/api/v1/messages", token, bad)
	if code != 422 || !strings.Contains(body["error"].(string), "segment 28 (UNZ)") {
		t.Errorf("post bad message: %d %v", code, body)
	}
	if code, body := call("POST", "/api/v1/messages", token, nil); code != 400 {
		t.Errorf("empty body: %d %v", code, body)
	}
	code, body = call("GET", "/api/v1/messages?status=rejected", token, nil)
	if items, _ := body["items"].([]any); code != 200 || len(items) != 1 {
		t.Errorf("rejected messages: %d %v", code, body)
	}
	code, body = call("GET", "/api/v1/flights?date=2010-12-12", token, nil)
	items, _ := body["items"].([]any)
	if code != 200 || len(items) != 1 {
		t.Fatalf("flights: %d %v", code, body)
	}
	fid := int(items[0].(map[string]any)["id"].(float64))
	code, body = call("GET", "/api/v1/flights/"+itoa(fid), token, nil)
	travs, _ := body["travellers"].([]any)
	if code != 200 || len(travs) != 2 {
		t.Fatalf("manifest: %d %v", code, body)
	}
	tid := int(travs[0].(map[string]any)["traveller_id"].(float64))
	if code, body := call("GET", "/api/v1/travellers/"+itoa(tid), token, nil); code != 200 || body["surname"] == nil {
		t.Errorf("traveller: %d %v", code, body)
	}
	for _, p := range []string{"/api/v1/flights?date=yesterday", "/api/v1/travellers/abc", "/api/v1/flights/0"} {
		if code, body := call("GET", p, token, nil); code != 400 {
			t.Errorf("%s: %d %v, want 400", p, code, body)
		}
	}
	if code, _ := call("GET", "/api/v1/travellers/999999", token, nil); code != 404 {
		t.Errorf("unknown traveller: %d", code)
	}
	if code, body := call("POST", "/api/v1/screen", token, []byte(`{"id":"q1","name":"John Smith"}`)); code != 200 || body["id"] != "q1" {
		t.Errorf("screen: %d %v", code, body)
	}
	if code, _ := call("POST", "/api/v1/screen", token, []byte(`{"name":"no id"}`)); code != 400 {
		t.Errorf("screen without id: %d", code)
	}

	// The inbox takes a file dropped into it.
	api, err := os.ReadFile("../../testdata/messages/gtas/gtas-loader/apis-messages/airline2.edi")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(inbox, "airline2.edi"), api, 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Minute)
	os.Chtimes(filepath.Join(inbox, "airline2.edi"), old, old)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(inbox, "processed", "airline2.edi")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("inbox file not processed")
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("serve: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
