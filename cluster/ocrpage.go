package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/corpus"
	"vanthu/corpus/natsstore"
	"vanthu/ingest/pdftext"
)

// KindOCRPage is the job of OCRing one page of an original. A worker
// reading a scan queues one such job a page and waits for their readings,
// so the pages of one long scan are read by every free worker of the
// cluster at once instead of one after another on the machine that took
// the scan.
const KindOCRPage = "ocr-page"

// KindPageReading is the kind of the record holding what OCR made of one
// page (a pdftext.PageReading as JSON): written once, by whichever worker
// read the page first, under an id made of the original's sha256, the page
// and the OCR settings. The readings stay after their document is stored:
// the same scan queued again (a re-read, another name) is not OCR'd twice.
const KindPageReading = "page-reading"

// pageReadingID names the reading of page n of an original read with the
// given language and resolution.
func pageReadingID(sha string, n int, lang string, dpi int) string {
	return sha + "-p" + strconv.Itoa(n) + "-" + lang + "-" + strconv.Itoa(dpi)
}

// PageReader is a pdftext.PageOCR that has the cluster read the pages: it
// queues a KindOCRPage job for each page not read before and waits for the
// readings. The worker waiting holds its own job (the queue keeps telling
// the server it is at it), so the page jobs must be done by other handlers
// than the ones that wait: run PageHandler beside IngestHandler.
type PageReader struct {
	Store *natsstore.Store
	Queue *Queue
	// OCRLanguage and OCRDPI are the settings the pages are read with (the
	// pipeline's pdftext options).
	OCRLanguage string
	OCRDPI      int
	// Poll is how often the readings are looked for besides when a page
	// worker says it read one; zero: every 2 s.
	Poll time.Duration
}

