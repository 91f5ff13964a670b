package parse

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kscmp/intake/parse/docx"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/labels"
)

var kinds = map[string]bool{KindReferral: true, KindAgencySummary: true, KindAutoReply: true, KindBounce: true, KindOther: true, KindUnreadable: true}

// FuzzParse walks arbitrary messages: Parse must not panic (recovery is
// off here), must stay within its limits, and must always give a result
// that prints as the JSON contract says.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("../testdata/forms/eml/*.eml")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Add(hostileMessage(`multipart/mixed; boundary="b"`, "--b\r\nContent-Type: message/rfc822\r\n\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n--c\r\nContent-Type: text/html\r\n\r\n<table><tr><td>Child's name</td><td>A</td></tr></table>\r\n--c--\r\n--b--\r\n"))
	opts := DefaultOptions()
	opts.Limits.MaxParts = 50
	opts.Limits.MaxDepth = 5
	// The form readers have fuzz targets of their own, and .doc goes to a
	// converter: here they read the attachment's bytes as body text, so
	// that the walk and what follows it are fuzzed at full speed.
	asText := func(_ context.Context, b []byte, _ form.Limits) (form.Extraction, error) {
		return form.Extraction{Fields: bodyFields(string(b), defaultTable)}, nil
	}
	opts.readers = &readers{
		docx: asText,
		pdf:  asText,
		doc: func(ctx context.Context, b []byte, l form.Limits, _ docx.Converter) (form.Extraction, error) {
			return asText(ctx, b, l)
		},
		tnef: func(b []byte, _ form.Limits) ([]form.Attachment, error) {
			if len(b) < 8 {
				return nil, errors.New("parse: reading winmail.dat: short")
			}
			return []form.Attachment{{Name: "inner.txt", Data: b[8:]}}, nil
		},
	}
	// A panic in Parse is to be found, not reported as unreadable.
	opts.keepPanics = true
	f.Fuzz(func(t *testing.T, raw []byte) {
		r, err := Parse(context.Background(), raw, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !kinds[r.Kind] || r.Fields == nil || r.Warnings == nil {
			t.Fatalf("bad result: %#v", r)
		}
		if r.Kind == KindReferral && r.Screening == nil {
			t.Fatalf("referral without screening")
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzLabels reads arbitrary body text and labels: label matching, the
// body reader and every normaliser must not panic, and a label must
// normalise to the same words twice over.
func FuzzLabels(f *testing.F) {
	for _, s := range []string{
		"3a. Date of incident (dd/mm/yyyy): 3rd Nov 2026",
		"Child’s name – please specify: A.B.",
		"txtChildDOB",
		"Harm outcome: ☒ Died ☐ Seriously harmed\nType of abuse: [X] Physical [ ] Sexual",
		"Is there a police investigation? Yes - see above\tX",
		"Criterion 1: The child has died: Yes",
		"(((((", "[x][X](x)☒☐", "q1 a) i. 1.2.3",
		"Criterion 2 – Is the harm linked to known or suspected abuse/neglect? N",
		"Child's D.O.B.: 3/11/15\nName of the young person: N.O.\nAgencies that know the family:\nPolice and School",
	} {
		f.Add(s)
	}
	tab := defaultTable
	keys := defaultKeys(f)
	f.Fuzz(func(t *testing.T, s string) {
		labels.Norm(s)
		tab.Lookup(s) // the word rules too
		raws := bodyFields(s, tab)
		mapFields(tab, raws, labels.FormReferral)
		mapFields(tab, raws, labels.FormSummary)
		for _, rf := range raws {
			for _, k := range keys {
				normValue(tab.Key(k), rf.Value)
			}
		}
		normDate(s)
		normBool(s)
		normHarm(s)
		normAbuseTypes(s)
		normAbuseOrNeglect(s)
		normList(s, nil)
		normAge(s)
		htmlToText(s)
		stripQuoted(s, s, func(l string) bool { return isLabelLine(l, tab) })
	})
}
