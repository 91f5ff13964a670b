package loopmail

import (
	"crypto/tls"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

const msg = "From: a@kestmoor.example\r\nTo: b@kestmoor.example\r\nSubject: hello\r\n\r\nbody\r\n"

// dialIMAP connects to s as mode requires and logs in with password.
func dialIMAP(t *testing.T, s *IMAP, mode TLSMode, password string) (*imapclient.Client, error) {
	t.Helper()
	o := &imapclient.Options{TLSConfig: &tls.Config{RootCAs: s.RootCAs()}}
	var c *imapclient.Client
	var err error
	switch mode {
	case Plaintext:
		c, err = imapclient.DialInsecure(s.Addr(), nil)
	case StartTLS:
		c, err = imapclient.DialStartTLS(s.Addr(), o)
	case ImplicitTLS:
		c, err = imapclient.DialTLS(s.Addr(), o)
	}
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { c.Close() })
	return c, c.Login("u", password).Wait()
}

func TestIMAPDeliverAndCount(t *testing.T) {
	for _, c := range []struct {
		name      string
		mailboxes []string
		wantBoxes []string
	}{
		{"default", nil, []string{"INBOX"}},
		{"the demo's", []string{"INBOX", "Processed", "Quarantine"}, []string{"INBOX", "Processed", "Quarantine"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := MustIMAP(t, IMAPOptions{User: "u", Password: "p", Mailboxes: c.mailboxes})
			for i := 0; i < 2; i++ {
				if uid, err := s.Deliver([]byte(msg), time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)); err != nil || uid != imap.UID(i+1) {
					t.Fatalf("delivery %d: uid %d, %v", i, uid, err)
				}
			}
			for _, box := range c.wantBoxes {
				want := 0
				if box == "INBOX" {
					want = 2
				}
				if n, err := s.Count(box); n != want || err != nil {
					t.Errorf("%s: %d, %v; want %d", box, n, err, want)
				}
			}
			if _, err := s.Count("Elsewhere"); err == nil {
				t.Error("counting a mailbox that does not exist: no error")
			}
		})
	}
}

