// Package layout reads a form laid out as paragraphs and tables into raw
// label and value pairs. Word's document.xml (package docx) and the text
// of a PDF rebuilt from its glyphs and ruled lines (package pdf) are both
// turned into the small model here, so that the ways a form pairs a
// question with its answer are read once, whatever the file:
//
//   - a table row of a label cell and a value cell, or of two such pairs;
//   - a row spanning the table that asks a question, and the row below
//     that answers it;
//   - options with a mark (a box glyph, a tick, an "X") beside them, and
//     questions ticked under Yes and No columns;
//   - a header row of column names over rows of entries;
//   - "Label: value", "Question? answer" and "Label<TAB>value" paragraphs;
//   - a question, a bold label or a heading with its answer in the
//     paragraphs below;
//   - content controls and form fields with the text printed before them.
//
// Checkboxes are rendered as form.Checked and form.Unchecked before their
// caption; labels are cleaned of white space and a trailing colon.
package layout
