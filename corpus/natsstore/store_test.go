package natsstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"vanthu/corpus"
	"vanthu/corpus/corpustest"
	"vanthu/corpus/natsstore"
	"vanthu/internal/natsembed"
)

var seq atomic.Int64

// opener returns a function opening a new, empty store (fresh buckets) over
// a connection to url.
func opener(t *testing.T, url string, replicas int) func(t *testing.T) *natsstore.Store {
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return func(t *testing.T) *natsstore.Store {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		s, err := natsstore.New(ctx, nc, natsstore.Config{
			Name:     fmt.Sprintf("t%d", seq.Add(1)),
			Replicas: replicas,
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
}

func TestConformanceSingle(t *testing.T) {
	srv, err := natsembed.Start(natsembed.Config{Name: "single", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	open := opener(t, srv.ClientURL(), 1)
	corpustest.Run(t, func(t *testing.T) corpus.Store { return open(t) })
	corpustest.RunRecords(t, func(t *testing.T) corpus.RecordStore { return open(t) })
}

func TestConformanceCluster(t *testing.T) {
	if raceDetector {
		// nats-server (v2.15.3, the newest) races with itself when it
		// replicates a stream: batchStagedDiff.commit against
		// applyStreamMsgOp, both inside the server. .ci/run runs this test
		// again without -race.
		t.Skip("three replicating nats-servers: not under -race (a data race inside nats-server)")
	}
	if testing.Short() {
		t.Skip("three servers: not in -short")
	}
	servers, err := natsembed.StartCluster(t.TempDir(), "conf", 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range servers {
			s.Stop()
		}
	})
	open := opener(t, servers[1].ClientURL(), 3)
	corpustest.Run(t, func(t *testing.T) corpus.Store { return open(t) })
	corpustest.RunRecords(t, func(t *testing.T) corpus.RecordStore { return open(t) })
}

// singleConn starts one server and returns a connection to it; both end
// with the test.
func singleConn(t *testing.T, name string) *nats.Conn {
	t.Helper()
	srv, err := natsembed.Start(natsembed.Config{Name: name, Dir: t.TempDir()})
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

func TestOriginalTooLarge(t *testing.T) {
	nc := singleConn(t, "big")
	s, err := natsstore.New(context.Background(), nc, natsstore.Config{Name: "big", MaxOriginal: 1024})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := make([]byte, 2048)
	if _, err := s.PutOriginal(context.Background(), big); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("PutOriginal of 2 KB with a 1 KB limit: %v, want ErrInvalid", err)
	}
	doc := corpus.Document{Title: "x", Source: corpus.Version{Status: corpus.StatusOK}}
	if _, err := s.Put(context.Background(), big, doc); !errors.Is(err, corpus.ErrInvalid) {
		t.Errorf("Put of 2 KB with a 1 KB limit: %v, want ErrInvalid", err)
	}
	if _, err := s.PutOriginal(context.Background(), big[:512]); err != nil {
		t.Errorf("PutOriginal of 512 bytes: %v", err)
	}
}

// A handle chooses direct gets or leader reads when it is bound, and keeps
// that choice: a node that bound while direct gets were on would ask for
// them after they were turned off and find no responders. So opening a
// bucket that exists must not update its stream (creating or updating it
// would turn direct gets on for a moment), and a bucket found with them on
// (made by another client) is left with them off.
func TestOpenKeepsReadsOnTheLeader(t *testing.T) {
	nc := singleConn(t, "direct")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	// Another client made the bucket, direct gets on (as nats.go does).
	if _, err := js.CreateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: "shared", History: 1}); err != nil {
		t.Fatal(err)
	}
	direct := func(stream string) bool {
		t.Helper()
		st, err := js.Stream(ctx, stream)
		if err != nil {
			t.Fatal(err)
		}
		return st.CachedInfo().Config.AllowDirect
	}
	if !direct("KV_shared") {
		t.Fatal("nats.go made the bucket without direct gets: this test no longer tests anything")
	}
	a, err := natsstore.New(ctx, nc, natsstore.Config{Name: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if direct("KV_shared") || direct("OBJ_shared-blobs") {
		t.Fatal("after New, the buckets' streams still allow direct gets")
	}
	res, err := a.Put(ctx, []byte("x"), corpus.Document{Title: "Kế hoạch đoàn ra", Text: "đoàn ra", Source: corpus.Version{Status: corpus.StatusOK}})
	if err != nil {
		t.Fatal(err)
	}

	updates, err := nc.SubscribeSync("$JS.API.STREAM.UPDATE.>")
	if err != nil {
		t.Fatal(err)
	}
	defer updates.Unsubscribe()
	creates, err := nc.SubscribeSync("$JS.API.STREAM.CREATE.>")
	if err != nil {
		t.Fatal(err)
	}
	defer creates.Unsubscribe()
	b, err := natsstore.New(ctx, nc, natsstore.Config{Name: "shared"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []*nats.Subscription{updates, creates} {
		if m, err := sub.NextMsg(100 * time.Millisecond); err == nil {
			t.Errorf("opening an existing bucket sent %s", m.Subject)
		}
	}
	got, err := b.Get(ctx, res.ID)
	if err != nil || got.Text != "đoàn ra" {
		t.Fatalf("the second handle reads %q, %v", got.Text, err)
	}
}
