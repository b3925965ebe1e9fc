// Inlined into the <head> of pages that have a plotly figure, by docs/hooks/assets.py, which also rewrites each
// figure's `Plotly.newPlot` script into `readerPlotly(id, draw)`.
// plotly.js (hundreds of KB, about a second of script on a slow machine) is fetched only when a figure comes
// within one screen of the viewport, and each figure is drawn then: a reader who never scrolls to the figure never
// pays for it, and the text above it is readable at once. Printing draws every figure first
// (`readerPlotly.drawAll()`). Each drawn figure
// sends `reader:plotted` (javascripts/reader-a11y.js adds its keyboard slider then). Without JavaScript, or before
// it is drawn, the figure's text fallback (the <figcaption> and the data table) stands in.
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script && script.getAttribute("data-plotly");
  var loading = null;
  var pending = [];

  function loadPlotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (window.Plotly) return resolve();
        var tag = document.createElement("script");
        tag.src = src;
        tag.charset = "utf-8";
        tag.onload = function () { resolve(); };
        tag.onerror = function () { reject(new Error("plotly-on-demand: could not load " + src)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function whenDrawn(id, tries) {
    var gd = document.getElementById(id);
    if (gd && gd._fullLayout && typeof gd.on === "function") {
      document.dispatchEvent(new CustomEvent("reader:plotted", { detail: gd }));
    } else if (tries > 0) {
      setTimeout(function () { whenDrawn(id, tries - 1); }, 50);
    }
  }

  // No toolbar (modebar): its ten buttons were Tab stops before each chart, mouse tools a keyboard cannot use, one
  // of them dead ("Share chart", plotly's send-to-cloud). Dragging still zooms, a double click resets, and the data
  // is in the table under the figure. (mnist_tutorials._site asks for the same; this also covers older outputs.)
  function withoutModeBar() {
    var Plotly = window.Plotly;
    if (!Plotly || Plotly.__readerNoModeBar) return;
    var newPlot = Plotly.newPlot;
    Plotly.newPlot = function (gd, data, layout, config) {
      return newPlot.call(Plotly, gd, data, layout, Object.assign({}, config || {}, { displayModeBar: false }));
    };
    Plotly.__readerNoModeBar = true;
  }

  function drawer(id, draw) {
    var done = false;
    return function () {
      if (done) return loading;
      done = true;
      return loadPlotly().then(function () { withoutModeBar(); draw(); whenDrawn(id, 200); });
    };
  }

  window.readerPlotly = function (id, draw) {
    var go = drawer(id, draw);
    var gd = document.getElementById(id);
    if (!gd || !("IntersectionObserver" in window)) {
      go();
      return;
    }
    pending.push(go);
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        go();
      }
    }, { rootMargin: "100% 0px" });
    observer.observe(gd);
  };

  // Draw every figure now, wherever it is (printing; an audit that must see them all). Resolves when fetched.
  window.readerPlotly.drawAll = function () {
    return Promise.all(pending.map(function (go) { return go(); }));
  };
  window.addEventListener("beforeprint", window.readerPlotly.drawAll);
})();
