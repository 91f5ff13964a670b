package form

import "time"

// Limits bound the work done on one message, so that hostile input ends
// as an unreadable result instead of a crash, a hang or a memory blow-up.
// Every limit is a setting; DefaultLimits gives the safe defaults, and a
// zero or negative limit means its default (see WithDefaults).
type Limits struct {
	MaxMessageBytes      int64         // whole raw message
	MaxParts             int           // MIME parts walked, all levels together
	MaxDepth             int           // multipart and message/rfc822 nesting
	MaxAttachmentBytes   int64         // one decoded attachment
	MaxDocxUncompressed  int64         // all entries of a .docx read, decompressed
	MaxPDFPages          int           // pages read from a text PDF
	PDFTimeout           time.Duration // wall time for reading one PDF
	ConvertTimeout       time.Duration // converting one old .doc
	MaxDecompressedRatio int64         // zip entry uncompressed/compressed
}

// DefaultLimits returns the limits used when the configuration sets none.
func DefaultLimits() Limits {
	return Limits{
		MaxMessageBytes:      50 << 20,
		MaxParts:             500,
		MaxDepth:             8,
		MaxAttachmentBytes:   30 << 20,
		MaxDocxUncompressed:  64 << 20,
		MaxPDFPages:          100,
		PDFTimeout:           4 * time.Second,
		ConvertTimeout:       30 * time.Second,
		MaxDecompressedRatio: 200,
	}
}

// WithDefaults returns l with every limit not set (zero or negative)
// replaced by its default.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	orDefault(&l.MaxMessageBytes, d.MaxMessageBytes)
	orDefault(&l.MaxParts, d.MaxParts)
	orDefault(&l.MaxDepth, d.MaxDepth)
	orDefault(&l.MaxAttachmentBytes, d.MaxAttachmentBytes)
	orDefault(&l.MaxDocxUncompressed, d.MaxDocxUncompressed)
	orDefault(&l.MaxPDFPages, d.MaxPDFPages)
	orDefault(&l.PDFTimeout, d.PDFTimeout)
	orDefault(&l.ConvertTimeout, d.ConvertTimeout)
	orDefault(&l.MaxDecompressedRatio, d.MaxDecompressedRatio)
	return l
}

// orDefault sets *v to d when *v is zero or negative (a limit not set).
func orDefault[T int | int64 | time.Duration](v *T, d T) {
	if *v <= 0 {
		*v = d
	}
}
