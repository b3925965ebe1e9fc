"""The stylesheet that :func:`mnist_tutorials.plotting.threshold_widget` inlines (its script: ``_threshold_js``).

Python modules, not ``.css``/``.js`` files, so that the site's execution cache (which hashes the package's ``*.py``
files) re-executes the pages that use the widget when either changes.

Every selector is scoped under ``.mtw`` (move-the-threshold widget). Colours come from Material's CSS variables
(then JupyterLab's) with plain fallbacks, and follow Material's dark scheme (``data-md-color-scheme=slate``).
Without JavaScript only ``.mtw-fallback`` (a table of precision and recall) shows; the script adds ``mtw-js`` and
builds the rest. Printing keeps the drawn state and drops the controls.
"""

from ._threshold_js import JS

__all__ = ["CSS", "JS"]

CSS = """
.mtw{--mtw-line:var(--md-default-fg-color--lightest,var(--jp-border-color1,rgba(128,128,128,.35)));
--mtw-muted:var(--md-default-fg-color--light,var(--jp-content-font-color2,#595959));
--mtw-accent:var(--md-accent-fg-color,var(--jp-brand-color1,#3f51b5));
--mtw-panel:var(--md-code-bg-color,var(--jp-layout-color2,rgba(128,128,128,.1)));
--mtw-neg:#2f5fc4;--mtw-pos:#c24e00;--mtw-band:rgba(128,128,128,.28);--mtw-tint:rgba(194,78,0,.07);
max-width:100%;margin:.8em 0;font-size:13px;line-height:1.4;color:inherit;min-width:0}
[data-md-color-scheme=slate] .mtw,[data-jp-theme-light=false] .mtw{--mtw-neg:#8fb0ff;--mtw-pos:#ffa05c;
--mtw-tint:rgba(255,160,92,.1)}
.mtw *{box-sizing:border-box}
.mtw .mtw-heading{font-weight:600;margin:0 0 .3em}
.mtw table{border-collapse:collapse;margin:0;background:transparent;color:inherit;font-size:12px;
font-variant-numeric:tabular-nums;display:table;width:auto}
.mtw caption{caption-side:top;text-align:left;color:var(--mtw-muted);padding:0 0 .3em}
.mtw th,.mtw td{border:1px solid var(--mtw-line);padding:3px 6px;text-align:right;vertical-align:top;
background:transparent;color:inherit}
.mtw tr,.mtw tbody tr:nth-child(odd),.mtw tbody tr:hover{background:transparent}
.mtw.mtw-js .mtw-fallback{display:none}
.mtw .mtw-fallback{max-width:100%;overflow-x:auto}
.mtw .mtw-bar{display:flex;flex-wrap:wrap;gap:.3em .8em;align-items:center;margin:0 0 .3em}
.mtw button{font:inherit;font-size:12px;color:inherit;background:transparent;border:1px solid var(--mtw-line);
border-radius:3px;padding:2px 8px;min-height:28px;cursor:pointer;margin:0}
.mtw button[aria-pressed=true]{background:#3949ab;border-color:#3949ab;color:#fff}
.mtw button:focus-visible,.mtw input:focus-visible,.mtw svg:focus-visible{outline:2px solid var(--mtw-accent);
outline-offset:2px}
.mtw p{margin:.2em 0}
.mtw .mtw-hint,.mtw .mtw-note{color:var(--mtw-muted);font-size:12px}
.mtw .mtw-readout{font-weight:600}
.mtw .mtw-chart{width:100%;min-width:0;position:relative}
.mtw svg{display:block;max-width:100%;height:auto;overflow:visible}
.mtw svg text{fill:currentColor;font-size:11px;font-family:inherit;paint-order:stroke;
stroke:var(--md-default-bg-color,var(--jp-layout-color0,#fff));stroke-width:3px;stroke-linejoin:round}
.mtw svg .mtw-muted{fill:var(--mtw-muted)}
.mtw svg.mtw-slider{cursor:ew-resize;touch-action:pan-y;user-select:none;-webkit-user-select:none}
.mtw .mtw-negbar{fill:var(--mtw-neg)}.mtw .mtw-posbar{fill:var(--mtw-pos)}
.mtw .mtw-bandrect{fill:var(--mtw-band)}
.mtw .mtw-tintrect{fill:var(--mtw-tint)}
.mtw .mtw-axis{stroke:var(--mtw-muted);stroke-width:1}
.mtw .mtw-tline{stroke:currentColor;stroke-width:2}
.mtw .mtw-handle{fill:var(--mtw-accent);stroke:#fff;stroke-width:1.5}
.mtw .mtw-curve{fill:none;stroke:var(--mtw-accent);stroke-width:2}
.mtw .mtw-ref{fill:none;stroke:var(--mtw-muted);stroke-width:1;stroke-dasharray:4 3}
.mtw .mtw-dot{fill:var(--mtw-accent);stroke:#fff;stroke-width:1.5}
.mtw .mtw-best{fill:var(--mtw-pos);stroke:#fff;stroke-width:1.5}
.mtw table.mtw-matrix{width:100%;table-layout:fixed;margin:.4em 0}
.mtw .mtw-matrix th{font-weight:600;text-align:left;font-size:12px}
.mtw .mtw-matrix thead td:first-child,.mtw .mtw-matrix tbody th{width:4.8em;font-weight:400;color:var(--mtw-muted)}
.mtw .mtw-matrix td{text-align:left;padding:4px 5px}
.mtw .mtw-matrix td.mtw-err{background:var(--mtw-panel)}
.mtw .mtw-count{font-size:15px;font-weight:700}
.mtw .mtw-name{font-size:11px;display:block}
.mtw td .mtw-note{color:inherit}
.mtw .mtw-thumbs{display:flex;flex-wrap:wrap;gap:3px;margin:.3em 0 0;padding:0;list-style:none}
.mtw .mtw-thumbs>div{margin:0;padding:0}
.mtw .mtw-thumb{display:flex;flex-direction:column;align-items:center;padding:1px;min-height:0;border-radius:3px;
min-width:0}
.mtw .mtw-thumb.mtw-new{border-color:var(--mtw-pos);box-shadow:0 0 0 2px var(--mtw-pos);animation:mtw-arrive .7s ease-out}
@keyframes mtw-arrive{from{transform:translateY(-6px) scale(1.25);opacity:.2}to{transform:none;opacity:1}}
@media (prefers-reduced-motion:reduce){.mtw .mtw-thumb.mtw-new{animation:none}}
.mtw .mtw-img{display:block;background-color:#fff;background-repeat:no-repeat;background-image:var(--mtw-sprite);
image-rendering:crisp-edges;image-rendering:pixelated}
[data-md-color-scheme=slate] .mtw .mtw-img,[data-jp-theme-light=false] .mtw .mtw-img{filter:invert(1)}
.mtw .mtw-cap{font-size:9px;line-height:1.1;color:inherit;white-space:nowrap}
.mtw .mtw-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.mtw .mtw-metrics{display:flex;flex-wrap:wrap;gap:.2em 1.1em;margin:.3em 0}
.mtw .mtw-metrics span{white-space:nowrap}
.mtw .mtw-metrics b{font-variant-numeric:tabular-nums}
.mtw .mtw-detail{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:flex-start;background:var(--mtw-panel);
border-radius:4px;padding:.5em .6em;margin:.4em 0}
.mtw .mtw-detail[hidden]{display:none}
.mtw .mtw-facts{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.1em .8em;margin:0}
.mtw .mtw-facts .mtw-key{color:inherit;font-weight:400}
.mtw .mtw-section{border-top:1px solid var(--mtw-line);margin-top:.7em;padding-top:.5em}
.mtw .mtw-sub{font-weight:600}
.mtw label{display:block}
.mtw input[type=range]{width:100%;max-width:26em;margin:.2em 0;accent-color:var(--mtw-accent)}
.mtw .mtw-pair{display:flex;flex-wrap:wrap;gap:.5em 1.5em}
.mtw .mtw-pair>div{flex:1 1 200px;min-width:0;max-width:300px}
@media print{.mtw button:not(.mtw-thumb),.mtw input,.mtw .mtw-hint,.mtw label .mtw-hint{display:none!important}
.mtw{break-inside:avoid-page;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.mtw .mtw-section{break-inside:avoid}.mtw .mtw-thumb.mtw-new{animation:none}}
"""
