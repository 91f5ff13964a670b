package notify

import (
	"bytes"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	gomail "github.com/wneessen/go-mail"
)

// mimePart is one leaf of a parsed message.
type mimePart struct {
	header mail.Header
	body   []byte
}

// leaves returns the leaf parts of a message, depth first; a
// message/rfc822 part is a leaf.
func leaves(t *testing.T, contentType string, header mail.Header, body io.Reader) []mimePart {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		t.Fatalf("parsing %q: %v", contentType, err)
	}
	if !strings.HasPrefix(mt, "multipart/") {
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		return []mimePart{{header: header, body: b}}
	}
	var out []mimePart
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, leaves(t, p.Header.Get("Content-Type"), mail.Header(p.Header), p)...)
	}
}

// forwardedPart returns the message/rfc822 part of a sent message.
func forwardedPart(t *testing.T, data []byte) (mimePart, bool) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range leaves(t, m.Header.Get("Content-Type"), m.Header, m.Body) {
		if strings.HasPrefix(p.header.Get("Content-Type"), "message/rfc822") {
			return p, true
		}
	}
	return mimePart{}, false
}

// redirectNotice forwards stored message id to an invented neighbour.
func redirectNotice(id int64) intake.Notice {
	return intake.Notice{Key: "redirect:" + testRef, Kind: intake.NoticeRedirect, CaseRef: testRef,
		To: []string{"referrals@eastholm-scp.example"}, Neighbour: "Eastholm Safeguarding Children Partnership",
		Reason: "The child and family moved to Eastholm in January.", ForwardMessage: id}
}

// TestRedirectForwardsTheStoredReferralWhole: the neighbour gets the
// referral as we received it, as a message/rfc822 attachment, byte for
// byte and unencoded (RFC 2046 section 5.2.1).
func TestRedirectForwardsTheStoredReferralWhole(t *testing.T) {
	h := newHarness(t)
	raw := readFixture(t, "forward/referral.eml")
	h.enqueue(redirectNotice(h.storeMessage(raw, nil, intake.MessageProcessed)))
	if n := h.sendOnce(); n != 1 {
		t.Fatalf("sent %d: %+v", n, h.rows()[0])
	}
	msg := h.server.Messages()[0]
	if len(msg.To) != 1 || msg.To[0] != "referrals@eastholm-scp.example" {
		t.Errorf("sent to %v", msg.To)
	}
	p, ok := forwardedPart(t, msg.Data)
	if !ok {
		t.Fatalf("no message/rfc822 part in:\n%s", msg.Data)
	}
	hd := p.header
	if cte := hd.Get("Content-Transfer-Encoding"); cte != "8bit" {
		t.Errorf("Content-Transfer-Encoding %q: a message/rfc822 part is 7bit, 8bit or binary", cte)
	}
	if _, params, _ := mime.ParseMediaType(hd.Get("Content-Disposition")); params["filename"] != "referral.eml" {
		t.Errorf("Content-Disposition %q", hd.Get("Content-Disposition"))
	}
	if !bytes.Equal(bytes.TrimRight(p.body, "\r\n"), bytes.TrimRight(raw, "\r\n")) {
		t.Errorf("the forwarded referral differs from the stored one:\n--- got\n%s\n--- want\n%s", p.body, raw)
	}
	inner, err := mail.ReadMessage(bytes.NewReader(p.body))
	if err != nil {
		t.Fatal(err)
	}
	if inner.Header.Get("Message-Id") != "<referral-1@kestmoor-health.example>" || inner.Header.Get("From") != "A Referrer <a.referrer@kestmoor-health.example>" {
		t.Errorf("forwarded header: %v", inner.Header)
	}
	if row := h.rows()[0]; row.State != intake.OutboxSent {
		t.Errorf("row %+v", row)
	}
}

