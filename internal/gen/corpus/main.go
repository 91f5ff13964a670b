// Command corpus writes the partnership form corpus of the parse package:
// referrals and agency summaries in the wording and layout of nine
// invented partnerships, made the way real ones are (a Word form filled
// in, saved as .docx, exported to PDF or saved as an old .doc by
// LibreOffice, or pasted into an email), each message with the JSON a
// correct reading of it gives.
//
// A third of the messages (every third one) go to a held-out directory
// that only the accuracy report reads: nothing is tuned against them.
//
// Usage, from the module root (LibreOffice's soffice must be installed):
//
//	go run ./internal/gen/corpus [-root .] [-soffice soffice]
//
// It writes testdata/forms/corpus/{tuned,heldout}/NAME.{eml,json},
// testdata/forms/pdf/libreoffice-*.pdf (the Word fixtures exported),
// partnerships.json (each partnership's configuration), and converted/,
// the .docx LibreOffice makes of each .doc, by the .doc's SHA-256, so
// that the tests read a .doc as production would without LibreOffice.
// Every person, place, agency and reference is invented.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// msg is one message of the corpus being made.
type msg struct {
	id      string
	p       *partnership
	kind    string // referral, agency_summary
	format  string // docx, pdf, doc, text, html
	st      *style
	form    *form
	docx    []byte // the Word form, for docx, pdf and doc
	file    []byte // the attachment as sent
	ref     *referral
	sum     *summary
	heldOut bool
}

