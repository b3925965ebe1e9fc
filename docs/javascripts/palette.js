// The light/dark toggle in the header, in place of Material's palette component (docs/hooks/assets.py renames the
// form's data-md-component="palette" to data-reader-component="palette", so Material's bundle does not mount it).
//
// Why: on every page load Material's component "switches" to the palette already shown. It sets
// data-md-color-switching on <body> (a rule `[data-md-color-switching] *` invalidates every element), appends
// <meta name="color-scheme"> and sets its content (each a PlatformColorChange: every element's style again), and
// reads the header's computed style in between. A trace of page 11 at phone size showed five recalculations of all
// 8,866 elements' styles forced by the bundle, four of them from this component (issue 28, mobile total blocking
// time). Material's inline script at the top of <body> already applies a stored palette before the first paint;
// this script only shows the right button, honours the system's dark preference when nothing is stored, and
// switches when the reader asks, as Material's component does (same storage key, same attributes).
(function () {
  "use strict";
  var form = document.querySelector("[data-reader-component=palette]");
  if (!form) return;
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name=__palette]"));
  if (!inputs.length) return;
  var get = window.__md_get || function () { return null; };
  var set = window.__md_set || function () {};
  var KEYS = ["media", "scheme", "primary", "accent"];

  function colorOf(input) {
    var color = {};
    KEYS.forEach(function (key) { color[key] = input.getAttribute("data-md-color-" + key); });
    return color;
  }

  // Show only the button of the palette that is not active (it switches to the next one), as Material does.
  function showButton(index) {
    inputs.forEach(function (input, i) {
      if (input.checked !== (i === index)) input.checked = i === index;
      var label = input.nextElementSibling;
      if (label instanceof HTMLElement) label.hidden = i !== index;
    });
  }

  function apply(index, store) {
    var color = colorOf(inputs[index]);
    var body = document.body;
    var changed = KEYS.some(function (key) { return body.getAttribute("data-md-color-" + key) !== color[key]; });
    if (changed) {  // no colour transitions while the scheme changes (Material's own rule)
      body.setAttribute("data-md-color-switching", "");
      KEYS.forEach(function (key) { body.setAttribute("data-md-color-" + key, color[key]); });
      document.documentElement.style.colorScheme = color.scheme === "slate" ? "dark" : "";
      requestAnimationFrame(function () { body.removeAttribute("data-md-color-switching"); });
    }
    showButton(index);
    if (store) set("__palette", { index: index, color: color });
  }

  function mediaIndex() {
    var found = inputs.findIndex(function (input) {
      var media = input.getAttribute("data-md-color-media");
      return media && window.matchMedia && matchMedia(media).matches;
    });
    return Math.max(0, found);
  }

  var stored = get("__palette");
  var start = stored && typeof stored.index === "number" ? Math.max(0, Math.min(stored.index, inputs.length - 1))
    : mediaIndex();
  apply(start, false);  // changes nothing on the page unless the system prefers the other scheme

  inputs.forEach(function (input, i) {
    input.addEventListener("change", function () { if (input.checked) apply(i, true); });
  });
  form.addEventListener("keydown", function (event) {  // Enter on the focused option moves to the next palette
    if (event.key !== "Enter") return;
    var i = inputs.findIndex(function (input) { return input.checked; });
    var next = inputs[(i + 1) % inputs.length];
    event.preventDefault();
    next.click();
    next.focus();
  });
  if (!stored && window.matchMedia) {  // follow the system's scheme until the reader picks one
    inputs.forEach(function (input) {
      var media = input.getAttribute("data-md-color-media");
      if (!media) return;
      var query = matchMedia(media);
      var follow = function () { if (!get("__palette") && query.matches) apply(inputs.indexOf(input), false); };
      if (query.addEventListener) query.addEventListener("change", follow);
      else if (query.addListener) query.addListener(follow);
    });
  }
})();
