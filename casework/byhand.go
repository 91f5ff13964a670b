package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"net/textproto"
	"path/filepath"
	"strings"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
)

// ByHandMailbox is the mailbox name of the messages intake makes for
// what a person recorded by hand (a summary received on paper or by a
// secure portal), so that they are kept like mail.
const ByHandMailbox = "recorded-by-hand"

// RecordSummaryByHand records an agency's summary received outside email,
// with its file: the file is kept (as a message of its own, so that the
// pack and the work queue find it like any summary), and the agency's
// request is settled as received by who.
func (cw *Casework) RecordSummaryByHand(ctx context.Context, who, ref, agency, name string, file []byte, reason string) error {
	if err := needReason(reason, "this (how it was received)"); err != nil {
		return err
	}
	if len(file) == 0 {
		return intake.Errorf(intake.EINVALID, "The file is empty: attach the agency's summary form.")
	}
	name = filepath.Base(strings.TrimSpace(name))
	return cw.onCase(ctx, who, ref, func(w *work, c *intake.Case) error {
		req, err := w.requestOrAdd(c, agency)
		if err != nil {
			return err
		}
		if !req.Open() {
			return intake.Errorf(intake.ECONFLICT, "%s's part of %s is already %s.", req.AgencyName, c.Ref, req.Status.Words())
		}
		raw, err := byHandMessage(c.Ref, req.AgencyName, who, reason, name, file, w.now.UTC().Format("20060102T150405"))
		if err != nil {
			return err
		}
		existing, err := w.tx.Messages(intake.MessageFilter{Mailbox: ByHandMailbox})
		if err != nil {
			return err
		}
		sum := sha256.Sum256(raw)
		id, _, err := w.tx.InsertMessage(intake.NewMessage{Mailbox: ByHandMailbox, UIDValidity: 1, UID: uint32(len(existing) + 1),
			MessageID: "", SHA256: hex.EncodeToString(sum[:]), Size: int64(len(raw)), Raw: raw, ReceivedAt: w.now,
			State: intake.MessageProcessed, StateDetail: "a summary recorded by hand by " + w.who})
		if err != nil {
			return err
		}
		res := fmt.Sprintf(`{"file":%q,"kind":%q,"case_ref":%q,"source":%q}`, name, parse.KindAgencySummary, c.Ref, "attachment:"+name)
		if err := w.tx.SaveParseResult(intake.ParseResult{Message: id, Kind: parse.KindAgencySummary, CaseRef: c.Ref, Result: []byte(res), ParsedAt: w.now}); err != nil {
			return err
		}
		return w.settleRequest(c, req, intake.SummaryReceived, id, "received outside email, recorded by hand: "+strings.TrimSpace(reason))
	})
}

// byHandMessage wraps a file recorded by hand as a MIME message.
func byHandMessage(ref, agency, who, reason, name string, file []byte, stamp string) ([]byte, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	text, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(text, "Agency summary from %s for %s, received outside email and recorded by %s.\r\n%s\r\n", agency, ref, who, reason)
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	att, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {ctype},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return nil, err
	}
	enc := base64.StdEncoding.EncodeToString(file)
	for len(enc) > 76 {
		fmt.Fprintf(att, "%s\r\n", enc[:76])
		enc = enc[76:]
	}
	fmt.Fprintf(att, "%s\r\n", enc)
	mw.Close()
	var out bytes.Buffer
	fmt.Fprintf(&out, "Subject: %s\r\nMessage-ID: <by-hand.%s.%s@intake.invalid>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=%q\r\n\r\n",
		mime.QEncoding.Encode("utf-8", "Agency summary from "+agency+" for "+ref+" (recorded by hand)"), strings.ToLower(ref), stamp, mw.Boundary())
	out.Write(body.Bytes())
	return out.Bytes(), nil
}
