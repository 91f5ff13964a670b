package main

// CalendarConfig holds the [calendar] settings.
type CalendarConfig struct{}

func defaultCalendarConfig() CalendarConfig { return CalendarConfig{} }

// Validate checks the [calendar] settings.
func (c CalendarConfig) Validate() error { return nil }
