#!/bin/sh
# Install the Debian packages the tests use, if missing: Chromium (browser tests)
# and gettext (msgfmt, to check catalogs). Needs root or sudo on a Debian machine.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
