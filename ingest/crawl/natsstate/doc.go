// Package natsstate keeps a crawler's state (crawl.State) in a NATS
// JetStream key-value bucket, so that a crawl stopped on one machine of a
// cluster continues on another where the first left off: the frontier, the
// seen-set, the validators of conditional GETs and the last run's report
// live on the cluster, not in a data directory.
//
// # Layout
//
// One bucket (Config.Name, "vanthu-crawl" by default, history 1); <src> is
// the source name in base64url, <h> the sha256 of a URL, <run> a run's
// random id:
//
//	u.<h>                 crawl.URLRecord of the URL
//	l.<src>.<h>           the links the source last took from the page
//	r.<src>               the run in progress: its id, counters, the
//	                      frontier's head and tail sequence numbers, and
//	                      the last page committed (below)
//	t.<src>               the report of the last finished run
//	q.<src>.<run>.<n>     the frontier: item n, from head to tail-1
//	s.<src>.<run>.<h>     the seen-set of the run
//
// # Commits
//
// KV has no transaction over several keys, so a page is committed by one
// compare-and-set of r.<src>: the new record carries the new counters, the
// head moved past the page (its removal from the frontier), the tail moved
// past the new entries, and the whole page as a pending write (its URL
// record, its links, the new entries with their sequence numbers). That one
// write is the commit point. The pending write is then applied to the other
// keys: each put is keyed by what it writes (the URL, the entry's sequence
// number), so applying it twice writes the same values. Until the next
// commit replaces it, the pending write stays in r.<src>, and BeginRun applies
// it again before anything reads the frontier: a crawler killed after the
// commit point (whatever it applied) leaves a state in which the page is
// fully committed, and one killed before it leaves the page uncommitted,
// nothing of it visible (the keys it would write are written only after the
// commit point). Reading the seen-set for the next page happens after the
// previous page was applied, so an entry is never queued twice.
//
// Re-applying the latest pending write is harmless: no later page of the
// source has been committed (that would have replaced it), so its entries are
// still in the frontier and its URL record is still the source's latest. URL
// records are shared by the sources: if another source fetched the same URL
// in between, re-applying puts back this source's older record of it: the
// URL's next conditional GET names older validators and gets the page whole,
// which the sink, seeing bytes it has, stores nothing new for.
//
// A new run is created the same way: r.<src> with a fresh run id and the
// start URLs as its pending write. Finishing a run sets a finished mark on
// r.<src> (the commit point), then writes t.<src>, deletes r.<src> and purges
// the run's frontier and seen-set; BeginRun completes a finish a crash
// interrupted.
//
// # One crawler per source
//
// The record's revision fences crawlers: BeginRun claims a resumed run by
// rewriting r.<src>, so a crawler still running that source elsewhere fails
// its next commit with ErrTakenOver and stops, having handed at most its
// page in flight to the sink. A crawl is therefore resumed on another
// machine simply by starting it there.
package natsstate
