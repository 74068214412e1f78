#!/bin/sh
# Install the Debian packages the tests use, if missing: Chromium (browser tests),
# gettext (msgfmt, to check catalogs), a Java runtime (the Nu HTML Checker, vnu.jar),
# npm (to install the pinned axe-core, Lighthouse and vnu-jar), and
# nginx with its brotli_static and njs modules, curl and ab (apache2-utils) to serve the
# site as in production and check it (make serve-nginx, tests/test_nginx.py, bench-nginx),
# and hunspell's dictionaries (make spell).
# Needs root or sudo on a Debian machine.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v msgfmt >/dev/null 2>&1 || missing="$missing gettext"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
modules=/usr/lib/nginx/modules
[ -f $modules/ngx_http_brotli_static_module.so ] ||
  missing="$missing libnginx-mod-http-brotli-static"
[ -f $modules/ngx_http_js_module.so ] || missing="$missing libnginx-mod-http-js"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
command -v ab >/dev/null 2>&1 || missing="$missing apache2-utils"
# hunspell's English and Russian dictionaries (make spell, tests/test_spelling.py)
[ -f /usr/share/hunspell/en_US.dic ] || missing="$missing hunspell-en-us"
[ -f /usr/share/hunspell/ru_RU.dic ] || missing="$missing hunspell-ru"
[ -z "$missing" ] && exit 0
echo "Installing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
