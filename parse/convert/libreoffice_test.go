package convert

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/docx"
	"github.com/kscmp/intake/parse/form"
)

const docxDir = "../../testdata/forms/docx"

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(docxDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fakeSoffice writes a script named soffice and returns its path.
func fakeSoffice(t *testing.T, script string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "soffice")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

var _ docx.Converter = LibreOffice{}

func TestNoLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := LibreOffice{}.ConvertDOC(context.Background(), []byte("doc"))
	if !errors.Is(err, ErrNoLibreOffice) {
		t.Errorf("got %v, want ErrNoLibreOffice", err)
	}
}

// TestConverts runs a fake soffice that writes a known .docx into
// --outdir, named after the input as LibreOffice names it.
func TestConverts(t *testing.T) {
	src, err := filepath.Abs(filepath.Join(docxDir, "referral_content_controls.docx"))
	if err != nil {
		t.Fatal(err)
	}
	bin := fakeSoffice(t, `out=""
for a in "$@"; do
	if [ "$prev" = "--outdir" ]; then out="$a"; fi
	prev="$a"; last="$a"
done
mkdir -p "$out" && cp '`+src+`' "$out/$(basename "$last" .doc).docx"
`)
	got, err := LibreOffice{Command: bin}.ConvertDOC(context.Background(), fixture(t, "old_binary.doc"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(fixture(t, "referral_content_controls.docx")) {
		t.Error("the .docx LibreOffice wrote was not returned")
	}
}

func TestConverterFails(t *testing.T) {
	bin := fakeSoffice(t, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
	if _, err := (LibreOffice{Command: bin}).ConvertDOC(context.Background(), []byte("doc")); err == nil {
		t.Error("a failed conversion gave no error")
	}
}

func TestConverterWritesNothing(t *testing.T) {
	bin := fakeSoffice(t, "exit 0\n")
	if _, err := (LibreOffice{Command: bin}).ConvertDOC(context.Background(), []byte("doc")); err == nil {
		t.Error("a conversion that wrote nothing gave no error")
	}
}

func TestConverterOutputTooBig(t *testing.T) {
	bin := fakeSoffice(t, `for a in "$@"; do if [ "$prev" = "--outdir" ]; then out="$a"; fi; prev="$a"; done
mkdir -p "$out" && head -c 4096 /dev/zero > "$out/form.docx"
`)
	if _, err := (LibreOffice{Command: bin, MaxBytes: 1024}).ConvertDOC(context.Background(), []byte("doc")); err == nil {
		t.Error("a .docx over MaxBytes was read")
	}
}

// TestTimeout runs a soffice that hangs (in a child process, as
// soffice.bin does) and wants it killed when the context ends.
func TestTimeout(t *testing.T) {
	bin := fakeSoffice(t, "sleep 60 &\nwait\n")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := LibreOffice{Command: bin}.ConvertDOC(ctx, []byte("doc"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want context.DeadlineExceeded", err)
	}
	if elapsed := time.Since(start); elapsed > 20*time.Second { // a hang, not slowness, is what this catches
		t.Errorf("took %v, want about 300ms", elapsed)
	}
}

// TestLibreOffice converts a fixture to .doc and back with the real
// LibreOffice, when it is installed, and reads it.
func TestLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if bin, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice is not installed")
		}
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "form.docx")
	if err := os.WriteFile(src, fixture(t, "referral_plain_tables.docx"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--convert-to", "doc", "--outdir", dir, src)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("making a .doc: %v: %s", err, out)
	}
	doc, err := os.ReadFile(filepath.Join(dir, "form.doc"))
	if err != nil {
		t.Fatal(err)
	}
	lim := form.DefaultLimits()
	lim.ConvertTimeout = 2 * time.Minute
	start := time.Now()
	ex, err := docx.ReadDOC(ctx, doc, lim, LibreOffice{Command: bin})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("converted and read in %v", time.Since(start))
	got := map[string]string{}
	for _, f := range ex.Fields {
		got[f.Labels[0]] = f.Value
	}
	for label, value := range map[string]string{
		"Name of child":         "Jay Example",
		"Agencies involved":     "Kestmoor Police\nKestmoor Primary School\nKestmoor Community Health Trust",
		"Is suicide suspected?": "☐ Yes ☒ No",
		"Has the executive representative agreed to the referral?": "☐ Yes ☒ No",
	} {
		if got[label] != value {
			t.Errorf("%s: got %q, want %q", label, got[label], value)
		}
	}
}
