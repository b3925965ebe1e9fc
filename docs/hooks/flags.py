"""Build part: the flag exercises page and its salted answer hashes.

What it does, in build order:

- ``on_pre_build``: get one salted PBKDF2-SHA256 hash per flag (``mnist_tutorials.flags``), with its
  iteration count. The hashes are cached in ``.cache/flags/<key>.json`` where
  ``key = mnist_tutorials.flags.cache_key()`` (package sources, data checksums, Python/NumPy/scikit-learn
  versions), so an unchanged rebuild computes nothing. A cache file holds the salt and the hashes, never
  an answer; one with a missing or empty salt, or of an older format, is recomputed.
- ``on_files``: publish them as ``exercises/flags.json``, and check that the flags page and every
  flag's tutorial page exist.
- ``on_nav``: remember the tutorials' titles for the links.
- ``on_page_markdown``: replace ``<!-- flags:list -->`` on ``exercises/flags.md`` with one card per
  flag (question, tutorial link, text box, Check button) and load ``javascripts/flags.js``.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

import _buildcache  # sibling module: docs/hooks/_buildcache.py
import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)

log = logging.getLogger("mkdocs.hooks.flags")

_PAGE = "exercises/flags.md"
_JSON = "exercises/flags.json"
_SCRIPT = "javascripts/flags.js"
_MARKER = "<!-- flags:list -->"
_FORMAT = 3  # 1: one SHA-256 per answer; 2: PBKDF2-SHA256 with a per-flag iteration count; 3: a list of hashes per flag



# Run in a fresh Python process, so that `mkdocs serve`, which rebuilds in one process, always runs the code on disk
# (an edited registry or computation) with the package's public API, and never reloads a module. It prints the
# registry, the cache key and, given a salt, the answers' hashes, as JSON.
_FLAGS_PROCESS = """
import json, sys
from mnist_tutorials import flags
registry = {label: {"label": f.label, "title": f.title, "question": f.question, "tutorial": f.tutorial,
                    "kind": f.kind, "decimals": f.decimals,
                    "also_accepted": [{"source": e.source, "why": e.why} for e in f.also_accepted]}
            for label, f in flags.FLAGS.items()}
out = {"key": flags.cache_key(), "kdf": flags.KDF, "flags": registry}
if sys.argv[1:]:
    out["hashes"] = flags.compute_flag_hashes(sys.argv[1], log=lambda m: print(m, file=sys.stderr, flush=True))
