// Command emlforms writes the email fixtures of the parse package: one
// .eml per way a referral, an agency summary, an automatic reply or a
// bounce reaches the partnership mailbox (testdata/forms/eml/NAME.eml).
// Messages that carry a form as an attachment embed the .docx and PDF
// fixtures the other generators write under testdata/forms/; a fixture
// not yet generated is replaced by a placeholder, and its case is skipped.
//
// Every person, place, address and case reference is invented.
//
// Usage, from the module root:
//
//	go run ./internal/gen/emlforms [-root .]
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := flag.String("root", ".", "module root (testdata/ is written below it)")
	flag.Parse()
	dir := filepath.Join(*root, "testdata", "forms", "eml")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "emlforms:", err)
		os.Exit(1)
	}
	fx := fixtures{root: *root}
	n := 0
	for _, c := range cases(&fx) {
		if c.raw == nil {
			fmt.Fprintf(os.Stderr, "emlforms: %s skipped: %s missing\n", c.name, fx.missing)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, c.name+".eml"), c.raw, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "emlforms:", err)
			os.Exit(1)
		}
		n++
	}
	fmt.Fprintf(os.Stderr, "emlforms: wrote %d messages to %s\n", n, dir)
}

// fixtures reads the other generators' forms.
type fixtures struct {
	root    string
	missing string
}

// form returns testdata/forms/KIND/NAME, or nil if it is not there.
func (f *fixtures) form(kind, name string) []byte {
	b, err := os.ReadFile(filepath.Join(f.root, "testdata", "forms", kind, name))
	if err != nil {
		f.missing = kind + "/" + name
		return nil
	}
	return b
}

// eml is one fixture message.
type eml struct {
	name string
	raw  []byte
}
