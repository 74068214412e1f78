# Makefile for the bilingual news site.
#
# Every target installs what it needs into a virtual environment (.venv) first.
# Override any variable on the command line, e.g. `make html SPHINXOPTS=-v`.

PYTHON       ?= python3
VENV         ?= .venv
VENVPY        = $(VENV)/bin/python
SPHINXBUILD  ?= $(VENV)/bin/sphinx-build
SPHINXOPTS   ?=
PYTESTOPTS   ?=
SOURCEDIR     = docs
LOCALEDIR     = locale
# The interface's own catalogs (ours, and corrections to Sphinx's and furo's strings).
UILOCALEDIR   = newsroom/core/locale
BUILDDIR     ?= _build
JOBS         ?= $(shell nproc 2>/dev/null || echo 1)
# How many languages `make html` builds at once: all of them by default, so the operating
# system shares the cores among them (with JOBS at a time, a two-core machine would build
# a third language alone after the first two); LANGJOBS=1 on a machine short of memory
# (about 1.8 GB per language at 20,000 articles).
LANGJOBS     ?= $(words $(LANGUAGES))
PORT         ?= 8000
# The site's public address (conf.py's html_baseurl), e.g. BASEURL=https://news.example.com/;
# BASEURL= (empty) builds a site without absolute links, feeds or sitemaps.
BASEURL      ?=
# DRAFTS=1 also builds drafts and scheduled articles: a preview, never to publish.
DRAFTS       ?=
PREVIEW       = $(filter 1 yes true,$(DRAFTS))
# Each language is built in its workshop, $(WORKDIR)/<lang>/html (doctrees in
# $(DOCTREEDIR)/<lang>); once every language succeeded, `python -m newsroom publish` makes
# $(HTMLDIR), a symbolic link switched in one step to a new tree. A preview has its own.
SITEDIR       = $(BUILDDIR)$(if $(PREVIEW),/preview)
HTMLDIR       = $(SITEDIR)/html
WORKDIR       = $(SITEDIR)/work
DOCTREEDIR    = $(SITEDIR)/doctrees
LOCKFILE      = $(SITEDIR)/.lock
LOCKED       ?=
SLUG         ?=
DATE         ?=
NODEDIR       = tests/.node
AXE_CORE_VERSION = 4.14.1
LIGHTHOUSE_VERSION = 12.2.3
# The Nu HTML Checker (vnu.jar, run with Java by tests/test_validators.py).
VNU_JAR_VERSION = 26.9.27
NODEPACKAGES  = axe-core@$(AXE_CORE_VERSION) lighthouse@$(LIGHTHOUSE_VERSION) \
                vnu-jar@$(VNU_JAR_VERSION)
NODESTAMP     = $(NODEDIR)/.installed-$(AXE_CORE_VERSION)-$(LIGHTHOUSE_VERSION)-$(VNU_JAR_VERSION)
# A built site for screenshots and Lighthouse (built first when missing).
SHOTSDIR     ?= docs-dev/screenshots
# V=1 shows everything: Sphinx's own progress and the commands make runs. Without it,
# `make html` prints a line per language and what was published (warnings are kept apart
# in $(WORKDIR)/<lang>/warnings.txt and printed once, at the end).
V            ?=
VERBOSE       = $(filter 1 yes true,$(V))
Q             = $(if $(VERBOSE),,@)
# Warnings are errors; keep going to report all of them at once.
ALLSPHINXOPTS = -W --keep-going -c . $(SPHINXOPTS)
ifeq ($(origin BASEURL),command line)
ALLSPHINXOPTS += -D html_baseurl=$(BASEURL)
SITEROOTOPTS  = --baseurl '$(BASEURL)'
endif
ALLSPHINXOPTS += $(if $(filter 1 yes true,$(DRAFTS)),-D newsroom_show_drafts=1 -D newsroom_show_unready=1)
# The toolkit's command line; it reads conf.py the way Sphinx does.
NEWSROOM      = $(VENVPY) -m newsroom
# The same, for the commands `make html` runs once its builds started: forked off the warm
# process (newsroom/cli/warmsphinx.py sets NEWSROOM_WARM), which has imported it all.
NEWSROOMWARM  = $(or $(NEWSROOM_WARM),$(NEWSROOM))
# The commands that run before the builds (the languages, the checks): forked off the warm
# process only when a former `make html` kept it warm (WARMKEEP), as they would otherwise
# wait for it to import.
NEWSROOMCHECK = $(or $(NEWSROOM_WARM_CHECKS),$(NEWSROOM))
# Read from conf.py once, when first needed.
LANGUAGES     = $(eval LANGUAGES := $$(shell $$(NEWSROOMCHECK) languages))$(LANGUAGES)

