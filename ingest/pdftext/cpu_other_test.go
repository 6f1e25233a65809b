//go:build !unix

package pdftext

import "time"

// selfCPU is unavailable here; the CPU columns of the measurement read 0.
func selfCPU() time.Duration { return 0 }
