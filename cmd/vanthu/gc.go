package main

import "runtime/debug"

// rebuildGCPercent is the garbage collector's GOGC while an index is
// rebuilt. Analysis and segment building allocate a few hundred bytes per
// token; at GOGC 300 the collector takes 10% less of the CPU for about
// twice the heap (docs/benchmarks/index.md). It is the process's setting, so
// the command decides it, not the index package.
const rebuildGCPercent = 300

// withRebuildGC runs fn with GOGC raised to rebuildGCPercent, unless a lower
// GOGC (or GOGC=off) is already set, and restores it afterwards.
func withRebuildGC(fn func() error) error {
	old := debug.SetGCPercent(rebuildGCPercent)
	if old < 0 || old > rebuildGCPercent {
		debug.SetGCPercent(old) // GOGC=off or already higher: keep
	} else {
		defer debug.SetGCPercent(old)
	}
	return fn()
}
