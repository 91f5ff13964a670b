package docx

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kscmp/intake/parse/form"
)

// convertFunc is a Converter made of a function.
type convertFunc func(ctx context.Context, doc []byte) ([]byte, error)

func (f convertFunc) ConvertDOC(ctx context.Context, doc []byte) ([]byte, error) { return f(ctx, doc) }

func wantDocUnreadable(t *testing.T, err error, reason string) {
	t.Helper()
	var u *form.UnreadableError
	if !errors.As(err, &u) {
		t.Fatalf("got %v, want an *form.UnreadableError", err)
	}
	if u.Reason != reason {
		t.Errorf("reason %q, want %q", u.Reason, reason)
	}
}

func TestReadDOCWithoutConverter(t *testing.T) {
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), form.DefaultLimits(), nil)
	wantDocUnreadable(t, err, "this is an old Word .doc file, which we cannot read: please send the form as .docx or PDF")
}

func TestReadDOCEncryptedDocx(t *testing.T) {
	called := false
	conv := convertFunc(func(context.Context, []byte) ([]byte, error) { called = true; return nil, nil })
	_, err := ReadDOC(context.Background(), docxFixture(t, "hostile_encrypted.docx"), form.DefaultLimits(), conv)
	wantDocUnreadable(t, err, reasonEncrypted)
	if called {
		t.Error("a password-protected .docx was sent to the converter")
	}
}

func TestReadDOCMisnamedDocx(t *testing.T) {
	b := docxFixture(t, "referral_legacy_fields.docx")
	got, err := ReadDOC(context.Background(), b, form.DefaultLimits(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Read(context.Background(), b, form.DefaultLimits())
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

// TestReadDOCConverts injects a converter that returns a known .docx.
func TestReadDOCConverts(t *testing.T) {
	docx := docxFixture(t, "referral_content_controls.docx")
	doc := docxFixture(t, "old_binary.doc")
	conv := convertFunc(func(_ context.Context, in []byte) ([]byte, error) {
		if !reflect.DeepEqual(in, doc) {
			t.Error("the converter was not given the .doc")
		}
		return docx, nil
	})
	got, err := ReadDOC(context.Background(), doc, form.DefaultLimits(), conv)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Read(context.Background(), docx, form.DefaultLimits())
	want.Warnings = append(want.Warnings, "doc: converted from an old Word .doc file with LibreOffice")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestReadDOCConverterFails(t *testing.T) {
	conv := convertFunc(func(context.Context, []byte) ([]byte, error) {
		return nil, errors.New("source file could not be loaded")
	})
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), form.DefaultLimits(), conv)
	wantDocUnreadable(t, err, reasonOldDoc)
}

func TestReadDOCConverterOutputTooBig(t *testing.T) {
	lim := form.DefaultLimits()
	lim.MaxAttachmentBytes = 1 << 10
	conv := convertFunc(func(context.Context, []byte) ([]byte, error) { return make([]byte, 2<<10), nil })
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc")[:512], lim, conv)
	wantDocUnreadable(t, err, reasonAttachTooBig)
}

// TestReadDOCTimeout injects a converter that hangs until its context
// ends, and wants the conversion cut off at ConvertTimeout.
func TestReadDOCTimeout(t *testing.T) {
	conv := convertFunc(func(ctx context.Context, _ []byte) ([]byte, error) { <-ctx.Done(); return nil, ctx.Err() })
	lim := form.DefaultLimits()
	lim.ConvertTimeout = 50 * time.Millisecond
	_, err := ReadDOC(context.Background(), docxFixture(t, "old_binary.doc"), lim, conv)
	wantDocUnreadable(t, err, reasonDocSlow)
}

// TestReadDOCCancelled: the caller's context ending is not the form's
// fault, and is not reported as an unreadable form.
func TestReadDOCCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	conv := convertFunc(func(cctx context.Context, _ []byte) ([]byte, error) { cancel(); <-cctx.Done(); return nil, cctx.Err() })
	_, err := ReadDOC(ctx, docxFixture(t, "old_binary.doc"), form.DefaultLimits(), conv)
	var u *form.UnreadableError
	if !errors.Is(err, context.Canceled) || errors.As(err, &u) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// TestReadCancelled: Read stops when its context has ended.
func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, docxFixture(t, "referral_plain_tables.docx"), form.DefaultLimits())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
