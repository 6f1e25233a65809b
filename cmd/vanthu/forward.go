package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"vanthu/audit"
)

// A process that writes a data directory holds the bleve index open for
// writing, and bleve (scorch) cannot be opened by another process meanwhile,
// not even read-only: scorch keeps its list of segments in a bolt file,
// which bolt locks exclusively for a writer and shared for a reader, so a
// read-only open waits until the writer closes. Reading scorch's files
// behind bolt's back is not safe either (the writer rewrites root.bolt in
// place and removes merged segments). So readers ask the writer: every
// writer listens on a loopback port, named with a random token in
// WRITER.json, and runs commands sent to it over its own open corpus and
// index, streaming their output back. Reads (search, cites) go to any
// writer; writes (ingest, reindex) only to a server (serve, demo), since a
// batch writer is waited for instead.

// forwardable says which commands a writer of this kind runs for others.
func forwardable(holder, command string) bool {
	switch command {
	case "search", "cites", "versions":
		return true
	case "ingest", "reindex", "set", "rm", "restore", "users", "watch":
		return holder == "serve" || holder == "demo"
	}
	return false
}

// forwardServer is a writer's loopback endpoint.
type forwardServer struct {
	srv   *http.Server
	addr  string
	token string
	wg    sync.WaitGroup
}

type sharedAppKey struct{}

// startForwardServer starts the endpoint over a (which must hold the
// writer's lock) and returns it; its address and token go in the note.
func startForwardServer(a *app, holder string) (*forwardServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	tok := make([]byte, 16)
	rand.Read(tok)
	fs := &forwardServer{addr: ln.Addr().String(), token: hex.EncodeToString(tok)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/run", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+fs.token {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var req struct {
			Args  []string
			Actor string // who runs the command, for the audit log
			Stdin string // what the command reads (a password typed at the client)
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil || len(req.Args) == 0 {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		if !forwardable(holder, req.Args[0]) {
			http.Error(w, fmt.Sprintf("vanthu %s does not run `vanthu %s` for others", holder, req.Args[0]), http.StatusConflict)
			return
		}
		w.Header().Set("Content-Type", "application/x-ndjson")
		st := &stream{w: w}
		out, errw := &streamWriter{st, "out"}, &streamWriter{st, "err"}
		e := &env{stdin: strings.NewReader(req.Stdin), stdout: out, stderr: errw, getenv: func(string) string { return "" }}
		ctx := context.WithValue(r.Context(), sharedAppKey{}, a)
		if req.Actor != "" {
			ctx = audit.WithActor(ctx, req.Actor)
		}
		code := 0
		if req.Args[0] == "versions" {
			code = runVersions(ctx, e)
		} else {
			code = run(ctx, e, req.Args)
		}
		st.send(map[string]any{"exit": code})
	})
	fs.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	fs.wg.Add(1)
	go func() {
		defer fs.wg.Done()
		fs.srv.Serve(ln)
	}()
	return fs, nil
}

func (fs *forwardServer) close() {
	if fs == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fs.srv.Shutdown(ctx)
	fs.wg.Wait()
}

// streamWriter turns each Write into one JSON line {"out": text} or
// {"err": text}, flushed at once so progress reaches the asker as it
// happens.
type stream struct {
	mu sync.Mutex
	w  http.ResponseWriter
}

type streamWriter struct {
	s   *stream
	key string
}

func (w *streamWriter) Write(p []byte) (int, error) {
	w.s.send(map[string]any{w.key: string(p)})
	return len(p), nil
}

func (s *stream) send(v any) {
	b, _ := json.Marshal(v)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.w.Write(append(b, '\n'))
	if f, ok := s.w.(http.Flusher); ok {
		f.Flush()
	}
}

// sharedApp returns the app of the writer a forwarded command runs in.
func sharedApp(ctx context.Context) *app {
	a, _ := ctx.Value(sharedAppKey{}).(*app)
	return a
}

// errNoHolder: nobody to forward to.
var errNoHolder = errors.New("no running vanthu answers for this data directory")

// forward runs `vanthu args...` in the process that writes data, if it
// answers and runs such commands, copying its output to e. It returns
// errNoHolder when there is nobody to ask.
func forward(ctx context.Context, e *env, data string, args []string) error {
	if sharedApp(ctx) != nil {
		return errNoHolder // already running in the writer
	}
	n, ok := readWriterNote(data)
	if !ok || n.Addr == "" || n.Token == "" || !forwardable(n.Command, args[0]) {
		return errNoHolder
	}
	body, _ := json.Marshal(map[string]any{"args": args, "actor": cliActor(e), "stdin": forwardedStdin(ctx)})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+n.Addr+"/v1/run", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+n.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %s does not answer: %v", errNoHolder, n, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return fmt.Errorf("%w: %s: %s", errNoHolder, n, bytes.TrimSpace(b))
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 64<<20)
	for sc.Scan() {
		var m struct {
			Out, Err *string
			Exit     *int
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		switch {
		case m.Out != nil:
			io.WriteString(e.stdout, *m.Out)
		case m.Err != nil:
			io.WriteString(e.stderr, *m.Err)
		case m.Exit != nil:
			if *m.Exit == 0 {
				return nil
			}
			return &exitError{code: *m.Exit} // the message came with the output
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s stopped answering: %w", n, err)
	}
	return fmt.Errorf("%s stopped answering before the command finished", n)
}

// absPaths makes path arguments absolute, since the process that runs a
// forwarded command has its own working directory.
func absPaths(paths []string) []string {
	out := slices.Clone(paths)
	for i, p := range out {
		if a, err := filepath.Abs(p); err == nil {
			out[i] = a
		}
	}
	return out
}

// runVersions prints the index's versions as JSON, for `vanthu verify`
// asking a writer.
func runVersions(ctx context.Context, e *env) int {
	a := sharedApp(ctx)
	if a == nil || a.idx == nil {
		fmt.Fprintln(e.stderr, "no search index open")
		return 1
	}
	// What this writer stored but still holds in its batch goes to the
	// index first: the asker compares with the store.
	if err := a.flushIndex(ctx); err != nil {
		fmt.Fprintln(e.stderr, err)
	}
	v, err := a.idx.Versions(ctx)
	if err != nil {
		fmt.Fprintln(e.stderr, err)
		return 1
	}
	json.NewEncoder(e.stdout).Encode(v)
	return 0
}

// forwardOutput runs args in the data directory's writer and returns what
// it printed on stdout.
func forwardOutput(ctx context.Context, data string, args []string) ([]byte, error) {
	var out, errb bytes.Buffer
	e := &env{stdin: bytes.NewReader(nil), stdout: &out, stderr: &errb, getenv: os.Getenv}
	if err := forward(ctx, e, data, args); err != nil {
		if errb.Len() > 0 {
			return nil, fmt.Errorf("%w: %s", err, bytes.TrimSpace(errb.Bytes()))
		}
		return nil, err
	}
	return out.Bytes(), nil
}

type stdinKey struct{}

// withForwardedStdin makes a forwarded command read s as its standard input
// (the client read it already: a password).
func withForwardedStdin(ctx context.Context, s string) context.Context {
	return context.WithValue(ctx, stdinKey{}, s)
}

func forwardedStdin(ctx context.Context) string {
	s, _ := ctx.Value(stdinKey{}).(string)
	return s
}