func main() {
	log.SetFlags(0)
	root := flag.String("root", ".", "module root")
	soffice := flag.String("soffice", "soffice", "LibreOffice's soffice")
	flag.Parse()
	out := filepath.Join(*root, "testdata", "forms", "corpus")
	var msgs []*msg
	n := 0
	for pi, p := range partnerships {
		i := 0
		for _, f := range p.referralFormats {
			msgs = append(msgs, newMsg(p, pi, i, "referral", f, n))
			i++
			n++
		}
		for _, f := range p.summaryFormats {
			msgs = append(msgs, newMsg(p, pi, i, "agency_summary", f, n))
			i++
			n++
		}
	}
	work, err := os.MkdirTemp("", "intake-corpus-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	convert(*soffice, work, msgs)
	exportFixtures(*soffice, work, *root)
	for _, d := range []string{"tuned", "heldout", "converted"} {
		if err := os.RemoveAll(filepath.Join(out, d)); err != nil {
			log.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			log.Fatal(err)
		}
	}
	for _, m := range msgs {
		dir := filepath.Join(out, "tuned")
		if m.heldOut {
			dir = filepath.Join(out, "heldout")
		}
		raw, exp := compose(m)
		write(filepath.Join(dir, m.id+".eml"), raw)
		b, _ := json.MarshalIndent(exp, "", "  ")
		write(filepath.Join(dir, m.id+".json"), append(b, '\n'))
	}
	for _, k := range sortedKeys(converted) {
		write(filepath.Join(out, "converted", k+".docx"), converted[k])
	}
	var cfgs []config
	for _, p := range partnerships {
		cfgs = append(cfgs, p.config())
	}
	b, _ := json.MarshalIndent(cfgs, "", "  ")
	write(filepath.Join(out, "partnerships.json"), append(b, '\n'))
	held := 0
	for _, m := range msgs {
		if m.heldOut {
			held++
		}
	}
	fmt.Printf("corpus: %d messages, %d tuned, %d held out, %d partnerships\n", len(msgs), len(msgs)-held, held, len(partnerships))
}

// newMsg draws message n: a partnership's form of one kind in one format.
func newMsg(p *partnership, pi, i int, kind, format string, n int) *msg {
	rng := rand.New(rand.NewPCG(uint64(pi+1), uint64(i+1)))
	m := &msg{p: p, kind: kind, format: format, st: newStyle(rng), heldOut: n%3 == 2}
	m.id = fmt.Sprintf("%s-%02d-%s-%s", p.key, i+1, map[string]string{"referral": "referral", "agency_summary": "summary"}[kind], format)
	m.form = newForm(m.st)
	m.ref = newReferral(p, m.st, n)
	text := format == "text" || format == "html"
	if kind == "referral" {
		if text {
			p.referralText(m.form, m.ref)
		} else {
			p.referralForm(m.form, m.ref)
		}
		deriveReferral(m.form.want, p.area)
	} else {
		m.sum = newSummary(p, m.st, m.ref, n)
		if text {
			p.summaryText(m.form, m.sum)
		} else {
			p.summaryForm(m.form, m.sum)
		}
	}
	if !text {
		m.docx = packDOCX(document(m.form.xml.String()))
		m.file = m.docx
	}
	return m
}

// convert has LibreOffice export the forms sent as PDF and save those
// sent as .doc, and records the .docx it makes of each .doc again (what
// parse/convert gives in production).
func convert(soffice, work string, msgs []*msg) {
	byFormat := map[string][]*msg{}
	for _, m := range msgs {
		if m.format == "pdf" || m.format == "doc" {
			byFormat[m.format] = append(byFormat[m.format], m)
			write(filepath.Join(work, m.id+".docx"), m.docx)
		}
	}
	for _, format := range []string{"pdf", "doc"} {
		ms := byFormat[format]
		if len(ms) == 0 {
			continue
		}
		var in []string
		for _, m := range ms {
			in = append(in, filepath.Join(work, m.id+".docx"))
		}
		libreoffice(soffice, work, format, filepath.Join(work, format), in)
		for _, m := range ms {
			b, err := os.ReadFile(filepath.Join(work, format, m.id+"."+format))
			if err != nil {
				log.Fatalf("corpus: LibreOffice made no %s of %s: %v", format, m.id, err)
			}
			m.file = b
		}
	}
	// The .doc read back as production reads it.
	var docs []string
	for _, m := range byFormat["doc"] {
		docs = append(docs, filepath.Join(work, "doc", m.id+".doc"))
	}
	if len(docs) == 0 {
		return
	}
	libreoffice(soffice, work, "docx:MS Word 2007 XML", filepath.Join(work, "back"), docs)
	for _, m := range byFormat["doc"] {
		b, err := os.ReadFile(filepath.Join(work, "back", m.id+".docx"))
		if err != nil {
			log.Fatalf("corpus: LibreOffice made no .docx of %s.doc: %v", m.id, err)
		}
		sum := sha256.Sum256(m.file)
		converted[hex.EncodeToString(sum[:])] = b
	}
}

// converted holds the recorded conversions, written by writeConverted.
var converted = map[string][]byte{}

func libreoffice(soffice, work, to, outDir string, in []string) {
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(work, "profile"), "--headless", "--norestore",
		"--convert-to", to, "--outdir", outDir}, in...)
	cmd := exec.Command(soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+work)
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("corpus: soffice --convert-to %s: %v\n%s", to, err, out)
	}
}

func write(name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// exportFixtures has LibreOffice export the Word fixtures of the docx
// reader to PDF (testdata/forms/pdf/libreoffice-NAME.pdf), so that a test
// can read each as the .docx it came from.
func exportFixtures(soffice, work, root string) {
	names := []string{"referral_plain_tables", "referral_content_controls", "referral_legacy_fields", "agency_summary", "referral_fresh_wording"}
	var in []string
	for _, n := range names {
		in = append(in, filepath.Join(root, "testdata", "forms", "docx", n+".docx"))
	}
	libreoffice(soffice, work, "pdf", filepath.Join(work, "fixtures"), in)
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(work, "fixtures", n+".pdf"))
		if err != nil {
			log.Fatal(err)
		}
		write(filepath.Join(root, "testdata", "forms", "pdf", "libreoffice-"+strings.ReplaceAll(n, "_", "-")+".pdf"), b)
	}
}
