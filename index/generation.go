package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// On-disk layout of Config.Dir (see doc.go):
//
//	LOCK          advisory lock (flock) held while open
//	CURRENT       the name of the generation in use, replaced atomically
//	gen-000001/   a bleve (scorch) index
const (
	lockFile    = "LOCK"
	currentFile = "CURRENT"
)

var errLockHeld = errors.New("index: lock held")

var genPattern = regexp.MustCompile(`^gen-(\d{6,})$`)

func genName(n int) string { return fmt.Sprintf("gen-%06d", n) }

func genNumber(gen string) int {
	m := genPattern.FindStringSubmatch(gen)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// readCurrent returns the generation named by CURRENT.
func readCurrent(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		return "", err
	}
	gen := strings.TrimSpace(string(b))
	if !genPattern.MatchString(gen) {
		return "", fmt.Errorf("index: %s: CURRENT names %q, not a generation", dir, gen)
	}
	return gen, nil
}

// writeCurrent points CURRENT at gen: write a temp file, fsync, rename over
// CURRENT, fsync the directory. A crash leaves either the old or the new name.
func writeCurrent(dir, gen string) error {
	tmp := filepath.Join(dir, currentFile+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("index: write %s: %w", tmp, err)
	}
	if _, err := f.WriteString(gen + "\n"); err != nil {
		f.Close()
		return fmt.Errorf("index: write %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("index: sync %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("index: close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, currentFile)); err != nil {
		return fmt.Errorf("index: replace CURRENT in %s: %w", dir, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// staleGenerations lists generation directories other than keep (left by a
// crash during Rebuild, or the previous generation).
func staleGenerations(dir, keep string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() && e.Name() != keep && (genPattern.MatchString(e.Name()) || strings.HasPrefix(e.Name(), "build-")) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}