print(json.dumps(out))
"""


class _FlagsOfTheCode:
    """What the hook needs of ``mnist_tutorials.flags`` (``FLAGS``, ``KDF``, ``cache_key()``,
    ``compute_flag_hashes()``), read from a fresh process (:data:`_FLAGS_PROCESS`)."""

    def __init__(self):
        described = self._run()
        self._key, self.KDF = described["key"], described["kdf"]
        self.FLAGS = {label: SimpleNamespace(**{**flag, "also_accepted": tuple(
            SimpleNamespace(**extra) for extra in flag["also_accepted"])}) for label, flag in described["flags"].items()}

    @staticmethod
    def _run(*args: str) -> dict:
        result = subprocess.run([sys.executable, "-c", _FLAGS_PROCESS, *args], cwd=_shared.REPO, text=True,
                                stdout=subprocess.PIPE, stderr=None if args else subprocess.PIPE,
                                env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                    filter(None, [str(_shared.REPO), os.environ.get("PYTHONPATH")]))})
        if result.returncode:
            raise _shared.error("flags", f"reading the flags of mnist_tutorials.flags failed (exit "
                                         f"{result.returncode}): {(result.stderr or '')[-2000:]}Fix the error above.")
        return json.loads(result.stdout)

    def cache_key(self) -> str:
        return self._key

    def compute_flag_hashes(self, salt: str, log=None) -> dict:
        return self._run(salt)["hashes"]


def _flags_module(config):
    return _FlagsOfTheCode()


def _read_cache(path: Path, labels: list[str]) -> dict | None:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or content.get("version") != _FORMAT:
        return None
    salt, hashes = content.get("salt"), content.get("flags")
    if not isinstance(salt, str) or not re.fullmatch(r"[0-9a-f]{16,}", salt):
        return None  # a missing or empty salt is never trusted
    if not isinstance(hashes, dict) or list(hashes) != labels:
        return None
    for entry in hashes.values():
        if not isinstance(entry, dict) or not isinstance(entry.get("hashes"), list) or not entry["hashes"]:
            return None
        if not all(re.fullmatch(r"[0-9a-f]{64}", str(h)) for h in entry["hashes"]):
            return None
        if not isinstance(entry.get("iterations"), int) or entry["iterations"] < 1:
            return None
    return content


def _has_flags_page(config) -> bool:
    """Whether the site being built has the flags page (``docs_dir/exercises/flags.md``). A site without it (the
    tiny test site) gets nothing from this part: no answers computed, nothing published."""
    docs_dir = getattr(config, "docs_dir", None)
    return docs_dir is None or (Path(docs_dir) / _PAGE).is_file()


def on_pre_build(config, *, in_background=False):
    if not in_background and not _has_flags_page(config):
        STATE.flags.clear()
        return
    flags = _flags_module(config)
    key = flags.cache_key()
    labels = list(flags.FLAGS)
    path = _shared.cache_dir(config) / "flags" / f"{key}.json"
    content = _read_cache(path, labels)
    if content is None and path.exists() and not in_background:  # a malformed cache file is a logged miss
        log.info(f"flags: {path} is unusable (malformed, or of another format); its answers are computed again")
    if content is None and not in_background and _buildcache.serving():
        # `mkdocs serve`: the answers are computed after the first page is served; then the site reloads.
        _buildcache.in_background("flag answers", lambda: on_pre_build(config, in_background=True))
        STATE.flags.update(flags=flags, published={"version": _FORMAT, "kdf": flags.KDF, "salt": "", "flags": {},
                                              "pending": True})
        return
    if content is not None:
        log.info(f"flags: {len(labels)} answer hashes unchanged, reused from {path.name}")
    else:
        log.info(f"flags: computing {len(labels)} answers (cache key {key}; about a minute) ...")
        start = time.perf_counter()
        salt = secrets.token_hex(16)
        content = {"version": _FORMAT, "key": key, "salt": salt, "kdf": flags.KDF,
                   "flags": flags.compute_flag_hashes(salt, log=log.info)}
        _buildcache.atomic_write(path, json.dumps(content, indent=1))  # two builds at once never share a file
        log.info(f"flags: answers computed in {time.perf_counter() - start:.1f} s, hashes cached in {path}")
    STATE.flags.update(flags=flags, published={"version": _FORMAT, "kdf": flags.KDF, "salt": content["salt"],
                                          "flags": content["flags"]})


def on_files(files, config):
    if "flags" not in STATE.flags:  # a site without the flags page (on_pre_build)
        return files
    flags = STATE.flags["flags"]
    if files.get_file_from_path(_PAGE) is None:
        raise _shared.error("flags", f"{_PAGE} is missing from docs/; it hosts the flag exercises. Restore it "
                                     f"(with {_MARKER} where the flags go).")
    for flag in flags.FLAGS.values():
        if files.get_file_from_path(flag.tutorial) is None:
            raise _shared.error(
                "flags", f"flag {flag.label} belongs to docs/{flag.tutorial}, which does not exist. "
                         f"Fix `tutorial=` in mnist_tutorials/flags.py or add the page.")
    files.append(File.generated(config, _JSON, content=json.dumps(STATE.flags["published"], indent=1)))
    return files


def on_nav(nav, config, files):
    STATE.flags["titles"] = {page.file.src_uri: page.title for page in nav.pages if page.title}
    return nav


def _answer_hint(flag) -> str:
    if flag.kind == "integer":
        return "a whole number (`1234` or `1,234`)"
    if flag.kind == "number":
        return f"a number to {flag.decimals} decimal{'s' if flag.decimals != 1 else ''}"
    fraction = "0." + "x" * flag.decimals if flag.decimals else "0 or 1"
    places = flag.decimals - 2
    percent = "x" * 2 + ("." + "x" * places if places > 0 else "") + "%"
    return f"a fraction to {flag.decimals} decimals (`{fraction}`) or a percentage (`{percent}`)"


def _tutorial_title(flag, files) -> str:
    """The tutorial's nav title, else the ``# Title`` of its first Markdown cell, else its file name."""
    title = STATE.flags.get("titles", {}).get(flag.tutorial)
    if title:
        return title
    file = files.get_file_from_path(flag.tutorial) if files is not None else None
    if file is not None and file.abs_src_path:
        for line in Path(file.abs_src_path).read_text(encoding="utf-8").splitlines():
            if line.startswith("# # "):
                return line[4:].strip()
    return Path(flag.tutorial).stem


