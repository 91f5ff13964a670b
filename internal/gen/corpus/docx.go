package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"time"
)

// A small WordprocessingML writer: the constructs partnerships' forms are
// made of (paragraphs, bold labels, headings, bordered tables, checkbox
// glyphs, Wingdings symbols, content controls and legacy form fields),
// written the way Word writes them, so that LibreOffice converts them as
// it converts a real form.

// esc escapes text for XML.
func esc(s string) string { return html.EscapeString(s) }

func cat(parts ...string) string { return strings.Join(parts, "") }

// run is a run of text; several lines become runs with breaks.
func run(text string) string { return runWith("", text) }

// bold is a bold run.
func bold(text string) string { return runWith(`<w:b/>`, text) }

func runWith(props, text string) string {
	var b strings.Builder
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString(`<w:r><w:br/></w:r>`)
		}
		pr := ""
		if props != "" {
			pr = `<w:rPr>` + props + `</w:rPr>`
		}
		b.WriteString(`<w:r>` + pr + `<w:t xml:space="preserve">` + esc(line) + `</w:t></w:r>`)
	}
	return b.String()
}

// gothic is a run in MS Gothic, the font Word puts its box glyphs in.
func gothic(glyph string) string {
	return `<w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>` + glyph + `</w:t></w:r>`
}

// wingdings is a Wingdings symbol (w:sym), as Word's Insert Symbol writes
// a box: F0FE ticked, F0A8 empty, F0FC a tick, F0FB a cross.
func wingdings(code string) string {
	return `<w:r><w:sym w:font="Wingdings" w:char="` + code + `"/></w:r>`
}

// para is a paragraph of runs.
func para(runs ...string) string { return `<w:p>` + cat(runs...) + `</w:p>` }

// paraText is a paragraph of plain text, one paragraph a line.
func paraText(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		b.WriteString(para(run(l)))
	}
	return b.String()
}

// styled is a paragraph in a style (Heading1, Heading2, Title).
func styled(style string, runs ...string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + cat(runs...) + `</w:p>`
}

// cell is a table cell of given width (twentieths of a point) holding
// paragraphs; shade fills it grey, as forms shade their label cells.
func cell(width int, shade bool, paras ...string) string {
	c := cat(paras...)
	if c == "" {
		c = `<w:p/>`
	}
	pr := fmt.Sprintf(`<w:tcW w:w="%d" w:type="dxa"/>`, width)
	if shade {
		pr += `<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`
	}
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + c + `</w:tc>`
}

// spanCell spans n grid columns.
func spanCell(width, n int, shade bool, paras ...string) string {
	c := cat(paras...)
	if c == "" {
		c = `<w:p/>`
	}
	pr := fmt.Sprintf(`<w:tcW w:w="%d" w:type="dxa"/><w:gridSpan w:val="%d"/>`, width, n)
	if shade {
		pr += `<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>`
	}
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + c + `</w:tc>`
}

// row is a table row.
func row(cells ...string) string { return `<w:tr>` + cat(cells...) + `</w:tr>` }

// table is a bordered table (the Table Grid style) with the given column
// widths; borderless leaves the borders off, as some forms do.
func table(widths []int, borderless bool, rows ...string) string {
	var grid strings.Builder
	for _, w := range widths {
		fmt.Fprintf(&grid, `<w:gridCol w:w="%d"/>`, w)
	}
	style := `<w:tblStyle w:val="TableGrid"/>`
	if borderless {
		style = `<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/>` +
			`<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`
	}
	return `<w:tbl><w:tblPr>` + style + `<w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0"/></w:tblPr>` +
		`<w:tblGrid>` + grid.String() + `</w:tblGrid>` + cat(rows...) + `</w:tbl>`
}

// sdtCheck is a Word 2010 checkbox content control.
func sdtCheck(tag string, checked bool) string {
	val, glyph := "0", "☐"
	if checked {
		val, glyph = "1", "☒"
	}
	return `<w:sdt><w:sdtPr><w:tag w:val="` + esc(tag) + `"/><w:id w:val="2"/><w14:checkbox><w14:checked w14:val="` + val + `"/>` +
		`<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr>` +
		`<w:sdtContent>` + gothic(glyph) + `</w:sdtContent></w:sdt>`
}

// formText is a legacy text form field holding text.
func formText(name, text string) string {
	return `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="` + esc(name) + `"/><w:enabled/><w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		run(text) + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// formCheck is a legacy checkbox form field.
func formCheck(name string, checked bool) string {
	c := ""
	if checked {
		c = `<w:checked/>`
	}
	return `<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="` + esc(name) + `"/><w:enabled/><w:calcOnExit w:val="0"/>` +
		`<w:checkBox><w:sizeAuto/><w:default w:val="0"/>` + c + `</w:checkBox></w:ffData></w:fldChar></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// document wraps body XML in a w:document with an A4 page.
func document(body ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
		` xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` mc:Ignorable="w14"><w:body>` + cat(body...) +
		// Word always ends the body with a paragraph, after a table too.
		`<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`
}

// styles defines Normal (Arial 11, as the forms use), the headings, and
// Table Grid.
func styles() string {
	heading := func(id, name, size string) string {
		return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/>` +
			`<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr>` +
			`<w:rPr><w:b/><w:sz w:val="` + size + `"/></w:rPr></w:style>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>` +
		heading("Heading1", "heading 1", "28") + heading("Heading2", "heading 2", "24") +
		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`</w:tblBorders><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`
}

// stamp is the modification time of every zip entry.
var stamp = time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)

// packDOCX makes a .docx of a document.
func packDOCX(doc string) []byte {
	entries := [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", doc},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rIdS1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`</Relationships>`},
		{"word/styles.xml", styles()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: zip.Deflate, Modified: stamp})
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(e[1])); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
