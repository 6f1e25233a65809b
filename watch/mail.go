package watch

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/smtp"
	"strings"
	"time"
)

// Digest is one user's e-mail of new matches: every saved search with new
// documents, at most Cap listed each (the rest counted), each saying why
// it fired.
type Digest struct {
	Owner     string
	Subject   string
	Body      string
	Matches   int   // listed or counted
	Reminders int   // trips' deadlines
	UpTo      int64 // the ingest sequence number the digest covers
}

// Reminder is a coming or passed deadline of a trip the user filed, sent
// in the same digest.
type Reminder struct {
	Trip     string // the trip's id
	Name     string // the delegation
	What     string // what is due ("Báo cáo kết quả")
	Deadline string // dd/mm/yyyy
	Label    string // "còn 3 ngày làm việc", "quá hạn 5 ngày"
	Rule     string // the rule setting it
}

// BuildDigest makes the digest of rs (the owner's unseen matches) and of
// the reminders of the owner's trips; ok is false when there is nothing to
// say. base is the desk's address for links.
func BuildDigest(owner, base string, rs []Result, perSearch int, reminders ...Reminder) (Digest, bool) {
	if perSearch <= 0 {
		perSearch = 20
	}
	d := Digest{Owner: owner}
	var b strings.Builder
	for _, r := range rs {
		d.UpTo = max(d.UpTo, r.Search.Collected)
		if len(r.Matches) == 0 {
			continue
		}
		d.Matches += len(r.Matches)
		fmt.Fprintf(&b, "%s (%s): %d văn bản mới\n", r.Search.Name, r.Search.Query, len(r.Matches))
		for i, m := range r.Matches {
			if i == perSearch {
				fmt.Fprintf(&b, "  … và %d văn bản khác: %s/watch\n", len(r.Matches)-perSearch, base)
				break
			}
			label := m.Title
			if m.Number != "" {
				label = m.Number + " · " + m.Title
			}
			fmt.Fprintf(&b, "  - %s\n    %s/documents/%s\n    vì: %s\n", label, base, m.ID, m.Why)
		}
		b.WriteString("\n")
	}
	if len(reminders) > 0 {
		fmt.Fprintf(&b, "Hạn của chuyến đi bạn đã vào sổ: %d\n", len(reminders))
		for _, r := range reminders {
			fmt.Fprintf(&b, "  - %s: %s hạn %s (%s)\n    %s/trips/%s\n", r.Name, r.What, r.Deadline, r.Label, base, r.Trip)
			if r.Rule != "" {
				fmt.Fprintf(&b, "    theo: %s\n", r.Rule)
			}
		}
		b.WriteString("\n")
	}
	d.Reminders = len(reminders)
	switch {
	case d.Matches == 0 && d.Reminders == 0:
		return d, false
	case d.Matches == 0:
		d.Subject = fmt.Sprintf("vanthu: %d hạn chuyến đi cần làm", d.Reminders)
	default:
		d.Subject = fmt.Sprintf("vanthu: %d văn bản mới khớp tìm kiếm đã lưu", d.Matches)
	}
	b.WriteString("Thư này gửi tự động từ vanthu; xem và đánh dấu đã xem tại " + base + "/watch\n")
	d.Body = b.String()
	return d, true
}

// Mailer sends digests through an SMTP server (net/smtp: STARTTLS when
// the server offers it, AUTH when Auth is set).
type Mailer struct {
	Addr string    // host:port
	From string    // the sender address
	Auth smtp.Auth // nil: no authentication
	Now  func() time.Time
}

// Send mails a digest to one address.
func (m Mailer) Send(to string, d Digest) error {
	if m.Addr == "" || m.From == "" || to == "" {
		return errors.New("watch: mail needs a server, a sender and a recipient")
	}
	if strings.ContainsAny(to+m.From, "\r\n") {
		return errors.New("watch: bad mail address")
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	var msg bytes.Buffer
	fmt.Fprintf(&msg, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
		m.From, to, mime.QEncoding.Encode("utf-8", d.Subject), now().Format(time.RFC1123Z))
	qp := quotedprintable.NewWriter(&msg)
	qp.Write([]byte(strings.ReplaceAll(d.Body, "\n", "\r\n")))
	qp.Close()
	if err := smtp.SendMail(m.Addr, m.Auth, m.From, []string{to}, msg.Bytes()); err != nil {
		return fmt.Errorf("watch: mail to %s: %w", to, err)
	}
	return nil
}
