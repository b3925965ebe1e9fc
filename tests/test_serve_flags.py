"""Under `mkdocs serve`, docs/hooks/flags.py computes missing flag answers in the background, not before the first page."""

from __future__ import annotations

import pathlib
import threading
import time
import types

from file_module import load_file_module, require

require("mkdocs")  # the flags hook while serving

from mnist_tutorials import flags

HOOK = pathlib.Path(__file__).resolve().parents[1] / "docs" / "hooks" / "flags.py"


def test_serve_publishes_pending_answers_at_once_and_reloads_when_computed(tmp_path, monkeypatch):
    hook = load_file_module(HOOK, "flags_hook_serve_test")
    monkeypatch.setattr(hook._buildcache.STATE, "command", "serve")
    monkeypatch.setattr(hook._buildcache.STATE, "signal_dir", tmp_path / "serve-reload")
    release, computed = threading.Event(), []

    def compute_flag_hashes(salt, labels=None, *, log=print):
        release.wait(30)  # a slow computation: the build must not wait for it
        computed.append(salt)
        return {label: {"kind": flag.kind, "decimals": flag.decimals, "iterations": 1000, "hashes": ["0" * 64]}
                for label, flag in flags.FLAGS.items()}

    module = types.SimpleNamespace(FLAGS=flags.FLAGS, cache_key=lambda: "k1", KDF=flags.KDF,
                                   compute_flag_hashes=compute_flag_hashes)
    monkeypatch.setattr(hook, "_flags_module", lambda config: module)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    config = types.SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))

    start = time.perf_counter()
    hook.on_pre_build(config)
    assert time.perf_counter() - start < 5 and not computed
    assert hook.STATE.flags["published"]["pending"] and hook.STATE.flags["published"]["flags"] == {}
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="exercises/flags.md"), url="exercises/flags/")
    markdown = hook.on_page_markdown("# Flags\n\n<!-- flags:list -->\n", page, None, None)
    assert "Answers being computed" in markdown

    hook.on_pre_build(config)  # a rebuild meanwhile starts no second computation
    hook._buildcache.STATE.site_built.set()  # execution_cache.on_post_build: the first page is served
    release.set()
    signal = tmp_path / "serve-reload" / "flag answers.done"
    while not signal.exists() and time.perf_counter() - start < 30:
        time.sleep(0.05)
    assert signal.exists() and len(computed) == 1  # the site is told to rebuild

    hook.on_pre_build(config)  # that rebuild finds the answers in the cache
    assert len(computed) == 1 and set(hook.STATE.flags["published"]["flags"]) == set(flags.FLAGS)
    assert "pending" not in hook.STATE.flags["published"]
