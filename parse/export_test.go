package parse

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestLibreOfficeExportsReadAsWord reads the Word fixtures and the PDFs
// LibreOffice exported of them (internal/gen/corpus): a text PDF, with
// its tables, tick boxes and drawn checkboxes, must give the fields the
// .docx gives.
func TestLibreOfficeExportsReadAsWord(t *testing.T) {
	for docx, pdf := range map[string]string{
		"referral_plain_tables.docx":     "libreoffice-referral-plain-tables.pdf",
		"referral_content_controls.docx": "libreoffice-referral-content-controls.pdf",
		"referral_legacy_fields.docx":    "libreoffice-referral-legacy-fields.pdf",
		"agency_summary.docx":            "libreoffice-agency-summary.pdf",
		"referral_fresh_wording.docx":    "libreoffice-referral-fresh-wording.pdf",
	} {
		t.Run(pdf, func(t *testing.T) {
			db, err := os.ReadFile(filepath.Join("../testdata/forms/docx", docx))
			if err != nil {
				t.Fatal(err)
			}
			pb, err := os.ReadFile(filepath.Join("../testdata/forms/pdf", pdf))
			if err != nil {
				t.Fatal(err)
			}
			w := parseForm(t, docx, db, DefaultOptions())
			p := parseForm(t, pdf, pb, DefaultOptions())
			if p.Kind != w.Kind || !reflect.DeepEqual(collapse(jsonOf(t, p.Fields)), collapse(jsonOf(t, w.Fields))) {
				for k, v := range w.Fields {
					if !reflect.DeepEqual(collapse(jsonOf(t, v)), collapse(jsonOf(t, p.Fields[k]))) {
						t.Errorf("%s: PDF %#v, Word %#v", k, p.Fields[k], v)
					}
				}
				for k, v := range p.Fields {
					if _, ok := w.Fields[k]; !ok {
						t.Errorf("%s: PDF %#v, not in Word", k, v)
					}
				}
			}
		})
	}
}
