package parse

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// replyWith is a SPOC's reply to a summary request with form attached.
func replyWith(name string, form []byte) []byte {
	b64 := base64.StdEncoding.EncodeToString(form)
	var wrapped strings.Builder
	for len(b64) > 76 {
		wrapped.WriteString(b64[:76] + "\r\n")
		b64 = b64[76:]
	}
	wrapped.WriteString(b64 + "\r\n")
	return []byte("From: Riley Example <riley.example@kestmoor.police.example>\r\n" +
		"To: reviews@kscmp.example\r\n" +
		"Subject: Re: [KSCMP-2026-0042] Agency summary requested from Kestmoor Police\r\n" +
		"Date: Mon, 16 Nov 2026 15:00:00 +0000\r\n" +
		"Message-ID: <reply-1@kestmoor.police.example>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlease find our summary attached.\r\n" +
		"--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n" +
		"Content-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		wrapped.String() + "--b--\r\n")
}

// TestPartnershipAgencyForm checks that the agency summary form intake
// attaches to its summary requests (notify/forms, made by
// internal/gen/docxforms) is one intake reads back. Returned filled in
// (the generator's filled copy of the same form), every canonical
// agency-summary key is read from it, with no warning; returned blank,
// no answer is read (at most an unanswered involvement question), so a
// placeholder is never taken for an answer; and every box in the blank
// form is tagged with the canonical key it answers.
func TestPartnershipAgencyForm(t *testing.T) {
	filled, err := os.ReadFile("../testdata/forms/docx/agency_summary_kscmp_form_filled.docx")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(context.Background(), replyWith("rapid-review-agency-information-form.docx", filled), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Kind != KindAgencySummary {
		t.Fatalf("the filled-in form parses as %q, want %q (warnings %q)", res.Kind, KindAgencySummary, res.Warnings)
	}
	if res.CaseRef == nil || *res.CaseRef != "KSCMP-2026-0042" {
		t.Errorf("case_ref %v, want KSCMP-2026-0042", res.CaseRef)
	}
	want := map[string]any{
		"case_ref": "KSCMP-2026-0042", "agency": "Kestmoor Police", "author_name": "Riley Example",
		"author_role": "Detective sergeant, public protection unit", "author_email": "riley.example@kestmoor.police.example",
		"completed_date": "2026-11-16", "child_name": "Jay Example", "child_dob": "2015-11-03", "involvement": true,
		"involvement_from": "2025-06-01", "involvement_to": "2026-11-04",
		"summary":         "Two domestic abuse call-outs to the family home in 2025.\nA referral to children's social care followed each.",
		"analysis":        "The second call-out was not linked to the first when it was risk assessed.",
		"learning":        "Repeat call-outs to a home with young children need a single view.",
		"actions_taken":   "Call handlers briefed on checking previous call-outs.",
		"recommendations": "None at this stage.",
		"signed_off_by":   "Morgan Sample, Detective Inspector",
	}
	if !reflect.DeepEqual(res.Fields, want) {
		t.Errorf("the filled-in form's fields:\n got %v\nwant %v", res.Fields, want)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings on the partnership's own form: %q", res.Warnings)
	}

	blank, err := os.ReadFile("../notify/forms/agency-summary-form.docx")
	if err != nil {
		t.Fatal(err)
	}
	if res, err = Parse(context.Background(), replyWith("rapid-review-agency-information-form.docx", blank), Options{}); err != nil {
		t.Fatal(err)
	}
	if res.Kind == KindUnreadable {
		t.Errorf("the blank form is unreadable: %q", res.Warnings)
	}
	for k, v := range res.Fields {
		if v != nil {
			t.Errorf("the blank form answers %s = %#v: a placeholder or hint was taken for an answer", k, v)
		}
	}

	// Every box is tagged with the canonical key it answers.
	zr, err := zip.NewReader(bytes.NewReader(blank), int64(len(blank)))
	if err != nil {
		t.Fatal(err)
	}
	var doc []byte
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			doc, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	var tags []string
	for _, m := range regexp.MustCompile(`<w:tag w:val="([^"]*)"/>`).FindAllStringSubmatch(string(doc), -1) {
		tags = append(tags, m[1])
	}
	sort.Strings(tags)
	var keys []string
	for k := range want {
		if k != "involvement" { // two tick boxes, Yes and No, read from their row
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if !reflect.DeepEqual(tags, keys) {
		t.Errorf("the blank form's content control tags:\n got %v\nwant %v", tags, keys)
	}
}
