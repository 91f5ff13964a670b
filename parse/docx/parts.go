package docx

import (
	"archive/zip"
	"context"
	"io"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/layout"
)

// maxHeaderParts bounds the page headers read: Word writes at most three
// per section (first, even, default), and a form has one or two sections.
const maxHeaderParts = 6

// docxPackage reads parts of one .docx under one deadline and one budget
// of decompressed bytes.
type docxPackage struct {
	ctx      context.Context
	zr       *zip.Reader
	lim      form.Limits
	now      func() time.Time
	deadline time.Time
	budget   int64
}

// walk streams one part into blocks.
func (pk *docxPackage) walk(f *zip.File) (*docWalker, error) {
	r, err := openBounded(f, pk.lim, &pk.budget)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	w, err := walkDocument(pk.ctx, r, pk.now, pk.deadline)
	if err != nil {
		if pk.ctx.Err() != nil {
			return nil, pk.ctx.Err()
		}
		return nil, walkError(err)
	}
	return w, nil
}

// mainDocument finds word/document.xml, or the part the package
// relationships name as the office document.
func (pk *docxPackage) mainDocument() *zip.File {
	byName := map[string]*zip.File{}
	for _, f := range pk.zr.File {
		byName[f.Name] = f
	}
	if f := byName["word/document.xml"]; f != nil {
		return f
	}
	rels := byName["_rels/.rels"]
	if rels == nil {
		return nil
	}
	r, err := openBounded(rels, pk.lim, &pk.budget)
	if err != nil {
		return nil
	}
	defer r.Close()
	target := officeDocumentTarget(io.LimitReader(r, 1<<20))
	if target == "" {
		return nil
	}
	return byName[path.Clean(strings.TrimLeft(target, "/"))]
}

// headers adds the fields of the page headers (a case reference printed
// at the top of every page), after the body's and without repeating a
// field already read. A header that cannot be read is skipped with a
// warning: the body has been read.
func (pk *docxPackage) headers(ex *form.Extraction) {
	var parts []*zip.File
	for _, f := range pk.zr.File {
		if strings.HasPrefix(f.Name, "word/header") && strings.HasSuffix(f.Name, ".xml") {
			parts = append(parts, f)
		}
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].Name < parts[j].Name })
	if len(parts) > maxHeaderParts {
		parts = parts[:maxHeaderParts]
	}
	for _, f := range parts {
		w, err := pk.walk(f)
		if err != nil {
			ex.Warnings = append(ex.Warnings, "docx: a page header could not be read")
			continue
		}
		fields, _ := layout.Read(w.body)
		for _, fl := range fields {
			if !hasField(ex.Fields, fl) {
				ex.Fields = append(ex.Fields, fl)
			}
		}
	}
}

// hasField reports whether fields holds one with the same labels and value.
func hasField(fields []form.RawField, f form.RawField) bool {
	for _, g := range fields {
		if g.Value == f.Value && strings.Join(g.Labels, "\x00") == strings.Join(f.Labels, "\x00") {
			return true
		}
	}
	return false
}
