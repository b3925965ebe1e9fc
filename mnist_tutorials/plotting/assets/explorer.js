
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
