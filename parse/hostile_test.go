package parse

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/internal/cpubound"
)

// hostileMessage builds a message around a body given as parts.
func hostileMessage(contentType, body string) []byte {
	return []byte("From: x@kestmoor.example\r\nSubject: test\r\nMessage-ID: <h@kestmoor.example>\r\nMIME-Version: 1.0\r\nContent-Type: " +
		contentType + "\r\n\r\n" + body)
}

func TestHostileMessages(t *testing.T) {
	opts := DefaultOptions()

	var many strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&many, "--b\r\nContent-Type: text/plain\r\n\r\npart %d\r\n", i)
	}
	many.WriteString("--b--\r\n")

	var deep strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&deep, "--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n", i, i+1)
	}
	deep.WriteString("--b200\r\nContent-Type: text/plain\r\n\r\nChild's name: deep\r\n")

	var deep822 strings.Builder
	for i := 0; i < 50; i++ {
		deep822.WriteString("Content-Type: message/rfc822\r\n\r\n")
	}
	deep822.WriteString("Content-Type: text/plain\r\n\r\nhello\r\n")

	for _, c := range []struct {
		name     string
		raw      []byte
		kind     string
		warnLike string
	}{
		{"over the size limit", append(hostileMessage("text/plain", ""), bytes.Repeat([]byte("a"), int(opts.Limits.MaxMessageBytes))...), KindUnreadable, "larger than"},
		{"1000 parts", hostileMessage(`multipart/mixed; boundary="b"`, many.String()), KindOther, "more than 500 parts"},
		{"deep multipart nesting", hostileMessage(`multipart/mixed; boundary="b0"`, deep.String()), KindOther, "nested more than"},
		{"deep message/rfc822 nesting", hostileMessage("message/rfc822", deep822.String()), KindOther, "nested more than"},
		{"no header", []byte("\x00\x01\x02 not a message"), "", ""},
		{"boundary never closed", hostileMessage(`multipart/mixed; boundary="z"`, "--z\r\nContent-Type: text/plain\r\n\r\nunfinished"), KindOther, ""},
		{"bad transfer encoding", hostileMessage(`multipart/mixed; boundary="z"`, "--z\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-rot13\r\n\r\nhi\r\n--z\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!!\r\n--z--\r\n"), "", "unknown transfer encoding"},
		{"empty", nil, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			// At most 5 s of CPU time, not of the clock: on a loaded
			// machine the clock runs on while others work (issue 14).
			var r Result
			var err error
			cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { r, err = Parse(context.Background(), c.raw, opts) })
			if err != nil {
				t.Fatal(err)
			}
			if c.kind != "" && r.Kind != c.kind {
				t.Errorf("kind = %q; want %q (warnings %q)", r.Kind, c.kind, r.Warnings)
			}
			if c.warnLike != "" && !strings.Contains(strings.Join(r.Warnings, "|"), c.warnLike) {
				t.Errorf("warnings %q; want one like %q", r.Warnings, c.warnLike)
			}
			if c.kind != "" && r.MessageID != "<h@kestmoor.example>" {
				t.Errorf("message id %q; want the header read", r.MessageID)
			}
			if r.Warnings == nil || r.Fields == nil {
				t.Errorf("warnings or fields nil: %#v", r)
			}
		})
	}
}

// TestPanicBecomesUnreadable checks that a panic in a form reader, or in
// Parse itself, ends as a result and not a crash.
func TestPanicBecomesUnreadable(t *testing.T) {
	panicky := DefaultOptions()
	rd := formatReaders
	rd.pdf = func(context.Context, []byte, form.Limits) (form.Extraction, error) { panic("boom") }
	panicky.readers = &rd
	raw := hostileMessage(`multipart/mixed; boundary="z"`, "--z\r\nContent-Type: application/pdf\r\nContent-Disposition: inline; filename=scan.pdf\r\n\r\n%PDF-1.4\r\n--z--\r\n")
	r := parseMsg(t, raw, panicky)
	if r.Kind != KindUnreadable || !strings.Contains(strings.Join(r.Warnings, "|"), "damaged") {
		t.Errorf("got %q %q; want unreadable, damaged", r.Kind, r.Warnings)
	}
	r = parseForm(t, "scan.pdf", []byte("%PDF-1.4"), panicky)
	if r.Kind != KindUnreadable {
		t.Errorf("ParseForm: got %q; want unreadable", r.Kind)
	}

	opts := DefaultOptions()
	opts.Now = func() time.Time { panic("clock") }
	body := "Child's name: A\nDate of incident: 01/11/2026\nDate LA became aware: 02/11/2026\nOutcome: died\n"
	r = parseMsg(t, hostileMessage("text/plain", body), opts)
	if r.Kind != KindUnreadable || r.Screening != nil {
		t.Errorf("panic in Parse: got %q %v; want unreadable", r.Kind, r.Screening)
	}
}

func TestRandomBytesNamedPDF(t *testing.T) {
	b := make([]byte, 2<<20)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	var r Result
	cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { r, _ = ParseFile(context.Background(), "scan.pdf", b, DefaultOptions()) })
	if r.Kind != KindUnreadable {
		t.Errorf("got %q; want unreadable", r.Kind)
	}
}

// TestHostileAttachments attaches every hostile form fixture of the docx
// and PDF readers to a message: each must end as unreadable, with a
// reason, within five seconds.
func TestHostileAttachments(t *testing.T) {
	var files []string
	for _, g := range []string{"../testdata/forms/docx/hostile_*", "../testdata/forms/pdf/bad-xref.pdf", "../testdata/forms/pdf/encrypted.pdf",
		"../testdata/forms/pdf/truncated.pdf", "../testdata/forms/pdf/prev-loop.pdf", "../testdata/forms/pdf/huge-xref.pdf"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Skip("no hostile fixtures")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(f)
			raw := hostileMessage(`multipart/mixed; boundary="z"`, "--z\r\nContent-Type: text/plain\r\n\r\nForm attached.\r\n--z\r\n"+
				"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\""+name+"\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"+
				base64.StdEncoding.EncodeToString(data)+"\r\n--z--\r\n")
			opts := DefaultOptions()
			opts.Limits.PDFTimeout = 2 * time.Second
			var r Result
			cpubound.Within(t, 5*time.Second, cpubound.Hang, func() { r, _ = Parse(context.Background(), raw, opts) })
			if r.Kind != KindUnreadable || len(r.Warnings) == 0 || r.Source != "attachment:"+name {
				t.Errorf("got %s %q %q; want unreadable with a reason", r.Kind, r.Source, r.Warnings)
			}
		})
	}
}
