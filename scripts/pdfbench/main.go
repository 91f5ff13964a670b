// Command pdfbench reads PDF files with pdf.Read, each n times, and
// prints the seconds per PDF for each file; scripts/bench-pdf.sh compares
// its figures with pdftotext's on the same files.
//
//	pdfbench [-n 200] [-pages 100] FILE...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/kscmp/intake/parse/form"
	"github.com/kscmp/intake/parse/pdf"
)

func main() {
	n := flag.Int("n", 200, "reads of each file")
	pages := flag.Int("pages", 0, "lim.MaxPDFPages (0: the default)")
	flag.Parse()
	lim := form.DefaultLimits()
	if *pages > 0 {
		lim.MaxPDFPages = *pages
	}
	for _, name := range flag.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		var result string
		start := time.Now()
		for range *n {
			ex, err := pdf.Read(context.Background(), b, lim)
			var u *form.UnreadableError
			switch {
			case errors.As(err, &u):
				result = "unreadable"
			case err != nil:
				result = "error"
			default:
				result = fmt.Sprintf("%d fields", len(ex.Fields))
			}
		}
		per := time.Since(start).Seconds() / float64(*n)
		fmt.Printf("%s\t%.6f\t%s\n", name, per, result)
	}
}
