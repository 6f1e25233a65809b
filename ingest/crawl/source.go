package crawl

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"gopkg.in/yaml.v3"
)

// Page kinds: what a URL is to a source.
const (
	KindList       = "list"       // navigation: followed for links, never ingested
	KindDocument   = "document"   // a document page: ingested, its attachments fetched
	KindAttachment = "attachment" // a file linked from a page (PDF, DOC, DOCX)
)

// Page reading modes.
const (
	ModeAuto      = "auto"      // the HTML reader finds the main content itself
	ModeSelectors = "selectors" // CSS selectors name the fields
)

// Source is one portal to crawl, as read from a sources file.
type Source struct {
	Name         string   // unique; names the source in reports and in the state
	Start        []string // absolute http(s) URLs the crawl starts from
	AllowedHosts []string // hosts the crawl may fetch ("*.example.vn" = subdomains too); default: the start URLs' hosts
	Links        LinkRules
	Page         PageRules
	MaxDepth     int           // links followed from a start page, 0 = unlimited (attachments do not count)
	MaxPages     int           // requests per run, 0 = Config.MaxPages
	Delay        time.Duration // pause between two requests to one host, 0 = Config.Delay
	Schedule     string        // a hint for whoever schedules runs: hourly, daily, weekly, monthly or a Go duration ("6h")
	// SilentAfter is how long the source may bring no new document before
	// `vanthu sources status` lists it as silent; 0 means DefaultSilentAfter.
	SilentAfter time.Duration
	// FollowFromDocuments also follows list and document links found on
	// document pages (vbpl.vn's "related documents"); attachments are always followed.
	FollowFromDocuments bool

	compiled *compiledSource
}

// LinkRules say which links on a page are followed, and as what. A link is
// classified by the first rule that matches, in the order skip, attachment,
// document, list; links no rule matches are not followed.
type LinkRules struct {
	List       Rule
	Document   Rule
	Attachment Rule     // default: URLs ending .pdf, .doc or .docx
	Skip       []string // regexps on the absolute URL: never followed
}

// Rule matches links by regexps on the absolute URL and by CSS selectors on
// the page (a selector matching an element that is not a link takes the links
// inside it). With both, a link must satisfy both; with neither, the rule
// matches nothing.
type Rule struct {
	Patterns  []string
	Selectors []string
}

// IsZero reports whether the rule has neither patterns nor selectors.
func (r Rule) IsZero() bool { return len(r.Patterns) == 0 && len(r.Selectors) == 0 }

// PageRules say how to read a document page. Selected text is handed to the
// ingest pipeline as Input.Fields (title, number, date, issuer, type, signer,
// and Fields by name); the page's bytes are always handed over untouched.
type PageRules struct {
	Mode   string // ModeAuto (default) or ModeSelectors
	Title  string
	Number string
	Date   string
	Issuer string
	Type   string
	Signer string
	// Status and Effective select the portal's tình trạng hiệu lực ("Hết
	// hiệu lực một phần") and ngày có hiệu lực: kept on the document as the
	// portal's claims (corpus.Document.Validity, Effective).
	Status    string
	Effective string
	Body      string            // handed on as the field "content_selector", a hint for the HTML reader
	Fields    map[string]string // more fields: name → CSS selector
}

