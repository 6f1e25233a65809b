//go:build race

package pdftext

// slowdown scales the time limits of tests that time real work: the race
// detector makes the measuring tokenizer about ten times slower.
const slowdown = 10
