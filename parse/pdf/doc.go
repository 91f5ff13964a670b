// Package pdf reads a referral or agency summary from a PDF: the values
// of a fillable form (AcroForm), or, for a form saved or printed to PDF,
// its text rebuilt into lines and table cells from the positions of its
// glyphs, then paired into labels and values.
//
// PDFs are hostile input. The library underneath (ledongthuc/pdf) panics
// on malformed files, allocates from sizes the file declares, and loops
// on some damaged streams; so the sizes are checked before it starts, the
// streams it would loop on are refused, every call is recovered, and the
// whole read is bounded in time (Limits.PDFTimeout) and by the caller's
// context. What cannot be read ends as a *form.UnreadableError whose
// reason a referrer can act on.
package pdf
