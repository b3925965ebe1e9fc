// TeX to SVG with MathJax 3 in node, for docs/hooks/_mathsvg.py: reads {"mathjax": dir, "items": [[tex, display],
// ...]} as JSON on stdin, writes {"css": the SVG output's stylesheet, "html": [one <mjx-container> per item],
// "glyphs": one hidden <svg> holding every glyph the formulas draw}. Each formula is an SVG whose glyphs are <use>
// references into that page-wide cache (fontCache "global": a glyph that ten formulas use is written once), with
// MathJax's assistive MathML beside it, which screen readers read (the SVG itself is aria-hidden).
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  require(request.mathjax + "/node-main.js").init({
    loader: {paths: {mathjax: request.mathjax}, load: ["input/tex", "output/svg", "adaptors/liteDOM", "a11y/assistive-mml"]},
    tex: {packages: {"[+]": ["ams"]}},
    svg: {fontCache: "global"},
    startup: {typeset: false},
  }).then((MathJax) => {
    const adaptor = MathJax.startup.adaptor;
    const html = request.items.map(([tex, display]) => {
      MathJax.texReset();
      return adaptor.outerHTML(MathJax.tex2svg(tex, {display: display}));
    });
    const css = adaptor.textContent(MathJax.svgStylesheet());
    const glyphs = '<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false" ' +
      'style="display: none">' + adaptor.outerHTML(MathJax.startup.output.fontCache.getCache()) + "</svg>";
    process.stdout.write(JSON.stringify({css, html, glyphs}));
  }).catch((error) => {
    process.stderr.write(String(error && error.stack || error));
    process.exit(1);
  });
});
