"""A stylesheet cut down to the rules a page can use (for ``assets.py``; not a hook itself).

mkdocs-jupyter inlines all of JupyterLab's CSS (about 575 KB) into every notebook page, though a static page uses
a few percent of it: most rules style JupyterLab's widgets, menus and dialogs. :class:`Pruner` parses the
stylesheet once (tinycss2, which nbconvert already depends on) and :meth:`Pruner.for_classes` keeps a rule only
when one of its selectors needs no class outside the page's classes. Classes that scripts add at run time are
kept by prefix (:data:`SAFE_PREFIXES`); ``:not()``, ``:is()``, ``:where()`` and ``:has()`` never remove a rule; a
selector with ``:root`` after its start never matches and goes. Custom properties (``--jp-…``, 90 KB of them, mostly
icons as data URLs) are kept only when a kept rule, or the text given as ``also_read`` (the site's own stylesheets,
the page's inline styles), reads them with ``var()``. At-rules other than ``@media``, ``@supports`` and keyframes are
kept as they are; keyframes only when a kept rule names them.
"""

from __future__ import annotations

import re

import tinycss2

_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NEVER = re.compile(r".:root\b")  # `.jupyter-wrapper :root` (mkdocs-jupyter scopes JupyterLab's :root rules so)
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|-webkit-any|-moz-any)\(")
# Classes that mkdocs-jupyter's scripts add in the reader's browser (a mermaid diagram, a warning).
SAFE_PREFIXES = ("jp-mod-warning", "jp-RenderedMermaid")


def _without_functional(selector: str) -> str:
    """``selector`` with the arguments of ``:not()``-like pseudo-classes removed (they never require a class)."""
    out, at = [], 0
    for match in _FUNCTIONAL.finditer(selector):
        if match.start() < at:
            continue
        out.append(selector[at:match.start()])
        depth, i = 1, match.end()
        while i < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
        at = i
    out.append(selector[at:])
    return "".join(out)


def split_selectors(prelude: str) -> list[str]:
    """The selectors of a selector list, split at top-level commas.

    Examples
    --------
    >>> split_selectors(".a .b, :is(.c, .d) > p")
    ['.a .b', ':is(.c, .d) > p']
    """
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def required_classes(selector: str) -> frozenset:
    """The classes an element tree must have for ``selector`` to match anything.

    Examples
    --------
    >>> sorted(required_classes(".jp-Cell:not(.jp-mod-active) .jp-InputPrompt"))
    ['jp-Cell', 'jp-InputPrompt']
    """
    names = _CLASS.findall(_without_functional(selector))
    return frozenset(n for n in names if not n.startswith(SAFE_PREFIXES))


class Pruner:
    """A parsed stylesheet that writes the part of it a set of classes can use.

    Examples
    --------
    >>> pruner = Pruner(".a{color:red;--x:1;--y:2}.b,.a p{margin:var(--y)}@media print{.c{x:y}}"
    ...                 "@keyframes k{to{x:y}}.a{animation:k 1s}.a :root{--z:0}")
    >>> pruner.for_classes({"a"})
    '.a{color:red;--y:2}.a p{margin:var(--y)}.a{animation:k 1s}@keyframes k{to{x:y}}'
    """

    def __init__(self, css: str):
        self.items = [self._item(rule) for rule in
                      tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)]

    def _item(self, rule):
        if rule.type == "qualified-rule":
            selectors = [(s, required_classes(s)) for s in split_selectors(tinycss2.serialize(rule.prelude))
                         if not _NEVER.search(s)]
            declarations = []
            for d in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True):
                if d.type == "declaration":
                    value = tinycss2.serialize(d.value).strip()
                    important = "!important" if d.important else ""
                    declarations.append((d.name if d.name.startswith("--") else None,
                                         f"{d.name}:{value}{important}", frozenset(_VAR.findall(value))))
            return ("rule", selectors, declarations)
        if rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword in ("media", "supports") and rule.content is not None:
                inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True)
                head = f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}"
                return ("block", head, [self._item(r) for r in inner])
            if keyword.endswith("keyframes"):
                return ("keyframes", tinycss2.serialize(rule.prelude).strip(), rule.serialize())
            return ("keep", rule.serialize())
        return ("skip",)

    def _write(self, items, classes, out: list, keyframes: list) -> None:
        """Append (selectors, declarations) of each kept rule to ``out`` (a kept block as its text)."""
        for item in items:
            kind = item[0]
            if kind == "rule":
                kept = [s for s, needed in item[1] if needed <= classes]
                if kept and item[2]:
                    out.append((",".join(kept), item[2]))
            elif kind == "block":
                inner: list = []
                self._write(item[2], classes, inner, keyframes)
                if inner:
                    out.append((item[1], inner))
            elif kind == "keyframes":
                keyframes.append(item)
            elif kind == "keep":
                out.append((item[1], None))

    @staticmethod
    def _declarations(out):
        for head, body in out:
            if isinstance(body, list) and body and isinstance(body[0], tuple) and len(body[0]) == 2:
                yield from Pruner._declarations(body)
            elif body:
                yield from body

    @staticmethod
    def _text(out, needed) -> str:
        parts = []
        for head, body in out:
            if body is None:
                parts.append(head)
            elif body and len(body[0]) == 2:  # a block of rules
                inner = Pruner._text(body, needed)
                if inner:
                    parts.append(f"{head}{{{inner}}}")
            else:
                kept = [text for name, text, _ in body if name is None or name in needed]
                if kept:
                    parts.append(f"{head}{{{';'.join(kept)}}}")
        return "".join(parts)

    def for_classes(self, classes, also_read: str = "") -> str:
        """The rules that can apply to a page whose elements have (at most) these ``classes``.

        ``also_read``: other CSS or HTML whose ``var(--…)`` references keep those custom properties.
        """
        out: list = []
        keyframes: list = []
        self._write(self.items, frozenset(classes), out, keyframes)
        declarations = list(self._declarations(out))
        needed = set(_VAR.findall(also_read))
        for name, _, reads in declarations:
            if name is None:
                needed |= reads
        growing = True
        while growing:  # custom properties read by kept custom properties
            before = len(needed)
            for name, _, reads in declarations:
                if name is not None and name in needed:
                    needed |= reads
            growing = len(needed) > before
        text = self._text(out, needed)
        used = [k[2] for k in keyframes if re.search(rf"(?<![\w-]){re.escape(k[1])}(?![\w-])", text)]
        return text + "".join(used)


_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')


def classes_in(html: str) -> set:
    """Every class named in a ``class`` attribute of ``html``.

    Examples
    --------
    >>> sorted(classes_in('<div class="a b"><span class="b c"></span></div>'))
    ['a', 'b', 'c']
    """
    found: set = set()
    for value in _CLASS_ATTRIBUTE.findall(html):
        found.update(value.split())
    return found
