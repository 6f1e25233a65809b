package trip

import (
	"fmt"
	"os"

	"vanthu/corpus"
)

// maxFile bounds what Load reads: a trip file is a few kilobytes; anything
// near this size is not a trip file.
const maxFile = 8 << 20

// Load reads and decodes the trip file at path. It does not validate: call
// Validate for what is missing.
func Load(path string) (corpus.Trip, error) {
	b, err := readFile(path)
	if err != nil {
		return corpus.Trip{}, err
	}
	return Parse(b, path)
}

// Parse decodes a trip from YAML or JSON (see the package note on how the
// format is chosen). name is used in errors and to pick the format.
func Parse(b []byte, name string) (corpus.Trip, error) {
	var t corpus.Trip
	if err := decode(b, name, &t); err != nil {
		return corpus.Trip{}, err
	}
	return t, nil
}

// LoadHistory reads the year's register of past trips: a YAML or JSON list of
// corpus.PastTrip.
func LoadHistory(path string) ([]corpus.PastTrip, error) {
	b, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return ParseHistory(b, path)
}

// ParseHistory decodes a register of past trips (see LoadHistory).
func ParseHistory(b []byte, name string) ([]corpus.PastTrip, error) {
	var h []corpus.PastTrip
	if err := decode(b, name, &h); err != nil {
		return nil, err
	}
	for i, p := range h {
		if len(p.Members) == 0 {
			return nil, &ParseError{Name: name, Msg: fmt.Sprintf("entry %d (%q): no members", i+1, p.Name)}
		}
		if p.Departure.IsZero() {
			return nil, &ParseError{Name: name, Msg: fmt.Sprintf("entry %d (%q): no departure date", i+1, p.Name)}
		}
	}
	return h, nil
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("trip: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("trip: %w", err)
	}
	if st.Size() > maxFile {
		return nil, &ParseError{Name: path, Msg: fmt.Sprintf("file is %d bytes, more than a trip file can be (%d)", st.Size(), maxFile)}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("trip: %w", err)
	}
	return b, nil
}
