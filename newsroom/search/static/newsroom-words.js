/* Words as the search index sees them (newsroom/search/analysis.py): tokens of letters and
 * digits with hyphenated runs whole, folded (lower case, "ё" as "е"), stemmed by the same
 * Snowball algorithm or suffix stripper (stemmer.js, generated with the index); and marks on
 * the words of a text whose stem is in a set, whole words only.
 */
"use strict";
window.NewsroomWords = (() => {
  const TOKEN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
  const DIGITS = /^\p{Nd}+$/u;
  const fold = (word) => word.toLowerCase().replaceAll("ё", "е");
  let stemmer = null;
  const cache = new Map();

  const stem = (word) => {
    if (DIGITS.test(word)) return word;
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmer ??= new NewsroomStemmer();
      stemmed = fold(stemmer.stemWord(word));
      cache.set(word, stemmed);
    }
    return stemmed;
  };

  /* Every stem a word is looked up by: a suffix stripper may read it more than one way
   * (newsroom/search/turkmen.py), the first its stem. */
  const stems = (word) => {
    if (DIGITS.test(word)) return [word];
    stemmer ??= new NewsroomStemmer();
    return stemmer.stems ? stemmer.stems(word).map(fold) : [stem(word)];
  };

  /* What the indexed words a word has no key of must begin with: its stem where that cuts
   * an ending of at most two letters ("бердымухамедова": бердымухамедов), else the word
   * itself ("evenness" never finds "event" by "even"); with a stripper, whose stems may
   * not begin the word (deňiz: denz), the word less its suffixes. */
  const starts = (word) => {
    stemmer ??= new NewsroomStemmer();
    if (stemmer.bare) return [fold(stemmer.bare(word))];
    return stems(word).map((s) => ([...word].length - [...s].length <= 2 ? s : word));
  };

  /* Whether *word* may be a stem typed alone ("türkmenist"): a suffix stripper reads
   * nothing off it. Its keys may then be other words' readings only ("Türkmenista-nyň"),
   * so unless a text writes it, it is also looked up by the words it begins. */
  const bareStem = (word) => {
    stemmer ??= new NewsroomStemmer();
    return Boolean(stemmer.bare) && fold(stemmer.bare(word)) === plain(word);
  };

  /* A word with the letters readers type with or without their marks read as base
   * letters (Turkmen), as the stripper reads it; else the word. */
  const plain = (word) => {
    stemmer ??= new NewsroomStemmer();
    return stemmer.plain ? stemmer.plain(word) : word;
  };

  const tokens = (text) => Array.from(text.normalize("NFC").matchAll(TOKEN), (m) => fold(m[0]));

  /* [start, end] ranges of the words of *text* (a hyphenated one whole, else its parts)
   * whose stem is in *stems*. */
  const ranges = (text, stems) => {
    const found = [];
    for (const match of text.matchAll(TOKEN)) {
      const word = fold(match[0]);
      if (stems.has(stem(word))) {
        found.push([match.index, match.index + match[0].length]);
      } else if (word.includes("-")) {
        let offset = match.index;
        for (const part of match[0].split("-")) {
          if (stems.has(stem(fold(part)))) found.push([offset, offset + part.length]);
          offset += part.length + 1;
        }
      }
    }
    return found;
  };

  /* *text* as nodes (text, and <mark> around each word whose stem is in *stems*). */
  const marked = (text, stems) => {
    const nodes = [];
    let last = 0;
    for (const [start, end] of ranges(text, stems)) {
      if (start > last) nodes.push(document.createTextNode(text.slice(last, start)));
      const mark = document.createElement("mark");
      mark.className = "newsroom-hit";
      mark.textContent = text.slice(start, end);
      nodes.push(mark);
      last = end;
    }
    if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  };

  return { fold, stem, stems, starts, bareStem, plain, tokens, ranges, marked, DIGITS, TOKEN };
})();
