// Inlined into every page's <head> by docs/hooks/assets.py, before Material's bundle runs.
// Material requests search/search_index.json (hundreds of KB) with XMLHttpRequest as soon as a page loads. Hold
// that one request back until the reader opens the search box (click, tap or keyboard shortcut: all of them focus
// the search input or toggle #__search), then send it; results appear once it has arrived.
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var waiting = [];
  var released = false;
  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (request) { request(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__searchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.__searchIndex || released) return send.apply(xhr, args);
    waiting.push(function () { send.apply(xhr, args); });
  };
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.matches && event.target.matches("[data-md-component=search-query]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) release();
  });
  // A page opened with ?q=... (Material's search link) searches at once.
  if (/[?&]q=/.test(location.search)) release();
})();
