package notify

import (
	"errors"
	"fmt"

	"github.com/wneessen/go-mail"
)

// sendFailure is what the Sender records about a failed attempt: whether
// to try again, and a reason fit for the outbox and the digest (SMTP
// codes and go-mail's step, never the addresses or the message).
type sendFailure struct {
	temporary bool
	reason    string
}

// permanentError is a failure no retry can mend, found before any
// connection is made (the referral a redirect forwards is gone): the row
// is failed at once, with its reason.
type permanentError struct{ reason string }

func (e *permanentError) Error() string { return "notify: " + e.reason }

func permanentf(format string, args ...any) error {
	return &permanentError{reason: fmt.Sprintf(format, args...)}
}

// classify sorts a delivery error into temporary or permanent (RFC 5321
// section 4.2.1: 4yz transient, 5yz permanent). Errors that are not SMTP
// replies (the server could not be reached, the connection broke, TLS or
// authentication failed before any reply code) count as temporary: they
// are retried until the maximum age.
func classify(err error) sendFailure {
	var pe *permanentError
	if errors.As(err, &pe) {
		return sendFailure{temporary: false, reason: pe.reason}
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		reason := se.Reason.String()
		if code := se.ErrorCode(); code != 0 {
			reason = fmt.Sprintf("%s: %d", reason, code)
			if esc := se.EnhancedStatusCode(); esc != "" {
				reason += " " + esc
			}
		}
		temp := se.IsTemp()
		if code := se.ErrorCode(); code >= 500 && code < 600 {
			temp = false
		} else if code >= 400 && code < 500 {
			temp = true
		} else if se.Reason == mail.ErrNoUnencoded {
			// 8-bit content and a server without 8BITMIME (RFC 6152): no
			// retry will change the server.
			temp = false
		} else if code == 0 {
			// No reply code: the connection failed under go-mail.
			temp = true
		}
		return sendFailure{temporary: temp, reason: reason}
	}
	return sendFailure{temporary: true, reason: oneLine(err.Error())}
}
