package filestore

import (
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/corpustest"
)

func TestConformance(t *testing.T) {
	corpustest.Run(t, func(t *testing.T) corpus.Store { return open(t, t.TempDir()) })
}

func open(t testing.TB, dir string) *Store {
	t.Helper()
	s, err := Open(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestRecordConformance(t *testing.T) {
	corpustest.RunRecords(t, func(t *testing.T) corpus.RecordStore { return open(t, t.TempDir()) })
}
