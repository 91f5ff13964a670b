package layout

import (
	"strings"
	"unicode/utf8"

	"github.com/kscmp/intake/parse/form"
)

// Read pairs the labels and values of a form laid out as blocks, and
// counts the values that were a placeholder prompt.
func Read(bs []Block) (fields []form.RawField, placeholders int) {
	x := &extractor{}
	x.blocks(bs)
	return x.finish(), x.placeholders
}

// extractor pairs labels with values over a document's blocks.
type extractor struct {
	fields       []form.RawField
	placeholders int                      // values that were a placeholder prompt
	more         map[int]*strings.Builder // values being extended, line by line
}

// emit adds a field whose labels are the printed label then the control's
// own names; it returns the field's index, or -1 when it has no label.
func (x *extractor) emit(label string, extra []string, value string) int {
	labels := AppendLabels(nil, label)
	labels = AppendLabels(labels, extra...)
	if len(labels) == 0 {
		return -1
	}
	if isPlaceholderText(value) {
		value = ""
		x.placeholders++
	}
	x.fields = append(x.fields, form.RawField{Labels: labels, Value: value})
	return len(x.fields) - 1
}

// extend adds a further line to the value of field i.
func (x *extractor) extend(i int, line string) {
	if i < 0 || i >= len(x.fields) || line == "" {
		return
	}
	if x.more == nil {
		x.more = map[int]*strings.Builder{}
	}
	b := x.more[i]
	if b == nil {
		b = &strings.Builder{}
		b.WriteString(x.fields[i].Value)
		x.more[i] = b
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(line)
}

// finish writes the extended values back and returns the fields.
func (x *extractor) finish() []form.RawField {
	for i, b := range x.more {
		x.fields[i].Value = b.String()
	}
	x.more = nil
	return x.fields
}

// blocks reads a run of paragraphs and tables at one level.
func (x *extractor) blocks(bs []Block) {
	s := newStream(x)
	for _, b := range bs {
		if b.T != nil {
			s.reset()
			x.table(b.T)
			continue
		}
		s.para(b.P)
	}
	s.reset()
}

// stream reads paragraphs in order: "Label: value" lines, a question or
// bold label followed by its answer paragraphs, and controls with the text
// printed before them.
type stream struct {
	x        *extractor
	pending  string // a label waiting for its answer
	explicit bool   // pending ended in ':' or '?': report it even unanswered
	title    bool   // pending is a table's first row: perhaps only its title
	qnum     int    // the number of the last numbered question
	open     int    // the field that further answer lines extend, or -1
	openBox  bool   // open holds checkbox options
	last     string // the plain paragraph before, a label for a lone control
}

func newStream(x *extractor) *stream { return &stream{x: x, open: -1} }

// flush reports an unanswered question as blank and forgets it.
func (s *stream) flush() {
	if s.pending != "" && s.explicit {
		s.x.emit(s.pending, nil, "")
	}
	s.pending, s.explicit, s.title, s.last = "", false, false, ""
}

// reset ends the run of paragraphs.
func (s *stream) reset() {
	s.flush()
	s.open, s.openBox = -1, false
}

// setPending makes a paragraph the label of what follows.
func (s *stream) setPending(label string, explicit bool) {
	s.reset()
	s.pending, s.explicit = CleanLabel(label), explicit
}

// para reads one paragraph.
func (s *stream) para(p *Para) {
	if p.hasControls() {
		s.controls(p)
		return
	}
	text := TrimSpace(p.Text())
	if text == "" {
		return
	}
	if p.Title || p.Heading && isFormTitle(text) { // a title, not a label
		s.reset()
		return
	}
	if p.Heading && utf8.RuneCountInString(text) <= 200 {
		// A heading asks what the paragraphs under it answer; followed
		// by a table or another heading, it was only a heading.
		s.setPending(strings.TrimSpace(stripNumber(text)), isQuestion(text))
		return
	}
	inAnswer := s.pending != "" || s.open >= 0 && !s.openBox
	if label, value, ok := splitColon(text); ok && !(inAnswer && leadIn(label, value)) {
		s.reset()
		s.x.emit(label, nil, value)
		return
	}
	if label, value, ok := splitQuestion(text); ok {
		s.reset()
		s.x.emit(label, nil, value)
		return
	}
	if label, value, ok := splitTab(text); ok {
		s.reset()
		s.x.emit(label, nil, value)
		return
	}
	if label, value, ok := splitBold(p, text); ok {
		s.reset()
		s.x.emit(label, nil, value)
		return
	}
	if isQuestion(text) {
		s.setPending(text, true)
		return
	}
	if p.Bold && !p.Plain && utf8.RuneCountInString(text) <= 200 {
		s.setPending(text, false)
		return
	}
	if n, ok := numberedQuestion(text); ok && (s.open < 0 && s.pending == "" || n == s.qnum+1) {
		// "7. Name of child": a numbered question, its answer below. One
		// numbered in sequence ends the answer above it; any other
		// numbered line inside an answer is part of it.
		s.setPending(stripNumber(text), false)
		s.qnum = n
		return
	}
	switch {
	case s.pending != "" && !s.explicit && isInstruction(text):
		// "Please complete every section": the heading above was a
		// title, and this no answer.
		s.reset()
	case s.pending != "":
		s.open, s.openBox = s.x.emit(s.pending, nil, text), false
		s.pending, s.explicit = "", false
	case s.open >= 0 && !s.openBox:
		s.x.extend(s.open, text)
	default:
		s.last = text
	}
}

// controls reads a paragraph holding fields or boxes.
func (s *stream) controls(p *Para) {
	groups := splitGroups(p.Segs)
	for i, g := range groups {
		label := CleanLabel(g.label)
		if i == 0 && label == "" {
			if g.box && s.openBox && s.open >= 0 && s.pending == "" {
				s.x.extend(s.open, g.value) // another line of options
				continue
			}
			switch {
			case s.pending != "":
				label = s.pending
				s.pending, s.explicit = "", false
				idx := s.x.emit(label, g.Labels, g.value)
				s.open, s.openBox = -1, false
				if len(groups) == 1 && g.box {
					s.open, s.openBox = idx, true
				}
				continue
			case s.last != "" && utf8.RuneCountInString(s.last) <= 200:
				label = s.last
			}
		}
		if i == 0 {
			s.reset()
		}
		idx := s.x.emit(label, g.Labels, g.value)
		if len(groups) == 1 && g.box {
			s.open, s.openBox = idx, true
		}
	}
	s.last = ""
}

// group is a label and the control or checkbox options after it, within
// one paragraph.
type group struct {
	label  string
	value  string
	Labels []string
	box    bool
}

// splitGroups splits a paragraph at its controls. Each field takes the
// text before it as its label; a run of boxes and their captions is one
// value, up to a field or a further question.
func splitGroups(segs []Seg) []group {
	var groups []group
	var label strings.Builder
	var cur *group
	var opts []Seg
	boxes := 0
	closeBox := func() {
		if cur == nil {
			return
		}
		cur.value = TrimSpace(RenderSegs(opts))
		if boxes == 1 {
			for _, o := range opts {
				if o.Kind == SegBox {
					cur.Labels = o.Labels
				}
			}
		}
		groups = append(groups, *cur)
		cur, opts, boxes = nil, nil, 0
	}
	for i, sg := range segs {
		switch sg.Kind {
		case SegField:
			if cur != nil {
				// Text after the options and before this field is its label.
				if n := len(opts); n > 0 && opts[n-1].Kind == SegText {
					caption, l := splitCaption(opts[n-1].Text)
					opts[n-1].Text = caption
					label.WriteString(l)
				}
				closeBox()
			}
			groups = append(groups, group{label: label.String(), value: sg.Text, Labels: sg.Labels})
			label.Reset()
		case SegBox:
			if cur == nil {
				cur = &group{label: label.String(), box: true}
				label.Reset()
			}
			opts = append(opts, sg)
			boxes++
		default:
			if cur == nil {
				label.WriteString(sg.Text)
				continue
			}
			if isQuestion(TrimSpace(sg.Text)) && boxAfter(segs[i+1:]) {
				caption, l := splitCaption(sg.Text)
				opts = append(opts, Seg{Text: caption})
				closeBox()
				label.WriteString(l)
				continue
			}
			opts = append(opts, sg)
		}
	}
	closeBox()
	return groups
}

// boxAfter reports whether a box follows.
func boxAfter(segs []Seg) bool {
	for _, s := range segs {
		if s.Kind == SegBox {
			return true
		}
	}
	return false
}

// splitCaption splits the text between options and the next question
// ("No\t\tSuspected suicide?") at its last tab or run of spaces into the
// caption of the option before and the label of what follows.
func splitCaption(text string) (caption, label string) {
	t := strings.TrimRightFunc(text, IsSpace)
	cut := strings.LastIndex(t, "\t")
	if i := strings.LastIndex(t, "  "); i > cut {
		cut = i + 1
	}
	if cut < 0 {
		return "", text
	}
	return t[:cut], t[cut+1:]
}
