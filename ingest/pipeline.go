package ingest

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"vanthu/corpus"
)

// Config wires the pipeline's parts. Store and Parser are required; an
// Extractor is needed for each format that will be met.
type Config struct {
	Store      corpus.Store
	Extractors map[string]Extractor // by format: FormatPDF, FormatHTML, FormatText
	Parser     Parser
	Indexer    Indexer // optional: told about every stored document
	// Signatures checks PDFs' embedded signatures (optional; without it a
	// PDF's signature is left unchecked).
	Signatures SignatureVerifier
	Now        func() time.Time
}

// Pipeline ingests originals into a Store. It is safe for concurrent use when
// its parts are.
type Pipeline struct {
	cfg Config
}

// New checks the configuration and returns a pipeline.
func New(cfg Config) (*Pipeline, error) {
	if cfg.Store == nil {
		return nil, errors.New("ingest: config has no Store")
	}
	if cfg.Parser == nil {
		return nil, errors.New("ingest: config has no Parser")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Pipeline{cfg: cfg}, nil
}

// Ingest stores one original and what can be derived from it. The returned
// error is non-nil only for inputs that could not be stored at all (empty,
// unknown format, store failure); an original whose text could not be read is
// stored with a status and reported through Result.Extract and Result.Error.
// Records files (.jsonl) must go through IngestRecords.
func (p *Pipeline) Ingest(ctx context.Context, in Input) (Result, error) {
	pr, res, err := p.Prepare(ctx, in)
	if pr == nil {
		return res, err
	}
	return p.Commit(ctx, pr)
}

// Prepared is an original read and parsed, ready to be stored by Commit.
// Prepare does the work that takes a core (extraction, OCR, parsing) and
// Commit the work that waits for the disk, so a caller can run the first
// on every core and the second for many documents at once, which lets the
// store group their fsyncs.
type Prepared struct {
	res Result
	in  Input
	doc corpus.Document
	x   Extracted
}

// Prepare reads one original (Ingest without the storing). When there is
// nothing to store (the same bytes are stored already) or the input is
// unusable, the returned *Prepared is nil and the Result is final.
func (p *Pipeline) Prepare(ctx context.Context, in Input) (*Prepared, Result, error) {
	res := Result{Input: in.Name, Status: "error"}
	if err := ctx.Err(); err != nil {
		res.Error = err.Error()
		return nil, res, err
	}
	if len(in.Data) == 0 {
		return p.failPrep(res, &InputError{Name: in.Name, Reason: "the file is empty (0 bytes)", Err: ErrEmpty})
	}
	format := DetectFormat(in)
	if format == FormatRecords {
		return p.failPrep(res, &InputError{Name: in.Name, Reason: "a records file (.jsonl) holds many documents: use IngestRecords"})
	}
	sha := corpus.SHA256(in.Data)
	rejoin := "" // id of the stored document whose unread version this is
	if id, ok, err := p.cfg.Store.HasOriginal(ctx, sha); err != nil {
		return p.failPrep(res, fmt.Errorf("ingest %s: %w", in.Name, err))
	} else if ok {
		doc, err := p.cfg.Store.Get(ctx, id)
		if err != nil {
			return p.failPrep(res, fmt.Errorf("ingest %s: %w", in.Name, err))
		}
		if versionRead(doc, sha) {
			// Same bytes as a stored version: nothing to do, not even
			// extraction.
			fillResult(&res, &doc)
			res.Status = string(corpus.PutUnchanged)
			return nil, res, nil
		}
		// The stored version could not be read (no OCR engine then, a
		// reader since improved): read it again; the store upgrades the
		// version in place when it reads now, under the same id.
		rejoin = doc.ID
	}
	ex := p.cfg.Extractors[format]
	if format == "" || ex == nil {
		if in.Of == "" {
			what := "unknown format"
			if format != "" {
				what = "no reader for " + format + " files in this build"
			}
			return p.failPrep(res, &InputError{Name: in.Name, Reason: what + " (vanthu reads PDF, Word .docx/.doc, HTML, plain text and .jsonl records)", Err: ErrUnknownFormat})
		}
		// An attachment in a format we cannot read yet is still kept, so
		// nothing a crawl found is lost; it can be re-read later.
		return p.store(ctx, res, in, format, Extracted{Status: corpus.StatusFailed, Message: "format not readable yet: original kept", Extractor: "none"}, rejoin)
	}
	x, err := safeExtract(ctx, ex, in)
	if err != nil {
		if ctx.Err() != nil {
			return p.failPrep(res, err)
		}
		// Keep the original with a failed status: the reader may improve.
		x = Extracted{Status: corpus.StatusFailed, Message: err.Error(), Extractor: format}
	}
	return p.store(ctx, res, in, format, x, rejoin)
}

func (p *Pipeline) store(ctx context.Context, res Result, in Input, format string, x Extracted, rejoin string) (*Prepared, Result, error) {
	text := corpus.NFC(x.Text)
	if x.Status == "" {
		x.Status = corpus.StatusOK
		if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
			x.Status = corpus.StatusEmpty
		}
	}
	if x.Status == corpus.StatusEmpty && format == FormatText {
		return p.failPrep(res, &InputError{Name: in.Name, Reason: "no text in the file", Err: ErrEmpty})
	}
	doc := p.cfg.Parser.Parse(text)
	doc.Text = text
	doc.Identity = rejoin
	applyFields(&doc, x.Title, mergeFields(x.Fields, in.Fields), "portal")
	if doc.Kind == "" {
		doc.Kind = corpus.KindNews
	}
	now := p.cfg.Now()
	fetched := in.FetchedAt
	if fetched.IsZero() {
		fetched = now
	}
	doc.Source = corpus.Version{
		Source:     in.Name,
		MIME:       MIMEOf(format, in),
		FetchedAt:  fetched.UTC(),
		IngestedAt: now.UTC(),
		Extractor:  x.Extractor,
		Status:     x.Status,
		Quality:    x.Quality,
		Message:    x.Message,
		Pages:      x.Pages,
		// the reader's warnings, then the parser's ("signer: ...")
		Warnings: append(append([]string(nil), x.Warnings...), parserWarnings(&doc)...),
		Of:       in.Of,
	}
	var sigWarns []string
	doc.Source.Signature, sigWarns = p.signature(ctx, in, format, &doc)
	doc.Source.Warnings = append(doc.Source.Warnings, sigWarns...)
	return &Prepared{res: res, in: in, doc: doc, x: x}, res, nil
}

