// Package trips embeds the example trip files of this directory, so that
// `vanthu demo` can file them into its trip register wherever the binary
// runs. The files themselves are documented in README.md.
package trips

import (
	"embed"
	"io/fs"
	"sort"
)

//go:embed *.yaml
var files embed.FS

// File is one example trip file.
type File struct {
	Name string
	Data []byte
}

// Files returns the example trip files (history-2026.yaml, a list of past
// trips, excluded), sorted by name.
func Files() []File {
	names, _ := fs.Glob(files, "*.yaml")
	sort.Strings(names)
	var out []File
	for _, n := range names {
		if n == "history-2026.yaml" {
			continue
		}
		b, err := files.ReadFile(n)
		if err == nil {
			out = append(out, File{Name: n, Data: b})
		}
	}
	return out
}
