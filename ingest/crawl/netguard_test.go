package crawl

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"vanthu/ingest"
)

// guardSink records what reaches the pipeline.
type guardSink struct {
	mu  sync.Mutex
	ins []ingest.Input
}

func (s *guardSink) Ingest(_ context.Context, in ingest.Input) (ingest.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ins = append(s.ins, in)
	return ingest.Result{Input: in.Name, ID: "d", Status: "stored"}, nil
}

func TestPublicAddr(t *testing.T) {
	for s, want := range map[string]bool{
		"93.184.215.14": true, "2606:2800:21f:cb07:6820:80da:af6b:8b2c": true, "8.8.8.8": true,
		"127.0.0.1": false, "127.9.9.9": false, "::1": false, "10.0.0.1": false, "172.16.5.4": false,
		"192.168.1.1": false, "169.254.169.254": false, "0.0.0.0": false, "::": false, "100.64.0.1": false,
		"fc00::1": false, "fe80::1": false, "224.0.0.1": false, "255.255.255.255": false,
		"::ffff:127.0.0.1": false, "::ffff:8.8.8.8": true, "64:ff9b::a00:1": false, "2002:7f00:1::": false,
	} {
		if got := PublicAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("PublicAddr(%s) = %v, want %v", s, got, want)
		}
	}
	if err := publicOnlyControl("tcp4", "127.0.0.1:80", nil); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("control on loopback: %v", err)
	}
	if err := publicOnlyControl("tcp4", "93.184.215.14:443", nil); err != nil {
		t.Errorf("control on a public address: %v", err)
	}
}

// With PublicOnly the crawler connects to no loopback address, whether the
// URL names it by IP or by a name that resolves to it; without it, the same
// site is crawled.
func TestPublicOnlyRefusesLoopbackAtDial(t *testing.T) {
	var hits sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Store(r.URL.Path, true)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<html><body><h1>Công văn</h1><p>Nội dung đoàn ra.</p></body></html>"))
	}))
	defer srv.Close()
	port := srv.URL[strings.LastIndexByte(srv.URL, ':'):]
	for _, u := range []string{srv.URL + "/van-ban.html", "http://localhost" + port + "/van-ban.html"} {
		sink := &guardSink{}
		cfg := DefaultConfig()
		cfg.DataDir, cfg.Sink, cfg.Delay, cfg.Jitter, cfg.Retries, cfg.PublicOnly = t.TempDir(), sink, 0, 0, 0, true
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := c.RunURL(context.Background(), u)
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(sink.ins) != 0 || rep.Failed == 0 || !strings.Contains(rep.Failures[0].Reason, "private or loopback address refused") {
			t.Errorf("%s: %d ingested, failures %+v", u, len(sink.ins), rep.Failures)
		}
	}
	if _, ok := hits.Load("/van-ban.html"); ok {
		t.Fatal("the guarded crawler reached the loopback server")
	}
	sink := &guardSink{}
	cfg := DefaultConfig()
	cfg.DataDir, cfg.Sink, cfg.Delay, cfg.Jitter = t.TempDir(), sink, 0, 0
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.RunURL(context.Background(), srv.URL+"/van-ban.html"); err != nil || len(sink.ins) != 1 {
		t.Errorf("unguarded: %v, %d ingested", err, len(sink.ins))
	}
	// A transport the guard cannot wrap is refused, not silently unguarded.
	cfg.PublicOnly, cfg.Transport = true, guardRoundTrip(func(*http.Request) (*http.Response, error) { return nil, errors.New("x") })
	if _, err := New(cfg); err == nil {
		t.Error("PublicOnly with a custom RoundTripper accepted")
	}
}

type guardRoundTrip func(*http.Request) (*http.Response, error)

func (f guardRoundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