.PHONY: help
help:
	@echo "Please use \`make <target>' where <target> is one of"
	@echo "  html        to build every language and publish the site (_build/html/<lang>/)"
	@echo "              (DRAFTS=1 previews drafts in _build/preview/html/, never published;"
	@echo "              BASEURL=https://… sets the public address; WARM=0 runs a separate"
	@echo "              sphinx-build per language instead of forking them off one process;"
	@echo "              that process is kept WARMKEEP=$(WARMKEEP) s for the next make html, 0: not)"
	@echo "  html-LANG   to build one language, unpublished, e.g. html-en (_build/work/en/html/)"
	@echo "  article     to start an article: make article SLUG=short-slug [DATE=YYYY-MM-DD]"
	@echo "  serve       to serve the published site on http://127.0.0.1:$(PORT)/"
	@echo "  serve-nginx to serve it as in production: nginx on http://127.0.0.1:$(PORT)/"
	@echo "  nginx-conf  to write the nginx configuration into $(NGINXDIR)/"
	@echo "  preview     to preview the site live: rebuilt and reloaded on every change"
	@echo "  gettext     to extract translatable messages into _build/gettext/*.pot"
	@echo "  update-po   to extract messages and update every language's catalogs (and record the"
	@echo "              addresses of translated tag labels: locale/<lang>/tag-addresses.json)"
	@echo "  add-language to add a language: make add-language LANG=de (conf.py, catalogs)"
	@echo "  check-po    to check every catalog (syntax, headers, unsafe translations) and"
	@echo "              the termbase's terms (locale/<lang>/glossary.po; STRICT=1: errors)"
	@echo "  stats       to show translation progress and words per page (STRICT=1: fail unless"
	@echo "              complete; LANG=tk: one language)"
	@echo "  todo        to list every untranslated or fuzzy message (file:line; LANG=tk)"
	@echo "  fuzzy       to list the fuzzy messages left to review (file:line)"
	@echo "  suggest     to list earlier translations for a catalog's open messages, with scores:"
	@echo "              make suggest FILE=locale/en/LC_MESSAGES/news/….po"
	@echo "  spell       to check the spelling of every translation (hunspell; a word list per"
	@echo "              language in locale/<lang>/wordlist.txt)"
	@echo "  screenshots to photograph home and an article, each language, desktop and mobile"
	@echo "  lighthouse  to score every kind of page with Lighthouse (accessibility, SEO, …)"
	@echo "  lighthouse-photo to score an added article with a 4000×3000 photo, and the home page"
	@echo "              leading with it, served by serve-nginx (mobile page weight ≤ 150 KB)"
	@echo "  icons       to draw favicon.ico and apple-touch-icon.png from EMBLEM (_static/emblem.svg)"
	@echo "  test        to run the test suite (installs Chromium for browser tests;"
	@echo "              K=search runs the matching tests, TESTJOBS=1 in one process)"
	@echo "  check-upstream to try newsroom/upstream/'s contacts with Sphinx, docutils, MyST-Parser"
	@echo "              and furo on their newest releases (a scratch venv; not part of test)"
	@echo "  bench       to benchmark builds of generated archives (BENCH_SIZES=\"100 1000\";"
	@echo "              E2E=1: make html end to end, per step, at 1,000 and 5,000 articles)"
	@echo "  bench-preview to time make preview from a saved change to the browser (PREVIEW_SIZES=1000)"
	@echo "  bench-search to compare Sphinx's search, Pagefind and ours on generated archives (SEARCH_SIZES=\"1000 5000\")"
	@echo "  bench-search-forms to measure search recall per language on word forms from our own texts (SITE=…)"
	@echo "  bench-nginx to load an article served by nginx: 50 connections, 10 s (SITE=…)"
	@echo "  bench-compress to weigh compression levels and time make html's compression (COMPRESS_ARTICLES=1000)"
	@echo "  bench-photos to time builds with one photo per article, cold and warm cache (PHOTO_ARTICLES=1000)"
	@echo "  venv        to create the virtual environment with the pinned packages"
	@echo "  clean       to remove the build tree"
	@echo "  clean-venv  to remove the virtual environment"

