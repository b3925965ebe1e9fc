"""mnist_tutorials.flags: normalization, hashing, the registry, check_flag and the build hook.

Fast and offline: flags' computations are replaced by counting fakes. The real answers are
checked in the ``reference`` tests at the end (they need the MNIST cache).
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
import types

import numpy as np
import pytest
from file_module import load_file_module

from mnist_tutorials import _flag_cache, _flag_tasks, flags

ROOT = pathlib.Path(__file__).resolve().parents[1]
HOOK = ROOT / "docs" / "hooks" / "flags.py"


# ------------------------------------------------------------------------------ normalization


@pytest.mark.parametrize(
    ("answer", "kind", "decimals", "expected"),
    [
        (0.375, "fraction", 3, "0.375"),
        (0.37549, "fraction", 3, "0.375"),
        (np.float64(0.3755), "fraction", 3, "0.376"),
        (np.float32(0.5), "fraction", 2, "0.50"),
        (0.1 + 0.2, "fraction", 2, "0.30"),  # 0.30000000000000004
        (1e-05, "fraction", 3, "0.000"),  # no exponent reaches the parser
        (37.5, "fraction", 3, "0.375"),  # > 1: a percentage, as for typed text
        (1, "fraction", 3, "1.000"),
        (12345, "integer", 0, "12345"),
        (np.int64(12345), "integer", 0, "12345"),
        (12345.0, "integer", 0, "12345"),
        (56.84, "number", 1, "56.8"),
        (-3, "number", 2, "-3.00"),
    ],
)
def test_normalize_numbers(answer, kind, decimals, expected):
    assert flags.normalize_answer(answer, kind, decimals) == expected


@pytest.mark.parametrize(
    ("answer", "kind", "decimals", "message"),
    [
        (True, "integer", 0, "boolean"),
        (float("nan"), "fraction", 3, "finite"),
        (float("inf"), "number", 1, "finite"),
        ([0.5], "fraction", 3, "expected a number"),
        ("abc", "fraction", 3, "could not read 'abc'"),
        ("-0.5", "fraction", 3, "between 0 and 1"),
        ("150%", "fraction", 3, "between 0 and 1"),
        ("5%", "integer", 0, "not a percentage"),
        ("3.5", "integer", 0, "whole number"),
        ("1", "percent", 2, "kind must be one of"),
        ("1", "fraction", -1, "decimals must be"),
        ("1", "fraction", 1.5, "decimals must be"),
    ],
)
def test_normalize_rejects_with_a_reason(answer, kind, decimals, message):
    with pytest.raises(ValueError, match=message):
        flags.normalize_answer(answer, kind, decimals)


def test_accepted_spellings_are_one_answer():
    spellings = ["0.125", ".125", "12.5%", " 12.5 % ", "12.5", 0.125, 0.12549]
    assert {flags.normalize_answer(s, "fraction", 3) for s in spellings} == {"0.125"}


# ------------------------------------------------------------------------------ hashing


def test_hash_is_pbkdf2_of_the_answer_salted_with_salt_and_label():
    digest = flags.hash_answer("ML105.1", "0.500", "abc", iterations=1000)
    assert digest == hashlib.pbkdf2_hmac("sha256", b"0.500", b"abc:ML105.1", 1000).hex()
    assert digest != flags.hash_answer("ML105.2", "0.500", "abc", iterations=1000)  # the label salts it
    assert digest != flags.hash_answer("ML105.1", "0.500", "abd", iterations=1000)
    assert digest != flags.hash_answer("ML105.1", "0.501", "abc", iterations=1000)
    assert digest != flags.hash_answer("ML105.1", "0.500", "abc", iterations=1001)
    assert flags.hash_answer("ML105.1", "0.500", "abc") == hashlib.pbkdf2_hmac(
        "sha256", b"0.500", b"abc:ML105.1", flags.KDF_ITERATIONS).hex()
    assert flags.KDF == "PBKDF2-SHA256" and flags.KDF_ITERATIONS >= 100_000


@pytest.mark.parametrize(("salt", "iterations"), [("", 1000), (None, 1000), ("ab", 0), ("ab", 1.5), ("ab", True)])
def test_hash_refuses_an_empty_salt_or_bad_iterations(salt, iterations):
    with pytest.raises(ValueError, match="salt must be a non-empty string|iterations must be a positive int"):
        flags.hash_answer("X.1", "1", salt, iterations=iterations)


def test_a_100000_digit_answer_is_normalized_without_int_limits():
    huge = "7" * 100_000
    assert flags.normalize_answer(huge, "integer", 0) == huge
    assert flags.normalize_answer(huge + ".25", "number", 1) == huge + ".3"
    with pytest.raises(ValueError, match="between 0 and 1"):
        flags.normalize_answer(huge, "fraction", 3)
    assert flags.normalize_answer("0." + huge, "fraction", 3) == "0.778"


# ------------------------------------------------------------------------------ the registry


def test_registry_is_consistent():
    labels = [summary.label for summary in flags.list_flags()]
    assert labels == list(flags.FLAGS)
    assert {"ML105.1", "ML105.2"} <= set(labels)
    for label, question, tutorial in flags.list_flags():
        flag = flags.get_flag(label)
        assert question == flag.question and question.strip()
        assert tutorial.startswith("tutorials/") and tutorial.endswith(".py")
        assert flag.kind in flags.KINDS and callable(flag.compute) and flag.cost


def test_every_flag_points_to_an_existing_tutorial():
    missing = [f"{flag.label}: docs/{flag.tutorial}" for flag in flags.FLAGS.values()
               if not (ROOT / "docs" / flag.tutorial).is_file()]
    assert not missing, f"flags whose tutorial page does not exist: {missing}"


def test_get_flag_ignores_case_and_spaces_and_names_known_labels():
    assert flags.get_flag(" ml 105.1 ").label == "ML105.1"
    with pytest.raises(KeyError, match="ML105.2"):
        flags.get_flag("ML999")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"label": "ML 1"}, "letters, digits and dots"),
        ({"kind": "percent"}, "kind must be one of"),
        ({"kind": "integer", "decimals": 2}, "decimals=0"),
        ({"decimals": -1}, "decimals must be"),
    ],
)
def test_flag_rejects_bad_declarations(kwargs, message):
    base = dict(label="T.1", title="t", question="q", tutorial="tutorials/x.py", kind="fraction",
                decimals=3, compute=lambda data_home: 0.5, cost="instant")
    with pytest.raises(ValueError, match=message):
        flags.Flag(**{**base, **kwargs})


# ------------------------------------------------------------------------------ cache key


def test_cache_key_follows_versions_data_checksums_and_sources(monkeypatch, tmp_path, tiny_mnist):
    from mnist_tutorials import _cachekey, _sources

    monkeypatch.undo()  # tiny_mnist swapped the registry; start from the real one
    key = flags.cache_key()
    assert key == flags.cache_key() and len(key) == 24

    with monkeypatch.context() as m:
        m.setattr(_cachekey.importlib.metadata, "version", lambda name: "0.0.1")
        assert flags.cache_key() != key
    with monkeypatch.context() as m:
        m.setitem(_sources.REGISTRY, "mnist", tiny_mnist.spec)
        assert flags.cache_key() != key

    package = tmp_path / "mnist_tutorials"
    shutil.copytree(pathlib.Path(flags.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    with monkeypatch.context() as m:
        m.setattr(flags, "__file__", str(package / "flags.py"))
        assert flags.cache_key() == key  # same sources elsewhere: same key
        # flags.py imports _flag_tasks, which imports saved (the pages' pipelines); nothing it imports reaches
        # binary.py.
        (package / "binary.py").write_text((package / "binary.py").read_text() + "\n# edited\n")
        assert flags.cache_key() == key
        (package / "saved.py").write_text((package / "saved.py").read_text() + "\n# edited\n")
        assert flags.cache_key() != key


# ------------------------------------------------------------------------------ check_flag


@pytest.fixture
def fake_flags(monkeypatch):
    """Replace the registry with two instant flags whose computations count their calls."""
    calls = {"F.1": 0, "N.1": 0, "M.1": 0, "M.1 course": 0}

    def make(label, value):
        def compute(data_home):
            calls[label] += 1
            calls["data_home"] = data_home
            return value
        return compute

    registry = {
        "F.1": flags.Flag("F.1", "fraction", "q1", "tutorials/x.py", "fraction", 3,
                          make("F.1", 0.61875), "now"),
        "N.1": flags.Flag("N.1", "count", "q2", "tutorials/y.py", "integer", 0, make("N.1", 4321), "now"),
        # Two accepted answers, as ML105.2: today's computation and a course's (another scikit-learn).
        "M.1": flags.Flag("M.1", "two", "q3", "tutorials/x.py", "fraction", 2, make("M.1", 0.9162), "now",
                          also_accepted=(flags.AlsoAccepted("course X, with scikit-learn 1.7",
                                                            make("M.1 course", 0.9319), "it changed."),)),
    }
    monkeypatch.setattr(flags, "FLAGS", registry)
    monkeypatch.setattr(_flag_cache, "MEMORY", {})
    monkeypatch.setattr(flags, "KDF_ITERATIONS", 1000)  # the real count costs 0.3 s a hash
    return calls


def test_check_flag_right_wrong_and_unreadable(fake_flags, tmp_path, capsys):
    assert flags.check_flag("F.1", "61.9%", data_home=tmp_path) is True
    assert "correct" in capsys.readouterr().out
    assert flags.check_flag("f.1", 0.619, data_home=tmp_path) is True
    assert flags.check_flag("F.1", ".61875", data_home=tmp_path) is True
    assert flags.check_flag("F.1", "0.618", data_home=tmp_path) is False
    assert "read as 0.618" in capsys.readouterr().out
    assert flags.check_flag("F.1", "<b>x</b>", data_home=tmp_path) is False
    assert "could not read" in capsys.readouterr().out
    assert flags.check_flag("N.1", "4,321", data_home=tmp_path) is True
    assert flags.check_flag("N.1", 4322, data_home=tmp_path) is False
    assert fake_flags["F.1"] == fake_flags["N.1"] == 1  # computed once each, then from the in-memory hash
    assert fake_flags["data_home"] == tmp_path  # the data come from the folder the caller named
    with pytest.raises(KeyError, match="F.1"):
        flags.check_flag("nope", 1, data_home=tmp_path)


def test_check_flag_keeps_only_a_salted_hash_on_disk(fake_flags, tmp_path, monkeypatch):
    assert flags.check_flag("F.1", 0.619, data_home=tmp_path)
    cache_file = tmp_path / "flags" / f"{flags.cache_key()}.json"
    text = cache_file.read_text()
    content = json.loads(text)
    assert set(content) == {"salt", "kdf", "iterations", "flags"} and set(content["flags"]) == {"F.1"}
    assert content["kdf"] == "PBKDF2-SHA256" and content["iterations"] == 1000
    assert content["flags"]["F.1"] == [flags.hash_answer("F.1", "0.619", content["salt"], 1000)]
    assert "0.619" not in text and "61.9" not in text and "0.61875" not in text

    monkeypatch.setattr(_flag_cache, "MEMORY", {})  # a new session: the disk cache answers
    assert flags.check_flag("F.1", "61.9 %", data_home=tmp_path)
    assert fake_flags["F.1"] == 1
    assert flags.check_flag("N.1", 4321, data_home=tmp_path)  # a second flag joins the same file
    assert set(json.loads(cache_file.read_text())["flags"]) == {"F.1", "N.1"}


def test_check_flag_works_when_the_cache_is_read_only(fake_flags, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # data_home/flags cannot be created under a file
    assert flags.check_flag("N.1", "4321", data_home=blocker) is True
    assert "kept in memory" in capsys.readouterr().out


@pytest.mark.parametrize("bad", [{"salt": ""}, {"salt": None}, {"salt": "  "}, {"iterations": 999}, {"kdf": "SHA-256"}])
def test_check_flag_discards_a_cache_without_a_usable_salt(fake_flags, tmp_path, bad):
    path = tmp_path / "flags" / f"{flags.cache_key()}.json"
    path.parent.mkdir(parents=True)
    content = {"salt": "ab" * 16, "kdf": "PBKDF2-SHA256", "iterations": 1000,
               "flags": {"F.1": [flags.hash_answer("F.1", "0.999", "x", 1000)]}}  # a hash that trusts nothing
    content.update(bad)
    if "salt" in bad and bad["salt"] is None:
        del content["salt"]
    path.write_text(json.dumps(content))
    assert flags.check_flag("F.1", "0.619", data_home=tmp_path) is True  # recomputed, not the stored hash
    assert fake_flags["F.1"] == 1
    rewritten = json.loads(path.read_text())
    assert len(rewritten["salt"]) == 32 and rewritten["iterations"] == 1000
    assert rewritten["flags"]["F.1"] == [flags.hash_answer("F.1", "0.619", rewritten["salt"], 1000)]


def test_check_flag_accepts_each_answer_of_a_flag(fake_flags, tmp_path, capsys):
    assert flags.check_flag("M.1", "92%", data_home=tmp_path) is True  # today's answer
    assert "course X" not in capsys.readouterr().out
    assert flags.check_flag("M.1", "0.93", data_home=tmp_path) is True  # the course's answer
    assert "course X, with scikit-learn 1.7" in capsys.readouterr().out  # says whose answer it is
    assert flags.check_flag("M.1", "94%", data_home=tmp_path) is False
    assert flags.check_flag("M.1", "91%", data_home=tmp_path) is False
    assert fake_flags["M.1"] == fake_flags["M.1 course"] == 1  # both computed once, then hashes only
    content = json.loads((tmp_path / "flags" / f"{flags.cache_key()}.json").read_text())
    assert content["flags"]["M.1"] == [flags.hash_answer("M.1", answer, content["salt"], 1000)
                                       for answer in ("0.92", "0.93")]


def test_an_old_single_hash_cache_is_recomputed(fake_flags, tmp_path):
    path = tmp_path / "flags" / f"{flags.cache_key()}.json"
    path.parent.mkdir(parents=True)
    salt = "ab" * 16  # the format before lists: one hash string per flag, which knows one answer only
    path.write_text(json.dumps({"salt": salt, "kdf": "PBKDF2-SHA256", "iterations": 1000,
                                "flags": {"M.1": flags.hash_answer("M.1", "0.92", salt, 1000)}}))
    assert flags.check_flag("M.1", "93%", data_home=tmp_path) is True
    assert fake_flags["M.1"] == 1 and len(json.loads(path.read_text())["flags"]["M.1"]) == 2


def test_equal_answers_give_one_hash(fake_flags, monkeypatch):
    same = flags.Flag("S.1", "same", "q", "tutorials/z.py", "fraction", 2, lambda data_home: 0.921, "now",
                      also_accepted=(flags.AlsoAccepted("course", lambda data_home: 0.9249, "no change."),))
    monkeypatch.setitem(flags.FLAGS, "S.1", same)
    entry = flags.compute_flag_hashes("salt", ["S.1"], log=lambda line: None)["S.1"]
    assert entry["hashes"] == [flags.hash_answer("S.1", "0.92", "salt", 1000)]


def test_compute_flag_hashes_returns_hashes_only(fake_flags):
    lines = []
    hashes = flags.compute_flag_hashes("salt", log=lines.append)
    assert hashes == {
        "F.1": {"kind": "fraction", "decimals": 3, "iterations": 1000,
                "hashes": [flags.hash_answer("F.1", "0.619", "salt", 1000)]},
        "N.1": {"kind": "integer", "decimals": 0, "iterations": 1000,
                "hashes": [flags.hash_answer("N.1", "4321", "salt", 1000)]},
        "M.1": {"kind": "fraction", "decimals": 2, "iterations": 1000,
                "hashes": [flags.hash_answer("M.1", "0.92", "salt", 1000),
                           flags.hash_answer("M.1", "0.93", "salt", 1000)]},
    }
    assert any("F.1" in line and "done" in line for line in lines)
    assert list(flags.compute_flag_hashes("salt", ["n.1"], log=lines.append)) == ["N.1"]


# ------------------------------------------------------------------------------ the build hook


@pytest.fixture
def hook(monkeypatch):
    return load_file_module(HOOK, "flags_hook_under_test")


@pytest.fixture
def fake_module(fake_flags):
    """What the hook sees as mnist_tutorials.flags: the fake registry and a counting hash function."""
    state = {"key": "k1", "computed": 0}

    def compute_flag_hashes(salt, labels=None, *, log=print):
        state["computed"] += 1
        return flags.compute_flag_hashes(salt, labels, log=log)

    module = types.SimpleNamespace(FLAGS=flags.FLAGS, cache_key=lambda: state["key"], KDF=flags.KDF,
                                   compute_flag_hashes=compute_flag_hashes)
    return module, state


def _config(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    return types.SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))


def test_hook_caches_hashes_by_key(hook, fake_module, tmp_path, monkeypatch):
    module, state = fake_module
    monkeypatch.setattr(hook, "_flags_module", lambda config: module)
    config = _config(tmp_path)

    hook.on_pre_build(config)
    first = hook.STATE.flags["published"]
    assert state["computed"] == 1 and set(first["flags"]) == {"F.1", "N.1", "M.1"}
    assert len(first["flags"]["M.1"]["hashes"]) == 2
    cache_text = (tmp_path / ".cache" / "flags" / "k1.json").read_text()
    assert "0.619" not in cache_text and "4321" not in cache_text

    hook.on_pre_build(config)  # unchanged rebuild: nothing recomputed, same salt and hashes
    assert state["computed"] == 1 and hook.STATE.flags["published"] == first

    state["key"] = "k2"  # package, data or versions changed
    hook.on_pre_build(config)
    assert state["computed"] == 2 and hook.STATE.flags["published"]["salt"] != first["salt"]


@pytest.mark.parametrize("salt", [None, "", "  "])
def test_hook_recomputes_a_cache_without_a_salt(hook, fake_module, tmp_path, monkeypatch, salt):
    module, state = fake_module
    monkeypatch.setattr(hook, "_flags_module", lambda config: module)
    config = _config(tmp_path)
    hook.on_pre_build(config)
    path = tmp_path / ".cache" / "flags" / "k1.json"
    content = json.loads(path.read_text())
    if salt is None:
        del content["salt"]
    else:
        content["salt"] = salt
    path.write_text(json.dumps(content))
    hook.on_pre_build(config)
    assert state["computed"] == 2
    assert len(hook.STATE.flags["published"]["salt"]) == 32
    assert json.loads(path.read_text())["salt"] == hook.STATE.flags["published"]["salt"]

    content = json.loads(path.read_text())
    content["version"] = 1  # the SHA-256 format of before
    path.write_text(json.dumps(content))
    hook.on_pre_build(config)
    assert state["computed"] == 3

    content = json.loads(path.read_text())
    content["flags"]["M.1"]["hash"] = content["flags"]["M.1"].pop("hashes")[0]  # format 2: one hash only
    path.write_text(json.dumps(content))
    hook.on_pre_build(config)
    assert state["computed"] == 4 and len(hook.STATE.flags["published"]["flags"]["M.1"]["hashes"]) == 2


class _Files(list):
    def get_file_from_path(self, path):
        return next((f for f in self if f.src_uri == path), None)


def test_hook_publishes_json_and_checks_pages(hook, fake_module, tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    module, _ = fake_module
    monkeypatch.setattr(hook, "_flags_module", lambda config: module)
    config = _config(tmp_path)
    hook.on_pre_build(config)
    mk_config = types.SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True,
                                      plugins=types.SimpleNamespace(_current_plugin=None))
    pages = [types.SimpleNamespace(src_uri=uri) for uri in ("exercises/flags.md", "tutorials/x.py")]
    with pytest.raises(PluginError, match="N.1 belongs to docs/tutorials/y.py"):
        hook.on_files(_Files(pages), mk_config)

    pages.append(types.SimpleNamespace(src_uri="tutorials/y.py"))
    files = hook.on_files(_Files(pages), mk_config)
    published = files[-1]
    assert isinstance(published, File) and published.src_uri == "exercises/flags.json"
    data = json.loads(published.content_string)
    assert data == hook.STATE.flags["published"] and data["version"] == 3 and data["kdf"] == "PBKDF2-SHA256"
    assert {entry["iterations"] for entry in data["flags"].values()} == {1000}


def test_hook_renders_the_cards(hook, fake_module, tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    module, _ = fake_module
    monkeypatch.setattr(hook, "_flags_module", lambda config: module)
    hook.on_pre_build(_config(tmp_path))
    tutorial_x = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="tutorials/x.py"), title="Tutorial X")
    nav = types.SimpleNamespace(pages=[tutorial_x])
    hook.on_nav(nav, None, None)
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="exercises/flags.md"),
                                 url="exercises/flags/")
    other = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="index.md"), url="")

    source = tmp_path / "y.py"
    source.write_text("# ---\n# jupytext: {}\n# ---\n\n# %% [markdown]\n# # Why Y matters\n#\n# Text.\n")
    files = _Files([types.SimpleNamespace(src_uri="tutorials/y.py", abs_src_path=str(source))])

    assert hook.on_page_markdown("text <!-- flags:list -->", other, None, files) == "text <!-- flags:list -->"
    out = hook.on_page_markdown("# Flags\n\n<!-- flags:list -->\n", page, None, files)
    assert 'data-flags-url="../flags.json"' in out and 'src="../../javascripts/flags.js"' in out
    assert out.count('class="flag-card"') == 3 and out.count('<button type="submit"') == 3
    # the flag with a course's answer says both count, whose and why; no answer is shown
    assert out.count("Two answers are accepted") == 1
    assert "(course X, with scikit-learn 1.7). They differ because it changed." in out
    assert "0.92" not in out and "0.93" not in out and "92" not in out and "93" not in out
    # the nav title, else the page's own "# Title"
    assert "[Tutorial X](../tutorials/x.py)" in out and "[Why Y matters](../tutorials/y.py)" in out
    assert "q1" in out and "q2" in out
    with pytest.raises(PluginError, match="exactly once"):
        hook.on_page_markdown("# Flags without the marker", page, None, files)


# ------------------------------------------------------------------------------ reference data


@pytest.mark.reference
def test_cheap_flags_on_the_real_data(tmp_path, monkeypatch, capsys):
    # Structural facts of MNIST the answers rest on (not the answers themselves).
    X_train, X_test, y_train, y_test = _flag_tasks.mnist_split()
    assert X_train.shape == (60000, 784) and X_test.shape == (10000, 784)
    ones = flags.compute_answer("DATA.1")
    assert isinstance(ones, int) and 0 < ones < 10000 and ones == int((y_test == "1").sum())
    zero_recall = flags.compute_answer("ML105.2")
    assert 0.5 < zero_recall <= 1.0
    assert flags.compute_answer("ML105.2") == zero_recall  # deterministic

    # check_flag end to end on the real data, with its hash cache in a fresh folder
    monkeypatch.setattr(_flag_cache, "MEMORY", {})
    monkeypatch.setattr(_flag_cache, "disk_path", lambda data_home, key: tmp_path / f"{key}.json")
    assert flags.check_flag("ML105.2", f"{100 * zero_recall:.0f}%")
    assert not flags.check_flag("ML105.2", f"{100 * zero_recall - 1:.0f}%")
    course = _flag_tasks.course_answers()["ML105.2"]["value"]  # the ML 105 handout's, scikit-learn 1.7.2
    assert flags.check_flag("ML105.2", f"{100 * course:.0f}%")
    assert flags.check_flag("DATA.1", f"{ones:,}")
    assert "Computing the answer to ML105.2" in capsys.readouterr().out


@pytest.mark.reference
def test_binary_flag_uses_the_tutorials_predictions():
    """BINARY.1 thresholds the shared decision scores at 0: that is cross_val_predict's `predict`."""
    from sklearn.model_selection import cross_val_predict

    from mnist_tutorials.saved import five_detector

    X_train, _, y_train, _ = _flag_tasks.mnist_split()
    y_train_5 = y_train == "5"
    y_train_pred = cross_val_predict(five_detector(), X_train, y_train_5, cv=3)
    np.testing.assert_array_equal(_flag_tasks.five_detector_scores() > 0, y_train_pred)
    assert flags.compute_answer("BINARY.1") == int(np.count_nonzero(y_train_pred & (y_train == "3")))
    _flag_tasks.release()


