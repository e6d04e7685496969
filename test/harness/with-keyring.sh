#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keychain tests talk
# to a real Secret Service without touching the user's own keyring. HOME and XDG_* point at a temp dir.
set -euo pipefail
tmp=$(mktemp -d -t cxone-keyring-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/run" "$tmp/data" "$tmp/config" "$tmp/cache"
chmod 700 "$tmp/run"
export KEYRING_TEST_HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
# HOME stays the user's so npm/npx caches still work; the keyring lives under XDG_DATA_HOME.
exec dbus-run-session -- bash -c 'eval "$(printf cxone-test | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"; export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK; export CXONE_TEST_KEYRING=1; "$@"' _ "$@" 2> >(grep -v "Failed to set fd limit" >&2)
