// Package corpustest is the conformance suite every corpus.Store must pass.
//
// A store's tests call Run with a function that opens an empty store:
//
//	func TestConformance(t *testing.T) {
//		corpustest.Run(t, func(t *testing.T) corpus.Store { return memstore.New() })
//	}
//
// Run opens a fresh store for each subtest and closes it when the subtest
// ends (Close must therefore be idempotent). The suite pins down what the
// corpus.Store contract leaves to prose:
//
//   - identity: the id is corpus.DocID of the document with its sha256 filled
//     in; official documents are keyed by number + issuer + date, news by
//     source, records by their own id, anything else by sha256;
//   - versions: the same bytes again change nothing; new bytes of the same
//     document are a new version, listed oldest first; the view (metadata,
//     Text, Source) comes from the newest version whose extraction was ok, and
//     a version that was not ok is upgraded in place when the same bytes come
//     back extracted (the OCR retry);
//   - lookups: FindNumber in any spelling, newest date first; HasOriginal,
//     Original (exact bytes), VersionText, Each in id order, Len;
//   - errors: corpus.ErrNotFound, corpus.ErrInvalid, context cancellation;
//   - isolation: values passed in or handed out are copies;
//   - concurrency: many goroutines putting and reading at once (run with
//     -race) leave exactly the documents and versions a serial run would.
//
// Timestamps are compared through their JSON form (what every store keeps),
// never with ==, so a store that round-trips through JSON passes.
package corpustest
