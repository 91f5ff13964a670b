// Package convert turns an old binary Word .doc into a .docx with
// LibreOffice, for parse, which does no I/O of its own: cmd/intake
// injects a LibreOffice into parse.Options.
//
// Each conversion runs soffice headless in a private temporary directory,
// with a profile of its own (so that it never meets a running instance or
// another conversion), in a process group of its own that is killed when
// the context ends (soffice starts soffice.bin, which would otherwise
// outlive it).
package convert

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Commands looked for on PATH when LibreOffice.Command is empty, in order.
var commands = []string{"soffice", "libreoffice"}

// defaultMaxBytes bounds the .docx read back when MaxBytes is not set.
const defaultMaxBytes = 30 << 20

// ErrNoLibreOffice is returned when no LibreOffice command is found.
var ErrNoLibreOffice = errors.New("convert: LibreOffice (soffice) is not installed")

// LibreOffice converts with LibreOffice's soffice. The zero value looks
// soffice or libreoffice up on PATH at each conversion and reads back at
// most 30 MB.
type LibreOffice struct {
	Command  string // path of soffice; "" looks it up on PATH
	MaxBytes int64  // largest .docx read back; 0 means 30 MB
}

// ConvertDOC converts doc to .docx. It returns ctx's error when ctx ends
// first, having killed LibreOffice.
func (l LibreOffice) ConvertDOC(ctx context.Context, doc []byte) ([]byte, error) {
	bin := l.Command
	for _, name := range commands {
		if bin != "" {
			break
		}
		if p, err := exec.LookPath(name); err == nil {
			bin = p
		}
	}
	if bin == "" {
		return nil, ErrNoLibreOffice
	}
	dir, err := os.MkdirTemp("", "intake-doc-")
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "form.doc")
	out := filepath.Join(dir, "out")
	if err := os.WriteFile(in, doc, 0o600); err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	cmd := exec.CommandContext(ctx, bin,
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	cmd.WaitDelay = time.Second
	killGroup(cmd)
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("convert: libreoffice: %w", err)
	}
	f, err := os.Open(filepath.Join(out, "form.docx"))
	if err != nil {
		return nil, fmt.Errorf("convert: libreoffice wrote no .docx: %w", err)
	}
	defer f.Close()
	limit := l.MaxBytes
	if limit <= 0 {
		limit = defaultMaxBytes
	}
	docx, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("convert: reading the .docx: %w", err)
	}
	if int64(len(docx)) > limit {
		return nil, fmt.Errorf("convert: the .docx is larger than %d bytes", limit)
	}
	return docx, nil
}
