package parse

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// fakeSoffice puts a script named soffice first on PATH for the test.
func fakeSoffice(t *testing.T, script string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "soffice"), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+"/usr/bin:/bin")
}

func wantDocUnreadable(t *testing.T, err error, reason string) {
	t.Helper()
	var u *UnreadableError
	if !errors.As(err, &u) {
		t.Fatalf("got %v, want an *UnreadableError", err)
	}
	if u.Reason != reason {
		t.Errorf("reason %q, want %q", u.Reason, reason)
	}
}

func TestReadDOCWithoutLibreOffice(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), DefaultLimits())
	wantDocUnreadable(t, err, "this is an old Word .doc file, which we cannot read: please send the form as .docx or PDF")
}

func TestReadDOCEncryptedDocx(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := ReadDOC(context.Background(), docxFixture(t, "hostile_encrypted.docx"), DefaultLimits())
	wantDocUnreadable(t, err, reasonEncrypted)
}

func TestReadDOCMisnamedDocx(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	b := docxFixture(t, "referral_legacy_fields.docx")
	got, err := ReadDOC(context.Background(), b, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ReadDOCX(b, DefaultLimits())
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

// TestReadDOCConverts runs a fake soffice that writes a known .docx into
// --outdir, named after the input as LibreOffice names it.
func TestReadDOCConverts(t *testing.T) {
	src, err := filepath.Abs(filepath.Join(docxDir, "referral_content_controls.docx"))
	if err != nil {
		t.Fatal(err)
	}
	fakeSoffice(t, `out=""
for a in "$@"; do
	if [ "$prev" = "--outdir" ]; then out="$a"; fi
	prev="$a"; last="$a"
done
mkdir -p "$out" && cp '`+src+`' "$out/$(basename "$last" .doc).docx"
`)
	got, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ReadDOCX(docxFixture(t, "referral_content_controls.docx"), DefaultLimits())
	want.Warnings = append(want.Warnings, "doc: converted from an old Word .doc file with LibreOffice")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestReadDOCConverterFails(t *testing.T) {
	fakeSoffice(t, "echo 'Error: source file could not be loaded' >&2\nexit 1\n")
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), DefaultLimits())
	wantDocUnreadable(t, err, reasonOldDoc)
}

func TestReadDOCConverterWritesNothing(t *testing.T) {
	fakeSoffice(t, "exit 0\n")
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), DefaultLimits())
	wantDocUnreadable(t, err, reasonOldDoc)
}

// TestReadDOCTimeout runs a soffice that hangs (in a child process, as
// soffice.bin does) and wants the conversion cut off at ConvertTimeout.
func TestReadDOCTimeout(t *testing.T) {
	fakeSoffice(t, "sleep 60\n")
	lim := DefaultLimits()
	lim.ConvertTimeout = 300 * time.Millisecond
	start := time.Now()
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), lim)
	elapsed := time.Since(start)
	wantDocUnreadable(t, err, reasonDocSlow)
	if elapsed > 5*time.Second { // generous: a loaded 2-core machine under -race
		t.Errorf("took %v, want about %v", elapsed, lim.ConvertTimeout)
	}
}

// TestReadDOCLibreOffice converts a fixture to .doc and back with the real
// LibreOffice, when it is installed.
func TestReadDOCLibreOffice(t *testing.T) {
	bin, err := exec.LookPath("soffice")
	if err != nil {
		if bin, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice is not installed")
		}
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "form.docx")
	if err := os.WriteFile(src, docxFixture(t, "referral_plain_tables.docx"), 0o600); err != nil {
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
	lim := DefaultLimits()
	lim.ConvertTimeout = 2 * time.Minute
	start := time.Now()
	ex, err := ReadDOC(ctx, doc, lim)
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
