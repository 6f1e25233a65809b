package htmltext

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"vanthu/corpus"
	"vanthu/ingest"
)

// Extractor adapts Extract to ingest.Extractor.
type Extractor struct {
	opts Options
}

var _ ingest.Extractor = (*Extractor)(nil)

// New returns an Extractor; the options are checked.
func New(opts Options) (*Extractor, error) {
	if opts.MaxBytes < 0 || opts.MinChars < 0 {
		return nil, fmt.Errorf("htmltext: negative limit in options (MaxBytes %d, MinChars %d)", opts.MaxBytes, opts.MinChars)
	}
	for _, e := range opts.AttachmentExts {
		if !strings.HasPrefix(e, ".") || strings.ToLower(e) != e {
			return nil, fmt.Errorf("htmltext: attachment extension %q must be lower case and start with a dot", e)
		}
	}
	return &Extractor{opts: opts}, nil
}

// Extract implements ingest.Extractor. The page URL is in.Name when it is an
// http(s) URL, else in.Fields["url"] (a saved page's origin), else none; the
// charset comes from in.MIME. A page with no text is returned with status
// empty; a page that is too large or not HTML is an *ingest.InputError.
func (x *Extractor) Extract(ctx context.Context, in ingest.Input) (ingest.Extracted, error) {
	pageURL := ""
	if u, err := url.Parse(in.Name); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		pageURL = in.Name
	} else if in.Fields != nil {
		pageURL = in.Fields["url"]
	}
	res, err := Extract(ctx, in.Data, pageURL, in.MIME, x.opts)
	out := ingest.Extracted{
		Text:      res.Text,
		Title:     res.Title,
		Extractor: "htmltext (" + res.Method + ")",
		Status:    corpus.StatusOK,
		Quality:   res.Quality,
		Warnings:  res.Warnings,
		Links:     res.Links,
		Fields:    res.Fields,
	}
	switch {
	case errors.Is(err, ErrEmpty):
		out.Status, out.Message = corpus.StatusEmpty, "the page has no text content"
		return out, nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return ingest.Extracted{}, err
	case errors.Is(err, ErrPanic):
		out.Status, out.Message = corpus.StatusFailed, err.Error()
		return out, nil
	case err != nil:
		return ingest.Extracted{}, &ingest.InputError{Name: in.Name, Reason: "unreadable HTML page", Err: err}
	}
	out.Pages = []corpus.Page{{Number: 1, Source: "text", Quality: res.Quality, Chars: utf8.RuneCountInString(res.Text), Warnings: res.Warnings}}
	return out, nil
}
