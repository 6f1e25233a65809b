package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// env is what a command sees of the process: streams and environment, so
// commands can be run in tests without touching the real ones.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands []command

func register(c command) { commands = append(commands, c) }

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// exitError carries a chosen exit status with an already-printed message.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
	os.Exit(run(ctx, e, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args[0] = "version"
	}
	args = globalFlagsAfterCommand(args)
	name := args[0]
	for _, c := range commands {
		if c.name != name {
			continue
		}
		err := c.run(withCLIActor(ctx, e), e, args[1:])
		return report(e, name, err)
	}
	fmt.Fprintf(e.stderr, "vanthu: lệnh không có: %q (unknown command). Xem `vanthu help`.\n", name)
	return 2
}

// globalFlagsAfterCommand lets the common flags come before the command name
// too ("vanthu --data D ingest X" as well as "vanthu ingest X --data D"): they
// are moved after it, where each command parses them.
func globalFlagsAfterCommand(args []string) []string {
	var global []string
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") {
		name := strings.TrimLeft(args[i], "-")
		switch {
		case name == "json" || strings.HasPrefix(name, "data="):
			global = append(global, args[i])
			i++
		case name == "data" && i+1 < len(args):
			global = append(global, args[i], args[i+1])
			i += 2
		default:
			return args // not ours: let the usage error say so
		}
	}
	if i == 0 || i >= len(args) {
		return args
	}
	return append(append([]string{args[i]}, global...), args[i+1:]...)
}

func report(e *env, name string, err error) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ue *usageError
	var xe *exitError
	switch {
	case errors.As(err, &xe):
		if xe.msg != "" {
			fmt.Fprintf(e.stderr, "vanthu %s: %s\n", name, xe.msg)
		}
		return xe.code
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "vanthu %s: %s\n", name, ue.msg)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(e.stderr, "vanthu %s: interrupted; everything reported as stored is kept\n", name)
		return 1
	}
	fmt.Fprintf(e.stderr, "vanthu %s: %v\n", name, err)
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "vanthu: văn thư đối ngoại: tìm kiếm, lưu trữ và soạn thảo văn bản đoàn ra, đoàn vào")
	fmt.Fprintln(w, "\nUsage: vanthu <command> [flags] [arguments]   (flags before or after arguments)")
	fmt.Fprintln(w, "\nCommands:")
	cs := append([]command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nCommon flags: --data DIR (default ./vanthu-data, env VANTHU_DATA), --json")
	fmt.Fprintln(w, "Run `vanthu <command> -h` for the flags of one command.")
}

// common holds the flags every command takes.
type common struct {
	data string
	json bool
}

func newFlags(e *env, name, usage string) (*flag.FlagSet, *common) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c := &common{}
	def := e.getenv("VANTHU_DATA")
	if def == "" {
		def = "vanthu-data"
	}
	fs.StringVar(&c.data, "data", def, "data directory holding the corpus and the index (env VANTHU_DATA)")
	fs.BoolVar(&c.json, "json", false, "machine-readable JSON output")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: vanthu %s %s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	return fs, c
}

// parseArgs parses flags placed anywhere among the arguments ("vanthu show X
// --json" and "vanthu show --json X" alike). Everything after "--" is an
// argument.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	head, tail := args, []string(nil)
	if i := indexOf(args, "--"); i >= 0 {
		head, tail = args[:i], args[i+1:]
	}
	var pos []string
	for {
		if err := fs.Parse(head); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return append(pos, tail...), nil
		}
		pos = append(pos, rest[0])
		head = rest[1:]
	}
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// isTerminal reports whether w is a character device (progress lines are
// rewritten in place only then).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:117]) + "..."
	}
	return s
}
