#!/usr/bin/env bash
# What the end-to-end flows need from the system, from Debian's packages:
#   - a Chromium to drive (Playwright's own browser downloads cannot reach their CDN here);
#   - for flow 7 (a saved site password survives a restart), a Secret Service the browser
#     host can keep passwords in: dbus (dbus-daemon, dbus-send), gnome-keyring and
#     libsecret-tools (secret-tool). The flows start their own private, unlocked keyring
#     on a private D-Bus (e2e/app/session-keyring.ts); nothing here starts a daemon.
#
# Installs what is missing when run as root on Debian; otherwise says what to install and
# how. Idempotent and quick when everything is there (.ci/run and `npm run test:e2e` both
# call it). Exit status 1 only when no Chromium can be had: without one no flow can run.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

chromium_found() {
  if [ -n "${PORTSIDE_CHROMIUM:-}" ]; then [ -x "$PORTSIDE_CHROMIUM" ]; return; fi
  have chromium || have chromium-browser || have google-chrome-stable || have google-chrome
}

missing=()
chromium_found || missing+=(chromium)
{ have dbus-daemon && have dbus-send; } || missing+=(dbus)
have gnome-keyring-daemon || missing+=(gnome-keyring)
have secret-tool || missing+=(libsecret-tools)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "e2e setup: Chromium and the keyring tools are installed."
  exit 0
fi

if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && have apt-get; then
  echo "e2e setup: installing ${missing[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  chromium_found || { echo "e2e setup: Chromium is still missing after apt-get install." >&2; exit 1; }
  exit 0
fi

for package in "${missing[@]}"; do
  case "$package" in
    chromium)
      cat >&2 <<'EOF'
e2e setup: no Chromium found for the end-to-end tests. Install one:
  Debian/Ubuntu:  sudo apt-get install chromium      (Ubuntu: chromium-browser)
  elsewhere:      install Chromium or Google Chrome, or set PORTSIDE_CHROMIUM=/path/to/chrome
(`npx playwright install` downloads its browsers from a CDN this network does not reach.)
EOF
      ;;
    *)
      echo "e2e setup: $package is not installed; flow 7 (saved passwords) needs it:" \
        "sudo apt-get install dbus gnome-keyring libsecret-tools" >&2
      ;;
  esac
done
chromium_found || exit 1
exit 0