// selectors returns the page's field selectors by field name.
func (p PageRules) selectors() map[string]string {
	m := map[string]string{}
	for k, v := range map[string]string{"title": p.Title, "number": p.Number, "date": p.Date,
		"issuer": p.Issuer, "type": p.Type, "signer": p.Signer, "status": p.Status, "effective": p.Effective} {
		if v != "" {
			m[k] = v
		}
	}
	for k, v := range p.Fields {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

// rawFile is the YAML form of a sources file.
type rawFile struct {
	Sources []rawSource `yaml:"sources"`
}

type rawSource struct {
	Name                string   `yaml:"name"`
	Start               []string `yaml:"start"`
	AllowedHosts        []string `yaml:"allowed_hosts"`
	Links               rawLinks `yaml:"links"`
	Page                rawPage  `yaml:"page"`
	MaxDepth            int      `yaml:"max_depth"`
	MaxPages            int      `yaml:"max_pages"`
	Delay               string   `yaml:"delay"`
	Schedule            string   `yaml:"schedule"`
	SilentAfter         string   `yaml:"silent_after"`
	FollowFromDocuments bool     `yaml:"follow_from_documents"`
}

type rawLinks struct {
	List       rawRule  `yaml:"list"`
	Document   rawRule  `yaml:"document"`
	Attachment rawRule  `yaml:"attachment"`
	Skip       []string `yaml:"skip"`
}

type rawRule struct {
	Patterns  []string `yaml:"patterns"`
	Selectors []string `yaml:"selectors"`
}

type rawPage struct {
	Mode      string            `yaml:"mode"`
	Title     string            `yaml:"title"`
	Number    string            `yaml:"number"`
	Date      string            `yaml:"date"`
	Issuer    string            `yaml:"issuer"`
	Type      string            `yaml:"type"`
	Signer    string            `yaml:"signer"`
	Status    string            `yaml:"status"`
	Effective string            `yaml:"effective"`
	Body      string            `yaml:"body"`
	Fields    map[string]string `yaml:"fields"`
}

// maxSourcesFile bounds what LoadSources reads: a sources file is written by
// hand, a megabyte is far beyond any real one.
const maxSourcesFile = 1 << 20

// LoadSources reads and checks a sources file. Errors are *SourceError naming
// the file, the source and the field.
func LoadSources(path string) ([]Source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &SourceError{File: path, Reason: "cannot read the sources file", Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSourcesFile+1))
	if err != nil {
		return nil, &SourceError{File: path, Reason: "cannot read the sources file", Err: err}
	}
	if len(data) > maxSourcesFile {
		return nil, &SourceError{File: path, Reason: fmt.Sprintf("larger than %d bytes: not a sources file", maxSourcesFile)}
	}
	return ParseSources(path, data)
}

// ParseSources reads a sources file's bytes; name is used in errors.
func ParseSources(name string, data []byte) (srcs []Source, err error) {
	defer func() {
		// yaml.v3 has panicked on hostile input before; no panic leaves crawl.
		if r := recover(); r != nil {
			srcs, err = nil, &SourceError{File: name, Reason: fmt.Sprintf("unreadable YAML (parser crashed: %v)", r)}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var raw rawFile
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &SourceError{File: name, Reason: "empty: want a list under \"sources:\""}
		}
		return nil, &SourceError{File: name, Reason: "not a valid sources file", Err: err}
	}
	if len(raw.Sources) == 0 {
		return nil, &SourceError{File: name, Field: "sources", Reason: "no sources listed"}
	}
	seen := map[string]int{}
	for i, rs := range raw.Sources {
		s, err := rs.source()
		if err == nil {
			err = s.Validate()
		}
		if err != nil {
			var se *SourceError
			if errors.As(err, &se) {
				se.File = name
				if se.Source == "" {
					se.Source = fmt.Sprintf("#%d", i+1)
				}
			}
			return nil, err
		}
		if j, dup := seen[s.Name]; dup {
			return nil, &SourceError{File: name, Source: s.Name, Field: "name", Reason: fmt.Sprintf("used twice (sources #%d and #%d)", j+1, i+1)}
		}
		seen[s.Name] = i
		srcs = append(srcs, s)
	}
	return srcs, nil
}

func (rs rawSource) source() (Source, error) {
	s := Source{
		Name:         strings.TrimSpace(rs.Name),
		Start:        rs.Start,
		AllowedHosts: rs.AllowedHosts,
		Links: LinkRules{
			List:       Rule(rs.Links.List),
			Document:   Rule(rs.Links.Document),
			Attachment: Rule(rs.Links.Attachment),
			Skip:       rs.Links.Skip,
		},
		Page: PageRules{Mode: rs.Page.Mode, Title: rs.Page.Title, Number: rs.Page.Number, Date: rs.Page.Date,
			Issuer: rs.Page.Issuer, Type: rs.Page.Type, Signer: rs.Page.Signer, Status: rs.Page.Status, Effective: rs.Page.Effective, Body: rs.Page.Body, Fields: rs.Page.Fields},
		MaxDepth:            rs.MaxDepth,
		MaxPages:            rs.MaxPages,
		Schedule:            strings.TrimSpace(rs.Schedule),
		FollowFromDocuments: rs.FollowFromDocuments,
	}
	if d := strings.TrimSpace(rs.SilentAfter); d != "" {
		v, err := parseDays(d)
		if err != nil {
			return s, &SourceError{Source: s.Name, Field: "silent_after", Reason: fmt.Sprintf("%q is not a period (write 30d, 14d, 72h)", d)}
		}
		s.SilentAfter = v
	}
	if d := strings.TrimSpace(rs.Delay); d != "" {
		v, err := time.ParseDuration(d)
		if err != nil {
			return s, &SourceError{Source: s.Name, Field: "delay", Reason: fmt.Sprintf("%q is not a duration (write 1s, 500ms, 2m)", d)}
		}
		s.Delay = v
	}
	return s, nil
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// defaultAttachment matches the files a document page typically links: the
// original PDF, or the Word file portals publish beside it.
var defaultAttachment = []string{`(?i)\.(pdf|docx?)([?#].*)?$`}

// Validate checks a Source and compiles its rules. LoadSources calls it; call
// it yourself for a Source built in code (Run does).
func (s *Source) Validate() error {
	fail := func(field, reason string, err error) error {
		return &SourceError{Source: s.Name, Field: field, Reason: reason, Err: err}
	}
	if s.Name == "" {
		return fail("name", "missing", nil)
	}
	if !nameRE.MatchString(s.Name) {
		return fail("name", fmt.Sprintf("%q: use letters, digits, '.', '_' and '-' (at most 100)", s.Name), nil)
	}
	if len(s.Start) == 0 {
		return fail("start", "no start URL", nil)
	}
	c := &compiledSource{}
	for i, h := range s.AllowedHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || strings.ContainsAny(h, "/?#@ ") || strings.Contains(h, "://") {
			return fail(fmt.Sprintf("allowed_hosts[%d]", i), fmt.Sprintf("%q is not a host name (write example.gov.vn, without scheme or path)", s.AllowedHosts[i]), nil)
		}
		c.hosts = append(c.hosts, h)
	}
	for i, raw := range s.Start {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fail(fmt.Sprintf("start[%d]", i), fmt.Sprintf("%q is not an absolute http(s) URL", raw), err)
		}
		if len(s.AllowedHosts) == 0 {
			c.hosts = appendUnique(c.hosts, strings.ToLower(u.Host))
		}
	}
	for i, raw := range s.Start {
		u, _ := url.Parse(strings.TrimSpace(raw))
		if !c.hostAllowed(u) {
			return fail(fmt.Sprintf("start[%d]", i), fmt.Sprintf("host %q is not in allowed_hosts", u.Host), nil)
		}
	}
	var err error
	if c.list, err = compileRule(s.Links.List, "links.list", fail); err != nil {
		return err
	}
	if c.document, err = compileRule(s.Links.Document, "links.document", fail); err != nil {
		return err
	}
	att := s.Links.Attachment
	if att.IsZero() {
		att.Patterns = defaultAttachment
	}
	if c.attachment, err = compileRule(att, "links.attachment", fail); err != nil {
		return err
	}
	for i, p := range s.Links.Skip {
		re, err := regexp.Compile(p)
		if err != nil {
			return fail(fmt.Sprintf("links.skip[%d]", i), "not a regular expression", err)
		}
		c.skip = append(c.skip, re)
	}
	switch s.Page.Mode {
	case "", ModeAuto, ModeSelectors:
	default:
		return fail("page.mode", fmt.Sprintf("%q: want auto or selectors", s.Page.Mode), nil)
	}
	sels := s.Page.selectors()
	if s.Page.Mode == ModeSelectors && len(sels) == 0 && s.Page.Body == "" {
		return fail("page", "mode is selectors but no selector is given (title, number, date, issuer, type, signer, body, fields)", nil)
	}
	c.fields = map[string]cascadia.SelectorGroup{}
	for name, sel := range sels {
		field := "page." + name
		if _, builtin := map[string]bool{"title": true, "number": true, "date": true, "issuer": true, "type": true, "signer": true}[name]; !builtin {
			field = "page.fields." + name
		}
		if strings.TrimSpace(name) == "" {
			return fail("page.fields", "a field has no name", nil)
		}
		cs, err := cascadia.ParseGroup(sel)
		if err != nil {
			return fail(field, fmt.Sprintf("%q is not a CSS selector", sel), err)
		}
		c.fields[name] = cs
	}
	if s.Page.Body != "" {
		if _, err := cascadia.ParseGroup(s.Page.Body); err != nil {
			return fail("page.body", fmt.Sprintf("%q is not a CSS selector", s.Page.Body), err)
		}
	}
	if s.MaxDepth < 0 {
		return fail("max_depth", "negative", nil)
	}
	if s.MaxPages < 0 {
		return fail("max_pages", "negative", nil)
	}
	if s.Delay < 0 {
		return fail("delay", "negative", nil)
	}
	if _, err := ScheduleInterval(s.Schedule); err != nil {
		return fail("schedule", err.Error(), nil)
	}
	s.compiled = c
	return nil
}

