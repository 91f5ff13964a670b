package parse

import (
	"context"

	"github.com/kscmp/intake/parse/docx"
	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/pdf"
	"github.com/kscmp/intake/parse/tnef"
)

// readers are the format readers Parse calls, one per package under
// parse; tests put others in Options.
type readers struct {
	docx func(ctx context.Context, b []byte, lim form.Limits) (form.Extraction, error)
	doc  func(ctx context.Context, b []byte, lim form.Limits, conv docx.Converter) (form.Extraction, error)
	pdf  func(ctx context.Context, b []byte, lim form.Limits) (form.Extraction, error)
	tnef func(b []byte, lim form.Limits) ([]form.Attachment, error)
}

// formatReaders are the real readers.
var formatReaders = readers{docx: docx.Read, doc: docx.ReadDOC, pdf: pdf.Read, tnef: tnef.Read}
