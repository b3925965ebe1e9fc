"""The stylesheet and script that :func:`mnist_tutorials.plotting.confusion_explorer` inlines into its HTML.

They live in a Python module (not in ``.css``/``.js`` files) so that the site's execution cache, which hashes the
package's ``*.py`` files, re-executes the pages that use the explorer when either changes.

Every selector is scoped under ``.mte`` (matrix-to-examples). Colours come from the theme's CSS variables
(Material for MkDocs, then JupyterLab) with plain fallbacks, so the widget follows Material's light and dark
schemes and stays readable in Colab and Jupyter. The script uses no library and no network: it reads the
widget's ``<script type="application/json">`` block and enhances the static ``<table>`` that the HTML carries
(without JavaScript, that table of counts is what the reader sees).
"""

CSS = """
.mte{--mte-line:var(--md-default-fg-color--lightest,var(--jp-border-color1,rgba(128,128,128,.35)));
--mte-muted:var(--md-default-fg-color--light,var(--jp-content-font-color2,currentColor));
--mte-accent:var(--md-primary-fg-color,var(--jp-brand-color1,#3f51b5));
--mte-panel:var(--md-code-bg-color,var(--jp-layout-color2,rgba(128,128,128,.1)));
--mte-heat:31,79,209;max-width:100%;margin:.6em 0;font-size:13px;line-height:1.35;color:inherit}
.mte .mte-scroll{max-width:100%;overflow-x:auto}
.mte table.mte-matrix{border-collapse:collapse;border:0;margin:0;width:auto;table-layout:auto;background:transparent;
color:inherit;font-size:12px;font-variant-numeric:tabular-nums;display:table}
.mte .mte-matrix caption{caption-side:top;text-align:left;color:var(--mte-muted);padding:0 0 .35em;font-size:12px}
.mte .mte-matrix tr,.mte .mte-matrix tbody tr:nth-child(odd),.mte .mte-matrix tbody tr:hover{background:transparent}
.mte .mte-matrix th,.mte .mte-matrix td{border:1px solid var(--mte-line);padding:3px 5px;text-align:right;
white-space:nowrap;color:inherit;background:transparent;vertical-align:middle;min-width:0;line-height:1.3}
.mte .mte-matrix th{font-weight:600}
.mte .mte-matrix .mte-corner{font-weight:400;color:var(--mte-muted);text-align:left;font-size:11px;line-height:1.2}
.mte .mte-matrix td.mte-cell{background:rgba(var(--mte-heat),var(--mte-a,0));min-width:2.4em}
.mte .mte-matrix td.mte-strong{color:#fff;background:rgb(var(--mte-heat));box-shadow:inset 0 0 0 9em rgba(0,0,0,calc((var(--mte-a,1) - .55) * .8))}
.mte .mte-matrix td.mte-zero{color:var(--mte-muted)}
.mte .mte-vertical thead th span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;text-align:left}
.mte.mte-js .mte-matrix td.mte-cell{cursor:pointer}
.mte .mte-matrix td.mte-cell:focus{outline:2px solid var(--mte-accent);outline-offset:-2px}
.mte .mte-matrix td.mte-cell[aria-selected=true]{box-shadow:inset 0 0 0 3px var(--mte-accent)}
.mte .mte-bar{display:flex;flex-wrap:wrap;gap:.3em .8em;align-items:center;margin:0 0 .4em}
.mte .mte-modes{display:inline-flex;gap:0}
.mte button{font:inherit;font-size:12px;color:inherit;background:transparent;border:1px solid var(--mte-line);
border-radius:3px;padding:2px 8px;min-height:28px;cursor:pointer;margin:0}
.mte .mte-modes button{border-radius:0}
.mte .mte-modes button:first-child{border-radius:3px 0 0 3px}
.mte .mte-modes button:last-child{border-radius:0 3px 3px 0}
.mte button[aria-pressed=true]{background:var(--mte-accent);border-color:var(--mte-accent);color:#fff}
.mte button:focus-visible{outline:2px solid var(--mte-accent);outline-offset:2px}
.mte .mte-hint,.mte .mte-more{color:inherit;font-size:12px;margin:0}
.mte .mte-panel{background:var(--mte-panel);border-radius:4px;padding:.5em .6em;margin-top:.5em}
.mte .mte-title{margin:0;font-weight:600}
.mte .mte-thumbs{display:flex;flex-wrap:wrap;gap:4px;margin:.4em 0;padding:0}
.mte .mte-thumb{position:relative;display:flex;flex-direction:column;align-items:center;padding:2px;min-height:0;border-radius:3px}
.mte .mte-thumb[aria-expanded=true]{border-color:var(--mte-accent);box-shadow:0 0 0 1px var(--mte-accent)}
.mte .mte-img{display:block;background-color:#fff;background-repeat:no-repeat;background-image:var(--mte-sprite);
image-rendering:crisp-edges;image-rendering:pixelated}
.mte .mte-cap{font-size:10px;line-height:1.15;color:inherit;text-align:center}
.mte .mte-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.mte .mte-detail{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:flex-start;margin:.5em 0 .2em}
.mte .mte-detail[hidden]{display:none}
.mte .mte-facts{display:grid;grid-template-columns:max-content max-content;gap:.15em .8em;margin:0}
.mte .mte-facts span{white-space:nowrap}
.mte .mte-facts .mte-key{color:var(--mte-muted)}
.mte .mte-facts .mte-value{font-weight:600}
[data-md-color-scheme=slate] .mte .mte-img,[data-jp-theme-light=false] .mte .mte-img{filter:invert(1)}
@media (max-width:480px){.mte .mte-matrix th,.mte .mte-matrix td{padding:2px 3px;font-size:11px}}
"""

