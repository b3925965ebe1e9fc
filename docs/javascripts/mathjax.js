// MathJax 3 configuration, read before the vendored assets/vendor/mathjax/tex-mml-chtml.js loads. Both are added
// at the end of <body> by docs/hooks/assets.py, only on pages that have math (the bundle deferred).
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