# -- Environment -----------------------------------------------------------------

$(VENV)/.installed-build: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENVPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed-build
	$(VENVPY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

.PHONY: venv
venv: $(VENV)/.installed-build

# -- Site ------------------------------------------------------------------------

.PHONY: html
# A catalog with an error never stops the build: check-po reports it (--report) and the
# build holds back that page in that language; `make check-po` is the gate that fails.
# Each language's build says how it ended and leaves its exit status in <workshop>/status;
# then the summary (published, held back and why, every warning once) exits 1 if a language
# failed or never said how it ended, and nothing is published.
# One build or publication at a time per build folder: a second `make html` (a second
# terminal, two CI jobs on one runner) says so and waits for the first (flock on LOCKFILE).
html: venv
	@mkdir -p $(SITEDIR) && { flock -n $(LOCKFILE) true || \
		echo "newsroom: waiting for another build in $(SITEDIR)"; }
	@mkdir -p $(SITEDIR) && flock $(LOCKFILE) $(MAKE) --no-print-directory LOCKED=1 html-locked

# Each language's sphinx-build is forked off one process that imports Sphinx, MyST-Parser,
# furo and our extensions once, while the catalogs are checked (newsroom/cli/warmsphinx.py;
# it runs sphinx-build itself if that process is gone). WARM=0, or a SPHINXBUILD of your
# own, runs sphinx-build for each language. That process is kept for the next `make html`
# until it has built nothing for WARMKEEP seconds (newsroom/cli/warmkeep.py: one per site,
# started again when our code, the packages or the environment changed); WARMKEEP=0 stops
# it with each `make html`.
WARM         ?= 1
WARMKEEP     ?= 600
WARMRUN       = $(if $(filter 1,$(WARM)),$(if $(filter command line environment,\
		$(origin SPHINXBUILD)),,$(VENVPY) -m newsroom.cli.warmsphinx run \
		$(if $(filter-out 0,$(WARMKEEP)),--keep $(WARMKEEP)) $(CURDIR) $(SPHINXBUILD)))

.PHONY: html-locked
html-locked: venv
	$(Q)$(WARMRUN) $(MAKE) --no-print-directory LOCKED=1 html-steps

.PHONY: html-steps
# The page catalogs and the interface catalogs are checked side by side (the interface's
# lines printed after the pages'), then every language is built, summed up and published.
html-steps: venv
	$(Q)$(CHECKUI) --report >$(SITEDIR)/check-ui.out 2>$(SITEDIR)/check-ui.err & ui=$$!; \
		$(CHECKPO) --report; po=$$?; wait $$ui; ui=$$?; \
		cat $(SITEDIR)/check-ui.out; cat $(SITEDIR)/check-ui.err >&2; \
		rm -f $(SITEDIR)/check-ui.out $(SITEDIR)/check-ui.err; [ $$po = 0 ] && [ $$ui = 0 ]
	$(Q)rm -f $(foreach language,$(LANGUAGES),$(WORKDIR)/$(language)/status)
	$(Q)$(MAKE) --no-print-directory -j$(LANGJOBS) WARNINGS=collect LOCKED=1 \
		$(addprefix html-,$(LANGUAGES)) || true
	$(Q)$(NEWSROOMWARM) $(SITEROOTOPTS) summary --workdir $(WORKDIR) --sitedir $(HTMLDIR) \
		$(LANGUAGES)
	$(Q)$(NEWSROOMWARM) $(SITEROOTOPTS) publish $(if $(PREVIEW),--preview) --workdir $(WORKDIR) \
		$(HTMLDIR)

.PHONY: html-%
# Quiet (Sphinx's -q) unless V=1; warnings go to <workshop>/warnings.txt, the exit status
# to <workshop>/status, and one line says how the build ended. Within `make html`
# (WARNINGS=collect) every language is built whatever the others do, and the summary
# prints each warning once, with the languages it applies to; a single language prints its
# own and exits with its status.
html-%: venv
	$(Q)mkdir -p $(WORKDIR)/$* && rm -f $(WORKDIR)/$*/status $(WORKDIR)/$*/report.json
	$(Q)$(if $(LOCKED),,flock $(LOCKFILE)) $(SPHINXBUILD) -b html $(if $(VERBOSE),,-q) \
		-D language=$* -D newsroom_workshop=1 -D newsroom_checked_by=$(CHECKPOCACHE) \
		-d $(DOCTREEDIR)/$* $(ALLSPHINXOPTS) $(SOURCEDIR) $(WORKDIR)/$*/html \
		2>$(WORKDIR)/$*/warnings.txt; \
		status=$$?; echo $$status >$(WORKDIR)/$*/status; \
		$(if $(filter collect,$(WARNINGS)),,cat $(WORKDIR)/$*/warnings.txt >&2;) \
		$(NEWSROOMWARM) progress --workdir $(WORKDIR) --status $$status $*; \
		$(if $(filter collect,$(WARNINGS)),exit 0,exit $$status)

# http.server opens each file by its path below $(HTMLDIR): a publication is served from
# the next request on.
.PHONY: serve
serve:
	@test -f $(HTMLDIR)/index.html || $(MAKE) --no-print-directory html
	$(VENVPY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTMLDIR)

# As in production: Debian's nginx with the generated configuration (language choice at /,
# 404 pages, precompressed files, caching and security headers), in the foreground, as the
# current user, with its prefix in $(NGINXDIR). BASEURL= as for `make html`.
NGINX        ?= nginx
NGINXDIR      = $(SITEDIR)/nginx

.PHONY: nginx-conf
nginx-conf: venv
	$(NEWSROOM) $(SITEROOTOPTS) nginx-conf --root $(HTMLDIR) --listen 127.0.0.1:$(PORT) \
		--access-log /dev/stdout $(NGINXDIR)

.PHONY: serve-nginx
serve-nginx: system-packages nginx-conf
	@test -f $(HTMLDIR)/index.html || $(MAKE) --no-print-directory html
	@echo "Serving $(HTMLDIR) on http://127.0.0.1:$(PORT)/ (Ctrl-C stops nginx)"
	$(NGINX) -p $(NGINXDIR) -c nginx.conf -e stderr -g 'daemon off;'

# A live preview, never the published site: rebuilt in $(BUILDDIR)/live on every change to
# the sources, catalogs, templates or config, and reloaded in the browser (DRAFTS=1: drafts).
.PHONY: preview
preview: venv
	$(NEWSROOM) $(SITEROOTOPTS) preview --port $(PORT) --builddir $(BUILDDIR)/live \
		$(if $(PREVIEW),--drafts)

.PHONY: article
article: venv
	$(NEWSROOM) article --docs $(SOURCEDIR) $(if $(DATE),--date '$(DATE)') -- '$(SLUG)'

# -- Translation -----------------------------------------------------------------

.PHONY: gettext
gettext: venv
	rm -rf $(BUILDDIR)/gettext
	$(NOLANG) $(SPHINXBUILD) -b gettext -E -d $(BUILDDIR)/doctrees/gettext $(ALLSPHINXOPTS) \
		$(SOURCEDIR) $(BUILDDIR)/gettext

.PHONY: update-po
update-po: gettext
	$(NEWSROOM) update-po --pot-dir $(BUILDDIR)/gettext --locale-dir $(LOCALEDIR)
	$(NEWSROOM) update-ui --ui-locale-dir $(UILOCALEDIR)

# LANG is also the locale's variable: only a LANG given on the command line names the new
# language, and it is taken out of the tools' environment (no locale "de" for Python).
.PHONY: add-language
add-language: venv
	$(if $(filter command line,$(origin LANG)),,$(error usage: make add-language LANG=<code>))
	env -u LANG $(NEWSROOM) add-language --docs $(SOURCEDIR) --locale-dir $(LOCALEDIR) \
		--ui-locale-dir $(UILOCALEDIR) -- '$(LANG)'

# The translators' and CI's gate: exit status 1 on any error (`make html` only reports).
# check-po's record of the catalogs it found clean: the builds do not check those again.
CHECKPOCACHE  = $(abspath $(BUILDDIR)/check-po.json)
CHECKPO       = $(NEWSROOMCHECK) check-po --locale-dir $(LOCALEDIR) --cache $(CHECKPOCACHE)
CHECKUI       = $(NEWSROOMCHECK) check-po --locale-dir $(UILOCALEDIR) \
		--cache $(BUILDDIR)/check-ui.json --interface $(LANGUAGES)

.PHONY: check-po
check-po: venv
	$(Q)$(CHECKPO) $(if $(filter 1 yes true,$(STRICT)),--strict)
	$(Q)$(CHECKUI)

POOPTS = --pot-dir $(BUILDDIR)/gettext --locale-dir $(LOCALEDIR)
# `make stats LANG=tk` (todo, fuzzy): one language. As for add-language, only a LANG given
# on the command line counts, and it is taken out of the tools' environment.
ONLYLANG      = $(if $(filter command line,$(origin LANG)),$(LANG))
NOLANG        = $(if $(ONLYLANG),env -u LANG)
POTOOL        = $(NOLANG) $(NEWSROOM)

.PHONY: stats
stats: gettext
	$(POTOOL) stats $(POOPTS) $(if $(filter 1 yes true,$(STRICT)),--strict) $(ONLYLANG)
	$(POTOOL) stats --locale-dir $(UILOCALEDIR) $(if $(filter 1 yes true,$(STRICT)),--strict) \
		$(or $(ONLYLANG),$(LANGUAGES))

.PHONY: todo
todo: gettext
	$(POTOOL) todo $(POOPTS) $(ONLYLANG)
	$(POTOOL) todo --locale-dir $(UILOCALEDIR) $(or $(ONLYLANG),$(LANGUAGES))

.PHONY: fuzzy
fuzzy: gettext
	$(POTOOL) fuzzy $(POOPTS) $(ONLYLANG)
	$(POTOOL) fuzzy --locale-dir $(UILOCALEDIR) $(or $(ONLYLANG),$(LANGUAGES))

# The translation memory's candidates for each untranslated or fuzzy message of FILE.
FILE         ?=
.PHONY: suggest
suggest: venv
	$(if $(FILE),,$(error usage: make suggest FILE=locale/<lang>/LC_MESSAGES/<page>.po))
	$(NEWSROOM) suggest -- '$(FILE)'

# Every translated message (page and interface catalogs) through hunspell: Debian's
# dictionaries (hunspell-en-us, hunspell-ru); a language without one is named and skipped.
.PHONY: spell
spell: venv
	$(NEWSROOM) spell --locale-dir $(LOCALEDIR) $(LANGUAGES) && \
		$(NEWSROOM) spell --interface --locale-dir $(UILOCALEDIR) $(LANGUAGES)

# -- Tests -----------------------------------------------------------------------

.PHONY: system-packages
system-packages:
	@sh tests/ensure-system-packages.sh

# The contact points with Sphinx, docutils, MyST-Parser and furo (newsroom/upstream/) tried
# on the newest releases the package index resolves together, in a scratch environment;
# prints per contact: held, switched off or broken. Not part of `make test`.
UPSTREAM_VENV     ?= $(BUILDDIR)/upstream/venv
UPSTREAM_PACKAGES ?= sphinx docutils myst-parser furo
.PHONY: check-upstream
check-upstream: system-packages
	rm -rf $(UPSTREAM_VENV)
	$(PYTHON) -m venv $(UPSTREAM_VENV)
	$(UPSTREAM_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
		-r requirements-test.txt
	$(UPSTREAM_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade \
		$(UPSTREAM_PACKAGES)
	$(UPSTREAM_VENV)/bin/python -m newsroom.upstream.check \
		--report $(BUILDDIR)/upstream/junit.xml $(PYTESTOPTS)

.PHONY: test
# K=expression runs the matching tests only (pytest -k), e.g. `make test K=search`;
# TESTJOBS=n runs the test files in n processes (pytest-xdist; TESTJOBS=1: one process).
K            ?=
TESTJOBS     ?= $(JOBS)
test: $(VENV)/.installed-test system-packages
	WARMKEEP=0 $(VENVPY) -m pytest $(if $(filter-out 1,$(TESTJOBS)),-n $(TESTJOBS) --dist loadfile) \
		$(if $(K),-k '$(K)') $(PYTESTOPTS) tests

# axe-core (accessibility checks in Chromium), Lighthouse and the Nu HTML Checker, pinned,
# from the npm registry in one install (npm drops what a later --no-save install does not
# name).
test: $(NODESTAMP)
$(NODESTAMP): | system-packages
	mkdir -p $(NODEDIR) && printf '*\n' > $(NODEDIR)/.gitignore
	npm install --prefix $(NODEDIR) --no-save --no-audit --no-fund --loglevel=error \
		$(NODEPACKAGES)
	touch $@

# -- Design ----------------------------------------------------------------------

# Home and an article in every language, desktop (1366 px) and mobile (390 px), in headless
# Chromium, into $(SHOTSDIR)/ (the README shows them). SITE=… names another built site.
.PHONY: screenshots
screenshots: $(VENV)/.installed-test system-packages
	@test -f $(SITE)/index.html || $(MAKE) --no-print-directory html
	$(VENVPY) -m benchmarks.screenshots $(SITE) --out $(SHOTSDIR) --languages $(LANGUAGES)

# The raster icons of the emblem (after replacing it): favicon.ico and apple-touch-icon.png
# beside it, drawn by headless Chromium.
EMBLEM       ?= _static/emblem.svg

.PHONY: icons
icons: $(VENV)/.installed-test system-packages
	$(VENVPY) -m benchmarks.icons $(EMBLEM)

# Lighthouse scores of every kind of page (home, news index, article, tag page, search), each
# language, desktop and mobile (`make test` scores a representative five); exit status 1
# below accessibility 100, SEO 100, best practices 95.
.PHONY: lighthouse
lighthouse: $(VENV)/.installed-test system-packages $(NODESTAMP)
	@test -f $(SITE)/index.html || $(MAKE) --no-print-directory html
	$(VENVPY) -m benchmarks.lighthouse $(SITE) --languages $(LANGUAGES)

# Lighthouse on a copy of the site with one more (synthetic) article whose lead image is a
# generated 4,000×3,000 photo, smooth and detailed, built by make html and served by
# make serve-nginx: article and home page, mobile and desktop; exit status 1 below 100 or
# above 150 KB transferred on mobile.
.PHONY: lighthouse-photo
lighthouse-photo: $(VENV)/.installed-test system-packages $(NODESTAMP)
	$(VENVPY) -m benchmarks.photolighthouse

# -- Benchmark -------------------------------------------------------------------

# Numbers of generated articles; see `python -m benchmarks.bench --help` for more options.
# E2E=1 times `make html` itself instead, per step, clean and after each kind of change
# (BENCH_REPEAT runs of each), beside plain Sphinx and Hugo (python -m benchmarks.endtoend).
BENCH_SIZES  ?= $(if $(E2E),1000 5000,100 1000)
BENCH_REPEAT ?= 5
E2E          ?=

.PHONY: bench
bench: venv
	$(VENVPY) -m benchmarks.$(if $(filter 1 yes true,$(E2E)),endtoend --repeat $(BENCH_REPEAT),bench) \
		--sizes $(BENCH_SIZES)

# Seconds from saving a catalog or an article to Chromium showing it, in make preview.
PREVIEW_SIZES ?= 1000
.PHONY: bench-preview
bench-preview: $(VENV)/.installed-test system-packages
	$(VENVPY) -m benchmarks.previewbench --sizes $(PREVIEW_SIZES)

# A built site, for the benchmarks that serve one (SITE=…).
SITE ?= $(BUILDDIR)/html

# Numbers of generated articles for the search comparison (Chromium, Pagefind, pymorphy3).
SEARCH_SIZES ?= 1000
.PHONY: bench-search
bench-search: $(VENV)/.installed-test system-packages
	$(VENVPY) -m benchmarks.searchbench --sizes $(SEARCH_SIZES)

# Search recall per language on word forms from our own texts, and false hits, on the
# built site (SITE=…) in Chromium.
.PHONY: bench-search-forms
bench-search-forms: html $(VENV)/.installed-test system-packages
	$(VENVPY) -m benchmarks.searchbench_languages --site $(SITE)

# nginx serving SITE on loopback, loaded by ab: requests per second and p99 latency.
.PHONY: bench-nginx
bench-nginx: venv system-packages
	$(VENVPY) -m benchmarks.nginxbench $(SITEROOTOPTS) $(SITE)

# Bytes saved against CPU spent per gzip/brotli level and kind of file, and compression's
# share of a clean make html, on a generated archive in three languages.
COMPRESS_ARTICLES ?= 1000
.PHONY: bench-compress
bench-compress: venv
	$(VENVPY) -m benchmarks.compressbench --articles $(COMPRESS_ARTICLES)

# Builds of a generated archive with one photo per article: without photos, with a cold
# and a warm image cache, and after a text edit that touches no photo.
PHOTO_ARTICLES ?= 1000
.PHONY: bench-photos
bench-photos: venv
	$(VENVPY) -m benchmarks.photobench --sizes $(PHOTO_ARTICLES)

# -- Cleaning --------------------------------------------------------------------

.PHONY: clean
clean:
	rm -rf $(BUILDDIR)

.PHONY: clean-venv
clean-venv:
	rm -rf $(VENV)
