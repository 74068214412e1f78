/* The search page: the query and filters of the URL (?q=…&year=…&tag=…&sort=newest) looked
 * up in the static index of newsroom/search/index.py. It fetches the manifest, the one shard
 * of each query word (which holds the record of that word's first result), and the records
 * of the other results it shows; everything it prints is text (textContent), never markup.
 */
"use strict";
(() => {
  // Loaded at the top of the head, bundled after the stemmer, the lookup parameters and
  // the word rules into the index folder (newsroom/search/writer.py): the query is looked
  // up while the page is still parsed, its results listed once it is.
  const script = document.currentScript;
  const base = new URL(".", script.src).href;
  const pageSize = Number(script.dataset.pageSize) || 20;
  const W = window.NewsroomWords;
  const MAX_LENGTH = 200;
  const MAX_WORDS = 10;

  const fetched = new Map();
  const load = (path) => {
    if (!fetched.has(path)) {
      const promise = fetch(base + path).then((response) => {
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      });
      promise.catch(() => fetched.delete(path));
      fetched.set(path, promise);
    }
    return fetched.get(path);
  };

  const fnv1a = (key) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  };
  const undelta = (deltas) => {
    let last = 0;
    return deltas.map((d) => (last += d));
  };

  /* A translated message with ${name} placeholders filled: as nodes, never markup. */
  const fill = (message, values) =>
    message.split(/(\$\{\w+\})/).map((part) => {
      const name = part.match(/^\$\{(\w+)\}$/)?.[1];
      const value = name && values[name];
      if (value === undefined || value === null || value === "") {
        return document.createTextNode(name ? "" : part);
      }
      return value instanceof Node ? value : document.createTextNode(String(value));
    });
  let root, form, status, suggestion, list, more; // the page's parts, once it is parsed
  const say = (nodes) => status.replaceChildren(...nodes);

  const state = () => {
    const params = new URLSearchParams(location.search);
    const query = (params.get("q") || "").slice(0, MAX_LENGTH);
    return {
      query,
      year: params.get("year") || "",
      tag: params.get("tag") || "",
      newest: params.get("sort") === "newest",
    };
  };

  const url = (s) => {
    const params = new URLSearchParams();
    if (s.query) params.set("q", s.query);
    if (s.year) params.set("year", s.year);
    if (s.tag) params.set("tag", s.tag);
    if (s.newest) params.set("sort", "newest");
    const search = params.toString();
    return search ? `?${search}` : "";
  };

  // The language switcher keeps the query and the filters (years and tag slugs are the
  // same in every language).
  const keepInSwitcher = (s) => {
    document.querySelectorAll("a[hreflang]").forEach((link) => {
      const target = new URL(link.getAttribute("href"), location.href);
      target.search = url(s);
      link.setAttribute("href", target.href);
    });
  };

  const showForm = (s) => {
    form.elements.q.value = s.query;
    if (form.elements.year) form.elements.year.value = s.year;
    if (form.elements.tag) form.elements.tag.value = s.tag;
    form.elements.sort.checked = s.newest;
  };

  const editDistanceOne = (a, b) => {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  };

  /* The indexed word one edit away from *word* (the most frequent), or null. */
  const nearest = async (manifest, word) => {
    if ([...word].length < manifest.suggestFrom || !/^\p{L}+$/u.test(word)) return null;
    for (const length of [word.length, word.length - 1, word.length + 1]) {
      if (!manifest.words.includes(length)) continue;
      const found = (await load(`w/${length}.json`)).find((w) => editDistanceOne(word, w));
      if (found) return found;
    }
    return null;
  };

  const link = (text, href) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  };

  /* About 200 characters of *text* around its first word whose stem is in *stems*, cut at
   * spaces, or null. */
  const around = (text, stems) => {
    const hit = W.ranges(text, stems)[0];
    if (!hit) return null;
    let start = Math.max(0, hit[0] - 80);
    let end = Math.min(text.length, hit[1] + 120);
    if (start > 0) {
      const space = text.indexOf(" ", start);
      start = space >= 0 && space < hit[0] ? space + 1 : hit[0];
    }
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      end = space > hit[1] ? space : hit[1];
    }
    return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
  };

  let generation = 0; // a newer search makes the results of an older one stale
  /* List the articles *ids* in order, each as soon as its record has come: from *known*
   * (the records the shards carry) at once, else from its record file. */
  const render = async (manifest, ids, stems, mine, known) => {
    const hl = `?hl=${encodeURIComponent([...stems].join(" "))}`;
    const chunk = (id) => Math.floor(id / manifest.chunk);
    const files = new Map(ids.filter((id) => !known.has(id))
      .map((id) => [chunk(id), load(`d/${chunk(id)}.json`)]));
    for (const id of ids) {
      if (!known.has(id)) {
        const rows = await files.get(chunk(id));
        if (mine !== generation) return;
        known.set(id, rows[id % manifest.chunk]);
      }
      const [href, title, date, lead] = known.get(id);
      const item = document.createElement("li");
      const heading = document.createElement("a");
      heading.className = "newsroom-search-title";
      heading.href = href + hl;
      heading.append(...W.marked(title, stems));
      const when = document.createElement("p");
      when.className = "newsroom-search-date";
      when.textContent = date;
      item.append(heading, when);
      const summary = document.createElement("p");
      summary.className = "newsroom-search-summary";
      if (lead) {
        summary.append(...W.marked(lead, stems));
        item.append(summary);
      }
      list.append(item);
      if (!W.ranges(lead, stems).length) {
        // The lead lacks the query's words: show them in the text after it, if there.
        load(`t/${chunk(id)}.json`).then((texts) => {
          const passage = around(texts[id % manifest.chunk] || "", stems);
          if (!passage || mine !== generation) return;
          summary.replaceChildren(...W.marked(passage, stems));
          item.append(summary);
        }, () => {});
      }
    }
  };

  /* The query's terms, their index entries, the matching article numbers (ranked) and the
   * stems to highlight; or a message when the query has no word to look up. */
  const lookup = async (s) => {
    const quoted = s.query.trim();
    if (!quoted) return { message: () => Documentation.gettext("Type a word to search the news.") };
    const words = [...new Set(W.tokens(quoted))];
    // The shards are fetched with the parameters bundled in this script (NewsroomIndex)
    // while the manifest (years, word lengths for suggestions) is still on its way.
    const manifestLoaded = load("manifest.json");
    const index = window.NewsroomIndex || (await manifestLoaded);
    const stop = new Set(index.stop);
    const terms = words
      .filter((w) => !stop.has(w) && ([...w].length > 1 || W.DIGITS.test(w)))
      .slice(0, MAX_WORDS);
    if (!terms.length) {
      const short = (w) => [...w].length < 2 && !W.DIGITS.test(w);
      return { message: () => (words.some((w) => !short(w))
        ? Documentation.gettext("Only very common words: add a more specific one.")
        : Documentation.gettext("Type at least two letters or a number.")) };
    }
    const entries = await Promise.all(terms.map(async (term) => {
      const key = W.stem(term);
      const shard = await load(`s/${fnv1a(key) % index.shards}.json`);
      return Object.hasOwn(shard, key) ? shard[key] : null;
    }));
    const manifest = await manifestLoaded;

    let ids = null;
    const inTitle = new Map();
    const stems = new Set();
    const known = new Map(); // article number -> its record, as the shards carry them
    entries.forEach((entry) => {
      if (!entry) return (ids = []);
      if (entry[3]) known.set(entry[3][0], entry[3][1]);
      entry[0].forEach((stem) => stems.add(stem));
      undelta(entry[1]).forEach((id) => inTitle.set(id, (inTitle.get(id) || 0) + 1));
      const all = new Set(undelta(entry[2]));
      ids = ids === null ? [...all] : ids.filter((id) => all.has(id));
    });
    if (s.year && manifest.years[s.year]) {
      const [first, end] = manifest.years[s.year];
      ids = ids.filter((id) => id >= first && id < end);
    } else if (s.year) ids = [];
    if (s.tag && ids.length) {
      const tags = await load("tags.json");
      const tagged = new Set(Object.hasOwn(tags, s.tag) ? undelta(tags[s.tag].articles) : []);
      ids = ids.filter((id) => tagged.has(id));
    }
    ids.sort(s.newest
      ? (a, b) => a - b
      : (a, b) => (inTitle.get(b) || 0) - (inTitle.get(a) || 0) || a - b);
    return { quoted, manifest, terms, entries, ids, stems, known };
  };

  /* Article numbers for a query, best first: for benchmarks and checks. */
  window.NewsroomSearch = {
    find: async (query) => (await lookup({ query: query.slice(0, MAX_LENGTH) })).ids || [],
  };

  // The page's messages are translated by Sphinx's deferred scripts (Documentation), there
  // once the page is parsed; results may be listed before that.
  const translated = new Promise((resolve) => {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", resolve, { once: true });
    } else resolve();
  });

  const search = async (s, started) => {
    list.replaceChildren();
    suggestion.hidden = true;
    suggestion.replaceChildren();
    more.hidden = true;
    const mine = ++generation;
    if (window.Documentation) say([document.createTextNode(Documentation.gettext("Searching…"))]);
    const found = await (started || lookup(s));
    if (mine !== generation) return;
    if (found.message) {
      await translated;
      return say([document.createTextNode(found.message())]);
    }
    const { quoted, manifest, terms, entries, ids, stems, known } = found;

    if (!ids.length) {
      await translated;
      if (mine !== generation) return;
      say(fill(Documentation.gettext(
        "Nothing found for «${query}». Try another word form or a shorter query."),
        { query: quoted }));
      // Every word the index lacks is corrected where a word one edit away is indexed.
      const corrections = new Map();
      for (const word of terms.filter((_t, i) => !entries[i])) {
        const better = await nearest(manifest, word);
        if (mine !== generation) return;
        if (better) corrections.set(word, better);
      }
      if (corrections.size) {
        const query = terms.map((t) => corrections.get(t) || t).join(" ");
        const corrected = { ...s, query };
        suggestion.replaceChildren(...fill(Documentation.gettext("Did you mean ${suggestion}?"),
          { suggestion: link(query, url(corrected)) }));
        suggestion.hidden = false;
      }
      return;
    }
    const counted = translated.then(() => {
      if (mine !== generation) return;
      say(fill(Documentation.ngettext(
        "Found one article for «${query}».", "Found ${count} articles for «${query}».",
        ids.length), { query: quoted, count: ids.length }));
    });
    let shown = 0;
    const showNext = async () => {
      const next = ids.slice(shown, shown + pageSize);
      const first = list.children.length;
      await render(manifest, next, stems, mine, known);
      shown += next.length;
      await counted;
      if (mine !== generation) return null;
      const left = ids.length - shown;
      more.hidden = left <= 0;
      if (left > 0) {
        more.textContent = Documentation.ngettext(
          "Show one more result", "Show ${count} more results", Math.min(pageSize, left),
        ).replace("${count}", Math.min(pageSize, left));
      }
      return list.children[first];
    };
    more.onclick = async () => (await showNext())?.querySelector("a")?.focus();
    await showNext();
  };

  let runs = 0;
  const run = (started) => {
    const s = state();
    const ticket = ++runs;
    showForm(s);
    keepInSwitcher(s);
    root.dataset.state = "searching";
    search(s, started)
      .catch(() => translated.then(() => say([document.createTextNode(Documentation.gettext(
        "The search index could not be loaded. Try again later."))])))
      .finally(() => {
        if (ticket === runs) root.dataset.state = "done";
      });
  };

  // Start now: the manifest, the query's shards and its first records.
  const first = lookup(state());
  first.then((found) => {
    (found.ids || []).slice(0, pageSize).filter((id) => !found.known.has(id)).forEach((id) => {
      load(`d/${Math.floor(id / found.manifest.chunk)}.json`).catch(() => {});
    });
  }, () => {});

  const start = () => {
    if (root) return; // started already
    root = document.getElementById("newsroom-search");
    if (!root) return;
    form = document.querySelector("form.newsroom-search-form");
    status = root.querySelector(".newsroom-search-status");
    suggestion = root.querySelector(".newsroom-search-suggestion");
    list = root.querySelector(".newsroom-search-results");
    more = root.querySelector(".newsroom-search-more");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const s = {
        query: form.elements.q.value.slice(0, MAX_LENGTH),
        year: form.elements.year?.value || "",
        tag: form.elements.tag?.value || "",
        newest: form.elements.sort.checked,
      };
      history.pushState(null, "", url(s) || location.pathname);
      run();
    });
    form.addEventListener("change", (event) => {
      if (event.target.name !== "q") form.requestSubmit();
    });
    window.addEventListener("popstate", () => run());
    run(first);
  };
  // List the results as soon as their place is parsed, not when the whole page and its
  // deferred scripts are (DOMContentLoaded); links further down are kept in step then.
  if (document.readyState === "loading") {
    const parsed = new MutationObserver(() => {
      if (document.querySelector("#newsroom-search .newsroom-search-more")) {
        parsed.disconnect();
        start();
      }
    });
    parsed.observe(document, { childList: true, subtree: true });
    document.addEventListener("DOMContentLoaded", () => {
      parsed.disconnect();
      if (root) keepInSwitcher(state());
      else start();
    });
  } else start();
})();
