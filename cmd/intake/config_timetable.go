package main

// TimetableConfig holds the [timetable] settings.
type TimetableConfig struct{}

func defaultTimetableConfig() TimetableConfig { return TimetableConfig{} }

// Validate checks the [timetable] settings.
func (c TimetableConfig) Validate() error { return nil }
