"""The build caches' one key rule (mnist_tutorials._cachekey) and the cache helpers of docs/hooks/_buildcache.py."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import textwrap
import types

import pytest
from file_module import load_file_module, require

from mnist_tutorials import _cachekey

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOOKS = ROOT / "docs" / "hooks"


@pytest.fixture
def package(tmp_path):
    """A small package: augment (used by tutorial a only), common (imported by __init__), plotting/images."""
    pkg = tmp_path / "mnist_tutorials"
    (pkg / "plotting").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .common import load\n")
    (pkg / "common.py").write_text("def load():\n    return 1\n")
    (pkg / "augment.py").write_text("from .common import load\nSHIFT = 1\n")
    (pkg / "other.py").write_text("VALUE = 2\n")
    (pkg / "plotting" / "__init__.py").write_text("from .images import plot\n")
    (pkg / "plotting" / "images.py").write_text("from .. import other\n\ndef plot():\n    return other.VALUE\n")
    (tmp_path / "a.py").write_text("# %%\nfrom mnist_tutorials.augment import SHIFT\nimport numpy as np\n")
    (tmp_path / "b.py").write_text("# %%\nimport mnist_tutorials as mt\n\n# %%\nmt.load()\n")
    (tmp_path / "c.py").write_text("# %%\nfrom mnist_tutorials.plotting import plot\n")
    return pkg


def _key(package, name, **kwargs):
    return _cachekey.cache_key("notebook", [package.parent / name], package_dir=package, **kwargs)


def _names(package, name):
    return [p.relative_to(package).as_posix() for p in _cachekey.module_closure([package.parent / name], package)]


def test_imports_are_followed_transitively_from_the_code(package):
    assert _names(package, "a.py") == ["__init__.py", "augment.py", "common.py"]
    assert _names(package, "b.py") == ["__init__.py", "common.py"]
    # a package's __init__ and a relative import two levels up
    assert _names(package, "c.py") == ["__init__.py", "common.py", "other.py", "plotting/__init__.py",
                                       "plotting/images.py"]


def test_attribute_of_the_imported_package_counts_as_an_import(package):
    (package.parent / "b.py").write_text("import mnist_tutorials as mt\nmt.other.VALUE\n")
    assert "other.py" in _names(package, "b.py")


def test_editing_a_module_changes_only_the_keys_of_its_importers(package):
    before = {name: _key(package, name) for name in ("a.py", "b.py", "c.py")}
    assert before == {name: _key(package, name) for name in before}  # stable
    (package / "augment.py").write_text("from .common import load\nSHIFT = 2\n")
    after = {name: _key(package, name) for name in before}
    assert [name for name in before if before[name] != after[name]] == ["a.py"]
    (package / "common.py").write_text("def load():\n    return 2\n")  # every tutorial imports it
    assert all(_key(package, name) != after[name] for name in before)


def test_the_tutorial_itself_options_namespace_versions_and_data_count(package, monkeypatch):
    key = _key(package, "a.py")
    assert _key(package, "a.py", options={"theme": "dark"}) != key
    assert _cachekey.cache_key("figures", [package.parent / "a.py"], package_dir=package) != key
    with monkeypatch.context() as m:
        real = _cachekey.importlib.metadata.version
        m.setattr(_cachekey.importlib.metadata, "version",
                  lambda name: "999.0" if name == "scikit-learn" else real(name))
        assert _key(package, "a.py") != key
    from mnist_tutorials import _sources

    name = next(iter(_sources.REGISTRY))
    with monkeypatch.context() as m:
        m.setitem(_sources.REGISTRY, name, type("Spec", (), {"sha256": {"x": "0" * 64}})())
        assert _key(package, "a.py") != key
    (package.parent / "a.py").write_text((package.parent / "a.py").read_text() + "# edited\n")
    assert _key(package, "a.py") != key


def test_an_unknown_module_is_an_error(package):
    with pytest.raises(ValueError, match="'mnist_tutorials.nope' is not a file"):
        _cachekey.cache_key("flags", modules=["mnist_tutorials.nope"], package_dir=package)


def test_the_real_tutorials_depend_on_augment_only_where_they_import_it():
    tutorials = sorted((ROOT / "docs" / "tutorials").glob("*.py"))
    importers = [t.name for t in tutorials
                 if _cachekey.PACKAGE_DIR / "augment.py" in _cachekey.module_closure([t])]
    importing = [t.name for t in tutorials if "augment" in
                 {m.rsplit(".", 1)[-1] for m in _cachekey.imported_modules(t.read_text())}]
    assert importers and importers == importing  # no tutorial reaches augment.py through another module
    assert len(importers) < len(tutorials)


def test_the_figures_key_covers_library_versions(monkeypatch):
    figures = load_file_module(HOOKS / "figures.py", "hook_figures_key")
    key = figures._key()
    real = _cachekey.importlib.metadata.version
    monkeypatch.setattr(_cachekey.importlib.metadata, "version",
                        lambda name: "0.1" if name == "matplotlib" else real(name))
    assert figures._key() != key


# ------------------------------------------------------------------------------ docs/hooks/_buildcache.py


@pytest.fixture(scope="module")
def buildcache():
    return load_file_module(HOOKS / "_buildcache.py", "buildcache_under_test")


def test_unreadable_json_and_png_are_misses_logged_and_deleted(buildcache, tmp_path, caplog):
    entry, png = tmp_path / "e.json", tmp_path / "f.png"
    entry.write_text('{"content": "<p>')
    png.write_bytes(buildcache.PNG_SIGNATURE + b"truncated")
    with caplog.at_level("INFO"):
        assert buildcache.read_json(entry) is None and buildcache.read_png(png) is None
    assert not entry.exists() and not png.exists()
    assert str(entry) in caplog.text and str(png) in caplog.text
    # Logged as INFO: a cache that heals itself is no warning, so `mkdocs build --strict` never fails on it.
    assert {record.levelname for record in caplog.records} == {"INFO"}
    entry.write_text('{"content": 3}')
    assert buildcache.read_json(entry, {"content": str}) is None and not entry.exists()
    assert buildcache.read_json(tmp_path / "missing.json") is None  # a plain miss, nothing logged twice


def test_two_processes_writing_one_entry_never_collide(tmp_path):
    require("mkdocs")  # the processes import the build's cache layer (docs/hooks/_buildcache.py)
    target = tmp_path / "entry.json"
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(HOOKS)!r})
        import _buildcache
        payload = sys.argv[1] * 200_000
        for _ in range(30):
            _buildcache.atomic_write(__import__("pathlib").Path({str(target)!r}), '{{"v": "' + payload + '"}}')
    """)
    writers = [subprocess.Popen([sys.executable, "-c", script, letter], stderr=subprocess.PIPE, text=True)
               for letter in "ab"]
    for writer in writers:
        assert writer.wait(timeout=120) == 0, writer.stderr.read()
    value = json.loads(target.read_text())["v"]
    assert value in ("a" * 200_000, "b" * 200_000)
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_progress_estimates_the_time_left_from_recorded_times(buildcache, caplog):
    progress = buildcache.Progress(["a", "b", "c"], jobs=2, estimates={"a": 100.0, "b": 60.0})
    assert progress.eta() == pytest.approx((100 + 60 + 80) / 2)  # c: the mean of the known times
    with caplog.at_level("INFO"):
        progress.start("a")
        progress.finish("a", 90.0, 170.0)
    assert "Executed a in 90.0 s, 170.0 s CPU; 1 of 3 done, 2 left, about" in caplog.text
    assert buildcache.Progress(["x"], 1, {}).eta() is None


