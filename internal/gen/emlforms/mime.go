package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/quotedprintable"
	"strings"
)

// part is one MIME entity: a header block (in order) and a body already
// encoded for the wire.
type part struct {
	header [][2]string
	body   string
}

func (p part) String() string {
	var b strings.Builder
	for _, h := range p.header {
		fmt.Fprintf(&b, "%s: %s\r\n", h[0], h[1])
	}
	b.WriteString("\r\n")
	b.WriteString(p.body)
	return b.String()
}

// msg builds a top-level message: the standard headers, then extra, then
// the entity's own headers and body.
func msg(from, subject, date, id string, extra [][2]string, p part) []byte {
	h := [][2]string{
		{"From", from},
		{"To", "Kestmoor Safeguarding Partnership <referrals@kscmp.example>"},
		{"Subject", subject},
		{"Date", date},
		{"Message-ID", id},
		{"MIME-Version", "1.0"},
	}
	h = append(h, extra...)
	p.header = append(h, p.header...)
	return []byte(crlf(p.String()))
}

// multipart joins parts under one boundary.
func multipart(subtype, boundary string, params string, parts ...part) part {
	var b strings.Builder
	b.WriteString("This is a multi-part message in MIME format.\r\n")
	for _, p := range parts {
		fmt.Fprintf(&b, "\r\n--%s\r\n", boundary)
		b.WriteString(p.String())
	}
	fmt.Fprintf(&b, "\r\n--%s--\r\n", boundary)
	return part{
		header: [][2]string{{"Content-Type", fmt.Sprintf("multipart/%s; boundary=\"%s\"%s", subtype, boundary, params)}},
		body:   b.String(),
	}
}

// textQP is a text part in quoted-printable.
func textQP(subtype, charset string, text []byte) part {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write(text)
	w.Close()
	return part{
		header: [][2]string{
			{"Content-Type", fmt.Sprintf("text/%s; charset=\"%s\"", subtype, charset)},
			{"Content-Transfer-Encoding", "quoted-printable"},
		},
		body: b.String(),
	}
}

// text8 is a text part sent as 8bit (or 7bit) as it is.
func text8(subtype, charset string, text []byte) part {
	return part{
		header: [][2]string{
			{"Content-Type", fmt.Sprintf("text/%s; charset=%s", subtype, charset)},
			{"Content-Transfer-Encoding", "8bit"},
		},
		body: string(text),
	}
}

// textB64 is a text part in base64.
func textB64(subtype, charset string, text []byte) part {
	return part{
		header: [][2]string{
			{"Content-Type", fmt.Sprintf("text/%s; charset=\"%s\"", subtype, charset)},
			{"Content-Transfer-Encoding", "base64"},
		},
		body: b64(text),
	}
}

// file is an attachment in base64. disposition is "attachment" or
// "inline"; nameParams are the Content-Type and Content-Disposition name
// parameters as written (so that RFC 2047 and RFC 2231 forms can be
// tested).
func file(contentType, disposition, typeName, dispName string, data []byte) part {
	ct := contentType
	if typeName != "" {
		ct += "; " + typeName
	}
	h := [][2]string{{"Content-Type", ct}}
	if disposition != "" {
		d := disposition
		if dispName != "" {
			d += "; " + dispName
		}
		h = append(h, [2]string{"Content-Disposition", d})
	}
	h = append(h, [2]string{"Content-Transfer-Encoding", "base64"})
	return part{header: h, body: b64(data)}
}

// rfc822 wraps a whole message as a message/rfc822 part.
func rfc822(inner []byte, disposition string) part {
	h := [][2]string{{"Content-Type", "message/rfc822"}}
	if disposition != "" {
		h = append(h, [2]string{"Content-Disposition", disposition})
	}
	return part{header: h, body: string(inner)}
}

func b64(data []byte) string {
	s := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	b.WriteString(s + "\r\n")
	return b.String()
}

// crlf makes every line end CRLF, as on the wire.
func crlf(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\n", "\r\n")
}
