package wordtext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// DOCOptions says how to run antiword.
type DOCOptions struct {
	Antiword string        // the program; "antiword" on PATH when empty
	Timeout  time.Duration // per file; 60 s when zero
}

// DOC returns the text of a Word 97-2003 .doc file, converted by antiword
// (its UTF-8 mapping, no line wrapping). Without antiword it returns
// ErrNoTool.
func DOC(ctx context.Context, data []byte, opt DOCOptions) (string, error) {
	prog := opt.Antiword
	if prog == "" {
		prog = "antiword"
	}
	path, err := exec.LookPath(prog)
	if err != nil {
		return "", ErrNoTool
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "wordtext-")
	if err != nil {
		return "", fmt.Errorf("wordtext: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.doc")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return "", fmt.Errorf("wordtext: %w", err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, "-m", "UTF-8.txt", "-w", "0", in)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("wordtext: antiword: %w", ctx.Err())
		}
		msg := strings.TrimSpace(stderr.String())
		msg = strings.ReplaceAll(msg, in, "the file")
		var ee *exec.ExitError
		if errors.As(err, &ee) && msg != "" {
			return "", fmt.Errorf("wordtext: antiword could not read it: %s", firstLine(msg))
		}
		return "", fmt.Errorf("wordtext: antiword: %w", err)
	}
	return tidy(untable(strings.ReplaceAll(stdout.String(), "\f", "\n\f"))), nil
}

// untable rewrites antiword's tables ("|CHÍNH PHỦ   |CỘNG HÒA XÃ HỘI...|",
// cells side by side, one text line per line) in the reading order the docx
// reader gives: the first column's lines, then the second's. The header of an
// official document is such a table, and its columns must not be mixed
// line by line.
func untable(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	for i := 0; i < len(lines); {
		if !isTableLine(lines[i]) {
			out = append(out, lines[i])
			i++
			continue
		}
		j := i
		var rows [][]string
		cols := 0
		for ; j < len(lines) && isTableLine(lines[j]); j++ {
			l := strings.TrimSpace(lines[j])
			cells := strings.Split(l[1:len(l)-1], "|")
			rows = append(rows, cells)
			cols = max(cols, len(cells))
		}
		for c := 0; c < cols; c++ {
			for _, r := range rows {
				if c < len(r) {
					if t := strings.TrimSpace(r[c]); t != "" {
						out = append(out, t)
					}
				}
			}
		}
		out = append(out, "")
		i = j
	}
	return strings.Join(out, "\n")
}

func isTableLine(l string) bool {
	l = strings.TrimSpace(l)
	return len(l) >= 2 && l[0] == '|' && l[len(l)-1] == '|'
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
