"""Build part: figures for the Markdown pages, drawn at build time by the package's ``plot_*`` functions.

Each figure is rendered to PNG and added to the site as ``generated/<name>.png`` (a generated file in
``site/``; nothing is written into ``docs/`` or committed). Markdown pages link to ``generated/<name>.png`` as
if it were a normal file. The PNGs are cached in ``.cache/figures/<key>/`` (next to the site's mkdocs.yml), where the
key is the build caches' one rule (``mnist_tutorials._cachekey.cache_key``): this hook's bytes, the package modules
it imports (transitively), the data checksums and the library versions. So ``mkdocs serve`` does not redraw them on every save, yet never
shows a stale figure. Each PNG is written atomically; a truncated one is logged, deleted and drawn again. Other key
folders are removed after a build succeeds.

**Figures as files.** A tutorial's outputs hold each figure as a ``data:`` URL inside the HTML (nbconvert's way, and
what the execution cache keeps), which made the page itself megabytes long, slow to first paint on a phone, and
never cached. ``on_page_content`` moves every such image into a file next to the page (``<page>/fig-<hash>.png``,
named by its content, so a browser or CDN may cache it for good) and rewrites the tag to
``<img src="fig-<hash>.png" loading="lazy" decoding="async" width height>`` (the first figure of a page is not lazy:
on a phone it may be the largest paint of the first screen); the width and height come from the tag
or, when it has none, from the image itself, so the page does not jump while figures load. The files are written
into the built site in ``on_post_page``; the execution cache keeps the outputs as they were.

The package's HTML widgets (the confusion explorer, the threshold explorer) carry their thumbnails as one PNG sprite,
a ``data:`` URL in their JSON (``"sprite":"data:image/png;base64,..."``: 183 KB of page 07's 548 KB, which a phone
had to download before its first paint). It is moved to a file the same way, and the JSON names the file; the
widget sets it as a CSS ``url()``, which the browser resolves against the page.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import io
import pathlib
import posixpath
import re
import shutil
from types import MappingProxyType

from mkdocs.structure.files import File

import _buildcache  # sibling module: docs/hooks/_buildcache.py
import _shared  # sibling module: docs/hooks/_shared.py
from _buildstate import STATE  # sibling module: docs/hooks/_buildstate.py (the build's one state object)


def _home_datasets():
    import matplotlib.pyplot as plt

    from mnist_tutorials import fetch_fashion_mnist, fetch_mnist
    from mnist_tutorials.plotting import plot_class_examples, plot_digits

    mnist, fashion = fetch_mnist(), fetch_fashion_mnist()
    fig = plt.figure(figsize=(12, 5.2), layout="constrained")
    left, right = fig.subfigures(1, 2, width_ratios=[1, 1.35])
    plot_digits(mnist.data[:100], n_cols=10, ax=left.subplots())
    left.suptitle("MNIST: the first 100 digits")
    plot_class_examples(fashion.data[:60000], fashion.target[:60000], fashion.target_names,
                        axes=right.subplots(2, 5))
    right.suptitle("Fashion-MNIST: the first item of each class")
    return fig


def _score_histograms():
    from sklearn.linear_model import SGDClassifier

    from mnist_tutorials import fetch_mnist
    from mnist_tutorials.plotting import plot_score_histograms

    mnist = fetch_mnist()
    X, y = mnist.data, mnist.target
    sgd_clf = SGDClassifier(random_state=42).fit(X[:10000], y[:10000] == "5")
    y_scores = sgd_clf.decision_function(X[10000:20000])
    return plot_score_histograms(y[10000:20000] == "5", y_scores, threshold=0,
                                 labels=("not a 5", "a 5"))


FIGURES = MappingProxyType({"home_datasets": _home_datasets, "score_histograms": _score_histograms})

# An <img> whose src is a data: URL of a PNG, JPEG, GIF or SVG image (nbconvert, _kernel_setup.py).
_DATA_IMG = re.compile(r'<img\b([^>]*?)\ssrc="data:image/(png|jpeg|gif|svg\+xml);base64,([A-Za-z0-9+/=\s]+)"([^>]*)>')
_SUFFIX = MappingProxyType({"png": "png", "jpeg": "jpg", "gif": "gif", "svg+xml": "svg"})
# A widget's thumbnail sprite inside its JSON payload (mnist_tutorials.plotting.explorer._sprite).
_DATA_SPRITE = re.compile(r'"sprite":\s*"data:image/png;base64,([A-Za-z0-9+/=]+)"')
_ATTRIBUTE = re.compile(r'\s(width|height|loading|decoding)="([^"]*)"')


def _key() -> str:
    return _buildcache.cache_key("figures", [__file__])


def _render(make) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = make()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _cache_root(config) -> pathlib.Path:
    return _shared.cache_dir(config) / "figures"


def _wanted(files) -> list[str]:
    """The names of :data:`FIGURES` that a Markdown page of the site shows (``generated/<name>.png``)."""
    text = "\n".join(pathlib.Path(file.abs_src_path).read_text(encoding="utf-8")
                     for file in files.documentation_pages() if file.src_uri.endswith(".md") and file.abs_src_path)
    return [name for name in FIGURES if f"generated/{name}.png" in text]


def on_files(files, config):
    """Draw the figures the site's pages show (a site that shows none, the tiny test site, draws nothing)."""
    cache = _cache_root(config) / _key()
    for name in _wanted(files):
        make = FIGURES[name]
        path = cache / f"{name}.png"
        content = _buildcache.read_png(path)
        if content is None:
            content = _render(make)
            _buildcache.atomic_write(path, content)
        files.append(File.generated(config, f"generated/{name}.png", content=content))
    STATE.figures["cache"] = cache
    return files


