package ingest

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// Problem kinds: what went wrong in words an operator acts on.
const (
	KindAuth        = "auth"        // the server refused the login
	KindFolder      = "folder"      // a configured folder does not exist
	KindStartTLS    = "starttls"    // STARTTLS refused or not offered
	KindTLS         = "tls"         // TLS spoken to a plaintext port, or the reverse
	KindCertificate = "certificate" // the server's certificate is not trusted for its name
	KindProtocol    = "protocol"    // the port speaks something other than IMAP
	KindCredentials = "credentials" // the password or token could not be read
)

// Problem is a failure a person must fix: retrying as if it were a
// network blip will not help. It says what to do. The ingester keeps
// retrying a problem slowly (at BackoffMax), so that a fix is noticed,
// logs it once, and reports it in Status.
type Problem struct {
	Kind string // one of the Kind constants
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

// TLSHint says in plain words what a TLS failure means for a server at
// addr, and what to set, or "" if err is not one it knows. Any part of
// intake that connects with TLS may use it: the SMTP check does.
// section is the configuration section ("imap", "smtp").
func TLSHint(err error, section, addr string) (kind, fix string) {
	_, port, _ := net.SplitHostPort(addr)
	var he x509.HostnameError
	var ua x509.UnknownAuthorityError
	var ci x509.CertificateInvalidError
	var rh tls.RecordHeaderError
	switch {
	case errors.As(err, &he):
		if he.Certificate != nil && len(he.Certificate.DNSNames) == 0 && len(he.Certificate.IPAddresses) == 0 {
			return KindCertificate, fmt.Sprintf("the certificate of %s has no subjectAltName, only the old Common Name %q, which is not checked any more: "+
				"have the certificate reissued with the server's name as a subjectAltName (DNS:%s)", addr, he.Certificate.Subject.CommonName, he.Host)
		}
		return KindCertificate, fmt.Sprintf("the certificate of %s is not for %q: connect by a name the certificate lists, or set %s.server_name to one", addr, he.Host, section)
	case strings.Contains(err.Error(), "relies on legacy Common Name field"):
		return KindCertificate, fmt.Sprintf("the certificate of %s has no subjectAltName: it names the server only in its old Common Name, which is no longer checked: "+
			"have the certificate reissued with the server's name as a subjectAltName", addr)
	case strings.Contains(err.Error(), "x509: certificate is valid for"), strings.Contains(err.Error(), "x509: certificate is not valid for any names"):
		return KindCertificate, fmt.Sprintf("the certificate of %s is not for the name connected to: connect by a name the certificate lists, or set %s.server_name to one", addr, section)
	case errors.As(err, &ua) || strings.Contains(err.Error(), "x509: certificate signed by unknown authority"):
		return KindCertificate, fmt.Sprintf("the certificate of %s is signed by an authority this machine does not trust: for a private CA, set %s.ca_file to its certificate (PEM)", addr, section)
	case errors.As(err, &ci):
		return KindCertificate, fmt.Sprintf("the certificate of %s is not valid (%v): have it renewed or reissued", addr, ci.Reason)
	case errors.As(err, &rh) || strings.Contains(err.Error(), "first record does not look like a TLS handshake"):
		switch {
		case section == "imap" && port == "143":
			return KindTLS, `port 143 speaks plaintext first: set imap.tls = "starttls" (or use port 993 with tls = "implicit")`
		case section == "smtp" && (port == "587" || port == "25"):
			return KindTLS, fmt.Sprintf(`port %s speaks plaintext first: set smtp.tls = "starttls" (or use port 465 with tls = "implicit")`, port)
		}
		return KindTLS, fmt.Sprintf(`%s does not speak TLS at once: if the server starts in plaintext, set %s.tls = "starttls"`, addr, section)
	}
	return "", ""
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
	if kind, fix := TLSHint(err, "imap", cfg.Addr); kind != "" {
		return mk(kind, fix)
	}
	_, port, _ := net.SplitHostPort(cfg.Addr)
	msg := err.Error()
	var ie *imap.Error
	isIMAPErr := errors.As(err, &ie)
	switch {
	case strings.Contains(msg, `unknown tag "220"`) || strings.Contains(msg, "ESMTP"):
		return mk(KindProtocol, fmt.Sprintf("%s answered like an SMTP server (220): check imap.host and imap.port (IMAP is 993, or 143 with STARTTLS)", cfg.Addr))
	case step == "starttls" && isIMAPErr:
		return mk(KindStartTLS, fmt.Sprintf(`%s does not offer STARTTLS: use its TLS port, 993, with imap.tls = "implicit"`, cfg.Addr))
	case step == "starttls" && port == "993":
		return mk(KindTLS, `port 993 speaks TLS at once: set imap.tls = "implicit"`)
	case step == "credentials":
		return mk(KindCredentials, "the password or token could not be read: see the message, and run the token command or read the file by hand as the service's user")
	case step == "login" && isIMAPErr && (ie.Code == imap.ResponseCodeAuthenticationFailed || ie.Type == imap.StatusResponseTypeNo):
		fix := "the server refused the login: check imap.username and the password ($INTAKE_IMAP_PASSWORD or imap.password_file)"
		if cfg.Auth == AuthXOAUTH2 {
			fix = "the server refused the OAuth token: check that the token helper is running and that the application may use this mailbox (IMAP.AccessAsApp)"
		}
		return mk(KindAuth, fix)
	case step == "login" && strings.Contains(msg, "does not offer AUTH=XOAUTH2"):
		return mk(KindAuth, `the server does not offer XOAUTH2: set imap.auth = "plain" with a password, or check imap.host`)
	case step == "login" && strings.Contains(msg, "LOGINDISABLED"):
		return mk(KindAuth, `the server refuses to log in over plaintext: set imap.tls = "starttls" or "implicit"`)
	case strings.HasPrefix(step, "select ") && isIMAPErr && (ie.Code == imap.ResponseCodeNonExistent || ie.Type == imap.StatusResponseTypeNo):
		folder := strings.TrimPrefix(step, "select ")
		return mk(KindFolder, fmt.Sprintf("there is no folder %q in the mailbox: create it, or correct imap.folders (`intake check-config --connect` lists the folders)", folder))
	}
	return err
}
