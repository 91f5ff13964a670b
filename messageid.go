package intake

import "strings"

// MaxReferences is how many Message-IDs an email of ours carries in its
// References at most: the last ones, nearest the message it answers, so
// that a sender's 20,000-ID header is never echoed back.
const MaxReferences = 10

// ValidMessageID returns id in angle brackets if it is a msg-id of RFC 5322
// section 3.6.4 (dot-atom-text "@" dot-atom-text or a no-fold-literal, the
// obsolete forms refused) of at most 250 octets, with or without its
// brackets; otherwise "".
func ValidMessageID(id string) string {
	id = strings.TrimSpace(id)
	if strings.HasPrefix(id, "<") && strings.HasSuffix(id, ">") {
		id = id[1 : len(id)-1]
	}
	left, right, ok := strings.Cut(id, "@")
	if !ok || len(id) > 250 || !dotAtomText(left) {
		return ""
	}
	if !dotAtomText(right) && !noFoldLiteral(right) {
		return ""
	}
	return "<" + id + ">"
}

// dotAtomText reports whether s is 1*atext *("." 1*atext) (RFC 5322
// section 3.2.3).
func dotAtomText(s string) bool {
	if s == "" {
		return false
	}
	for _, atom := range strings.Split(s, ".") {
		if atom == "" {
			return false
		}
		for i := 0; i < len(atom); i++ {
			c := atom[i]
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
				return false
			}
		}
	}
	return true
}

// noFoldLiteral reports whether s is "[" *dtext "]" (RFC 5322 section
// 3.6.4; dtext is printable US-ASCII but "[", "]" and the backslash).
func noFoldLiteral(s string) bool {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; c < 33 || c > 126 || c == '[' || c == ']' || c == '\\' {
			return false
		}
	}
	return true
}
