package casework

import (
	"bufio"
	"bytes"
	"mime"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"

	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-msgauth/authres"
)

// Trust is how intake decides that an email really comes from the
// address it claims (docs/design.md, Trust). Anyone can write a From header,
// and anyone can write an Authentication-Results header too: intake
// believes only the results of the receiving servers named in
// AuthservIDs (the partnership's own gateway, or Exchange Online), and of
// those only the topmost, which that server added itself (it removes any
// copy bearing its name that arrived with the message).
//
// A sender is authenticated when that header shows DMARC passing, or
// DKIM passing for a domain aligned with the From domain (the same
// domain, or one it is a subdomain of). A deployment whose server adds no
// Authentication-Results can name, per agency domain, the weaker policy
// of believing the From address alone (UnauthenticatedDomains): intake
// then says so in the audit trail of every message it believes that way.
type Trust struct {
	AuthservIDs            []string
	UnauthenticatedDomains []string
}

// senderCheck is what intake makes of a message's sender.
type senderCheck struct {
	Address       string // the From address, strictly parsed and lower-cased; "" if it does not parse
	Problem       string // why there is no address, in words
	Authenticated bool
	How           string // how it was (or was not) authenticated, for the audit trail
}

// check reads the sender of raw (only its header is read).
func (t Trust) check(raw []byte) senderCheck { return t.checkHeader(readHeader(raw)) }

// checkHeader reads the sender from a message header as readHeader read
// it (h may be partial when err is not nil).
func (t Trust) checkHeader(h textproto.MIMEHeader, err error) senderCheck {
	if err != nil && len(h) == 0 {
		return senderCheck{Problem: "the message header could not be read"}
	}
	froms := h.Values("From")
	if len(froms) != 1 {
		return senderCheck{Problem: "the message has no single From header"}
	}
	addr, err := parseStrictAddress(froms[0])
	if err != nil {
		return senderCheck{Problem: "the From header is not a valid email address"}
	}
	s := senderCheck{Address: addr}
	domain := addr[strings.LastIndex(addr, "@")+1:]
	s.Authenticated, s.How = t.authenticate(h.Values("Authentication-Results"), domain)
	if !s.Authenticated && slices.ContainsFunc(t.UnauthenticatedDomains, func(d string) bool { return strings.EqualFold(d, domain) }) {
		s.Authenticated, s.How = true, "believed by its From address alone: "+domain+" is configured without authentication (trust.unauthenticated_domains)"
	}
	return s
}

// authenticate reads the topmost Authentication-Results header of a
// trusted server.
func (t Trust) authenticate(headers []string, fromDomain string) (bool, string) {
	for _, v := range headers {
		id, results, err := authres.Parse(v)
		if err != nil || !slices.ContainsFunc(t.AuthservIDs, func(a string) bool { return strings.EqualFold(a, id) }) {
			continue
		}
		for _, r := range results {
			switch r := r.(type) {
			case *authres.DMARCResult:
				if r.Value == authres.ResultPass && (r.From == "" || strings.EqualFold(r.From, fromDomain)) {
					return true, "dmarc=pass at " + id
				}
			case *authres.DKIMResult:
				if r.Value == authres.ResultPass && aligned(dkimDomain(r), fromDomain) {
					return true, "dkim=pass aligned with the From domain at " + id
				}
			}
		}
		return false, "no passing DMARC, or aligned DKIM, at " + id
	}
	if len(t.AuthservIDs) == 0 {
		return false, "no trusted receiving server is configured (trust.authserv_ids)"
	}
	return false, "no Authentication-Results from a trusted receiving server"
}

func dkimDomain(r *authres.DKIMResult) string {
	if r.Domain != "" {
		return r.Domain
	}
	if _, d, ok := strings.Cut(r.Identifier, "@"); ok {
		return d
	}
	return ""
}

// aligned reports relaxed alignment: the signing domain is the From
// domain or a parent of it.
func aligned(d, from string) bool {
	d, from = strings.ToLower(strings.TrimSuffix(d, ".")), strings.ToLower(from)
	return d != "" && (d == from || strings.HasSuffix(from, "."+d))
}

// parseStrictAddress reads exactly one RFC 5322 address (net/mail is
// strict); anything else is an error, never an address made of the raw
// text.
func parseStrictAddress(v string) (string, error) {
	list, err := addressParser.ParseList(v)
	if err != nil || len(list) != 1 {
		if err == nil {
			err = errNotOneAddress
		}
		return "", err
	}
	a := strings.ToLower(list[0].Address)
	if !strings.Contains(a, "@") {
		return "", errNotOneAddress
	}
	return a, nil
}

// addressParser decodes display names in any charset go-message knows.
var addressParser = &mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader}}

type addrError string

func (e addrError) Error() string { return string(e) }

const errNotOneAddress = addrError("casework: not exactly one address")

// headerOf returns the header block of raw (up to the first blank line).
// readHeader parses raw's header; on an error, h holds what was read
// before it.
func readHeader(raw []byte) (h textproto.MIMEHeader, err error) {
	return textproto.NewReader(bufio.NewReader(bytes.NewReader(headerOf(raw)))).ReadMIMEHeader()
}

func headerOf(raw []byte) []byte {
	for _, sep := range [][]byte{[]byte("\r\n\r\n"), []byte("\n\n")} {
		if i := bytes.Index(raw, sep); i >= 0 {
			return raw[:i+len(sep)]
		}
	}
	return append(append([]byte(nil), raw...), "\r\n\r\n"...)
}
