package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"vanthu/corpus"
)

// maxRecordLine bounds one record: a law article or a long decision fits well
// under it; a line longer than this is reported, not silently cut.
const maxRecordLine = 16 << 20

// ErrRecordTooLong is a .jsonl line longer than the 16 MiB a record may take.
var ErrRecordTooLong = errors.New("record line too long")

// IngestRecords reads a .jsonl file of records exported from another system,
// one JSON object per line: {"id","title","text", ...}. Each record is stored
// as its own document (kind record) keeping its given id; its original is the
// line's bytes. Known fields (number, type, issuer, date, place, signer, url)
// fill what the text does not say; the other string fields are kept in Attrs.
// emit is called once per record, in order. A bad line is reported through emit
// (a line over 16 MiB too) and does not stop the rest; the error is non-nil
// only when reading stops.
func (p *Pipeline) IngestRecords(ctx context.Context, name string, r io.Reader, emit func(Result)) error {
	return EachRecord(ctx, name, r, func(label string, raw []byte, bad *Result) error {
		if bad != nil {
			emit(*bad)
			return nil
		}
		pr, res, _ := p.PrepareRecord(ctx, label, raw)
		if pr != nil {
			res, _ = p.Commit(ctx, pr)
		}
		emit(res)
		return nil
	})
}

// EachRecord reads a records file line by line and calls fn with each
// record's label ("file:line") and bytes (a copy fn may keep), or with a
// final error Result for a line it could not read (too long), in order.
// Blank lines are skipped. It stops at fn's first error.
func EachRecord(ctx context.Context, name string, r io.Reader, fn func(label string, raw []byte, bad *Result) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	line := 0
	for {
		b, long, err := readRecordLine(br, maxRecordLine)
		if err != nil && err != io.EOF {
			return fmt.Errorf("ingest %s: line %d: %w", name, line+1, err)
		}
		if err == io.EOF && len(b) == 0 && !long {
			return nil
		}
		line++
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		label := fmt.Sprintf("%s:%d", name, line)
		switch raw := bytes.TrimSpace(b); {
		case long:
			// Only this record is lost: the reader skipped to the next line.
			res := Result{Input: label, Status: "error"}
			ierr := &InputError{Name: label, Reason: fmt.Sprintf("line longer than %d MiB: record not read", maxRecordLine>>20), Err: ErrRecordTooLong}
			res.Error = ierr.Error()
			if ferr := fn(label, nil, &res); ferr != nil {
				return ferr
			}
		case len(raw) > 0:
			if ferr := fn(label, append([]byte(nil), raw...), nil); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readRecordLine reads one line (without its newline) of at most max bytes.
// A longer line is read to its end and dropped (long is true), so that the
// next call starts on the next record. err is io.EOF after the last line.
func readRecordLine(br *bufio.Reader, max int) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if len(line)+len(chunk) > max+1 { // +1: the newline itself
				long, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\n")), long, err
	}
}

// ValidateRecord says whether a line of a records file is a record vanthu
// can store, with the *InputError PrepareRecord would give it: a cluster
// checks the lines it queues, so that the person queuing them hears of a
// bad line at once rather than from a worker.
func ValidateRecord(label string, raw []byte) error {
	_, _, _, err := readRecord(label, raw)
	return err
}

// readRecord decodes a record's line into its string fields, its id and its
// text (NFC), or the *InputError saying why it is not a record.
func readRecord(label string, raw []byte) (fields map[string]string, id, text string, err error) {
	var rec map[string]any
	if err := json.Unmarshal(raw, &rec); err != nil {
		return nil, "", "", &InputError{Name: label, Reason: "not a JSON object", Err: err}
	}
	fields = map[string]string{}
	for k, v := range rec {
		switch v := v.(type) {
		case string:
			fields[k] = v
		case float64:
			fields[k] = strings.TrimSuffix(fmt.Sprintf("%f", v), ".000000")
		}
	}
	id = strings.TrimSpace(fields["id"])
	if id == "" {
		return nil, "", "", &InputError{Name: label, Reason: `the record has no "id"`}
	}
	text = corpus.NFC(fields["text"])
	if strings.TrimSpace(text) == "" && strings.TrimSpace(fields["title"]) == "" {
		return nil, "", "", &InputError{Name: label, Reason: `the record has no "text" and no "title"`, Err: ErrEmpty}
	}
	return fields, id, text, nil
}

// PrepareRecord reads one record, the line label of a records file: the
// Prepare of records (see IngestRecords for what a record is).
func (p *Pipeline) PrepareRecord(ctx context.Context, label string, raw []byte) (*Prepared, Result, error) {
	res := Result{Input: label, Status: "error"}
	fields, id, text, err := readRecord(label, raw)
	if err != nil {
		return p.failPrep(res, err)
	}
	sha := corpus.SHA256(raw)
	if got, ok, err := p.cfg.Store.HasOriginal(ctx, sha); err != nil {
		return p.failPrep(res, err)
	} else if ok {
		doc, err := p.cfg.Store.Get(ctx, got)
		if err != nil {
			return p.failPrep(res, err)
		}
		fillResult(&res, &doc)
		res.Status = string(corpus.PutUnchanged)
		return nil, res, nil
	}
	doc := p.cfg.Parser.Parse(text)
	doc.Text = text
	// The record's own fields are what the exporting system asserted; they win
	// over what the parser guessed from the text for title, and fill the rest.
	if t := strings.TrimSpace(fields["title"]); t != "" {
		doc.Title = corpus.NFC(t)
		if doc.FieldSources == nil {
			doc.FieldSources = map[string]string{}
		}
		doc.FieldSources["title"] = "record"
	}
	applyFields(&doc, "", fields, "record")
	doc.Kind = corpus.KindRecord
	doc.ID = id
	for k, v := range fields {
		switch k {
		case "id", "title", "text", "number", "type", "issuer", "date", "place", "signer":
			continue
		}
		if doc.Attrs == nil {
			doc.Attrs = map[string]string{}
		}
		doc.Attrs[k] = v
	}
	source := label
	if u := fields["url"]; u != "" {
		source = u
	}
	now := p.cfg.Now()
	doc.Source = corpus.Version{
		Source: source, MIME: "application/json", FetchedAt: now.UTC(), IngestedAt: now.UTC(),
		Extractor: "record", Status: corpus.StatusOK, Quality: 1,
	}
	return &Prepared{res: res, in: Input{Name: label, Data: raw}, doc: doc, x: Extracted{Status: corpus.StatusOK}}, res, nil
}
