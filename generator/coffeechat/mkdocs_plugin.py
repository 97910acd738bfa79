"""The `coffeechat` MkDocs plugin: glue between MkDocs and the core. It reads the journal with the
same reader as the command line, renders every page in memory and hands the pages to MkDocs as
generated files, so nothing is ever written into the journal."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from coffeechat import mkdocs_localsite as localsite
from coffeechat.build import ASSET_DIR, ASSETS, FAVICON, TAGS_PLUGINS, Settings, build, in_nav, nav
from coffeechat.derive import letters
from coffeechat.derive.public import Mentions
from coffeechat.mkdocs_incremental import Incremental
from coffeechat.mkdocs_run import requested
from coffeechat.model import JournalError
from coffeechat.read import config as options_config
from coffeechat.read.journal import ParseCache
from coffeechat.render import sanitise
from coffeechat.render.html import BLOCK, BLOCK_START
from coffeechat.textsafe import printable
from coffeechat.write.siteguard import check_docs_dir, check_site_dir

log = logging.getLogger("mkdocs.plugins.coffeechat")
# A stashed block becomes a one-word paragraph: Python-Markdown copies those for next to nothing,
# while after every raw HTML block (a comment too) it re-reads the rest of the page.
_WORD = "ccblock"


def _placeholder_word(text: str) -> str:
    """A word that the page's own text (the user's Markdown) does not contain: the same word for
    the same page, so builds stay identical."""
    word = _WORD
    while word in text:
        word += "x"
    return word


def _option(types: tuple[type, ...]) -> opt.Optional[Any]:
    """Unset is None: the default is Options' own (read/config.py), not a second copy here."""
    return opt.Optional(opt.Type(types if len(types) > 1 else types[0]))


class CoffeechatConfig(base.Config):
    """The plugin's options as MkDocs validates them (a wrong name or type in mkdocs.yml is an
    error naming the option), one per entry of config.OPTION_TYPES, the one list of options."""

    # A class body's locals() is the class namespace, which base.Config reads when the class is made.
    locals().update({name: _option(types) for name, types in options_config.OPTION_TYPES.items()})


# The site's own look when mkdocs.yml sets none: coffee colours, light or dark as the system is set,
# with Material's toggle to switch (its icons are inlined at build time: nothing is fetched).
PALETTE = (
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "brown",
        "accent": "deep orange",
        "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "brown",
        "accent": "deep orange",
        "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
    },
)
_MATERIAL_FAVICON = "assets/images/favicon.png"  # Material's default: mkdocs.yml did not set one


def _own_look(theme: Any) -> None:
    """A palette and favicon of coffeechat's own, only where the user's mkdocs.yml has none."""
    if theme.name != "material":
        return
    if not theme.get("palette"):
        theme["palette"] = [dict(scheme) for scheme in PALETTE]
    if theme.get("favicon") in (None, _MATERIAL_FAVICON):
        theme["favicon"] = f"{ASSET_DIR}/{FAVICON}"


