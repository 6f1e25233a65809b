package democorpus

import (
	"embed"
	"io/fs"
	"path"
	"sort"
)

//go:embed docs trips
var docs embed.FS

// File is one sample document: a file name (its extension says the format)
// and its bytes.
type File struct {
	Name string
	Data []byte
}

// Files returns the sample documents in name order.
func Files() []File {
	var out []File
	entries, _ := fs.ReadDir(docs, "docs")
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := docs.ReadFile(path.Join("docs", e.Name()))
		if err != nil {
			continue
		}
		out = append(out, File{Name: e.Name(), Data: b})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Trips returns the sample trips (YAML) from which the demo generates letters:
// copies of examples/trips that pass every rule, one per style.
func Trips() []File {
	var out []File
	entries, _ := fs.ReadDir(docs, "trips")
	for _, e := range entries {
		b, err := docs.ReadFile(path.Join("trips", e.Name()))
		if err == nil {
			out = append(out, File{Name: e.Name(), Data: b})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
