package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// span is where one entry's line lies in the file.
type span struct{ off, n int64 }

// history indexes the log by record id, so that a document's or a trip's
// page reads its few entries instead of the whole log. It is built on
// first use and extended with what was appended since (by this process or
// another), from the offset last read.
type history struct {
	read int64             // bytes of the file indexed
	byID map[string][]span // id → its entries' lines, oldest first
}

// catchUp indexes the lines appended since the last call; l.mu is held.
func (l *Log) catchUp() error {
	if l.hist == nil {
		l.hist = &history{byID: map[string][]span{}}
	}
	h := l.hist
	f, err := os.Open(l.path)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	if fi.Size() < h.read { // the file was cut or replaced: start again
		h.read, h.byID = 0, map[string][]span{}
	}
	if fi.Size() == h.read {
		return nil
	}
	br := bufio.NewReaderSize(io.NewSectionReader(f, h.read, fi.Size()-h.read), 64<<10)
	off := h.read
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 && b[len(b)-1] == '\n' {
			var e struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(bytes.TrimSpace(b), &e) == nil && e.ID != "" {
				h.byID[e.ID] = append(h.byID[e.ID], span{off, int64(len(b))})
			}
			off += int64(len(b))
		}
		if errors.Is(err, io.EOF) {
			break // a partial last line is read again next time
		}
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
	}
	h.read = off
	return nil
}

// History returns the entries about one record, oldest first: of kind
// (any kind when "") and id, at most limit (the newest; 0: all).
func (l *Log) History(kind, id string, limit int) ([]Entry, error) {
	l.mu.Lock()
	if err := l.catchUp(); err != nil {
		l.mu.Unlock()
		return nil, err
	}
	spans := append([]span(nil), l.hist.byID[id]...)
	l.mu.Unlock()
	f, err := os.Open(l.path)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer f.Close()
	var out []Entry
	for _, s := range spans {
		b := make([]byte, s.n)
		if _, err := f.ReadAt(b, s.off); err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		var e Entry
		if json.Unmarshal(bytes.TrimSpace(b), &e) != nil || e.ID != id || kind != "" && e.Kind != kind {
			continue
		}
		out = append(out, e)
	}
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out, nil
}
