package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"strconv"

	"github.com/kscmp/intake/ingest"
)

// ingestPart runs the mailbox ingester as one of the daemon's parts.
type ingestPart struct{ *ingest.Ingester }

// RunOnce makes one pass over every folder.
func (p ingestPart) RunOnce(ctx context.Context) error { return p.PollOnce(ctx) }

// ingestConfig turns the [imap] section into the ingester's configuration;
// secrets are read at each connection, not here.
func ingestConfig(c IMAPConfig, getenv func(string) string) (ingest.Config, error) {
	tcfg := &tls.Config{ServerName: c.ServerName, MinVersion: tls.VersionTLS12}
	if c.CAFile != "" {
		pem, err := os.ReadFile(c.CAFile)
		if err != nil {
			return ingest.Config{}, fmt.Errorf("imap.ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return ingest.Config{}, fmt.Errorf("imap.ca_file: no PEM certificate in %s", c.CAFile)
		}
		tcfg.RootCAs = pool
	}
	var secretFn func(context.Context) (string, error)
	switch {
	case c.Auth == "xoauth2" && c.TokenFile != "":
		secretFn = ingest.FileSecret(c.TokenFile)
	case c.Auth == "xoauth2":
		secretFn = ingest.CommandSecret(c.TokenCommand)
	default:
		secretFn = func(context.Context) (string, error) {
			pw, err := secret(getenv, imapPasswordEnv, c.PasswordFile)
			if err != nil {
				return "", fmt.Errorf("imap password: %w", err)
			}
			if pw == "" {
				return "", fmt.Errorf("imap password: set $%s or imap.password_file", imapPasswordEnv)
			}
			return pw, nil
		}
	}
	return ingest.Config{
		Addr:             net.JoinHostPort(c.Host, strconv.Itoa(c.EffectivePort())),
		TLS:              c.TLS,
		TLSConfig:        tcfg,
		AllowPlaintext:   c.AllowPlaintextLoopback,
		Username:         c.Username,
		Auth:             c.Auth,
		Secret:           secretFn,
		Folders:          c.Folders,
		Action:           c.Action,
		ProcessedFolder:  c.ProcessedFolder,
		QuarantineFolder: c.QuarantineFolder,
		FlagKeyword:      c.FlagKeyword,
		BatchSize:        c.BatchSize,
		BatchBytes:       c.BatchBytes,
		MaxMessageSize:   c.MaxMessageSize,
		PollInterval:     c.PollInterval.Duration,
		IDLE:             c.IDLE,
		ConnectTimeout:   c.ConnectTimeout.Duration,
		CommandTimeout:   c.CommandTimeout.Duration,
		BackoffMin:       c.BackoffMin.Duration,
		BackoffMax:       c.BackoffMax.Duration,
	}, nil
}
