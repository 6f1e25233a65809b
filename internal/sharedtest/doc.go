// Package sharedtest finds the shared reference material (../shared beside the
// checkout: seeds, real documents, benchmarks) for tests, and skips the test
// cleanly when it is absent, as it is on a machine that has only the repo.
package sharedtest
