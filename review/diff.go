package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"vanthu/corpus"
)

// Revision is one state of a document that can be compared with another:
// an original as it was read (its text, and the metadata read from it), or a
// version of a person's correction over the current original.
type Revision struct {
	Key   string          // "v1", "v2"... for originals, "c1", "c2"... for corrections
	Label string          // Vietnamese, for the page's choice
	Text  string          // the text
	Doc   corpus.Document // the metadata
}

// Revisions lists the revisions of a document, oldest first: each original
// (text, and the metadata parse reads from it; parse may be nil), then each
// version of its correction applied over the current original.
func (s *Store) Revisions(ctx context.Context, id string, parse func(text string) corpus.Document) ([]Revision, error) {
	cur, err := s.inner.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []Revision
	for i, v := range cur.Versions {
		text, err := s.inner.VersionText(ctx, v.SHA256)
		if err != nil && !errors.Is(err, corpus.ErrNotFound) {
			return nil, err
		}
		var d corpus.Document
		switch {
		case v.SHA256 == cur.Source.SHA256:
			d = cur
		case parse != nil:
			d = parse(text)
		}
		out = append(out, Revision{Key: fmt.Sprintf("v%d", i+1),
			Label: fmt.Sprintf("Bản gốc %d · %s · %s", i+1, v.IngestedAt.Format("2006-01-02 15:04"), shortSource(v.Source)),
			Text:  text, Doc: d})
	}
	rs, err := s.inner.RecordVersions(ctx, KindCorrection, cur.ID)
	if err != nil && !errors.Is(err, corpus.ErrNotFound) {
		return nil, err
	}
	for _, r := range rs {
		var c Correction
		if err := json.Unmarshal(r.Data, &c); err != nil {
			return nil, fmt.Errorf("review: correction of %s, version %d: %w", id, r.Version, err)
		}
		d := cur
		Apply(&d, c)
		who := r.Author
		if who == "" {
			who = "?"
		}
		out = append(out, Revision{Key: fmt.Sprintf("c%d", r.Version),
			Label: fmt.Sprintf("Sửa lần %d · %s · %s", r.Version, r.Time.UTC().Format("2006-01-02 15:04"), who),
			Text:  cur.Text, Doc: d})
	}
	return out, nil
}

func shortSource(s string) string {
	if i := strings.LastIndexAny(s, `/\`); i >= 0 && i < len(s)-1 {
		s = s[i+1:]
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return s
}

// FieldDiff is one field whose value differs between two revisions.
type FieldDiff struct {
	Name, Label string
	A, B        string
}

// MetaDiff lists the fields whose values differ between a and b.
func MetaDiff(a, b corpus.Document) []FieldDiff {
	var out []FieldDiff
	for _, f := range Fields {
		va, vb := FieldValue(a, f.Name), FieldValue(b, f.Name)
		if va != vb {
			out = append(out, FieldDiff{Name: f.Name, Label: f.Label, A: va, B: vb})
		}
	}
	if a.Kind != b.Kind {
		out = append(out, FieldDiff{Name: "kind", Label: "Loại", A: string(a.Kind), B: string(b.Kind)})
	}
	return out
}

// Op says what happened to a line between two texts.
type Op byte

const (
	Same   Op = ' '
	Delete Op = '-'
	Insert Op = '+'
	Skip   Op = '~' // a run of unchanged lines left out; Text says how many
)

// DiffLine is one line of a text diff.
type DiffLine struct {
	Op   Op
	Text string
}

// maxDiffCells bounds the comparison table (lines of a × lines of b after
// the common head and tail are set aside; 4 bytes a cell, 16 MB at most for
// a page request): two 26-page texts that differ everywhere are ~1,500 ×
// 1,500 lines. Past it the diff shows one text removed and the other added.
const maxDiffCells = 4 << 20

// TextDiff compares two texts line by line (pages are separated by form
// feeds, shown as a line of their own) and returns the changed lines with
// context lines around them; longer runs of unchanged lines become one Skip
// line.
func TextDiff(a, b string, context int) []DiffLine {
	la, lb := splitLines(a), splitLines(b)
	head := 0
	for head < len(la) && head < len(lb) && la[head] == lb[head] {
		head++
	}
	tail := 0
	for tail < len(la)-head && tail < len(lb)-head && la[len(la)-1-tail] == lb[len(lb)-1-tail] {
		tail++
	}
	var all []DiffLine
	for _, l := range la[:head] {
		all = append(all, DiffLine{Same, l})
	}
	all = append(all, lcsDiff(la[head:len(la)-tail], lb[head:len(lb)-tail])...)
	for _, l := range la[len(la)-tail:] {
		all = append(all, DiffLine{Same, l})
	}
	return withContext(all, context)
}

func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\f", "\n\f\n")
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimRight(s, "\n"), "\n")
}

// lcsDiff is the longest-common-subsequence diff of two line lists; past
// maxDiffCells it reports a as deleted and b as inserted.
func lcsDiff(a, b []string) []DiffLine {
	n, m := len(a), len(b)
	var out []DiffLine
	if n*m > maxDiffCells || n == 0 || m == 0 {
		for _, l := range a {
			out = append(out, DiffLine{Delete, l})
		}
		for _, l := range b {
			out = append(out, DiffLine{Insert, l})
		}
		return out
	}
	// t[i][j]: length of the LCS of a[i:] and b[j:], in one flat table.
	w := m + 1
	t := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			} else {
				t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, DiffLine{Same, a[i]})
			i++
			j++
		case t[(i+1)*w+j] >= t[i*w+j+1]:
			out = append(out, DiffLine{Delete, a[i]})
			i++
		default:
			out = append(out, DiffLine{Insert, b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, DiffLine{Delete, a[i]})
	}
	for ; j < m; j++ {
		out = append(out, DiffLine{Insert, b[j]})
	}
	return out
}

// withContext keeps the changed lines and up to ctx unchanged lines on each
// side of them.
func withContext(all []DiffLine, ctx int) []DiffLine {
	keep := make([]bool, len(all))
	changed := false
	for i, l := range all {
		if l.Op == Same {
			continue
		}
		changed = true
		for k := max(0, i-ctx); k <= min(len(all)-1, i+ctx); k++ {
			keep[k] = true
		}
	}
	if !changed {
		return nil
	}
	var out []DiffLine
	skipped := 0
	flush := func() {
		if skipped > 0 {
			out = append(out, DiffLine{Skip, fmt.Sprintf("… %d dòng giống nhau …", skipped)})
			skipped = 0
		}
	}
	for i, l := range all {
		if !keep[i] {
			skipped++
			continue
		}
		flush()
		out = append(out, l)
	}
	flush()
	return out
}
