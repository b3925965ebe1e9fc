// MathJax 3 configuration and loader, added at the end of <body> by docs/hooks/assets.py, only on pages that have
// math. The bundle (assets/vendor/mathjax/tex-mml-chtml.js, `data-mathjax` on this script: 260 KB gzip, about two
// seconds of script on a phone) is off the critical path: it is fetched when a formula comes within one screen
// of the viewport (a screen reader's virtual cursor scrolls the page, so it gets MathJax's assistive MathML
// there), at the reader's first key press (keyboard and screen-reader users jumping through headings get every
// formula typeset), or before printing. Until then a formula reads as its TeX source. There is no timer: a timer
// a few seconds after load (the previous loader) ran MathJax's start-up (a 745 ms long task in a mobile Lighthouse run) inside its window on
// page 05, whose first formula is two screens down, and made most of its total blocking time.
//
// * Markdown pages: only pymdownx.arithmatex's output (generic mode: <span|div class="arithmatex">\( … \)</…>)
//   is typeset; every other element is ignored, so a stray "$" in prose stays a dollar sign.
// * Notebook pages (mkdocs-jupyter, <div class="jupyter-wrapper">): a Markdown cell keeps its $…$ and $$…$$ as
//   written, in ordinary <p> elements, so the notebook's text is typeset the way Jupyter and Colab do it.
//   Cell outputs other than Markdown (printed text, tables, plots) and the site's header, sidebars and footer
//   are left alone.
const notebookPage = document.querySelector(".jupyter-wrapper") !== null;

window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
  },
  startup: {
    // When the first typeset is done, wide formulas may need a scrollbar: javascripts/reader-a11y.js listens.
    pageReady: () => MathJax.startup.defaultPageReady().then(() => document.dispatchEvent(new Event("reader:typeset"))),
  },
  options: notebookPage
    ? {
        ignoreHtmlClass: "jp-OutputArea-output|jp-InputArea-editor|md-header|md-sidebar|md-footer|md-search|reader-links",
        processHtmlClass: "arithmatex|jp-RenderedMarkdown",
      }
    : {
        ignoreHtmlClass: ".*|",
        processHtmlClass: "arithmatex",
      },
};

// Re-typeset after Material's instant navigation swaps the page content (a no-op on the first load).
if (typeof document$ !== "undefined") {
  document$.subscribe(() => {
    if (window.MathJax && MathJax.typesetPromise) {
      MathJax.startup.output.clearCache();
      MathJax.typesetClear();
      MathJax.texReset();
      MathJax.typesetPromise();
    }
  });
}

// The loader: fetch the bundle once, when a formula nears the viewport or the page has been idle a while.
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script && script.getAttribute("data-mathjax");
  if (!src) return;
  var loaded = false;
  window.readerLoadMathJax = load;  // tests and audits that must see every formula typeset call it
  function load() {
    if (loaded) return;
    loaded = true;
    var tag = document.createElement("script");
    tag.src = src;
    tag.async = true;
    document.head.appendChild(tag);
  }
  var TEX = /\$|\\\(|\\\[/;
  var math = Array.prototype.filter.call(
    document.querySelectorAll(notebookPage ? ".jp-RenderedMarkdown" : ".arithmatex"),
    function (el) { return !notebookPage || TEX.test(el.textContent); });
  if (!math.length || !("IntersectionObserver" in window)) {
    load();
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      observer.disconnect();
      load();
    }
  }, { rootMargin: "100% 0px" });
  math.forEach(function (el) { observer.observe(el); });
  document.addEventListener("keydown", load, { once: true });
  window.addEventListener("beforeprint", load);
})();