// Commit stores what Prepare read, and tells the Indexer. It returns once
// the document is durable in the store.
func (p *Pipeline) Commit(ctx context.Context, pr *Prepared) (Result, error) {
	res, in, doc, x := pr.res, pr.in, pr.doc, pr.x
	if err := p.reconcile(ctx, &doc, in); err != nil {
		return p.fail(res, fmt.Errorf("ingest %s: %w", in.Name, err))
	}
	doc.ID = corpus.DocID(&doc)
	put, err := p.cfg.Store.Put(ctx, in.Data, doc)
	if err != nil {
		return p.fail(res, fmt.Errorf("ingest %s: store: %w", in.Name, err))
	}
	stored := put.Document
	fillResult(&res, &stored)
	res.Status = string(put.Status)
	res.Extract = x.Status
	res.Links = x.Links
	if x.Status != corpus.StatusOK && x.Message != "" {
		res.Error = x.Message
	}
	if x.Status == corpus.StatusNeedsOCR {
		res.Status = string(corpus.StatusNeedsOCR)
	}
	if put.Status == corpus.PutNewVersion {
		if w := signatureWarning(stored); w != "" {
			res.Warnings = append(res.Warnings, w)
		}
	}
	if p.cfg.Indexer != nil && put.Status != corpus.PutUnchanged {
		if err := p.cfg.Indexer.Index(ctx, stored); err != nil {
			// The store is the source of truth; the index can be rebuilt.
			res.Warnings = append(res.Warnings, fmt.Sprintf("stored, but the search index was not updated (%v): run `vanthu reindex`", err))
		}
	}
	return res, nil
}

func (p *Pipeline) failPrep(res Result, err error) (*Prepared, Result, error) {
	res, err = p.fail(res, err)
	return nil, res, err
}

