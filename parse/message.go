package parse

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // windows-1252, ISO-8859-x and friends
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/kscmp/intake/parse/form"
	"golang.org/x/text/encoding/charmap"
)

// walked is what walking a message's MIME tree found.
type walked struct {
	Plain, HTML []textPart        // inline text bodies, decoded to UTF-8, in order
	Attachments []form.Attachment // files that may be forms
	Oversized   []string          // names of form files over the size limit
	Warnings    []string

	// Signer are the sender's names (whole, and first), with which the
	// body may be signed.
	Signer []string

	Report          bool          // a multipart/report or delivery-status part
	Encrypted       bool          // an S/MIME or PGP encrypted part
	ReturnedHeaders []mail.Header // headers of returned or forwarded messages
	parts           int
	stopped         bool
	ctx             context.Context
}

// textPart is one inline text body and the subject of the message it
// belongs to (a forwarded message has its own), which says whether its
// quoted history is a reply's or a forward's.
type textPart struct {
	Text, Subject string
}

// walkMessage walks a message's MIME tree: nested multiparts, forwarded
// message/rfc822 parts (each a level deeper), text bodies in any charset
// go-message knows (an unknown one is read as UTF-8 or windows-1252, with
// a warning), and attachments whatever their disposition (Apple Mail sends
// PDFs inline). A bad part is skipped with a warning and the walk carries
// on; parts beyond lim.MaxParts and nesting beyond lim.MaxDepth are not
// read, with a warning. The walk stops when ctx ends (the caller then
// looks at ctx, not at what was walked).
func walkMessage(ctx context.Context, e *message.Entity, subject string, lim form.Limits) *walked {
	w := &walked{ctx: ctx}
	w.entity(e, 0, subject, lim)
	return w
}

func (w *walked) warn(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	for _, have := range w.Warnings {
		if have == s {
			return
		}
	}
	w.Warnings = append(w.Warnings, s)
}

func (w *walked) entity(e *message.Entity, depth int, subject string, lim form.Limits) {
	if w.stopped || w.ctx.Err() != nil {
		w.stopped = true
		return
	}
	w.parts++
	if w.parts > lim.MaxParts {
		w.warn("the message has more than %d parts: the rest were not read", lim.MaxParts)
		w.stopped = true
		return
	}
	mediaType, params, _ := e.Header.ContentType()
	mediaType = strings.ToLower(mediaType)
	if mediaType == "multipart/encrypted" || ((mediaType == "application/pkcs7-mime" || mediaType == "application/x-pkcs7-mime") &&
		!strings.EqualFold(params["smime-type"], "signed-data")) {
		w.Encrypted = true
		w.warn("the message is encrypted: it could not be read")
		return
	}
	if mr := e.MultipartReader(); mr != nil {
		if mediaType == "multipart/report" {
			w.Report = true
		}
		if depth >= lim.MaxDepth {
			w.warn("the message is nested more than %d levels deep: the deeper parts were not read", lim.MaxDepth)
			return
		}
		for !w.stopped {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil && p == nil {
				w.warn("a MIME part could not be read (%s): the rest of its multipart was skipped", errKind(err))
				break
			}
			if err != nil {
				w.partError(p, err)
			}
			w.entity(p, depth+1, subject, lim)
		}
		return
	}
	name := filename(e)
	disp, _, _ := e.Header.ContentDisposition()
	switch {
	case mediaType == "message/delivery-status" || mediaType == "message/global-delivery-status":
		w.Report = true
		return
	case mediaType == "text/rfc822-headers" || mediaType == "message/global-headers":
		b, _ := io.ReadAll(io.LimitReader(e.Body, 1<<20))
		if h, err := textproto.ReadHeader(bufioReader(b)); err == nil {
			w.ReturnedHeaders = append(w.ReturnedHeaders, mail.Header{Header: message.Header{Header: h}})
		}
		return
	case (mediaType == "message/rfc822" || mediaType == "message/global") && !strings.EqualFold(disp, "attachment-as-file"):
		if depth >= lim.MaxDepth {
			w.warn("the message is nested more than %d levels deep: the deeper parts were not read", lim.MaxDepth)
			return
		}
		b, err := io.ReadAll(io.LimitReader(e.Body, lim.MaxMessageBytes))
		if err != nil {
			w.warn("a forwarded message could not be read (%s)", errKind(err))
		}
		inner, err := message.Read(bytes.NewReader(b))
		if inner == nil {
			w.warn("a forwarded message could not be read (%s)", errKind(err))
			return
		}
		if err != nil {
			w.partError(inner, err)
		}
		ih := mail.Header{Header: inner.Header}
		w.ReturnedHeaders = append(w.ReturnedHeaders, ih)
		innerSubject, err := ih.Subject()
		if err != nil {
			innerSubject = ih.Get("Subject")
		}
		w.entity(inner, depth+1, innerSubject, lim)
		return
	}
	isText := mediaType == "" || strings.HasPrefix(mediaType, "text/")
	if isText && !strings.EqualFold(disp, "attachment") && !isFormName(name) {
		if mediaType != "text/plain" && mediaType != "text/html" && mediaType != "" {
			return // text/calendar, text/x-vcard and the like
		}
		b, err := io.ReadAll(io.LimitReader(e.Body, lim.MaxAttachmentBytes))
		if err != nil {
			w.warn("a text part was cut short (%s)", errKind(err))
		}
		text := toUTF8(b, params["charset"], w)
		if mediaType == "text/html" {
			w.HTML = append(w.HTML, textPart{text, subject})
		} else {
			w.Plain = append(w.Plain, textPart{text, subject})
		}
		return
	}
	if !isFormName(name) && !isFormType(mediaType) {
		return // images, calendars, signatures: not forms
	}
	if name == "" {
		name = "attachment" + extForType(mediaType)
	}
	b, err := io.ReadAll(io.LimitReader(e.Body, lim.MaxAttachmentBytes+1))
	if int64(len(b)) > lim.MaxAttachmentBytes {
		w.warn("attachment %q is larger than %d bytes: not read", name, lim.MaxAttachmentBytes)
		w.Oversized = append(w.Oversized, name)
		return
	}
	if err != nil {
		w.warn("attachment %q could not be decoded (%s)", name, errKind(err))
	}
	w.Attachments = append(w.Attachments, form.Attachment{Name: name, ContentType: mediaType, Data: b})
}

