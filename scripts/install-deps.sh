#!/usr/bin/env bash
# Installs, from Debian's packages, the real servers and tools the tests
# and benchmarks use: Dovecot (IMAP), Postfix's smtp-sink (SMTP peer),
# isync's mbsync and poppler's pdftotext (benchmark references), and
# systemd's systemd-analyze and systemd-nspawn (deploy's tests verify the
# units, and boot systemd in a throw-away container to run the operator's
# guide under it), LibreOffice Writer (converting an old .doc in
# parse/convert's test, and making the form corpus: go run
# ./internal/gen/corpus), and chromium-headless-shell with a font (the
# web work queue's browser tests). Does nothing for what is already
# installed. Needs root (or sudo).
set -euo pipefail
need=()
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v smtp-sink >/dev/null 2>&1 || [ -x /usr/sbin/smtp-sink ] || need+=(postfix)
command -v mbsync >/dev/null 2>&1 || need+=(isync)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
command -v systemd-nspawn >/dev/null 2>&1 || need+=(systemd-container)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
[ -x /usr/bin/chromium-headless-shell ] || need+=(chromium-headless-shell)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "install-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Don't let the packages start their own system services: the tests start
# their own instances in temporary directories on loopback ports.
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
	$sudo chmod +x /usr/sbin/policy-rc.d
	trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
