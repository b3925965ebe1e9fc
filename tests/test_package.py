"""Package-level promises: a light import, the CLI, and the site-build plotly renderer."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mnist_tutorials import __main__ as cli
from mnist_tutorials import _site


def test_import_is_light_and_never_imports_tensorflow():
    code = ("import sys, mnist_tutorials, mnist_tutorials.plotting; "
            "heavy = [m for m in ('tensorflow', 'keras', 'plotly', 'sklearn.linear_model') if m in sys.modules]; "
            "print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "MNIST_TUTORIALS_SITE_BUILD": ""})
    assert result.stdout.strip() == "", f"import mnist_tutorials pulled in: {result.stdout.strip()}"


def test_cli_fetch_data_and_info(tiny_mnist, tmp_path, capsys):
    folder = tmp_path / "home" / "mnist"
    folder.mkdir(parents=True)
    for name, data in tiny_mnist.files.items():
        (folder / name).write_bytes(data)
    assert cli.main(["fetch-data", "--dataset", "mnist", "--data-home", str(tmp_path / "home")]) == 0
    assert "MNIST: ready" in capsys.readouterr().out
    assert cli.main(["info", "--data-home", str(tmp_path / "home")]) == 0
    out = capsys.readouterr().out
    assert "MNIST: 4/4 files cached" in out and "Fashion-MNIST: 0/4 files cached" in out


def test_cli_fetch_data_failure_is_exit_1_with_the_reason(tiny_fashion, tmp_path, capsys):
    assert cli.main(["fetch-data", "--dataset", "fashion", "--data-home", str(tmp_path / "home")]) == 1
    assert "Could not get Fashion-MNIST" in capsys.readouterr().err


def test_cli_rejects_unknown_commands():
    with pytest.raises(SystemExit):
        cli.main(["no-such-command"])


def test_site_renderer_only_inside_the_build(monkeypatch):
    import plotly.graph_objects as go
    import plotly.io as pio

    monkeypatch.delenv(_site.ENV_VAR, raising=False)
    assert _site.configure_plotly_for_site() is False
    default = pio.renderers.default
    monkeypatch.setenv(_site.ENV_VAR, "1")
    try:
        assert _site.configure_plotly_for_site() is True
        bundle = pio.renderers["mnist_site"].to_mimebundle(go.Figure(go.Bar(y=[1, 2])).to_dict())
        html = bundle["text/html"]
        assert "plotly-graph-div" in html and "Plotly.newPlot" in html
        assert "cdn" not in html.lower() and len(html) < 20_000  # no inlined or remote plotly.js
    finally:
        pio.renderers.default = default