def test_the_times_table_shows_cpu_seconds_and_marks_the_budget():
    hook = load_file_module(HOOKS / "execution_cache.py", "hook_times_table")
    hook.STATE.execution["timings"] = {
        "tutorials/a.py": {"seconds": 50.0, "cpu_seconds": 90.0, "title": "A", "url": "tutorials/a/"},
        "tutorials/b.py": {"seconds": 200.0, "cpu_seconds": 390.5, "title": "B", "url": "tutorials/b/"},
    }
    table = hook._timings_table(types.SimpleNamespace(url="maintainers/execution-times/"))
    assert "<th>CPU time (s)</th>" in table and "<td style=\"text-align:right\">90.0</td>" in table
    assert "390.5 (over budget)" in table and "Over the budget of 4 CPU-minutes:</strong> B." in table


def test_a_truncated_figure_is_drawn_again_and_stale_folders_go_after_the_build(tmp_path, monkeypatch, caplog):
    figures = load_file_module(HOOKS / "figures.py", "hook_figures_cache")
    drawn = []

    def make():
        import matplotlib.pyplot as plt

        drawn.append(1)
        fig, ax = plt.subplots(figsize=(1, 1))
        ax.plot([0, 1])
        return fig

    monkeypatch.setattr(figures, "FIGURES", {"tiny": make})
    monkeypatch.setattr(figures, "_key", lambda: "k1")
    config = types.SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True,
                                   plugins=types.SimpleNamespace(_current_plugin=None),
                                   config_file_path=str(tmp_path / "mkdocs.yml"))  # caches in tmp_path/.cache
    stale = tmp_path / ".cache" / "figures" / "k0"
    stale.mkdir(parents=True)
    (stale / "tiny.png").write_bytes(b"old")
    page = tmp_path / "index.md"
    page.write_text("![A figure](generated/tiny.png)\n", encoding="utf-8")

    class Files(list):  # a site of one Markdown page that shows the figure
        def documentation_pages(self):
            return [types.SimpleNamespace(src_uri="index.md", abs_src_path=str(page))]

    class NoFigure(list):  # a site whose pages show no build-time figure (the tiny test site)
        def documentation_pages(self):
            return []

    assert figures.on_files(NoFigure(), config) == [] and drawn == []  # draws nothing

    first = figures.on_files(Files(), config)[0].content_bytes
    assert drawn == [1] and first.startswith(b"\x89PNG\r\n\x1a\n")
    assert stale.is_dir()  # not before the build succeeded
    figures.on_post_build(config)
    assert not stale.exists()

    png = tmp_path / ".cache" / "figures" / "k1" / "tiny.png"
    png.write_bytes(first[: len(first) // 2])  # truncated
    with caplog.at_level("INFO"):
        again = figures.on_files(Files(), config)[0].content_bytes
    assert drawn == [1, 1] and str(png) in caplog.text
    assert not [record for record in caplog.records if record.levelno >= 30]  # no warning: --strict passes
    assert again.endswith(b"IEND\xaeB`\x82") and png.read_bytes() == again
