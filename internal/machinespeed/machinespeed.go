package machinespeed

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"time"
)

// workBytes is how much SHA256MBps hashes: about a twentieth of a second on
// the development machine, long enough to smooth the scheduler's noise.
const workBytes = 64 << 20

// SHA256MBps hashes 64 MiB on the calling goroutine and returns the rate in
// MB/s: one core's arithmetic speed (higher is faster).
func SHA256MBps() float64 {
	buf := make([]byte, 1<<20)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	h := sha256.New()
	start := time.Now()
	for n := 0; n < workBytes; n += len(buf) {
		h.Write(buf)
	}
	_ = h.Sum(nil)
	return float64(workBytes) / 1e6 / time.Since(start).Seconds()
}

// walkWords is the size of MemoryNs's table: 64 MB of uint32, beyond
// any cache, as a search's posting lists and a segment build's maps are.
const walkWords = 16 << 20

// MemoryNs follows a random cycle through a 64 MB table for 4 million
// steps and returns the nanoseconds per step: the latency of memory, on
// which searches and segment builds depend as much as on arithmetic (lower
// is faster). A search that took 34 ms took 57 ms half an hour later while
// SHA256MBps dropped by a tenth only.
func MemoryNs() float64 {
	next := make([]uint32, walkWords)
	// Sattolo's shuffle: one cycle through every slot.
	for i := range next {
		next[i] = uint32(i)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := len(next) - 1; i > 0; i-- {
		j := r.IntN(i)
		next[i], next[j] = next[j], next[i]
	}
	const steps = 4 << 20
	p := uint32(0)
	start := time.Now()
	for i := 0; i < steps; i++ {
		p = next[p]
	}
	d := time.Since(start)
	if p == 1<<31 { // keep the walk from being optimised away
		fmt.Print("")
	}
	return float64(d.Nanoseconds()) / steps
}

// String describes the machine's speed now, for a benchmark's log.
func String() string {
	return fmt.Sprintf("SHA-256 %.0f MB/s, memory %.0f ns per random access (one core)", SHA256MBps(), MemoryNs())
}
