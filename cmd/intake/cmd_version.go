package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// version and commit are stamped into release builds by scripts/release.sh
// (-ldflags "-X main.version=v1.2.0 -X main.commit=..."). A build without
// them falls back to what the Go toolchain recorded (see buildVersion).
// They are set by the linker, never at run time.
var (
	version = ""
	commit  = ""
)

// versionCommand is `intake version`.
func versionCommand() command {
	return command{
		Name:    "version",
		Summary: "print the version, commit and Go version of this build",
		Usage: usageText(
			"Usage: intake version",
			"",
			"Prints the version (stamped by `make release`, else the module",
			"version the Go toolchain recorded, else \"devel\" with the commit or",
			"\"0.0.0-dev\"), the commit it was built from (with \"+dirty\" when the",
			"tree had changes) and the Go toolchain.",
			"",
			"Example:",
			"  intake version",
			"  intake v1.2.0 commit 1feb7ef2 (2026-11-24T15:00:00Z) go1.26.8 linux/amd64",
		),
		Run: runVersion,
	}
}

func runVersion(ctx context.Context, env *Env, args []string) int {
	fs := newFlags(env, "version", nil)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	info, _ := debug.ReadBuildInfo()
	writeVersion(env.Stdout, info, version, commit)
	return 0
}

// writeVersion prints one line describing the build: stamped (the -X
// version and commit, either may be empty) wins over info (which may be
// nil when the binary carries no build information). It never prints a
// bare "(devel)": a build without a version says "devel-COMMIT", or
// "0.0.0-dev" when it knows no commit either.
func writeVersion(w io.Writer, info *debug.BuildInfo, stamped, stampedCommit string) {
	settings := map[string]string{}
	goVersion := ""
	if info != nil {
		for _, s := range info.Settings {
			settings[s.Key] = s.Value
		}
		goVersion = info.GoVersion
	}
	rev := settings["vcs.revision"]
	if rev == "" {
		rev = stampedCommit
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && settings["vcs.modified"] == "true" {
		rev += "+dirty"
	}
	line := "intake " + buildVersion(info, stamped, rev)
	if rev != "" {
		line += " commit " + rev
		if t := settings["vcs.time"]; t != "" {
			line += " (" + t + ")"
		}
	}
	if goVersion != "" {
		line += " " + goVersion
	}
	if goos, goarch := settings["GOOS"], settings["GOARCH"]; goos != "" {
		line += " " + goos + "/" + goarch
	}
	fmt.Fprintln(w, line)
}

// buildVersion is the version to show: the stamped one, else the main
// module's version as the toolchain recorded it (a tag, or a
// pseudo-version, when built with VCS stamping), else "devel-" and the
// commit, else "0.0.0-dev".
func buildVersion(info *debug.BuildInfo, stamped, rev string) string {
	if stamped != "" {
		return stamped
	}
	if info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	if rev != "" {
		return "devel-" + rev
	}
	return "0.0.0-dev"
}
