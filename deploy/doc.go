// Package deploy holds what an operator installs beside the binary: the
// systemd units (intake.service, intake-maintenance.service and .timer)
// and intake-run, which runs one intake command the way the service runs.
// docs/operations.md says how to install them.
//
// The package has no code of its own, only tests that keep the guide
// honest. install_test.go runs the commands the guide marks with
// "<!-- deploy-test: NAME -->" exactly as written, as root inside a
// private mount namespace whose /etc, /usr/local, /var/lib, /run and
// /root are overlays that vanish afterwards, against loopback IMAP and
// SMTP servers. Where systemd is not PID 1 (a container, CI), systemctl and
// systemd-run are stood in for by the test binary itself
// (fakesystemd_test.go), which reads the installed unit files and runs
// their commands as systemd would for what matters here: a dynamic user
// (an unprivileged UID that cannot read /etc/intake), its state directory,
// LoadCredential=, Environment= with specifiers and EnvironmentFile=;
// the unit files themselves are checked by `systemd-analyze verify`.
// release_test.go checks that the release build is static and
// reproducible.
package deploy
