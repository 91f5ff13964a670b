// Command latency measures how long a referral takes to be acknowledged
// by a running `intake serve`: it appends referrals one at a time to a
// Dovecot INBOX and times each from the end of its APPEND to the moment
// the SMTP peer (Postfix's smtp-sink, dumping each message to a file)
// holds intake's acknowledgement. As the reference it times, in the same
// run, a bare IMAP IDLE client noticing the same message: the least any
// IMAP client can take. Then it records a decision with the command line
// while the daemon runs (intake accept, intake outcome) and times each
// until its emails reach the peer. scripts/bench-latency.sh runs it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

func main() {
	addr := flag.String("imap", "", "Dovecot's host:port")
	user := flag.String("user", "", "IMAP user")
	pass := flag.String("pass", "", "IMAP password")
	dump := flag.String("dump", "", "smtp-sink's dump directory")
	intake := flag.String("intake", "", "the intake binary, for the command-line part")
	config := flag.String("config", "", "intake's configuration, for the command-line part")
	n := flag.Int("n", 20, "referrals to deliver, one at a time")
	gap := flag.Duration("gap", 500*time.Millisecond, "pause between referrals")
	flag.Parse()
	if err := run(*addr, *user, *pass, *dump, *intake, *config, *n, *gap); err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}

func run(addr, user, pass, dump, intake, config string, n int, gap time.Duration) error {
	exists := make(chan uint32, 64)
	watcher, err := imapclient.DialInsecure(addr, &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		}}})
	if err != nil {
		return fmt.Errorf("connecting the IDLE watcher: %w", err)
	}
	defer watcher.Close()
	if err := watcher.Login(user, pass).Wait(); err != nil {
		return err
	}
	if _, err := watcher.Select("INBOX", nil).Wait(); err != nil {
		return err
	}
	idle, err := watcher.Idle()
	if err != nil {
		return err
	}
	defer idle.Close()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Login(user, pass).Wait(); err != nil {
		return err
	}
	var acks, refs []time.Duration
	var cases []string
	for i := range n {
		id := fmt.Sprintf("<latency-%d-%d@bench.example>", time.Now().UnixNano(), i)
		raw := referral(id, i)
		drain(exists)
		cmd := c.Append("INBOX", int64(len(raw)), &imap.AppendOptions{Time: time.Now()})
		cmd.Write(raw)
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			return fmt.Errorf("appending referral %d: %w", i, err)
		}
		start := time.Now()
		select {
		case <-exists:
			refs = append(refs, time.Since(start))
		case <-time.After(10 * time.Second):
			return fmt.Errorf("the IDLE watcher saw nothing of referral %d", i)
		}
		file, err := waitForMail(dump, "In-Reply-To: "+id, 30*time.Second)
		if err != nil {
			return fmt.Errorf("referral %d: %w", i, err)
		}
		acks = append(acks, time.Since(start))
		cases = append(cases, caseRef(file))
		time.Sleep(gap)
	}
	fmt.Printf("referrals: %d, one at a time\n", n)
	report("arrival -> acknowledgement at the SMTP peer (intake)", acks)
	report("arrival -> EXISTS on a bare IDLE connection (reference)", refs)
	fmt.Printf("ratio of medians (intake / reference): %.1f\n", float64(median(acks))/float64(median(refs)))
	if intake == "" || len(cases) == 0 || cases[0] == "" {
		return nil
	}
	ref := cases[0]
	took, err := timeCommand(dump, intake, config, "Agency summary requested", ref,
		"accept", ref, "--by", "Bench", "--reason", "timing the command line while serve runs")
	if err != nil {
		return err
	}
	fmt.Printf("intake accept %s (command line, serve running) -> first summary request at the SMTP peer: %s\n", ref, took.Round(time.Millisecond))
	took, err = timeCommand(dump, intake, config, "Outcome of the rapid review", ref,
		"outcome", ref, "--decision", "no_further_review", "--by", "Bench", "--reason", "timing the command line")
	if err != nil {
		return err
	}
	fmt.Printf("intake outcome %s (command line, serve running) -> outcome notice at the SMTP peer: %s (target: under 5s)\n", ref, took.Round(time.Millisecond))
	return nil
}

// timeCommand runs intake with args and times it until a message whose
// subject holds subject and ref reaches the peer.
func timeCommand(dump, intake, config, subject, ref string, args ...string) (time.Duration, error) {
	start := time.Now()
	cmd := exec.Command(intake, append(args, "--config", config)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("intake %s: %v: %s", args[0], err, out)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(dump, "*"))
		for _, f := range files {
			b, _ := os.ReadFile(f)
			if bytes.Contains(b, []byte(subject)) && bytes.Contains(b, []byte(ref)) {
				return time.Since(start), nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("no %q for %s reached the peer within 30s of intake %s", subject, ref, args[0])
}

// waitForMail waits for a dumped message holding marker and returns its
// text.
func waitForMail(dump, marker string, limit time.Duration) (string, error) {
	deadline := time.Now().Add(limit)
	seen := map[string]bool{}
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(dump, "*"))
		for _, f := range files {
			if seen[f] {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			if bytes.Contains(b, []byte(marker)) {
				return string(b), nil
			}
			if bytes.Contains(b, []byte("\r\n\r\n")) {
				seen[f] = true // its header is whole, and is another's
			}
		}
		time.Sleep(time.Millisecond)
	}
	return "", fmt.Errorf("no acknowledgement reached the peer within %s", limit)
}

var refRE = regexp.MustCompile(`[A-Z]{2,16}-\d{4}-\d{4,}`)

func caseRef(mail string) string { return refRE.FindString(mail) }

func drain(ch chan uint32) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// referral is an invented referral, a new child each time.
func referral(id string, i int) []byte {
	body := strings.Join([]string{
		"Referrer name: Bench Referrer", "Role: Designated safeguarding lead", "Agency: Bench School",
		fmt.Sprintf("Child's name: Bench Child %d", i), fmt.Sprintf("Date of birth: %02d/03/2015", 1+i%28),
		"Date of incident: 02/11/2026", "Where did the incident occur: Kestmoor",
		"Has the child died or been seriously harmed: Seriously harmed", "Is abuse or neglect known or suspected: Suspected",
		"Brief summary of the incident: Invented for a benchmark.", "Referral agreed by: Head teacher",
		"The child has died or has been seriously harmed: Yes",
		"Abuse or neglect is known or suspected and directly linked to the death or serious harm: Yes",
		"The child is normally resident in the area or the incident occurred in the area: Yes",
		"The case highlights potential learning for the safeguarding system: Yes",
		"I have agreement to refer from my executive representative or senior safeguarding lead: Yes",
	}, "\r\n")
	return []byte("From: Bench Referrer <referrer" + fmt.Sprint(i) + "@bench-school.example>\r\nTo: reviews@kscmp.example\r\n" +
		"Subject: Referral " + fmt.Sprint(i) + "\r\nMessage-ID: " + id + "\r\nDate: " + time.Now().Format(time.RFC1123Z) +
		"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
}

func report(what string, d []time.Duration) {
	s := slices.Clone(d)
	slices.Sort(s)
	fmt.Printf("%s: p50 %s  p95 %s  max %s\n", what, s[len(s)/2].Round(time.Millisecond),
		s[(len(s)*95+99)/100-1].Round(time.Millisecond), s[len(s)-1].Round(time.Millisecond))
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return max(s[len(s)/2], time.Microsecond)
}
