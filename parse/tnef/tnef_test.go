package tnef

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kscmp/intake/parse/form"
)

const tnefFixtures = "../../testdata/forms/tnef"

func readFixture(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantUnreadable asserts that err is an *form.UnreadableError whose reason
// contains want.
func wantUnreadable(t *testing.T, err error, want string) {
	t.Helper()
	var u *form.UnreadableError
	if !errors.As(err, &u) {
		t.Fatalf("err = %v, want *form.UnreadableError", err)
	}
	if !strings.Contains(u.Reason, want) {
		t.Errorf("reason = %q, want it to contain %q", u.Reason, want)
	}
}

func TestReadTNEF(t *testing.T) {
	atts, err := Read(readFixture(t, tnefFixtures, "winmail.dat"), form.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ name, ct, prefix string }{
		{"referral form.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "PK\x03\x04"},
		{"case notes – Kestmoor.txt", "text/plain", "Case notes for KSCMP-2026-0042.\r\n"},
		{BodyText, "text/plain", "Please find our referral attached.\r\n"},
	}
	if len(atts) != len(want) {
		t.Fatalf("got %d attachments, want %d: %+v", len(atts), len(want), atts)
	}
	for i, w := range want {
		a := atts[i]
		if a.Name != w.name || a.ContentType != w.ct || len(a.Data) < len(w.prefix) || string(a.Data[:len(w.prefix)]) != w.prefix {
			t.Errorf("attachment %d = %q %q %q, want %q %q %q...", i, a.Name, a.ContentType, a.Data, w.name, w.ct, w.prefix)
		}
	}
	if n := len(atts[1].Data); n != len("Case notes for KSCMP-2026-0042.\r\n") {
		t.Errorf("text file is %d bytes", n)
	}
}

func TestReadTNEFTruncated(t *testing.T) {
	atts, err := Read(readFixture(t, tnefFixtures, "truncated.dat"), form.DefaultLimits())
	wantUnreadable(t, err, "damaged or cut short")
	// The body came before the damage and is kept; the .docx is not.
	if len(atts) != 1 || atts[0].Name != BodyText {
		t.Errorf("attachments before the damage: %+v", atts)
	}
}

func TestReadTNEFNotTNEF(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("PK\x03\x04"), []byte("\x78\x9f\x3e\x22")} {
		_, err := Read(b, form.DefaultLimits())
		var u *form.UnreadableError
		if !errors.As(err, &u) {
			t.Errorf("Read(%q) = %v, want *form.UnreadableError", b, err)
		}
	}
}

func TestReadTNEFMaxParts(t *testing.T) {
	lim := form.DefaultLimits()
	lim.MaxParts = 1
	atts, err := Read(readFixture(t, tnefFixtures, "winmail.dat"), lim)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 2 || atts[0].Name != "referral form.docx" || atts[1].Name != BodyText {
		t.Errorf("with MaxParts 1: %+v", atts)
	}
}

// FuzzReadTNEF feeds Read mutations of the winmail.dat fixtures: it
// must never panic, fail only with an *form.UnreadableError, and return data
// that lies within its input.
func FuzzReadTNEF(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(tnefFixtures, "*.dat"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		atts, err := Read(b, form.DefaultLimits())
		var u *form.UnreadableError
		if err != nil && !errors.As(err, &u) {
			t.Fatalf("err = %v, want *form.UnreadableError", err)
		}
		total := 0
		for _, a := range atts {
			if a.Name == BodyText || a.Name == BodyHTML {
				continue // decoded, may grow
			}
			total += len(a.Data)
		}
		if total > len(b) {
			t.Fatalf("%d bytes of attachments from %d bytes", total, len(b))
		}
	})
}
