package index

import (
	"container/list"
	"fmt"
	"math"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
	zap "github.com/blevesearch/zapx/v17"
)

// Decoded posting lists of the terms searched most recently.
//
// After evaluate.go, reading postings is most of a search: zap decodes each
// posting through a bitmap iterator and two varints in ~20 ns, and a query
// of common words reads hundreds of thousands of them ("quản lý hoạt động
// đối ngoại": 19 lists, 1.1 million postings). The words people search for
// in this corpus are few and come back in query after query ("đoàn", "ra",
// "nước", "ngoài", "hợp tác"), so the lists of the terms searched last are
// kept decoded (a bitmap of the documents, then a frequency and a field
// length per posting) and read again at a few ns a posting. Segments never
// change, so an entry is never stale; it is dropped when the cache needs its
// room for newer ones (least recently used first) and is useless once its
// segment has been merged away. A list is decoded whole, deleted documents
// included: the deleted set differs between snapshots of the same segment,
// and evaluate reads a list only at the matches of its snapshot anyway.

// postingsKey names one term's posting list in one segment.
type postingsKey struct {
	seg   segment.Segment // a segment's identity; never read through
	field string
	term  string
}

// decodedPostings is one decoded list, about 3 bytes a posting: the
// documents as a bitmap (a bit or less each for the common terms that
// matter here), then per posting, in document order, the frequency in a
// byte and the field's length in two.
type decodedPostings struct {
	key  postingsKey
	docs *roaring.Bitmap   // segment document numbers
	tf   []uint8           // frequency; 255: see big
	big  map[uint32]uint32 // frequencies of 255 and more, by posting
	ln   []uint16          // field length
	// unpacked marks a list with a field longer than 65,535 syllables:
	// it is read from the segment each time.
	unpacked bool
}

func (d *decodedPostings) bytes() int64 {
	if d.docs == nil {
		return 128
	}
	return int64(d.docs.GetSizeInBytes()) + int64(len(d.tf))*3 + int64(len(d.big))*16 + 128
}

// impact is sqrt(freq) × norm of posting i, the value impact() computes
// from the segment's posting.
func (d *decodedPostings) impact(i int) float64 {
	tf := uint32(d.tf[i])
	if tf == 255 {
		tf = d.big[uint32(i)]
	}
	return tfOf(uint64(tf)) * normOf(uint64(d.ln[i]))
}

// minCachedPostings: shorter lists are read from the segment each time
// (quick anyway) and stay out of the cache.
const minCachedPostings = 512

// postingsCache is safe for concurrent use; a nil one keeps nothing.
type postingsCache struct {
	mu    sync.Mutex
	limit int64 // bytes
	used  int64
	min   uint64    // lists shorter than this are not cached (minCachedPostings)
	lru   list.List // of *decodedPostings, most recent first
	byKey map[postingsKey]*list.Element

	hits, misses uint64
}

// newPostingsCache returns nil (no cache) for a limit of 0.
func newPostingsCache(limitBytes int64) *postingsCache {
	if limitBytes <= 0 {
		return nil
	}
	return &postingsCache{limit: limitBytes, min: minCachedPostings, byKey: map[postingsKey]*list.Element{}}
}

func (c *postingsCache) get(k postingsKey) *decodedPostings {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		c.misses++
		return nil
	}
	c.hits++
	c.lru.MoveToFront(e)
	return e.Value.(*decodedPostings)
}

