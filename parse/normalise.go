package parse

import (
	"regexp"
	"strings"
)

// Ticked and unticked marks as forms write them. form.RawField values render
// checkboxes as "☒ caption" and "☐ caption"; people typing into a form use
// the others.
var (
	tickedMarks   = []string{"☒", "☑", "✓", "✔", "✗", "✘", "■", "[x]", "[X]", "(x)", "(X)", "[✓]", "[✔]"}
	uncheckedMark = []string{"☐", "□", "[ ]", "( )", "[]", "()"}
)

// option is one choice written in a value, and whether it was ticked.
type option struct {
	Text    string
	Ticked  bool
	HasMark bool // the choice came with a tick box
}

// splitOptions cuts a value such as "☒ Died ☐ Seriously harmed" or
// "[ ] Yes [X] No" into its choices. A value with no tick boxes at all is
// one choice, ticked. "X Died" (an X typed beside an option) counts as a
// tick.
func splitOptions(v string) []option {
	type mark struct {
		pos, end int
		ticked   bool
	}
	var marks []mark
	for _, m := range tickedMarks {
		for i := 0; ; {
			j := strings.Index(v[i:], m)
			if j < 0 {
				break
			}
			marks = append(marks, mark{i + j, i + j + len(m), true})
			i += j + len(m)
		}
	}
	for _, m := range uncheckedMark {
		for i := 0; ; {
			j := strings.Index(v[i:], m)
			if j < 0 {
				break
			}
			marks = append(marks, mark{i + j, i + j + len(m), false})
			i += j + len(m)
		}
	}
	if len(marks) == 0 {
		return xOptions(v)
	}
	// Sort by position and drop overlaps ("[ ]" contains nothing else, but
	// "[x]" and "x" could both be found).
	for i := 1; i < len(marks); i++ {
		for j := i; j > 0 && marks[j].pos < marks[j-1].pos; j-- {
			marks[j], marks[j-1] = marks[j-1], marks[j]
		}
	}
	kept := marks[:0]
	for _, m := range marks {
		if len(kept) > 0 && m.pos < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, m)
	}
	marks = kept
	var opts []option
	captionFirst := strings.TrimSpace(v[:marks[0].pos]) != "" && strings.TrimSpace(v[marks[len(marks)-1].end:]) == ""
	last := 0
	for i, m := range marks {
		var text string
		if captionFirst {
			text = v[last:m.pos]
		} else {
			end := len(v)
			if i+1 < len(marks) {
				end = marks[i+1].pos
			}
			text = v[m.end:end]
		}
		opts = append(opts, option{Text: cleanOption(text), Ticked: m.ticked, HasMark: true})
		last = m.end
	}
	return opts
}

var (
	reXMark     = regexp.MustCompile(`(?m)(?:^|\s)[xX](?:\s|$)`)
	reOptionSep = regexp.MustCompile(`\n|\s{2,}|\t|/|\|`)
)

// xOptions handles "X Died  Seriously harmed" or "Died X": an X standing
// alone beside one option. Without one the whole value is one ticked
// choice.
func xOptions(v string) []option {
	t := strings.TrimSpace(v)
	if t == "x" || t == "X" {
		return []option{{Text: "", Ticked: true, HasMark: true}}
	}
	if !reXMark.MatchString(v) {
		return []option{{Text: cleanOption(v), Ticked: true}}
	}
	// Lines or runs of two spaces separate options; the one holding the X
	// is ticked.
	parts := reOptionSep.Split(t, -1)
	var opts []option
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		ticked := reXMark.MatchString(" " + p + " ")
		text := strings.TrimSpace(reXMark.ReplaceAllString(" "+p+" ", " "))
		opts = append(opts, option{Text: cleanOption(text), Ticked: ticked, HasMark: true})
	}
	return opts
}

func cleanOption(s string) string {
	return strings.Trim(strings.TrimSpace(s), " \t\n,;/|-–")
}

// tickedTexts returns the captions of the ticked choices.
func tickedTexts(v string) []string {
	var out []string
	for _, o := range splitOptions(v) {
		if o.Ticked {
			out = append(out, o.Text)
		}
	}
	return out
}

// normBool reads a yes/no answer: "Y", "yes – see below", "No", "☒ Yes ☐
// No", "[X] No", "X" alone. It returns nil when the answer is blank or
// unclear ("Yes/No" with neither struck out, "unknown", "N/A").
func normBool(v string) *bool {
	// A cross on its own answers no, as a tick on its own answers yes.
	switch strings.TrimSpace(v) {
	case "✗", "✘", "\uf0fb", "\uf0fd":
		no := false
		return &no
	}
	opts := splitOptions(v)
	// A lone tick box whose caption is the question itself ("☒ I have
	// agreement to refer"): ticked is yes, unticked is left blank.
	if len(opts) == 1 && opts[0].HasMark && yesNo(opts[0].Text) == 0 {
		if opts[0].Ticked {
			t := true
			return &t
		}
		return nil
	}
	yes, no := false, false
	for _, o := range opts {
		if !o.Ticked {
			continue
		}
		if o.HasMark && o.Text == "" {
			yes = true // a lone tick against the label
			continue
		}
		switch yesNo(o.Text) {
		case 1:
			yes = true
		case -1:
			no = true
		}
	}
	if yes == no {
		// "Suspected – yes", "Known: Y": an answer after a dash or colon.
		if len(opts) == 1 && !opts[0].HasMark {
			if m := reTrailingYesNo.FindStringSubmatch(strings.ToLower(opts[0].Text)); m != nil {
				y := m[1] == "yes" || m[1] == "y"
				return &y
			}
		}
		return nil
	}
	return &yes
}

// reTrailingYesNo is a yes or no closing a short answer after a dash or
// colon.
var reTrailingYesNo = regexp.MustCompile(`^[\pL ]{1,30}\s[-–—:]\s*(yes|no|y|n)\s*[.!]?$`)

var reWord = regexp.MustCompile(`[\pL\pN]+`)

// yesNo says whether s begins with yes (1), no (-1) or neither (0).
func yesNo(s string) int {
	words := reWord.FindAllString(strings.ToLower(s), 4)
	if len(words) == 0 {
		return 0
	}
	first := words[0]
	second := ""
	if len(words) > 1 {
		second = words[1]
	}
	isYes := func(w string) bool {
		switch w {
		case "y", "yes", "true", "agreed", "confirmed", "yep", "ticked":
			return true
		}
		return false
	}
	isNo := func(w string) bool {
		switch w {
		case "n", "no", "false", "not", "none", "nope":
			return true
		}
		return false
	}
	switch {
	case first == "n" && second == "a": // N/A
		return 0
	case (first == "n" || first == "y") && len(second) == 1:
		return 0 // initials: "N.O.", "Y.Z."
	case first == "not" && (second == "known" || second == "sure" || second == "applicable"):
		return 0
	case isYes(first):
		if isNo(second) && strings.ContainsAny(s, "/|") { // "Yes/No" left as printed
			return 0
		}
		return 1
	case isNo(first):
		if isYes(second) && strings.ContainsAny(s, "/|") {
			return 0
		}
		return -1
	}
	return 0
}
