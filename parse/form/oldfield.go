package parse

import "time"

// RawField is one label and the value written beside it, as an extractor
// found it on a form, before the label table maps it onto a canonical key.
//
// Extractors (docx, PDF, body text, HTML tables) all produce RawFields, so
// that label matching and value normalisation are written once.
type RawField struct {
	// Labels are the names this value goes by, best first: the printed
	// label beside the value, then a content control's alias and tag, or a
	// PDF field's tooltip (/TU) and name (/T).
	Labels []string
	// Value is the text as entered, line breaks kept. Checkboxes are
	// rendered as glyphs, "☒" checked and "☐" unchecked, each followed by
	// its option's caption when known ("☒ Died ☐ Seriously harmed").
	// Value is empty when the field was blank or still showed placeholder
	// text.
	Value string
}

// Extraction is what an extractor read from one form.
type Extraction struct {
	Fields   []RawField
	Warnings []string
}

// Attachment is one file carried by a message (or by a TNEF winmail.dat).
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// UnreadableError says why a form could not be read, in words a referrer
// can act on ("the PDF is password-protected: please send it without a
// password, or as .docx").
type UnreadableError struct {
	Reason string
}

func (e *UnreadableError) Error() string { return "parse: unreadable form: " + e.Reason }

// Limits bound the work done on one message, so that hostile input ends
// as an unreadable result instead of a crash, a hang or a memory blow-up.
// Every limit is a setting; DefaultLimits gives the safe defaults.
type Limits struct {
	MaxMessageBytes      int64         // whole raw message
	MaxParts             int           // MIME parts walked, all levels together
	MaxDepth             int           // multipart and message/rfc822 nesting
	MaxAttachmentBytes   int64         // one decoded attachment
	MaxDocxUncompressed  int64         // all entries of a .docx read, decompressed
	MaxPDFPages          int           // pages read from a text PDF
	PDFTimeout           time.Duration // wall time for reading one PDF
	ConvertTimeout       time.Duration // LibreOffice converting one .doc
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