// partError records an unknown charset or transfer encoding; go-message
// still gives a readable body.
func (w *walked) partError(e *message.Entity, err error) {
	switch {
	case message.IsUnknownCharset(err):
		_, params, _ := e.Header.ContentType()
		w.warn("unknown charset %q: text read as UTF-8 or windows-1252", shorten(params["charset"], 40))
	case message.IsUnknownEncoding(err):
		w.warn("unknown transfer encoding %q: part read as it is", shorten(e.Header.Get("Content-Transfer-Encoding"), 40))
	default:
		w.warn("a MIME part was malformed (%s)", errKind(err))
	}
}

// toUTF8 returns a text body as UTF-8. go-message has already converted
// the charsets it knows; bytes that are still not UTF-8 (an unknown or
// missing charset) are read as windows-1252, the likeliest guess for mail
// from Outlook.
func toUTF8(b []byte, charset string, w *walked) string {
	if utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	d, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	if charset == "" {
		w.warn("a text part had no charset and was not UTF-8: read as windows-1252")
	}
	return string(d)
}

// errKind names an error without its details (which may quote content).
func errKind(err error) string {
	if err == nil {
		return "unknown error"
	}
	s := err.Error()
	if i := strings.Index(s, ":"); i > 0 && i < 60 {
		s = s[:i]
	}
	return shorten(s, 60)
}

// filename returns a part's file name: the Content-Disposition filename
// (RFC 2231 continuations and charsets, RFC 2047 words), else the
// Content-Type name parameter. Only the base name is kept.
func filename(e *message.Entity) string {
	ah := mail.AttachmentHeader{Header: e.Header}
	name, err := ah.Filename()
	if err != nil || name == "" {
		_, params, _ := e.Header.ContentType()
		name = params["name"]
		if dec, err := decodeWords(name); err == nil {
			name = dec
		}
	}
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" {
		return ""
	}
	return name
}

func decodeWords(s string) (string, error) {
	h := message.Header{}
	h.Set("X-Name", s)
	return h.Text("X-Name")
}

var formExts = map[string]bool{".docx": true, ".docm": true, ".doc": true, ".pdf": true, ".dat": true, ".txt": true, ".rtf": true, ".odt": true, ".msg": true}

func isFormName(name string) bool {
	return formExts[strings.ToLower(path.Ext(name))]
}

func isFormType(t string) bool {
	switch t {
	case "application/pdf", "application/x-pdf", "application/msword", "application/ms-tnef", "application/vnd.ms-tnef",
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"application/vnd.ms-word.document.macroenabled.12", "application/vnd.ms-outlook", "application/octet-stream":
		return true
	}
	return false
}

func extForType(t string) string {
	switch t {
	case "application/pdf", "application/x-pdf":
		return ".pdf"
	case "application/msword":
		return ".doc"
	case "application/ms-tnef", "application/vnd.ms-tnef":
		return ".dat"
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return ".docx"
	}
	return ""
}
