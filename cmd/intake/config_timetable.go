package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake"
)

// TimetableConfig holds the [timetable] settings: the two clocks' steps,
// Day 1's cut-off hour, how intake chases SPOCs and reminds referrers, and
// the window for linking a second referral.
type TimetableConfig struct {
	// CutoffHour: a referral received at or after this hour
	// (Europe/London), or on a closed day, counts from the next working
	// day: Day 1.
	CutoffHour int `toml:"cutoff_hour"`
	// MinSummaryDays: a SPOC asked late is still given at least this
	// many working days; the case is then flagged "timetable at risk".
	MinSummaryDays int `toml:"min_summary_days"`
	// SendHour is the hour (Europe/London) chasers and reminders go.
	SendHour int `toml:"send_hour"`
	// ReferrerReminderAfter: a referrer asked for missing information is
	// reminded every this many working days without it (0: never), up to
	// ReferrerReminders times.
	ReferrerReminderAfter int `toml:"referrer_reminder_after"`
	ReferrerReminders     int `toml:"referrer_reminders"`
	// LinkWindowDays: a referral for the same child whose incident date is
	// within this many calendar days of a case's is linked to that case.
	LinkWindowDays int `toml:"link_window_days"`
	// RecheckInterval bounds how long the casework loop sleeps when
	// nothing falls due sooner (new mail wakes it at once).
	RecheckInterval duration `toml:"recheck_interval"`
	// Steps replace Kent's timetable entirely when any is given.
	Steps []StepConfig `toml:"step"`
}

// StepConfig is one [[timetable.step]].
type StepConfig struct {
	Name   string `toml:"name"`
	Title  string `toml:"title"`
	Clock  string `toml:"clock"` // rapid_review (Day N from Day 1) or statutory (working days from awareness)
	Day    int    `toml:"day"`
	Owner  string `toml:"owner"`
	OnlyIf string `toml:"only_if"` // a screening flag, e.g. looked_after_death
	Chase  bool   `toml:"chase"`
	// The chaser policy, for a chased step.
	RemindBefore  int  `toml:"remind_before"`
	OnDueDay      bool `toml:"on_due_day"`
	OverdueEvery  int  `toml:"overdue_every"`
	EscalateAfter int  `toml:"escalate_after"`
}

func defaultTimetableConfig() TimetableConfig {
	return TimetableConfig{
		CutoffHour:            17,
		MinSummaryDays:        5,
		SendHour:              9,
		ReferrerReminderAfter: 3,
		ReferrerReminders:     3,
		LinkWindowDays:        28,
		RecheckInterval:       duration{time.Hour},
	}
}

// Validate checks the [timetable] settings.
func (c TimetableConfig) Validate() error {
	var errs []error
	if c.SendHour < 0 || c.SendHour > 23 {
		errs = append(errs, fieldError("timetable.send_hour", "%d is not an hour 0-23", c.SendHour))
	}
	if c.ReferrerReminderAfter < 0 || c.ReferrerReminders < 0 {
		errs = append(errs, fieldError("timetable.referrer_reminder_after", "must not be negative"))
	}
	if c.LinkWindowDays < 0 {
		errs = append(errs, fieldError("timetable.link_window_days", "must not be negative"))
	}
	if c.RecheckInterval.Duration < time.Second {
		errs = append(errs, fieldError("timetable.recheck_interval", "must be at least 1s"))
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
	t.CutoffHour, t.MinSummaryDays = c.CutoffHour, c.MinSummaryDays
	if len(c.Steps) > 0 {
		t.Steps = nil
		for _, s := range c.Steps {
			clock := s.Clock
			if clock == "" {
				clock = string(intake.RapidReviewClock)
			}
			t.Steps = append(t.Steps, intake.Step{Name: s.Name, Title: s.Title, Clock: intake.ClockName(clock), Day: s.Day,
				Owner: s.Owner, OnlyIf: s.OnlyIf, Chased: s.Chase,
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
