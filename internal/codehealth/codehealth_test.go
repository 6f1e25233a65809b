package codehealth

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the module's directory, from this package's.
const root = "../.."

// goFile is one parsed Go file of the module.
type goFile struct {
	path string // relative to the module root
	fset *token.FileSet
	file *ast.File
}

// moduleFiles parses every Go file of the module, skipping hidden
// directories, testdata and nested modules (a directory with its own
// go.mod, such as the digit trainer).
func moduleFiles(t *testing.T) []goFile {
	t.Helper()
	var out []goFile
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "vendor") {
				return filepath.SkipDir
			}
			if p != root {
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					return filepath.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, goFile{path: filepath.ToSlash(rel), fset: fset, file: f})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 100 {
		t.Fatalf("found only %d Go files under %s", len(out), root)
	}
	return out
}

// history matches a comment that tells the code's history instead of the
// code: the word issue or session followed by a number.
var history = regexp.MustCompile(`(?i)\b(issue\s*#?\d+|session\s+\d+|sessions\s+\d+)`)

// TestCommentsTellNoHistory: no comment names an issue or a work session.
func TestCommentsTellNoHistory(t *testing.T) {
	for _, f := range moduleFiles(t) {
		for _, cg := range f.file.Comments {
			for _, c := range cg.List {
				if m := history.FindString(c.Text); m != "" {
					t.Errorf("%s:%d: comment names %q: say what the code does and why; history goes in the commit message or BENCHMARKS.md",
						f.path, f.fset.Position(c.Pos()).Line, m)
				}
			}
		}
	}
}

// The size limits of non-test code: a function longer than maxFuncLines
// does several jobs and a file longer than maxFileLines holds several
// things; split them by job (one finder per field, one step per function).
const (
	maxFuncLines = 120
	maxFileLines = 600
)

// TestSizes: no function of non-test code over maxFuncLines lines, no
// non-test file over maxFileLines.
func TestSizes(t *testing.T) {
	for _, f := range moduleFiles(t) {
		if strings.HasSuffix(f.path, "_test.go") || generated(f.file) {
			continue
		}
		if n := f.fset.Position(f.file.End()).Line; n > maxFileLines {
			t.Errorf("%s: %d lines (at most %d): split it by job", f.path, n, maxFileLines)
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			var body *ast.BlockStmt
			name := "func literal"
			switch fn := n.(type) {
			case *ast.FuncDecl:
				body, name = fn.Body, fn.Name.Name
			case *ast.FuncLit:
				body = fn.Body
			}
			if body == nil {
				return true
			}
			start, end := f.fset.Position(n.Pos()).Line, f.fset.Position(body.End()).Line
			if end-start+1 > maxFuncLines {
				t.Errorf("%s:%d: %s is %d lines (at most %d): split it by job", f.path, start, name, end-start+1, maxFuncLines)
			}
			return true
		})
	}
}

// generated reports whether f says it is generated ("Code generated ...
// DO NOT EDIT."): its size is the generator's business.
func generated(f *ast.File) bool {
	return ast.IsGenerated(f)
}

// TestWebSendsNoErrorText: the web desk's handlers never put an error's
// text in an answer; they hand the error to web/errors.go (explain), which
// picks the status and a message for people and logs the rest. A call of
// Error() anywhere else in web is the start of a raw Go error reaching a
// client.
func TestWebSendsNoErrorText(t *testing.T) {
	for _, f := range moduleFiles(t) {
		if !strings.HasPrefix(f.path, "web/") || strings.Count(f.path, "/") != 1 ||
			strings.HasSuffix(f.path, "_test.go") || f.path == "web/errors.go" {
			continue
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 0 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" {
				t.Errorf("%s:%d: Error() called: answer with s.answer / s.apiAnswer / s.userMessage (web/errors.go) instead",
					f.path, f.fset.Position(call.Pos()).Line)
			}
			return true
		})
	}
}
