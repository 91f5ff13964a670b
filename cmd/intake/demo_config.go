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

	c.Partnership.Mailbox = demoMailbox
	c.Partnership.BusinessTeam = []string{demoBusinessTeam}

	host, port := splitDemoAddr(imapAddr)
	c.IMAP.Host, c.IMAP.Port = host, port
	c.IMAP.TLS, c.IMAP.AllowPlaintextLoopback = "plaintext", true
	c.IMAP.Username = demoIMAPUser
	c.IMAP.Action = "move"
	c.IMAP.IDLE = false // the demo drives passes itself
	c.IMAP.PollInterval = duration{time.Minute}

	host, port = splitDemoAddr(smtpAddr)
	c.SMTP.Host, c.SMTP.Port = host, port
	c.SMTP.TLS, c.SMTP.AllowPlaintextLoopback = "plaintext", true
	c.SMTP.Auth = "none"

	c.Agencies = demoAgencies()
	c.Trust.AuthservIDs = []string{demoAuthservID}
	c.Partnership.Neighbours = []NeighbourConfig{{Key: "eastholm", Name: "Eastholm Safeguarding Children Partnership",
		Address: "referrals@eastholm-scp.example", Areas: []string{"Eastholm"}}}
	return c
}

// demoAuthservID is the demo's receiving server, whose
// Authentication-Results intake trusts.
const demoAuthservID = "mx.kscmp.example"

// demoAgencies are the invented Kestmoor agencies whose SPOCs the demo
// plays; the three safeguarding partners are core.
func demoAgencies() []AgencyConfig {
	return []AgencyConfig{
		{Key: "social_care", Name: "Kestmoor Children's Services", SPOC: []string{"spoc@childrens.kestmoor.example"},
			Aliases: []string{"children's services", "children's social care", "social care", "local authority"}, Core: true},
		{Key: "police", Name: "Kestmoor Police", SPOC: []string{"spoc@police.kestmoor.example"},
			Aliases: []string{"police", "KP"}, Core: true},
		{Key: "icb", Name: "Kestmoor ICB", SPOC: []string{"spoc@icb.kestmoor.example"},
			Aliases: []string{"ICB", "NHS Kestmoor ICB", "integrated care board", "health"}, Core: true},
		{Key: "education", Name: "Kestmoor Primary School", SPOC: []string{"spoc@education.kestmoor.example"},
			Aliases: []string{"school", "schools", "education"}},
		{Key: "youth_justice", Name: "Kestmoor Youth Justice Service", SPOC: []string{"spoc@yjs.kestmoor.example"},
			Aliases: []string{"youth justice", "YJS"}},
		{Key: "health_visiting", Name: "Kestmoor Health Visiting", SPOC: []string{"spoc@hv.kestmoor.example"},
			Aliases: []string{"health visiting", "health visitor"}},
	}
}

func splitDemoAddr(addr string) (string, int) {
	host, p, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(p)
	return host, port
}

// demoGetenv gives the daemon the demo's secrets and nothing of the real
// environment.
func demoGetenv(key string) string {
	switch key {
	case imapPasswordEnv:
		return demoIMAPPassword
	}
	return ""
}
