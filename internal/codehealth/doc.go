// Package codehealth holds tests that keep the source tree easy to change:
// code comments say what the code does and why, never its history (issue
// numbers and work sessions belong in commit messages and BENCHMARKS.md).
// It has no code of its own.
package codehealth
