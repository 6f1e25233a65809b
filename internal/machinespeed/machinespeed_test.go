package machinespeed

import "testing"

func TestSHA256MBps(t *testing.T) {
	if r := SHA256MBps(); r <= 0 {
		t.Fatalf("rate %v, want > 0", r)
	}
}
