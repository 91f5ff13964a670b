package main

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
)

// The builders below write WordprocessingML by hand, the way Word writes
// it, so that every construct the reader handles appears in a fixture.

// esc escapes text for XML.
func esc(s string) string { return html.EscapeString(s) }

// cat joins pieces of XML.
func cat(parts ...string) string { return strings.Join(parts, "") }

// document wraps body XML in a complete w:document.
func document(body ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"` +
		` xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"` +
		` xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"` +
		` xmlns:v="urn:schemas-microsoft-com:vml"` +
		` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` mc:Ignorable="w14 wps"><w:body>` + cat(body...) +
		`<w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
}

// r is a run of text.
func r(text string) string {
	return `<w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// rb is a bold run.
func rb(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
}

// rFont is a run of text in a given font (Wingdings letters draw boxes).
func rFont(font, text string) string {
	return fmt.Sprintf(`<w:r><w:rPr><w:rFonts w:ascii="%s" w:hAnsi="%s"/></w:rPr><w:t>%s</w:t></w:r>`, font, font, esc(text))
}

// tab, br and cr are a tab, a line break and a carriage return.
const (
	tab = `<w:r><w:tab/></w:r>`
	br  = `<w:r><w:br/></w:r>`
	cr  = `<w:r><w:cr/></w:r>`
)

// sym is a w:sym symbol character.
func sym(font, char string) string {
	return fmt.Sprintf(`<w:r><w:sym w:font="%s" w:char="%s"/></w:r>`, font, char)
}

// p is a paragraph.
func p(runs ...string) string { return `<w:p>` + cat(runs...) + `</w:p>` }

// pt is a paragraph of plain text.
func pt(text string) string { return p(r(text)) }

// pb is a paragraph of bold text.
func pb(text string) string { return p(rb(text)) }

// heading is a paragraph in a heading style.
func heading(level int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:pStyle w:val="Heading%d"/></w:pPr>%s</w:p>`, level, r(text))
}

// tbl is a table, its grid as wide as its widest row.
func tbl(rows ...string) string {
	cols := 1
	for _, r := range rows {
		cols = max(cols, countCols(r))
	}
	grid := strings.Repeat(fmt.Sprintf(`<w:gridCol w:w="%d"/>`, 9000/cols), cols)
	return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>` +
		`<w:tblGrid>` + grid + `</w:tblGrid>` + cat(rows...) + `</w:tbl>`
}

var reGridSpan = regexp.MustCompile(`<w:gridSpan w:val="(\d+)"/>`)

// countCols counts the grid columns a row covers, leaving out the cells of
// tables nested in it.
func countCols(row string) int {
	var top strings.Builder
	depth := 0
	for len(row) > 0 {
		switch {
		case strings.HasPrefix(row, "<w:tbl>"):
			depth++
			row = row[len("<w:tbl>"):]
		case strings.HasPrefix(row, "</w:tbl>"):
			depth--
			row = row[len("</w:tbl>"):]
		default:
			if depth == 0 {
				top.WriteByte(row[0])
			}
			row = row[1:]
		}
	}
	row = top.String()
	n := strings.Count(row, "<w:tc>")
	for _, m := range reGridSpan.FindAllStringSubmatch(row, -1) {
		span, _ := strconv.Atoi(m[1])
		n += span - 1
	}
	return n
}

// tr is a table row.
func tr(cells ...string) string { return `<w:tr>` + cat(cells...) + `</w:tr>` }

// deletedRow is a table row deleted with tracked changes.
func deletedRow(cells ...string) string {
	return `<w:tr><w:trPr><w:del w:id="95" w:author="A Reviewer" w:date="2026-11-05T09:00:00Z"/></w:trPr>` + cat(cells...) + `</w:tr>`
}

// header is a page header part (word/header1.xml).
func header(paras ...string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + cat(paras...) + `</w:hdr>`
}

// styles is a minimal styles part defining the heading styles the forms
// use, so that Word and LibreOffice keep them.
func styles() string {
	style := func(id, name, size string) string {
		return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/>` +
			`<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>` +
			`<w:rPr><w:b/><w:sz w:val="` + size + `"/></w:rPr></w:style>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		style("Heading1", "heading 1", "32") + style("Heading2", "heading 2", "26") +
		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>` +
		`</w:tblBorders></w:tblPr></w:style></w:styles>`
}

