package cluster_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"vanthu/cluster"
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
