package parse

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

func TestFormKind(t *testing.T) {
	tab := labels.Default()
	fields := func(labels ...string) []form.RawField {
		var out []form.RawField
		for _, l := range labels {
			out = append(out, form.RawField{Labels: []string{l}, Value: "x"})
		}
		return out
	}
	for _, c := range []struct {
		labels []string
		hint   string
		want   string
	}{
		{[]string{"Child's name", "Date of incident", "Name of referrer"}, "", labels.FormReferral},
		{[]string{"Child's name", "Summary of involvement", "Signed off by"}, "", labels.FormSummary},
		// Shared wordings only: the title decides.
		{[]string{"Agency", "Email", "Child's name"}, "Rapid Review Agency Information Form", labels.FormSummary},
		{[]string{"Agency", "Email", "Child's name"}, "referral.docx", labels.FormReferral},
		// A referral sent under a summary request's subject is a referral.
		{[]string{"Name of referrer", "Date of incident", "Has the child died or been seriously harmed?", "Date the local authority became aware"},
			"RE: Agency summary request KSCMP-2026-0042", labels.FormReferral},
	} {
		if got := formKind(tab, fields(c.labels...), c.hint); got != c.want {
			t.Errorf("formKind(%q, %q) = %s; want %s", c.labels, c.hint, got, c.want)
		}
	}
}

func TestHeaderFacts(t *testing.T) {
	raw := []byte("From: \"Forsythe, Nadia\" <nadia@police.kestmoor.example>\r\n" +
		"Reply-To: ppu@police.kestmoor.example\r\n" +
		"Subject: =?utf-8?Q?Re=3A_summary_=E2=80=93_update?=\r\n" +
		"Date: Thu, 12 Nov 2026 14:00:00 +0000\r\n" +
		"Message-ID: <m1@police.kestmoor.example>\r\n" +
		"In-Reply-To: <kscmp-2026-0042.request@kscmp.example>\r\n" +
		"References: <a@x.example> <kscmp-2026-0042.request@kscmp.example>\r\n" +
		"\r\nThanks, will reply shortly.\r\n")
	r := parseMsg(t, raw, DefaultOptions())
	if r.Kind != KindOther || r.Subject != "Re: summary – update" || r.From != "nadia@police.kestmoor.example" ||
		r.ReplyTo != "ppu@police.kestmoor.example" || r.MessageID != "<m1@police.kestmoor.example>" {
		t.Errorf("header facts: %+v", r)
	}
	if !r.Date.Equal(time.Date(2026, 11, 12, 14, 0, 0, 0, time.UTC)) {
		t.Errorf("date %v", r.Date)
	}
	if r.CaseRef == nil || *r.CaseRef != "KSCMP-2026-0042" {
		t.Errorf("case ref from In-Reply-To: %v", r.CaseRef)
	}
	if !reflect.DeepEqual(r.References, []string{"<a@x.example>", "<kscmp-2026-0042.request@kscmp.example>"}) {
		t.Errorf("references %q", r.References)
	}
	if r.Screening != nil || r.Source != "" || len(r.Fields) != 0 {
		t.Errorf("other mail carries a form: %+v", r)
	}
}

func TestBouncedMessageIDs(t *testing.T) {
	raw, err := os.ReadFile("../testdata/forms/eml/bounce-dsn.eml")
	if err != nil {
		t.Skip("fixtures missing")
	}
	r := parseMsg(t, raw, DefaultOptions())
	if r.Kind != KindBounce || !reflect.DeepEqual(r.BouncedMessageIDs, []string{"<KSCMP-2026-0042.ack@kscmp.example>"}) {
		t.Errorf("got %s %q", r.Kind, r.BouncedMessageIDs)
	}
}

