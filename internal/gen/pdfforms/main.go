// Command pdfforms writes the invented PDF and TNEF fixtures that the parse
// package's tests read: fillable (AcroForm) referral and agency summary
// forms, "Save as PDF" referral forms, and hostile PDFs (truncated,
// damaged cross-references, encrypted, XFA-only, a scanned image, too many
// pages), and winmail.dat files. It writes the PDFs by hand, object by
// object, so that each fixture is exactly what its test says.
//
// Run it from the module root:
//
//	go run ./internal/gen/pdfforms
//
// The 25 MB of random bytes named scan.pdf is made by the test itself and
// not committed.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "testdata/forms", "directory holding pdf/ and tnef/")
	flag.Parse()
	files := map[string]func() []byte{
		"pdf/fillable-referral.pdf":      fillableReferral,
		"pdf/fillable-summary.pdf":       fillableSummary,
		"pdf/fillable-fresh-wording.pdf": freshReferral,
		"pdf/saved-table.pdf":            savedTable,
		"pdf/saved-colon.pdf":            savedColon,
		"pdf/saved-plain.pdf":            savedPlain,
		"pdf/flattened.pdf":              flattened,
		"pdf/saved-centred.pdf":          savedCentred,
		"pdf/xobject-loop.pdf":           xobjectLoop,
		"pdf/saved-word.pdf":             func() []byte { return savedWord(0) },
		"pdf/cmap-bomb.pdf":              func() []byte { return savedWord(1 << 40) },
		"pdf/xfa-only.pdf":               xfaOnly,
		"pdf/image-only.pdf":             imageOnly,
		"pdf/many-pages.pdf":             manyPages,
		"pdf/encrypted.pdf":              encrypted,
		"pdf/truncated.pdf":              truncated,
		"pdf/bad-xref.pdf":               badXref,
		"pdf/huge-xref.pdf":              hugeXref,
		"pdf/prev-loop.pdf":              prevLoop,
		"pdf/open-hex.pdf":               openHex,
		"tnef/winmail.dat":               winmail,
		"tnef/truncated.dat":             winmailTruncated,
	}
	for name, make := range files {
		path := filepath.Join(*out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(path, make(), 0o644); err != nil {
			log.Fatal(err)
		}
	}
	log.Printf("pdfforms: wrote %d fixtures under %s", len(files), *out)
}