// ScheduleInterval turns a schedule hint into an interval: "" → 0 (run by
// hand), hourly, daily, weekly, monthly (30 days), or a Go duration.
func ScheduleInterval(s string) (time.Duration, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return 0, nil
	case "hourly":
		return time.Hour, nil
	case "daily":
		return 24 * time.Hour, nil
	case "weekly":
		return 7 * 24 * time.Hour, nil
	case "monthly":
		return 30 * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q: want hourly, daily, weekly, monthly or a duration such as 6h", s)
	}
	return d, nil
}

// compiledSource holds a validated Source's compiled rules.
type compiledSource struct {
	hosts                      []string
	list, document, attachment compiledRule
	skip                       []*regexp.Regexp
	fields                     map[string]cascadia.SelectorGroup
}

type compiledRule struct {
	patterns  []*regexp.Regexp
	selectors []string // validated CSS, run through goquery
}

func (r compiledRule) zero() bool { return len(r.patterns) == 0 && len(r.selectors) == 0 }

// match reports whether link u (found by selectors when inSel) satisfies the rule.
func (r compiledRule) match(u string, inSel bool) bool {
	if r.zero() {
		return false
	}
	if len(r.selectors) > 0 && !inSel {
		return false
	}
	if len(r.patterns) == 0 {
		return true
	}
	for _, re := range r.patterns {
		if re.MatchString(u) {
			return true
		}
	}
	return false
}

