package main

import (
	"context"
	"os"
)

// backupCommand is `intake backup`.
func backupCommand() command {
	return command{
		Name:    "backup",
		Summary: "write a consistent copy of the database while the daemon runs",
		Usage: usageText(
			"Usage: intake backup [--config FILE] FILE",
			"",
			"Writes a consistent, compacted copy of the database to FILE (SQLite",
			"VACUUM INTO), safe to run while 'intake serve' is running. FILE is",
			"created readable by its owner only (0600) and must not exist already.",
			"The copy holds special category personal data: store it encrypted.",
			"",
			"Example:",
			"  intake backup --config /etc/intake/intake.toml /var/backups/intake/intake-$(date +%F).db",
		),
		Run: runBackup,
	}
}

func runBackup(ctx context.Context, env *Env, args []string) int {
	var configPath string
	fs := newFlags(env, "backup", &configPath)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg, err := env.LoadConfig(configPath)
	if err != nil {
		return fail(env, "backup", err)
	}
	st, err := cfg.openStore(ctx, env.Clock)
	if err != nil {
		return fail(env, "backup", err)
	}
	defer st.Close()
	if err := st.Backup(ctx, fs.Arg(0)); err != nil {
		return fail(env, "backup", err)
	}
	fi, _ := os.Stat(fs.Arg(0))
	env.Logger.Info("backup written", "file", fs.Arg(0), "bytes", fi.Size())
	return 0
}
