package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/internal/hostilepdf"
	"vanthu/internal/sharedtest"
)

// TestServeHostileUploads is the bench of hostile uploads (BENCHMARKS.md,
// "Hostile files"): a real `vanthu serve` (the binary, OCR on) receives 30
// hostile PDFs at once (every case of internal/hostilepdf: cross-reference
// traps, loops, bombs, plus real PDFs mutated into bombs and loops) while
// ten searches are asked, one every half second. It passes when at least 9
// of the 10 searches answer within 5 s, every upload gets an answer, and the
// server's peak resident memory (VmHWM) stays under 3 GB. It measures time,
// so it runs only when asked:
//
//	VANTHU_BENCH_HOSTILE=1 go test -run TestServeHostileUploads -v ./cmd/vanthu
func TestServeHostileUploads(t *testing.T) {
	if os.Getenv("VANTHU_BENCH_HOSTILE") == "" {
		t.Skip("a bench: set VANTHU_BENCH_HOSTILE=1 to run it")
	}
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc to read the server's peak memory")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "vanthu")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	if out, err := exec.Command(bin, "demo", "--data", data, "--no-serve").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}

	// 30 hostile files: the cases, then real PDFs made into bombs and loops.
	var names []string
	var files [][]byte
	for _, c := range hostilepdf.Cases() {
		names = append(names, c.Name)
		files = append(files, c.Make())
	}
	var srcs [][]byte
	realPDFs, _ := filepath.Glob(filepath.Join(sharedtest.Root(t), "ingest", "pdftext", "testdata", "*.pdf"))
	if d := os.Getenv("VANTHU_SHARED"); d != "" {
		more, _ := filepath.Glob(filepath.Join(d, "corpus-real", "pdf", "*", "*.pdf"))
		realPDFs = append(realPDFs, more...)
	}
	for _, p := range realPDFs {
		if b, err := os.ReadFile(p); err == nil {
			srcs = append(srcs, b)
		}
	}
	for i := 0; len(files) < 30; i++ {
		kind := []hostilepdf.Kind{hostilepdf.Bomb, hostilepdf.Loop, hostilepdf.DupKey}[i%3]
		names = append(names, fmt.Sprintf("mutant-%d-%v", i, kind))
		files = append(files, hostilepdf.Mutate(srcs[i%len(srcs)], kind, uint64(i)))
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(bin, "serve", "--data", data, "--addr", addr)
	var srvLog bytes.Buffer
	srv.Stdout, srv.Stderr = &srvLog, &srvLog
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		srv.Process.Kill()
		srv.Wait()
	}()
	base := "http://" + addr
	client := &http.Client{Timeout: 10 * time.Minute}
	for start := time.Now(); ; {
		if r, err := client.Get(base + "/healthz"); err == nil {
			r.Body.Close()
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("serve did not start:\n%s", srvLog.String())
		}
		time.Sleep(100 * time.Millisecond)
	}

	start := time.Now()
	type upload struct {
		name   string
		took   time.Duration
		status int
		result string
	}
	uploads := make([]upload, len(files))
	var wg sync.WaitGroup
	for i := range files {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			t0 := time.Now()
			u := upload{name: names[i]}
			resp, err := client.Post(base+"/api/ingest?name="+url.QueryEscape(names[i]+".pdf"), "application/pdf", bytes.NewReader(files[i]))
			if err != nil {
				u.result = "error: " + err.Error()
			} else {
				var body struct {
					Results []struct {
						Status  string `json:"status"`
						Extract string `json:"extract"`
						Error   string `json:"error"`
					} `json:"results"`
				}
				json.NewDecoder(resp.Body).Decode(&body)
				resp.Body.Close()
				u.status = resp.StatusCode
				if len(body.Results) > 0 {
					r := body.Results[0]
					u.result = r.Status + "/" + r.Extract + " " + r.Error
				}
			}
			u.took = time.Since(t0)
			uploads[i] = u
		}(i)
	}
	queries := []string{"đoàn ra nước ngoài", "doan ra", "Sở Ngoại vụ", "hộ chiếu công vụ", "chi thi", "công tác", "quy chế quản lý", "Quảng Ngãi", "hội nghị quốc tế", "visa"}
	searchTook := make([]time.Duration, len(queries))
	searchOK := make([]bool, len(queries))
	tick := time.NewTicker(500 * time.Millisecond)
	for i, q := range queries {
		<-tick.C
		t0 := time.Now()
		c := &http.Client{Timeout: 30 * time.Second}
		resp, err := c.Get(base + "/api/search?q=" + url.QueryEscape(q))
		if err == nil {
			var r struct {
				Total int `json:"total"`
			}
			err = json.NewDecoder(resp.Body).Decode(&r)
			resp.Body.Close()
			searchOK[i] = err == nil && resp.StatusCode == 200
		}
		searchTook[i] = time.Since(t0)
	}
	tick.Stop()
	wg.Wait()
	total := time.Since(start)

	hwm := peakRSS(t, srv.Process.Pid)
	within := 0
	for i := range queries {
		if searchOK[i] && searchTook[i] <= 5*time.Second {
			within++
		}
	}
	sorted := append([]time.Duration(nil), searchTook...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	t.Logf("30 hostile uploads answered in %v; searches within 5 s: %d/10 (median %v, slowest %v); serve peak RSS %d MB",
		total.Round(time.Millisecond), within, sorted[len(sorted)/2].Round(time.Millisecond), sorted[len(sorted)-1].Round(time.Millisecond), hwm>>20)
	for _, u := range uploads {
		t.Logf("  %-28s %6v  %d %s", u.name, u.took.Round(time.Millisecond), u.status, firstLine(u.result, 110))
		if u.status == 0 {
			t.Errorf("%s: no answer: %s", u.name, u.result)
		}
	}
	if within < 9 {
		t.Errorf("only %d of 10 searches answered within 5 s: %v", within, searchTook)
	}
	if hwm >= 3<<30 {
		t.Errorf("serve peaked at %d MB, bound 3 GB", hwm>>20)
	}
	if srv.ProcessState != nil {
		t.Errorf("serve exited:\n%s", srvLog.String())
	}
}