func compileRule(r Rule, field string, fail func(string, string, error) error) (compiledRule, error) {
	var c compiledRule
	for i, p := range r.Patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return c, fail(fmt.Sprintf("%s.patterns[%d]", field, i), "not a regular expression", err)
		}
		c.patterns = append(c.patterns, re)
	}
	for i, s := range r.Selectors {
		if _, err := cascadia.ParseGroup(s); err != nil {
			return c, fail(fmt.Sprintf("%s.selectors[%d]", field, i), fmt.Sprintf("%q is not a CSS selector", s), err)
		}
		c.selectors = append(c.selectors, s)
	}
	return c, nil
}

// hostAllowed reports whether u's host is one the source may fetch. An
// allowed entry without a port matches any port; "*.x" matches x and its
// subdomains.
func (c *compiledSource) hostAllowed(u *url.URL) bool {
	host := strings.ToLower(u.Host)
	name := strings.ToLower(u.Hostname())
	for _, h := range c.hosts {
		pat, hasPort := h, false
		if _, _, err := net.SplitHostPort(h); err == nil {
			hasPort = true
		}
		subject := name
		if hasPort {
			subject = host
		}
		if strings.HasPrefix(pat, "*.") {
			base := pat[2:]
			if subject == base || strings.HasSuffix(subject, "."+base) {
				return true
			}
			continue
		}
		if subject == pat {
			return true
		}
	}
	return false
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
