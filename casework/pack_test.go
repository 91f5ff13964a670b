package casework

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kscmp/intake"
	"github.com/kscmp/intake/parse"
	"github.com/kscmp/intake/parse/form"
)

var update = flag.Bool("update", false, "rewrite golden files")

// packFiles opens a pack and returns its files by name.
func packFiles(t *testing.T, p *Pack) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(p.Data), int64(len(p.Data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// TestPackIndex builds the pack of a case with one summary in (with an
// attached form) and one no involvement, and compares its index with
// testdata/pack/index.golden.html (-update rewrites it).
func TestPackIndex(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	ref, reqID := b.accepted()
	b.clock.Set(time.Date(2026, 11, 12, 15, 0, 0, 0, intake.London))
	b.deliver(message(t, "summary-attached.eml", map[string]string{"CaseRef": ref, "InReplyTo": reqID,
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}))
	if r, _ := b.caseOf(ref).RequestFor("police"); r.Status != intake.SummaryReceived {
		t.Fatalf("police %+v", r)
	}
	b.clock.Set(time.Date(2026, 11, 23, 10, 0, 0, 0, intake.London))
	p, err := b.cw.BuildPack(ctx, person, ref)
	if err != nil {
		t.Fatal(err)
	}
	files := packFiles(t, p)
	if _, ok := files["originals/police/police-summary.txt"]; !ok {
		t.Errorf("the police's attachment is not in the pack: %v", keys(files))
	}
	golden := filepath.Join("testdata", "pack", "index.golden.html")
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		os.WriteFile(golden, files["index.html"], 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./casework -run TestPackIndex -update)", err)
	}
	if !bytes.Equal(files["index.html"], want) {
		t.Errorf("index.html differs from %s (rerun with -update if intended)", golden)
	}
	if a := b.audit(ref); !strings.Contains(a, person+":pack.built") {
		t.Errorf("the information share is not audited: %s", a)
	}
	if _, err := b.cw.BuildPack(ctx, person, b.referral(map[string]string{"ID": "x9", "Child": "Other Child", "DOB": "01/01/2016"})); intake.ErrorCode(err) != intake.ECONFLICT {
		t.Errorf("a pack of an unaccepted case: %v", err)
	}
}

// TestPackListsOversizedAttachment checks that a file over the parse
// limits is listed in the pack, not included.
func TestPackListsOversizedAttachment(t *testing.T) {
	ctx := context.Background()
	b := newBench(t)
	opts := parse.DefaultOptions()
	opts.Limits.MaxAttachmentBytes = 64
	b.cw.Attachments = func(ctx context.Context, raw []byte) ([]form.Attachment, []string, error) {
		return parse.Attachments(ctx, raw, opts)
	}
	ref, reqID := b.accepted()
	b.deliver(message(t, "summary-attached.eml", map[string]string{"CaseRef": ref, "InReplyTo": reqID,
		"Extra": "\nAuthentication-Results: " + mx + "; dmarc=pass header.from=police.kestmoor.example"}))
	p, err := b.cw.BuildPack(ctx, person, ref)
	if err != nil {
		t.Fatal(err)
	}
	files := packFiles(t, p)
	if _, ok := files["originals/police/police-summary.txt"]; ok {
		t.Error("an attachment over the limit was included")
	}
	if !strings.Contains(string(files["index.html"]), "police-summary.txt is larger than intake reads") {
		t.Error("an attachment over the limit is not listed")
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
