//go:build unix

package main

import "syscall"

// processAlive reports whether a process with this pid exists (signal 0
// checks without sending anything).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
