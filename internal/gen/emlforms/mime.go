package main

import (
	"bytes"
	"fmt"
	"mime/quotedprintable"
	"strings"

	"github.com/kscmp/intake/internal/gen/mimepart"
)

// part is one MIME entity (header lines in order, body encoded).
type part = mimepart.Part

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
	p.Header = append(h, p.Header...)
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
		Header: [][2]string{{"Content-Type", fmt.Sprintf("multipart/%s; boundary=\"%s\"%s", subtype, boundary, params)}},
		Body:   b.String(),
	}
}

// textQP is a text part in quoted-printable.
func textQP(subtype, charset string, text []byte) part {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write(text)
	w.Close()
	return part{
		Header: [][2]string{
			{"Content-Type", fmt.Sprintf("text/%s; charset=\"%s\"", subtype, charset)},
			{"Content-Transfer-Encoding", "quoted-printable"},
		},
		Body: b.String(),
	}
}

// text8 is a text part sent as 8bit (or 7bit) as it is.
func text8(subtype, charset string, text []byte) part {
	return part{
		Header: [][2]string{
			{"Content-Type", fmt.Sprintf("text/%s; charset=%s", subtype, charset)},
			{"Content-Transfer-Encoding", "8bit"},
		},
		Body: string(text),
	}
}

// textB64 is a text part in base64.
func textB64(subtype, charset string, text []byte) part {
	return part{
		Header: [][2]string{
			{"Content-Type", fmt.Sprintf("text/%s; charset=\"%s\"", subtype, charset)},
			{"Content-Transfer-Encoding", "base64"},
		},
		Body: b64(text),
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
	return part{Header: h, Body: b64(data)}
}

// rfc822 wraps a whole message as a message/rfc822 part.
func rfc822(inner []byte, disposition string) part {
	h := [][2]string{{"Content-Type", "message/rfc822"}}
	if disposition != "" {
		h = append(h, [2]string{"Content-Disposition", disposition})
	}
	return part{Header: h, Body: string(inner)}
}

func b64(data []byte) string { return mimepart.Base64(data) }

func crlf(s string) string { return mimepart.CRLF(s) }
