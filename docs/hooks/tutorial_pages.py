"""Build part: the tutorials (jupytext ``.py`` scripts in ``docs/``) become documentation pages.

What mkdocs-jupyter's plugin did before the build rendered notebooks itself (issue 27), in two events:

* ``on_files`` (first of that event): every file that :func:`_shared.is_tutorial` names (the globs of
  ``_settings.NOTEBOOKS["include"]``, or the site's own ``extra: tutorial_pages:``) becomes a
  :class:`TutorialFile`, a documentation page, so MkDocs gives it a page and a URL (``tutorials/01_x/``) instead
  of copying the script; the nav names the scripts as it names Markdown pages. ``execution_cache.on_pre_page``
  then gives each such page its HTML (``_render.py``, through the execution cache).
* ``on_post_page``: the page's folder gets a copy of the tutorial's source (``NOTEBOOKS["include_source"]``:
  ``tutorials/01_x/01_x.py``, as mkdocs-jupyter's ``include_source`` did).
"""

from __future__ import annotations

import logging
import pathlib
import shutil

from mkdocs.structure.files import File, Files

import _shared  # sibling module: docs/hooks/_shared.py
from _settings import NOTEBOOKS  # sibling module: docs/hooks/_settings.py

log = logging.getLogger("mkdocs.hooks.tutorial_pages")


class TutorialFile(File):
    """A tutorial's source file, made a documentation page (its page is ``<name>/index.html``)."""

    def is_documentation_page(self) -> bool:
        return True


def as_page(file: File) -> TutorialFile:
    """``file`` (a tutorial script) as a documentation page.

    Examples
    --------
    >>> page = as_page(File("tutorials/01_x.py", "docs", "site", use_directory_urls=True))
    >>> page.is_documentation_page(), page.dest_uri, page.url
    (True, 'tutorials/01_x/index.html', 'tutorials/01_x/')
    """
    return TutorialFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)


def on_files(files, config):
    return Files([as_page(file) if _shared.is_tutorial(file, config) else file for file in files])


def on_post_page(output, page, config):
    if NOTEBOOKS["include_source"] and isinstance(page.file, TutorialFile):
        source = pathlib.Path(page.file.abs_src_path)
        target = pathlib.Path(page.file.abs_dest_path).parent / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        log.debug("Copied %s to %s", source, target)
    return output
