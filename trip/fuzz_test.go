package trip

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse: no input may panic; what parses must survive a JSON round trip
// unchanged and validate without panicking.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b, filepath.Base(p))
		}
	}
	f.Add([]byte("date: 2026-01-05\nmembers: [{name: a, head: true}]"), "t.yaml")
	f.Add([]byte(`{"members": [{"name": "a"}], "return": "2026-02-30"}`), "t.json")
	f.Add([]byte("&a [*a]"), "t.yaml")
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		tr, err := Parse(b, name)
		if err != nil {
			return
		}
		_ = Validate(tr)
		j, err := json.Marshal(tr)
		if err != nil {
			return // NaN amounts cannot be JSON
		}
		back, err := Parse(j, "round.json")
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, j)
		}
		if !reflect.DeepEqual(normal(tr), normal(back)) {
			t.Fatalf("round trip changed the trip:\n%+v\n%+v", tr, back)
		}
	})
}

// normal makes empty and nil slices compare equal after a JSON round trip.
func normal(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
