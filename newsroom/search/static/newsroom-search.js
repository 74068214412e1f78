/* The search page: the query and filters of the URL (?q=…&year=…&tag=…&sort=newest) looked
 * up in the static index of newsroom/search/index.py. It fetches the one shard of each query
 * word (which holds the record of that word's first result), then the records of the other
 * results it shows, and the manifest only for a year; everything it prints is text
 * (textContent), never markup.
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
  const MAX_KEYS = 24; // the keys of the words a stem begins, looked up at most

  // An index file, parsed, fetched once. With XMLHttpRequest, not fetch(): while the page
  // is still loading, Chromium hands a fetch()'s body to the page 25-60 ms after its
  // headers (behind the page's own parsing and rendering), an XMLHttpRequest's at once.
  const fetched = new Map();
  const get = (path) => new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("GET", base + path);
    request.responseType = "json";
    request.onload = () => {
      if (request.status >= 200 && request.status < 300 && request.response !== null) {
        resolve(request.response);
      } else reject(new Error(`${path}: ${request.status}`));
    };
    request.onerror = request.onabort = () => reject(new Error(`${path}: not loaded`));
    request.send();
  });
  const load = (path) => {
    if (!fetched.has(path)) {
      const promise = get(path);
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
  /* The next task: what is listed so far can be shown before more is fetched. */
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
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

  /* The indexed word one edit away from *word* (the most frequent of the same length, else
   * of one letter less, else more), or null, marked letters read as typed without their
   * marks ("Turkmenistam": "Türkmenistan"). The three lists are fetched together. */
  const nearest = async (index, word) => {
    if ([...word].length < index.suggestFrom || !/^\p{L}+$/u.test(word)) return null;
    const lists = [word.length, word.length - 1, word.length + 1]
      .filter((length) => index.words.includes(length))
      .map((length) => load(`w/${length}.json`));
    for (const list of lists) {
      const typed = W.plain(word);
      const found = (await list).find((w) => editDistanceOne(typed, W.plain(w)));
      if (found) return found;
    }
    return null;
  };

  /* *word* in the casing of *like*: all capitals, a capital first, or as it is. */
  const cased = (like, word) => {
    const letters = [...like];
    if (letters.length > 1 && like === like.toUpperCase() && like !== like.toLowerCase()) {
      return word.toUpperCase();
    }
    const first = letters[0];
    if (first !== first.toLowerCase()) {
      const [head, ...rest] = [...word];
      return head.toUpperCase() + rest.join("");
    }
    return word;
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

  /* A result: its linked title, the query's words marked, and a line under it (the
   * article's date, a tag's number of articles). */
  const resultItem = (href, title, stems, line) => {
    const item = document.createElement("li");
    const heading = document.createElement("a");
    heading.className = "newsroom-search-title news-title";
    heading.href = `${href}?hl=${encodeURIComponent([...stems].join(" "))}`;
    heading.append(...W.marked(title, stems));
    const under = document.createElement("p");
    under.className = "newsroom-search-date";
    under.textContent = line;
    item.append(heading, under);
    return item;
  };

  /* A tag's page as a result, from what the shards carry: its title at once, its number
   * of articles once the page's translations have come. */
  const tagItem = ([href, title, count], stems, mine) => {
    const item = resultItem(href, title, stems, "");
    item.className = "newsroom-search-tag";
    translated.then(() => {
      if (mine !== generation) return;
      item.lastChild.textContent = Documentation.ngettext(
        "One article", "${count} articles", count).replace("${count}", count);
    });
    return item;
  };

  /* List the articles *ids* in order, each as soon as its record has come: from *known*
   * (the records the shards carry) at once, else from its record file; those files are
   * fetched in the next task, so the results listed at once are shown first. */
  const render = async (index, ids, stems, mine, known) => {
    const chunk = (id) => Math.floor(id / index.chunk);
    let files = null;
    for (const id of ids) {
      if (!known.has(id)) {
        if (!files) {
          await nextTask();
          if (mine !== generation) return;
          files = new Map(ids.filter((other) => !known.has(other))
            .map((other) => [chunk(other), load(`d/${chunk(other)}.json`)]));
        }
        const rows = await files.get(chunk(id));
        if (mine !== generation) return;
        known.set(id, rows[id % index.chunk]);
      }
      const [href, title, date, lead] = known.get(id);
      const item = resultItem(href, title, stems, date);
      const summary = document.createElement("p");
      summary.className = "newsroom-search-summary";
      if (lead) {
        summary.append(...W.marked(lead, stems));
        item.append(summary);
      }
      list.append(item);
      if (!W.ranges(lead, stems).length) {
        // The lead lacks the query's words: show them in the text after it, if there.
        nextTask().then(() => load(`t/${chunk(id)}.json`)).then((texts) => {
          const passage = around(texts[id % index.chunk] || "", stems);
          if (!passage || mine !== generation) return;
          summary.replaceChildren(...W.marked(passage, stems));
          item.append(summary);
        }, () => {});
      }
    }
  };

  /* A key's entry in its shard, or null. */
  const entryOf = async (index, key) => {
    const shard = await load(`s/${fnv1a(key) % index.shards}.json`);
    return Object.hasOwn(shard, key) ? shard[key] : null;
  };
  /* The keys a word is looked up by: its stems, another spelling of a name read as it. */
  const keysOf = (index, word) => [...new Set(W.stems(word).map((stem) =>
    (index.aliases && Object.hasOwn(index.aliases, stem) ? index.aliases[stem] : stem)))];
  const delta = (numbers) => numbers.map((n, i) => n - (i ? numbers[i - 1] : 0));
  const union = (lists) => [...new Set(lists.flat())].sort((a, b) => a - b);
  /* One entry for several keys (a word read more than one way, or the words beginning
   * with it): the articles of any, the stems of all, each one's first record. */
  const merge = (found) => (found.length === 1 ? found[0] : [
    [...new Set(found.flatMap((entry) => entry[0]))],
    delta(union(found.map((entry) => undelta(entry[1])))),
    delta(union(found.map((entry) => undelta(entry[2])))),
    found[0][3],
    [...new Map(found.flatMap((entry) => entry[4]).map((tag) => [tag[0], tag])).values()]
      .sort((a, b) => b[2] - a[2]),
    found.map((entry) => entry[3]).filter(Boolean),
  ]);
  /* The indexed words (plain letters) that begin with *term*'s stem (W.starts) of at
   * least prefixFrom letters, the most frequent first. */
  const prefixed = async (index, term) => {
    const starts = W.starts(term).filter((stem) => [...stem].length >= index.prefixFrom);
    const words = new Set();
    for (const start of starts) {
      const head = [...start].slice(0, index.prefixFrom).join("");
      const file = await load(`p/${fnv1a(head) % index.prefixes}.json`);
      (Object.hasOwn(file, head) ? file[head] : [])
        .filter((word) => word.startsWith(start)).forEach((word) => words.add(word));
    }
    return [...words];
  };
  /* *term*'s entry: the keys of its stems, or else of the indexed words that begin with
   * its stem (a stem typed alone, a name in a form the index lacks); or null. A stem from
   * which a suffix stripper reads nothing ("türkmenist") that no text writes has keys from
   * other words' readings only ("Türkmenista-nyň"): the words it begins are added. */
  const find = async (index, term) => {
    const prefixes = index.prefixes && [...term].length >= index.prefixFrom
      && !W.DIGITS.test(term);
    const keys = keysOf(index, term);
    const [keyed, begun] = await Promise.all([
      Promise.all(keys.map((key) => entryOf(index, key))),
      prefixes && W.bareStem(term) ? prefixed(index, term) : null]);
    let found = keyed.filter(Boolean);
    let words = [];
    if (!found.length && prefixes) words = begun || (await prefixed(index, term));
    else if (begun && !begun.includes(W.plain(term))) words = begun;
    if (words.length) {
      const more = [...new Set(words.flatMap((word) => keysOf(index, word)))]
        .filter((key) => !keys.includes(key)).slice(0, MAX_KEYS);
      found = found.concat(
        (await Promise.all(more.map((key) => entryOf(index, key)))).filter(Boolean));
    }
    return found.length ? merge(found) : null;
  };

  /* The query's terms, their index entries, the matching article numbers (ranked) and the
   * stems to highlight; or a message when the query has no word to look up. */
  const lookup = async (s) => {
    const quoted = s.query.trim();
    if (!quoted) return { message: () => Documentation.gettext("Type a word to search the news.") };
    const words = [...new Set(W.tokens(quoted))];
    // The shards are fetched with the parameters bundled in this script (NewsroomIndex);
    // the manifest is needed only for a year.
    const index = window.NewsroomIndex || (await load("manifest.json"));
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
    // A year's range of numbers and a tag's articles come with the shards, not after.
    const yearsLoaded = s.year ? load("manifest.json") : null;
    const tagsLoaded = s.tag ? load("tags.json") : null;
    const entries = await Promise.all(terms.map((term) => find(index, term)));

    let ids = null;
    const inTitle = new Map();
    const stems = new Set();
    const known = new Map(); // article number -> its record, as the shards carry them
    entries.forEach((entry) => {
      if (!entry) return (ids = []);
      (entry[5] || [entry[3]]).forEach((first) => first && known.set(first[0], first[1]));
      entry[0].forEach((stem) => stems.add(stem));
      undelta(entry[1]).forEach((id) => inTitle.set(id, (inTitle.get(id) || 0) + 1));
      const all = new Set(undelta(entry[2]));
      ids = ids === null ? [...all] : ids.filter((id) => all.has(id));
    });
    if (s.year && ids.length) {
      const { years } = await yearsLoaded;
      const [first, end] = Object.hasOwn(years, s.year) ? years[s.year] : [0, 0];
      ids = ids.filter((id) => id >= first && id < end);
    }
    if (s.tag && ids.length) {
      const tags = await tagsLoaded;
      const tagged = new Set(Object.hasOwn(tags, s.tag) ? undelta(tags[s.tag].articles) : []);
      ids = ids.filter((id) => tagged.has(id));
    }
    // Articles are numbered oldest first: the newest has the highest number.
    ids.sort(s.newest
      ? (a, b) => b - a
      : (a, b) => (inTitle.get(b) || 0) - (inTitle.get(a) || 0) || b - a);
    // The tag pages whose label has every word of the query, unless a filter is chosen.
    let tags = [];
    if (!s.year && !s.tag && ids.length) {
      const each = entries.map((entry) => new Set(entry[4].map(([href]) => href)));
      tags = entries[0][4].filter(([href]) => each.every((hrefs) => hrefs.has(href)));
    }
    return { quoted, index, terms, entries, ids, stems, known, tags };
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
    const { quoted, index, terms, entries, ids, stems, known, tags } = found;

    if (!ids.length) {
      // Every word the index lacks is corrected where a word one edit away is indexed.
      const missing = terms.filter((_t, i) => !entries[i]);
      const suggested = Promise.all(missing.map((word) => nearest(index, word)));
      await translated;
      if (mine !== generation) return;
      say(fill(Documentation.gettext(
        "Nothing found for “${query}”. Try another word form or a shorter query."),
        { query: quoted }));
      const better = await suggested;
      if (mine !== generation) return;
      const corrections = new Map(missing.map((word, i) => [word, better[i]])
        .filter(([, word]) => word));
      if (corrections.size) {
        // The reader's words, each missing one corrected in the reader's casing.
        const query = Array.from(quoted.normalize("NFC").matchAll(W.TOKEN), ([typed]) => {
          const word = corrections.get(W.fold(typed));
          return word ? cased(typed, word) : typed;
        }).join(" ");
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
        "Found one article for “${query}”.", "Found ${count} articles for “${query}”.",
        ids.length), { query: quoted, count: ids.length }));
    });
    list.append(...tags.map((tag) => tagItem(tag, stems, mine))); // before the articles
    let shown = 0;
    const showNext = async () => {
      const next = ids.slice(shown, shown + pageSize);
      const first = list.children.length;
      await render(index, next, stems, mine, known);
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

  // Start now: the query's shards. The records of its other results are asked for once
  // what the shards carry is listed (render), so those requests never hold it back.
  const first = lookup(state());

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
