package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"text/template"
	"time"
)

// demoMailData is what a demodata template sees.
type demoMailData struct {
	Date, Today, MessageID string
	// For replies: the email answered.
	Subject, InReplyTo, CaseRef, Recipient string
}

// Attachment returns the file name under demodata/, base64-encoded in
// lines of 76 characters.
func (demoMailData) Attachment(name string) (string, error) {
	b, err := demoData.ReadFile("demodata/" + name)
	if err != nil {
		return "", fmt.Errorf("demo: reading attachment %s: %w", name, err)
	}
	enc := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(enc) > 76 {
		out.WriteString(enc[:76] + "\n")
		enc = enc[76:]
	}
	out.WriteString(enc)
	return out.String(), nil
}

// renderDemoMail fills in the template file with d and returns the message
// with CRLF line ends, as it would arrive.
func renderDemoMail(file string, d demoMailData) ([]byte, error) {
	src, err := demoData.ReadFile("demodata/" + file)
	if err != nil {
		return nil, fmt.Errorf("demo: reading %s: %w", file, err)
	}
	t, err := template.New(file).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("demo: parsing %s: %w", file, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("demo: filling in %s: %w", file, err)
	}
	lf := bytes.ReplaceAll(b.Bytes(), []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n")), nil
}

// newDemoMailData returns the fields every message has, for delivery at t;
// n makes the Message-ID unique.
func newDemoMailData(t time.Time, n int) demoMailData {
	return demoMailData{
		Date:      t.Format(time.RFC1123Z),
		Today:     t.Format("02/01/2006"),
		MessageID: fmt.Sprintf("<demo-%d-%s@senders.kestmoor.example>", n, t.UTC().Format("20060102T150405")),
	}
}

var demoCaseRefRE = regexp.MustCompile(`\b[A-Z]{2,10}-\d{4}-\d{3,6}\b`)

// sentHeader reads the headers of a sent email the demo needs.
type sentHeader struct {
	MessageID, Subject, CaseRef string
}

func readSentHeader(raw []byte) sentHeader {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return sentHeader{}
	}
	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		subj = msg.Header.Get("Subject")
	}
	subj = strings.Join(strings.Fields(subj), " ")
	return sentHeader{
		MessageID: strings.TrimSpace(msg.Header.Get("Message-ID")),
		Subject:   subj,
		CaseRef:   demoCaseRefRE.FindString(subj),
	}
}
