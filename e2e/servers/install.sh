#!/usr/bin/env bash
# Installs what e2e/servers/ftp-servers.ts needs to run real vsftpd, ProFTPD and Pure-FTPd
# side by side on 127.0.0.1 (interop tests, end-to-end tests, benchmarks).
#
# Debian's three FTP servers conflict as packages (each Provides/Conflicts ftp-server), so
# they are not installed: their .debs are fetched with `apt-get download` into a cache
# folder and unpacked with `dpkg -x`, one folder per server. Only their shared libraries
# (and the tools the tests use) are installed for real. Nothing here starts a server or
# touches the system's FTP configuration.
#
# Idempotent: a second run on a machine where everything is in place makes no network
# access and changes nothing. Run as root (CI runs it from .ci/run).
#
#   PORTSIDE_FTP_CACHE   where the .debs and unpacked servers go
#                        (default: $HOME/.cache/portside-ftp-servers; ftp-servers.ts
#                        reads the same variable with the same default)
#   PORTSIDE_FTP_REFRESH=1  fetch the .debs again even if cached
set -euo pipefail

say() { printf '==> %s\n' "$*"; }
die() { printf 'install.sh: error: %s\n' "$*" >&2; exit 1; }
trap 'printf "install.sh: failed at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

[ "$(id -u)" = 0 ] || die "must run as root (it installs Debian packages and creates system users)"
command -v apt-get >/dev/null || die "apt-get not found: this script targets Debian 12 (bookworm)"

if [ -z "${HOME:-}" ]; then HOME="$(getent passwd "$(id -u)" | cut -d: -f6)"; fi
CACHE="${PORTSIDE_FTP_CACHE:-$HOME/.cache/portside-ftp-servers}"
export DEBIAN_FRONTEND=noninteractive

# What is installed for real, and why.
#  - libwrap0                          vsftpd (tcp_wrappers support is linked in)
#  - libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3
#                                      proftpd (linked in even when unused)
#  - libsodium23                       pure-ftpd and proftpd
#  - libssl3 libcap2 libpam0g libcrypt1 libacl1 libidn2-0 libncursesw6 libtinfo6
#    libpcre2-8-0 zlib1g               the rest of the three binaries' Depends; already on
#                                      a stock Debian 12 image, listed so a slimmer one works
#  - libpam-pwdfile                    vsftpd's virtual test user: a PAM service reads a
#                                      crypt(3) password file (vsftpd authenticates only via PAM)
#  - openssl                           per-start self-signed certificates and password hashes
#  - util-linux mount                  setpriv (servers die with their parent), unshare and
#                                      mount (a private mount namespace for Pure-FTPd's
#                                      anonymous root)
#  - passwd                            useradd, for the system users below
#  - lftp                              cross-checks by hand and in tests
#  - curl time                         npm run bench: the other reference client, and GNU time
#                                      (/usr/bin/time) for each client's peak RSS
RUNTIME_PACKAGES=(
  libwrap0 libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3 libsodium23
  libssl3 libcap2 libpam0g libcrypt1 libacl1 libidn2-0 libncursesw6 libtinfo6 libpcre2-8-0 zlib1g
  libpam-pwdfile openssl util-linux mount passwd lftp curl time
)
# Downloaded and unpacked, never installed. proftpd-core is the daemon (proftpd-basic is
# only a metapackage); its TLS module mod_tls.so lives in proftpd-mod-crypto. pure-ftpd
# needs nothing from pure-ftpd-common (only Debian's wrapper script and config files).
declare -A SERVER_PACKAGES=(
  [vsftpd]="vsftpd"
  [proftpd]="proftpd-core proftpd-mod-crypto"
  [pureftpd]="pure-ftpd"
)
# The files ftp-servers.ts runs, relative to each server's folder.
declare -A SERVER_BINARIES=(
  [vsftpd]="usr/sbin/vsftpd"
  [proftpd]="usr/sbin/proftpd usr/lib/proftpd/mod_tls.so"
  [pureftpd]="usr/sbin/pure-ftpd usr/bin/pure-pw"
)

is_installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}

apt_updated=0
apt_update() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    apt-get update -q
    apt_updated=1
  fi
}
candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }'; }

# 1. Package lists: only refreshed when they do not know the packages we need.
for pkg in vsftpd proftpd-core pure-ftpd lftp; do
  c="$(candidate "$pkg")"
  if [ -z "$c" ] || [ "$c" = "(none)" ]; then apt_update; break; fi
done

# 2. Shared libraries and tools.
missing=()
for pkg in "${RUNTIME_PACKAGES[@]}"; do is_installed "$pkg" || missing+=("$pkg"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  if ! apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}"; then
    apt_update
    apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "${missing[@]}"
  fi
else
  say "runtime packages already installed: ${RUNTIME_PACKAGES[*]}"
fi

