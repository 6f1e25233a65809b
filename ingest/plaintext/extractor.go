package plaintext

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"vanthu/corpus"
	"vanthu/ingest"
	"vanthu/ingest/vnenc"
)

// Extractor adapts Extract to ingest.Extractor. The charset is taken from
// in.MIME ("text/plain; charset=windows-1258") when given.
type Extractor struct{}

var _ ingest.Extractor = Extractor{}

// Extract implements ingest.Extractor. Binary input is an *ingest.InputError
// (ingest.ErrUnknownFormat); an empty text is returned with status empty.
func (Extractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	if err := ctx.Err(); err != nil {
		return ingest.Extracted{}, fmt.Errorf("plaintext: %w", err)
	}
	res, err := Extract(in.Data, charsetOf(in.MIME))
	out := ingest.Extracted{
		Text:      res.Text,
		Extractor: "plaintext (" + string(res.Encoding) + ")",
		Quality:   res.Quality,
		Warnings:  res.Warnings,
		Status:    corpus.StatusOK,
	}
	switch {
	case errors.Is(err, ErrEmpty):
		out.Status, out.Message = corpus.StatusEmpty, "the file holds no text"
		return out, nil
	case err != nil:
		return ingest.Extracted{}, &ingest.InputError{Name: in.Name, Reason: "not a text file", Err: errors.Join(ingest.ErrUnknownFormat, err)}
	}
	// Form feeds separate pages (what `pdftotext` and `vanthu extract` write).
	pages := strings.Split(res.Text, "\f")
	for i, p := range pages {
		q := res.Quality // of the whole text, which is the one page
		if len(pages) > 1 {
			q = vnenc.ValidSyllableRatio(p)
		}
		out.Pages = append(out.Pages, corpus.Page{Number: i + 1, Source: "text", Quality: q, Chars: utf8.RuneCountInString(p)})
	}
	return out, nil
}

// charsetOf returns the charset parameter of a media type, or "".
func charsetOf(mediaType string) string {
	if mediaType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(mediaType)
	if err != nil {
		return ""
	}
	return params["charset"]
}
