/* The language of the site root "/", for nginx's JavaScript module (njs, `js_set`):
 * the reader's own choice in the language switcher (a cookie) if it names a published
 * language; else the published language the Accept-Language header prefers, by its
 * q-values (RFC 9110 §12.5.4: each language takes the quality of the most specific range
 * that matches it, "en-US" and "en" match "en", "*" the languages no range names; equal
 * qualities go to the range listed first); else the source language.
 * nginx gives the languages, source first, in $newsroom_languages and the cookie's name in
 * $newsroom_language_cookie (both `js_var`). */

const TAG = /^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/;
const QUALITY = /^\s*q\s*=\s*(0(\.[0-9]{0,3})?|1(\.0{0,3})?)\s*$/i;

/* The header's ranges (njs 0.7 has no for…of) as {tag, q, index}; a range with a malformed tag or q is ignored. */
function ranges(header) {
    const found = [];
    header.split(',').forEach((item, index) => {
        const parts = item.split(';');
        const tag = parts[0].trim().toLowerCase();
        if (!TAG.test(tag)) {
            return;
        }
        let q = 1;
        for (let i = 1; i < parts.length; i++) {
            const match = QUALITY.exec(parts[i]);
            if (match) {
                q = parseFloat(match[1]);
            } else if (/^\s*q\s*=/i.test(parts[i])) {
                return;  // a malformed quality
            }
        }
        found.push({tag: tag, q: q, index: index});
    });
    return found;
}

function matches(tag, code) {
    return tag === code || tag.startsWith(code + '-') || code.startsWith(tag + '-');
}

/* The language of `languages` (source first) that `header` prefers. */
function negotiate(header, languages) {
    const all = ranges(header || '');
    const star = all.find((range) => range.tag === '*');
    let best = null;
    languages.forEach((language, order) => {
        const code = language.toLowerCase();
        let chosen = null;
        all.forEach((range) => {
            if (range.tag !== '*' && matches(range.tag, code)
                    && (chosen === null || range.tag.length > chosen.tag.length)) {
                chosen = range;
            }
        });
        chosen = chosen || star;
        if (!chosen || chosen.q <= 0) {
            return;
        }
        const rank = [chosen.q, -chosen.index, -order];
        if (best === null || rank[0] > best.rank[0]
                || (rank[0] === best.rank[0] && (rank[1] > best.rank[1]
                    || (rank[1] === best.rank[1] && rank[2] > best.rank[2])))) {
            best = {language: language, rank: rank};
        }
    });
    return best ? best.language : languages[0];
}

function language(r) {
    const languages = r.variables.newsroom_languages.split(' ');
    const chosen = r.variables['cookie_' + r.variables.newsroom_language_cookie];
    if (chosen && languages.indexOf(chosen) !== -1) {
        return chosen;
    }
    return negotiate(r.headersIn['Accept-Language'], languages);
}

export default {language: language, negotiate: negotiate};
