package parse

import (
	"context"
)

// The form readers the other parts of this package provide, held in
// variables so that tests can replace them and so that Parse compiles
// before every reader is written.
var (
	readerDOCX = func(b []byte, lim Limits) (Extraction, error) {
		return Extraction{}, &UnreadableError{Reason: "Word .docx forms cannot be read yet: please paste the form into the email"}
	}
	readerDOC = func(ctx context.Context, b []byte, lim Limits) (Extraction, error) {
		return Extraction{}, &UnreadableError{Reason: "old Word .doc files cannot be read: please send the form as .docx or PDF"}
	}
	readerPDF  = ReadPDF
	readerTNEF = ReadTNEF
)
