"""Stands in for mkdocs-jupyter in the tiny site's builds, so that they prove the site needs it no more.

``tests/tinysite_build.environment`` puts this folder first on ``PYTHONPATH``: in MkDocs' process, its workers and
their kernels, ``import mkdocs_jupyter`` finds this module, which refuses to load, whether or not the real
mkdocs-jupyter is installed. The build renders the tutorials itself (``docs/hooks/_render.py``).
"""

raise ImportError("mkdocs_jupyter is hidden from the tiny site's builds (tests/without_mkdocs_jupyter/): the site "
                  "renders its notebooks itself, with docs/hooks/_render.py")
