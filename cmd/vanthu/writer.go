package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"vanthu/corpus/filestore"
)

// One process writes a data directory at a time: it holds the corpus's
// writer lock (filestore's flock on corpus/LOCK), and only a holder of that
// lock opens the index for writing, so the corpus lock serialises every
// writer of both. The holder also leaves a note, <data>/WRITER.json, saying
// what it is (which command, pid, and for a server the address it answers
// on), so that a second writer can say what it waits for and a reader that
// finds the index held can ask the holder instead.
const writerFile = "WRITER.json"

// writerNote is the content of WRITER.json.
type writerNote struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Addr    string    `json:"addr,omitempty"`  // a loopback HTTP address that runs commands for others (forward.go)
	Token   string    `json:"token,omitempty"` // required by Addr
	Since   time.Time `json:"since"`
}

func (n writerNote) String() string {
	s := "`vanthu " + n.Command + "`"
	if n.PID > 0 {
		s += " (pid " + strconv.Itoa(n.PID) + ")"
	}
	return s
}

// readWriterNote returns the note of the data directory's writer, if one
// is there and names a live process.
func readWriterNote(data string) (writerNote, bool) {
	b, err := os.ReadFile(filepath.Join(data, writerFile))
	if err != nil {
		return writerNote{}, false
	}
	var n writerNote
	if json.Unmarshal(b, &n) != nil || n.PID <= 0 || !processAlive(n.PID) {
		return writerNote{}, false
	}
	return n, true
}

// writeWriterNote records the note; it is advice for messages and for
// readers, so failing to write it is not an error of the command.
func writeWriterNote(data string, n writerNote) {
	b, err := json.Marshal(n)
	if err != nil {
		return
	}
	tmp := filepath.Join(data, "."+writerFile+".tmp")
	if os.WriteFile(tmp, append(b, '\n'), 0o600) == nil {
		os.Rename(tmp, filepath.Join(data, writerFile))
	}
}

// removeWriterNote removes the note if it is this process's.
func removeWriterNote(data string) {
	b, err := os.ReadFile(filepath.Join(data, writerFile))
	if err != nil {
		return
	}
	var n writerNote
	if json.Unmarshal(b, &n) == nil && n.PID == os.Getpid() {
		os.Remove(filepath.Join(data, writerFile))
	}
}

// lockPoll is how often a waiting writer tries the lock again.
const lockPoll = 200 * time.Millisecond

// openStoreForWriting opens the corpus for writing. When another process
// holds it, wait says what to do: wait for it (with one message on stderr
// saying for what, and how to give up), or fail at once with a message
// naming the holder.
func openStoreForWriting(ctx context.Context, e *env, data string, cfg filestore.Config, command string, wait bool) (*filestore.Store, error) {
	announced := false
	for {
		st, err := filestore.Open(cfg)
		var le *filestore.LockedError
		if !errors.As(err, &le) {
			if err != nil {
				return nil, err
			}
			return st, nil
		}
		holder := "another vanthu process"
		if le.PID != "" {
			holder += " (pid " + le.PID + ")"
		}
		if n, ok := readWriterNote(data); ok {
			holder = n.String()
		}
		if !wait {
			return nil, fmt.Errorf("%s is writing to %s (đang có tiến trình khác ghi vào kho): stop it first, or use another --data directory: %w", holder, data, err)
		}
		if !announced {
			announced = true
			fmt.Fprintf(e.stderr, "vanthu %s: %s is writing to %s; waiting for it to finish (đang chờ tiến trình kia xong; Ctrl+C to give up)…\n", command, holder, data)
		}
		t := time.NewTimer(lockPoll)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("gave up waiting for %s to release %s: %w", holder, data, ctx.Err())
		case <-t.C:
		}
	}
}
