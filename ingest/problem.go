package ingest

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/kscmp/intake/internal/connproblem"
)

// Problem is a failure a person must fix: retrying as if it were a
// network blip will not help. It says what to do. The ingester keeps
// retrying a problem slowly (at BackoffMax), so that a fix is noticed,
// logs it once, and reports it in Status.
type Problem struct {
	Kind string // one of the connproblem.Kind constants
	Err  error  // what happened
	Fix  string // what to do about it, naming the settings
}

func (p *Problem) Error() string { return p.Err.Error() + ": " + p.Fix }
func (p *Problem) Unwrap() error { return p.Err }

// AsProblem returns the Problem in err's chain, if any.
func AsProblem(err error) (*Problem, bool) {
	var p *Problem
	ok := errors.As(err, &p)
	return p, ok
}

// problem turns err, from a step of a connection to cfg's server, into a
// Problem when it is one a person must fix; otherwise it returns err.
func problem(err error, cfg *Config, step string) error {
	if err == nil {
		return nil
	}
	if _, ok := AsProblem(err); ok {
		return err
	}
	mk := func(kind, fix string) error { return &Problem{Kind: kind, Err: err, Fix: fix} }
	if kind, fix := connproblem.TLSHint(err, "imap", cfg.Addr); kind != "" {
		return mk(kind, fix)
	}
	_, port, _ := net.SplitHostPort(cfg.Addr)
	msg := err.Error()
	var ie *imap.Error
	isIMAPErr := errors.As(err, &ie)
	switch {
	case strings.Contains(msg, `unknown tag "220"`) || strings.Contains(msg, "ESMTP"):
		return mk(connproblem.KindProtocol, fmt.Sprintf("%s answered like an SMTP server (220): check imap.host and imap.port (IMAP is 993, or 143 with STARTTLS)", cfg.Addr))
	case step == "starttls" && isIMAPErr:
		return mk(connproblem.KindStartTLS, fmt.Sprintf(`%s does not offer STARTTLS: use its TLS port, 993, with imap.tls = "implicit"`, cfg.Addr))
	case step == "starttls" && port == "993":
		return mk(connproblem.KindTLS, `port 993 speaks TLS at once: set imap.tls = "implicit"`)
	case step == "credentials":
		return mk(connproblem.KindCredentials, "the password or token could not be read: see the message, and run the token command or read the file by hand as the service's user")
	case step == "login" && isIMAPErr && (ie.Code == imap.ResponseCodeAuthenticationFailed || ie.Type == imap.StatusResponseTypeNo):
		fix := "the server refused the login: check imap.username and the password ($INTAKE_IMAP_PASSWORD or imap.password_file)"
		if cfg.Auth == AuthXOAUTH2 {
			fix = "the server refused the OAuth token: check that the token helper is running and that the application may use this mailbox (IMAP.AccessAsApp)"
		}
		return mk(connproblem.KindAuth, fix)
	case step == "login" && strings.Contains(msg, "does not offer AUTH=XOAUTH2"):
		return mk(connproblem.KindAuth, `the server does not offer XOAUTH2: set imap.auth = "plain" with a password, or check imap.host`)
	case step == "login" && strings.Contains(msg, "LOGINDISABLED"):
		return mk(connproblem.KindAuth, `the server refuses to log in over plaintext: set imap.tls = "starttls" or "implicit"`)
	case strings.HasPrefix(step, "select ") && isIMAPErr && (ie.Code == imap.ResponseCodeNonExistent || ie.Type == imap.StatusResponseTypeNo):
		folder := strings.TrimPrefix(step, "select ")
		return mk(connproblem.KindFolder, fmt.Sprintf("there is no folder %q in the mailbox: create it, or correct imap.folders (`intake check-config --connect` lists the folders)", folder))
	}
	return err
}
