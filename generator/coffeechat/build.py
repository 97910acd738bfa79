"""The one chain of stages, in pelican's order: read the journal, derive everything the pages show,
then render every page. Nothing is written here: the CLI, the MkDocs plugin and `export markdown`
each call `build()` and do only their own job with the `Site` it returns."""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from coffeechat.derive import letters
from coffeechat.derive.compare import compare
from coffeechat.derive.derived import derive
from coffeechat.derive.public import Mentions, public_journal
from coffeechat.model import FollowUp, Problem
from coffeechat.read.config import Options
from coffeechat.read.history import read_history
from coffeechat.read.journal import ParseCache, read_journal
from coffeechat.render import sanitise
from coffeechat.render.calendar import follow_ups_ics
from coffeechat.render.pages import NAV, render_site

ASSET_DIR = "assets/coffeechat"
ASSETS = ("coffeechat.css", "coffeechat.js", "coffeechat-file.js")
# Copied into the site but loaded by Material itself (as a polyfill), not by a <script> of ours.
SHIMS = ("iframe-worker-shim.js",)
FAVICON = "favicon.svg"  # the site's icon unless mkdocs.yml names one (mkdocs_plugin.py)
FEED = "follow-ups.ics"
# Material's tags plugin lists every tagged page (contacts and notes carry their tags) where
# this marker stands; without the plugin there is nothing to list, so no page.
TAGS_PLUGINS = frozenset(
    {"tags", "material/tags"}
)  # Material's tags plugin, as mkdocs.yml names it
TAGS_PAGE = "---\ntitle: Tags\n---\n\nContacts and notes by tag.\n\n<!-- material/tags -->\n"


@dataclass(frozen=True, slots=True)
class Settings:
    """What one build depends on besides the journal and its options: passed in, never read from
    the environment, so two builds in one process cannot leak into each other."""

    today: date
    public: bool = False
    contact_details: bool = False  # e-mail, phone and letter drafts in a public build
    directory_urls: bool = True
    site_url: str | None = None
    repo_url: str | None = None
    tags_page: bool = False
    today_pinned: bool = False  # today was given (--today, $COFFEECHAT_TODAY), not the clock's

    @property
    def drafts_shown(self) -> bool:
        # a letter draft carries the contact's e-mail address and the owner's own details
        return not self.public or self.contact_details


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str  # its place in the site's source tree: `contacts/ana.md`, `follow-ups.ics`
    content: str | bytes
    source: str | None = None  # the journal file a page shows, for "edit this page"


@dataclass(frozen=True, slots=True)
class Site:
    files: tuple[OutputFile, ...]
    problems: tuple[Problem, ...]
    left_out: tuple[tuple[str, str], ...] = ()  # public build: (file, why) of what it left out
    mentions: Mentions | None = None  # public build: who the user's own pages must not name

    def pages(self) -> Iterator[OutputFile]:
        return (file for file in self.files if file.path.endswith(".md"))


def build(
    root: Path, options: Options, settings: Settings, cache: ParseCache | None = None
) -> Site:
    journal = read_journal(root, options.bank, cache)
    problems = list(journal.problems)
    journal = sanitise.unmarked(journal)
    left_out: tuple[tuple[str, str], ...] = ()
    mentions = None
    if settings.public:
        shown = public_journal(journal, settings.contact_details)
        journal, left_out, mentions = shown.journal, tuple(shown.left_out), shown.mentions
    derived = derive(journal, options, settings.today)
    comparison = (
        compare(journal, options.bank, derived.meetings, derived.referrals)
        if options.compare
        else None
    )
    drafts, found = letters.load(root, options)
    problems.extend(found)
    pages = render_site(
        journal,
        derived,
        settings.directory_urls,
        comparison,
        drafts=drafts if settings.drafts_shown else None,
        history=read_history(root),
        repo_url=settings.repo_url,
        today_pinned=settings.today_pinned,
    )
    problems.extend(drafts.failures.values())  # a template that failed for one contact
    files = [OutputFile(page.src, page.text, page.source) for page in pages]
    ics = _calendar(derived.follow_ups, settings.site_url, settings.today, options.calendar_alarms)
    files.append(OutputFile(FEED, ics))
    if settings.tags_page:
        files.append(OutputFile("tags.md", TAGS_PAGE))
    files.extend(
        OutputFile(f"{ASSET_DIR}/{name}", asset_text(name)) for name in (*ASSETS, *SHIMS, FAVICON)
    )
    return Site(tuple(files), tuple(problems), left_out, mentions)


@functools.lru_cache(maxsize=4)
def _calendar(
    items: tuple[FollowUp, ...], site_url: str | None, today: date, alarms: bool
) -> bytes:
    """`serve` builds again after every save, and most saves change no follow-up; writing the
    calendar with icalendar took a quarter of such a rebuild at 3,000 contacts."""
    return follow_ups_ics(items, site_url, today, alarms)


def asset_text(name: str) -> str:
    return resources.files("coffeechat.render.assets").joinpath(name).read_text(encoding="utf-8")


def nav(present: Collection[str], own: Iterable[str]) -> list[dict[str, str] | str]:
    """The site's navigation: our sections, then the user's own top-level pages (`own`, in the
    order given). Never every contact and note: each page embeds the whole navigation."""
    ours = {src for _, src in NAV}
    entries: list[dict[str, str] | str] = [{title: src} for title, src in NAV if src in present]
    entries.extend(src for src in own if "/" not in src and src not in ours)
    return entries


def in_nav(src: str) -> bool:
    """Contact, note, prep and company pages stay out of the navigation (see nav)."""
    return src.count("/") != 1 or src.endswith("/index.md")
