package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"vanthu/account"
	"vanthu/audit"
	"vanthu/check"
	"vanthu/corpus"
	"vanthu/generate"
	"vanthu/index"
	"vanthu/ingest"
	"vanthu/ingest/crawl"
	"vanthu/register"
	"vanthu/review"
	"vanthu/watch"
)

// Searcher answers searches and citation queries (*index.Index is one).
type Searcher interface {
	Search(ctx context.Context, q index.Query) (index.Result, error)
	Cites(ctx context.Context, number string) (index.CitesResult, error)
	CitedBy(ctx context.Context, number string) (index.CitesResult, error)
}

// Ingester stores new originals (*ingest.Pipeline is one).
type Ingester interface {
	Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error)
	IngestRecords(ctx context.Context, name string, r io.Reader, emit func(ingest.Result)) error
}

// Drafter renders a trip's documents as PDF (*generate.Generator is one).
type Drafter interface {
	Kinds() []string
	Render(ctx context.Context, kind string, t corpus.Trip) ([]byte, error)
}

// NotesDrafter renders drafts with what the rules say about them — the
// deciding body, the report deadline, the exceptions to ask for — as PDF or
// Word (*generate.Generator is one). When Config.Draft is one and
// Config.DraftNotes is set, the drafting page uses it.
type NotesDrafter interface {
	RenderNotes(ctx context.Context, kind string, t corpus.Trip, n generate.Notes) ([]byte, error)
	RenderDOCX(ctx context.Context, kind string, t corpus.Trip, n generate.Notes) ([]byte, error)
}

// Config wires the server. Store and Search are required; without Ingest the
// filing page is read-only, without Draft the drafting page cannot make PDFs.
type Config struct {
	Store  corpus.Store
	Search Searcher
	Ingest Ingester
	Draft  Drafter
	// CheckOptions gives the options of the rules check (the corpus's rules);
	// nil checks against the shipped rules only.
	CheckOptions func(ctx context.Context) check.Options
	// DraftNotes turns what the rules check says about a trip's drafts into
	// the trip (with its deciding body) and notes the drafter takes; nil
	// drafts without them.
	DraftNotes func(t corpus.Trip, n check.DraftNotes) (corpus.Trip, generate.Notes)
	// RuleSets lists the rule sets in use for the rules page (shipped and
	// the office's); nil lists the shipped ones.
	RuleSets func(ctx context.Context) ([]check.RuleSet, error)
	// Crawl runs a one-off crawl of a URL for the filing page; nil hides it.
	Crawl func(ctx context.Context, url string) (crawl.Report, error)
	// Token, when set, is required by write endpoints (Authorization: Bearer,
	// or the form's token field). RequireToken makes a missing token an error
	// at New: set it when listening beyond localhost.
	Token        string
	RequireToken bool
	// Review is the review desk: the "Cần kiểm tra" page, corrections,
	// withdrawal and purge on the document page; nil hides them. Its Store
	// should be Store (the corrected view), and is used when Store is nil.
	Review *review.Desk
	// Parse reads metadata from a version's text, so that two versions'
	// metadata can be compared; nil compares their texts only.
	Parse func(text string) corpus.Document
	// Trips is the register of delegations (sổ đoàn ra); nil hides its pages
	// and answers its API with 503.
	Trips *register.Register
	// LocalOnly serves only requests whose Host names this machine
	// (127.0.0.1, localhost, [::1], any port): set it when listening on
	// loopback without a token, so that a web page whose domain is made to
	// resolve to 127.0.0.1 (DNS rebinding) cannot read or write the archive.
	LocalOnly bool
	// CrawlPrivate lets the crawl form reach loopback and private-network
	// addresses (an intranet portal); by default only public hosts. Crawl
	// itself must enforce it when dialling (crawl.Config.PublicOnly).
	CrawlPrivate bool
	// Sample is the trip the drafting page starts with (an example to edit);
	// nil starts from a bare outline.
	Sample *corpus.Trip
	// MaxUpload bounds a request body (default 64 MiB); RequestTimeout a
	// request (default 2 minutes; OCR of a large scan takes a while).
	// Accounts, when set, are the office's users: once one exists, every
	// write needs a login (a session or a user's API token) and the
	// register's pages need one too. Sessions keeps the logins; Audit is
	// the log that logins and failed logins are written to (and the
	// history pages read).
	Accounts *account.Store
	Sessions *account.Sessions
	Audit    *audit.Log
	// Watch keeps the saved searches ("Mới từ lần xem trước", the Atom
	// feeds); nil hides them.
	Watch *watch.Store
	// SourceStatus lists the crawled sources assessed as of a time (the
	// sources page); nil hides it. Now is the clock (nil: time.Now).
	SourceStatus   func(ctx context.Context, now time.Time) ([]crawl.Status, error)
	Now            func() time.Time
	MaxUpload      int64
	RequestTimeout time.Duration
	Version        string
	Log            *log.Logger
}

// DefaultConfig has the limits filled in.
func DefaultConfig() Config {
	return Config{MaxUpload: 64 << 20, RequestTimeout: 2 * time.Minute, Version: "dev"}
}

// Server is the web desk's http.Handler.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	pages *template.Template
	csrf  string // per-process secret behind form tokens
	// checker holds the parsed rule data: built once, it checks a trip in
	// well under a millisecond (the live check runs on every edit).
	checker *check.Checker
	// hasUsers: the office has accounts (set once seen; see accountsOn).
	hasUsers atomic.Bool
}

