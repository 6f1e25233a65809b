package index

import "sync/atomic"

// searchPaths counts which way searches were answered: by evaluate on
// bleve's segments, or by bleve's own searchers. evaluate reads scorch's
// snapshot and zapx's segments and postings by their concrete types; if a
// bleve upgrade changes them, it declines and every search silently takes
// the slower path. TestFreshIndexTakesTheFastPath reads these counts so
// that such an upgrade fails a test instead.
type searchPaths struct {
	segments atomic.Uint64 // answered by evaluate
	bleve    atomic.Uint64 // left to bleve's searchers
}

// note records the way one search went.
func (p *searchPaths) note(bySegments bool) {
	if bySegments {
		p.segments.Add(1)
	} else {
		p.bleve.Add(1)
	}
}
