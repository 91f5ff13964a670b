package docx

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/kscmp/intake/parse/form"
)

// FuzzReadDOCX feeds the reader whole files (seeded with every fixture)
// and, so that mutations reach the XML walker and not only the zip reader,
// bare document.xml bodies that the target packs into a .docx itself.
// Whatever the input, Read must return fields or an *form.UnreadableError,
// never panic or hang.
func FuzzReadDOCX(f *testing.F) {
	entries, err := os.ReadDir(docxDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(docxDir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		if len(b) < 64<<10 {
			f.Add(b)
		}
	}
	for _, body := range []string{
		`<w:p><w:r><w:t>Name of child: Jay Example</w:t></w:r></w:p>`,
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Date of birth</w:t></w:r></w:p></w:tc><w:tc><w:p><w:sdt><w:sdtPr><w:alias w:val="DOB"/><w:date w:fullDate="2015-11-03T00:00:00Z"/></w:sdtPr><w:sdtContent><w:r><w:t>03/11/2015</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr></w:tbl>`,
		`<w:p><w:r><w:t>Looked after? </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="LAC"/><w:checkBox><w:default w:val="0"/><w:checked/></w:checkBox></w:ffData></w:fldChar></w:r><w:r><w:instrText> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> Yes</w:t></w:r></w:p>`,
		`<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:ddList><w:result w:val="1"/><w:listEntry w:val="Died"/><w:listEntry w:val="Seriously harmed"/></w:ddList></w:ffData></w:fldChar></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
		`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Agencies</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r><w:del><w:r><w:delText>Police</w:delText></w:r></w:del><w:ins><w:r><w:t>School</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>`,
	} {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !bytes.HasPrefix(b, []byte("PK")) && !isOLE(b) {
			b = docxOf(t, string(b))
		}
		ex, err := Read(context.Background(), b, form.DefaultLimits())
		if err != nil {
			var u *form.UnreadableError
			if !errors.As(err, &u) {
				t.Fatalf("error is not an *form.UnreadableError: %v", err)
			}
			return
		}
		for _, fl := range ex.Fields {
			if len(fl.Labels) == 0 {
				t.Fatalf("field without a label: %#v", fl)
			}
			for _, l := range fl.Labels {
				if l == "" || !utf8.ValidString(l) {
					t.Fatalf("bad label %q", l)
				}
			}
		}
	})
}