func TestParseFormText(t *testing.T) {
	txt := "Name of referrer: Jo\nChild's name: A.B.\nDate of incident: 03/11/2026\nDate of referral: 05/11/2026\nDate LA became aware: 02/10/2026\nCase ref: kscmp-2026-0007\n"
	r := parseFile(t, "referral.txt", []byte(txt), DefaultOptions())
	if r.Kind != KindReferral || r.Source != "attachment:referral.txt" || r.File != "referral.txt" {
		t.Fatalf("got %+v", r)
	}
	if r.CaseRef == nil || *r.CaseRef != "KSCMP-2026-0007" {
		t.Errorf("case ref %v", r.CaseRef)
	}
	// Judged at the referral date, not today: 2 Oct + 5 working days is
	// long before 5 Nov.
	if !strings.Contains(strings.Join(r.Screening.Flags, ","), intake.FlagNotificationOverdue) {
		t.Errorf("flags %v", r.Screening.Flags)
	}
	r = parseFile(t, "notes.txt", []byte("Hello there.\n"), DefaultOptions())
	if r.Kind != KindOther || r.Source != "" {
		t.Errorf("no form: got %s %q", r.Kind, r.Source)
	}
}

func TestOutlookMsg(t *testing.T) {
	r := parseFile(t, "referral.msg", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), DefaultOptions())
	if r.Kind != KindUnreadable || !strings.Contains(strings.Join(r.Warnings, " "), ".msg") {
		t.Errorf("got %s %q", r.Kind, r.Warnings)
	}
}

func TestDOBGivenAsAge(t *testing.T) {
	tab := labels.Default()
	fm := mapFields(tab, []form.RawField{{Labels: []string{"DOB/age"}, Value: "14 yrs"}}, labels.FormReferral)
	if fm.Fields["child_age"] != 14.0 || fm.Fields["child_dob"] != nil || len(fm.Warnings) != 0 {
		t.Errorf("got %v %q", fm.Fields, fm.Warnings)
	}
}

// TestTNEFCarriesForm checks that a form inside winmail.dat is read as an
// attachment of the message.
func TestTNEFCarriesForm(t *testing.T) {
	docx, err := os.ReadFile("../testdata/forms/docx/referral_plain_tables.docx")
	if err != nil {
		t.Skip("docx fixture missing")
	}
	opts := DefaultOptions()
	rd := formatReaders
	rd.tnef = func(b []byte, _ form.Limits) ([]form.Attachment, error) {
		return []form.Attachment{{Name: "Referral form.docx", Data: docx}}, nil
	}
	opts.readers = &rd
	raw := hostileMessage(`multipart/mixed; boundary="z"`, "--z\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n--z\r\n"+
		"Content-Type: application/ms-tnef; name=winmail.dat\r\nContent-Disposition: attachment; filename=winmail.dat\r\n\r\nTNEF\r\n--z--\r\n")
	r := parseMsg(t, raw, opts)
	if r.Kind != KindReferral || r.Source != "attachment:Referral form.docx" {
		t.Errorf("got %s %q %q", r.Kind, r.Source, r.Warnings)
	}
}

// TestParseCancelled: a context that has ended stops Parse, which says so
// with the context's error rather than a result that would file the
// message as read.
func TestParseCancelled(t *testing.T) {
	raw, err := os.ReadFile("../testdata/forms/eml/fresh-wording-pdf.eml")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, err := Parse(ctx, raw, DefaultOptions()); !errors.Is(err, context.Canceled) || r.Kind != "" {
		t.Errorf("got %q, %v; want no result and context.Canceled", r.Kind, err)
	}
	if _, err := ParseFile(ctx, "form.pdf", []byte("%PDF-1.4\n%%EOF\n"), DefaultOptions()); !errors.Is(err, context.Canceled) {
		t.Errorf("ParseFile: got %v; want context.Canceled", err)
	}
	// Cancelled while a reader runs: the reader's own context ends it.
	ctx, cancel = context.WithCancel(context.Background())
	opts := DefaultOptions()
	rd := formatReaders
	rd.pdf = func(rctx context.Context, _ []byte, _ form.Limits) (form.Extraction, error) {
		cancel()
		<-rctx.Done()
		return form.Extraction{}, rctx.Err()
	}
	opts.readers = &rd
	if _, err := Parse(ctx, raw, opts); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled inside the PDF reader: got %v; want context.Canceled", err)
	}
}
