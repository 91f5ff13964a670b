package docx

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/kscmp/intake/parse/form"
)

// Reading an old binary Word .doc
//
// Go has no reader for the Word 97-2003 binary format, and parse does no
// I/O of its own: an old .doc is read only through a Converter the caller
// injects (cmd/intake wires parse/convert's LibreOffice), bounded by
// Limits.ConvertTimeout, and the .docx it gives back is read as any
// other. Without a converter, or when the conversion fails or takes too
// long, the form is unreadable and the referrer is asked for .docx or PDF.

// Converter turns an old binary Word .doc into a .docx. It must stop when
// ctx ends, and may return an *form.UnreadableError when the file itself
// is the trouble.
type Converter interface {
	ConvertDOC(ctx context.Context, doc []byte) ([]byte, error)
}

// reasonDocSlow is given when converting a .doc took too long.
const reasonDocSlow = "this old Word .doc file took too long to convert: please send the form as .docx or PDF"

// ReadDOC reads an old binary .doc by converting it with conv, bounded by
// lim.ConvertTimeout, then reading the result as .docx. With no converter
// it returns an *form.UnreadableError asking for the form as .docx or
// PDF. A .docx misnamed .doc is read directly, and a password-protected
// .docx is reported as such. When ctx ends first, ReadDOC returns ctx's
// error.
func ReadDOC(ctx context.Context, b []byte, lim form.Limits, conv Converter) (form.Extraction, error) {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return Read(ctx, b, lim)
	case isOLE(b) && isEncryptedOOXML(b):
		return form.Extraction{}, unreadable(reasonEncrypted, nil)
	case lim.MaxAttachmentBytes > 0 && int64(len(b)) > lim.MaxAttachmentBytes:
		return form.Extraction{}, unreadable(reasonAttachTooBig, nil)
	case conv == nil:
		return form.Extraction{}, unreadable(reasonOldDoc, nil)
	}
	timeout := lim.ConvertTimeout
	if timeout <= 0 {
		timeout = form.DefaultLimits().ConvertTimeout
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	docx, err := conv.ConvertDOC(cctx, b)
	var u *form.UnreadableError
	switch {
	case ctx.Err() != nil:
		return form.Extraction{}, ctx.Err()
	case cctx.Err() != nil:
		return form.Extraction{}, unreadable(reasonDocSlow, cctx.Err())
	case errors.As(err, &u):
		return form.Extraction{}, err
	case err != nil:
		return form.Extraction{}, unreadable(reasonOldDoc, fmt.Errorf("converting: %w", err))
	case lim.MaxAttachmentBytes > 0 && int64(len(docx)) > lim.MaxAttachmentBytes:
		return form.Extraction{}, unreadable(reasonAttachTooBig, nil)
	}
	ex, err := Read(ctx, docx, lim)
	if err != nil {
		return form.Extraction{}, err
	}
	ex.Warnings = append(ex.Warnings, "doc: converted from an old Word .doc file with LibreOffice")
	return ex, nil
}
