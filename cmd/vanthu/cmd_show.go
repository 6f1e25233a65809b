package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"vanthu/corpus"
	"vanthu/review"
)

func init() {
	register(command{"show", "show one document (by id or number in any spelling): metadata and text", runShow})
}

func runShow(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "show", "ID|NUMBER [--json] [--no-text] [--nats URL]")
	noText := fs.Bool("no-text", false, "metadata only")
	var nf natsFlags
	addNATSFlags(e, fs, &nf)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("show needs a document id or number, e.g. vanthu show 4060-CV/BTCTU")
	}
	ref := strings.Join(pos, " ")
	a, closeApp, err := openReadApp(ctx, e, c.data, nf)
	if err != nil {
		return err
	}
	defer closeApp()
	d, others, err := a.findDocument(ctx, ref)
	if err != nil {
		return err
	}
	for _, o := range others {
		fmt.Fprintf(e.stderr, "note: %s also matches %s (%s, %s): vanthu show %s\n", ref, o.ID, o.Issuer, o.Date, o.ID)
	}
	if *noText {
		d.Text = ""
	}
	withdrawn := a.review != nil && a.review.Withdrawn(d.ID)
	if c.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		out := showOut{showDocument: showJSON(d), Withdrawn: withdrawn}
		if a.review != nil {
			out.Review = reviewOf(ctx, a.review, d)
		}
		return enc.Encode(out)
	}
	if withdrawn {
		fmt.Fprintf(e.stderr, "note: %s is withdrawn from search (đã rút): vanthu restore %s\n", d.ID, d.ID)
	}
	if a.review != nil {
		if rv := reviewOf(ctx, a.review, d); rv.Needs {
			fmt.Fprintf(e.stderr, "note: %s needs checking (cần kiểm tra): vanthu review\n", d.ID)
		}
	}
	printDocument(e, d, !*noText)
	return nil
}

// showDocument is the `show --json` object: the document's fields, and
// the signature check of the version shown, by status:
// {"signature":{"status":"invalid","label":"chữ ký không hợp lệ","signatures":[...]}}.
type showDocument struct {
	corpus.Document
	Signature showSignature `json:"signature"`
}

type showSignature struct {
	Status string `json:"status"` // valid, invalid, unsigned, text-only, or "" when never checked
	Label  string `json:"label"`  // chữ ký hợp lệ, chữ ký không hợp lệ, không có chữ ký, chỉ là dòng chữ (text only), chưa kiểm tra
	*corpus.SignatureCheck
}

// showJSON makes the `show --json` object: corpus.Document plus date as
// "YYYY-MM-DD" and empty lists as [] (never null), as scripts expect, plus
// "signature".
func showJSON(d corpus.Document) showDocument {
	sig := showSignature{Label: corpus.SignatureLabel(""), SignatureCheck: d.Source.Signature}
	if d.Source.Signature != nil {
		sig.Status, sig.Label = d.Source.Signature.Status, corpus.SignatureLabel(d.Source.Signature.Status)
	}
	return showDocument{Document: showLists(d), Signature: sig}
}

func showLists(d corpus.Document) corpus.Document {
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	if d.CC == nil {
		d.CC = []string{}
	}
	if d.Citations == nil {
		d.Citations = []corpus.Citation{}
	}
	if d.Rules == nil {
		d.Rules = []corpus.Rule{}
	}
	if d.Versions == nil {
		d.Versions = []corpus.Version{}
	}
	return d
}

func printDocument(e *env, d corpus.Document, withText bool) {
	w := e.stdout
	line := func(label, v string) {
		if strings.TrimSpace(v) != "" {
			fmt.Fprintf(w, "%-14s %s\n", label+":", v)
		}
	}
	line("ID", d.ID)
	line("Số ký hiệu", d.Number)
	line("Loại", strings.TrimSpace(d.TypeName+" ("+d.Type+")"))
	if d.Type == "" {
		line("Loại", string(d.Kind))
	}
	line("Cơ quan", d.Issuer)
	if read := d.Attrs["issuer_read"]; read != "" && read != d.Issuer {
		fmt.Fprintf(w, "%-14s (đọc được: %s)\n", "", read) // the spelling on the scan, filed under the body's name
	}
	line("Cơ quan chủ quản", d.ParentIssuer)
	line("Nơi, ngày", strings.Trim(d.Place+", "+d.Date.String(), ", "))
	line("Trích yếu", d.Title)
	if d.Validity != "" {
		line("Hiệu lực", strings.TrimSpace(d.ValidityText+" ("+d.Validity+")")+" — theo cổng")
	}
	if !d.Effective.IsZero() {
		line("Ngày hiệu lực", d.Effective.String()+" — theo cổng")
	}
	for i, r := range d.Recipients {
		if i == 0 {
			line("Kính gửi", r)
		} else {
			line("", r)
		}
	}
	sig := strings.TrimSpace(strings.Join([]string{d.Signer.Authority, d.Signer.Title, d.Signer.Name}, " "))
	line("Người ký", sig)
	if sc := d.Source.Signature; sc != nil {
		v := corpus.SignatureLabel(sc.Status)
		for _, g := range sc.Signatures {
			v += "; " + strings.Trim(g.Signer+", "+g.Problem, ", ")
		}
		line("Kiểm tra ký số", v)
	}
	if d.ESign != nil {
		line("Chữ ký số", strings.Trim(fmt.Sprintf("%s, %s, %s, %s", d.ESign.Signer, d.ESign.Org, d.ESign.Email, d.ESign.Time), ", "))
	}
	if d.Incoming != nil {
		line("Văn bản đến", fmt.Sprintf("số %s ngày %s", d.Incoming.Number, d.Incoming.Date))
	}
	for i, c := range d.CC {
		if i == 0 {
			line("Nơi nhận", c)
		} else {
			line("", c)
		}
	}
	for _, c := range d.Citations {
		line("Dẫn chiếu", strings.TrimSpace(fmt.Sprintf("%s %s %s — %q", c.Number, c.Date, c.Issuer, oneLine(c.Quote))))
	}
	for _, r := range d.Rules {
		line("Quy định", fmt.Sprintf("%s ≤ %g %s — %q", r.Kind, r.Limit, r.Unit, oneLine(r.Quote)))
	}
	for _, v := range d.Versions {
		line("Phiên bản", fmt.Sprintf("%s %s %s %s (%s)", v.SHA256[:12], v.IngestedAt.Format("2006-01-02 15:04"), v.MIME, v.Source, v.Status))
	}
	if withText {
		fmt.Fprintf(w, "\n%s\n", strings.TrimRight(d.Text, "\n"))
	}
}

// showOut is the `show --json` object: the document, plus what the review
// loop knows of it.
type showOut struct {
	showDocument
	Withdrawn bool        `json:"withdrawn,omitempty"`
	Review    *reviewJSON `json:"review,omitempty"`
}

// reviewJSON says, for each field, where its value came from and how sure
// the reading is, and what a person should check.
type reviewJSON struct {
	Needs  bool               `json:"needs_review"`
	Issues []review.Issue     `json:"issues"`
	Fields []review.FieldView `json:"fields"`
}

func reviewOf(ctx context.Context, rs *review.Store, d corpus.Document) *reviewJSON {
	extracted, err := rs.Inner().Get(ctx, d.ID)
	if err != nil {
		extracted = d
	}
	c := rs.Correction(d.ID)
	is := review.Issues(d, c)
	if is == nil {
		is = []review.Issue{}
	}
	return &reviewJSON{Needs: review.NeedsReview(d, c), Issues: is, Fields: review.FieldViews(d, extracted, c)}
}
