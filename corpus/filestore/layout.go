package filestore

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
)

// Names of the data directory's entries; see doc.go for the layout.
const (
	objectsDir = "objects"
	docsDir    = "docs"
	lockFile   = "LOCK"
	formatFile = "FORMAT"
	tmpPrefix  = ".tmp-"

	// formatLine identifies this layout; Open refuses any other.
	formatLine = "vanthu-filestore 1\n"

	textExt = ".txt"
	metaExt = ".json"
)

// validSHA reports whether s is a lower-case hex sha256, the only form of
// name the store ever builds a path from, so no input reaches the file
// system unchecked.
func validSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// objectDir is objects/ab for a sha starting "ab": 256 directories keep
// each one small enough for any file system at a few million originals.
func (s *Store) objectDir(sha string) string {
	return filepath.Join(s.dir, objectsDir, sha[:2])
}

// objectPath is the original (ext "") or a file derived from it.
func (s *Store) objectPath(sha, ext string) string {
	return filepath.Join(s.objectDir(sha), sha+ext)
}

// metaName is the name of the version metadata of sha stored for document
// id. The first document stored with an original owns <sha>.json; another
// document arriving with the very same bytes (one page published at two
// URLs) gets <sha>.<hash of its id>.json, so Repair can rebuild both.
func metaName(sha, id string, owned bool) string {
	if owned {
		return sha + metaExt
	}
	h := sha256.Sum256([]byte(id))
	return sha + "." + hex.EncodeToString(h[:])[:16] + metaExt
}

// maxPlainName bounds an escaped id used as a file name (most file systems
// allow 255 bytes; the temp prefix and suffix need the rest).
const maxPlainName = 180

// docFileName maps a document id to its file name in docs/. Ids made by
// corpus.DocID are already safe ("4060-cv-btctu-1a2b3c4d5e") and map to
// themselves; record ids from other systems may hold anything, so every
// byte outside [a-z0-9._-] (upper case included, for case-insensitive file
// systems) and a leading dot are written %XX. Names longer than
// maxPlainName (or empty) become "~" + the sha256 of the id; '~' never survives
// escaping, so the two forms cannot collide.
func docFileName(id string) string {
	var b strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' && i > 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteString(strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	name := b.String()
	// The empty id never reaches here through Put (validID refuses it), but
	// ".json" would be a hidden file: hash it like an overlong one.
	if name == "" || len(name) > maxPlainName {
		h := sha256.Sum256([]byte(id))
		name = "~" + hex.EncodeToString(h[:])
	}
	return name + metaExt
}

func (s *Store) docPath(id string) string {
	return filepath.Join(s.dir, docsDir, docFileName(id))
}

// rel names a path relative to the data directory, for messages.
func (s *Store) rel(path string) string {
	if r, err := filepath.Rel(s.dir, path); err == nil {
		return r
	}
	return path
}
