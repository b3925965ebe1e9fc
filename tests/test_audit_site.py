"""scripts/audit_site.py (issue 28): the pages it audits leave out the redirect pages of old addresses, which
would cost two Lighthouse runs per preset each for a meta-refresh page of a few hundred bytes."""

from __future__ import annotations

import importlib.util
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("audit_site", ROOT / "scripts" / "audit_site.py")
audit_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_site)


def _page(site: pathlib.Path, rel: str, text: str) -> None:
    path = site / rel / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_redirect_pages_of_old_addresses_are_not_audited(tmp_path):
    moved = json.loads((ROOT / "docs" / "hooks" / "moved_pages.json").read_text(encoding="utf-8"))["moved"]
    old, new = next(iter(moved.items()))  # (no old name written here: tests/test_redirects.py)
    site = tmp_path / "site"
    _page(site, ".", "<html><body>home</body></html>")
    _page(site, f"tutorials/{new}", "<html><body>" + "text " * 2000 + "</body></html>")
    _page(site, f"tutorials/{old}",  # listed in moved_pages.json
          f'<html><head><meta http-equiv="refresh" content="0; url=../{new}/"></head></html>')
    _page(site, "tutorials/99_unlisted", '<html><meta http-equiv="refresh" content="0; url=../x/"></html>')
    _page(site, "search", "<html></html>")
    assert audit_site.site_pages(site) == ["", f"tutorials/{new}/"]
    # Without the list, the old address is still known by its meta refresh:
    assert audit_site.site_pages(site, moved=set()) == ["", f"tutorials/{new}/"]


def test_the_moved_folders_come_from_moved_pages_json():
    moved = json.loads((ROOT / "docs" / "hooks" / "moved_pages.json").read_text(encoding="utf-8"))["moved"]
    folders = audit_site.moved_folders()
    assert folders == {f"tutorials/{old}/" for old in moved} and len(folders) >= 10
    assert not any(f"tutorials/{new}/" in folders for new in moved.values())


def test_the_scripts_examples_run():
    import doctest

    finder, runner = doctest.DocTestFinder(exclude_empty=True), doctest.DocTestRunner()
    for test in finder.find(audit_site, "audit_site"):
        runner.run(test)
    assert runner.failures == 0 and runner.tries >= 3  # lowest, time_left


def test_alt_sample_prints_n_alt_texts_chosen_by_the_seed(tmp_path, capsys):
    site = tmp_path / "site"
    _page(site, ".", "".join(f'<img src="a{i}.png" alt="home figure {i}">' for i in range(15)))
    _page(site, "tutorials/01", "".join(f"<img alt='page figure {i} says &quot;x&quot;' src='b.png'>" for i in range(15)))
    assert audit_site.main(["--site", str(site), "--alt-sample", "20", "--seed", "7"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0] == f"20 of 30 images of {site}, chosen at random (seed 7):" and len(first) == 21
    assert all(line.startswith(f"{n}. [") for n, line in enumerate(first[1:], 1))
    assert 'says "x"' in "\n".join(first) or "home figure" in "\n".join(first)
    audit_site.main(["--site", str(site), "--alt-sample", "20", "--seed", "7"])
    assert capsys.readouterr().out.splitlines() == first  # the same sample for the same seed and site
    audit_site.main(["--site", str(site), "--alt-sample", "20", "--seed", "8"])
    assert capsys.readouterr().out.splitlines() != first


def test_write_maintainers_replaces_only_the_table(tmp_path):
    page = tmp_path / "index.md"
    page.write_text("# M\n\n<!-- audit-table -->\nold\n<!-- /audit-table -->\n\nafter\n", encoding="utf-8")
    audit_site.write_maintainers("| page | mobile perf |\n|---|---|\n| (home) | 99 |", page)
    assert page.read_text(encoding="utf-8") == ("# M\n\n<!-- audit-table -->\n\n| page | mobile perf |\n|---|---|\n"
                                                "| (home) | 99 |\n\n<!-- /audit-table -->\n\nafter\n")
