// Package deploy holds what an operator installs beside the binary: the
// systemd units (intake.service, intake-maintenance.service and .timer)
// and intake-run, which runs one intake command the way the service runs.
// docs/operations.md says how to install them.
//
// The package has no code of its own, only tests that keep the guide
// honest. They run the commands the guide marks with
// "<!-- deploy-test: NAME -->" exactly as written, as root, on a machine
// that vanishes afterwards, against loopback IMAP and SMTP servers that
// check the passwords, on two kinds of machine:
//
//   - TestInstallUnderSystemd (systemd_test.go) boots the real systemd in
//     a container (systemd-nspawn, on a copy-on-write overlay of this
//     machine's root), so the units, DynamicUser=, LoadCredential=,
//     EnvironmentFile= and intake-run's systemd-run are systemd's own.
//   - TestInstallAsDocumented (install_test.go) needs no systemd at all:
//     in a private mount namespace whose /etc, /usr/local, /var/lib, /run
//     and /root are overlays, systemctl and systemd-run are stood in for
//     by the test binary itself (fakesystemd_test.go), which reads the
//     installed unit files and runs their commands as systemd would for
//     what matters here: a dynamic user (an unprivileged UID that cannot
//     read /etc/intake), its state directory, LoadCredential=,
//     Environment= with specifiers and EnvironmentFile=; the unit files
//     are checked by `systemd-analyze verify`.
//
// release_test.go checks that the release build is static and
// reproducible.
package deploy