// peakRSS reads VmHWM (the peak resident set) of a process from /proc.
func peakRSS(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatalf("serve is gone: %v", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

// TestHostilePDFStoredNotRead: a content bomb is refused by the reader and
// kept, original and all, with the status "too large or malformed, not
// read" that `show --json` reports; the process is still there to say so.
func TestHostilePDFStoredNotRead(t *testing.T) {
	dir := t.TempDir()
	var bomb []byte
	for _, c := range hostilepdf.Cases() {
		if c.Name == "tj-30m" {
			bomb = c.Make()
		}
	}
	p := filepath.Join(dir, "bomb.pdf")
	if err := os.WriteFile(p, bomb, 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	code, out, errs := vt(t, "ingest", p, "--data", data, "--json", "--no-ocr")
	if code != 0 && code != 1 {
		t.Fatalf("ingest: exit %d\n%s\n%s", code, out, errs)
	}
	var res struct {
		ID, Status, Extract, Error string
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &res); err != nil {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	if res.Status != "stored" || res.Extract != "failed" || !strings.Contains(res.Error, "too large or malformed, not read") {
		t.Fatalf("ingest result %+v, want stored, failed, \"too large or malformed, not read\"", res)
	}
	code, out, errs = vt(t, "show", res.ID, "--data", data, "--json")
	if code != 0 {
		t.Fatalf("show: exit %d: %s", code, errs)
	}
	var d struct {
		Versions []struct {
			SHA256  string `json:"sha256"`
			Status  string `json:"status"`
			Message string `json:"message"`
		}
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("show --json: %v\n%s", err, out)
	}
	if len(d.Versions) != 1 || d.Versions[0].Status != "failed" || !strings.Contains(d.Versions[0].Message, "too large or malformed, not read") {
		t.Fatalf("versions %+v", d.Versions)
	}
	if d.Versions[0].SHA256 == "" {
		t.Errorf("no original recorded: %+v", d.Versions[0])
	}
}
