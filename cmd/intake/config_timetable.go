package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

// TimetableConfig holds the [timetable] settings: the rapid review
// timetable's steps, how intake chases SPOCs, when the referrer is
// reminded, and the window for linking a second referral.
type TimetableConfig struct {
	// ClockStarts is "aware" (day 1 is the day the local authority became
	// aware) or "notification" (the day the referral reached us).
	ClockStarts string `toml:"clock_starts"`
	// SummaryStep names the step agency summaries are due by.
	SummaryStep string `toml:"summary_step"`
	// SendHour is the hour (Europe/London) at which chasers and reminders
	// are sent on their day.
	SendHour int `toml:"send_hour"`
	// ReferrerReminderAfter: working days after which a referrer who has
	// not supplied missing information is reminded (0: never).
	ReferrerReminderAfter int `toml:"referrer_reminder_after"`
	// LinkWindowDays: a referral for the same child whose incident date is
	// within this many calendar days of a case's is linked to that case.
	LinkWindowDays int `toml:"link_window_days"`
	// RecheckInterval bounds how long the casework loop sleeps when
	// nothing is due sooner (new mail wakes it anyway at the next pass).
	RecheckInterval duration `toml:"recheck_interval"`
	// MessageCheckInterval is how often the casework loop looks for
	// newly stored messages.
	MessageCheckInterval duration `toml:"message_check_interval"`
	// Steps replace Kent's timetable entirely when any is given.
	Steps []StepConfig `toml:"step"`
}

// StepConfig is one [[timetable.step]].
type StepConfig struct {
	Name   string `toml:"name"`
	Title  string `toml:"title"`
	Offset int    `toml:"offset"`
	Unit   string `toml:"unit"`   // working or calendar
	Anchor string `toml:"anchor"` // aware, notification or request
	Owner  string `toml:"owner"`
	Chase  bool   `toml:"chase"`
	// The chaser policy, for a chased step.
	RemindBefore  int  `toml:"remind_before"`
	OnDueDay      bool `toml:"on_due_day"`
	OverdueEvery  int  `toml:"overdue_every"`
	EscalateAfter int  `toml:"escalate_after"`
}

func defaultTimetableConfig() TimetableConfig {
	return TimetableConfig{
		ClockStarts:           "aware",
		SummaryStep:           "summaries_returned",
		SendHour:              9,
		ReferrerReminderAfter: 3,
		LinkWindowDays:        28,
		RecheckInterval:       duration{time.Hour},
		MessageCheckInterval:  duration{10 * time.Second},
	}
}

// Validate checks the [timetable] settings.
func (c TimetableConfig) Validate() error {
	var errs []error
	if c.SendHour < 0 || c.SendHour > 23 {
		errs = append(errs, fieldError("timetable.send_hour", "%d is not an hour 0-23", c.SendHour))
	}
	if c.ReferrerReminderAfter < 0 {
		errs = append(errs, fieldError("timetable.referrer_reminder_after", "must not be negative"))
	}
	if c.LinkWindowDays < 0 {
		errs = append(errs, fieldError("timetable.link_window_days", "must not be negative"))
	}
	if c.RecheckInterval.Duration < time.Second {
		errs = append(errs, fieldError("timetable.recheck_interval", "must be at least 1s"))
	}
	if c.MessageCheckInterval.Duration < 100*time.Millisecond {
		errs = append(errs, fieldError("timetable.message_check_interval", "must be at least 100ms"))
	}
	if _, err := c.Timetable(); err != nil {
		errs = append(errs, fieldError("timetable", "%v", err))
	}
	return errors.Join(errs...)
}

// Timetable returns the domain timetable: Kent's default steps unless the
// file gives its own, with the send hour applied to every chaser policy.
func (c TimetableConfig) Timetable() (intake.Timetable, error) {
	t := intake.DefaultTimetable()
	t.ClockStart = intake.Anchor(c.ClockStarts)
	if c.SummaryStep != "" {
		t.SummaryStep = c.SummaryStep
	}
	if len(c.Steps) > 0 {
		t.Steps = nil
		for _, s := range c.Steps {
			unit := s.Unit
			if unit == "" {
				unit = string(intake.WorkingDays)
			}
			t.Steps = append(t.Steps, intake.Step{Name: s.Name, Title: s.Title, Offset: s.Offset, Unit: intake.Unit(unit),
				Anchor: intake.Anchor(s.Anchor), Owner: s.Owner, Chased: s.Chase,
				Chase: intake.ChaserPolicy{RemindBefore: s.RemindBefore, OnDueDay: s.OnDueDay, OverdueEvery: s.OverdueEvery, EscalateAfter: s.EscalateAfter}})
		}
	}
	for i := range t.Steps {
		t.Steps[i].Chase.SendHour = c.SendHour
	}
	if err := t.Validate(); err != nil {
		return t, fmt.Errorf("%w", err)
	}
	return t, nil
}

// SummaryChaser returns the chaser policy of the summary step (no
// chasers if that step is not chased).
func (c TimetableConfig) SummaryChaser() intake.ChaserPolicy {
	t, err := c.Timetable()
	if err != nil {
		return intake.ChaserPolicy{SendHour: c.SendHour}
	}
	if s, ok := t.Step(t.SummaryStep); ok && s.Chased {
		return s.Chase
	}
	return intake.ChaserPolicy{SendHour: c.SendHour}
}

// caseClock builds the two things every part of the case clock needs from
// the configuration: the working-day calendar and the timetable.
func (c *Config) caseClock() (*intake.Calendar, intake.Timetable, error) {
	cal, err := c.Calendar.Calendar()
	if err != nil {
		return nil, intake.Timetable{}, err
	}
	tt, err := c.Timetable.Timetable()
	if err != nil {
		return nil, intake.Timetable{}, fmt.Errorf("timetable: %w", err)
	}
	return cal, tt, nil
}
