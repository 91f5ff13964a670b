package docx

import (
	"context"
	"reflect"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

// TestReadDOCXConstructs pins small constructs the fixtures do not show.
func TestReadDOCXConstructs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []form.RawField
	}{{
		name: "cell-level content control is read through",
		body: `<w:tbl><w:tr><w:sdt><w:sdtPr><w:tag w:val="row"/></w:sdtPr><w:sdtContent>` +
			`<w:tc><w:p><w:r><w:t>Name of child</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Jay Example</w:t></w:r></w:p></w:tc>` +
			`</w:sdtContent></w:sdt></w:tr></w:tbl>`,
		want: []form.RawField{dxf("Jay Example", "Name of child")},
	}, {
		name: "row-level repeating section",
		body: `<w:tbl><w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>Agency</w:t></w:r></w:p></w:tc>` +
			`<w:tc><w:p><w:r><w:t>Kestmoor Police</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>`,
		want: []form.RawField{dxf("Kestmoor Police", "Agency")},
	}, {
		name: "field spanning paragraphs",
		body: `<w:p><w:r><w:t>Summary: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Summary"/><w:textInput/></w:ffData></w:fldChar></w:r>` +
			`<w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>First line</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Second line</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
		want: []form.RawField{dxf("First line\nSecond line", "Summary")},
	}, {
		name: "carriage return, hidden text, symbol font text",
		body: `<w:p><w:r><w:t>Address: 1 Example Row</w:t><w:cr/><w:t>Kestmoor</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t> (hidden)</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Police investigation? </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Wingdings 2" w:hAnsi="Wingdings 2"/></w:rPr><w:t>T</w:t></w:r><w:r><w:t> Yes</w:t></w:r></w:p>`,
		want: []form.RawField{dxf("1 Example Row\nKestmoor", "Address"), dxf("☒ Yes", "Police investigation?")},
	}, {
		name: "two questions of options in one paragraph",
		body: `<w:p><w:r><w:t>Died? ☐ Yes ☒ No    Looked after? ☒ Yes ☐ No</w:t></w:r></w:p>`,
		want: []form.RawField{dxf("☐ Yes ☒ No", "Died?"), dxf("☒ Yes ☐ No", "Looked after?")},
	}, {
		name: "lone control takes the paragraph before as its label",
		body: `<w:p><w:r><w:t>Name of child</w:t></w:r></w:p><w:sdt><w:sdtPr><w:alias w:val="Child"/></w:sdtPr><w:sdtContent>` +
			`<w:p><w:r><w:t>Jay Example</w:t></w:r></w:p></w:sdtContent></w:sdt>`,
		want: []form.RawField{dxf("Jay Example", "Name of child", "Child")},
	}, {
		name: "options under a question, one a paragraph",
		body: `<w:p><w:r><w:t>Type of abuse:</w:t></w:r></w:p><w:p><w:r><w:t>☐ Physical</w:t></w:r></w:p><w:p><w:r><w:t>☒ Neglect</w:t></w:r></w:p>`,
		want: []form.RawField{dxf("☐ Physical\n☒ Neglect", "Type of abuse")},
	}, {
		name: "prose with times, links and section headings is not a field",
		body: `<w:p><w:r><w:t>Reported at 10:30 on the day.</w:t></w:r></w:p><w:p><w:r><w:t>See https://kestmoor.example/form</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Section 2: The incident</w:t></w:r></w:p>`,
		want: nil,
	}, {
		name: "names Word and LibreOffice make up are not labels; prompts are empty",
		body: `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ethnicity</w:t></w:r></w:p></w:tc><w:tc><w:p><w:sdt><w:sdtPr><w:alias w:val="Unnamed Copy 2"/></w:sdtPr>` +
			`<w:sdtContent><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr>` +
			`<w:tr><w:tc><w:p><w:r><w:t>Gender</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="__Fieldmark__5_1400138764"/><w:textInput/></w:ffData></w:fldChar></w:r>` +
			`<w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Female</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc></w:tr></w:tbl>`,
		want: []form.RawField{dxf("", "Ethnicity"), dxf("Female", "Gender")},
	}, {
		name: "label and value separated by tabs",
		body: `<w:p><w:r><w:t>Name of child</w:t></w:r><w:r><w:tab/><w:tab/><w:t>Jay Example</w:t></w:r></w:p>` +
			`<w:p><w:r><w:t>Agency</w:t><w:tab/><w:t>Contact</w:t><w:tab/><w:t>Role</w:t></w:r></w:p>`,
		want: []form.RawField{dxf("Jay Example", "Name of child")},
	}, {
		name: "unanswered question is reported blank",
		body: `<w:p><w:r><w:t>Date of incident:</w:t></w:r></w:p><w:p><w:r><w:t>Name of child: Jay Example</w:t></w:r></w:p>`,
		want: []form.RawField{dxf("", "Date of incident"), dxf("Jay Example", "Name of child")},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := Read(context.Background(), docxOf(t, tt.body), form.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ex.Fields, tt.want) {
				t.Errorf("got  %#v\nwant %#v", ex.Fields, tt.want)
			}
		})
	}
}

// TestReadDOCXBadHeader reads the body of a form whose page header is
// damaged, and says the header was skipped.
func TestReadDOCXBadHeader(t *testing.T) {
	ns := `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	b := docxZipOf(t, map[string]string{
		"word/document.xml": `<w:document ` + ns + `><w:body><w:p><w:r><w:t>Name of child: Jay Example</w:t></w:r></w:p></w:body></w:document>`,
		"word/header1.xml":  `<w:hdr ` + ns + `><w:p><w:r><w:t>Case reference: KSCMP-2026-0042</w:r></w:p></w:hdr>`,
		"word/header2.xml":  `<w:hdr ` + ns + `><w:p><w:r><w:t>Name of child: Jay Example</w:t></w:r></w:p></w:hdr>`,
	})
	ex, err := Read(context.Background(), b, form.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := form.Extraction{
		Fields:   []form.RawField{dxf("Jay Example", "Name of child")},
		Warnings: []string{"docx: a page header could not be read"},
	}
	if !reflect.DeepEqual(ex, want) {
		t.Errorf("got %#v\nwant %#v", ex, want)
	}
}
