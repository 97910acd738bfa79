"""Incremental rebuilds for `coffeechat serve`: after a save, MkDocs renders again only the pages
whose generated text changed; every other page keeps the HTML it got last time.

MkDocs' dirty builds (`serve` with build_type="dirty") skip every file whose `is_modified()` is
false and leave the site folder as it was; a generated file always says it is modified. Here the
previous build's text of every generated page is kept by path, and a page is left alone only when
its text is the same, it is not in the navigation, and nothing that every page shows (the
navigation, the set of navigation pages) changed. Everything else is rebuilt, so a wrong guess
costs time, never a stale page:

- the user's own pages are always rebuilt (their titles feed the navigation of every page);
- a change to the navigation, to mkdocs.yml or to the theme overrides (custom_dir), or a plugin
  whose output depends on every page (Material's tags, anything unknown), makes the build a full
  one;
- pages whose source disappeared are deleted from the site folder;
- the search index is completed with the previous entries of the pages not rebuilt, in the order
  a full build writes them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel

# Plugins whose output for a page depends only on that page (or, for search, is completed here).
SAFE_PLUGINS = frozenset({"search", "material/search", "coffeechat"})


def _keep(file: File) -> None:
    file.is_modified = lambda: False  # type: ignore[method-assign]


def _rebuild(file: File) -> None:
    file.is_modified = lambda: True  # type: ignore[method-assign]


@dataclass
class Incremental:
    dirty: bool = False  # serve runs MkDocs' dirty builds; a plain build never skips anything
    texts: dict[str, str | bytes] = field(default_factory=dict)  # generated file -> its content
    dests: dict[str, str] = field(default_factory=dict)  # every page's source -> its output
    shared: object = None  # what every page shows: the navigation, the plugins
    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # page url -> search
    kept: set[str] = field(default_factory=set)  # pages not rebuilt in this build (their urls)
    removed: list[str] = field(default_factory=list)
    templates: TemplateCache = field(default_factory=lambda: TemplateCache())

    def mark(self, files: Files, generated: dict[str, str | bytes], config: Any) -> None:
        """Say which files MkDocs renders again; call at the end of on_files."""
        self.kept = set()
        if not self.dirty:
            return
        pages = files.documentation_pages()
        in_nav = sorted(f.src_uri for f in pages if not _hidden(f))
        shared = (repr(config.nav), in_nav, sorted(config.plugins), config.site_url, _setup(config))
        plugins = set(config.plugins)
        searched = _search_index(config) is not None or not plugins & {"search", "material/search"}
        full = shared != self.shared or not plugins <= SAFE_PLUGINS or not searched
        self.shared = shared
        now = {f.src_uri for f in pages}
        self.removed = [dest for src, dest in self.dests.items() if src not in now]
        self.dests = {f.src_uri: f.abs_dest_path for f in pages}
        for file in files:
            content = generated.get(file.src_uri)
            if content is None:
                if file.is_documentation_page():
                    _rebuild(file)  # the user's own page: MkDocs' mtime test misses nav changes
                continue
            same = self.texts.get(file.src_uri) == content and os.path.exists(file.abs_dest_path)
            if same and not full and _hidden(file):
                _keep(file)
                self.kept.add(file.url)
            else:
                _rebuild(file)
        self.texts = dict(generated)

    def complete_search(self, config: Any, files: Files) -> None:
        """Before the search plugin writes its index: add the entries of the pages not rebuilt,
        in page order, and remember every page's entries for the next build."""
        index = _search_index(config)
        if index is None:
            return
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in index.search_index.entries:
            fresh.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        entries: list[dict[str, Any]] = []
        remembered: dict[str, list[dict[str, Any]]] = {}
        for file in files.documentation_pages():
            url = file.url
            page = self.entries.get(url, []) if url in self.kept else fresh.get(url, [])
            remembered[url] = page
            entries.extend(page)
        index.search_index.entries = entries
        index.search_index_prev = None  # Material's own dirty merge assumes one page changed
        self.entries = remembered

    def delete_removed(self) -> None:
        """Pages of files that are gone (a deleted note) must not stay reachable."""
        for dest in self.removed:
            if os.path.isfile(dest):
                os.remove(dest)
        self.removed = []


def _setup(config: Any) -> tuple[str, list[tuple[str, int]]]:
    """mkdocs.yml as written and the user's theme overrides (custom_dir) with their times: any
    change to them may change every page."""
    try:
        with open(config.config_file_path, encoding="utf-8") as stream:
            text = stream.read()
    except (OSError, TypeError, UnicodeDecodeError):
        text = ""  # no config file (a test's in-memory config): nothing to compare
    stamps: list[tuple[str, int]] = []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for folder, _, names in sorted(os.walk(custom)):
            for name in sorted(names):
                path = os.path.join(folder, name)
                stamps.append((path, os.stat(path).st_mtime_ns))
    return text, stamps


def _hidden(file: File) -> bool:
    return file.inclusion is InclusionLevel.NOT_IN_NAV


def _search_index(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index_prev"):
            return plugin
    return None


class TemplateCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory across `serve` rebuilds: MkDocs makes a
    new Jinja environment for every build, and compiling Material's templates again took longer
    than rendering the pages that changed. Jinja checks each template's source checksum, so an
    edited template is compiled afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
