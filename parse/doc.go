// Package parse reads what arrives in the partnership mailbox: bytes in, a
// typed Result out, no I/O of its own (an old .doc is converted only
// through the converter the caller puts in Options, bounded in time).
//
// The formats are read by packages of their own, which share the small
// leaf package form (RawField, Limits, UnreadableError): docx (Word, and
// an old .doc through the injected converter), pdf (fillable forms, and
// text PDFs rebuilt into paragraphs and tables from their glyphs and ruled
// lines), tnef (winmail.dat); layout reads paragraphs and tables, Word's
// and a PDF's alike, into label and value pairs; labels is the label
// table. This package keeps what is about the message: the MIME walk,
// classification, forms pasted into the body, quoted history and
// signatures, the case reference, choosing the form among the candidates
// and mapping it onto the canonical keys (the partnership's area names
// and agencies help: "Is the child resident in Northmere?", "Children and
// Families Service").
//
// How well it reads forms it was not written against is measured on a
// corpus of nine invented partnerships' forms made through LibreOffice
// (internal/gen/corpus, testdata/forms/corpus): TestCorpusTuned wants
// every tuned message read completely, and
//
//	go test -run '^$' -bench CorpusAccuracy ./parse
//
// reports messages read completely and field accuracy on the tuned part
// and on a held-out third that nothing is tuned against.
//
// Parse takes one RFC 5322 message. It walks the MIME tree (nested
// multiparts, forwarded message/rfc822 parts, winmail.dat, any charset
// go-message knows, an unknown one read as UTF-8 or windows-1252 with a
// warning), then classifies the message: a bounce (a delivery report, mail
// from MAILER-DAEMON, an empty Return-Path) or an automatic reply (RFC
// 3834's Auto-Submitted and the headers Exchange uses instead) is never
// read for a form, even when it carries one back; list and bulk mail is
// "other". Anything else is searched for a form: every attachment that may
// be one (.docx, .pdf, .doc, .txt, by name, type or first bytes, whatever
// its disposition) and the body, with quoted history stripped so that
// nothing from an earlier email leaks into the fields. The candidate whose
// labels match the most canonical keys (at least three) is the form; a
// form-type attachment that could not be read, with no other form found,
// makes the message "unreadable" with the reason in its warnings.
//
// Labels map onto the canonical keys of the form contract through a labels.Table (an
// embedded default, to which configuration adds wordings); values are
// normalised (UK dates to ISO, yes/no to booleans, enumerations, lists).
// In Result.Fields a value is a string (text, ISO dates, enumerations), a
// bool or nil (yes/no answers; nil when blank or unclear), a float64
// (child_age) or a []string (abuse_types, agencies_involved).
//
// A referral is screened (the root package's ScreeningPolicy) as at the
// message's date, never today, so that reading a message again gives the
// same verdict. Parse takes a context: it stops between parts and inside
// the slow readers when the context ends, and says so with an error.
//
// Every limit (message size, parts, nesting, attachment size, and the
// form readers' own) is a setting in form.Limits; hostile input ends as a
// warning or an unreadable result, and a panic anywhere inside Parse is
// recovered and reported as unreadable.
package parse

// The email fixtures under testdata/forms/eml are made by
// internal/gen/emlforms (after the docx and PDF generators); then
// `go test ./parse -run Golden -update` rewrites testdata/parse.
//go:generate go run ../internal/gen/emlforms -root ..
