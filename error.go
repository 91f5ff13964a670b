package intake

import (
	"errors"
	"fmt"
)

// Error codes: what kind of failure an Error is, so that the command line
// can choose its exit status and the web work queue its page, and a person
// is told what to do (in the style of wtf's error.go).
const (
	EINVALID   = "invalid"   // the input is wrong: a missing reason, an unknown field, a bad date
	ENOTFOUND  = "not_found" // no such case, message or outbox row
	ECONFLICT  = "conflict"  // the case (or message, or row) is not in a state that allows it
	EFORBIDDEN = "forbidden" // the person may not do this
	EINTERNAL  = "internal"  // anything else: a fault of intake or its storage
)

// Error is a failure a person can act on: Message says, in plain words,
// what was wrong and what to do about it.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first Error in err's chain, ""
// for nil, and EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first Error in err's chain, or
// a generic message for any other error (whose text may hold details a
// person should not see: it belongs in the log).
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	}
	return "Something went wrong inside intake; nothing was changed. The details are in its log."
}

// ErrNotFound is matched (errors.Is) by every not-found error the store
// returns.
var ErrNotFound = &Error{Code: ENOTFOUND, Message: "not found"}

// Is makes every ENOTFOUND Error match ErrNotFound.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t == ErrNotFound && e.Code == ENOTFOUND
}
