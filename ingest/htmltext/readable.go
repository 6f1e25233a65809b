package htmltext

import (
	"context"
	"errors"
	"fmt"
	"net/url"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// errNoArticle: readability found no article node.
var errNoArticle = errors.New("no article found")

// readable runs go-readability on a copy of the parsed page and renders the
// article node. The page is given parsed, not as text: the library's own
// parser guesses the charset again (chardet, a tenth of an HTML ingest's
// CPU) of text already decoded to NFC UTF-8, and may guess wrong on a short
// page. The library cannot be cancelled, so it runs in its own goroutine:
// on cancellation Extract returns at once and the goroutine finishes alone.
// A panic in the library is recovered there and returned as an error.
func readable(ctx context.Context, page *html.Node, base *url.URL) (title, text string, err error) {
	type result struct {
		title, text string
		err         error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				ch <- result{err: fmt.Errorf("%w: readability panicked: %v", ErrPanic, r)}
			}
		}()
		p := readability.NewParser()
		art, err := p.ParseDocument(page, base) // on a copy: the library changes the tree it reads
		if err != nil {
			ch <- result{err: err}
			return
		}
		if art.Node == nil {
			ch <- result{title: art.Title(), err: errNoArticle}
			return
		}
		ch <- result{title: art.Title(), text: renderText(art.Node)}
	}()
	select {
	case <-ctx.Done():
		return "", "", ctx.Err()
	case r := <-ch:
		return r.title, r.text, r.err
	}
}
