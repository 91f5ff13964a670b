package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// Greet connects to an SMTP server, reads its greeting, says EHLO (after
// STARTTLS or over implicit TLS, as tlsMode says) and quits, without
// logging in or sending anything: `intake check-config --connect` uses it
// to show that the server is reachable and what it offers. banner is the
// 220 greeting's text; exts the EHLO keywords with their parameters
// ("AUTH PLAIN LOGIN", "SIZE 35882577"). Plaintext is refused to a server
// that is not on loopback. A nil tlsConfig checks the certificate against
// the system roots for host.
func Greet(ctx context.Context, host string, port int, tlsMode string, timeout time.Duration, tlsConfig *tls.Config) (banner string, exts []string, err error) {
	if tlsMode == TLSPlaintext && !isLoopback(host) {
		return "", nil, fmt.Errorf("notify: greeting %s: plaintext is allowed to loopback only", host)
	}
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	if tlsConfig == nil {
		tlsConfig = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d := &net.Dialer{}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("notify: connecting to %s: %w", addr, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	if tlsMode == TLSImplicit {
		tc := tls.Client(conn, tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return "", nil, fmt.Errorf("notify: TLS handshake with %s: %w", addr, err)
		}
		conn = tc
	}
	tp := textproto.NewConn(conn)
	_, banner, err = tp.ReadResponse(220)
	if err != nil {
		return "", nil, fmt.Errorf("notify: reading the greeting of %s: %w", addr, err)
	}
	exts, err = ehlo(tp)
	if err != nil {
		return banner, nil, fmt.Errorf("notify: EHLO to %s: %w", addr, err)
	}
	if tlsMode == TLSStartTLS {
		if !Offers(exts, "STARTTLS") {
			return banner, exts, fmt.Errorf("notify: %s: %w", addr, ErrNoStartTLS)
		}
		id, err := tp.Cmd("STARTTLS")
		if err != nil {
			return banner, exts, fmt.Errorf("notify: STARTTLS to %s: %w", addr, err)
		}
		tp.StartResponse(id)
		_, _, err = tp.ReadResponse(220)
		tp.EndResponse(id)
		if err != nil {
			return banner, exts, fmt.Errorf("notify: STARTTLS to %s: %w", addr, err)
		}
		tc := tls.Client(conn, tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return banner, exts, fmt.Errorf("notify: TLS handshake with %s: %w", addr, err)
		}
		tp = textproto.NewConn(tc)
		if exts, err = ehlo(tp); err != nil {
			return banner, nil, fmt.Errorf("notify: EHLO to %s after STARTTLS: %w", addr, err)
		}
	}
	if id, err := tp.Cmd("QUIT"); err == nil {
		tp.StartResponse(id)
		tp.ReadResponse(221)
		tp.EndResponse(id)
	}
	return banner, exts, nil
}

func ehlo(tp *textproto.Conn) ([]string, error) {
	id, err := tp.Cmd("EHLO intake.invalid")
	if err != nil {
		return nil, err
	}
	tp.StartResponse(id)
	defer tp.EndResponse(id)
	_, msg, err := tp.ReadResponse(250)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(msg, "\n")
	return lines[1:], nil // the first line is the server's name
}

// ErrNoStartTLS is Greet's failure when STARTTLS is required and the
// server does not offer it.
var ErrNoStartTLS = errors.New("the server does not offer STARTTLS, which smtp.tls = \"starttls\" requires")

// Offers reports whether the EHLO extension lines exts offer name. A
// blank line (some servers send one) offers nothing.
func Offers(exts []string, name string) bool {
	for _, e := range exts {
		if f := strings.Fields(e); len(f) > 0 && strings.EqualFold(f[0], name) {
			return true
		}
	}
	return false
}
