package parse

import (
	"regexp"
	"strings"
)

var (
	reOnWrote      = regexp.MustCompile(`(?i)^\s*(?:on|le|am|el|op)\s.{0,300}(?:wrote|écrit|schrieb|escribió|schreef)\s*:\s*$`)
	reOrigMsg      = regexp.MustCompile(`(?i)^\s*-{2,}\s*original message\s*-{2,}\s*$`)
	reFwdMarker    = regexp.MustCompile(`(?i)^\s*(?:-{2,}\s*forwarded message\s*-{2,}|begin forwarded message:?|-{2,}\s*forwarded by .*-{2,})\s*$`)
	reRule         = regexp.MustCompile(`^\s*(?:_{10,}|-{10,})\s*$`)
	reHeaderLine   = regexp.MustCompile(`(?i)^\s*\*?(from|sent|date|to|cc|bcc|subject|reply-to|importance)\s*:\*?\s`)
	reSigDelim     = regexp.MustCompile(`^-- ?$`)
	reSentFrom     = regexp.MustCompile(`(?i)^\s*(sent from my |get outlook for |sent from outlook|sent from mail for windows)`)
	reSignOff      = regexp.MustCompile(`(?i)^\s*(kind regards|best regards|warm regards|regards|many thanks|thanks|thank you|best wishes|yours sincerely|yours faithfully|with thanks|cheers)\s*[,.!]?\s*$`)
	reFwdSubject   = regexp.MustCompile(`(?i)^\s*(?:fw|fwd)\s*:`)
	reQuotedPrefix = regexp.MustCompile(`^\s*>`)
)

// stripQuoted removes from a body what an earlier email said, so that
// nothing quoted leaks into the form's fields: lines quoted with ">", and
// everything from a reply's attribution ("On … wrote:", "-----Original
// Message-----", Outlook's From/Sent/To/Subject block), a signature ("-- ")
// or a "Sent from my phone" line onwards.
//
// A forward is different: what was forwarded is the content. When the
// subject says FW/Fwd or the body has a forwarding marker, the forwarded
// header block is dropped and the forwarded text kept (up to its own
// quoted history). A sign-off ("Kind regards") ends the text when no form
// label follows it; isLabel says whether a line is one.
func stripQuoted(body, subject string, isLabel func(string) bool, signer ...string) string {
	if len(body) > maxBodyBytes {
		body = body[:maxBodyBytes]
	}
	lines := strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n")
	if len(lines) > maxBodyLines {
		lines = lines[:maxBodyLines]
	}
	forward := reFwdSubject.MatchString(subject)
	var out []string
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if reQuotedPrefix.MatchString(l) {
			continue
		}
		if reFwdMarker.MatchString(l) {
			i = skipHeaderBlock(lines, i+1) - 1
			forward = false // a forward is unwrapped once; further history is quoted
			continue
		}
		block := outlookBlock(lines, i)
		if block > i {
			if forward {
				forward = false
				i = block - 1
				continue
			}
			break
		}
		if reOrigMsg.MatchString(l) {
			if forward {
				forward = false
				i = skipHeaderBlock(lines, i+1) - 1
				continue
			}
			break
		}
		if reOnWrote.MatchString(l) || (i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(l), "On ") &&
			reOnWrote.MatchString(l+" "+lines[i+1])) {
			break
		}
		if reSigDelim.MatchString(l) || reSentFrom.MatchString(l) {
			break
		}
		out = append(out, l)
	}
	// A sign-off, or the sender's name on a line of its own, with no form
	// label after it ends the text.
	lastLabel := -1
	for i := len(out) - 1; i >= 0 && isLabel != nil; i-- {
		if isLabel(out[i]) {
			lastLabel = i
			break
		}
	}
	for i := lastLabel + 1; i < len(out); i++ {
		if reSignOff.MatchString(out[i]) || isSigner(out[i], signer) {
			out = out[:i]
			break
		}
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// outlookBlock reports whether an Outlook-style header block (From:, then
// Sent: or Date:, To:, Subject: within a few lines) starts at line i,
// perhaps after a rule of underscores, and returns the index of the first
// line after it, or i when there is none.
func outlookBlock(lines []string, i int) int {
	start := i
	if reRule.MatchString(lines[i]) {
		start = i + 1
		for start < len(lines) && strings.TrimSpace(lines[start]) == "" {
			start++
		}
	}
	if start >= len(lines) {
		return i
	}
	m := reHeaderLine.FindStringSubmatch(lines[start])
	if m == nil || !strings.EqualFold(m[1], "from") {
		return i
	}
	seen := map[string]bool{}
	end := start
	for j := start; j < len(lines) && j < start+10; j++ {
		hm := reHeaderLine.FindStringSubmatch(lines[j])
		if hm == nil {
			if strings.TrimSpace(lines[j]) == "" && j > start {
				break
			}
			continue
		}
		seen[strings.ToLower(hm[1])] = true
		end = j + 1
	}
	if (seen["sent"] || seen["date"]) && (seen["to"] || seen["subject"]) {
		return end
	}
	return i
}

// skipHeaderBlock returns the index of the first line after the header
// lines (From:, Date:, Subject:, To: …) that start at i.
func skipHeaderBlock(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	for i < len(lines) && (reHeaderLine.MatchString(lines[i]) || (strings.HasPrefix(lines[i], " ") && strings.TrimSpace(lines[i]) != "")) {
		i++
	}
	return i
}

// isSigner reports a line that is only one of the sender's names (their
// first name, or their whole name), as people sign an email.
func isSigner(line string, names []string) bool {
	l := strings.TrimRight(strings.TrimSpace(line), ",.!")
	if l == "" {
		return false
	}
	for _, n := range names {
		if n != "" && strings.EqualFold(l, n) {
			return true
		}
	}
	return false
}