JS = r"""
(function () {
  "use strict";
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  function plural(n, word) { return n.toLocaleString("en-US") + " " + word + (n === 1 ? "" : "s"); }

  function enhance(root) {
    if (root.getAttribute("data-mte-ready")) { return; }
    root.setAttribute("data-mte-ready", "1");
    var data = JSON.parse(root.querySelector("script.mte-data").textContent);
    var L = data.display_labels, k = L.length;
    var table = root.querySelector("table.mte-matrix");
    var caption = table.querySelector("caption");
    var scroll = root.querySelector(".mte-scroll");
    var grid = [], offsets = [], next = 0, i, j;
    for (i = 0; i < k; i++) {
      grid.push([]); offsets.push([]);
      for (j = 0; j < k; j++) { offsets[i].push(next); next += data.cells[i][j][0].length; }
    }
    Array.prototype.forEach.call(table.querySelectorAll("td.mte-cell"), function (td) {
      grid[+td.getAttribute("data-row")][+td.getAttribute("data-col")] = td;
      td.setAttribute("role", "gridcell");
      td.setAttribute("tabindex", "-1");
      td.setAttribute("aria-selected", "false");
    });
    table.setAttribute("role", "grid");
    scroll.removeAttribute("tabindex");  // the grid's cells take the focus instead
    root.classList.add("mte-js");
    if (data.sprite) { root.style.setProperty("--mte-sprite", "url(\"" + data.sprite + "\")"); }

    var bar = make("div", "mte-bar");
    var modes = make("div", "mte-modes");
    modes.setAttribute("role", "group");
    modes.setAttribute("aria-label", "Values shown in the cells");
    var buttons = {count: make("button", "", "Counts"), rate: make("button", "", "Row %")};
    buttons.count.title = "Number of images in each cell";
    buttons.rate.title = "Share of each true class (each row sums to 100%)";
    Object.keys(buttons).forEach(function (mode) {
      var b = buttons[mode];
      b.type = "button";
      b.setAttribute("data-mode", mode);
      b.addEventListener("click", function () { setMode(mode); });
      modes.appendChild(b);
    });
    bar.appendChild(modes);
    bar.appendChild(make("p", "mte-hint", "Click a cell, or use the arrow keys and Enter, to see its images."));
    root.insertBefore(bar, scroll);

    var panel = make("div", "mte-panel");
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-label", "Images of the selected cell");
    var title = make("p", "mte-title", "No cell selected.");
    title.setAttribute("aria-live", "polite");
    var thumbs = make("div", "mte-thumbs");
    thumbs.setAttribute("role", "list");
    var more = make("p", "mte-more");
    var detail = make("div", "mte-detail");
    detail.hidden = true;
    detail.setAttribute("role", "group");
    detail.setAttribute("aria-label", "Large view");
    var big = make("span", "mte-img mte-big");
    big.setAttribute("role", "img");
    var facts = make("div", "mte-facts");
    var close = make("button", "mte-close", "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close the large view");
    detail.appendChild(big); detail.appendChild(facts); detail.appendChild(close);
    panel.appendChild(title); panel.appendChild(thumbs); panel.appendChild(more); panel.appendChild(detail);
    root.appendChild(panel);

    function place(span, pos, size) {
      var h = data.shape[0], w = data.shape[1], scale = size / Math.max(h, w);
      var col = pos % data.columns, row = Math.floor(pos / data.columns);
      span.style.width = Math.round(w * scale) + "px";
      span.style.height = Math.round(h * scale) + "px";
      span.style.backgroundSize = Math.round(data.columns * w * scale) + "px auto";
      span.style.backgroundPosition = (-col * w * scale) + "px " + (-row * h * scale) + "px";
    }

    var mode = "count";
    function setMode(m) {
      mode = m;
      Object.keys(buttons).forEach(function (key) { buttons[key].setAttribute("aria-pressed", String(key === m)); });
      grid.forEach(function (row) {
        row.forEach(function (td) {
          var a = parseFloat(td.getAttribute("data-a" + m));
          td.textContent = td.getAttribute("data-" + m);
          td.style.setProperty("--mte-a", String(a));
          td.classList.toggle("mte-strong", a > data.strong);
        });
      });
      caption.textContent = data.captions[m];
    }

    var active = null, opener = null;
    function focusCell(r, c) {
      if (active) { active.setAttribute("tabindex", "-1"); }
      active = grid[r][c];
      active.setAttribute("tabindex", "0");
      active.focus();
    }
    function closeDetail(restore) {
      detail.hidden = true;
      if (opener) {
        opener.setAttribute("aria-expanded", "false");
        if (restore) { opener.focus(); }
      }
      opener = null;
    }
    function select(r, c) {
      Array.prototype.forEach.call(table.querySelectorAll("td[aria-selected=true]"), function (td) {
        td.setAttribute("aria-selected", "false");
      });
      grid[r][c].setAttribute("aria-selected", "true");
      closeDetail(false);
      var entry = data.cells[r][c], count = data.counts[r][c], shown = entry[0].length;
      var text = "True " + L[r] + ", predicted " + L[c] + (r === c ? " (correct)" : "") + ": " +
        plural(count, "image");
      if (shown > 1) { text += data.scored ? ", most confident first" : ", in data order"; }
      title.textContent = text + ".";
      thumbs.textContent = "";
      entry[0].forEach(function (index, n) {
        var score = data.scored ? entry[1][n] : null;
        var item = make("div");
        item.setAttribute("role", "listitem");
        var b = make("button", "mte-thumb");
        b.type = "button";
        b.setAttribute("aria-expanded", "false");
        var img = make("span", "mte-img");
        place(img, offsets[r][c] + n, data.thumb);
        b.appendChild(img);
        b.appendChild(make("span", "mte-cap", "#" + index));
        if (score !== null) { b.appendChild(make("span", "mte-cap", score)); }
        // The name comes from the visible text (axe: label-content-name-mismatch), then what it does.
        b.appendChild(make("span", "mte-sr", (score === null ? "" : " " + data.score_name) + ": show image " + index + " large"));
        b.addEventListener("click", function () { showDetail(r, c, n, b); });
        item.appendChild(b);
        thumbs.appendChild(item);
      });
      more.textContent = count > shown ?
        "and " + (count - shown).toLocaleString("en-US") + " more, not shown (at most " + data.cap +
        " images per cell)." : "";
    }
    function showDetail(r, c, n, button) {
      closeDetail(false);
      var index = data.cells[r][c][0][n];
      place(big, offsets[r][c] + n, data.big);
      big.setAttribute("aria-label", "Image " + index + ", true label " + L[r] + ", predicted " + L[c]);
      facts.textContent = "";
      var rows = [["image", "#" + index], ["true label", L[r]], ["predicted", L[c]]];
      if (data.scored) { rows.push([data.score_name, data.cells[r][c][1][n]]); }
      rows.forEach(function (pair) {
        facts.appendChild(make("span", "mte-key", pair[0]));
        facts.appendChild(make("span", "mte-value", pair[1]));
      });
      detail.hidden = false;
      opener = button;
      button.setAttribute("aria-expanded", "true");
      close.focus();
    }
    close.addEventListener("click", function () { closeDetail(true); });
    detail.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); closeDetail(true); }
    });
    table.addEventListener("click", function (e) {
      var td = e.target.closest ? e.target.closest("td.mte-cell") : null;
      if (!td) { return; }
      var r = +td.getAttribute("data-row"), c = +td.getAttribute("data-col");
      focusCell(r, c);
      select(r, c);
    });
    table.addEventListener("keydown", function (e) {
      var td = e.target.closest ? e.target.closest("td.mte-cell") : null;
      if (!td) { return; }
      var r = +td.getAttribute("data-row"), c = +td.getAttribute("data-col"), nr = r, nc = c;
      switch (e.key) {
        case "ArrowUp": nr = r - 1; break;
        case "ArrowDown": nr = r + 1; break;
        case "ArrowLeft": nc = c - 1; break;
        case "ArrowRight": nc = c + 1; break;
        case "Home": nc = 0; break;
        case "End": nc = k - 1; break;
        case "Enter": case " ": e.preventDefault(); select(r, c); return;
        default: return;
      }
      e.preventDefault();
      focusCell(Math.max(0, Math.min(k - 1, nr)), Math.max(0, Math.min(k - 1, nc)));
    });

    setMode("count");
    var start = data.initial || [0, 0];
    active = grid[start[0]][start[1]];
    active.setAttribute("tabindex", "0");
    if (data.initial) { select(start[0], start[1]); }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".mte:not([data-mte-ready])"), enhance);
})();
"""
