package layout

import (
	"regexp"
	"strconv"
	"strings"
)

// isGeneratedName reports names that Word or LibreOffice give form fields
// and content controls by themselves ("Text1", "Check3", "Dropdown2",
// "Unnamed Copy 4", "__Fieldmark__5_1400138764"), which say nothing about
// the field.
func isGeneratedName(name string) bool {
	if strings.HasPrefix(name, "__Fieldmark__") || name == "Unnamed" {
		return true
	}
	if rest, ok := strings.CutPrefix(name, "Unnamed Copy "); ok {
		_, err := strconv.Atoi(rest)
		return err == nil
	}
	for _, prefix := range []string{"Text", "Check", "Dropdown"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok && rest != "" {
			if _, err := strconv.Atoi(rest); err == nil {
				return true
			}
		}
	}
	return false
}

// placeholderTexts are the prompts Word puts in empty content controls.
// They are usually marked as placeholders (w:showingPlcHdr), but the mark
// is lost when a form passes through LibreOffice or an old .doc.
var placeholderTexts = []string{
	"click or tap here to enter text.",
	"click here to enter text.",
	"click or tap to enter a date.",
	"click here to enter a date.",
	"choose an item.",
	"enter text here.",
}

// isPlaceholderText reports a value that is one of Word's prompts.
func isPlaceholderText(v string) bool {
	if v == "" || len(v) > 40 {
		return false
	}
	if reExample.MatchString(v) {
		return true // "e.g. KM1 2AB": the form's own prompt, left as it was
	}
	low := strings.ToLower(TrimSpace(v))
	for _, p := range placeholderTexts {
		if low == p || low == strings.TrimSuffix(p, ".") {
			return true
		}
	}
	return false
}

// AppendLabels appends the non-empty labels not already present, leaving
// out names that Word or LibreOffice made up.
func AppendLabels(labels []string, more ...string) []string {
	for _, l := range more {
		l = CleanLabel(l)
		if l == "" || isGeneratedName(l) {
			continue
		}
		dup := false
		for _, have := range labels {
			if strings.EqualFold(have, l) {
				dup = true
			}
		}
		if !dup {
			labels = append(labels, l)
		}
	}
	return labels
}

// reExample is a prompt that shows what to write: "e.g. KM1 2AB".
var reExample = regexp.MustCompile(`(?i)^\s*(e\.\s?g\.?|eg[.:]|for example)\s`)
