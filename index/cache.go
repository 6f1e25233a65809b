package index

import (
	"container/list"
	"maps"
	"slices"
	"sync"
)

// resultCache keeps the answers to recent searches until the index changes.
//
// A clerk pages through results, clicks a facet and comes back, opens a
// document and returns to the list: the same search is asked again and
// again, and the web desk asks it once for the page and once more when the
// page's script refreshes the facets. The answer only changes when the
// index does, so every write (IndexBatch, Delete, Rebuild) moves the epoch,
// and an answer is served only under the epoch it was computed in. A search
// reads the epoch before it looks at the index, so an answer computed on a
// snapshot older than the latest write always carries an older epoch.
type resultCache struct {
	mu    sync.Mutex
	epoch uint64
	max   int
	lru   *list.List // of *cacheEntry, most recent first
	byKey map[Query]*list.Element
}

type cacheEntry struct {
	key   Query
	epoch uint64
	res   Result
}

// maxCachedHits keeps large pages (exports) out of the cache.
const maxCachedHits = 100

func newResultCache(max int) *resultCache {
	return &resultCache{max: max, lru: list.New(), byKey: map[Query]*list.Element{}}
}

// begin returns the epoch a search starting now computes its answer in.
func (c *resultCache) begin() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.epoch
}

// get returns a copy of the answer to q, if one was computed in the
// current epoch.
func (c *resultCache) get(q Query) (Result, bool) {
	if c.max <= 0 {
		return Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.byKey[q]
	if !ok {
		return Result{}, false
	}
	e := el.Value.(*cacheEntry)
	if e.epoch != c.epoch {
		c.lru.Remove(el)
		delete(c.byKey, q)
		return Result{}, false
	}
	c.lru.MoveToFront(el)
	return e.res.clone(), true
}

// put keeps the answer to q computed in epoch, unless the index has
// changed since.
func (c *resultCache) put(q Query, epoch uint64, res Result) {
	if c.max <= 0 || len(res.Hits) > maxCachedHits {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if epoch != c.epoch {
		return
	}
	if el, ok := c.byKey[q]; ok {
		c.lru.Remove(el)
	}
	c.byKey[q] = c.lru.PushFront(&cacheEntry{key: q, epoch: epoch, res: res.clone()})
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.byKey, old.Value.(*cacheEntry).key)
	}
}

// invalidate starts a new epoch: every answer kept so far is stale.
func (c *resultCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.lru.Init()
	clear(c.byKey)
}

// clone copies the parts of r a caller could change.
func (r Result) clone() Result {
	r.Hits = slices.Clone(r.Hits)
	if r.Facets != nil {
		f := maps.Clone(r.Facets)
		for k, v := range f {
			f[k] = slices.Clone(v)
		}
		r.Facets = f
	}
	return r
}
