/* On a page opened from a search result (?hl=<stems>), mark every word of the article whose
 * stem is one of the result's: every form of the query's words, whole words only. The
 * stemmer and the word rules load only then (newsroom-words.js, the index's stemmer.js).
 */
"use strict";
(() => {
  const wanted = new URLSearchParams(location.search).get("hl");
  if (!wanted) return;
  const stems = new Set(wanted.split(/\s+/).filter((s) => s && s.length <= 60).slice(0, 200));
  const main = document.querySelector("article[role=main], [role=main], main");
  if (!stems.size || !main) return;
  const root = document.documentElement.dataset.content_root ?? "";
  const script = (src) => new Promise((resolve, reject) => {
    const element = document.createElement("script");
    element.src = root + src;
    element.onload = resolve;
    element.onerror = reject;
    document.head.append(element);
  });
  const SKIP = "script, style, mark, textarea, .newsroom-meta, nav";

  const highlight = () => {
    const W = window.NewsroomWords;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest(SKIP)
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const node of texts) {
      if (!W.ranges(node.data, stems).length) continue;
      node.replaceWith(...W.marked(node.data, stems));
    }
    const style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = `${root}_static/newsroom-search.css`;
    document.head.append(style);
    main.querySelector("mark.newsroom-hit")?.scrollIntoView({ block: "center" });
    document.documentElement.dataset.newsroomHighlighted = "yes";
  };

  const start = () => {
    const ready = window.NewsroomWords
      ? Promise.resolve()
      : script("_static/newsroom-search/stemmer.js").then(() => script("_static/newsroom-words.js"));
    ready.then(highlight, () => {});
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
