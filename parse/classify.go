package parse

import (
	"regexp"
	"strings"

	"github.com/emersion/go-message/mail"
)

var (
	reAutoSubject   = regexp.MustCompile(`(?i)^\s*(automatic reply|auto(matic)?[- ]?reply|auto[- ]?response|autoreply|out of (the )?office|ooo\b|auto:|réponse automatique|abwesenheitsnotiz|respuesta automática|away from the office|on leave)`)
	reBounceSubject = regexp.MustCompile(`(?i)^\s*(undeliverable|undelivered mail|delivery status notification \((failure|delay)\)|mail delivery failed|delivery failure|returned mail|failure notice|mail delivery system|message not delivered|delivery has failed)`)
	reBounceSender  = regexp.MustCompile(`(?i)^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@`)
)

// isBounce says whether a message is a delivery failure report: a
// multipart/report with a delivery-status part, mail from MAILER-DAEMON or
// postmaster, or a failure subject. A bounce that carries a form back is
// still a bounce.
func isBounce(h mail.Header, w *walked, from, subject string) bool {
	if w != nil && w.Report {
		if t, p, _ := h.ContentType(); !strings.EqualFold(t, "multipart/report") || !strings.EqualFold(p["report-type"], "disposition-notification") {
			return true
		}
	}
	if reBounceSender.MatchString(from) {
		return true
	}
	return reBounceSubject.MatchString(subject)
}

// isAutoReply says whether a message is an automatic reply (RFC 3834 and
// the headers Exchange and others use instead).
func isAutoReply(h mail.Header, subject string) bool {
	// A read receipt (RFC 8098) is automatic too.
	if t, p, _ := h.ContentType(); strings.EqualFold(t, "multipart/report") && strings.EqualFold(p["report-type"], "disposition-notification") {
		return true
	}
	if as := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); as != "" && as != "no" && !strings.HasPrefix(as, "no;") {
		return true
	}
	if h.Has("X-Autoreply") || h.Has("X-Autorespond") || h.Has("X-Autoresponder") {
		return true
	}
	if strings.EqualFold(strings.TrimSpace(h.Get("Precedence")), "auto_reply") {
		return true
	}
	// "Automatic reply:", "Out of office": never answered, whatever the
	// headers say (a form inside is still read: content comes first).
	return reAutoSubject.MatchString(subject)
}

// isBulk says whether a message is list or bulk mail: it is never a form
// and never answered.
func isBulk(h mail.Header) bool {
	switch strings.ToLower(strings.TrimSpace(h.Get("Precedence"))) {
	case "bulk", "list", "junk":
		return true
	}
	return h.Has("List-Id") || h.Has("List-Unsubscribe") || h.Has("List-Post")
}