class CoffeechatPlugin(BasePlugin[CoffeechatConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = ParseCache()
        self.sources: dict[str, str] = {}
        self.stashes: dict[str, tuple[str, list[str]]] = {}
        self.incremental = Incremental()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin object (and its parse cache) across `serve` rebuilds;
        `coffeechat serve` runs dirty builds, which render only the pages that changed."""
        self.incremental.dirty = dirty and command == "serve"

    def on_config(self, config: Any) -> Any:
        self.root = Path(config.config_file_path).parent
        try:
            # First of all: MkDocs empties the site folder right after this hook.
            check_site_dir(self.root, config.site_dir, config.docs_dir)
            check_docs_dir(config.docs_dir)
            self.options = options_config.options_from_config(self.config, config.config_file_path)
            run = requested()
            self.today = run.today if run is not None else options_config.today_from(None)
            self.today_pinned = (
                run.today_pinned if run is not None else options_config.today_is_pinned(None)
            )
        except JournalError as exc:
            raise PluginError(str(exc)) from None
        self.public = self.options.public or (run is not None and run.public)
        self.contact_details = self.options.public_contact_details or (
            run is not None and run.contact_details
        )
        for folder in ("contacts", "notes", letters.LETTERS_FOLDER):
            path = str(self.root / folder)
            if (self.root / folder).is_dir() and path not in config.watch:
                config.watch.append(path)
        for asset in ASSETS:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{asset}" not in target:
                target.append(f"{ASSET_DIR}/{asset}")
        _own_look(config.theme)
        localsite.keep_local(config)
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        settings = Settings(
            today=self.today,
            public=self.public,
            contact_details=self.contact_details,
            directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            repo_url=config.repo_url,
            tags_page=bool(TAGS_PLUGINS.intersection(config.plugins)),
            today_pinned=self.today_pinned,
        )
        site = build(self.root, self.options, settings, self.cache)
        for problem in site.problems:
            log.warning(printable(problem.as_text()))
        for path, why in site.left_out:
            log.info(printable(f"public build: left out {path} ({why})"))
        if site.mentions is not None:
            self._leave_out_own_files(files, site.mentions, config)
        self.sources = {file.path: file.source for file in site.files if file.source}
        for file in site.files:
            generated = File.generated(
                config, file.path, content=file.content, inclusion=_inclusion(file.path)
            )
            self._add(files, generated)
        if config.nav is None:
            config.nav = self._nav(files)
        self.incremental.mark(files, {file.path: file.content for file in site.files}, config)
        return files

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return localsite.local_page(output)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return localsite.local_page(output_content)  # 404.html is a template

    @event_priority(100)  # before the search plugin writes its index
    def _complete_search(self, *, config: Any) -> None:
        self.incremental.complete_search(config, self.files)
        self.incremental.delete_removed()

    @event_priority(-100)  # after the search plugin has written its index
    def _search_script(self, *, config: Any) -> None:
        localsite.write_search_script(config.site_dir)

    on_post_build = CombinedEvent(_complete_search, _search_script)

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        self.files = files  # the final list, for the search index of a dirty build
        if env.bytecode_cache is None:  # before any page or theme template is compiled
            env.bytecode_cache = self.incremental.templates
        return env

    def _leave_out_own_files(self, files: Files, mentions: Mentions, config: Any) -> None:
        """The user's own pages (and other text files in the docs folder) that name someone
        private stay out of a public build too; files that are not text cannot be checked."""
        if not mentions:
            return
        docs = Path(config.docs_dir).resolve()
        for file in list(files):
            path = Path(file.abs_src_path) if file.abs_src_path else None
            if file.generated_by is not None or path is None:
                continue
            if not path.resolve().is_relative_to(docs):
                continue  # the theme's own files
            try:
                text = path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            if mentions.in_text(text):
                log.info(f"public build: left out {file.src_uri} (it names a private contact)")
                files.remove(file)

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            log.warning(
                printable(
                    f"{existing.src_uri} in {Path(existing.abs_src_path or '').parent.name or 'docs'}/ "
                    "has the same address as a page coffeechat makes; coffeechat's page is used"
                )
            )
            files.remove(existing)
        files.append(file)

    def _nav(self, files: Files) -> list[Any]:
        present = {f.src_uri for f in files}
        own = (f.src_uri for f in files.documentation_pages() if f.generated_by is None)
        return nav(present, own)

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        """Set our generated HTML aside: Python-Markdown would parse every tag of it again."""
        if page.file.generated_by is None or BLOCK_START not in markdown:
            return markdown
        stash: list[str] = []
        word = _placeholder_word(BLOCK.sub("", markdown))

        def keep(match: re.Match[str]) -> str:
            stash.append(match.group(1))
            return f"{word}{len(stash) - 1}z"

        self.stashes[page.file.src_uri] = (word, stash)
        return BLOCK.sub(keep, markdown)

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        if self._sanitised(page.file):
            html = sanitise.clean(html)  # only the user's text: our own HTML is still set aside
        word, stash = self.stashes.pop(page.file.src_uri, ("", []))
        if not stash:
            return html
        # The bare word is restored too, should an extension wrap it in something other than <p>.
        found = re.compile(rf"<p>{word}(\d+)z</p>|{word}(\d+)z")
        return found.sub(lambda match: stash[int(match.group(1) or match.group(2))], html)

    def _sanitised(self, file: File) -> bool:
        """Pages made from the journal always; the user's own pages in public builds. The tags
        page is Material's (its marker is a comment, which the sanitiser drops)."""
        if file.generated_by is not None:
            return file.src_uri != "tags.md"
        return self.public

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """ "Edit this page" on a contact or note opens the journal file, not a generated one."""
        source = self.sources.get(page.file.src_uri)
        if page.file.generated_by is not None:
            page.edit_url = self._edit_url(config, source) if source else None
        return context

    def _edit_url(self, config: Any, source: str) -> str | None:
        if not config.repo_url or not config.edit_uri:
            return None
        edit_uri: str = config.edit_uri.rstrip("/") + "/"
        docs = Path(config.docs_dir).name + "/"
        if edit_uri.endswith(docs):  # edit_uri points into docs_dir; the journal root is above it
            edit_uri = edit_uri[: -len(docs)]
        return str(config.repo_url).rstrip("/") + "/" + edit_uri.lstrip("/") + source


def _inclusion(src: str) -> InclusionLevel:
    return InclusionLevel.UNDEFINED if in_nav(src) else InclusionLevel.NOT_IN_NAV
