/* make preview: reload the page once its language is rebuilt; show that language's build
 * and catalog errors over the page until they are fixed. Never published. Every text shown
 * comes from files being edited, so it is set as text (textContent), never as markup. */
(function () {
  'use strict';
  var script = document.currentScript;
  var language = script.getAttribute('data-lang') || '';
  var served = script.getAttribute('data-version');
  var STATE = '/__newsroom_preview__/state?lang=' + encodeURIComponent(language);
  var ID = 'newsroom-preview-overlay';
  var shown = '';      // the problems the overlay shows, as JSON ('' none)
  var dismissed = '';  // the problems the reader closed the overlay on

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (style) node.setAttribute('style', style);
    return node;
  }

  function where(problem) {
    if (!problem.file) return '';
    return problem.file + (problem.line ? ':' + problem.line : '');
  }

  function item(problem) {
    var node = element('li', '', 'margin:0 0 .9em;padding:0;list-style:none');
    node.className = 'newsroom-preview-problem';
    var location = where(problem);
    if (location) {
      var file = element('div', location, 'color:#ffb4a8;font-weight:bold');
      file.className = 'newsroom-preview-location';
      node.appendChild(file);
    }
    var message = element('div', problem.message, 'white-space:pre-wrap');
    message.className = 'newsroom-preview-message';
    node.appendChild(message);
    if (problem.hint) {
      node.appendChild(element('div', problem.hint, 'color:#b8c0cc;white-space:pre-wrap'));
    }
    return node;
  }

  function build(state) {
    var box = element('div', '', 'position:fixed;z-index:2147483647;left:0;right:0;top:0;' +
      'max-height:70vh;overflow:auto;box-sizing:border-box;padding:1em 1.5em;margin:0;' +
      'background:rgba(24,24,28,.96);color:#f3f3f3;border-bottom:4px solid #e5484d;' +
      'font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left');
    box.id = ID;
    box.setAttribute('role', 'alert');
    box.setAttribute('lang', 'en');
    box.setAttribute('dir', 'ltr');
    var count = state.problems.length;
    var title = (state.ok ? 'make preview: ' : 'make preview: the build failed; ') +
      count + (count === 1 ? ' problem' : ' problems') + (language ? ' (' + language + ')' : '');
    var heading = element('div', title, 'font-weight:bold;color:#ff6369;margin:0 2em .8em 0');
    var close = element('button', '\u00d7', 'position:absolute;top:.5em;right:.8em;' +
      'background:none;border:0;color:#f3f3f3;font-size:20px;cursor:pointer');
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', function () { dismissed = shown; remove(); });
    var list = element('ul', '', 'margin:0;padding:0');
    state.problems.forEach(function (problem) { list.appendChild(item(problem)); });
    box.appendChild(close);
    box.appendChild(heading);
    box.appendChild(list);
    return box;
  }

  function remove() {
    var old = document.getElementById(ID);
    if (old) old.parentNode.removeChild(old);
  }

  function show(state) {
    var now = state.problems.length ? JSON.stringify([state.ok, state.problems]) : '';
    if (now === shown) return;
    shown = now;
    remove();
    if (now && now !== dismissed) document.body.appendChild(build(state));
  }

  function poll() {
    fetch(STATE, {cache: 'no-store'})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.version) !== served && state.ok) {
          location.reload();
          return;
        }
        show(state);
        setTimeout(poll, 100);
      })
      .catch(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