# ------------------------------------------------------------------------------ command line


def test_cli_lists_and_checks_flags(fake_flags, tmp_path, monkeypatch, capsys):
    from mnist_tutorials.__main__ import main

    monkeypatch.setenv("MNIST_TUTORIALS_DATA", str(tmp_path))
    assert main(["flags"]) == 0
    listing = capsys.readouterr().out
    assert "F.1: q1" in listing and "N.1: q2" in listing and "tutorials/y.py" in listing

    assert main(["check-flag", "F.1", " 61.9 % "]) == 0
    assert "correct" in capsys.readouterr().out
    assert main(["check-flag", "n.1", "4,322"]) == 1
    assert "not the answer" in capsys.readouterr().out
    assert (tmp_path / "flags" / f"{flags.cache_key()}.json").is_file()


def test_cli_check_flag_takes_a_data_home(fake_flags, tmp_path, capsys):
    from mnist_tutorials.__main__ import main

    assert main(["check-flag", "F.1", "0.619", "--data-home", str(tmp_path / "elsewhere")]) == 0
    assert fake_flags["data_home"] == str(tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / "flags" / f"{flags.cache_key()}.json").is_file()


def test_cli_unknown_flag_is_a_clear_error_with_exit_2(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "MNIST_TUTORIALS_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "mnist_tutorials", "check-flag", "NOPE.1", "1"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert done.stderr.startswith("error: No flag called 'NOPE.1'. Known flags: DATA.1")


def test_cli_check_flag_without_data_exits_3(tiny_mnist, tmp_path, monkeypatch, capsys):
    from mnist_tutorials.__main__ import main

    monkeypatch.setattr(_flag_cache, "MEMORY", {})
    assert main(["check-flag", "DATA.1", "1135", "--data-home", str(tmp_path / "empty")]) == 3
    err = capsys.readouterr().err
    assert "could not be computed, because the data is missing" in err and "Could not get MNIST" in err


def test_answer_messages_use_the_right_article_and_a_short_echo():
    # Issue 23, rows 9-10 on the Python side: "asks for a integer" and a 100,000-digit answer echoed whole.
    from mnist_tutorials._answers import normalize_answer

    with pytest.raises(ValueError, match="asks for an integer, not a percentage"):
        normalize_answer("12%", "integer")
    with pytest.raises(ValueError) as caught:
        normalize_answer("9" * 100_000 + ".5", "integer")
    message = str(caught.value)
    assert len(message) < 200 and "(100,002 characters)" in message
