// Package gencorpus generates realistic Vietnamese official documents for
// benchmarks: numbers in the state and Party forms, issuers, dates, titles,
// ~4 KB of text composed from the phrases of real directives and công văn on
// delegations abroad, and citations between the generated documents (and to
// numbers outside them, as real corpora have).
//
// Generation is deterministic: document i depends only on (Seed, i), so a
// corpus of any size is reproduced exactly, documents can be made in parallel,
// and nothing generated needs to be kept in the repository.
package gencorpus
