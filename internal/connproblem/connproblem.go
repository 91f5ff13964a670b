// Package connproblem names the failures of a connection to a mail
// server that a person must fix (a refused login, a certificate not
// trusted, TLS spoken to a plaintext port) and says, in the words of the
// configuration, what to change. ingest (IMAP) and notify (SMTP) both use
// it, so that the two servers' problems read alike in logs, /healthz and
// /metrics.
package connproblem

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
)

// Problem kinds: what went wrong in words an operator acts on.
const (
	KindAuth        = "auth"        // the server refused the login
	KindFolder      = "folder"      // a configured folder does not exist
	KindStartTLS    = "starttls"    // STARTTLS refused or not offered
	KindTLS         = "tls"         // TLS spoken to a plaintext port, or the reverse
	KindCertificate = "certificate" // the server's certificate is not trusted for its name
	KindProtocol    = "protocol"    // the port speaks another protocol (SMTP on the IMAP port)
	KindCredentials = "credentials" // the password or token could not be read
)

// TLSHint says in plain words what a TLS failure means for a server at
// addr, and what to set, or "" if err is not one it knows.
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
