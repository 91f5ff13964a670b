package main

import (
	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/notify"
	"github.com/kscmp/intake/store"
)

// digestRecipients returns notify.digest_to, else the business team.
func (c *Config) digestRecipients() []string {
	if len(c.Notify.DigestTo) > 0 {
		return c.Notify.DigestTo
	}
	return c.Partnership.BusinessTeam
}

// newNotifier builds the Sender and the Scheduler from the configuration.
// The transport is SMTP when [smtp] has a host, else nil (the caller
// decides whether that is an error).
func newNotifier(cfg *Config, env *Env, st *store.Store, clock intake.Clock, cw *casework.Casework) (*notify.Scheduler, error) {
	agencies := map[string]string{}
	for _, a := range cfg.AgencyList() {
		agencies[a.Key] = a.Name
	}
	site := notify.Site{Partnership: cfg.Partnership.Name, Mailbox: cfg.Partnership.MailboxAddress(), Agencies: agencies}
	r, err := notify.NewRenderer(site, cfg.Notify.TemplatesDir)
	if err != nil {
		return nil, err
	}
	s := &notify.Sender{
		Store: st, Clock: clock, Renderer: r,
		Envelope: notify.Envelope{From: cfg.FromAddress(), ReplyTo: cfg.Partnership.MailboxAddress()},
		Today:    cw,
		Policy: notify.Policy{
			BackoffMin: cfg.Notify.BackoffMin.Duration, BackoffMax: cfg.Notify.BackoffMax.Duration,
			MaxAge: cfg.Notify.RetryMaxAge.Duration, Lease: cfg.Notify.SendLease.Duration,
			DailyCap: cfg.Notify.MaxPerRecipientPerDay, CapExempt: append(cfg.digestRecipients(), cfg.Partnership.BusinessTeam...),
		},
		SummaryForm: cfg.Notify.SummaryFormPath,
		Own:         []string{cfg.Partnership.MailboxAddress(), cfg.FromAddress()},
		Logger:      env.Logger,
	}
	if cfg.SMTP.Enabled() {
		settings, err := cfg.SMTP.Settings(env.Getenv)
		if err != nil {
			return nil, err
		}
		s.Transport = &notify.SMTPTransport{Settings: settings}
	}
	sc := notify.NewScheduler(s, clock, cw.Policy.Calendar)
	sc.Fallback = cfg.Notify.FallbackInterval.Duration
	sc.Logger = env.Logger
	if cfg.Notify.DigestEnabled {
		sc.DigestHour, sc.DigestMinute, _ = cfg.Notify.DigestClock()
		sc.DigestTo = cfg.digestRecipients()
	}
	return sc, nil
}