func (p *Pipeline) fail(res Result, err error) (Result, error) {
	res.Status = "error"
	res.Error = err.Error()
	return res, err
}

func fillResult(res *Result, d *corpus.Document) {
	res.ID = d.ID
	res.Number = d.Number
	res.Type = d.Type
	res.Issuer = d.Issuer
	res.Date = d.Date.String()
	res.Title = d.Title
	res.Kind = d.Kind
	res.Doc = d
}

// safeExtract runs an extractor, turning a panic inside it (or inside a
// library it calls) into an error naming the input.
func safeExtract(ctx context.Context, ex Extractor, in Input) (x Extracted, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("ingest %s: reader crashed: %v (please report it with the file)\n%s", in.Name, r, firstLines(string(debug.Stack()), 12))
		}
	}()
	x, err = ex.Extract(ctx, in)
	if err != nil {
		// An *InputError names its input already; any other error is
		// given the name here, so extractors need not add it.
		if ie := (*InputError)(nil); !errors.As(err, &ie) {
			err = fmt.Errorf("%s: %w", in.Name, err)
		}
		return x, err
	}
	if !utf8.ValidString(x.Text) {
		x.Text = strings.ToValidUTF8(x.Text, "\uFFFD")
	}
	return x, nil
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// applyFields fills metadata the text did not give from fields stated by the
// source (a portal's attribute table, a record's fields). Text wins: portal
// metadata can contradict the document (DOMAIN.md), so it only fills gaps, and
// FieldSources records where each value came from.
func applyFields(doc *corpus.Document, title string, fields map[string]string, source string) {
	set := func(name string, cur *string, v string) {
		v = strings.TrimSpace(corpus.NFC(v))
		if v == "" || *cur != "" {
			return
		}
		*cur = v
		if doc.FieldSources == nil {
			doc.FieldSources = map[string]string{}
		}
		doc.FieldSources[name] = source
	}
	set("title", &doc.Title, title)
	if len(fields) == 0 {
		return
	}
	if doc.Number == "" {
		if n, ok := corpus.ParseNumber(fields["number"]); ok {
			doc.Number, doc.NumberKey = n.Canonical, n.Key
			if doc.Type == "" && n.Type != "" {
				doc.Type, doc.TypeName = n.Type, corpus.TypeName(n.Type)
			}
			doc.Kind = corpus.KindDocument
			if doc.FieldSources == nil {
				doc.FieldSources = map[string]string{}
			}
			doc.FieldSources["number"] = source
		}
	}
	set("title", &doc.Title, fields["title"])
	set("issuer", &doc.Issuer, fields["issuer"])
	set("signer", &doc.Signer.Name, fields["signer"])
	set("place", &doc.Place, fields["place"])
	if t := fields["type"]; t != "" && doc.Type == "" {
		code := corpus.TypeCode(t)
		if code == "" && corpus.TypeName(t) != "" {
			code = t
		}
		if code != "" {
			doc.Type, doc.TypeName = code, corpus.TypeName(code)
			if doc.FieldSources == nil {
				doc.FieldSources = map[string]string{}
			}
			doc.FieldSources["type"] = source
		}
	}
	if t := fieldValue(fields["status"]); t != "" && doc.Validity == "" {
		if code := corpus.ValidityCode(t); code != "" {
			doc.Validity, doc.ValidityText = code, t
			if doc.FieldSources == nil {
				doc.FieldSources = map[string]string{}
			}
			doc.FieldSources["status"] = source
		}
	}
	if doc.Effective.IsZero() {
		eff := fields["effective"]
		if eff == "" {
			eff = fields["effective_date"] // the name sources files used before
		}
		if d, ok := findDate(eff); ok {
			doc.Effective = d
			if doc.FieldSources == nil {
				doc.FieldSources = map[string]string{}
			}
			doc.FieldSources["effective"] = source
		}
	}
	if doc.Date.IsZero() {
		if d, ok := parseLooseDate(fields["date"]); ok {
			doc.Date = d
			if doc.FieldSources == nil {
				doc.FieldSources = map[string]string{}
			}
			doc.FieldSources["date"] = source
		}
	}
}

