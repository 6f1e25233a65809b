package machinespeed

import (
	"crypto/sha256"
	"time"
)

// workBytes is how much SHA256MBps hashes: about a tenth of a second on the
// development machine, long enough to smooth the scheduler's noise.
const workBytes = 64 << 20

// SHA256MBps hashes 64 MiB on the calling goroutine and returns the rate in
// MB/s (one core's speed; higher is faster).
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
