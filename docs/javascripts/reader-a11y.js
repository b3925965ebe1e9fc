// Keyboard and screen-reader fixes for every page (loaded with `defer` from mkdocs.yml's extra_javascript).
//
// * Scrollable blocks (notebook code and output <pre>, wide tables, display math) become focusable when they
//   actually overflow, so a keyboard user can tab to them and scroll with the arrow keys.
// * Material's search dialog gets an accessible name.
// * Empty header cells (the corner of a pandas table) become ordinary cells: a header must name something.
// * A plotly figure with a slider gets a native range input next to it: the plotly slider (SVG) takes no
//   keyboard input. Moving either one moves the other; the chart's new title is announced.
// * The copy buttons of a page's code cells are one Tab stop together, as a toolbar's buttons are (WAI-ARIA's roving
//   tabindex): Tab reaches one of them, and the arrow keys (Home, End) move to the copy button of the next or
//   previous cell (the first or last), scrolling to it. Page 06 spent 23 of its 57 Tab presses to its first
//   interactive figure on copy buttons; now they cost one, and every cell can still be copied from the keyboard.
//   The button that last had focus is the group's Tab stop. Screen readers list every button as before.
(function () {
  "use strict";

  var SCROLLABLE = [
    ".jupyter-wrapper pre", ".jp-OutputArea-output", ".md-typeset pre > code", ".md-typeset__table",
    ".md-typeset__scrollwrap", ".md-typeset .arithmatex", ".jupyter-wrapper .jp-RenderedHTMLCommon",
    "mjx-container[display='true']", ".reader-table-scroll",
  ].join(",");

  function overflows(el) {
    return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
  }

  function scrollable(el) {
    var style = getComputedStyle(el);
    return /(auto|scroll)/.test(style.overflowX + style.overflowY) && overflows(el);
  }

  // A block is measured when it comes near the viewport (an IntersectionObserver calls back after the browser has
  // laid the page out, so reading its size costs nothing then), the rest when the browser is next idle (after a
  // frame, when the layout is done), and any left when the reader first presses Tab, before the browser
  // moves focus. Measuring every block while the page was still loading forced its first layout early, inside a
  // long task of 0.1 to 0.5 s in Lighthouse's mobile runs.
  var pending = new Set();
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    var near = entries.filter(function (entry) { return entry.isIntersecting; }).map(function (entry) { return entry.target; });
    mark(near);
  }, { rootMargin: "100% 0px" }) : null;

  // All reads first, then all writes: interleaving them would lay the page out again after each tabindex.
  function mark(elements) {
    var found = elements.filter(function (el) {
      pending.delete(el);
      if (observer) observer.unobserve(el);
      return el.isConnected && !el.hasAttribute("tabindex") && !el.closest("a, button") && scrollable(el);
    });
    found.forEach(function (el) { el.setAttribute("tabindex", "0"); });
  }

  function focusableScrollRegions() {
    document.querySelectorAll(SCROLLABLE).forEach(function (el) {
      if (el.hasAttribute("tabindex") || pending.has(el)) return;
      pending.add(el);
      if (observer) observer.observe(el);
    });
    if (!observer) flushScrollRegions();
    else if (window.requestIdleCallback) window.requestIdleCallback(flushScrollRegions, { timeout: 3000 });
    else setTimeout(flushScrollRegions, 1000);
  }

  function flushScrollRegions() {
    if (pending.size) mark(Array.from(pending));
  }
  document.addEventListener("keydown", function (event) { if (event.key === "Tab") flushScrollRegions(); }, true);

  window.readerFlushScrollRegions = flushScrollRegions;  // tests that count Tab stops without pressing Tab

  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
  }

  // A table-of-contents entry for a heading that is only a code span renders empty, and may point to an id the
  // page does not have (mkdocs-jupyter's "#_1"): point it to the next heading after the previous entry's, and
  // show and name it with that heading's text.
  function headingText(h) {
    return h.textContent.replace(/[¶#]\s*$/, "").trim();
  }

  function nameEmptyLinks() {
    var headings = Array.prototype.slice.call(document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6)[id]"));
    var links = Array.prototype.slice.call(document.querySelectorAll("a[href^='#']"));
    links.forEach(function (a, i) {
      if (a.textContent.trim() || a.hasAttribute("aria-label") || a.querySelector("img, svg")) return;
      var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!target) {
        var previous = null;
        for (var j = i - 1; j >= 0 && !previous; j--) {
          var t = document.getElementById(decodeURIComponent(links[j].getAttribute("href").slice(1)));
          if (t && headings.indexOf(t) >= 0) previous = t;
        }
        target = headings[previous ? headings.indexOf(previous) + 1 : 0];
        if (target) a.setAttribute("href", "#" + target.id);
      }
      var text = target && headingText(target);
      if (!text) return;
      a.setAttribute("aria-label", text);
      var label = a.querySelector(".md-ellipsis") || a;
      label.textContent = text;
    });
  }

  function fillEmptyHeaders() {
    document.querySelectorAll(".md-typeset th").forEach(function (th) {
      if (th.textContent.trim() || th.hasAttribute("aria-label") || th.querySelector("img, svg")) return;
      var td = document.createElement("td");
      Array.prototype.forEach.call(th.attributes, function (a) { if (a.name !== "scope") td.setAttribute(a.name, a.value); });
      td.innerHTML = th.innerHTML;
      th.replaceWith(td);
    });
  }

  function plain(html) {
    var div = document.createElement("div");
    div.innerHTML = String(html || "").replace(/<br\s*\/?>/gi, " ");
    return div.textContent.replace(/\s+/g, " ").trim();
  }

  function titleOf(gd) {
    var title = gd.layout && gd.layout.title;
    return plain(title && typeof title === "object" ? title.text : title);
  }

  function keyboardSlider(gd) {
    var sliders = (gd.layout && gd.layout.sliders) || [];
    if (!sliders.length || !window.Plotly || gd.parentNode.querySelector(".reader-slider")) return;
    var steps = sliders[0].steps || [];
    if (steps.length < 2) return;
    var name = plain((sliders[0].currentvalue || {}).prefix || "Value").replace(/[:\s]+$/, "");
    var id = gd.id + "-keyboard";
    var box = document.createElement("div");
    box.className = "reader-slider";
    box.innerHTML =
      '<label for="' + id + '">' + name + " (arrow keys)</label>" +
      '<input type="range" id="' + id + '" min="0" max="' + (steps.length - 1) + '" step="1">' +
      '<output for="' + id + '" aria-live="polite"></output>';
    var input = box.querySelector("input");
    var output = box.querySelector("output");
    function show(i) {
      input.value = String(i);
      input.setAttribute("aria-valuetext", name + " " + plain(steps[i].label));
      output.textContent = titleOf(gd) || plain(steps[i].label);
    }
    input.addEventListener("input", function () {
      var i = Number(input.value), step = steps[i], args = (step.args || []).slice();
      var active = { "sliders[0].active": i };
      var done;
      if (step.method === "update") {
        done = Plotly.update(gd, args[0] || {}, Object.assign({}, args[1] || {}, active), args[2]);
      } else if (step.method === "relayout") {
        done = Plotly.relayout(gd, Object.assign({}, args[0] || {}, active));
      } else {
        done = Promise.resolve(Plotly[step.method] ? Plotly[step.method].apply(null, [gd].concat(args)) : null)
          .then(function () { return Plotly.relayout(gd, active); });
      }
      Promise.resolve(done).then(function () { show(i); });
    });
    gd.on("plotly_sliderchange", function (event) { show(event.slider.active); });
    gd.parentNode.insertBefore(box, gd.nextSibling);
    show(sliders[0].active || 0);
  }

  // Figures are drawn when they come into view (javascripts/plotly-on-demand.js), which then sends reader:plotted.
  function plotlyFigures() {
    document.querySelectorAll(".plotly-graph-div").forEach(function (gd) {
      if (gd._fullLayout && typeof gd.on === "function") keyboardSlider(gd);
    });
  }

  // Material gives every code block's copy button a <nav>: name each, so the landmarks are told apart.
  function nameCodeNavs() {
    document.querySelectorAll(".md-code__nav").forEach(function (nav, i) {
      if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", "Code block " + (i + 1) + " tools");
    });
  }

  // Copy buttons: the notebook cells' <clipboard-copy> elements and Material's copy buttons on Markdown code blocks.
  var COPY = "article clipboard-copy, article .md-code__button[data-md-type='copy']";
  var COPY_HINT = "reader-copy-hint";

  function copyButtons() {
    return Array.prototype.slice.call(document.querySelectorAll(COPY));
  }

  function copyHint() {
    var hint = document.getElementById(COPY_HINT);
    if (!hint) {
      hint = document.createElement("span");
      hint.id = COPY_HINT;
      hint.className = "reader-sr-only";
      hint.textContent = "Arrow keys: the copy button of the next or previous code block; Home, End: the first, the last.";
      // Inside <main>: text outside every landmark is an axe "region" violation.
      (document.querySelector("main") || document.body).appendChild(hint);
    }
    return hint.id;
  }

  // The roving stop: the copy button that gets focus (by Tab, an arrow key or a click) becomes the group's one Tab
  // stop; until one has had focus, the first is.
  var lastCopy = null;
  document.addEventListener("focusin", function (event) {
    var target = event.target;
    if (!(target.matches && target.matches(COPY) && target.dataset.readerCopy)) return;
    lastCopy = target;
    copyButtons().forEach(function (b) { b.setAttribute("tabindex", b === target ? "0" : "-1"); });
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.classList) event.target.classList.remove("reader-hint-dismissed");
  });

  // Called at parse, at load (Material adds its copy buttons late) and before each Tab: groups the buttons once,
  // and again only if new ones appeared.
  function groupCopyButtons() {
    var buttons = copyButtons();
    if (buttons.length < 2 || buttons.every(function (b) { return b.dataset.readerCopy; })) return;
    var stop = buttons.indexOf(lastCopy) >= 0 ? lastCopy : buttons[0];
    var hint = copyHint();
    buttons.forEach(function (button, i) {
      button.dataset.readerCopy = "1";
      button.setAttribute("tabindex", button === stop ? "0" : "-1");
      button.setAttribute("aria-label", "Copy code block " + (i + 1) + " of " + buttons.length);
      button.setAttribute("aria-describedby", hint);
      button.setAttribute("aria-keyshortcuts", "ArrowDown ArrowUp Home End");
    });
  }

  document.addEventListener("keydown", function (event) {
    var button = event.target.closest && event.target.closest(COPY);
    if (!button || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "Escape") {  // hide the focused button's hint (reader.css) until the focus leaves it
      button.classList.add("reader-hint-dismissed");
      return;
    }
    var buttons = copyButtons(), i = buttons.indexOf(button), next = -1;
    if (event.key === "ArrowDown" || event.key === "ArrowRight") next = Math.min(i + 1, buttons.length - 1);
    else if (event.key === "ArrowUp" || event.key === "ArrowLeft") next = Math.max(i - 1, 0);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    if (next < 0) return;
    event.preventDefault();  // no page scroll: focus moves (focusin makes it the Tab stop) and scrolls into view
    buttons[next].focus({ preventScroll: true });
    buttons[next].scrollIntoView({ block: "center" });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Tab") groupCopyButtons(); }, true);

  function run() {
    nameSearchDialog();
    nameEmptyLinks();
    fillEmptyHeaders();
    focusableScrollRegions();
    nameCodeNavs();
    groupCopyButtons();
    plotlyFigures();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
  window.addEventListener("load", function () {  // after images, fonts, MathJax's first layout and Material's code tools
    focusableScrollRegions();
    nameCodeNavs();
    groupCopyButtons();  // Material adds its copy buttons after the page is parsed
  });
  document.addEventListener("reader:plotted", function (event) { keyboardSlider(event.detail); });

  // Printing: every data table opens (it prints whole, docs/stylesheets/reader.css), and each plotly figure is
  // redrawn at the printed column's width instead of keeping its screen layout (which was cut at the page edge).
  // After printing, the tables close again and the figures take the screen's width back.
  var openedForPrint = [];
  function resizePlots() {
    if (!window.Plotly) return;
    document.querySelectorAll(".plotly-graph-div").forEach(function (gd) {
      if (gd._fullLayout) window.Plotly.Plots.resize(gd);
    });
  }
  function beforePrint() {
    document.querySelectorAll("details.reader-plotly-data:not([open]), details.reader-figure-description:not([open])")
      .forEach(function (d) { d.open = true; openedForPrint.push(d); });
    resizePlots();
  }
  function afterPrint() {
    openedForPrint.splice(0).forEach(function (d) { d.open = false; });
    resizePlots();
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    var onChange = function (query) { if (query.matches) beforePrint(); else afterPrint(); };
    if (printing.addEventListener) printing.addEventListener("change", onChange);
    else if (printing.addListener) printing.addListener(onChange);
  }
  window.addEventListener("resize", focusableScrollRegions);
  document.addEventListener("reader:typeset", focusableScrollRegions);  // sent by javascripts/mathjax.js
})();
