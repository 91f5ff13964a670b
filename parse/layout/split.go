package layout

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// isQuestion reports a label that waits for its answer: it ends in a colon
// or a question mark.
func isQuestion(text string) bool {
	return strings.HasSuffix(text, "?") || strings.HasSuffix(text, ":") && !strings.Contains(text, "\n")
}

// splitColon splits "Label: value" when the part before the first colon
// reads as a label: one short line, not a time ("10:30"), a web address or
// a section heading ("Section 2: The incident").
func splitColon(text string) (label, value string, ok bool) {
	i := strings.IndexByte(text, ':')
	if i <= 0 || i == len(text)-1 {
		return "", "", false
	}
	label, value = TrimSpace(text[:i]), TrimSpace(text[i+1:])
	if label == "" || value == "" || strings.Contains(label, "\n") || strings.HasSuffix(value, "?") {
		return "", "", false
	}
	if utf8.RuneCountInString(label) > 100 || len(strings.Fields(label)) > 15 {
		return "", "", false
	}
	if isDigitBefore(text[:i]) && isDigitAfter(text[i+1:]) {
		return "", "", false
	}
	low := strings.ToLower(label)
	for _, suffix := range []string{"http", "https", "mailto"} {
		if strings.HasSuffix(low, suffix) {
			return "", "", false
		}
	}
	if isSectionHeading(low) {
		return "", "", false
	}
	return label, value, true
}

// splitQuestion splits "Question? answer" when the answer is short, on
// the same line, and the question is at least three words long.
func splitQuestion(text string) (label, value string, ok bool) {
	i := strings.IndexByte(text, '?')
	if i <= 0 || i == len(text)-1 {
		return "", "", false
	}
	label, value = TrimSpace(text[:i+1]), TrimSpace(text[i+1:])
	if value == "" || strings.ContainsAny(value, "\n?") || strings.Contains(label, "\n") || len(strings.Fields(label)) < 3 {
		return "", "", false
	}
	if utf8.RuneCountInString(label) > 200 || utf8.RuneCountInString(value) > 60 {
		return "", "", false
	}
	return label, value, true
}

// splitBold splits a paragraph that opens with a bold label and goes on in
// plain text ("**Name of referrer** Sam Sample").
func splitBold(p *Para, text string) (label, value string, ok bool) {
	if !p.Bold || !p.Plain {
		return "", "", false
	}
	label = TrimSpace(p.BoldPrefix.String())
	rest, found := strings.CutPrefix(text, label)
	value = TrimSpace(rest)
	if !found || label == "" || value == "" || utf8.RuneCountInString(label) > 100 {
		return "", "", false
	}
	return CleanLabel(label), value, true
}

func isDigitBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}

func isDigitAfter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// isSectionHeading reports "section 2", "part b", "step 3".
func isSectionHeading(low string) bool {
	f := strings.Fields(low)
	if len(f) != 2 || len(f[1]) > 4 {
		return false
	}
	switch f[0] {
	case "section", "part", "step", "appendix", "annex":
		return true
	}
	return false
}

// splitTab splits "Label<tab>value": one line, two parts separated by tabs
// alone, the first short enough to be a label.
func splitTab(text string) (label, value string, ok bool) {
	if strings.Contains(text, "\n") {
		return "", "", false
	}
	var parts []string
	for _, part := range strings.Split(text, "\t") {
		if part = TrimSpace(part); part != "" {
			parts = append(parts, part)
		}
	}
	if len(parts) != 2 || utf8.RuneCountInString(parts[0]) > 100 || len(strings.Fields(parts[0])) > 12 {
		return "", "", false
	}
	return CleanLabel(parts[0]), parts[1], true
}

// reNumbered opens a numbered question: "7. ", "12) ", "(3) ", "b) ".
var reNumbered = regexp.MustCompile(`^(?:\(?\d{1,2}[.)]|\(?[a-h]\))\s+\S`)

// numberedQuestion reports a short numbered paragraph that asks
// something rather than says it ("7. Name of child", not "1. Audit the
// use of the escalation policy."), and its number (0 for a letter).
func numberedQuestion(text string) (int, bool) {
	if !reNumbered.MatchString(text) || strings.Contains(text, "\n") || strings.HasSuffix(text, ".") {
		return 0, false
	}
	if len(strings.Fields(text)) > 16 || utf8.RuneCountInString(text) > 140 {
		return 0, false
	}
	n, _ := strconv.Atoi(strings.TrimLeft(strings.FieldsFunc(text, func(r rune) bool { return r == '.' || r == ')' || r == ' ' })[0], "("))
	return n, true
}

// stripNumber removes a question's number.
func stripNumber(text string) string {
	if loc := reNumbered.FindStringIndex(text); loc != nil {
		return strings.TrimSpace(text[loc[1]-1:])
	}
	return text
}

// reInstruction opens a form's instructions to whoever fills it in.
var reInstruction = regexp.MustCompile(`(?i)^(please (complete|return|send|use|read|answer|email|ensure|fill|tick|note)|to be completed|return (this|to|within)|complete (this|all|every)|this form|guidance|notes?:|if you (are|have|need))\b`)

// reInstructionInside is an instruction further into a paragraph ("The
// partnership has received a referral. Please complete this form ...").
var reInstructionInside = regexp.MustCompile(`(?i)\b(please complete this form|complete this form and return|type in the (grey|gray) boxes|tick the boxes that apply)\b`)

// isInstruction reports a paragraph that tells the reader how to fill in
// the form.
func isInstruction(text string) bool {
	return reInstruction.MatchString(text) || reInstructionInside.MatchString(text)
}

// reFormTitle is a heading that names the form itself ("Rapid review:
// agency information form"): a title, not a question.
var reFormTitle = regexp.MustCompile(`(?i)\b(form|template|proforma|pro-forma)\s*$`)

// isFormTitle reports a heading naming the form.
func isFormTitle(text string) bool { return reFormTitle.MatchString(strings.TrimSpace(text)) }

// leadIn reports "Good practice: the nurse recorded the disclosure in
// detail.": a short lead-in before a sentence, inside an answer, not a
// label and its value.
func leadIn(label, value string) bool {
	return len(strings.Fields(label)) <= 3 && len(strings.Fields(value)) >= 6
}
