package memstore_test

import (
	"testing"

	"vanthu/corpus"
	"vanthu/corpus/corpustest"
	"vanthu/corpus/memstore"
)

func TestConformance(t *testing.T) {
	corpustest.Run(t, func(t *testing.T) corpus.Store { return memstore.New() })
}

func TestRecordConformance(t *testing.T) {
	corpustest.RunRecords(t, func(t *testing.T) corpus.RecordStore { return memstore.New() })
}
