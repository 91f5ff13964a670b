package casework

import (
	"fmt"
	"net/textproto"
	"strings"

	"github.com/kscmp/intake"
)

// other files mail that is neither form: list and bulk mail is kept
// unanswered; anything a person wrote (a SPOC's question, a reply saying
// the agency had no involvement, a note to the partnership) waits for a
// person, who is told which case it mentions and who sent it.
func (f *filing) other() (string, string, error) {
	if f.cw.Policy.own(f.sender()) {
		return intake.MessageIgnored, "sent from the partnership's own address; not answered", nil
	}
	if isListMail(f.header()) {
		return intake.MessageIgnored, "list or bulk mail; not answered", nil
	}
	about := "an email that is not a form"
	if f.caseRef != "" {
		about = fmt.Sprintf("an email about %s that is not a form", f.caseRef)
		if a, ok := f.cw.Policy.Agencies.BySender(f.sender()); ok && a.IsSPOC(f.sender()) {
			about = fmt.Sprintf("an email about %s from %s's SPOC that is not a summary (a question, or no involvement?)", f.caseRef, a.Name)
		}
	}
	return f.needsPerson(f.caseRef, fmt.Sprintf("%s, from %s: record no involvement, link it to a case, or dismiss it", about, f.senderWords()))
}

// looped reports whether the message with header h is one of ours come
// back: its X-Loop header names the partnership's mailbox (notify sets it
// on every email it sends).
func looped(h textproto.MIMEHeader, mailbox string) bool {
	for _, v := range h.Values("X-Loop") {
		if mailbox != "" && strings.EqualFold(strings.TrimSpace(v), mailbox) {
			return true
		}
	}
	return false
}

// isListMail reports whether header h marks a mailing list or bulk
// mail.
func isListMail(h textproto.MIMEHeader) bool {
	if h.Get("List-Id") != "" || h.Get("List-Unsubscribe") != "" {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Precedence"))) {
	case "bulk", "list", "junk":
		return true
	}
	return false
}
