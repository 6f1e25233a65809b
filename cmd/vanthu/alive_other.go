//go:build !unix

package main

// processAlive cannot check here; the note is trusted.
func processAlive(pid int) bool { return true }
