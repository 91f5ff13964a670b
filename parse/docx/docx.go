package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/layout"
)

// Reading a .docx form
//
// A .docx is a zip archive; the form is word/document.xml inside it. Only
// that part (and the package relationships, to find it when it is named
// otherwise) is decompressed, through a reader that stops at the declared
// size, at form.Limits.MaxDocxUncompressed and at form.Limits.MaxDecompressedRatio,
// so that a zip bomb costs a few kilobytes. The XML is streamed: the
// decoder never holds the document, only its text, and gives up after a
// fixed time. Anything that cannot be read ends as a *form.UnreadableError
// whose Reason the referrer can act on.

// Reasons for an unreadable Word form, in words a referrer can act on.
const (
	reasonNotZip       = "the Word file is damaged or incomplete (it is not a complete .docx): please send the form again, as .docx or PDF"
	reasonNoDocument   = "the file is not a Word document (it has no document inside): please send the form as .docx or PDF"
	reasonBomb         = "the Word file expands to far more than any form (it may be a zip bomb): please send the form as .docx or PDF"
	reasonBadXML       = "the Word document inside the file is damaged: please send the form again, as .docx or PDF"
	reasonTooBig       = "the Word document is far longer than a form: please send only the form, as .docx or PDF"
	reasonEncrypted    = "the Word document is password-protected: please send it without a password, or as PDF"
	reasonOldDoc       = "this is an old Word .doc file, which we cannot read: please send the form as .docx or PDF"
	reasonAttachTooBig = "the Word file is larger than we accept: please send only the form, as .docx or PDF"
)

// minBombSize is the decompressed size below which the compression ratio
// is not checked: small, repetitive parts compress very well and are
// harmless.
const minBombSize = 1 << 20

// Read reads a filled-in Word form into raw label/value pairs.
//
// Labels come from the printed text before a value (the table cell to the
// left, the text before a content control or a form field, "Label: value"
// paragraphs, a question or bold label above its answer), then the content
// control's alias and tag or the legacy form field's name. Values are the
// text as entered, line breaks kept, checkboxes as "☒"/"☐" before their
// caption ("X" beside an option and symbol-font boxes included),
// placeholder and unchanged default text as empty, a date picker's date as
// YYYY-MM-DD; tracked deletions are left out, insertions read. Fields from
// page headers follow the body's. Warnings count what was skipped and
// never quote the form.
//
// Anything that cannot be read (not a zip, no document inside, a zip bomb,
// damaged XML, a password-protected or old binary file, a document too
// long or too slow to read) ends as a *form.UnreadableError, possibly wrapped,
// whose Reason a referrer can act on. When ctx ends first, Read returns
// ctx's error.
func Read(ctx context.Context, b []byte, lim form.Limits) (form.Extraction, error) {
	return readDOCX(ctx, b, lim, time.Now)
}

func readDOCX(ctx context.Context, b []byte, lim form.Limits, now func() time.Time) (form.Extraction, error) {
	if lim.MaxAttachmentBytes > 0 && int64(len(b)) > lim.MaxAttachmentBytes {
		return form.Extraction{}, unreadable(reasonAttachTooBig, nil)
	}
	if isOLE(b) {
		if isEncryptedOOXML(b) {
			return form.Extraction{}, unreadable(reasonEncrypted, nil)
		}
		return form.Extraction{}, unreadable(reasonOldDoc, nil)
	}
	if err := checkZipEntryCount(b); err != nil {
		return form.Extraction{}, err
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return form.Extraction{}, unreadable(reasonNotZip, err)
	}
	for _, f := range zr.File {
		if lim.MaxDocxUncompressed > 0 && f.UncompressedSize64 > uint64(lim.MaxDocxUncompressed) {
			return form.Extraction{}, unreadable(reasonBomb, fmt.Errorf("entry of %d bytes", f.UncompressedSize64))
		}
	}
	pk := &docxPackage{ctx: ctx, zr: zr, lim: lim, now: now, deadline: now().Add(docxReadTimeout), budget: lim.MaxDocxUncompressed}
	doc := pk.mainDocument()
	if doc == nil {
		return form.Extraction{}, unreadable(reasonNoDocument, nil)
	}
	w, err := pk.walk(doc)
	if err != nil {
		return form.Extraction{}, err
	}
	fields, placeholders := layout.Read(w.body)
	ex := form.Extraction{Fields: fields}
	if n := w.placehold + placeholders; n > 0 {
		ex.Warnings = append(ex.Warnings, fmt.Sprintf("docx: %d content controls still show placeholder text", n))
	}
	if w.defaults > 0 {
		ex.Warnings = append(ex.Warnings, fmt.Sprintf("docx: %d form fields still show their default text", w.defaults))
	}
	if w.changes > 0 {
		ex.Warnings = append(ex.Warnings, "docx: the form has tracked changes: deleted text was left out, inserted text read")
	}
	pk.headers(&ex)
	if err := ctx.Err(); err != nil {
		return form.Extraction{}, err
	}
	return ex, nil
}

// unreadable makes a *form.UnreadableError, wrapping the cause for logs when
// there is one (never form text: causes are archive and XML errors).
func unreadable(reason string, cause error) error {
	u := &form.UnreadableError{Reason: reason}
	if cause == nil {
		return u
	}
	return fmt.Errorf("parse: reading docx: %w: %w", u, cause)
}

// walkError turns an error from reading document.xml into an unreadable
// form.
func walkError(err error) error {
	var u *form.UnreadableError
	switch {
	case errors.As(err, &u):
		return err
	case errors.Is(err, errDocxTooBig), errors.Is(err, errDocxTooSlow):
		return unreadable(reasonTooBig, err)
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrFormat):
		return unreadable(reasonNotZip, err)
	}
	return unreadable(reasonBadXML, err)
}
