"""scripts/lock.py: the committed lock respects the bounds of pyproject.toml that protect the build."""

from __future__ import annotations

import pathlib

from file_module import load_file_module
from packaging.requirements import Requirement

ROOT = pathlib.Path(__file__).resolve().parents[1]
lock = load_file_module(ROOT / "scripts" / "lock.py", "lock_under_test")


def _committed_pins() -> dict[str, str]:
    lines = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    return dict(line.split("==") for line in lines if line and not line.startswith("#"))


def test_the_doc_stack_is_bounded_below_its_next_major_versions():
    bounds = {lock._norm(r.name): r.specifier for r in lock.declared_bounds()}
    assert not bounds["mkdocs"].contains("2.0.0", prereleases=True)
    assert not bounds["mkdocs-material"].contains("10.0.0", prereleases=True)
    for name in ("mkdocstrings", "mkdocstrings-python", "griffelib", "nbconvert", "nbclient"):
        assert any(spec.operator == "<" for spec in bounds[name]), name


def test_the_committed_lock_fits_the_bounds():
    pins = _committed_pins()
    assert {"mkdocs", "mkdocs-material", "nbconvert", "nbclient", "mkdocstrings"} <= set(pins)
    assert "mkdocs-jupyter" not in pins  # the build renders its notebooks itself (docs/hooks/_render.py)
    assert lock.violations(pins, lock.declared_bounds()) == []


def test_a_pin_outside_a_bound_is_named():
    problems = lock.violations({"mkdocs-material": "10.0.1", "numpy": "2.0.0"},
                               [Requirement("mkdocs-material>=9.5,<10"), Requirement("numpy>=1.24")])
    assert problems == ["mkdocs-material==10.0.1 is outside the bound mkdocs-material<10,>=9.5 of pyproject.toml"]


def test_mkdocs_and_material_are_pinned_to_their_last_lines_and_properdocs_is_locked():
    bounds = {lock._norm(r.name): r.specifier for r in lock.declared_bounds()}
    assert str(bounds["mkdocs"]) == "==1.6.1"
    material = bounds["mkdocs-material"]
    assert material.contains("9.8.9") and not material.contains("9.9.0") and not material.contains("9.7.0")
    assert bounds["properdocs"].contains("1.6.7") and not bounds["properdocs"].contains("1.7.0")
    pins = _committed_pins()
    assert pins["mkdocs"] == "1.6.1" and pins["mkdocs-material"].startswith("9.8.")
    assert pins["properdocs"].startswith("1.6.")
