"""The build's one mutable state: :class:`BuildState`, and its one instance :data:`STATE`.

Not a hook. Every module of ``docs/hooks`` that keeps something between two MkDocs events (or between the rebuilds
of ``mkdocs serve``) keeps it here, in the field named after it, and nowhere else: ``tests/test_hooks.py`` parses
every ``docs/hooks/*.py`` and fails on any other module-level mutable value (a dict, list or set; constants are
tuples, frozensets or ``MappingProxyType``). Being an ordinary module that the hooks import as a sibling, it is
imported once per process, so what it holds survives the rebuilds of ``mkdocs serve``.

Who writes what, and when (the events are wired in ``site.py``):

========================  =================================================================================
field                     written by
========================  =================================================================================
``command``, ``stopping`` ``execution_cache.on_startup`` (``build``, ``gh-deploy`` or ``serve``);
                          ``_buildcache.stop_workers`` sets ``stopping`` (no worker starts after that)
``workers``               ``_buildcache.run_worker``: the live worker processes
``signal_dir``            ``_buildcache.start_serving``: the folder ``mkdocs serve`` watches
``site_built``            ``execution_cache.on_post_build``: background work (``flags.py``) waits for it
``background_jobs``       ``_buildcache.in_background``: one thread per name
``execution``             ``execution_cache``: the background executor, the unexecuted pages, the timings, the
                          current build's used / executed / missing tutorials, the cache folder
``figures`` ...           the hook of that name (``figures``, ``flags``, ``notebooks``, ``redirects``,
                          ``search``, ``api_links``, ``assets``, ``keyboard``)
========================  =================================================================================
"""

from __future__ import annotations

import dataclasses
import pathlib
import threading

from _shared import REPO  # sibling module: docs/hooks/_shared.py


@dataclasses.dataclass
class BuildState:
    """Everything the build keeps between events: one field per owner (see the module docstring)."""

    command: str = "build"
    stopping: bool = False
    workers: set = dataclasses.field(default_factory=set)
    # `mkdocs serve` watches this folder; _buildcache.start_serving makes it a temporary folder of the process.
    signal_dir: pathlib.Path = REPO / ".cache" / "serve-reload"
    site_built: threading.Event = dataclasses.field(default_factory=threading.Event)
    background_jobs: dict = dataclasses.field(default_factory=dict)
    execution: dict = dataclasses.field(default_factory=lambda: {
        "background": None, "unexecuted": {}, "timings": {}, "build": {}, "cache_dir": None, "enabled": False})
    figures: dict = dataclasses.field(default_factory=lambda: {"page_files": {}})
    flags: dict = dataclasses.field(default_factory=dict)
    notebooks: dict = dataclasses.field(default_factory=dict)
    redirects: dict = dataclasses.field(default_factory=lambda: {"titles": {}, "urls": set()})
    search: dict = dataclasses.field(default_factory=dict)
    api_links: dict = dataclasses.field(default_factory=dict)
    # assets.py: the vendor/ folder beside the mkdocs.yml being built (npm's MathJax and plotly.js)
    vendor: pathlib.Path | None = None
    # sha256 of a notebook stylesheet -> its parsed rules (_css.Pruner), kept across the rebuilds of serve
    css_pruners: dict = dataclasses.field(default_factory=dict)
    # keyboard.py: the links of each page, from on_page_content to on_post_page
    keyboard_links: dict = dataclasses.field(default_factory=dict)

    def serving(self) -> bool:
        """Whether this process is ``mkdocs serve``."""
        return self.command == "serve"


#: The one instance, shared by every hook module.
STATE = BuildState()
