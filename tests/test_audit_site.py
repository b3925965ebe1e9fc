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
