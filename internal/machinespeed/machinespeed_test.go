package machinespeed

import (
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	s := String()
	if !strings.Contains(s, "MB/s") || !strings.Contains(s, "ns per random access") || strings.Contains(s, "NaN") {
		t.Errorf("String() = %q", s)
	}
}