// withHeader makes a document's section use the header with id rIdH1.
func withHeader(doc string) string {
	return strings.Replace(doc, `<w:sectPr>`, `<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/>`, 1)
}

// tc is a table cell of paragraphs (or a nested table).
func tc(content ...string) string {
	c := cat(content...)
	if c == "" {
		c = `<w:p/>`
	}
	return `<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>` + c + `</w:tc>`
}

// tct is a table cell of one paragraph of text.
func tct(text string) string {
	if text == "" {
		return tc()
	}
	return tc(pt(text))
}

// tcSpan is a cell spanning n grid columns.
func tcSpan(n int, content ...string) string {
	return fmt.Sprintf(`<w:tc><w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>%s</w:tc>`, n, cat(content...))
}

// tcVMerge is a vertically merged cell: the first of the merge, or one
// that continues it (and holds only an empty paragraph).
func tcVMerge(restart bool, content ...string) string {
	if !restart {
		return `<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>`
	}
	return `<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>` + cat(content...) + `</w:tc>`
}

// sdtPr writes content control properties.
func sdtPr(alias, tag string, extra string) string {
	s := `<w:sdtPr>`
	if alias != "" {
		s += `<w:alias w:val="` + esc(alias) + `"/>`
	}
	if tag != "" {
		s += `<w:tag w:val="` + esc(tag) + `"/>`
	}
	return s + `<w:id w:val="1"/>` + extra + `</w:sdtPr>`
}

// sdtText is an inline plain-text content control; placeholder shows
// Word's prompt instead of a value.
func sdtText(alias, tag, text string, placeholder bool) string {
	extra := `<w:text/>`
	if placeholder {
		extra = `<w:showingPlcHdr/>` + extra
		text = "Click or tap here to enter text."
	}
	return `<w:sdt>` + sdtPr(alias, tag, extra) + `<w:sdtContent>` + r(text) + `</w:sdtContent></w:sdt>`
}

// sdtBlock is a block-level content control holding paragraphs.
func sdtBlock(alias, tag string, paras ...string) string {
	return `<w:sdt>` + sdtPr(alias, tag, "") + `<w:sdtContent>` + cat(paras...) + `</w:sdtContent></w:sdt>`
}

// sdtDate is a date picker showing display for fullDate (YYYY-MM-DD).
func sdtDate(alias, tag, fullDate, display string) string {
	extra := fmt.Sprintf(`<w:date w:fullDate="%sT00:00:00Z"><w:dateFormat w:val="dd/MM/yyyy"/><w:lid w:val="en-GB"/>`+
		`<w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>`, fullDate)
	return `<w:sdt>` + sdtPr(alias, tag, extra) + `<w:sdtContent>` + r(display) + `</w:sdtContent></w:sdt>`
}

// sdtCheck is a Word 2010 checkbox content control.
func sdtCheck(alias, tag string, checked bool) string {
	val, glyph := "0", "☐"
	if checked {
		val, glyph = "1", "☒"
	}
	extra := `<w14:checkbox><w14:checked w14:val="` + val + `"/>` +
		`<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>`
	return `<w:sdt>` + sdtPr(alias, tag, extra) + `<w:sdtContent>` +
		`<w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr><w:t>` + glyph + `</w:t></w:r>` +
		`</w:sdtContent></w:sdt>`
}

