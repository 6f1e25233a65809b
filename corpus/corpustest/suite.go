package corpustest

import (
	"context"
	"testing"

	"vanthu/corpus"
)

// Run runs the conformance suite against the stores open returns. open must
// return a new, empty store each time it is called.
func Run(t *testing.T, open func(t *testing.T) corpus.Store) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			c.fn(t, s)
		})
	}
}

type testCase struct {
	name string
	fn   func(t *testing.T, s corpus.Store)
}

// cases lists every check, grouped by file: identity.go, versions.go,
// lookup.go, errors.go, concurrency.go.
var cases = []testCase{
	{"PutNew", testPutNew},
	{"PutSameBytes", testPutSameBytes},
	{"MetadataRoundTrip", testMetadataRoundTrip},
	{"TextKeptVerbatim", testTextVerbatim},
	{"IngestedAtFilled", testIngestedAtFilled},
	{"DifferentDocuments", testDifferentDocuments},
	{"NumberSpellingSameDocument", testNumberSpellingSameDocument},
	{"Records", testRecords},
	{"News", testNews},
	{"SHAIdentity", testSHAIdentity},
	{"SharedOriginal", testSharedOriginal},

	{"NewVersion", testNewVersion},
	{"FailedVersionKeepsMetadata", testFailedVersionKeepsMetadata},
	{"FirstVersionFailed", testFirstVersionFailed},
	{"NoVersionOK", testNoVersionOK},
	{"RetryUpgradesVersion", testRetryUpgradesVersion},
	{"RetryOfOlderVersion", testRetryOfOlderVersion},

	{"FindNumber", testFindNumber},
	{"FindNumberNewestFirst", testFindNumberNewestFirst},
	{"HasOriginal", testHasOriginal},
	{"Original", testOriginal},
	{"VersionText", testVersionText},
	{"Each", testEach},
	{"EachStops", testEachStops},
	{"Len", testLen},

	{"GetNotFound", testGetNotFound},
	{"PutInvalid", testPutInvalid},
	{"Isolation", testIsolation},
	{"ContextCancelled", testContextCancelled},
	{"EachContext", testEachContext},
	{"CloseTwice", testCloseTwice},

	{"ConcurrentPuts", testConcurrentPuts},
	{"ConcurrentReadsAndWrites", testConcurrentReadsAndWrites},
}

var bg = context.Background()