// ReadPages implements pdftext.PageOCR.
func (p PageReader) ReadPages(ctx context.Context, r io.ReaderAt, size int64, pages []int) ([]pdftext.PageReading, error) {
	data := make([]byte, size)
	if _, err := r.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("cluster: read the original: %w", err)
	}
	// The original is in the store already when a queued job is being
	// done; put it anyway (a no-op then) so that a pipeline fed directly
	// can hand its pages out too.
	sha, err := p.Store.PutOriginal(ctx, data)
	if err != nil {
		return nil, fmt.Errorf("cluster: OCR pages: %w", err)
	}
	// Told as each page of this original is read, so the wait ends with
	// the last page rather than at the next look (a lost message only
	// delays: the readings are looked for every few seconds anyway).
	read := make(chan *nats.Msg, len(pages)+1)
	sub, err := p.Store.Conn().ChanSubscribe(pageReadSubject(p.Store, sha), read)
	if err != nil {
		return nil, fmt.Errorf("cluster: OCR pages: %w", err)
	}
	defer sub.Unsubscribe()
	out := make([]pdftext.PageReading, len(pages))
	jobs := make([]Job, len(pages))
	waiting := map[int]int{} // page number → its index in pages
	for k, n := range pages {
		j := Job{Kind: KindOCRPage, Name: fmt.Sprintf("%.12s page %d", sha, n), SHA256: sha, Page: n,
			OCRLanguage: p.OCRLanguage, OCRDPI: p.OCRDPI}
		jobs[k] = j
		rd, ok, err := p.reading(ctx, j)
		if err != nil {
			return nil, err
		}
		if ok {
			out[k] = rd
			continue
		}
		if j.Try, err = nextTry(ctx, p.Store, j); err != nil {
			return nil, err
		}
		jobs[k] = j
		if _, err := p.Queue.Enqueue(ctx, j); err != nil {
			return nil, fmt.Errorf("cluster: queue OCR of page %d: %w", n, err)
		}
		waiting[n] = k
	}
	// check looks for page n's reading, and when all is set, for the
	// queue having given up on it (no worker could read it): the page is
	// then reported unread instead of waited for forever.
	check := func(n int, all bool) error {
		k, ok := waiting[n]
		if !ok {
			return nil
		}
		rd, ok, err := p.reading(ctx, jobs[k])
		if err != nil {
			return err
		}
		if !ok && all {
			f, gave, err := p.gaveUp(ctx, jobs[k])
			if err != nil {
				return err
			}
			rd, ok = pdftext.PageReading{Failed: "no worker could read it: " + f}, gave
		}
		if ok {
			out[k] = rd
			delete(waiting, n)
		}
		return nil
	}
	poll := p.Poll
	if poll <= 0 {
		poll = 2 * time.Second
	}
	t := time.NewTimer(poll)
	defer t.Stop()
	for len(waiting) > 0 {
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("cluster: waiting for the OCR of %d page(s): %w", len(waiting), ctx.Err())
		case m := <-read:
			// The message names its page: only that one is looked at.
			if n, err := strconv.Atoi(string(m.Data)); err == nil {
				if err := check(n, false); err != nil {
					return nil, err
				}
			}
		case <-t.C:
			t.Reset(poll)
			for n := range waiting {
				if err := check(n, true); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// reading returns the reading of the job's page, if one was stored.
func (p PageReader) reading(ctx context.Context, j Job) (pdftext.PageReading, bool, error) {
	r, err := p.Store.GetRecord(ctx, KindPageReading, pageReadingID(j.SHA256, j.Page, j.OCRLanguage, j.OCRDPI))
	if errors.Is(err, corpus.ErrNotFound) {
		return pdftext.PageReading{}, false, nil
	}
	if err != nil {
		return pdftext.PageReading{}, false, fmt.Errorf("cluster: reading of page %d: %w", j.Page, err)
	}
	var rd pdftext.PageReading
	if err := json.Unmarshal(r.Data, &rd); err != nil {
		return pdftext.PageReading{}, false, fmt.Errorf("cluster: reading of page %d: %w", j.Page, err)
	}
	return rd, true, nil
}

// gaveUp reports whether the queue gave up on this try of the job, and why.
func (p PageReader) gaveUp(ctx context.Context, j Job) (string, bool, error) {
	r, err := p.Store.GetRecord(ctx, KindJobFailed, j.Key())
	if errors.Is(err, corpus.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("cluster: failures of page %d: %w", j.Page, err)
	}
	if r.Version <= j.Try {
		return "", false, nil // an earlier try's failure
	}
	return r.Note, true, nil
}

// PageHandler does KindOCRPage jobs: it reads the page with this machine's
// tesseract (pdftext.ReadPage, in one of the process's OCR slots) and
// stores the reading. A page read already is done; a machine that cannot
// OCR fails the job, which goes to another worker. now stamps the records.
func PageHandler(st *natsstore.Store, opts pdftext.Options, now func() time.Time) Handler {
	return func(ctx context.Context, j Job) error {
		if j.Page < 1 || j.SHA256 == "" {
			return nil // not a page: nothing any worker could do
		}
		id := pageReadingID(j.SHA256, j.Page, j.OCRLanguage, j.OCRDPI)
		if _, err := st.GetRecord(ctx, KindPageReading, id); err == nil {
			_ = st.Conn().Publish(pageReadSubject(st, j.SHA256), []byte(strconv.Itoa(j.Page)))
			return nil
		} else if !errors.Is(err, corpus.ErrNotFound) {
			return err
		}
		b, err := original(ctx, st, j)
		if err != nil {
			return err
		}
		o := opts
		o.OCR, o.PageOCR = true, nil
		if j.OCRLanguage != "" {
			o.OCRLanguage = j.OCRLanguage
		}
		if j.OCRDPI > 0 {
			o.OCRDPI = j.OCRDPI
		}
		rd, err := pdftext.ReadPage(ctx, bytes.NewReader(b), int64(len(b)), j.Page, o)
		if err != nil {
			return fmt.Errorf("cluster: job %s: %w", j.Name, err)
		}
		data, err := json.Marshal(rd)
		if err != nil {
			return err
		}
		_, _, err = st.PutRecord(ctx, corpus.Record{Kind: KindPageReading, ID: id, Time: now().UTC(), Data: data}, 0)
		if err != nil && !errors.Is(err, corpus.ErrConflict) { // conflict: another worker read it first
			return err
		}
		_ = st.Conn().Publish(pageReadSubject(st, j.SHA256), []byte(strconv.Itoa(j.Page)))
		return nil
	}
}

// pageReadSubject is where page workers say which page of the original was
// read (core NATS, the page number as the message: a hint to the worker
// waiting, nothing kept).
func pageReadSubject(st *natsstore.Store, sha string) string {
	return st.Name() + ".page-read." + sha
}
