package main

import (
	"context"
	"log/slog"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/casework"
	"github.com/kscmp/intake/parse"
	"github.com/kscmp/intake/parse/form"
)

// policy turns the configuration into casework's policy.
func (c *Config) policy() (casework.Policy, error) {
	cal, tt, err := c.caseClock()
	if err != nil {
		return casework.Policy{}, err
	}
	p := c.Partnership
	return casework.Policy{
		Partnership: p.Name, Mailbox: p.MailboxAddress(), OwnAddresses: []string{c.FromAddress()},
		BusinessTeam: p.BusinessTeam, CaseRefPrefix: p.CaseRefPrefix,
		Agencies: c.AgencyList(), Neighbours: p.NeighbourList(), Timetable: tt, Calendar: cal,
		Screening:       c.screening(cal, tt),
		AutoAccept:      intake.AutoAccept{Senders: p.AutoAcceptFrom},
		Trust:           c.Trust.Trust(),
		SPOCIdentifiers: p.SPOCIdentifiers, MaxAcknowledgementsPerDay: p.MaxAcknowledgementsPerDay,
		SummaryReceipts: p.SummaryReceipts, OutcomeToAgencies: p.OutcomeToAgencies,
		LinkWindowDays: c.Timetable.LinkWindowDays, ReferrerReminderEvery: c.Timetable.ReferrerReminderAfter,
		ReferrerReminders: c.Timetable.ReferrerReminders, SendHour: c.Timetable.SendHour,
	}, nil
}

// newCasework builds casework over st from the configuration. The parse
// options are built once (reading labels_file once) and shared by the
// parse function and the attachments reader.
func newCasework(cfg *Config, st intake.Store, clock intake.Clock, logger *slog.Logger) (*casework.Casework, error) {
	p, err := cfg.policy()
	if err != nil {
		return nil, err
	}
	opts, err := cfg.parseOptions(p.Calendar)
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.Default()
	}
	parseFn := func(ctx context.Context, raw []byte) (parse.Result, error) { return parse.Parse(ctx, raw, opts) }
	attachments := func(ctx context.Context, raw []byte) ([]form.Attachment, []string, error) {
		return parse.Attachments(ctx, raw, opts)
	}
	return &casework.Casework{Store: st, Clock: clock, Policy: p, Parse: parseFn, Attachments: attachments,
		Logger: logger.With("part", "casework")}, nil
}
