package layout

import (
	"reflect"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

// p makes a paragraph of plain text; h a heading; b a bold paragraph.
func p(text string) Block {
	pa := &Para{Plain: true}
	pa.AddText(text)
	pa.Flush()
	return Block{P: pa}
}
func h(text string) Block {
	pa := &Para{Heading: true, Bold: true}
	pa.AddText(text)
	pa.Flush()
	return Block{P: pa}
}

// c makes a cell of paragraphs; tb a table of rows.
func c(texts ...string) *Cell {
	cl := &Cell{Span: 1}
	for _, t := range texts {
		if t != "" {
			cl.Blocks = append(cl.Blocks, p(t))
		}
	}
	return cl
}
func tb(rows ...[]*Cell) Block {
	t := &Table{}
	for _, r := range rows {
		t.Rows = append(t.Rows, &Row{Cells: r})
	}
	return Block{T: t}
}

func rf(value string, labels ...string) form.RawField {
	return form.RawField{Labels: labels, Value: value}
}

func TestReadLayouts(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []Block
		want []form.RawField
	}{{
		name: "questions as headings, answers below; an instruction under a title heading",
		in:   []Block{h("Referral form"), p("Please complete every section."), h("Child's full name"), p("Jay Example"), h("Describe what happened"), p("Line one."), p("Line two.")},
		want: []form.RawField{rf("Jay Example", "Child's full name"), rf("Line one.\nLine two.", "Describe what happened")},
	}, {
		name: "numbered questions, the answer on the next line, numbered lines inside an answer",
		in:   []Block{p("1. Name of child"), p("Jay Example"), p("2. Recommendations"), p("1. Review the plan"), p("3. Date of birth"), p("03/11/2015")},
		want: []form.RawField{rf("Jay Example", "Name of child"), rf("1. Review the plan", "Recommendations"), rf("03/11/2015", "Date of birth")},
	}, {
		name: "a lead-in inside an answer is no label",
		in:   []Block{h("Analysis of practice"), p("Good practice: the nurse recorded the disclosure in detail."), p("Concern: the missed appointment was not followed up at all.")},
		want: []form.RawField{rf("Good practice: the nurse recorded the disclosure in detail.\nConcern: the missed appointment was not followed up at all.", "Analysis of practice")},
	}, {
		name: "a list ticked in one column",
		in:   []Block{tb([]*Cell{c("Type of abuse"), c("Tick")}, []*Cell{c("Physical abuse"), c("X")}, []*Cell{c("Neglect"), c("")}, []*Cell{c("Other"), c("")})},
		want: []form.RawField{rf("☒ Physical abuse\n☐ Neglect\n☐ Other", "Type of abuse")},
	}, {
		name: "two Yes/No tables run together",
		in: []Block{tb([]*Cell{c("Questions"), c("Yes"), c("No")}, []*Cell{c("Is suicide suspected?"), c(""), c("X")},
			[]*Cell{c("Criteria"), c("Yes"), c("No")}, []*Cell{c("Agreement to refer?"), c("✓"), c("")})},
		want: []form.RawField{rf("☐ Yes ☒ No", "Is suicide suspected?"), rf("☒ Yes ☐ No", "Agreement to refer?")},
	}, {
		name: "a question row answered by the row under it, whole",
		in:   []Block{tb([]*Cell{c("Child"), c("Jay")}, []*Cell{{Span: 2, Blocks: []Block{p("What happened?")}}}, []*Cell{{Span: 2, Blocks: []Block{p("Mum said: he fell down the stairs at home."), p("Then he cried.")}}})},
		want: []form.RawField{rf("Jay", "Child"), rf("Mum said: he fell down the stairs at home.\nThen he cried.", "What happened?")},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := Read(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
