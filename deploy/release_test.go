package deploy

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// release builds the release for this machine's architecture from the
// tree at root into dist, and returns the binary's path.
func release(t *testing.T, root, dist string, env ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(root, "scripts", "release.sh"))
	cmd.Env = append(os.Environ(), append([]string{"DIST=" + dist, "PLATFORMS=linux/" + runtime.GOARCH}, env...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s/scripts/release.sh: %v\n%s", root, err, out)
	}
	bins, _ := filepath.Glob(filepath.Join(dist, "intake-*-linux-"+runtime.GOARCH))
	if len(bins) != 1 {
		t.Fatalf("release.sh left %v in %s, want one binary", bins, dist)
	}
	return bins[0]
}

// copyTree copies the repository at root, without .git and build output,
// to dst.
func copyTree(t *testing.T, root, dst string) {
	t.Helper()
	skip := map[string]bool{".git": true, "dist": true, "bin": true, "demo-out": true}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if skip[rel] {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // a worktree's .git is a file
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReleaseBuild checks what `make release` promises: a static binary
// built without cgo, stamped with its version, listed in SHA256SUMS, and
// the same bytes when built from another directory. (`make
// release-check` repeats the last with an empty build cache and for every
// platform; it takes minutes, so it is not part of `make test`.)
func TestReleaseBuild(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		t.Skip("releases are built for Linux")
	}
	if _, err := exec.LookPath("go"); err != nil {
		skipOrFail(t, "no go command to build with")
	}
	root := moduleRoot(t)
	tmp := t.TempDir()
	stamp := []string{"VERSION=v1.2.3-test", "COMMIT=0123456789abcdef0123456789abcdef01234567"}

	a := release(t, root, filepath.Join(tmp, "a"), stamp...)
	elsewhere := filepath.Join(tmp, "elsewhere", "src", "intake")
	copyTree(t, root, elsewhere)
	b := release(t, elsewhere, filepath.Join(tmp, "b"), stamp...)

	ba, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ba, bb) {
		t.Errorf("the same tree built in two directories gives different binaries (%d and %d bytes): the build is not reproducible", len(ba), len(bb))
	}
	sum := sha256.Sum256(ba)
	sums, err := os.ReadFile(filepath.Join(tmp, "a", "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	if want := hex.EncodeToString(sum[:]) + "  " + filepath.Base(a) + "\n"; string(sums) != want {
		t.Errorf("SHA256SUMS = %q, want %q", sums, want)
	}
	if filepath.Base(a) != "intake-v1.2.3-test-linux-"+runtime.GOARCH {
		t.Errorf("release binary named %s", filepath.Base(a))
	}

	// Static: no interpreter, no shared libraries.
	f, err := elf.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("the release binary has a %v program header: it is dynamically linked", p.Type)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("the release binary needs shared libraries %v", libs)
	}

	// Built without cgo, paths trimmed, version stamped.
	info, err := buildinfo.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if settings["CGO_ENABLED"] != "0" || settings["-trimpath"] != "true" {
		t.Errorf("build settings CGO_ENABLED=%q -trimpath=%q, want 0 and true", settings["CGO_ENABLED"], settings["-trimpath"])
	}
	if _, ok := settings["vcs.time"]; ok {
		t.Error("the release binary carries a VCS timestamp: two checkouts of one commit would differ")
	}
	if runtime.GOARCH == "amd64" || runtime.GOARCH == "arm64" {
		out, err := exec.Command(a, "version").CombinedOutput()
		if err != nil {
			t.Fatalf("intake version: %v\n%s", err, out)
		}
		if !strings.HasPrefix(string(out), "intake v1.2.3-test commit 0123456789ab ") {
			t.Errorf("intake version printed %q, want the stamped version and commit", out)
		}
	}

	// Without the stamp (a build by hand, without VCS information),
	// `intake version` still names a version, never a bare "(devel)".
	plain := filepath.Join(tmp, "plain")
	build := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-tags", "timetzdata", "-ldflags", "-s -w -buildid=", "-o", plain, "./cmd/intake")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(plain, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("intake version: %v\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), "intake 0.0.0-dev ") || strings.Contains(string(out), "(devel)") {
		t.Errorf("an unstamped build's intake version printed %q, want it to start \"intake 0.0.0-dev\"", out)
	}
}
