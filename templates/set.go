package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

//go:embed files
var embedded embed.FS

// LayoutFile is the name of the layout description among the template files.
const LayoutFile = "layout.json"

// FS returns the embedded template files: layout.json and one KIND.tmpl per
// document kind.
func FS() fs.FS {
	sub, err := fs.Sub(embedded, "files")
	if err != nil { // cannot happen: "files" is embedded above
		return embedded
	}
	return sub
}

// Set is a parsed, ready-to-execute set of templates. It is immutable and
// safe for concurrent use.
type Set struct {
	layout  Layout
	kinds   []string
	tmpl    map[string]*template.Template
	sources map[string]string // kind -> where it came from ("embedded" or a path)
}

// Load parses the embedded templates, each replaced by the file of the same
// name in dir when dir is not empty and holds one; a KIND.tmpl in dir that is
// not embedded adds a kind. Errors name the file and line.
func Load(dir string) (*Set, error) {
	files := map[string][]byte{}
	origin := map[string]string{}
	err := fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(FS(), p)
		files[p], origin[p] = b, "embedded:"+p
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("templates: read embedded files: %w", err)
	}
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("templates: override directory %s: %w", dir, err)
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || (n != LayoutFile && !strings.HasSuffix(n, ".tmpl")) {
				continue
			}
			p := filepath.Join(dir, n)
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("templates: read %s: %w", p, err)
			}
			files[n], origin[n] = b, p
		}
	}
	return build(files, origin)
}

func build(files map[string][]byte, origin map[string]string) (*Set, error) {
	s := &Set{tmpl: map[string]*template.Template{}, sources: map[string]string{}}
	layout := DefaultLayout()
	if b, ok := files[LayoutFile]; ok {
		l, err := ParseLayout(origin[LayoutFile], b)
		if err != nil {
			return nil, err
		}
		layout = l
	}
	s.layout = layout
	for name, b := range files {
		kind, ok := strings.CutSuffix(name, ".tmpl")
		if !ok {
			continue
		}
		t, err := template.New(name).Funcs(funcs()).Option("missingkey=error").Parse(string(b))
		if err != nil {
			return nil, templateError(origin[name], err)
		}
		s.tmpl[kind] = t
		s.sources[kind] = origin[name]
		s.kinds = append(s.kinds, kind)
	}
	sort.Slice(s.kinds, func(i, j int) bool {
		return kindRank(s.kinds[i]) < kindRank(s.kinds[j]) || (kindRank(s.kinds[i]) == kindRank(s.kinds[j]) && s.kinds[i] < s.kinds[j])
	})
	return s, nil
}

// kindRank orders the kinds by the trip's life: proposal, decision, report,
// then any added by an office.
func kindRank(k string) int {
	switch k {
	case "proposal":
		return 0
	case "decision":
		return 1
	case "report":
		return 2
	}
	return 3
}

// Kinds lists the document kinds, in the order of a trip's life.
func (s *Set) Kinds() []string { return append([]string(nil), s.kinds...) }

// Layout is the page geometry and type sizes.
func (s *Set) Layout() Layout { return s.layout }

// Source says where a kind's template came from ("embedded:proposal.tmpl" or a path).
func (s *Set) Source(kind string) string { return s.sources[kind] }

// Execute runs the kind's template on d and parses the markup it renders.
func (s *Set) Execute(kind string, d *Data) (*Doc, error) {
	t, ok := s.tmpl[kind]
	if !ok {
		return nil, fmt.Errorf("%w %q (have %s)", ErrUnknownKind, kind, strings.Join(s.kinds, ", "))
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, templateError(s.sources[kind], err)
	}
	doc, err := Parse(s.sources[kind]+" (output)", buf.String())
	if err != nil {
		return nil, err
	}
	doc.Kind = kind
	return doc, nil
}

var (
	tmplLine    = regexp.MustCompile(`template: [^:]+:(\d+)`)
	tmplStarted = regexp.MustCompile(`started at [^:]+:(\d+)`)
)

// templateError turns a text/template error into a SyntaxError carrying the
// file and line.
func templateError(file string, err error) error {
	line := 0
	if m := tmplStarted.FindStringSubmatch(err.Error()); m != nil {
		// An unclosed action is reported at the end of the file; point at
		// where it starts.
		line, _ = strconv.Atoi(m[1])
	} else if m := tmplLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	var ee template.ExecError
	msg := err.Error()
	if errors.As(err, &ee) {
		msg = ee.Err.Error()
	}
	return &SyntaxError{Template: file, Line: line, Msg: msg, Err: err}
}
