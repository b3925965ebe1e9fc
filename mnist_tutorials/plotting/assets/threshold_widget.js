
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg", serial = 0;
  function make(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  }
  function svg(tag, attrs, parent) {
    var el = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (a) { el.setAttribute(a, attrs[a]); });
    if (parent) { parent.appendChild(el); }
    return el;
  }
  function text(parent, x, y, s, anchor, cls) {
    var t = svg("text", {x: x, y: y, "text-anchor": anchor || "start"}, parent);
    if (cls) { t.setAttribute("class", cls); }
    t.textContent = s;
    return t;
  }
  function int(v) { return Math.round(v).toLocaleString("en-US"); }
  function count(v, word) { return int(v) + " " + word + (Math.round(v) === 1 ? "" : "s"); }
  function pct(v) { return isFinite(v) ? (100 * v).toFixed(1) + "%" : "undefined"; }
  function kText(k) {
    if (k >= 1) { return String(k >= 10 ? Math.round(k) : Math.round(k * 10) / 10); }
    return "1/" + String(Math.round(10 / k) / 10);
  }
  function metrics(c) {
    var tp = c[0], fp = c[1], fn = c[2], tn = c[3], n = tp + fp + fn + tn;
    return {precision: tp + fp > 0 ? tp / (tp + fp) : NaN, recall: tp / (tp + fn),
            f1: 2 * tp / (2 * tp + fp + fn), accuracy: (tp + tn) / n, fpr: fp / (fp + tn)};
  }

  function enhance(root) {
    if (root.getAttribute("data-mtw-ready")) { return; }
    root.setAttribute("data-mtw-ready", "1");
    var D = JSON.parse(root.querySelector("script.mtw-data").textContent);
    var P = D.positive, NP = D.negative, pi0 = D.n_pos / D.n, uid = "mtw" + (++serial) + "-";
    var state = {m: 0, i: D.models[0].initial, logk: Math.log10(D.cost_ratio), pi: pi0, prev: null};
    D.models.forEach(function (M) {  // images sorted by score, per class
      M.neg = M.images.filter(function (e) { return !e[2]; }).sort(function (a, b) { return a[1] - b[1]; });
      M.pos = M.images.filter(function (e) { return e[2]; }).sort(function (a, b) { return a[1] - b[1]; });
    });
    root.classList.add("mtw-js");
    if (D.sprite) { root.style.setProperty("--mtw-sprite", "url(\"" + D.sprite + "\")"); }
    function M() { return D.models[state.m]; }
    function reweighted() { return Math.abs(state.pi - pi0) > 1e-9; }
    function at(i) {
      var c = M().counts[i], wp = state.pi / pi0, wn = (1 - state.pi) / (1 - pi0);
      return [c[0] * wp, c[1] * wn, c[2] * wp, c[3] * wn];
    }
    function cost(c) { return 1000 * (Math.pow(10, state.logk) * c[2] + c[1]) / D.n; }
    function gapAfter(i) {  // a hidden window between stop i and stop i + 1
      var S = M().stops;
      return M().hidden.some(function (w) { return w[0] >= S[i] && w[1] <= S[i + 1]; });
    }

    // ---- the parts
    var bar = make("div", "mtw-bar"), buttons = [];
    if (D.models.length > 1) {
      var group = make("div", "mtw-bar");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Model");
      group.appendChild(make("span", "", "Model:"));
      D.models.forEach(function (model, m) {
        var b = make("button", "", model.name);
        b.type = "button";
        b.addEventListener("click", function () { state.m = m; state.i = M().initial; state.prev = null; update(true); });
        buttons.push(b);
        group.appendChild(b);
      });
      bar.appendChild(group);
    }
    var readout = make("p", "mtw-readout");
    bar.appendChild(readout);
    root.appendChild(bar);
    var chartBox = make("div", "mtw-chart");
    var slider = svg("svg", {"class": "mtw-slider", role: "slider", tabindex: "0", "aria-label": "Threshold",
                             "aria-orientation": "horizontal"}, chartBox);
    root.appendChild(chartBox);
    root.appendChild(make("p", "mtw-hint", "Drag the threshold, or focus the chart and use the arrow keys " +
      "(Page Up / Page Down: " + D.big_step + " steps; Home / End). Images right of the line are called " + P +
      ". The " + NP + "s (up) and the " + P + "s (down) are each scaled to their own peak."));

    var table = make("table", "mtw-matrix");
    table.innerHTML = "<caption></caption><thead><tr><td></td><th scope='col'></th><th scope='col'></th></tr>" +
      "</thead><tbody><tr><th scope='row'></th><td></td><td class='mtw-err'></td></tr><tr><th scope='row'></th>" +
      "<td class='mtw-err'></td><td></td></tr></tbody>";
    var ths = table.querySelectorAll("th"), tds = table.querySelectorAll("tbody td");
    table.querySelector("caption").textContent = "Confusion matrix at the threshold: rows are the actual " +
      "classes, columns the predictions";
    ths[0].textContent = "predicted " + NP; ths[1].textContent = "predicted " + P;
    ths[2].textContent = "actual " + NP; ths[3].textContent = "actual " + P;
    var names = ["true negatives", "false positives", "false negatives", "true positives"];
    var cells = {}, order = ["tn", "fp", "fn", "tp"];
    order.forEach(function (key, n) {
      var td = tds[n], count = make("span", "mtw-count"), list = make("div", "mtw-thumbs"), note = make("p", "mtw-note");
      td.setAttribute("data-cell", key);
      list.setAttribute("role", "list");
      list.setAttribute("aria-label", names[n] + ": images");
      td.appendChild(count); td.appendChild(make("span", "mtw-name", names[n] + " (" + key.toUpperCase() + ")"));
      td.appendChild(list); td.appendChild(note);
      cells[key] = {td: td, count: count, list: list, note: note};
    });
    root.appendChild(table);
    var bandNote = make("p", "mtw-note");
    root.appendChild(bandNote);
    var detail = make("div", "mtw-detail"), big = make("span", "mtw-img mtw-big"), facts = make("div", "mtw-facts");
    var close = make("button", "mtw-close", "Close");
    close.type = "button";
    detail.hidden = true;
    detail.setAttribute("role", "group");
    detail.setAttribute("aria-label", "Large view");
    big.setAttribute("role", "img");
    detail.appendChild(big); detail.appendChild(facts); detail.appendChild(close);
    root.appendChild(detail);
    var metricLine = make("div", "mtw-metrics");
    root.appendChild(metricLine);
    var live = make("div", "mtw-sr");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("role", "status");
    root.appendChild(live);

    function section(title) {
      var s = make("div", "mtw-section");
      s.appendChild(make("p", "mtw-sub", title));
      root.appendChild(s);
      return s;
    }
    function range(parent, id, min, max, step, value, labelText) {
      var label = make("label", "", labelText), input = make("input");
      label.htmlFor = uid + id;
      input.id = uid + id; input.type = "range"; input.min = min; input.max = max; input.step = step;
      input.value = value;
      parent.appendChild(label); parent.appendChild(input);
      return input;
    }
    var costBox = section("What does a mistake cost?");
    var kInput = range(costBox, "k", -1, 2, 0.01, state.logk, "A missed " + P + " costs as much as k false alarms " +
                       "(k from 1/10 to 100, log scale):");
    var kLine = make("p");
    costBox.appendChild(kLine);
    var costChart = svg("svg", {role: "img"}, costBox);
    var costLine = make("p"), cheapest = make("button", "mtw-cheapest");
    cheapest.type = "button";
    costBox.appendChild(costLine); costBox.appendChild(cheapest);

    var rateBox = section("What if " + P + "s were rarer, or commoner?");
    var piInput = range(rateBox, "pi", 1, 50, 0.5, (100 * pi0).toFixed(1), "Share of " + P + "s (1% to 50%; the " +
                        "counts are reweighted, the images and the scores stay the same):");
    var piLine = make("p"), reset = make("button", "", "Back to the data's share (" + pct(pi0) + ")");
    reset.type = "button";
    rateBox.appendChild(piLine); rateBox.appendChild(reset);
    var pair = make("div", "mtw-pair"), prBox = make("div"), rocBox = make("div");
    var prChart = svg("svg", {role: "img"}, prBox), rocChart = svg("svg", {role: "img"}, rocBox);
    pair.appendChild(prBox); pair.appendChild(rocBox); rateBox.appendChild(pair);
    var sentence = make("p", "mtw-sentence");
    rateBox.appendChild(sentence);

    // ---- drawing
    function width(el) { return Math.max(240, Math.round(el.getBoundingClientRect().width || root.clientWidth || 600)); }
    function f(v) {  // the x axis: the threshold itself, or its log-odds for probabilities
      if (M().scale !== "logit") { return v; }
      v = Math.min(Math.max(v, 1e-6), 1 - 1e-6);
      return Math.log(v / (1 - v));
    }
    function xScale(W, pad) {
      var S = M().stops, lo = f(S[0]), hi = f(S[S.length - 1]);
      return function (v) { return pad + (f(v) - lo) / (hi - lo) * (W - 2 * pad); };
    }
    function ticks(g, x, y) {
      var T = M().ticks, n = T.length;
      T.forEach(function (tick, k) {
        svg("line", {x1: x(tick[0]), x2: x(tick[0]), y1: y, y2: y + 4, "class": "mtw-axis"}, g);
        text(g, x(tick[0]), y + 15, tick[1], k === 0 ? "start" : k === n - 1 ? "end" : "middle", "mtw-muted");
      });
    }
    function bands(g, x, top, bottom, label) {
      M().hidden.forEach(function (w) {
        var S = M().stops, a = Math.max(x(w[0]), x(S[0])), b = Math.min(x(w[1]), x(S[S.length - 1]));
        if (b <= a) { return; }
        svg("rect", {x: a, y: top, width: b - a, height: bottom - top, "class": "mtw-bandrect"}, g);
        if (label) { text(g, (a + b) / 2, top - 3, D.hide_label, "middle", "mtw-muted"); }
      });
    }
    function drawSlider() {
      var W = width(chartBox), H = 170, pad = 10, mid = 86, half = 58, x = xScale(W, pad), S = M().stops, C = M().counts;
      slider.textContent = "";
      slider.setAttribute("viewBox", "0 0 " + W + " " + H);
      slider.setAttribute("width", W); slider.setAttribute("height", H);
      var t = S[state.i];
      svg("rect", {x: x(t), y: mid - half, width: Math.max(0, x(S[S.length - 1]) - x(t)), height: 2 * half,
                   "class": "mtw-tintrect"}, slider);
      bands(slider, x, mid - half, mid + half, true);
      var dens = [[], []], top = [0, 0], i;
      for (i = 0; i + 1 < S.length; i++) {
        var w = f(S[i + 1]) - f(S[i]);
        dens[0].push((C[i][1] - C[i + 1][1]) / w);
        dens[1].push((C[i][0] - C[i + 1][0]) / w);
        if (!gapAfter(i)) { top[0] = Math.max(top[0], dens[0][i]); top[1] = Math.max(top[1], dens[1][i]); }
      }
      for (i = 0; i + 1 < S.length; i++) {
        if (gapAfter(i)) { continue; }
        var x0 = x(S[i]), x1 = x(S[i + 1]), hn = half * dens[0][i] / (top[0] || 1), hp = half * dens[1][i] / (top[1] || 1);
        if (hn > 0) { svg("rect", {x: x0, y: mid - hn, width: Math.max(0.5, x1 - x0 - 0.5), height: hn, "class": "mtw-negbar"}, slider); }
        if (hp > 0) { svg("rect", {x: x0, y: mid, width: Math.max(0.5, x1 - x0 - 0.5), height: hp, "class": "mtw-posbar"}, slider); }
      }
      svg("line", {x1: pad, x2: W - pad, y1: mid, y2: mid, "class": "mtw-axis"}, slider);
      text(slider, pad, mid - half + 11, NP + " (" + int(D.n - D.n_pos) + ")", "start", "mtw-muted");
      text(slider, pad, mid + half - 3, P + " (" + int(D.n_pos) + ")", "start", "mtw-muted");
      ticks(slider, x, mid + half + 2);
      svg("line", {x1: x(t), x2: x(t), y1: mid - half - 2, y2: mid + half + 2, "class": "mtw-tline"}, slider);
      svg("circle", {cx: x(t), cy: mid, r: 7, "class": "mtw-handle"}, slider);
      text(slider, Math.min(Math.max(x(t), 40), W - 40), 12, "threshold " + M().labels[state.i], "middle");
    }
    function curve(g, pts, cls) {  // pts: [x, y] or null for a gap
      var d = "", pen = false;
      pts.forEach(function (p) {
        if (!p) { pen = false; return; }
        d += (pen ? "L" : "M") + p[0].toFixed(1) + " " + p[1].toFixed(1);
        pen = true;
      });
      svg("path", {d: d, "class": cls}, g);
    }
    function series(fn) {  // one point per stop, a gap across each hidden window
      var out = [], S = M().stops;
      for (var i = 0; i < S.length; i++) {
        out.push(fn(i));
        if (i + 1 < S.length && gapAfter(i)) { out.push(null); }
      }
      return out;
    }
    function drawCost(best) {
      var W = width(costBox), H = 150, pad = 10, top = 18, bottom = 120, x = xScale(W, pad), S = M().stops;
      var costs = S.map(function (_, i) { return cost(at(i)); }), hi = Math.max.apply(null, costs) || 1;
      function y(v) { return bottom - (bottom - top) * v / hi; }
      costChart.textContent = "";
      costChart.setAttribute("viewBox", "0 0 " + W + " " + H);
      costChart.setAttribute("width", W); costChart.setAttribute("height", H);
      bands(costChart, x, top, bottom, false);
      svg("line", {x1: pad, x2: W - pad, y1: bottom, y2: bottom, "class": "mtw-axis"}, costChart);
      curve(costChart, series(function (i) { return [x(S[i]), y(costs[i])]; }), "mtw-curve");
      ticks(costChart, x, bottom);
      text(costChart, pad, 11, "expected cost per 1,000 images (0 to " + int(hi) + " false-alarm units)", "start", "mtw-muted");
      svg("line", {x1: x(S[state.i]), x2: x(S[state.i]), y1: top, y2: bottom, "class": "mtw-ref"}, costChart);
      svg("circle", {cx: x(S[best]), cy: y(costs[best]), r: 5, "class": "mtw-best"}, costChart);
      text(costChart, Math.min(Math.max(x(S[best]), 50), W - 50), y(costs[best]) + 16, "cheapest", "middle");
      costChart.setAttribute("aria-label", "Expected cost per 1,000 images against the threshold; the cheapest " +
        "threshold is " + M().labels[best] + ", at " + costs[best].toFixed(1) + ".");
    }
    function square(chart, box, pts, now, ref, xl, yl, label) {
      var W = Math.min(300, width(box)), H = W, pad = 34, x = function (v) { return pad + v * (W - pad - 8); };
      var y = function (v) { return H - pad - v * (H - pad - 8); };
      chart.textContent = "";
      chart.setAttribute("viewBox", "0 0 " + W + " " + H);
      chart.setAttribute("width", W); chart.setAttribute("height", H);
      svg("rect", {x: x(0), y: y(1), width: x(1) - x(0), height: y(0) - y(1), fill: "none", "class": "mtw-axis"}, chart);
      [0, 0.5, 1].forEach(function (v) {
        text(chart, x(v), H - pad + 14, String(v), "middle", "mtw-muted");
        text(chart, pad - 4, y(v) + 4, String(v), "end", "mtw-muted");
      });
      text(chart, (x(0) + x(1)) / 2, H - 4, xl, "middle");
      var yt = text(chart, 11, (y(0) + y(1)) / 2, yl, "middle");
      yt.setAttribute("transform", "rotate(-90 11 " + (y(0) + y(1)) / 2 + ")");
      curve(chart, [[x(ref[0][0]), y(ref[0][1])], [x(ref[1][0]), y(ref[1][1])]], "mtw-ref");
      curve(chart, pts.map(function (p) { return p && isFinite(p[1]) ? [x(p[0]), y(p[1])] : null; }), "mtw-curve");
      if (isFinite(now[1])) { svg("circle", {cx: x(now[0]), cy: y(now[1]), r: 5, "class": "mtw-dot"}, chart); }
      chart.setAttribute("aria-label", label);
    }

    // ---- images
    function place(span, slot, size) {
      var h = D.shape[0], w = D.shape[1], s = size / Math.max(h, w), col = slot % D.columns, row = Math.floor(slot / D.columns);
      span.style.width = Math.round(w * s) + "px"; span.style.height = Math.round(h * s) + "px";
      span.style.backgroundSize = Math.round(D.columns * w * s) + "px auto";
      span.style.backgroundPosition = (-col * w * s) + "px " + (-row * h * s) + "px";
    }
    var opener = null;
    function showDetail(e, key, button) {
      if (opener) { opener.setAttribute("aria-expanded", "false"); }
      place(big, e[0], 112);
      var id = D.ids[e[0]], predicted = key === "tp" || key === "fp" ? P : NP;
      big.setAttribute("aria-label", "Image " + id + ", actually " + (e[2] ? P : NP));
      facts.textContent = "";
      [["image", "#" + id], ["actual", e[2] ? P : NP], ["score", e[3]],
       ["threshold", M().labels[state.i]], ["predicted", predicted],
       ["cell", names[order.indexOf(key)]]].forEach(function (pair) {
        facts.appendChild(make("span", "mtw-key", pair[0])); facts.appendChild(make("span", "mtw-value", pair[1]));
      });
      detail.hidden = false;
      opener = button;
      button.setAttribute("aria-expanded", "true");
      close.focus();
    }
    function closeDetail() {
      detail.hidden = true;
      if (opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); }
      opener = null;
    }
    close.addEventListener("click", closeDetail);
    detail.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); closeDetail(); } });
    function fill(key, entries, fresh) {
      var list = cells[key].list;
      list.textContent = "";
      entries.forEach(function (e, n) {
        var item = make("div"), b = make("button", "mtw-thumb" + (fresh.indexOf(e) >= 0 ? " mtw-new" : ""));
        item.setAttribute("role", "listitem");
        b.type = "button";
        b.tabIndex = n === 0 ? 0 : -1;
        b.setAttribute("aria-expanded", "false");
        b.setAttribute("data-id", String(D.ids[e[0]]));
        var img = make("span", "mtw-img");
        place(img, e[0], 28);
        b.appendChild(img);
        b.appendChild(make("span", "mtw-cap", e[3]));
        b.appendChild(make("span", "mtw-sr", ": score of image " + D.ids[e[0]] + (fresh.indexOf(e) >= 0 ?
          ", just crossed the threshold" : "") + "; show it large"));
        b.addEventListener("click", function () { showDetail(e, key, b); });
        item.appendChild(b);
        list.appendChild(item);
      });
    }
    function roving(e) {
      var b = e.target.closest ? e.target.closest(".mtw-thumb") : null;
      if (!b) { return; }
      var all = Array.prototype.slice.call(b.closest(".mtw-thumbs").querySelectorAll(".mtw-thumb")), n = all.indexOf(b);
      var to = {ArrowRight: n + 1, ArrowDown: n + 1, ArrowLeft: n - 1, ArrowUp: n - 1, Home: 0, End: all.length - 1}[e.key];
      if (to === undefined) { return; }
      e.preventDefault();
      to = Math.max(0, Math.min(all.length - 1, to));
      all.forEach(function (x) { x.tabIndex = -1; });
      all[to].tabIndex = 0;
      all[to].focus();
    }
    table.addEventListener("keydown", roving);

    // ---- update
    var timer = null;
    function update(announce) {
      var model = M(), S = model.stops, t = S[state.i], c = at(state.i), met = metrics(c), approx = reweighted();
      var k = Math.pow(10, state.logk), i;
      buttons.forEach(function (b, m) { b.setAttribute("aria-pressed", String(m === state.m)); });
      slider.setAttribute("aria-valuemin", String(S[0]));
      slider.setAttribute("aria-valuemax", String(S[S.length - 1]));
      slider.setAttribute("aria-valuenow", String(t));
      slider.setAttribute("aria-valuetext", model.labels[state.i] + (D.models.length > 1 ? " (" + model.name + ")" : ""));
      readout.textContent = (D.models.length > 1 ? model.name + ": " : "") + "threshold " + model.labels[state.i] +
        ", " + int(c[0] + c[1]) + " images called " + P + (approx ? " (reweighted)" : "");
      order.forEach(function (key, n) {
        var v = c[[3, 1, 2, 0][n]];
        cells[key].count.textContent = (approx ? "≈" : "") + int(v);
        cells[key].td.setAttribute("data-count", String(Math.round(model.counts[state.i][[3, 1, 2, 0][n]])));
      });
      // images: closest calls in FP and FN; those that just crossed, in their new cell
      var fp = model.neg.filter(function (e) { return e[1] >= t; }).slice(0, D.cap);
      var fn = model.pos.filter(function (e) { return e[1] < t; }).reverse().slice(0, D.cap);
      var fresh = [], prev = state.prev === null ? null : S[state.prev];
      if (prev !== null && prev !== t) {
        var lo = Math.min(prev, t), hi = Math.max(prev, t);
        fresh = model.images.filter(function (e) { return e[1] >= lo && e[1] < hi; });
        fresh.sort(function (a, b) { return Math.abs(a[1] - t) - Math.abs(b[1] - t); });
      }
      var up = prev !== null && t > prev;
      var freshIn = {tn: up ? fresh.filter(function (e) { return !e[2]; }) : [],
                     tp: !up ? fresh.filter(function (e) { return e[2]; }) : []};
      fill("fp", fp, fresh); fill("fn", fn, fresh);
      fill("tn", freshIn.tn.slice(0, D.cap), fresh); fill("tp", freshIn.tp.slice(0, D.cap), fresh);
      var C = model.counts, was = state.prev === null ? null : C[state.prev], now = C[state.i];
      cells.fp.note.textContent = now[1] ? "closest calls first, scores ≥ " + model.labels[state.i] : "";
      cells.fn.note.textContent = now[2] ? "closest calls first, scores < " + model.labels[state.i] : "";
      cells.tn.note.textContent = was && up && was[1] > now[1] ? int(was[1] - now[1]) + " just crossed from FP" : "";
      cells.tp.note.textContent = was && !up && now[0] > was[0] ? int(now[0] - was[0]) + " just crossed from FN" : "";
      cells.fn.note.textContent += was && up && now[2] > was[2] ? "; " + int(now[2] - was[2]) + " just crossed from TP" : "";
      cells.fp.note.textContent += was && !up && now[1] > was[1] ? "; " + int(now[1] - was[1]) + " just crossed from TN" : "";
      bandNote.textContent = model.hidden.length ? "The grey band is an exercise: the explorer has no threshold " +
        "and shows no image there." : "";
      metricLine.textContent = "";
      [["precision", pct(met.precision)], ["recall", pct(met.recall)], ["F1", pct(met.f1)],
       ["accuracy", pct(met.accuracy)], ["always saying “" + NP + "”", pct(1 - state.pi)]].forEach(function (p) {
        var s = make("span", "", p[0] + " ");
        s.setAttribute("data-metric", p[0].split(" ")[0]);
        s.appendChild(make("b", "", p[1]));
        metricLine.appendChild(s);
      });
      drawSlider();
      // cost
      var best = 0, costs = S.map(function (_, j) { return cost(at(j)); });
      for (i = 1; i < S.length; i++) { if (costs[i] < costs[best]) { best = i; } }
      kInput.setAttribute("aria-valuetext", "a missed " + P + " costs as much as " + kText(k) + " false alarms");
      kLine.textContent = "A missed " + P + " costs as much as " + kText(k) + " false alarm" + (k === 1 ? "" : "s") + ".";
      costLine.textContent = "At threshold " + model.labels[state.i] + ": " + costs[state.i].toFixed(1) +
        " per 1,000 images. Cheapest of the explorer's thresholds: " + model.labels[best] + ", at " +
        costs[best].toFixed(1) + ".";
      cheapest.textContent = "Move the threshold to the cheapest (" + model.labels[best] + ")";
      cheapest.setAttribute("data-best", String(best));
      drawCost(best);
      // base rate
      piLine.textContent = "Share of " + P + "s: " + pct(state.pi) + (approx ? " (reweighted; the data has " +
        pct(pi0) + ")" : " (the data's own share)");
      reset.disabled = !approx;
      var pr = series(function (j) { var m = metrics(at(j)); return [m.recall, m.precision]; });
      var roc = series(function (j) { var m = metrics(at(j)); return [m.fpr, m.recall]; });
      square(prChart, prBox, pr, [met.recall, met.precision], [[0, state.pi], [1, state.pi]], "recall", "precision",
             "Precision against recall at the explorer's thresholds, " + P + "s at " + pct(state.pi) +
             "; the dashed line is the precision of saying " + P + " to everything (" + pct(state.pi) + ").");
      square(rocChart, rocBox, roc, [met.fpr, met.recall], [[0, 0], [1, 1]], "false positive rate", "recall",
             "ROC curve: recall against the false positive rate; the dashed diagonal is random guessing.");
      var base = metrics(model.counts[state.i]);
      if (!approx) {
        sentence.textContent = "At the data's share of " + P + "s (" + pct(pi0) + "), threshold " + model.labels[state.i] +
          " gives precision " + pct(met.precision) + ", recall " + pct(met.recall) + " and a false positive rate of " +
          pct(met.fpr) + ". Move the share: which of the three change?";
      } else {
        sentence.textContent = "With " + P + "s at " + pct(state.pi) + " instead of " + pct(pi0) + ", threshold " +
          model.labels[state.i] + " keeps recall at " + pct(met.recall) + " and the false positive rate at " +
          pct(met.fpr) + ", so the ROC point does not move; but precision " +
          (met.precision < base.precision ? "falls" : "rises") + " from " + pct(base.precision) + " to " +
          pct(met.precision) + ", because there are " + (state.pi < pi0 ? "more" : "fewer") + " " + NP +
          "s to raise false alarms for each " + P + ". Always saying “" + NP + "” would be right " + pct(1 - state.pi) +
          " of the time; the detector is right " + pct(met.accuracy) + (met.accuracy < 1 - state.pi ?
          " — worse than that baseline." : ".");
      }
      if (announce) {
        clearTimeout(timer);
        var msg = (D.models.length > 1 ? model.name + ", t" : "T") + "hreshold " + model.labels[state.i] + ": " +
          count(c[0], "true positive") + ", " + count(c[1], "false positive") + ", " +
          count(c[2], "false negative") + ", " + count(c[3], "true negative") + (approx ? " (reweighted)" : "") + ". Precision " + pct(met.precision) +
          ", recall " + pct(met.recall) + ".";
        timer = setTimeout(function () { live.textContent = msg; }, 250);
      }
    }
    function setStop(i) {
      i = Math.max(0, Math.min(M().stops.length - 1, i));
      if (i === state.i) { return; }
      state.prev = state.i; state.i = i;
      update(true);
    }
    function nearest(clientX) {
      var r = slider.getBoundingClientRect(), W = r.width, S = M().stops, x = xScale(W, 10), best = 0;
      for (var i = 1; i < S.length; i++) {
        if (Math.abs(x(S[i]) - (clientX - r.left)) < Math.abs(x(S[best]) - (clientX - r.left))) { best = i; }
      }
      return best;
    }
    slider.addEventListener("keydown", function (e) {
      var i = state.i, n = M().stops.length;
      switch (e.key) {
        case "ArrowRight": case "ArrowUp": i += 1; break;
        case "ArrowLeft": case "ArrowDown": i -= 1; break;
        case "PageUp": i += D.big_step; break;
        case "PageDown": i -= D.big_step; break;
        case "Home": i = 0; break;
        case "End": i = n - 1; break;
        default: return;
      }
      e.preventDefault();
      setStop(i);
    });
    var dragging = false;
    slider.addEventListener("pointerdown", function (e) {
      dragging = true;
      if (slider.setPointerCapture) { slider.setPointerCapture(e.pointerId); }
      slider.focus();
      setStop(nearest(e.clientX));
    });
    slider.addEventListener("pointermove", function (e) { if (dragging) { setStop(nearest(e.clientX)); } });
    ["pointerup", "pointercancel"].forEach(function (type) {
      slider.addEventListener(type, function () { dragging = false; });
    });
    kInput.addEventListener("input", function () { state.prev = null; state.logk = parseFloat(kInput.value); update(false); });
    cheapest.addEventListener("click", function () { setStop(+cheapest.getAttribute("data-best")); });
    piInput.addEventListener("input", function () { state.prev = null; state.pi = parseFloat(piInput.value) / 100; update(true); });
    reset.addEventListener("click", function () {
      state.prev = null; state.pi = pi0; piInput.value = (100 * pi0).toFixed(1); update(true); piInput.focus();
    });
    var lastWidth = 0;
    function redraw() {
      var w = Math.round(root.getBoundingClientRect().width);
      if (w && w !== lastWidth) { lastWidth = w; state.prev = null; update(false); }
    }
    if (window.ResizeObserver) { new ResizeObserver(redraw).observe(root); }
    window.addEventListener("beforeprint", function () { lastWidth = 0; redraw(); });
    update(false);
    lastWidth = Math.round(root.getBoundingClientRect().width);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".mtw:not([data-mtw-ready])"), enhance);
})();
