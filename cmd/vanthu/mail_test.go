package main

import (
	"bufio"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// captureSMTP is a minimal in-process SMTP server keeping each message.
func captureSMTP(t *testing.T) (string, func() []string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var msgs []string
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r := bufio.NewReader(c)
			say := func(l string) { io.WriteString(c, l+"\r\n") }
			say("220 test")
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					break
				}
				cmd := strings.ToUpper(strings.TrimSpace(line))
				if cmd == "DATA" {
					say("354 go on")
					var b strings.Builder
					for {
						l, err := r.ReadString('\n')
						if err != nil || l == ".\r\n" {
							break
						}
						b.WriteString(l)
					}
					mu.Lock()
					msgs = append(msgs, b.String())
					mu.Unlock()
					say("250 queued")
					continue
				}
				if cmd == "QUIT" {
					say("221 bye")
					break
				}
				say("250 ok")
			}
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return ln.Addr().String(), func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), msgs...) }
}

// TestWatchMail: a user with an address and a saved search gets one digest
// of the new matching document; a second run sends nothing.
func TestWatchMail(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if code, _, errs := vtIn(t, "mat-khau-lan\n", "admin", "users", "add", "lan", "--email", "lan@so.test", "--data", data); code != 0 {
		t.Fatalf("users add: %d %s", code, errs)
	}
	if code, _, errs := vtIn(t, "", "lan", "watch", "add", "Nhật Bản", "nhat ban", "--data", data); code != 0 {
		t.Fatalf("watch add: %d %s", code, errs)
	}
	p := filepath.Join(dir, "new.txt")
	os.WriteFile(p, []byte("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 88/UBND-NV\nHạ Long, ngày 05 tháng 01 năm 2026\nV/v đón đoàn Nhật Bản\nKính gửi: Sở Ngoại vụ\nNội dung đón đoàn Nhật Bản.\n"), 0o644)
	if code, _, errs := vt(t, "ingest", p, "--data", data); code != 0 {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	if code, _, errs := vtIn(t, "", "lan", "trips", "file", "../../examples/trips/bgddt-vkhgd-nop-ho-so-muon.yaml", "--data", data); code != 0 {
		t.Fatalf("trips file: %d %s", code, errs)
	}
	addr, got := captureSMTP(t)
	args := []string{"watch", "mail", "--smtp", addr, "--mail-from", "vanthu@so.test", "--base", "http://desk", "--data", data}
	if code, out, errs := vtIn(t, "", "", args...); code != 0 || !strings.Contains(out, "lan <lan@so.test>: 1") {
		t.Fatalf("watch mail: %d %q %s", code, out, errs)
	}
	if ms := got(); len(ms) != 1 || !strings.Contains(ms[0], "88/UBND-NV") || !strings.Contains(ms[0], "To: lan@so.test") || !strings.Contains(ms[0], "/trips/2026-") {
		t.Fatalf("mail received: %q", ms)
	}
	// Nothing new found, reminders off: nothing sent.
	if code, out, _ := vtIn(t, "", "", append(args, "--remind", "-1")...); code != 0 || len(got()) != 1 || !strings.Contains(out, "không có gì mới") {
		t.Errorf("second run: %d %q, %d mails", code, out, len(got()))
	}
}
