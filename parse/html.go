package parse

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLNodes and maxHTMLBytes bound the work done on one HTML body.
const (
	maxHTMLNodes = 200000
	maxHTMLBytes = 2 << 20
)

// htmlToText renders an HTML body as plain text for the body reader.
// Block elements end lines, <br> breaks them, and a table row becomes one
// "label: value" line (cells in pairs when a row holds four or six), so
// that a form pasted as a table reads like one pasted as text.
// Blockquotes (quoted history) are written with "> " in front of each line
// so that stripQuoted can remove them; checkboxes become ☒ and ☐.
func htmlToText(s string) string {
	if len(s) > maxHTMLBytes {
		s = s[:maxHTMLBytes]
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return ""
	}
	r := &htmlRenderer{}
	r.node(doc, 0)
	return normText(collapseBlankLines(r.b.String()))
}

type htmlRenderer struct {
	b     strings.Builder
	nodes int
}

func (r *htmlRenderer) node(n *html.Node, depth int) {
	r.nodes++
	if r.nodes > maxHTMLNodes || depth > 200 {
		return
	}
	switch n.Type {
	case html.TextNode:
		r.b.WriteString(squashSpace(n.Data))
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript:
			return
		case atom.Br:
			r.b.WriteString("\n")
			return
		case atom.Input:
			if t := strings.ToLower(attr(n, "type")); t == "checkbox" || t == "radio" {
				if hasAttr(n, "checked") {
					r.b.WriteString("☒")
				} else {
					r.b.WriteString("☐")
				}
				if next := n.NextSibling; next == nil || next.Type != html.TextNode || !strings.HasPrefix(squashSpace(next.Data), " ") {
					r.b.WriteString(" ")
				}
			} else if v := attr(n, "value"); v != "" {
				r.b.WriteString(v)
			}
			return
		case atom.Table:
			r.table(n, depth)
			return
		case atom.Blockquote:
			sub := &htmlRenderer{nodes: r.nodes}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				sub.node(c, depth+1)
			}
			r.nodes = sub.nodes
			r.b.WriteString("\n")
			for _, l := range strings.Split(strings.TrimSpace(sub.b.String()), "\n") {
				r.b.WriteString("> " + l + "\n")
			}
			return
		case atom.Hr:
			r.b.WriteString("\n________________________________\n")
			return
		}
	}
	block := n.Type == html.ElementNode && isBlock(n.DataAtom)
	if block {
		r.b.WriteString("\n")
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Li {
		r.b.WriteString("- ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c, depth+1)
	}
	if block {
		r.b.WriteString("\n")
	}
}

// table writes each row of a table as a line: "label: value" for two
// cells, pairs for an even number of cells, "label: rest" otherwise.
func (r *htmlRenderer) table(t *html.Node, depth int) {
	r.b.WriteString("\n")
	var rows []*html.Node
	var collect func(n *html.Node, d int)
	collect = func(n *html.Node, d int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				if d < 3 {
					collect(c, d+1)
				}
			}
		}
	}
	collect(t, 0)
	for _, row := range rows {
		var cells []string
		for c := row.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || (c.DataAtom != atom.Td && c.DataAtom != atom.Th) {
				continue
			}
			sub := &htmlRenderer{nodes: r.nodes}
			for cc := c.FirstChild; cc != nil; cc = cc.NextSibling {
				sub.node(cc, depth+2)
			}
			r.nodes = sub.nodes
			cells = append(cells, normText(collapseBlankLines(sub.b.String())))
		}
		r.b.WriteString(joinRow(cells))
		r.b.WriteString("\n")
	}
	r.b.WriteString("\n")
}

// joinRow turns a table row's cells into text lines.
func joinRow(cells []string) string {
	var nonEmpty []string
	for _, c := range cells {
		if c != "" {
			nonEmpty = append(nonEmpty, c)
		}
	}
	switch {
	case len(nonEmpty) == 0:
		return ""
	case len(cells) == 1 || len(nonEmpty) == 1 && cells[0] == nonEmpty[0] && len(cells) == 1:
		return nonEmpty[0]
	case len(cells) == 2:
		return pairLine(cells[0], cells[1])
	case len(cells)%2 == 0 && len(cells) <= 6:
		var lines []string
		for i := 0; i < len(cells); i += 2 {
			if cells[i] == "" && cells[i+1] == "" {
				continue
			}
			lines = append(lines, pairLine(cells[i], cells[i+1]))
		}
		return strings.Join(lines, "\n")
	default:
		return pairLine(cells[0], strings.Join(cells[1:], "  "))
	}
}

func pairLine(label, value string) string {
	label = strings.Join(strings.Fields(label), " ")
	label = strings.TrimRight(label, ": ")
	if label == "" {
		return value
	}
	return label + ": " + value
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Pre, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Address, atom.Dl, atom.Dt, atom.Dd, atom.Body, atom.Form, atom.Fieldset:
		return true
	}
	return false
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, k string) bool {
	for _, a := range n.Attr {
		if a.Key == k {
			return true
		}
	}
	return false
}

// squashSpace turns runs of white space (as HTML renders them) into one
// space, keeping non-breaking spaces as plain spaces.
func squashSpace(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// collapseBlankLines trims each line and keeps at most one blank line in a
// row.
func collapseBlankLines(s string) string {
	var out []string
	blank := 0
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}