# 3. Server .debs into the cache.
mkdir -p "$CACHE/debs"
for server in vsftpd proftpd pureftpd; do
  for pkg in ${SERVER_PACKAGES[$server]}; do
    if [ "${PORTSIDE_FTP_REFRESH:-0}" = 1 ]; then rm -f "$CACHE/debs/${pkg}_"*.deb; fi
    if compgen -G "$CACHE/debs/${pkg}_*.deb" >/dev/null; then
      say "cached: $(basename "$(compgen -G "$CACHE/debs/${pkg}_*.deb" | head -n1)")"
      continue
    fi
    say "apt-get download $pkg (into $CACHE/debs)"
    # APT::Sandbox::User=root: the cache folder belongs to root, not to _apt.
    if ! (cd "$CACHE/debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg"); then
      apt_update
      (cd "$CACHE/debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg")
    fi
    compgen -G "$CACHE/debs/${pkg}_*.deb" >/dev/null || die "apt-get download $pkg produced no .deb"
  done
done

# 4. Unpack each server into its own folder; redone only when its .debs changed.
for server in vsftpd proftpd pureftpd; do
  debs=()
  for pkg in ${SERVER_PACKAGES[$server]}; do
    debs+=("$(compgen -G "$CACHE/debs/${pkg}_*.deb" | sort | tail -n1)")
  done
  stamp="$(for d in "${debs[@]}"; do basename "$d"; done)"
  dir="$CACHE/$server"
  if [ -f "$dir/.portside-stamp" ] && [ "$(cat "$dir/.portside-stamp")" = "$stamp" ]; then
    say "unpacked: $dir ($(echo "$stamp" | paste -sd ' '))"
    continue
  fi
  say "dpkg -x ${debs[*]##*/} -> $dir"
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  for d in "${debs[@]}"; do dpkg -x "$d" "$dir.tmp"; done
  printf '%s\n' "$stamp" >"$dir.tmp/.portside-stamp"
  rm -rf "$dir"
  mv "$dir.tmp" "$dir"
done

# 5. System users.
#  ftp           the anonymous account of all three servers (Pure-FTPd hard-codes the name
#                and serves anonymous users from its home directory)
#  portside-ftp  owns the files of the password test user: every server maps its virtual
#                user to this uid (none of them lets a virtual user run as root); no
#                password, no shell
ensure_user() {
  local name="$1" home="$2"
  if getent passwd "$name" >/dev/null; then
    say "system user $name exists ($(getent passwd "$name"))"
  else
    say "useradd --system $name (home $home)"
    useradd --system --user-group --no-create-home --home-dir "$home" --shell /usr/sbin/nologin "$name"
  fi
}
ensure_user ftp /srv/ftp
ensure_user portside-ftp /var/lib/portside-ftp
# vsftpd changes into the guest account's home before it chroots into local_root, so that
# home has to exist (it stays empty: each instance's files live in its own folder).
owner_home="$(getent passwd portside-ftp | cut -d: -f6)"
if [ "$owner_home" != /var/lib/portside-ftp ]; then
  say "usermod --home /var/lib/portside-ftp portside-ftp (was $owner_home)"
  usermod --home /var/lib/portside-ftp portside-ftp
fi
mkdir -p /var/lib/portside-ftp
chmod 755 /var/lib/portside-ftp
# Pure-FTPd's anonymous root is ~ftp; ftp-servers.ts bind-mounts each instance's folder
# over it inside a private mount namespace, so the directory only has to exist.
ftp_home="$(getent passwd ftp | cut -d: -f6)"
if [ -n "$ftp_home" ] && [ "$ftp_home" != / ] && [ ! -d "$ftp_home" ]; then
  say "mkdir $ftp_home (home of ftp)"
  mkdir -p "$ftp_home"
  chmod 755 "$ftp_home"
fi

# 6. Checks: every binary we run resolves all its libraries and starts.
for server in vsftpd proftpd pureftpd; do
  for rel in ${SERVER_BINARIES[$server]}; do
    f="$CACHE/$server/$rel"
    [ -f "$f" ] || die "$f is missing after unpacking"
    if ldd "$f" | grep -q 'not found'; then
      ldd "$f" | grep 'not found' >&2
      die "$f: shared libraries missing (see above)"
    fi
  done
done
[ -f /lib/x86_64-linux-gnu/security/pam_pwdfile.so ] || [ -f /usr/lib/x86_64-linux-gnu/security/pam_pwdfile.so ] \
  || die "pam_pwdfile.so not found after installing libpam-pwdfile"
for tool in openssl lftp curl /usr/bin/time setpriv unshare mount; do command -v "$tool" >/dev/null || die "$tool not found"; done

say "vsftpd:   $("$CACHE/vsftpd/usr/sbin/vsftpd" -v 0>&1 2>&1 | head -n1)"
say "proftpd:  $("$CACHE/proftpd/usr/sbin/proftpd" -v 2>&1 | head -n1)"
say "pureftpd: $("$CACHE/pureftpd/usr/sbin/pure-ftpd" --help 2>&1 | head -n1)"
say "lftp:     $(lftp --version | head -n1)"
say "FTP servers ready in $CACHE"
