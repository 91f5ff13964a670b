// Package form holds what the form readers (docx, pdf, tnef) and package
// parse share: a form read as raw label and value pairs (RawField,
// Extraction), a file a message carries (Attachment), the limits that
// bound the work on hostile input (Limits), and the error that says in a
// referrer's words why a form could not be read (UnreadableError).
//
// It is a leaf: it imports only the standard library, so that every
// reader can depend on it and none on another.
package form
