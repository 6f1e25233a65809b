// Package codehealth holds tests that keep the source tree easy to change:
// code comments say what the code does and why, never its history (issue
// numbers and work sessions belong in commit messages and BENCHMARKS.md);
// no function of non-test code over 120 lines, no file over 600; the web
// desk answers errors only through web/errors.go. It has no code of its own.
package codehealth
