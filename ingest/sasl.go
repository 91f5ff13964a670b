package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
)

// xoauth2Client is the XOAUTH2 SASL mechanism of Google and Microsoft 365
// (go-sasl declined to carry it). The initial response is
// "user=U^Aauth=Bearer T^A^A"; a failure comes back as a challenge holding
// a JSON error, which is answered with an empty response so that the
// server ends the exchange with NO.
type xoauth2Client struct{ user, token string }

// NewXOAuth2Client returns a sasl.Client for XOAUTH2 with an OAuth 2.0
// access token.
func NewXOAuth2Client(user, token string) sasl.Client { return &xoauth2Client{user, token} }

func (c *xoauth2Client) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + c.user + "\x01auth=Bearer " + c.token + "\x01\x01"), nil
}

func (c *xoauth2Client) Next(challenge []byte) ([]byte, error) { return []byte{}, nil }

// FileSecret returns a Secret that reads the file at path at each call
// (trailing newline trimmed), so that an external refresher can rotate it.
func FileSecret(path string) func(context.Context) (string, error) {
	return func(context.Context) (string, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("reading the token file: %w", err)
		}
		s := strings.TrimSpace(string(b))
		if s == "" {
			return "", fmt.Errorf("the token file %s is empty", path)
		}
		return s, nil
	}
}

// CommandSecret returns a Secret that runs command with /bin/sh at each
// call and takes its standard output (trimmed) as the token. The command
// has 30 seconds. What it writes to standard error is never copied into
// an error or a log, since a token helper may print secrets there: a
// failure says only the exit status, and to run the command by hand.
func CommandSecret(command string) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		var out bytes.Buffer
		cmd := exec.CommandContext(ctx, "/bin/sh", "-c", command)
		cmd.Stdout, cmd.Stderr = &out, io.Discard
		if err := cmd.Run(); err != nil {
			why := err.Error() // "exit status 1", "signal: killed", or why it did not start
			if ctx.Err() != nil {
				why = "it ran for longer than 30 seconds"
			}
			return "", fmt.Errorf("the token command (imap.token_command) failed: %s; what it wrote to standard error is not shown, as it may hold secrets: run it by hand as the service's user to see why", why)
		}
		s := strings.TrimSpace(out.String())
		if s == "" {
			return "", fmt.Errorf("the token command (imap.token_command) printed nothing")
		}
		return s, nil
	}
}
