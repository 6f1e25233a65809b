package wordtext

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits bound what a Word file may make the reader do: a .docx is a zip,
// and a small one can inflate to gigabytes.
type Limits struct {
	MaxXML int64 // bytes of word/document.xml once inflated
}

// DefaultLimits allow a document.xml of 256 MiB, far above any real
// document (Nghị định 30/2020 with its appendices is under 2 MiB).
func DefaultLimits() Limits { return Limits{MaxXML: 256 << 20} }

// Errors of the reader; match with errors.Is.
var (
	ErrNotDocx  = errors.New("wordtext: not a .docx file (no word/document.xml)")
	ErrTooLarge = errors.New("wordtext: document larger than the limit")
	ErrNoTool   = errors.New("wordtext: antiword is not installed (apt-get install antiword)")
)

// DOCX returns the text of a .docx file (pages separated by form feeds).
func DOCX(ctx context.Context, data []byte, lim Limits) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "word/document.xml") {
			doc = f
			break
		}
	}
	if doc == nil {
		return "", ErrNotDocx
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("wordtext: open word/document.xml: %w", err)
	}
	defer rc.Close()
	max := lim.MaxXML
	if max <= 0 {
		max = DefaultLimits().MaxXML
	}
	lr := &io.LimitedReader{R: rc, N: max + 1}
	text, err := docxText(ctx, lr)
	if lr.N <= 0 {
		return "", fmt.Errorf("%w: word/document.xml over %d bytes", ErrTooLarge, max)
	}
	return text, err
}

// docxText walks WordprocessingML: w:t runs of text, w:tab, w:br (a page
// break when w:type="page"), w:p paragraphs; skips w:delText (deleted in
// tracked changes) and w:instrText (field codes). Names are matched without
// their namespace, which differs between transitional and strict files.
func docxText(ctx context.Context, r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var b strings.Builder
	inText := 0
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("wordtext: word/document.xml: %w", err)
		}
		if n++; n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText++
			case "tab", "ptab":
				if inText == 0 {
					b.WriteByte('\t')
				}
			case "br", "cr":
				if attr(t, "type") == "page" {
					b.WriteString("\n\f")
				} else {
					b.WriteByte('\n')
				}
			case "noBreakHyphen":
				b.WriteByte('-')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				if inText > 0 {
					inText--
				}
			case "p":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText > 0 {
				b.Write(t)
			}
		}
	}
	return tidy(b.String()), nil
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// tidy trims the spaces around lines, keeps at most one blank line in a
// row, and puts each page break at the start of the first line of its page,
// with no blank line before it.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var out []string
	blank, page := 0, false
	for _, l := range strings.Split(s, "\n") {
		// Indents (tabs, antiword's spaces) carry no meaning in the text.
		l = strings.Trim(l, " \t")
		if strings.Contains(l, "\f") {
			// A page break starts the next line that has text.
			page = len(out) > 0
			l = strings.Trim(strings.ReplaceAll(l, "\f", ""), " \t")
		}
		if l == "" {
			blank++
			continue
		}
		switch {
		case page:
			l = "\f" + l
		case blank > 0 && len(out) > 0:
			out = append(out, "")
		}
		blank, page = 0, false
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
