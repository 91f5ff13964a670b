package main

import (
	"bytes"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"strings"

	"github.com/kscmp/intake/internal/gen/mimepart"
)

// part is one MIME entity (header lines in order, body encoded).
type part = mimepart.Part

// message is a whole message: standard headers, extra ones, then the
// entity.
func message(from, to, subject, date, id string, extra [][2]string, p part) []byte {
	h := [][2]string{
		{"From", from},
		{"To", to},
		{"Subject", mime.QEncoding.Encode("utf-8", subject)},
		{"Date", date},
		{"Message-ID", id},
	}
	h = append(h, extra...)
	h = append(h, [2]string{"MIME-Version", "1.0"})
	p.Header = append(h, p.Header...)
	return []byte(crlf(p.String()))
}

func multipart(subtype, boundary string, parts ...part) part {
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, "--%s\r\n", boundary)
		b.WriteString(p.String())
		b.WriteString("\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return part{
		Header: [][2]string{{"Content-Type", fmt.Sprintf("multipart/%s; boundary=\"%s\"", subtype, boundary)}},
		Body:   b.String(),
	}
}

// textPart is a text body in quoted-printable UTF-8.
func textPart(subtype, text string) part {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(crlf(text)))
	w.Close()
	return part{
		Header: [][2]string{
			{"Content-Type", "text/" + subtype + "; charset=\"utf-8\""},
			{"Content-Transfer-Encoding", "quoted-printable"},
		},
		Body: b.String(),
	}
}

// attachment is a file in base64.
func attachment(contentType, name string, data []byte) part {
	enc := mime.QEncoding.Encode("utf-8", name)
	return part{Header: [][2]string{
		{"Content-Type", fmt.Sprintf("%s; name=\"%s\"", contentType, enc)},
		{"Content-Disposition", fmt.Sprintf("attachment; filename=\"%s\"", enc)},
		{"Content-Transfer-Encoding", "base64"},
	}, Body: b64(data)}
}

func b64(data []byte) string { return mimepart.Base64(data) }

func crlf(s string) string { return mimepart.CRLF(s) }

// htmlOf renders plain text as Outlook's HTML does: a paragraph a line.
func htmlOf(text string) string {
	var b strings.Builder
	b.WriteString("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body lang=\"EN-GB\"><div class=\"WordSection1\">\n")
	for _, l := range strings.Split(text, "\n") {
		if l == "" {
			b.WriteString("<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\n")
			continue
		}
		b.WriteString("<p class=\"MsoNormal\">" + escHTML(l) + "<o:p></o:p></p>\n")
	}
	b.WriteString("</div></body></html>\n")
	return b.String()
}

func escHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&quot;").Replace(s)
}

// htmlTable renders label/value lines as the two-column table Outlook
// makes when a form is pasted from Word.
func htmlTable(rows [][2]string) string {
	var b strings.Builder
	b.WriteString("<table class=\"MsoTableGrid\" border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse;border:none\">\n")
	for _, r := range rows {
		b.WriteString("<tr><td width=\"227\" valign=\"top\" style=\"background:#D9D9D9;padding:0cm 5.4pt\"><p class=\"MsoNormal\"><b>" +
			escHTML(r[0]) + "<o:p></o:p></b></p></td><td width=\"374\" valign=\"top\" style=\"padding:0cm 5.4pt\">")
		for _, l := range strings.Split(r[1], "\n") {
			b.WriteString("<p class=\"MsoNormal\">" + escHTML(l) + "<o:p></o:p></p>")
		}
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table>\n")
	return b.String()
}
