// Command benchfill starts a Dovecot (see dovecottest) in a directory,
// fills its INBOX directly on disk with invented referrals of mixed sizes
// (a fifth carry a 200 KB - 1 MB attachment), lets Dovecot index them,
// prints the server's address, and keeps Dovecot running until it
// receives SIGTERM or SIGINT. scripts/bench-ingest.sh uses it.
package main

import (
	"bufio"
	"encoding/base64"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/kscmp/intake/internal/dovecottest"
)

func main() {
	dir := flag.String("dir", "", "empty directory for Dovecot's configuration and mail")
	n := flag.Int("n", 10000, "messages to put in INBOX")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "benchfill: -dir is required")
		os.Exit(2)
	}
	srv, err := dovecottest.Launch(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchfill:", err)
		os.Exit(1)
	}
	defer srv.Stop()
	var total int64
	rng := rand.New(rand.NewPCG(42, 7))
	batch := make([][]byte, 0, 100)
	for i := 0; i < *n; i++ {
		m := message(rng, i)
		total += int64(len(m))
		batch = append(batch, m)
		if len(batch) == cap(batch) || i == *n-1 {
			if err := srv.Deliver("INBOX", batch...); err != nil {
				fmt.Fprintln(os.Stderr, "benchfill:", err)
				return
			}
			batch = batch[:0]
		}
	}
	if *n == 0 {
		// An empty INBOX (scripts/bench-latency.sh): nothing to warm.
	} else if err := warm(srv); err != nil {
		fmt.Fprintln(os.Stderr, "benchfill: warming up:", err)
		return
	}
	fmt.Printf("HOST=%s\nPORT=%d\nUSER=%s\nPASSWORD=%s\nBYTES=%d\nCONF=%s\nREADY=1\n",
		srv.Host, srv.Port, dovecottest.User, dovecottest.Password, total, srv.Conf())
	os.Stdout.Sync()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
}

// warm makes Dovecot assign UIDs and build its index, so that neither
// client being timed pays for it.
func warm(srv *dovecottest.Server) error {
	c, err := imapclient.DialInsecure(srv.Addr(), nil)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Login(dovecottest.User, dovecottest.Password).Wait(); err != nil {
		return err
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		return err
	}
	_, err = c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, RFC822Size: true, InternalDate: true}).Collect()
	return err
}

// message returns invented referral i: a text body of 2-20 KB, and for
// every fifth message a base64 attachment of 200 KB - 1 MB.
func message(rng *rand.Rand, i int) []byte {
	var b strings.Builder
	boundary := fmt.Sprintf("kestmoor-%d", i)
	fmt.Fprintf(&b, "From: Referrer %d <referrer%d@kestmoor.example>\r\n", i%97, i%97)
	b.WriteString("To: referrals@kscmp.example\r\n")
	fmt.Fprintf(&b, "Message-ID: <bench-%d@kestmoor.example>\r\n", i)
	fmt.Fprintf(&b, "Date: Mon, 2 Mar 2026 09:%02d:%02d +0000\r\n", (i/60)%60, i%60)
	b.WriteString("Subject: Rapid review referral\r\nMIME-Version: 1.0\r\n")
	text := textBody(rng, 2000+rng.IntN(18000))
	if i%5 != 0 {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
		b.WriteString(text)
		return []byte(b.String())
	}
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%q\r\n\r\n", boundary)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", boundary, text)
	fmt.Fprintf(&b, "--%s\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"referral-%d.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n", boundary, i)
	raw := make([]byte, 150_000+rng.IntN(600_000)) // 200 KB - 1 MB once encoded
	for j := range raw {
		raw[j] = byte(rng.Uint32())
	}
	enc := base64.StdEncoding.EncodeToString(raw)
	w := bufio.NewWriter(&b)
	for len(enc) > 76 {
		w.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	w.WriteString(enc + "\r\n")
	w.Flush()
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return []byte(b.String())
}

var words = strings.Fields("the child family school health police social care referral partnership Kestmoor review concern visit practitioner agency safeguarding meeting outcome information")

func textBody(rng *rand.Rand, size int) string {
	var b strings.Builder
	line := 0
	for b.Len() < size {
		w := words[rng.IntN(len(words))]
		b.WriteString(w)
		line += len(w) + 1
		if line > 70 {
			b.WriteString("\r\n")
			line = 0
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString("\r\n")
	return b.String()
}
