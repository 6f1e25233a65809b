package natsstore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"vanthu/corpus"
)

// ErrClosed is returned by every method called after Close.
var ErrClosed = errors.New("natsstore: store is closed")

var (
	_ corpus.Store       = (*Store)(nil)
	_ corpus.RecordStore = (*Store)(nil)
)

// Config says which buckets to use and how to replicate them.
type Config struct {
	// Name names the buckets: <Name> (key-value) and <Name>-blobs (objects).
	// Letters, digits, '-' and '_' only.
	Name string
	// Replicas is how many servers keep each bucket (1, or 3 on a cluster).
	Replicas int
	// Memory keeps the buckets in memory (tests); the default is files.
	Memory bool
	// Now is the clock stamping IngestedAt; time.Now when nil.
	Now func() time.Time
	// MaxOriginal is the largest original accepted, 200 MB by default (the
	// PDF reader's own limit): a replicated object store fails on objects
	// of a few hundred MB, so larger ones are refused up front with
	// corpus.ErrInvalid rather than half-written.
	MaxOriginal int64
}

// DefaultConfig is one replica named "vanthu".
func DefaultConfig() Config { return Config{Name: "vanthu", Replicas: 1} }

// Store is a corpus.Store and corpus.RecordStore on JetStream.
type Store struct {
	cfg    Config
	nc     *nats.Conn
	ownNC  bool
	js     jetstream.JetStream
	kv     jetstream.KeyValue
	stream jetstream.Stream // the key-value bucket's stream
	// subjectPrefix is "$KV.<name>.": a key's subject is the prefix and the key.
	subjectPrefix string
	obj           jetstream.ObjectStore
	closed        atomic.Bool
}

