package deploy

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The partnership's mail servers for the install test: go-imap's
// in-memory IMAP server and a go-smtp server that records what it
// accepts, both in plaintext on loopback, both checking the password, so
// that a password lost on its way through the environment file shows.

// mailbox is the partnership mailbox.
type mailbox struct {
	user *imapmemserver.User
	addr string
}

func startIMAP(t *testing.T, username, password string) *mailbox {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(username, password)
	for _, name := range []string{"INBOX", "Processed", "Quarantine"} {
		if err := user.Create(name, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIdle: {}, imap.CapMove: {}, imap.CapUIDPlus: {}},
		InsecureAuth: true, // loopback only
		Logger:       log.New(io.Discard, "", 0),
	})
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return &mailbox{user: user, addr: ln.Addr().String()}
}

// deliver puts a message into a folder.
func (m *mailbox) deliver(t *testing.T, folder string, msg []byte) {
	t.Helper()
	if _, err := m.user.Append(folder, bytes.NewReader(msg), &imap.AppendOptions{}); err != nil {
		t.Fatal(err)
	}
}

// count returns how many messages a folder holds.
func (m *mailbox) count(t *testing.T, folder string) int {
	t.Helper()
	data, err := m.user.Status(folder, &imap.StatusOptions{NumMessages: true})
	if err != nil {
		t.Fatal(err)
	}
	return int(*data.NumMessages)
}

// outgoing is the sending server.
type outgoing struct {
	password string
	addr     string

	mu   sync.Mutex
	sent []sentMail
}

type sentMail struct {
	From string
	To   []string
	Data []byte
}

func startSMTP(t *testing.T, password string) *outgoing {
	t.Helper()
	o := &outgoing{password: password}
	s := smtp.NewServer(o)
	s.Domain = "localhost"
	s.AllowInsecureAuth = true // loopback only
	s.ReadTimeout, s.WriteTimeout = time.Minute, time.Minute
	s.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	o.addr = ln.Addr().String()
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return o
}

// to returns the messages accepted for rcpt.
func (o *outgoing) to(rcpt string) []sentMail {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []sentMail
	for _, m := range o.sent {
		for _, r := range m.To {
			if r == rcpt {
				out = append(out, m)
			}
		}
	}
	return out
}

func (o *outgoing) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{o: o}, nil }

type smtpSession struct {
	o      *outgoing
	authed bool
	from   string
	to     []string
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, _, password string) error {
		if password != s.o.password {
			return errors.New("wrong password")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "authentication required"}
	}
	s.from = from
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.o.mu.Lock()
	s.o.sent = append(s.o.sent, sentMail{From: s.from, To: s.to, Data: b})
	s.o.mu.Unlock()
	s.to = nil
	return nil
}

func (s *smtpSession) Reset()        { s.from, s.to = "", nil }
func (s *smtpSession) Logout() error { return nil }
