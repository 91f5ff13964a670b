package form

// UnreadableError says why a form could not be read, in words a referrer
// can act on ("the PDF is password-protected: please send it without a
// password, or as .docx").
type UnreadableError struct {
	Reason string
}

func (e *UnreadableError) Error() string { return "parse: unreadable form: " + e.Reason }
