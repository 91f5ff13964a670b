package parse

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Reading an old binary Word .doc
//
// Go has no reader for the Word 97-2003 binary format. When LibreOffice is
// installed (soffice or libreoffice on PATH), ReadDOC has it convert the
// file to .docx in a private temporary directory, with a profile of its
// own so that it never meets a running instance, bounded by
// Limits.ConvertTimeout, and reads the result as .docx. Without
// LibreOffice, or when the conversion fails or takes too long, the form is
// unreadable and the referrer is asked for .docx or PDF.

// Reasons for an unreadable .doc.
const (
	reasonDocSlow = "this old Word .doc file took too long to convert: please send the form as .docx or PDF"
)

// docConverters are the LibreOffice commands looked for on PATH, in order.
var docConverters = []string{"soffice", "libreoffice"}

// ReadDOC converts an old binary .doc with LibreOffice (soffice or
// libreoffice on PATH), bounded by lim.ConvertTimeout, then reads it as
// .docx. Without LibreOffice it returns an *UnreadableError asking for the
// form as .docx or PDF. A .docx misnamed .doc is read directly, and a
// password-protected .docx is reported as such.
func ReadDOC(ctx context.Context, b []byte, lim Limits) (Extraction, error) {
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return ReadDOCX(b, lim)
	case isOLE(b) && isEncryptedOOXML(b):
		return Extraction{}, unreadable(reasonEncrypted, nil)
	case lim.MaxAttachmentBytes > 0 && int64(len(b)) > lim.MaxAttachmentBytes:
		return Extraction{}, unreadable(reasonAttachTooBig, nil)
	}
	bin := ""
	for _, name := range docConverters {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		return Extraction{}, unreadable(reasonOldDoc, nil)
	}
	docx, err := convertDOC(ctx, bin, b, lim)
	if err != nil {
		return Extraction{}, err
	}
	ex, err := ReadDOCX(docx, lim)
	if err != nil {
		return Extraction{}, err
	}
	ex.Warnings = append(ex.Warnings, "doc: converted from an old Word .doc file with LibreOffice")
	return ex, nil
}

// convertDOC runs LibreOffice headless on b and returns the .docx it
// writes.
func convertDOC(ctx context.Context, bin string, b []byte, lim Limits) ([]byte, error) {
	dir, err := os.MkdirTemp("", "intake-doc-")
	if err != nil {
		return nil, fmt.Errorf("parse: converting doc: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "form.doc")
	out := filepath.Join(dir, "out")
	if err := os.WriteFile(in, b, 0o600); err != nil {
		return nil, fmt.Errorf("parse: converting doc: %w", err)
	}
	timeout := lim.ConvertTimeout
	if timeout <= 0 {
		timeout = DefaultLimits().ConvertTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
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
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, unreadable(reasonDocSlow, ctx.Err())
		}
		return nil, fmt.Errorf("parse: converting doc: %w", ctx.Err())
	}
	if err != nil {
		return nil, unreadable(reasonOldDoc, fmt.Errorf("libreoffice: %w", err))
	}
	f, err := os.Open(filepath.Join(out, "form.docx"))
	if err != nil {
		return nil, unreadable(reasonOldDoc, fmt.Errorf("libreoffice wrote no .docx: %w", err))
	}
	defer f.Close()
	limit := lim.MaxAttachmentBytes
	if limit <= 0 {
		limit = DefaultLimits().MaxAttachmentBytes
	}
	docx, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("parse: converting doc: %w", err)
	}
	if int64(len(docx)) > limit {
		return nil, unreadable(reasonAttachTooBig, nil)
	}
	return docx, nil
}