def on_post_build(config):
    """The build succeeded: figure folders of other keys are stale."""
    for stale in _cache_root(config).iterdir() if _cache_root(config).is_dir() else ():
        if stale.is_dir() and stale != STATE.figures.get("cache"):
            shutil.rmtree(stale)
    _buildcache.remove_partials(STATE.figures["cache"])



def image_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """Width and height in pixels of a PNG, GIF or JPEG image, or None when the bytes do not say.

    Examples
    --------
    >>> png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
    >>> image_size(png, "png")
    (640, 480)
    """
    if kind == "png" and data[:8] == _buildcache.PNG_SIGNATURE and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if kind == "gif" and data[:3] == b"GIF" and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if kind == "jpeg":
        at = 2
        while at + 9 < len(data) and data[at] == 0xFF:
            marker, length = data[at + 1], int.from_bytes(data[at + 2:at + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                return int.from_bytes(data[at + 7:at + 9], "big"), int.from_bytes(data[at + 5:at + 7], "big")
            at += 2 + length
    return None


def figures_as_files(html: str, page_url: str) -> tuple[str, dict[str, bytes]]:
    """``html`` with each ``data:`` image moved to a file beside the page, and those files (site path -> bytes).

    Examples
    --------
    >>> png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + (8).to_bytes(4, "big") + (4).to_bytes(4, "big")
    >>> tag = f'<img alt="A" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
    >>> out, files = figures_as_files(tag + tag, "tutorials/01_meet_the_data/")
    >>> out.split(">")[1] + ">"  # the second one; the first, maybe the page's largest paint, is not lazy
    '<img alt="A" src="fig-17ca48099e7e.png" width="8" height="4" loading="lazy" decoding="async">'
    >>> list(files)
    ['tutorials/01_meet_the_data/fig-17ca48099e7e.png']
    >>> sprite = '{"n":1,"sprite":"data:image/png;base64,' + base64.b64encode(png).decode() + '"}'
    >>> figures_as_files(sprite, "tutorials/11_fashion_keras/")[0]  # a widget's thumbnails, in its JSON
    '{"n":1,"sprite":"fig-17ca48099e7e.png"}'
    """
    folder = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    files: dict[str, bytes] = {}
    files_before = False  # set after the first image: every later one is lazy

    def move(match):
        nonlocal files_before
        before, kind, payload, after = match.groups()
        data = base64.b64decode("".join(payload.split()))
        name = f"fig-{hashlib.sha256(data).hexdigest()[:12]}.{_SUFFIX[kind]}"
        files[folder + name] = data
        attributes = dict(_ATTRIBUTE.findall(before + after))
        rest = _ATTRIBUTE.sub("", before + after).rstrip(" /")
        if "width" not in attributes or "height" not in attributes:
            size = image_size(data, kind)
            if size is not None:
                attributes.setdefault("width", str(size[0]))
                attributes.setdefault("height", str(size[1]))
        if files_before:  # the page's first figure may be its largest paint: not lazy
            attributes.setdefault("loading", "lazy")
        attributes.setdefault("decoding", "async")
        extra = "".join(f' {key}="{html_lib.escape(value)}"' for key, value in attributes.items())
        files_before = True
        return f'<img{rest} src="{name}"{extra}>'

    def move_sprite(match):
        data = base64.b64decode(match.group(1))
        name = f"fig-{hashlib.sha256(data).hexdigest()[:12]}.png"
        files[folder + name] = data
        return f'"sprite":"{name}"'

    html = _DATA_IMG.sub(move, html)
    return _DATA_SPRITE.sub(move_sprite, html), files


def on_page_content(html, page, config, files):
    if "data:image/" not in html:
        return html
    html, found = figures_as_files(html, page.url)
    STATE.figures["page_files"].update(found)
    return html


def on_post_page(output, page, config):
    site = pathlib.Path(config.site_dir)
    for name, content in list(STATE.figures["page_files"].items()):
        path = site / name
        if not path.is_file() or path.stat().st_size != len(content):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    STATE.figures["page_files"].clear()
    return output