// New opens (creating them if needed) the buckets of cfg over nc. The caller
// keeps nc and closes it after the store. On a cluster, New retries while the
// servers cannot yet place replicated buckets, until ctx ends.
func New(ctx context.Context, nc *nats.Conn, cfg Config) (*Store, error) {
	if cfg.Name == "" {
		cfg.Name = "vanthu"
	}
	if cfg.Replicas < 1 {
		cfg.Replicas = 1
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxOriginal <= 0 {
		cfg.MaxOriginal = 200 << 20
	}
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("natsstore: %w", err)
	}
	storage := jetstream.FileStorage
	if cfg.Memory {
		storage = jetstream.MemoryStorage
	}
	s := &Store{cfg: cfg, nc: nc, js: js}
	err = Retry(ctx, func(ctx context.Context) error {
		kv, err := openKV(ctx, js, jetstream.KeyValueConfig{
			Bucket:      cfg.Name,
			Description: "vanthu documents and records",
			History:     1,
			Replicas:    cfg.Replicas,
			Storage:     storage,
		})
		if err != nil {
			return err
		}
		obj, err := openObjects(ctx, js, jetstream.ObjectStoreConfig{
			Bucket:      cfg.Name + "-blobs",
			Description: "vanthu originals and texts, by sha256",
			Replicas:    cfg.Replicas,
			Storage:     storage,
		})
		if err != nil {
			return err
		}
		st, err := js.Stream(ctx, "KV_"+cfg.Name)
		if err != nil {
			return err
		}
		s.kv, s.obj, s.stream = kv, obj, st
		s.subjectPrefix = "$KV." + cfg.Name + "."
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("natsstore: open buckets %q: %w", cfg.Name, err)
	}
	return s, nil
}

// Direct gets let any replica answer a read, and a replica may lag: a writer
// would then not read its own write (a revision just set, a text just
// stored). So the buckets' streams are kept without direct gets and reads go
// to the stream leader.
//
// A handle decides how it reads when it is bound, from the stream's
// configuration then, and keeps that choice. Buckets are therefore created
// only when missing (creating or updating one that exists would turn direct
// gets back on for a moment, and a node binding in that moment would send
// direct gets for good, which find no responders once they are off again),
// and a handle is used only once it was bound to a stream without them.

// OpenKV opens the key-value bucket cfg describes, creating it when missing,
// bound with direct gets off: for other packages that keep their own state
// on the cluster and must read their own writes.
func OpenKV(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig) (jetstream.KeyValue, error) {
	return openKV(ctx, js, cfg)
}

func openKV(ctx context.Context, js jetstream.JetStream, cfg jetstream.KeyValueConfig) (jetstream.KeyValue, error) {
	err := ensureNoDirect(ctx, js, "KV_"+cfg.Bucket, func() error {
		_, err := js.CreateKeyValue(ctx, cfg)
		if errors.Is(err, jetstream.ErrBucketExists) {
			return nil // another node created it meanwhile
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return js.KeyValue(ctx, cfg.Bucket)
}

func openObjects(ctx context.Context, js jetstream.JetStream, cfg jetstream.ObjectStoreConfig) (jetstream.ObjectStore, error) {
	err := ensureNoDirect(ctx, js, "OBJ_"+cfg.Bucket, func() error {
		_, err := js.CreateObjectStore(ctx, cfg)
		if errors.Is(err, jetstream.ErrBucketExists) || errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return js.ObjectStore(ctx, cfg.Bucket)
}

// ensureNoDirect creates the stream with create when it is missing and
// returns once it exists with direct gets off.
func ensureNoDirect(ctx context.Context, js jetstream.JetStream, stream string, create func() error) error {
	for {
		on, err := noDirect(ctx, js, stream)
		if errors.Is(err, jetstream.ErrStreamNotFound) {
			if err := create(); err != nil {
				return err
			}
			continue
		}
		if err != nil || !on {
			return err
		}
	}
}

// noDirect turns direct gets off on stream and reports whether they were on
// (a handle bound before this call may then use them: bind again).
func noDirect(ctx context.Context, js jetstream.JetStream, stream string) (bool, error) {
	st, err := js.Stream(ctx, stream)
	if err != nil {
		return false, err
	}
	c := st.CachedInfo().Config
	if !c.AllowDirect {
		return false, nil
	}
	c.AllowDirect = false
	_, err = js.UpdateStream(ctx, c)
	return true, err
}

// Open connects to url and opens the store; Close closes the connection too.
func Open(ctx context.Context, url string, cfg Config) (*Store, error) {
	nc, err := nats.Connect(url, nats.Name("vanthu"), nats.MaxReconnects(-1))
	if err != nil {
		return nil, fmt.Errorf("natsstore: connect %s: %w", url, err)
	}
	s, err := New(ctx, nc, cfg)
	if err != nil {
		nc.Close()
		return nil, err
	}
	s.ownNC = true
	return s, nil
}

// Retry calls fn until it succeeds, fails for a reason waiting cannot cure,
// or ctx ends. A cluster that is still electing leaders or has not yet seen
// every peer answers with errors that pass in a moment.
//
// Each attempt has its own deadline: a request sent while the cluster has no
// meta leader may get no answer at all, and would otherwise wait for ctx.
func Retry(ctx context.Context, fn func(ctx context.Context) error) error {
	wait := 20 * time.Millisecond
	for {
		actx, cancel := context.WithTimeout(ctx, attemptTimeout)
		err := fn(actx)
		cancel()
		if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("%w: %w", errAttempt, err)
		}
		if err == nil || !Transient(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(wait):
		}
		wait = min(2*wait, time.Second)
	}
}

// attemptTimeout bounds one request to the cluster inside retry.
const attemptTimeout = 10 * time.Second

var errAttempt = errors.New("no answer in time")

// Transient reports whether err passes by waiting: no answer in time, a
// cluster electing a leader or not yet seeing every peer, a connection
// reconnecting.
func Transient(err error) bool {
	if errors.Is(err, errAttempt) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var api *jetstream.APIError
	if errors.As(err, &api) {
		// 10023 insufficient resources, 10005 and 10074 no suitable peers
		// for placement, 10008 cluster unavailable / no leader: all pass
		// once peers are current.
		switch api.ErrorCode {
		case 10023, 10005, 10074, 10008, jetstream.JSErrCodeJetStreamNotEnabled:
			return true
		}
		return api.Code == 503 || api.Code == 500
	}
	return errors.Is(err, jetstream.ErrNoStreamResponse) || errors.Is(err, nats.ErrTimeout) ||
		errors.Is(err, nats.ErrNoResponders) || errors.Is(err, jetstream.ErrJetStreamNotEnabled) ||
		errors.Is(err, nats.ErrConnectionReconnecting) || errors.Is(err, jetstream.ErrNoHeartbeat)
}

// KV returns the key-value bucket (for the change feed and tests).
func (s *Store) KV() jetstream.KeyValue { return s.kv }

// Conn returns the connection the store uses.
func (s *Store) Conn() *nats.Conn { return s.nc }

// Name returns the store's bucket name.
func (s *Store) Name() string { return s.cfg.Name }

// Close releases the store; closing twice is not an error.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if s.ownNC {
		s.nc.Close()
	}
	return nil
}

func (s *Store) check(ctx context.Context, what string) error {
	if s.closed.Load() {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("natsstore: %s: %w", what, err)
	}
	return nil
}

var b64 = base64.RawURLEncoding

func enc(s string) string { return b64.EncodeToString([]byte(s)) }

func dec(s string) (string, bool) {
	b, err := b64.DecodeString(s)
	return string(b), err == nil
}

func docKey(id string) string          { return "d." + enc(id) }
func numberKey(key, id string) string  { return "n." + enc(key) + "." + enc(id) }
func ownerKey(sha string) string       { return "o." + sha }
func versionTextKey(sha string) string { return "v." + sha }

// DocKeyPrefix is the subject tail of a document key in the bucket's stream:
// $KV.<name>.d.<base64url id>.
const DocKeyPrefix = "d."

// DocID decodes the document id of a key of the bucket ("d.<base64url>").
func DocID(key string) (string, bool) {
	if !strings.HasPrefix(key, DocKeyPrefix) {
		return "", false
	}
	return dec(strings.TrimPrefix(key, DocKeyPrefix))
}

func validSHA(sha string) bool {
	if len(sha) != 64 {
		return false
	}
	for i := 0; i < len(sha); i++ {
		c := sha[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// stored is a document as kept under d.<id>: the view without its text,
// which lives in the object store under the text's own hash.
type stored struct {
	Doc     corpus.Document `json:"doc"`
	TextSHA string          `json:"text_sha256,omitempty"`
}

func notFound(err error) bool {
	return errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrObjectNotFound)
}

func conflict(err error) bool {
	return errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch)
}

// getDoc returns the stored document and the key's revision, or (nil, 0) when
// there is none.
func (s *Store) getDoc(ctx context.Context, id string) (*corpus.Document, uint64, error) {
	e, err := s.kv.Get(ctx, docKey(id))
	if notFound(err) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	d, err := s.decodeDoc(ctx, e.Value())
	if err != nil {
		return nil, 0, fmt.Errorf("document %q: %w", id, err)
	}
	return d, e.Revision(), nil
}

// DecodeDocument reads a value of a d.<id> key (as the change feed carries
// it) into the document, text included.
func (s *Store) DecodeDocument(ctx context.Context, value []byte) (corpus.Document, error) {
	d, err := s.decodeDoc(ctx, value)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("natsstore: %w", err)
	}
	return *d, nil
}

func (s *Store) decodeDoc(ctx context.Context, value []byte) (*corpus.Document, error) {
	var st stored
	if err := json.Unmarshal(value, &st); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if st.TextSHA != "" {
		b, err := s.obj.GetBytes(ctx, "t/"+st.TextSHA)
		if err != nil {
			return nil, fmt.Errorf("text %s: %w", st.TextSHA, err)
		}
		st.Doc.Text = string(b)
	}
	return &st.Doc, nil
}

// putBlob stores b under name unless an object of that name is there: names
// are content hashes, so one that exists holds these bytes.
func (s *Store) putBlob(ctx context.Context, name string, b []byte) error {
	if _, err := s.obj.GetInfo(ctx, name); err == nil {
		return nil
	} else if !notFound(err) {
		return err
	}
	_, err := s.obj.PutBytes(ctx, name, b)
	return err
}

// putText stores a text and returns its hash ("" for no text).
func (s *Store) putText(ctx context.Context, text string) (string, error) {
	if text == "" {
		return "", nil
	}
	h := corpus.SHA256([]byte(text))
	return h, s.putBlob(ctx, "t/"+h, []byte(text))
}

// Put implements corpus.Store.
func (s *Store) Put(ctx context.Context, original []byte, doc corpus.Document) (corpus.PutResult, error) {
	if err := s.check(ctx, "put "+doc.Label()); err != nil {
		return corpus.PutResult{}, err
	}
	if err := s.checkSize(original, doc.Label()); err != nil {
		return corpus.PutResult{}, err
	}
	doc, err := corpus.PreparePut(original, doc.Clone(), s.cfg.Now())
	if err != nil {
		return corpus.PutResult{}, fmt.Errorf("natsstore: %w", err)
	}
	sha := doc.Source.SHA256
	res, err := s.put(ctx, original, doc, sha)
	if err != nil {
		return corpus.PutResult{}, fmt.Errorf("natsstore: put %s: %w", doc.ID, err)
	}
	return res, nil
}

func (s *Store) put(ctx context.Context, original []byte, doc corpus.Document, sha string) (corpus.PutResult, error) {
	blobsDone := false
	for {
		if err := ctx.Err(); err != nil {
			return corpus.PutResult{}, err
		}
		prev, rev, err := s.getDoc(ctx, doc.ID)
		if err != nil {
			return corpus.PutResult{}, err
		}
		next, status := corpus.MergeVersion(prev, doc)
		if status == corpus.PutUnchanged {
			if err := s.ensureOwner(ctx, sha, next.ID); err != nil {
				return corpus.PutResult{}, err
			}
			return corpus.PutResult{ID: next.ID, Status: status, Document: next}, nil
		}
		if !blobsDone {
			if err := s.putBlob(ctx, "o/"+sha, original); err != nil {
				return corpus.PutResult{}, fmt.Errorf("original: %w", err)
			}
			th, err := s.putText(ctx, doc.Text)
			if err != nil {
				return corpus.PutResult{}, fmt.Errorf("text: %w", err)
			}
			if _, err := s.kv.PutString(ctx, versionTextKey(sha), th); err != nil {
				return corpus.PutResult{}, fmt.Errorf("version text: %w", err)
			}
			blobsDone = true
		}
		th, err := s.putText(ctx, next.Text)
		if err != nil {
			return corpus.PutResult{}, fmt.Errorf("text: %w", err)
		}
		if next.NumberKey != "" && (prev == nil || prev.NumberKey != next.NumberKey) {
			if _, err := s.kv.PutString(ctx, numberKey(next.NumberKey, next.ID), "1"); err != nil {
				return corpus.PutResult{}, fmt.Errorf("number index: %w", err)
			}
		}
		view := next
		view.Text = ""
		value, err := json.Marshal(stored{Doc: view, TextSHA: th})
		if err != nil {
			return corpus.PutResult{}, err
		}
		if rev == 0 {
			_, err = s.kv.Create(ctx, docKey(next.ID), value)
		} else {
			_, err = s.kv.Update(ctx, docKey(next.ID), value, rev)
		}
		if conflict(err) {
			continue // someone else stored this document meanwhile: merge again
		}
		if err != nil {
			return corpus.PutResult{}, err
		}
		if prev != nil && prev.NumberKey != "" && prev.NumberKey != next.NumberKey {
			if err := s.kv.Delete(ctx, numberKey(prev.NumberKey, next.ID)); err != nil && !notFound(err) {
				return corpus.PutResult{}, fmt.Errorf("number index: %w", err)
			}
		}
		if err := s.ensureOwner(ctx, sha, next.ID); err != nil {
			return corpus.PutResult{}, err
		}
		return corpus.PutResult{ID: next.ID, Status: status, Document: next}, nil
	}
}

// ensureOwner records id as the first document stored with sha, unless one
// is recorded already. Done after the document is written, and again on an
// unchanged Put, so a writer that died in between leaves no original without
// its owner once the job is retried.
func (s *Store) ensureOwner(ctx context.Context, sha, id string) error {
	_, err := s.kv.Create(ctx, ownerKey(sha), []byte(id))
	if err != nil && !conflict(err) {
		return fmt.Errorf("owner of %s: %w", sha, err)
	}
	return nil
}
