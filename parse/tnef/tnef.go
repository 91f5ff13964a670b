// Package tnef reads Outlook's winmail.dat (TNEF, [MS-OXTNEF]): the files
// it wraps and the message body, which parse then reads as if they had
// been attached to the message itself.
package tnef

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/kscmp/intake/parse/form"
)

// Names given to the message body a winmail.dat carries, which Read
// returns as an attachment after the files.
const (
	BodyText = "winmail-body.txt"
	BodyHTML = "winmail-body.html"
)

// TNEF constants ([MS-OXTNEF] 2.1.3).
const (
	tnefSignature      = 0x223E9F78
	attBody            = 0x0001800C
	attMsgProps        = 0x00069003
	attAttachRendData  = 0x00069002
	attAttachTitle     = 0x00018010
	attAttachData      = 0x0006800F
	attAttachment      = 0x00069005
	tnefAttributeBytes = 1 + 4 + 4 + 2 // level, id, length, checksum
)

const (
	tnefReasonFormat    = "the winmail.dat attachment is not in a format we can read: please ask your email administrator to send attachments normally, or send the form as .docx or PDF"
	tnefReasonTruncated = "the winmail.dat attachment is damaged or cut short: please send the form again as a .docx or PDF attachment"
)

// Read returns the files inside a winmail.dat.
//
// A winmail.dat is Outlook's TNEF: a signature, a legacy key, then
// attributes (level, id, length, data, checksum). Each attachment starts
// at an attAttachRendData; its name is the long file name of its MAPI
// properties (PR_ATTACH_LONG_FILENAME), else its attAttachTitle; its
// content type is PR_ATTACH_MIME_TAG, else guessed from the name. The
// message body (attBody, or PR_BODY / PR_BODY_HTML of the message's
// properties) comes last, named BodyText or BodyHTML. Compressed
// RTF bodies are not decoded. Checksums are not checked.
//
// Each form.Attachment's Data is a sub-slice of b, not a copy. Damaged input
// gives a *form.UnreadableError, with the attachments read before the damage.
// At most lim.MaxParts attachments are returned.
func Read(b []byte, lim form.Limits) (atts []form.Attachment, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = &form.UnreadableError{Reason: tnefReasonTruncated}
		}
	}()
	if len(b) < 6 || binary.LittleEndian.Uint32(b) != tnefSignature {
		return nil, &form.UnreadableError{Reason: tnefReasonFormat}
	}
	maxParts := lim.MaxParts
	if maxParts <= 0 {
		maxParts = form.DefaultLimits().MaxParts
	}
	var (
		cur      *tnefAttachment
		files    []*tnefAttachment
		body     []byte
		bodyHTML []byte
	)
	r := tnefBuf{b: b, pos: 6}
	for r.left() > 0 {
		if r.left() < tnefAttributeBytes {
			err = &form.UnreadableError{Reason: tnefReasonTruncated}
			break
		}
		r.pos++ // level: the id says enough
		id, _ := r.u32()
		n, _ := r.u32()
		data, ok := r.take(int64(n), false)
		if !ok || r.left() < 2 {
			err = &form.UnreadableError{Reason: tnefReasonTruncated}
			break
		}
		r.pos += 2 // checksum
		switch id {
		case attAttachRendData:
			if len(files) >= maxParts {
				return collectTNEF(files, body, bodyHTML), nil
			}
			cur = &tnefAttachment{}
			files = append(files, cur)
		case attAttachTitle:
			if cur != nil {
				cur.title = tnefLegacyText(data)
			}
		case attAttachData:
			if cur != nil {
				cur.data = data
			}
		case attAttachment:
			if cur != nil {
				cur.props(data)
			}
		case attBody:
			body = data
		case attMsgProps:
			props, _ := readMAPIProps(data)
			for _, p := range props {
				switch {
				case p.id == prBody && body == nil && len(p.values) > 0:
					body = []byte(p.text())
				case p.id == prBodyHTML && len(p.values) > 0:
					bodyHTML = []byte(p.text())
				}
			}
		}
	}
	return collectTNEF(files, body, bodyHTML), err
}

// tnefAttachment gathers one attachment's attributes.
type tnefAttachment struct {
	title, longName, mimeTag string
	data                     []byte
}

// props reads an attachment's MAPI properties: its long file name, its
// MIME type, and its data when attAttachData did not carry it.
func (a *tnefAttachment) props(b []byte) {
	props, _ := readMAPIProps(b)
	for _, p := range props {
		switch p.id {
		case prAttachLongName:
			a.longName = p.text()
		case prAttachMimeTag:
			a.mimeTag = p.text()
		case prAttachDataObj:
			if a.data == nil && len(p.values) > 0 && p.typ == ptBinary {
				a.data = p.values[0]
			}
		}
	}
}

// collectTNEF turns the gathered attachments into Attachments, dropping
// those that carried no data (embedded messages, OLE objects), and adds
// the body.
func collectTNEF(files []*tnefAttachment, body, bodyHTML []byte) []form.Attachment {
	var atts []form.Attachment
	for i, f := range files {
		if f.data == nil {
			continue
		}
		name := tnefBaseName(f.longName)
		if name == "" {
			name = tnefBaseName(f.title)
		}
		if name == "" {
			name = fmt.Sprintf("attachment-%d", i+1)
		}
		ct := strings.TrimSpace(f.mimeTag)
		if ct == "" {
			ct = tnefContentType(name)
		}
		atts = append(atts, form.Attachment{Name: name, ContentType: ct, Data: f.data})
	}
	if len(body) > 0 {
		atts = append(atts, form.Attachment{Name: BodyText, ContentType: "text/plain", Data: []byte(tnefLegacyText(body))})
	}
	if len(bodyHTML) > 0 {
		atts = append(atts, form.Attachment{Name: BodyHTML, ContentType: "text/html", Data: bodyHTML})
	}
	return atts
}

// tnefBaseName keeps the last element of a path written with either slash.
func tnefBaseName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexAny(s, `/\`); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// tnefContentType guesses a content type from a file name's extension,
// for the types a form arrives as. (mime.TypeByExtension would read the
// system's tables: parse does no I/O.)
func tnefContentType(name string) string {
	ext := strings.ToLower(name)
	if i := strings.LastIndexByte(ext, '.'); i >= 0 {
		ext = ext[i:]
	} else {
		ext = ""
	}
	switch ext {
	case ".docx":
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case ".doc":
		return "application/msword"
	case ".pdf":
		return "application/pdf"
	case ".txt":
		return "text/plain"
	case ".htm", ".html":
		return "text/html"
	case ".rtf":
		return "application/rtf"
	case ".eml":
		return "message/rfc822"
	}
	return "application/octet-stream"
}
