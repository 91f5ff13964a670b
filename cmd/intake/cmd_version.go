package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
)

// versionCommand is `intake version`.
func versionCommand() command {
	return command{
		Name:    "version",
		Summary: "print the version, commit and Go version of this build",
		Usage: usageText(
			"Usage: intake version",
			"",
			"Prints the module version, the commit it was built from (with",
			"\"+dirty\" when the tree had changes) and the Go toolchain.",
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
	writeVersion(env.Stdout, info)
	return 0
}

// writeVersion prints one line describing the build in info (which may be
// nil when the binary carries no build information).
func writeVersion(w io.Writer, info *debug.BuildInfo) {
	if info == nil {
		fmt.Fprintln(w, "intake (no build information)")
		return
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	line := "intake " + version
	if rev := settings["vcs.revision"]; rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if settings["vcs.modified"] == "true" {
			rev += "+dirty"
		}
		line += " commit " + rev
		if t := settings["vcs.time"]; t != "" {
			line += " (" + t + ")"
		}
	}
	line += " " + info.GoVersion
	if goos, goarch := settings["GOOS"], settings["GOARCH"]; goos != "" {
		line += " " + goos + "/" + goarch
	}
	fmt.Fprintln(w, line)
}
