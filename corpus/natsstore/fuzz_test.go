package natsstore

import (
	"regexp"
	"strings"
	"testing"
)

// validKey is the key syntax NATS key-value buckets accept.
var validKey = regexp.MustCompile(`^[-/_=\.a-zA-Z0-9]+$`)

// FuzzKeys: any id or number a document may carry (they come from outside:
// portals, files, records of other systems) makes a valid key that decodes
// back to it, and a key read back from the bucket never panics the decoder.
func FuzzKeys(f *testing.F) {
	for _, s := range []string{"4060-cv-btctu-85f3abe0ff", "a/b", "../LOCK", "số 12/KH-SNgV", "x.y.z", "*", ">", " "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" {
			return
		}
		k := docKey(s)
		if !validKey.MatchString(k) || strings.HasSuffix(k, ".") {
			t.Fatalf("docKey(%q) = %q: not a valid key", s, k)
		}
		if got, ok := DocID(k); !ok || got != s {
			t.Fatalf("DocID(docKey(%q)) = %q, %v", s, got, ok)
		}
		for _, nk := range []string{numberKey(s, s), recordCurKey(s, s), recordVerKey(s, s, 3)} {
			if !validKey.MatchString(nk) {
				t.Fatalf("key %q of %q is not valid", nk, s)
			}
		}
		if kind, id, ok := RecordKey(recordCurKey(s, s+"x")); !ok || kind != s || id != s+"x" {
			t.Fatalf("RecordKey(recordCurKey(%q, %q)) = %q, %q, %v", s, s+"x", kind, id, ok)
		}
		if !strings.HasPrefix(recordCurKey(s, "x"), RecordKeyPrefix(s)) {
			t.Fatalf("RecordKeyPrefix(%q) = %q is not the prefix of its keys", s, RecordKeyPrefix(s))
		}
		DocID(s) // a key from the bucket, any shape
		RecordKey(s)
	})
}
