package register

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"vanthu/corpus"
)

//go:embed countries.yaml
var countriesYAML []byte

type countryRow struct {
	Name    string   `yaml:"name"`
	Region  string   `yaml:"region"`
	Aliases []string `yaml:"aliases"`
}

var countryTable = sync.OnceValues(func() (map[string]countryRow, error) {
	var rows []countryRow
	dec := yaml.NewDecoder(bytes.NewReader(countriesYAML))
	dec.KnownFields(true)
	if err := dec.Decode(&rows); err != nil {
		return nil, err
	}
	m := map[string]countryRow{}
	for _, r := range rows {
		m[corpus.MatchKey(r.Name)] = r
		for _, a := range r.Aliases {
			m[corpus.MatchKey(a)] = r
		}
	}
	return m, nil
})

// Country returns the Vietnamese name of a country from any spelling the
// country table knows ("Han Quoc", "Korea" → "Hàn Quốc"); a name the table
// does not know comes back trimmed as written.
func Country(name string) string {
	name = strings.TrimSpace(name)
	m, err := countryTable()
	if err != nil || name == "" {
		return name
	}
	if r, ok := m[corpus.MatchKey(name)]; ok {
		return r.Name
	}
	return name
}

// Region returns the region of a country ("Đông Nam Á"), or "" when the
// table does not know it.
func Region(name string) string {
	m, err := countryTable()
	if err != nil {
		return ""
	}
	return m[corpus.MatchKey(name)].Region
}

// KnownCountry reports whether the country table knows the name.
func KnownCountry(name string) bool {
	m, err := countryTable()
	if err != nil {
		return false
	}
	_, ok := m[corpus.MatchKey(name)]
	return ok
}
