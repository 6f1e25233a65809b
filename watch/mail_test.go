package watch_test

import (
	"bufio"
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"vanthu/watch"
)

// smtpServer is a minimal in-process SMTP server keeping what it receives.
type smtpServer struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []string
	rcpt []string
	wg   sync.WaitGroup
}

func newSMTPServer(t *testing.T) *smtpServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Add(1)
			go func() { defer s.wg.Done(); s.serve(c) }()
		}
	}()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	say := func(l string) { io.WriteString(c, l+"\r\n") }
	say("220 test ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			say("250 test")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			say("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			s.mu.Lock()
			s.rcpt = append(s.rcpt, strings.TrimSpace(line[len("RCPT TO:"):]))
			s.mu.Unlock()
			say("250 ok")
		case cmd == "DATA":
			say("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, b.String())
			s.mu.Unlock()
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

// TestMailDigest: one digest per user with the new matches, capped per
// saved search, each saying why it fired, sent through SMTP and read back.
func TestMailDigest(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.w.Add(ctx, "lan", "Hội nghị", "hội nghị", watch.Filters{})
	for _, title := range []string{"Hội nghị một", "Hội nghị hai", "Hội nghị ba", "Lịch công tác"} {
		f.ingest(t, title)
	}
	rs, err := f.w.Unseen(ctx, "lan")
	if err != nil {
		t.Fatal(err)
	}
	d, ok := watch.BuildDigest("lan", "http://desk", rs, 2)
	if !ok || d.Matches != 3 {
		t.Fatalf("digest: %v %+v", ok, d)
	}
	srv := newSMTPServer(t)
	m := watch.Mailer{Addr: srv.ln.Addr().String(), From: "vanthu@so.test", Now: func() time.Time { return time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC) }}
	if err := m.Send("lan@so.test", d); err != nil {
		t.Fatal(err)
	}
	if len(srv.msgs) != 1 || !strings.Contains(srv.rcpt[0], "lan@so.test") {
		t.Fatalf("server got %d messages to %v", len(srv.msgs), srv.rcpt)
	}
	msg, err := mail.ReadMessage(strings.NewReader(srv.msgs[0]))
	if err != nil {
		t.Fatal(err)
	}
	subj, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || !strings.Contains(subj, "3 văn bản mới") {
		t.Errorf("subject %q %v", subj, err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	text := string(body)
	for _, want := range []string{"Hội nghị (hội nghị): 3 văn bản mới", "Hội nghị một", "vì: văn bản mới khớp tìm kiếm", "… và 1 văn bản khác", "http://desk/documents/"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Lịch công tác") {
		t.Error("the digest lists a document the search does not find")
	}
	if _, ok := watch.BuildDigest("lan", "http://desk", []watch.Result{{Search: watch.Search{Name: "x"}}}, 2); ok {
		t.Error("a digest with nothing new")
	}
	r, ok := watch.BuildDigest("lan", "http://desk", nil, 2, watch.Reminder{Trip: "2026-ab", Name: "Đoàn Nhật Bản", What: "Báo cáo kết quả", Deadline: "20/09/2026", Label: "quá hạn 5 ngày", Rule: "Quy định 1"})
	if !ok || r.Reminders != 1 || !strings.Contains(r.Subject, "1 hạn") || !strings.Contains(r.Body, "Báo cáo kết quả hạn 20/09/2026 (quá hạn 5 ngày)") || !strings.Contains(r.Body, "http://desk/trips/2026-ab") {
		t.Errorf("reminder digest: %v %+v", ok, r)
	}
}