//go:embed assets templates
var files embed.FS

// New checks the configuration and builds the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil && cfg.Review != nil {
		cfg.Store = cfg.Review.Store
	}
	if cfg.Store == nil || cfg.Search == nil {
		return nil, errors.New("web: config needs a Store and a Searcher")
	}
	if cfg.RequireToken && cfg.Token == "" && !hasAccounts(cfg.Accounts) {
		return nil, errors.New("web: listening beyond localhost needs accounts (create the first admin with `vanthu users add NAME --role admin`) or a token for the write endpoints (--token or VANTHU_TOKEN)")
	}
	def := DefaultConfig()
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = def.MaxUpload
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = def.RequestTimeout
	}
	if cfg.Log == nil {
		cfg.Log = log.New(io.Discard, "", 0)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	t, err := template.New("").Funcs(funcs).ParseFS(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	checker, err := check.New(check.DefaultConfig())
	if err != nil {
		return nil, fmt.Errorf("web: rules: %w", err)
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), pages: t, csrf: hex.EncodeToString(secret), checker: checker}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	assets, _ := fs.Sub(files, "assets")
	s.mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /{$}", s.searchPage)
	s.mux.HandleFunc("GET /documents/{id}", s.documentPage)
	s.mux.HandleFunc("GET /draft", s.draftPage)
	s.mux.HandleFunc("POST /draft", s.draftSubmit)
	s.mux.HandleFunc("POST /draft/check", s.draftCheckFragment)
	s.mux.HandleFunc("GET /rules", s.rulesPage)
	s.mux.HandleFunc("GET /file", s.filePage)
	s.mux.HandleFunc("POST /file", s.fileSubmit)
	s.tripRoutes()
	s.authRoutes()
	s.watchRoutes()
	s.reviewRoutes()

	s.mux.HandleFunc("GET /api/search", s.apiSearch)
	s.mux.HandleFunc("GET /api/documents/{id}", s.apiDocument)
	s.mux.HandleFunc("GET /api/documents/{id}/original", s.apiOriginal)
	s.mux.HandleFunc("GET /api/citations/{number...}", s.apiCitations)
	s.mux.HandleFunc("POST /api/check", s.apiCheck)
	s.mux.HandleFunc("POST /api/generate/{kind}", s.apiGenerate)
	s.mux.HandleFunc("POST /api/ingest", s.apiIngest)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		apiError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.Method+" "+r.URL.Path)
	})
}

// ServeHTTP applies the limits and headers common to every response.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src 'self'; object-src 'self'; base-uri 'none'; form-action 'self'")
	if s.cfg.LocalOnly && !loopbackHost(r.Host) {
		s.fail(w, r, http.StatusMisdirectedRequest, "host_not_allowed", "Máy chủ này chỉ phục vụ địa chỉ của chính máy (127.0.0.1, localhost): tên miền "+boundEcho(r.Host, 80)+" bị từ chối (host not allowed)")
		return
	}
	r = s.identify(r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		if !sameOrigin(r) {
			s.fail(w, r, http.StatusForbidden, "cross_origin", "request from another site refused")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
	}
	if !s.gate(w, r) {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.RequestTimeout)
	defer cancel()
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.cfg.Log.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
			s.answer(w, r, fmt.Errorf("panic: %v", v))
		}
	}()
	s.mux.ServeHTTP(w, r.WithContext(ctx))
}

// sameOrigin refuses cross-site writes: browsers send Origin (or at least
// Referer) on cross-origin POSTs; scripts without either are allowed (they
// hold the token when one is needed).
func sameOrigin(r *http.Request) bool {
	src := r.Header.Get("Origin")
	if src == "" {
		src = r.Header.Get("Referer")
	}
	if src == "" {
		return true
	}
	u, err := url.Parse(src)
	if err != nil {
		return false
	}
	return strings.EqualFold(u.Host, r.Host)
}

// csrfToken is the form token: an HMAC of a fixed label under the process
// secret, so it needs no storage and changes with every restart.
func (s *Server) csrfToken() string {
	m := hmac.New(sha256.New, []byte(s.csrf))
	m.Write([]byte("vanthu-form"))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

func (s *Server) validCSRF(r *http.Request) bool {
	got := r.FormValue("csrf")
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.csrfFor(r))) == 1
}

// authorized says whether a write is allowed: with no token configured (a
// localhost server), always; else the bearer token or the form's token field.
func (s *Server) authorized(r *http.Request) bool {
	// Once the office has accounts, the login decides (gate checked it).
	if userFrom(r.Context()) != nil {
		return true
	}
	if s.accountsOn(r.Context()) {
		return false
	}
	if s.cfg.Token == "" {
		return true
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		got = formToken(r)
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.cfg.Token)) == 1
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	n, err := s.cfg.Store.Len(r.Context())
	if err != nil {
		s.apiAnswer(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "documents": n, "version": s.cfg.Version})
}

// IsLoopback reports whether a listen address stays on this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hasAccounts reports whether the office has created at least one user.
func hasAccounts(a *account.Store) bool {
	if a == nil {
		return false
	}
	on, err := a.Any(context.Background())
	return on && err == nil
}