def _also_accepted_note(flag) -> str:
    """A paragraph saying which other answers count and why they differ (never a number); empty if none."""
    if not flag.also_accepted:
        return ""
    import sklearn

    sources = "; ".join(extra.source for extra in flag.also_accepted)
    why = " ".join(extra.why for extra in flag.also_accepted)
    return (f"\n**Two answers are accepted:** the one this computation gives with the scikit-learn this site was "
            f"built with ({sklearn.__version__}), and the one it gives with the older scikit-learn of the course "
            f"({sources}). They differ because {why[0].lower() + why[1:]}\n")


def _card(flag, page_uri: str, files) -> str:
    tutorial_title = _tutorial_title(flag, files)
    link = get_relative_url(flag.tutorial, page_uri)  # a path between source files: MkDocs checks it
    label = html.escape(flag.label, quote=True)
    return f"""
<div class="flag-card" data-flag="{label}" markdown>

### {flag.label}: {flag.title}

{flag.question}

**Tutorial:** [{tutorial_title}]({link}) · **Answer:** {_answer_hint(flag)}.
{_also_accepted_note(flag)}
<form class="flag-form" method="dialog" autocomplete="off">
<label>Answer to {label} <input class="flag-input" type="text" spellcheck="false"></label>
<button type="submit" class="md-button md-button--primary flag-check">Check</button>
<span class="flag-solved" hidden>✓ solved</span>
</form>
<p class="flag-result" role="status" aria-live="polite"></p>

</div>
"""


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != _PAGE:
        return markdown
    if markdown.count(_MARKER) != 1:
        raise _shared.error("flags", f"docs/{_PAGE} must contain {_MARKER} exactly once, where the flags go; "
                                     f"found it {markdown.count(_MARKER)} times.")
    flags = STATE.flags["flags"]
    json_url = _shared.url_to(_JSON, page)
    script_url = _shared.url_to(_SCRIPT, page)
    cards = "".join(_card(flag, page.file.src_uri, files) for flag in flags.FLAGS.values())
    if STATE.flags["published"].get("pending"):
        cards = ('\n!!! warning "Answers being computed"\n    `mkdocs serve` is computing the answers in the background;'
                 " this page reloads by itself when they are ready.\n" + cards)
    block = f"""<div id="flag-exercises" class="flag-exercises" data-flags-url="{html.escape(json_url)}" markdown>

<noscript><div class="admonition warning flag-noscript"><p class="admonition-title">Checking an answer needs
JavaScript</p><p>JavaScript is off in this browser, so the Check buttons do nothing (and nothing you type leaves
this page). Turn it on for this site, or check from Python:
<code>python -m mnist_tutorials check-flag LABEL ANSWER</code>.</p></div></noscript>
<p class="flag-load-error" hidden></p>
{cards}
<p><button type="button" class="md-button flag-reset">Forget solved flags</button></p>

</div>

<script src="{html.escape(script_url)}"></script>
"""
    return markdown.replace(_MARKER, block)
