"""MkDocs hook, the only one: it lists what runs on which MkDocs event, in which order.

``mkdocs.yml`` lists this file alone under ``hooks:``. Each ``on_<event>`` below is made by :func:`steps` from the
functions of the build's parts (``execution_cache.py``, ``assets.py``, ... each one job), called one after the
other in the order written here; the events are in the order a build meets them. So the order is read in one
place, as in sphinx-gallery's ``gen_gallery.setup()``, instead of resting on the order of ``hooks:`` plus
``@event_priority`` marks spread over files. ``_events.py`` makes the Maintainers page's event table from
:data:`EVENTS` (``tests/test_hooks.py`` checks the page holds it).

A single hooks entry point rather than an in-repository MkDocs plugin: a plugin must be installed (an entry point
in ``pyproject.toml``, so the package would carry build code, which issue 27 takes out of it) or put on
``sys.path`` by hand, while MkDocs and ProperDocs load a hook file straight from ``mkdocs.yml`` and put its folder
on ``sys.path`` while loading it, so the parts import each other as siblings. A plugin's config schema would add
nothing here: the settings are environment variables (``_settings.py``).

The tutorials are rendered here too, not by a plugin: ``tutorial_pages`` makes them pages, ``execution_cache``
gives each its HTML (``_render.py``: nbclient executes, nbconvert converts).

Priorities: every event runs at MkDocs' default priority 0, after the plugins (``search``, ``mkdocstrings``:
MkDocs calls hooks after plugins at equal priority), except ``on_page_context``, which runs
twice around the search plugin's own (priority 0, where it indexes ``page.content``): at 100, the execution-times
table is filled and then the page without its outputs is swapped in for the index; at -50, the whole page is put
back.

The build's mutable state is one object, ``_buildstate.STATE``; the settings are one list, ``_settings.SETTINGS``.
"""

from __future__ import annotations

# Named wiring.py, not site.py: a module named `site` would shadow Python's own wherever docs/hooks is on sys.path.
from types import MappingProxyType

from mkdocs.plugins import CombinedEvent, event_priority

import api_links  # the build's parts, siblings in docs/hooks/ (MkDocs puts this folder on sys.path)
import assets
import execution_cache
import figures
import flags
import keyboard
import not_found
import notebooks
import redirects
import search
import solutions
import tutorial_pages

#: The parts, in the order of the Maintainers page's table of hooks.
PARTS = (tutorial_pages, execution_cache, assets, figures, flags, solutions, notebooks, api_links, search, not_found, keyboard,
         redirects)

#: ``event -> ((priority, (function, ...)), ...)``: what runs on each event, in order.
EVENTS = MappingProxyType({
    "startup": ((0, (execution_cache.on_startup,)),),
    "shutdown": ((0, (execution_cache.on_shutdown,)),),
    "serve": ((0, (execution_cache.on_serve,)),),
    "config": ((0, (execution_cache.on_config, assets.on_config, notebooks.on_config)),),
    "pre_build": ((0, (flags.on_pre_build,)),),
    # tutorial_pages first: it makes the tutorials pages; then execution_cache executes every missing tutorial
    # before any other part looks at the pages.
    "files": ((0, (tutorial_pages.on_files, execution_cache.on_files, assets.on_files, figures.on_files, flags.on_files,
                   notebooks.on_files)),),
    "nav": ((0, (flags.on_nav, api_links.on_nav, redirects.on_nav)),),
    "env": ((0, (api_links.on_env,)),),
    "post_build": ((0, (execution_cache.on_post_build, figures.on_post_build, redirects.on_post_build)),),
    "post_template": ((0, (assets.on_post_template, not_found.on_post_template, keyboard.on_post_template)),),
    "pre_page": ((0, (execution_cache.on_pre_page,)),),
    "page_markdown": ((0, (flags.on_page_markdown,)),),
    # assets first: it moves the notebook CSS out before solutions and notebooks add their HTML.
    "page_content": ((0, (assets.on_page_content, figures.on_page_content, solutions.on_page_content,
                          notebooks.on_page_content, keyboard.on_page_content)),),
    # Around the search plugin (0): the times table, then the page without outputs for the index; then the page.
    "page_context": ((100, (execution_cache.on_page_context, search.search_view)), (-50, (search.reader_view,))),
    "post_page": ((0, (assets.on_post_page, figures.on_post_page, keyboard.on_post_page,
                       tutorial_pages.on_post_page)),),
})


def steps(*functions, priority: int = 0):
    """One MkDocs event handler that calls ``functions`` in order.

    MkDocs passes an event's item (the config, the files, a page's HTML, ...) first and the rest by keyword; each
    function gets the item the one before it returned (unchanged when it returned None), and the last item is
    returned. Events without an item (``on_startup``, ``on_pre_build``, ...) pass keywords only.

    Examples
    --------
    >>> handler = steps(lambda html, page: html + "a", lambda html, page: None, lambda html, page: html + page)
    >>> handler("<p>", page="b"), handler.steps[0].__name__, handler.mkdocs_priority
    ('<p>ab', '<lambda>', 0)
    """

    def run(*item, **kwargs):
        if not item:
            for function in functions:
                function(**kwargs)
            return None
        (value,) = item
        for function in functions:
            result = function(value, **kwargs)
            if result is not None:
                value = result
        return value

    run.steps = functions
    return event_priority(priority)(run)


def _handler(event: str):
    parts = [steps(*functions, priority=priority) for priority, functions in EVENTS[event]]
    return parts[0] if len(parts) == 1 else CombinedEvent(*parts)


on_startup = _handler("startup")
on_shutdown = _handler("shutdown")
on_serve = _handler("serve")
on_config = _handler("config")
on_pre_build = _handler("pre_build")
on_files = _handler("files")
on_nav = _handler("nav")
on_env = _handler("env")
on_post_build = _handler("post_build")
on_post_template = _handler("post_template")
on_pre_page = _handler("pre_page")
on_page_markdown = _handler("page_markdown")
on_page_content = _handler("page_content")
on_page_context = _handler("page_context")
on_post_page = _handler("post_page")
