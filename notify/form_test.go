package notify

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-message"
	"github.com/kscmp/intake"
)

// sentEmail is one built email, taken apart again.
type sentEmail struct {
	text        string
	html        string
	attachments map[string][]byte
}

// buildEmail renders n with the form setting form and builds the email
// a SPOC would receive, then reads it back as a mail client would.
func buildEmail(t *testing.T, form string, n intake.Notice) sentEmail {
	t.Helper()
	r, err := NewRenderer(testSite, "")
	if err != nil {
		t.Fatal(err)
	}
	s := &Sender{Renderer: r, Envelope: Envelope{From: testFrom}, SummaryForm: form}
	rendered, err := s.Render(context.Background(), n, t0)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := BuildMessage(s.Envelope, n.To, n, "form-test@kestmoor.example", rendered, t0)
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		t.Fatal(err)
	}
	e, err := message.Read(&raw)
	if err != nil {
		t.Fatal(err)
	}
	out := sentEmail{attachments: map[string][]byte{}}
	err = e.Walk(func(_ []int, part *message.Entity, err error) error {
		if err != nil {
			return err
		}
		mt, _, _ := part.Header.ContentType()
		if strings.HasPrefix(mt, "multipart/") {
			return nil
		}
		body, err := io.ReadAll(part.Body)
		if err != nil {
			return err
		}
		if disp, params, _ := part.Header.ContentDisposition(); disp == "attachment" {
			out.attachments[params["filename"]] = body
			return nil
		}
		switch mt {
		case "text/plain":
			out.text = string(body)
		case "text/html":
			out.html = string(body)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func summaryRequest() intake.Notice {
	return intake.Notice{Key: "summary_request:" + testRef + ":police", Kind: intake.NoticeSummaryRequest, CaseRef: testRef,
		To: []string{"spoc@kestmoor-police.example"}, Agency: "police", DueDate: intake.Date(2026, 3, 13)}
}

func chaser() intake.Notice {
	return intake.Notice{Key: "chaser:" + testRef + ":police:1", Kind: intake.NoticeChaser, CaseRef: testRef,
		To: []string{"spoc@kestmoor-police.example"}, Agency: "police", ChaserNumber: 1,
		DueDate: intake.Date(2026, 3, 13), NotBefore: t0}
}

// The words that promise a form: none may appear in an email without one.
var formPromises = []string{"complete the attached", "the completed form", "attached again", "return the form"}

func TestSummaryRequestCarriesTheBuiltInFormByDefault(t *testing.T) {
	for _, n := range []intake.Notice{summaryRequest(), chaser()} {
		e := buildEmail(t, "", n)
		got, ok := e.attachments[DefaultSummaryFormName]
		if !ok || len(e.attachments) != 1 {
			t.Fatalf("%s: attachments %v, want only %s", n.Kind, keys(e.attachments), DefaultSummaryFormName)
		}
		if !bytes.Equal(got, DefaultSummaryForm()) {
			t.Errorf("%s: the attached form (%d bytes) is not the built-in one (%d bytes)", n.Kind, len(got), len(DefaultSummaryForm()))
		}
		want := map[intake.NoticeKind]string{intake.NoticeSummaryRequest: "Please complete the attached agency summary form",
			intake.NoticeChaser: "The form is attached again."}[n.Kind]
		if !strings.Contains(e.text, want) || !strings.Contains(e.html, want) {
			t.Errorf("%s: the text or HTML lacks %q:\n%s", n.Kind, want, e.text)
		}
	}
}

func TestSummaryRequestWithoutAFormPromisesNone(t *testing.T) {
	for _, n := range []intake.Notice{summaryRequest(), chaser()} {
		e := buildEmail(t, NoSummaryForm, n)
		if len(e.attachments) != 0 {
			t.Errorf("%s: attachments %v with summary_form_path = \"none\"", n.Kind, keys(e.attachments))
		}
		for _, body := range []string{e.text, e.html} {
			for _, p := range formPromises {
				if strings.Contains(body, p) {
					t.Errorf("%s without a form says %q:\n%s", n.Kind, p, body)
				}
			}
			if !strings.Contains(body, "your agency") || !strings.Contains(body, testRef) {
				t.Errorf("%s without a form does not ask for the agency's summary:\n%s", n.Kind, body)
			}
		}
	}
}

func TestSummaryRequestCarriesTheConfiguredForm(t *testing.T) {
	path := filepath.Join(t.TempDir(), "our-own-form.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4 an invented form"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := buildEmail(t, path, summaryRequest())
	if got := e.attachments["our-own-form.pdf"]; string(got) != "%PDF-1.4 an invented form" || len(e.attachments) != 1 {
		t.Errorf("attachments %v, want only our-own-form.pdf", keys(e.attachments))
	}
	if !strings.Contains(e.text, "Please complete the attached agency summary form") {
		t.Errorf("the text does not ask for the attached form:\n%s", e.text)
	}
	if _, err := (&Sender{SummaryForm: filepath.Join(t.TempDir(), "missing.docx")}).summaryForm(); err == nil {
		t.Error("a configured form that is missing is not an error")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
