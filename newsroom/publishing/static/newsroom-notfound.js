// The 404 page of a translation: "Read the original" leads to the same address in the
// source language (a page held back until its translation is ready is there).
(function () {
  var link = document.getElementById('newsroom-original');
  var path = window.location.pathname;
  if (link && path.indexOf(link.dataset.from) === 0) {
    link.href = link.dataset.to + path.slice(link.dataset.from.length);
  }
})();
