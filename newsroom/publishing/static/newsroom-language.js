/* A reader's choice in the language switcher is remembered for a year (a cookie): a server
 * that chooses the language of the site root (the generated nginx configuration) then
 * prefers it to the browser's Accept-Language. */
"use strict";
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[hreflang]");
  if (!link) {
    return;
  }
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `newsroom_lang=${encodeURIComponent(link.hreflang)}; Path=/; ` +
    `Max-Age=31536000; SameSite=Lax${secure}`;
});
