package casework

import (
	"net/mail"
	"strings"
	"testing"
)

// FuzzSenderCheck feeds arbitrary From and Sender headers to the sender
// check: it must never panic, an address it returns must be exactly one
// valid RFC 5322 address, and a sender without an address is never
// authenticated.
func FuzzSenderCheck(f *testing.F) {
	for _, s := range []string{
		"Dana <dana@kestmoor-hospital.example>", "dana@kestmoor-hospital.example", "<>", "", "a@b, c@d",
		"=?windows-1252?q?Dana_M=FCller?= <dana@x.example>", "\"quoted, name\" <q@x.example>", "Dana <dana@x.example",
		"spoc@police.kestmoor.example (comment)", "undisclosed-recipients:;", "@", "a@", "\x00@x",
	} {
		f.Add(s, "")
	}
	trust := Trust{AuthservIDs: []string{mx}, UnauthenticatedDomains: []string{"x.example"}}
	f.Fuzz(func(t *testing.T, from, sender string) {
		if strings.ContainsAny(from+sender, "\r\n") {
			return // a header value cannot hold a line break
		}
		raw := "From: " + from + "\r\nSender: " + sender + "\r\nAuthentication-Results: " + mx + "; dmarc=pass\r\n\r\nbody"
		s := trust.check([]byte(raw))
		if s.Address == "" {
			if s.Authenticated {
				t.Fatalf("no address, yet authenticated: %+v", s)
			}
			return
		}
		if strings.Count(s.Address, "@") != 1 || s.Address != strings.ToLower(s.Address) {
			t.Fatalf("address %q", s.Address)
		}
		if _, err := mail.ParseAddress(s.Address); err != nil {
			t.Fatalf("address %q does not parse: %v", s.Address, err)
		}
	})
}

// FuzzAuthenticationResults feeds arbitrary Authentication-Results
// values: it must never panic, and only a result from the trusted
// authserv-id can authenticate.
func FuzzAuthenticationResults(f *testing.F) {
	for _, s := range []string{
		mx + "; dmarc=pass header.from=police.kestmoor.example",
		mx + "; dkim=pass header.d=kestmoor.example",
		mx + "; dkim=fail header.d=police.kestmoor.example",
		"evil.example; dmarc=pass header.from=police.kestmoor.example",
		mx + "; none", mx + ";", ";", "", mx + "; dkim=pass header.i=@kestmoor.example", mx + "; spf=pass smtp.mailfrom=x",
		mx + " 1; dmarc=pass (p=reject) header.from=police.kestmoor.example",
	} {
		f.Add(s)
	}
	trust := Trust{AuthservIDs: []string{mx}}
	f.Fuzz(func(t *testing.T, v string) {
		ok, how := trust.authenticate([]string{v}, "police.kestmoor.example")
		if ok && !strings.Contains(how, mx) {
			t.Fatalf("authenticated by %q from %q", how, v)
		}
		if ok, _ := (Trust{}).authenticate([]string{v}, "police.kestmoor.example"); ok {
			t.Fatalf("authenticated with no trusted server: %q", v)
		}
	})
}