// fld writes a legacy form field: begin with its ffData, the instruction,
// separate, the result runs and end.
func fld(ffData, instr string, result ...string) string {
	s := `<w:r><w:fldChar w:fldCharType="begin">` + ffData + `</w:fldChar></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> ` + instr + ` </w:instrText></w:r>`
	if len(result) > 0 {
		s += `<w:r><w:fldChar w:fldCharType="separate"/></w:r>` + cat(result...)
	}
	return s + `<w:r><w:fldChar w:fldCharType="end"/></w:r>`
}

// formText is a legacy text form field holding text ("" leaves Word's five
// en spaces).
func formText(name string, result ...string) string {
	if len(result) == 0 {
		result = []string{r("\u2002\u2002\u2002\u2002\u2002")}
	}
	ff := `<w:ffData><w:name w:val="` + name + `"/><w:enabled/><w:calcOnExit w:val="0"/><w:textInput/></w:ffData>`
	return fld(ff, "FORMTEXT", result...)
}

// formTextDefault is a legacy text form field left showing its default
// text, the form's own prompt.
func formTextDefault(name, def string) string {
	ff := `<w:ffData><w:name w:val="` + name + `"/><w:enabled/><w:calcOnExit w:val="0"/><w:textInput><w:default w:val="` +
		esc(def) + `"/></w:textInput></w:ffData>`
	return fld(ff, "FORMTEXT", r(def))
}

// formCheck is a legacy checkbox: def is its default, checked is its
// w:checked element ("" for none, "on" for one without a value, else the
// value).
func formCheck(name string, def bool, checked string) string {
	d := "0"
	if def {
		d = "1"
	}
	c := ""
	switch checked {
	case "":
	case "on":
		c = `<w:checked/>`
	default:
		c = `<w:checked w:val="` + checked + `"/>`
	}
	ff := `<w:ffData><w:name w:val="` + name + `"/><w:enabled/><w:calcOnExit w:val="0"/>` +
		`<w:checkBox><w:sizeAuto/><w:default w:val="` + d + `"/>` + c + `</w:checkBox></w:ffData>`
	return fld(ff, "FORMCHECKBOX")
}

// formDrop is a legacy dropdown; result < 0 leaves w:result out.
func formDrop(name string, result int, entries ...string) string {
	ff := `<w:ffData><w:name w:val="` + name + `"/><w:enabled/><w:calcOnExit w:val="0"/><w:ddList>`
	if result >= 0 {
		ff += fmt.Sprintf(`<w:result w:val="%d"/>`, result)
	}
	for _, e := range entries {
		ff += `<w:listEntry w:val="` + esc(e) + `"/>`
	}
	ff += `</w:ddList></w:ffData>`
	return fld(ff, "FORMDROPDOWN", r(""))
}

// del, ins, moveFrom and moveTo are tracked changes.
func del(text string) string {
	return `<w:del w:id="91" w:author="A Reviewer" w:date="2026-11-05T09:00:00Z"><w:r><w:delText xml:space="preserve">` +
		esc(text) + `</w:delText></w:r></w:del>`
}

func ins(runs ...string) string {
	return `<w:ins w:id="92" w:author="A Reviewer" w:date="2026-11-05T09:00:00Z">` + cat(runs...) + `</w:ins>`
}

func moveFrom(text string) string {
	return `<w:moveFrom w:id="93" w:author="A Reviewer" w:date="2026-11-05T09:00:00Z"><w:r><w:t>` + esc(text) + `</w:t></w:r></w:moveFrom>`
}

func moveTo(text string) string {
	return `<w:moveTo w:id="94" w:author="A Reviewer" w:date="2026-11-05T09:00:00Z">` + r(text) + `</w:moveTo>`
}

// textBox is a run holding a text box the way Word 2010 and later write
// it: the same paragraphs twice, as a drawing in mc:Choice and as VML in
// mc:Fallback.
func textBox(paras ...string) string {
	body := `<w:txbxContent>` + cat(paras...) + `</w:txbxContent>`
	return `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="2000000" cy="400000"/>` +
		`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>` +
		body + `</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape><v:textbox>` + body + `</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}
