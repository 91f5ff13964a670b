package pdf

import (
	"bytes"
	"context"
	"errors"
	"io"
	"sync/atomic"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/layout"
	lpdf "github.com/ledongthuc/pdf"
)

// Reasons given to a referrer when a PDF cannot be read. Each says what
// to do instead.
const (
	reasonNotPDF    = "the file is not a PDF, although its name says it is: please send the completed form as .docx or as a PDF saved from Word"
	reasonCorrupt   = "the PDF is damaged and cannot be opened: please save the form again from Word and send it, or send it as .docx"
	reasonEncrypted = "the PDF is password-protected: please send it without a password, or as .docx"
	reasonXFA       = "the PDF is an XFA form (made with Adobe LiveCycle), which we cannot read: please send the completed form as .docx, or print it to PDF and send that"
	reasonScanned   = "the PDF is a scanned image, which we cannot read: please send the completed form as .docx or as a PDF saved from Word"
	reasonPages     = "the PDF has more pages than a form has: please send only the completed form, as .docx or as a PDF saved from Word"
	reasonSlow      = "the PDF took too long to read: please save the form again from Word and send it, or send it as .docx"
)

// errPDFStopped is the panic a pdfSource raises once its read has been
// abandoned, to unwind the library's goroutine at its next read.
var errPDFStopped = errors.New("parse: reading pdf: abandoned after the time limit")

// Read reads a referral or agency summary form from a PDF: AcroForm fields if the
// form has them, else the text of a "Save as PDF" form, labels and values by position.
//
// Read gives up when ctx ends, returning ctx's error (the only error that
// is not an *form.UnreadableError).
//
// A PDF that cannot be read gives an *form.UnreadableError whose Reason a
// referrer can act on: not a PDF, damaged, password-protected, an XFA-only
// form, a scanned image with no text, more than lim.MaxPDFPages pages, or
// slower to read than lim.PDFTimeout.
//
// The PDF library panics on malformed input and has no cancellation, so
// the read runs in its own goroutine under recover, and Read stops
// waiting for it after lim.PDFTimeout. That goroutine may linger after
// Read has returned, but not for long: every read it makes of the input
// panics once the time is up, which unwinds it at its next read. What it
// can allocate is bounded by the checks made before it starts (header,
// trailer, cross-reference sizes against the input's length) and by the
// cap on each page's decompressed content.
func Read(ctx context.Context, b []byte, lim form.Limits) (form.Extraction, error) {
	src, err := newPDFSource(b)
	if err != nil {
		return form.Extraction{}, err
	}
	timeout := lim.PDFTimeout
	if timeout <= 0 {
		timeout = form.DefaultLimits().PDFTimeout
	}
	type result struct {
		ex  form.Extraction
		err error
	}
	done := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if x := recover(); x != nil {
				res = result{err: &form.UnreadableError{Reason: reasonCorrupt}}
			}
			done <- res
		}()
		res.ex, res.err = readPDF(src, lim)
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case res := <-done:
		return res.ex, res.err
	case <-timer.C:
		src.stop()
		return form.Extraction{}, &form.UnreadableError{Reason: reasonSlow}
	case <-ctx.Done():
		src.stop()
		return form.Extraction{}, ctx.Err()
	}
}

// readPDF opens src and reads its form fields, or failing those its text.
func readPDF(src *pdfSource, lim form.Limits) (form.Extraction, error) {
	r, err := lpdf.NewReader(src, src.size)
	if err != nil {
		if errors.Is(err, errPDFStopped) {
			return form.Extraction{}, &form.UnreadableError{Reason: reasonSlow}
		}
		if bytes.Contains(src.b, []byte("/Encrypt")) {
			return form.Extraction{}, &form.UnreadableError{Reason: reasonEncrypted}
		}
		return form.Extraction{}, &form.UnreadableError{Reason: reasonCorrupt}
	}
	root := r.Trailer().Key("Root")
	if root.Kind() != lpdf.Dict {
		return form.Extraction{}, &form.UnreadableError{Reason: reasonCorrupt}
	}
	acro := readAcroForm(root.Key("AcroForm"), src)
	if acro.hasValues() {
		return form.Extraction{Fields: acro.fields}, nil
	}
	if acro.xfa {
		return form.Extraction{}, &form.UnreadableError{Reason: reasonXFA}
	}
	maxPages := lim.MaxPDFPages
	if maxPages <= 0 {
		maxPages = form.DefaultLimits().MaxPDFPages
	}
	pages := pdfPages(root.Key("Pages"), maxPages, src)
	if len(pages) == 0 {
		return form.Extraction{}, &form.UnreadableError{Reason: reasonCorrupt}
	}
	if len(pages) > maxPages {
		return form.Extraction{}, &form.UnreadableError{Reason: reasonPages}
	}
	text := readPDFText(pages, src)
	if !text.any {
		if len(acro.fields) > 0 {
			// A fillable form left blank and with no printed text.
			return form.Extraction{Fields: acro.fields}, nil
		}
		if len(text.warnings) > 0 {
			// No page could be read: damaged, not scanned.
			return form.Extraction{}, &form.UnreadableError{Reason: reasonCorrupt}
		}
		return form.Extraction{}, &form.UnreadableError{Reason: reasonScanned}
	}
	if len(acro.fields) > 0 {
		// A fillable form sent back blank: its fields say which labels
		// it has, and every value is empty.
		return form.Extraction{Fields: acro.fields, Warnings: text.warnings}, nil
	}
	fields, _ := layout.Read(documentBlocks(text.pages))
	warnings := text.warnings
	if len(fields) == 0 {
		warnings = append(warnings, "parse: the PDF has text but no labels with values were found in it")
	}
	return form.Extraction{Fields: fields, Warnings: warnings}, nil
}

// pdfSource is the input as the PDF library sees it: the bytes up to the
// last %%EOF, with a version header it accepts, and a switch that makes
// every later read panic once the read has been abandoned.
type pdfSource struct {
	b       []byte
	size    int64
	header  []byte // replaces the first bytes when the version needed patching
	stopped atomic.Bool
}

func (s *pdfSource) stop() { s.stopped.Store(true) }

// done reports whether the read has been abandoned.
func (s *pdfSource) done() bool { return s.stopped.Load() }

// ReadAt implements io.ReaderAt, panicking with errPDFStopped once the read
// has been abandoned.
func (s *pdfSource) ReadAt(p []byte, off int64) (int, error) {
	if s.stopped.Load() {
		panic(errPDFStopped)
	}
	if off < 0 {
		return 0, errors.New("parse: reading pdf: negative offset")
	}
	if off >= s.size {
		return 0, io.EOF
	}
	n := copy(p, s.b[off:s.size])
	if off < int64(len(s.header)) {
		copy(p[:n], s.header[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