// TestIMAPStopStartKeepsMail: a stopped server refuses connections; started
// again, it is on the same address with the same mail.
func TestIMAPStopStartKeepsMail(t *testing.T) {
	s := MustIMAP(t, IMAPOptions{User: "u", Password: "p"})
	s.Deliver([]byte(msg), time.Now())
	addr := s.Addr()
	s.Stop()
	if _, err := imapclient.DialInsecure(addr, nil); err == nil {
		t.Fatal("a stopped server took a connection")
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if s.Addr() != addr {
		t.Errorf("started again on %s, was %s", s.Addr(), addr)
	}
	c, err := dialIMAP(t, s, Plaintext, "p")
	if err != nil {
		t.Fatal(err)
	}
	st, err := c.Status("INBOX", &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil || *st.NumMessages != 1 {
		t.Fatalf("INBOX after the restart: %+v %v", st, err)
	}
}

func TestIMAPLoginAndTLSModes(t *testing.T) {
	for _, c := range []struct {
		name     string
		mode     TLSMode
		password string
		ok       bool
	}{
		{"plaintext", Plaintext, "p", true},
		{"plaintext, wrong password", Plaintext, "wrong", false},
		{"starttls", StartTLS, "p", true},
		{"implicit", ImplicitTLS, "p", true},
		{"implicit, wrong password", ImplicitTLS, "wrong", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := MustIMAP(t, IMAPOptions{User: "u", Password: "p", TLS: c.mode})
			if (s.RootCAs() != nil) != (c.mode != Plaintext) {
				t.Errorf("RootCAs %v in mode %d", s.RootCAs(), c.mode)
			}
			if _, err := dialIMAP(t, s, c.mode, c.password); (err == nil) != c.ok {
				t.Errorf("login: %v, want ok %v", err, c.ok)
			}
		})
	}
}

// refusing answers NO to every SELECT.
type refusing struct{ imapserver.Session }

func (refusing) Select(string, *imap.SelectOptions) (*imap.SelectData, error) {
	return nil, &imap.Error{Type: imap.StatusResponseTypeNo, Text: "refused by test"}
}

func TestIMAPWrapAndCaps(t *testing.T) {
	s := MustIMAP(t, IMAPOptions{User: "u", Password: "p", Caps: imap.CapSet{imap.CapIMAP4rev1: {}},
		Wrap: func(s imapserver.Session) imapserver.Session { return refusing{s} }})
	c, err := dialIMAP(t, s, Plaintext, "p")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err == nil || !strings.Contains(err.Error(), "refused by test") {
		t.Errorf("SELECT through the wrapped session: %v", err)
	}
	if caps := c.Caps(); caps.Has(imap.CapIMAP4rev2) || !caps.Has(imap.CapIMAP4rev1) {
		t.Errorf("capabilities %v, want IMAP4rev1 alone", caps)
	}
}

// xoauth2 is the client side of AUTH XOAUTH2.
type xoauth2 struct{ user, token string }

func (x xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}
func (x xoauth2) Next([]byte) ([]byte, error) { return nil, nil }

// send sends msg to s over mode, logging in with auth unless it is nil.
func send(s *SMTP, mode TLSMode, auth sasl.Client, to ...string) error {
	cfg := &tls.Config{RootCAs: s.RootCAs()}
	var c *smtp.Client
	var err error
	switch mode {
	case Plaintext:
		c, err = smtp.Dial(s.Addr())
	case StartTLS:
		c, err = smtp.DialStartTLS(s.Addr(), cfg)
	case ImplicitTLS:
		c, err = smtp.DialTLS(s.Addr(), cfg)
	}
	if err != nil {
		return err
	}
	defer c.Close()
	if auth != nil {
		if err := c.Auth(auth); err != nil {
			return err
		}
	}
	return c.SendMail("a@kestmoor.example", to, strings.NewReader(msg))
}

func code(err error) int {
	var e *smtp.SMTPError
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

func TestSMTPRecordsAMessage(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := MustSMTP(t, SMTPOptions{Now: func() time.Time { return at }})
	if err := send(s, Plaintext, nil, "b@kestmoor.example", "c@kestmoor.example"); err != nil {
		t.Fatal(err)
	}
	m := s.Messages()
	if len(m) != 1 || m[0].From != "a@kestmoor.example" || strings.Join(m[0].To, " ") != "b@kestmoor.example c@kestmoor.example" ||
		string(m[0].Data) != msg || !m[0].At.Equal(at) || m[0].TLS || m[0].AuthMech != "" {
		t.Fatalf("recorded %+v", m)
	}
	m[0].To[0] = "changed"
	if s.Messages()[0].To[0] != "b@kestmoor.example" {
		t.Error("Messages is not a copy")
	}
}

// TestSMTPStopStart: a stopped server refuses connections; started again
// it is on the same port and still holds what it had.
func TestSMTPStopStart(t *testing.T) {
	s := MustSMTP(t, SMTPOptions{})
	send(s, Plaintext, nil, "b@kestmoor.example")
	port := s.Port()
	s.Stop()
	if err := send(s, Plaintext, nil, "b@kestmoor.example"); err == nil {
		t.Fatal("a stopped server took a message")
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	if err := send(s, Plaintext, nil, "b@kestmoor.example"); err != nil || s.Port() != port || s.Host() != "127.0.0.1" {
		t.Fatalf("after Start: %v, on %s", err, s.Addr())
	}
	if n := len(s.Messages()); n != 2 {
		t.Errorf("%d messages, want 2", n)
	}
}

func TestSMTPRejects(t *testing.T) {
	for _, c := range []struct {
		name  string
		opts  SMTPOptions
		setup func(*SMTP)
		code  int
	}{
		{"accepted", SMTPOptions{}, func(*SMTP) {}, 0},
		{"451 at MAIL FROM", SMTPOptions{}, func(s *SMTP) { s.Reject(451) }, 451},
		{"550 at MAIL FROM", SMTPOptions{}, func(s *SMTP) { s.Reject(550) }, 550},
		{"550 for one recipient", SMTPOptions{}, func(s *SMTP) { s.RejectRcpt("b@kestmoor.example", 550) }, 550},
		{"another recipient refused", SMTPOptions{}, func(s *SMTP) { s.RejectRcpt("x@kestmoor.example", 550) }, 0},
		{"accepted again", SMTPOptions{}, func(s *SMTP) { s.Reject(451); s.RejectRcpt("b@kestmoor.example", 550); s.Accept() }, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := MustSMTP(t, c.opts)
			c.setup(s)
			err := send(s, Plaintext, nil, "b@kestmoor.example")
			if code(err) != c.code || (c.code == 0) != (err == nil) {
				t.Fatalf("%v, want code %d", err, c.code)
			}
			if want := map[bool]int{true: 1, false: 0}[c.code == 0]; len(s.Messages()) != want {
				t.Errorf("%d messages recorded, want %d", len(s.Messages()), want)
			}
		})
	}
}

func TestSMTPAuthAndTLS(t *testing.T) {
	required := SMTPOptions{User: "u", Secret: "s3cret"}
	hook := SMTPOptions{Login: func(user, secret string) error {
		if secret != "s3cret" {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "no"}
		}
		return nil
	}}
	for _, c := range []struct {
		name     string
		opts     SMTPOptions
		mode     TLSMode
		auth     sasl.Client
		wantMech string
		wantErr  int // the reply code; -1: some error
	}{
		{"plaintext, no AUTH", SMTPOptions{}, Plaintext, nil, "", 0},
		{"required, missing", required, Plaintext, nil, "", 530},
		{"required, PLAIN", required, Plaintext, sasl.NewPlainClient("", "u", "s3cret"), "PLAIN", 0},
		{"required, PLAIN, wrong secret", required, Plaintext, sasl.NewPlainClient("", "u", "wrong"), "", -1},
		{"required, PLAIN, wrong user", required, Plaintext, sasl.NewPlainClient("", "v", "s3cret"), "", -1},
		{"required, LOGIN over STARTTLS", required, StartTLS, sasl.NewLoginClient("u", "s3cret"), "LOGIN", 0},
		{"required, LOGIN, wrong secret", required, StartTLS, sasl.NewLoginClient("u", "wrong"), "", -1},
		{"required, XOAUTH2 over implicit TLS", required, ImplicitTLS, xoauth2{"u", "s3cret"}, "XOAUTH2", 0},
		{"required, XOAUTH2, wrong token", required, ImplicitTLS, xoauth2{"u", "wrong"}, "", -1},
		{"hook, none", hook, Plaintext, nil, "", 0},
		{"hook, PLAIN", hook, Plaintext, sasl.NewPlainClient("", "anyone", "s3cret"), "PLAIN", 0},
		{"hook refuses", hook, Plaintext, sasl.NewPlainClient("", "anyone", "wrong"), "", 535},
		{"starttls, no AUTH", SMTPOptions{TLS: StartTLS}, StartTLS, nil, "", 0},
		{"implicit, no AUTH", SMTPOptions{TLS: ImplicitTLS}, ImplicitTLS, nil, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := c.opts
			o.TLS = c.mode
			s := MustSMTP(t, o)
			err := send(s, c.mode, c.auth, "b@kestmoor.example")
			switch {
			case c.wantErr == 0 && err != nil, c.wantErr == -1 && err == nil, c.wantErr > 0 && code(err) != c.wantErr:
				t.Fatalf("%v, want %d", err, c.wantErr)
			}
			if c.wantErr != 0 {
				if len(s.Messages()) != 0 {
					t.Errorf("refused, yet recorded %+v", s.Messages())
				}
				return
			}
			m := s.Messages()
			if len(m) != 1 || m[0].AuthMech != c.wantMech || m[0].TLS != (c.mode != Plaintext) {
				t.Errorf("recorded %+v, want mechanism %q", m, c.wantMech)
			}
		})
	}
	// An untrusted certificate is refused.
	s := MustSMTP(t, SMTPOptions{TLS: ImplicitTLS})
	if _, err := smtp.DialTLS(s.Addr(), nil); err == nil {
		t.Error("the self-signed certificate was trusted without RootCAs")
	}
}
