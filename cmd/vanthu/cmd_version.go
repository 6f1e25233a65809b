package main

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
)

func init() {
	register(command{"version", "print the version", runVersion})
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fs, c := newFlags(e, "version", "")
	if _, err := parseArgs(fs, args); err != nil {
		return err
	}
	if c.json {
		return json.NewEncoder(e.stdout).Encode(map[string]string{"version": version, "go": runtime.Version()})
	}
	fmt.Fprintf(e.stdout, "vanthu %s (%s %s/%s)\n", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