// TestRedirectOfAnEightBitReferralNeeds8BITMIME: a referral with 8-bit
// octets goes unencoded, so the message is marked 8bit (go-mail then
// refuses a server without 8BITMIME, RFC 6152, a permanent failure),
// goes with BODY=8BITMIME, and arrives unchanged.
func TestRedirectOfAnEightBitReferralNeeds8BITMIME(t *testing.T) {
	h := newHarness(t)
	raw := []byte("From: a.referrer@kestmoor-health.example\r\nSubject: Referral\r\nMessage-ID: <r8@kestmoor-health.example>\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nNo\u00e9mie's school (invented).\r\n")
	for data, want := range map[string]string{string(raw): "8bit", string(readFixture(t, "forward/referral.eml")): "quoted-printable"} {
		m, err := BuildMessage(Envelope{From: testFrom}, []string{"referrals@eastholm-scp.example"}, redirectNotice(1), "x@kestmoor.example",
			Rendered{Subject: "s", Text: "t", Attachments: []Attachment{{Name: "referral.eml", ContentType: "message/rfc822", Data: []byte(data)}}}, t0)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Encoding(); got != want {
			t.Errorf("message encoding %q, want %q", got, want)
		}
	}
	if f := classify(&gomail.SendError{Reason: gomail.ErrNoUnencoded}); f.temporary {
		t.Error("a server without 8BITMIME is retried")
	}
	h.enqueue(redirectNotice(h.storeMessage(raw, nil, intake.MessageProcessed)))
	if n := h.sendOnce(); n != 1 {
		t.Fatalf("sent %d: %+v", n, h.rows()[0])
	}
	msg := h.server.Messages()[0]
	if msg.Body != "8BITMIME" {
		t.Errorf("BODY=%q, want 8BITMIME", msg.Body)
	}
	p, ok := forwardedPart(t, msg.Data)
	if !ok || !bytes.Contains(p.body, []byte("No\u00e9mie's school")) {
		t.Errorf("8-bit referral not forwarded unchanged:\n%s", msg.Data)
	}
}

// TestRedirectWithoutItsReferralFailsAtOnce: a redirect is never sent
// without the referral; when it cannot be read, the row fails at once,
// permanently, saying why, and nothing reaches the server.
func TestRedirectWithoutItsReferralFailsAtOnce(t *testing.T) {
	raw := readFixture(t, "forward/referral.eml")
	for name, tc := range map[string]struct {
		setup func(h *harness) int64
		why   string
	}{
		"purged": {func(h *harness) int64 {
			id := h.storeMessage(raw, nil, intake.MessageProcessed)
			if _, err := h.store.PurgeRaw(h.ctx, h.clock.Now().Add(time.Hour), "test", false); err != nil {
				t.Fatal(err)
			}
			return id
		}, "was purged from the store"},
		"missing":    {func(*harness) int64 { return 999 }, "(message 999) is not in the store"},
		"none named": {func(*harness) int64 { return 0 }, "names no stored referral"},
		"header only": {func(h *harness) int64 {
			return h.storeMessage(nil, []byte("Subject: x\r\n\r\n"), intake.MessageQuarantined)
		}, "only the header"},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t)
			h.enqueue(redirectNotice(tc.setup(h)))
			if n := h.sendOnce(); n != 0 {
				t.Fatalf("sent %d", n)
			}
			row := h.rows()[0]
			if row.State != intake.OutboxFailed || row.Attempts != 1 || !strings.HasPrefix(row.LastError, "permanent failure: ") ||
				!strings.Contains(row.LastError, tc.why) || !strings.Contains(row.LastError, "forward it by hand") &&
				!strings.Contains(row.LastError, "forward the referral by hand") {
				t.Errorf("row %s after %d attempts: %q", row.State, row.Attempts, row.LastError)
			}
			if len(h.server.Messages()) != 0 {
				t.Error("a redirect went without its referral")
			}
		})
	}
}

func TestHasBody(t *testing.T) {
	for raw, want := range map[string]bool{
		"":                            false,
		"Subject: x\r\n":              false,
		"Subject: x\r\n\r\n":          false,
		"Subject: x\r\n\r\n \r\n":     false,
		"Subject: x\r\n\r\nhello\r\n": true,
		"Subject: x\n\nhello\n":       true,
		"Subject: x\n\n\r\n\r\n":      false,
	} {
		if got := hasBody([]byte(raw)); got != want {
			t.Errorf("hasBody(%q) = %v, want %v", raw, got, want)
		}
	}
}
