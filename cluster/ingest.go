package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"

	"vanthu/corpus/natsstore"
	"vanthu/ingest"
)

// IngestHandler does ingest jobs: it reads the original from the store and
// runs it through the pipeline, which stores the document in the same store.
// An original the pipeline can never read (an ingest.InputError) is done:
// running it again would fail the same way.
func IngestHandler(st *natsstore.Store, p *ingest.Pipeline) Handler {
	return func(ctx context.Context, j Job) error {
		b, err := original(ctx, st, j)
		if err != nil {
			return err
		}
		_, err = p.Ingest(ctx, ingest.Input{Name: j.Name, Data: b, MIME: j.MIME, FetchedAt: j.FetchedAt, Of: j.Of, Fields: j.Fields})
		var ie *ingest.InputError
		if errors.As(err, &ie) {
			return nil
		}
		return err
	}
}

// original reads the job's original from the store.
func original(ctx context.Context, st *natsstore.Store, j Job) ([]byte, error) {
	rc, err := st.Original(ctx, j.SHA256)
	if err != nil {
		return nil, fmt.Errorf("cluster: job %s: %w", j.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("cluster: job %s: %w", j.Name, err)
	}
	return b, nil
}

// KindRecord is the job of storing one record of a records file (.jsonl):
// its original is the record's line, its name the line's label
// ("file:line"), as on one machine.
const KindRecord = "record"

// RecordHandler does record jobs: the record's line, read from the store,
// goes through the pipeline's PrepareRecord and Commit. A line that is no
// record (an ingest.InputError) is done: it would fail the same way again.
func RecordHandler(st *natsstore.Store, p *ingest.Pipeline) Handler {
	return func(ctx context.Context, j Job) error {
		raw, err := original(ctx, st, j)
		if err != nil {
			return err
		}
		pr, _, err := p.PrepareRecord(ctx, j.Name, raw)
		if err == nil && pr != nil {
			_, err = p.Commit(ctx, pr)
		}
		var ie *ingest.InputError
		if errors.As(err, &ie) {
			return nil
		}
		return err
	}
}

// EnqueueOriginal puts an original in the store and queues the ingest job
// for it. It reports false when the job was queued already. A job the queue
// gave up on (see RecordGaveUp) is queued again as its next try.
func EnqueueOriginal(ctx context.Context, st *natsstore.Store, q *Queue, j Job, original []byte) (bool, error) {
	_, fresh, err := EnqueueOriginalJob(ctx, st, q, j, original)
	return fresh, err
}

// EnqueueOriginalJob is EnqueueOriginal returning the job as queued (its
// sha256 and try filled in), to look for its failure later.
func EnqueueOriginalJob(ctx context.Context, st *natsstore.Store, q *Queue, j Job, original []byte) (Job, bool, error) {
	sha, err := st.PutOriginal(ctx, original)
	if err != nil {
		return j, false, err
	}
	j.SHA256 = sha
	if j.Kind == "" {
		j.Kind = KindIngest
	}
	if j.Try, err = nextTry(ctx, st, j); err != nil {
		return j, false, err
	}
	fresh, err := q.Enqueue(ctx, j)
	return j, fresh, err
}

// QueueSink takes what a crawler fetched and queues it for the workers
// instead of ingesting it here: its Ingest returns at once with status
// "queued" (or "already-queued"). Links the pipeline's readers would find in
// a page's main content are not known at that point; attachments reach the
// crawl through its sources' link rules.
type QueueSink struct {
	Store *natsstore.Store
	Queue *Queue
}

// Ingest implements the crawler's sink.
func (s QueueSink) Ingest(ctx context.Context, in ingest.Input) (ingest.Result, error) {
	fresh, err := EnqueueOriginal(ctx, s.Store, s.Queue, Job{Name: in.Name, MIME: in.MIME, FetchedAt: in.FetchedAt, Of: in.Of, Fields: in.Fields}, in.Data)
	if err != nil {
		return ingest.Result{Input: in.Name, Status: "error", Error: err.Error()}, err
	}
	status := "queued"
	if !fresh {
		status = "already-queued"
	}
	return ingest.Result{Input: in.Name, Status: status}, nil
}
