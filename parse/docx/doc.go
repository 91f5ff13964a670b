// Package docx reads a filled-in Word form (.docx) into raw label and
// value pairs: table cells beside their labels, content controls and
// legacy form fields, checkboxes and symbol-font boxes, questions with
// their answers below, tracked changes as the referrer left them. An old
// binary .doc is read through a Converter the caller injects.
//
// A .docx is a zip archive and hostile input: only the parts needed are
// decompressed, through readers bounded in size, ratio and time, and
// anything that cannot be read ends as a *form.UnreadableError whose
// reason a referrer can act on.
package docx
