package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

var emlNameUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// writeEML writes sent email n to the output folder as NNN-subject.eml and
// returns the file's name.
func (d *demo) writeEML(n int, h sentHeader, data []byte) (string, error) {
	slug := strings.Trim(emlNameUnsafe.ReplaceAllString(strings.ToLower(h.Subject), "-"), "-")
	if len(slug) > 60 {
		slug = strings.TrimRight(slug[:60], "-")
	}
	if slug == "" {
		slug = "email"
	}
	name := fmt.Sprintf("%03d-%s.eml", n, slug)
	if d.opts.OutDir == "" {
		return name, nil
	}
	if err := os.WriteFile(filepath.Join(d.opts.OutDir, name), data, 0o600); err != nil {
		return "", fmt.Errorf("demo: writing %s: %w", name, err)
	}
	return name, nil
}