func (c *postingsCache) put(d *decodedPostings) {
	if d.bytes() > c.limit/4 {
		return // a list larger than a quarter of the cache would flush it
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[d.key]; ok {
		return // decoded by a concurrent search too
	}
	c.byKey[d.key] = c.lru.PushFront(d)
	c.used += d.bytes()
	for c.used > c.limit {
		old := c.lru.Back()
		od := old.Value.(*decodedPostings)
		c.lru.Remove(old)
		delete(c.byKey, od.key)
		c.used -= od.bytes()
	}
}

// stats reports hits, misses and bytes held.
func (c *postingsCache) stats() (hits, misses uint64, used int64) {
	if c == nil {
		return 0, 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses, c.used
}

// PostingsCacheStats reports how the decoded posting lists served the
// searches so far: lists read from the cache, lists decoded, bytes held.
func (ix *Index) PostingsCacheStats() (hits, misses uint64, bytes int64) {
	return ix.postings.stats()
}

// decoded returns the term's whole posting list in this segment from the
// cache, decoding it on a miss (postcache.go).
func (st *segState) decoded(p *plan) (*decodedPostings, error) {
	k := postingsKey{seg: st.ss.Segment(), field: p.field, term: string(p.term)}
	if d := st.cache.get(k); d != nil {
		return d, nil
	}
	dict, err := st.ss.Segment().Dictionary(p.field)
	if err != nil {
		return nil, fmt.Errorf("index: evaluate: field %s: %w", p.field, err)
	}
	pl, err := dict.PostingsList(p.term, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("index: evaluate: %s:%s: %w", p.field, p.term, err)
	}
	n := pl.Count()
	d := &decodedPostings{key: k, tf: make([]uint8, 0, n), ln: make([]uint16, 0, n)}
	it := pl.Iterator(true, true, false, nil)
	if opt, ok := it.(segment.OptimizablePostingsIterator); ok {
		if doc, hit1 := opt.DocNum1Hit(); hit1 {
			d.docs = roaring.BitmapOf(uint32(doc))
		} else if actual := opt.ActualBitmap(); actual != nil {
			d.docs = actual.Clone() // the segment's is read from its file
		}
	}
	var docs []uint32
	for {
		post, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("index: evaluate: %s:%s: %w", p.field, p.term, err)
		}
		if post == nil {
			break
		}
		zp, ok := post.(*zap.Posting)
		if !ok || zp.NormUint64() > 0xffff {
			d = &decodedPostings{key: k, unpacked: true}
			break
		}
		if d.docs == nil {
			docs = append(docs, uint32(post.Number()))
		}
		tf := zp.Frequency()
		if tf >= 255 {
			if d.big == nil {
				d.big = map[uint32]uint32{}
			}
			d.big[uint32(len(d.tf))] = uint32(min(tf, math.MaxUint32))
			tf = 255
		}
		d.tf = append(d.tf, uint8(tf))
		d.ln = append(d.ln, uint16(zp.NormUint64()))
	}
	if !d.unpacked && d.docs == nil {
		d.docs = roaring.BitmapOf(docs...)
	}
	if !d.unpacked && d.docs.GetCardinality() != uint64(len(d.tf)) {
		return nil, fmt.Errorf("index: evaluate: %s:%s: %d documents for %d postings", p.field, p.term, d.docs.GetCardinality(), len(d.tf))
	}
	st.cache.put(d)
	return d, nil
}

// addDecoded is addTerm on a decoded list: a merge of two sorted arrays,
// or, when the matches are much fewer than the postings, a search for each
// match.
func addDecoded(p *plan, d *decodedPostings, docs []uint32, out []float64, cnt []uint16, dense bool) {
	add := func(i, j int) {
		s := d.impact(i) * p.idf
		if p.weight != 1.0 {
			s = s * p.weight
		}
		out[j] += s
		if cnt != nil {
			cnt[j]++
		}
	}
	if !dense && uint64(len(docs))*16 < d.docs.GetCardinality() {
		for j, doc := range docs {
			if d.docs.Contains(doc) {
				add(int(d.docs.Rank(doc))-1, j)
			}
		}
		return
	}
	var buf [256]uint32
	it := d.docs.ManyIterator()
	i, j := 0, 0
	for {
		n := it.NextMany(buf[:])
		if n == 0 {
			return
		}
		for _, doc := range buf[:n] {
			if dense {
				add(i, int(doc))
				i++
				continue
			}
			for j < len(docs) && docs[j] < doc {
				j++
			}
			if j == len(docs) {
				return
			}
			if docs[j] == doc {
				add(i, j)
			}
			i++
		}
	}
}
