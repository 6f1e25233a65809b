package cluster_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/cluster"
	"vanthu/corpus/natsstore"
	"vanthu/internal/natsembed"
)

func singleServer(t *testing.T) *nats.Conn {
	t.Helper()
	srv, err := natsembed.Start(natsembed.Config{Name: "q", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	nc, err := nats.Connect(srv.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// A job that fails every time is tried MaxDeliver times, reported, and
// taken off the queue, so that the queue empties.
func TestQueueGivesUp(t *testing.T) {
	nc := singleServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	tries, gaveUp := 0, make(chan cluster.Job, 1)
	q, err := cluster.NewQueue(ctx, nc, cluster.QueueConfig{AckWait: 400 * time.Millisecond, MaxDeliver: 3, Memory: true,
		GaveUp: func(j cluster.Job, err error) { gaveUp <- j }})
	if err != nil {
		t.Fatal(err)
	}
	if fresh, err := q.Enqueue(ctx, cluster.Job{Kind: cluster.KindIngest, Name: "bad.pdf", SHA256: "00"}); err != nil || !fresh {
		t.Fatalf("Enqueue = %v, %v", fresh, err)
	}
	if fresh, err := q.Enqueue(ctx, cluster.Job{Kind: cluster.KindIngest, Name: "bad.pdf", SHA256: "00"}); err != nil || fresh {
		t.Fatalf("Enqueue of the same job again = %v, %v; want a duplicate", fresh, err)
	}
	done := make(chan error, 1)
	go func() {
		done <- q.Work(ctx, cluster.KindIngest, func(context.Context, cluster.Job) error {
			mu.Lock()
			tries++
			mu.Unlock()
			return errors.New("cannot")
		})
	}()
	select {
	case j := <-gaveUp:
		if j.Name != "bad.pdf" {
			t.Errorf("gave up on %q", j.Name)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the queue never gave up")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := q.Pending(ctx)
		if err == nil && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs still queued after giving up (%v)", n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	<-done
	mu.Lock()
	defer mu.Unlock()
	if tries != 3 {
		t.Errorf("tried %d times, want MaxDeliver = 3", tries)
	}
}

func TestQueueRejectsBadKind(t *testing.T) {
	nc := singleServer(t)
	q, err := cluster.NewQueue(context.Background(), nc, cluster.QueueConfig{Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"", "a.b", "*", ">"} {
		if _, err := q.Enqueue(context.Background(), cluster.Job{Kind: k}); !errors.Is(err, cluster.ErrInvalid) {
			t.Errorf("Enqueue kind %q: %v, want ErrInvalid", k, err)
		}
	}
}

// A job given up is recorded, and queuing the same original again makes a
// new job (its next try) that workers do, rather than a duplicate the queue
// would drop for its whole de-duplication window.
func TestGivenUpJobQueuesAgain(t *testing.T) {
	nc := singleServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := natsstore.New(ctx, nc, natsstore.Config{Name: "again", Memory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	gaveUp := make(chan struct{}, 1)
	q, err := cluster.NewQueue(ctx, nc, cluster.QueueConfig{Name: "again", AckWait: 400 * time.Millisecond, MaxDeliver: 2, Memory: true,
		GaveUp: func(j cluster.Job, cause error) {
			if err := cluster.RecordGaveUp(ctx, st, j, cause, time.Now()); err != nil {
				t.Error(err)
			}
			gaveUp <- struct{}{}
		}})
	if err != nil {
		t.Fatal(err)
	}
	original := []byte("Công văn số 12/UBND-NV")
	j, fresh, err := cluster.EnqueueOriginalJob(ctx, st, q, cluster.Job{Name: "cv.txt"}, original)
	if err != nil || !fresh || j.Try != 0 {
		t.Fatalf("first enqueue: %+v, %v, %v", j, fresh, err)
	}
	var mu sync.Mutex
	fail := true
	var done []cluster.Job
	wctx, stop := context.WithCancel(ctx)
	worked := make(chan error, 1)
	go func() {
		worked <- q.Work(wctx, cluster.KindIngest, func(_ context.Context, j cluster.Job) error {
			mu.Lock()
			defer mu.Unlock()
			if fail {
				return errors.New("the store did not answer")
			}
			done = append(done, j)
			return nil
		})
	}()
	select {
	case <-gaveUp:
	case <-ctx.Done():
		t.Fatal("the queue never gave up")
	}
	fs, err := cluster.Failures(ctx, st)
	f, ok := fs[j.Key()]
	if err != nil || !ok || f.Job.Try != 0 || f.Error != "the store did not answer" {
		t.Fatalf("Failures = %+v (%v); want the failure of try 0 of %s", fs, err, j.Key())
	}

	mu.Lock()
	fail = false
	mu.Unlock()
	j2, fresh, err := cluster.EnqueueOriginalJob(ctx, st, q, cluster.Job{Name: "cv.txt"}, original)
	if err != nil || !fresh || j2.Try != 1 {
		t.Fatalf("enqueue after giving up: %+v, fresh %v, %v; want a new job, try 1", j2, fresh, err)
	}
	if _, fresh, _ := cluster.EnqueueOriginalJob(ctx, st, q, cluster.Job{Name: "cv.txt"}, original); fresh {
		t.Error("a third enqueue of the same file is a new job; want a duplicate of the second")
	}
	for {
		mu.Lock()
		n := len(done)
		mu.Unlock()
		if n > 0 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("the job queued again was never done")
		case <-time.After(20 * time.Millisecond):
		}
	}
	stop()
	<-worked
	if done[0].Try != 1 || done[0].Name != "cv.txt" {
		t.Errorf("did %+v", done[0])
	}
}
