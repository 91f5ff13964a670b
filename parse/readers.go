package parse

// The form readers the other files of this package provide, held in
// variables so that tests can replace them.
var (
	readerDOCX = ReadDOCX
	readerDOC  = ReadDOC
	readerPDF  = ReadPDF
	readerTNEF = ReadTNEF
)
