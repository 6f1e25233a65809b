package htmltext

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
)

// errNoArticle: readability found no article node.
var errNoArticle = errors.New("no article found")

// readable runs go-readability on the decoded page and renders the article
// node. The library cannot be cancelled, so it runs in its own goroutine:
// on cancellation Extract returns at once and the goroutine finishes alone.
// A panic in the library is recovered there and returned as an error.
func readable(ctx context.Context, page string, base *url.URL) (title, text string, err error) {
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
		art, err := p.Parse(strings.NewReader(page), base)
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
