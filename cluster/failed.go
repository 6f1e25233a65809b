package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"vanthu/corpus"
)

// KindJobFailed is the kind of the record kept for a job the queue gave up
// on, one version each time: its id is the job's Key, so that queuing the
// same original again makes a new job (the queue would otherwise drop it as
// a duplicate for its whole de-duplication window), and `ingest --wait` can
// name what failed.
const KindJobFailed = "job-failed"

// JobFailure is the data of a KindJobFailed record.
type JobFailure struct {
	Job   Job       `json:"job"`
	Error string    `json:"error"`
	Time  time.Time `json:"time"`
}

// RecordGaveUp keeps a record of a job given up (Queue's GaveUp hook).
func RecordGaveUp(ctx context.Context, rs corpus.RecordStore, j Job, cause error, now time.Time) error {
	b, err := json.Marshal(JobFailure{Job: j, Error: cause.Error(), Time: now.UTC()})
	if err != nil {
		return err
	}
	_, _, err = rs.PutRecord(ctx, corpus.Record{Kind: KindJobFailed, ID: j.Key(), Time: now.UTC(), Note: cause.Error(), Data: b}, -1)
	if err != nil {
		return fmt.Errorf("cluster: record the failure of %s: %w", j.Name, err)
	}
	return nil
}

// Failures returns the last failure recorded for each job, by Key: one
// walk of the records, however many jobs a caller checks.
func Failures(ctx context.Context, rs corpus.RecordStore) (map[string]JobFailure, error) {
	out := map[string]JobFailure{}
	err := rs.EachRecord(ctx, KindJobFailed, func(r corpus.Record) error {
		var f JobFailure
		if err := json.Unmarshal(r.Data, &f); err != nil {
			return fmt.Errorf("cluster: failure record %s: %w", r.ID, err)
		}
		out[r.ID] = f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cluster: failures: %w", err)
	}
	return out, nil
}

// nextTry returns the try a job queued now should carry: one past the
// failures recorded for it (the versions of its record).
func nextTry(ctx context.Context, rs corpus.RecordStore, j Job) (int, error) {
	r, err := rs.GetRecord(ctx, KindJobFailed, j.Key())
	if errors.Is(err, corpus.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("cluster: failures of %s: %w", j.Name, err)
	}
	return r.Version, nil
}
