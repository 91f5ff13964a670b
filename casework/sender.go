package casework

import (
	"fmt"
	"net/textproto"
	"strings"

	"github.com/kscmp/intake"
)

// readHeaderResult is what readHeader returned.
type readHeaderResult struct {
	h   textproto.MIMEHeader
	err error
}

// headerRead returns the header of the message being filed, and the
// error reading it, as readHeader reads it (once).
func (f *filing) headerRead() (textproto.MIMEHeader, error) {
	if f.hdr == nil {
		h, err := readHeader(f.raw)
		f.hdr = &readHeaderResult{h: h, err: err}
	}
	return f.hdr.h, f.hdr.err
}

// header is the header of the message being filed, as much of it as
// could be read.
func (f *filing) header() textproto.MIMEHeader {
	h, _ := f.headerRead()
	return h
}

// The sender of the message being filed, as Trust reads it (once).
func (f *filing) senderCheck() senderCheck {
	if f.checked == nil {
		c := f.cw.Policy.Trust.checkHeader(f.headerRead())
		f.checked = &c
	}
	return *f.checked
}

// sender is the message's From address, strictly parsed; "" if none.
func (f *filing) sender() string { return f.senderCheck().Address }

// authenticated reports whether the sender is who the From says.
func (f *filing) authenticated() bool { return f.senderCheck().Authenticated }

// fromReferrer reports whether the message comes, authenticated, from
// the case's referrer.
func (f *filing) fromReferrer(c *intake.Case) bool {
	s := f.senderCheck()
	return s.Authenticated && s.Address != "" && strings.EqualFold(s.Address, c.Referrer)
}

// senderWords names the sender for a person (the address, and whether
// it was authenticated), never for a log.
func (f *filing) senderWords() string {
	s := f.senderCheck()
	switch {
	case s.Address == "":
		return "a sender whose address could not be read (" + s.Problem + ")"
	case !s.Authenticated:
		return fmt.Sprintf("%s (not authenticated: %s)", s.Address, s.How)
	}
	return s.Address
}

// needsPerson puts the message in the queue a person works through, with
// the reason in words.
func (f *filing) needsPerson(ref, why string) (string, string, error) {
	f.caseRef = ref
	if err := f.audit("message.needs_person", ref, f.msg.ID, "%s", why); err != nil {
		return "", "", err
	}
	return intake.MessageNeedsPerson, why, nil
}
