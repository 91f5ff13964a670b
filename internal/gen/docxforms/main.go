// Command docxforms writes the .docx fixtures of the parse package's Word
// reader into testdata/forms/docx/: referral forms and agency summaries
// in every shape the reader handles, and hostile files that must end as
// unreadable; and the partnership's blank agency summary form, which
// intake ships, into notify/forms/. Run it from the module root:
//
//	go run ./internal/gen/docxforms
//
// The output is deterministic, so that regenerating changes nothing
// unless this program changed. Every name, place and agency is invented.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"os"
	"path"
	"path/filepath"
	"time"
)

// outDir is where the fixtures go, relative to the module root.
const outDir = "testdata/forms/docx"

// formOut is where the partnership's blank agency summary form goes: the
// notify package embeds it and attaches it to summary requests.
const formOut = "notify/forms/agency-summary-form.docx"

// stamp is the modification time of every zip entry.
var stamp = time.Date(2026, 11, 5, 9, 0, 0, 0, time.UTC)

func main() {
	log.SetFlags(0)
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	files := map[string][]byte{
		"referral_content_controls.docx":   pack(contentControls()),
		"referral_legacy_fields.docx":      pack(legacyFields()),
		"referral_plain_tables.docx":       pack(plainTables()),
		"referral_paragraphs_tracked.docx": pack(paragraphsTracked()),
		"agency_summary.docx":              packAs("word/document2.xml", agencySummary(), agencyHeader()),
		"long_5000_paragraphs.docx":        pack(manyParagraphs()),
		"referral_fresh_wording.docx":      pack(freshReferral()),
		// The partnership's own form as a SPOC returns it.
		"agency_summary_kscmp_form_filled.docx": packAs("word/document.xml", agencyForm(agencyFormAnswers), agencyFormHeader()),
	}
	for name, b := range hostile(files["referral_content_controls.docx"]) {
		files[name] = b
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(outDir, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s\t%d bytes\n", name, len(b))
	}
	form := packAs("word/document.xml", agencyForm(nil), agencyFormHeader())
	if err := os.MkdirAll(filepath.Dir(formOut), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(formOut, form, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s\t%d bytes\n", formOut, len(form))
}

// pack makes a minimal .docx holding document.xml.
func pack(doc string) []byte { return packAs("word/document.xml", doc, "") }

// packAs makes a minimal .docx whose main part has the given name, found
// through the package relationships, with a page header part if hdr is
// not empty.
func packAs(part, doc, hdr string) []byte {
	entries := [][2]string{
		{"[Content_Types].xml", contentTypes(part)},
		{"_rels/.rels", rels(part)},
		{part, doc},
		{"word/_rels/" + path.Base(part) + ".rels", partRels(hdr != "")},
		{"word/styles.xml", styles()},
	}
	if hdr != "" {
		entries = append(entries, [2]string{"word/header1.xml", hdr})
	}
	return zipOf(entries)
}

// partRels relates the main part to its styles and, with header, its page
// header.
func partRels(header bool) string {
	s := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdS1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
	if header {
		s += `<Relationship Id="rIdH1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`
	}
	return s + `</Relationships>`
}

// zipOf writes entries, in order, into a zip archive.
func zipOf(entries [][2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: zip.Deflate, Modified: stamp})
		if err != nil {
			log.Fatal(err)
		}
		if _, err := w.Write([]byte(e[1])); err != nil {
			log.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func contentTypes(part string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/` + part + `" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
		`</Types>`
}

func rels(part string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + part + `"/>` +
		`</Relationships>`
}
