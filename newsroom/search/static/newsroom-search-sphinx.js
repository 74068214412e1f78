/* Search results in pages: the best results at once, then more on request; and
 * summaries without the page furniture.
 *
 * Sphinx lists every result one by one, 5 ms apart, and fetches each page for its
 * summary: a word found in 2,000 articles keeps the list growing for half a minute.
 * This lists the best `data-page-size` results at once (same order, same markup) and
 * puts a button after them for the next ones. A page size of 0 keeps Sphinx's own way.
 */
"use strict";
(() => {
  const pageSize = Number(document.currentScript?.dataset.pageSize ?? 20);

  // A result's summary is cut from the page's main content: leave out our page furniture
  // there (language links, publication date, tags, notices: class "newsroom-meta").
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll(".newsroom-meta").forEach((element) => element.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };

  const sphinxReady =
    typeof _displayItem === "function" && typeof _finishSearch === "function";
  if (!pageSize || !sphinxReady) return;

  const moreLabel = (left) =>
    Documentation.ngettext(
      "Show one more result",
      "Show ${count} more results",
      left,
    ).replace("${count}", left);

  Search.query = (query) => {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] =
      Search._parseQuery(query);
    // The best result is last: Sphinx's own list pops its results from the end.
    const results = Search._performSearch(
      searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms,
    );
    const total = results.length;
    const button = document.createElement("button");
    button.type = "button";
    button.classList.add("newsroom-search-more");

    const showNext = () => {
      const shown = Search.output.children.length;
      results
        .splice(-pageSize)
        .reverse()
        .forEach((item) => _displayItem(item, searchTerms, highlightTerms));
      if (results.length) {
        button.textContent = moreLabel(Math.min(pageSize, results.length));
        if (!button.isConnected) Search.output.after(button);
      } else button.remove();
      return Search.output.children[shown];
    };

    button.addEventListener("click", () => {
      // Keyboard and screen-reader users go on from the first new result.
      showNext()?.querySelector("a")?.focus();
    });
    showNext();
    _finishSearch(total);
  };
})();
