package main

import (
	"net"
	"strconv"
	"time"
)

// demoConfig is the configuration of `intake demo`: the defaults, pointed
// at the embedded peers over plaintext on loopback, with the invented
// Kestmoor partnership's agencies. Nothing else differs from `serve`.
func demoConfig(dbPath, imapAddr, smtpAddr string) *Config {
	c := DefaultConfig()
	c.Store.Path = dbPath
	c.Ops.Listen = "" // the demo runs no listener: nothing to collide with

	host, port := splitDemoAddr(imapAddr)
	c.IMAP.Host, c.IMAP.Port = host, port
	c.IMAP.TLS, c.IMAP.AllowPlaintextLoopback = "plaintext", true
	c.IMAP.Username = demoIMAPUser
	c.IMAP.Action = "move"
	c.IMAP.IDLE = false // the demo drives passes itself
	c.IMAP.PollInterval = duration{time.Minute}
	return c
}

func splitDemoAddr(addr string) (string, int) {
	host, p, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(p)
	return host, port
}