// fieldValue is a selected field's value without the label a selector may
// have taken along ("Tình trạng: Hết hiệu lực" → "Hết hiệu lực").
func fieldValue(s string) string {
	s = strings.Join(strings.Fields(corpus.NFC(s)), " ")
	if _, v, ok := strings.Cut(s, ":"); ok {
		s = strings.TrimSpace(v)
	}
	return s
}

// looseDate finds a date written "31/05/2019", "31-5-2019" or "2019-05-31".
var looseDate = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b`)

// findDate reads the first date in s, label or not ("Ngày có hiệu lực:
// 13/01/2026").
func findDate(s string) (corpus.Date, bool) {
	m := looseDate.FindStringSubmatch(s)
	if m == nil {
		return corpus.Date{}, false
	}
	if m[1] != "" {
		d, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		y, _ := strconv.Atoi(m[3])
		return corpus.NewDate(y, mo, d)
	}
	y, _ := strconv.Atoi(m[4])
	mo, _ := strconv.Atoi(m[5])
	d, _ := strconv.Atoi(m[6])
	return corpus.NewDate(y, mo, d)
}

// parseLooseDate reads "2019-05-31", "31/05/2019" or "31/5/2019".
func parseLooseDate(s string) (corpus.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return corpus.Date{}, false
	}
	if d, err := corpus.ParseDate(s); err == nil && !d.IsZero() {
		return d, true
	}
	var d, m, y int
	if n, _ := fmt.Sscanf(s, "%d/%d/%d", &d, &m, &y); n == 3 {
		return corpus.NewDate(y, m, d)
	}
	return corpus.Date{}, false
}

// mergeFields joins the metadata the reader found (a portal's attribute
// table) with what the caller sent along (a crawler's selectors, or the page
// an attachment was linked from): the reader's values win, the caller's fill
// the gaps, so an attachment carrying its page's number joins its document.
func mergeFields(reader, given map[string]string) map[string]string {
	if len(given) == 0 {
		return reader
	}
	out := make(map[string]string, len(reader)+len(given))
	for k, v := range given {
		out[k] = v
	}
	for k, v := range reader {
		if strings.TrimSpace(v) != "" {
			out[k] = v
		}
	}
	return out
}

// reconcile joins a document to one already stored when they are the same
// official document but the text spells the identity differently: an
// attachment whose page (in.Of) is a version of a stored document with its
// number, or the same number and date with an issuer written shorter or longer
// ("Sở Ngoại vụ" / "Sở Ngoại vụ tỉnh Quảng Ninh"), or the date read from one
// form only (corpus.SameIssue).
func (p *Pipeline) reconcile(ctx context.Context, doc *corpus.Document, in Input) error {
	if doc.NumberKey == "" || doc.Kind == corpus.KindRecord || doc.Identity != "" {
		return nil
	}
	cands, err := p.cfg.Store.FindNumber(ctx, doc.Number)
	if err != nil {
		return err
	}
	own := corpus.DocID(doc)
	for _, c := range cands {
		if c.NumberKey != doc.NumberKey {
			continue
		}
		if c.ID == own {
			return nil
		}
		if (in.Of != "" && hasVersionFrom(c, in.Of)) || corpus.SameIssue(c, *doc) {
			doc.Identity = c.ID
			return nil
		}
	}
	return nil
}

func hasVersionFrom(d corpus.Document, source string) bool {
	for _, v := range d.Versions {
		if v.Source == source {
			return true
		}
	}
	return false
}

// versionRead reports whether the version with this sha was read successfully.
func versionRead(d corpus.Document, sha string) bool {
	for _, v := range d.Versions {
		if v.SHA256 == sha {
			return v.Status == corpus.StatusOK || v.Status == corpus.StatusEmpty
		}
	}
	return true
}

// parserWarnings returns the parser's warnings ("signer: the name ... could
// not be read") but those about a field a portal or record then filled.
func parserWarnings(doc *corpus.Document) []string {
	var out []string
	for _, w := range doc.Source.Warnings {
		f, _, _ := strings.Cut(w, ": ")
		if src := doc.FieldSources[f]; src != "" && src != "text" {
			continue
		}
		out = append(out, w)
	}
	return out
}
