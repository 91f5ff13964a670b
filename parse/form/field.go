package form

// RawField is one label and the value written beside it, as a reader
// found it on a form, before the label table maps it onto a canonical key.
//
// The readers (docx, PDF, body text, HTML tables) all produce RawFields,
// so that label matching and value normalisation are written once.
type RawField struct {
	// Labels are the names this value goes by, best first: the printed
	// label beside the value, then a content control's alias and tag, or a
	// PDF field's tooltip (/TU) and name (/T).
	Labels []string
	// Value is the text as entered, line breaks kept. Checkboxes are
	// rendered as glyphs, Checked and Unchecked, each followed by its
	// option's caption when known ("☒ Died ☐ Seriously harmed"). Value is
	// empty when the field was blank or still showed placeholder text.
	Value string
}

// Extraction is what a reader read from one form.
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

// The glyphs a RawField's value renders a checkbox with.
const (
	Checked   = "☒"
	Unchecked = "☐"
)
