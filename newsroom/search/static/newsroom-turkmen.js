/* The Turkmen suffix stripper of newsroom/search/turkmen.py, the same loop over the same
 * rules (NewsroomTurkmenRules, written before this by the index's writer): a word's stems,
 * the first one the word is marked by, all of them looked up.
 */
"use strict";
var NewsroomStemmer = function () {
  const R = NewsroomTurkmenRules;
  // "y" after another vowel is the consonant "ý" read without its mark.
  const vowel = (word, i) => R.vowels.includes(word[i])
    && !(word[i] === "y" && i > 0 && R.vowels.includes(word[i - 1]) && word[i - 1] !== "y");
  const hasVowel = (word, end = word.length) => {
    for (let i = 0; i < end; i++) if (vowel(word, i)) return true;
    return false;
  };
  const harmonic = (stem, suffix) => {
    let last = "";
    for (let i = stem.length - 1; i >= 0 && !last; i--) if (vowel(stem, i)) last = stem[i];
    const front = [...suffix].some((c) => "ei".includes(c));
    const back = [...suffix].some((c) => "ay".includes(c)) && !front;
    return !(back && last && "ei".includes(last)) && !(front && last === "y");
  };
  const fits = (stem, condition) => {
    if (stem.length < R.min || !hasVowel(stem)) return false;
    const last = vowel(stem, stem.length - 1);
    if (condition === "V") return last;
    if (condition === "C") return !last;
    if (condition === "P") return last && R.narrow.includes(stem[stem.length - 1]);
    if (condition === "3") return stem.length >= 3 && last;
    return true;
  };
  const slots = (word, number) => {
    if (number === R.slots.length) return [word];
    const left = [];
    for (const [suffix, condition] of R.slots[number]) {
      const rest = word.slice(0, -suffix.length);
      if (word.endsWith(suffix) && fits(rest, condition) && harmonic(rest, suffix)) {
        left.push(...slots(rest, number + 1));
      }
    }
    return left.concat(slots(word, number + 1));
  };
  const finish = (word) => {
    if (vowel(word, word.length - 1) && fits(word.slice(0, -1), "")) word = word.slice(0, -1);
    const end = word[word.length - 1];
    if (Object.hasOwn(R.devoiced, end) && word.length > R.min) {
      word = word.slice(0, -1) + R.devoiced[end];
    }
    const n = word.length;
    if (n >= 4 && R.narrow.includes(word[n - 2]) && vowel(word, n - 2) && !vowel(word, n - 1)
        && !vowel(word, n - 3) && hasVowel(word, n - 3)) {
      word = word.slice(0, n - 2) + word[n - 1];
    }
    return word;
  };
  const cache = new Map();
  // The word's marked letters read as base letters.
  this.plain = (word) => Array.from(word, (c) => R.letters[c] ?? c).join("");
  this.stems = (word) => {
    let found = cache.get(word);
    if (found === undefined) {
      const plain = this.plain(word);
      found = /^\p{L}+$/u.test(plain) ? [...new Set(slots(plain, 0).map(finish))] : [plain];
      cache.set(word, found);
    }
    return found;
  };
  this.stemWord = (word) => this.stems(word)[0];
  // The word without its suffixes, before the final rules: what words it begins must begin with.
  this.bare = (word) => {
    const plain = this.plain(word);
    return /^\p{L}+$/u.test(plain) ? slots(plain, 0)[0] : plain;
  };
};
