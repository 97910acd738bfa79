"""`coffeechat export markdown DIR`: the whole generated site as a plain Markdown tree (docs/ and an
mkdocs.yml without the coffeechat plugin), so any engine that reads Markdown renders the journal
without running Python plugins: plain MkDocs, ProperDocs, MkDocs 2, Zensical.

What the plugin does while MkDocs runs is done here once, in the files themselves: coffeechat's
block marks are taken out (its HTML blocks pass through any Markdown engine as they are), the
user's Markdown that holds raw HTML or a link the sanitiser would change is written as sanitised
HTML, and the navigation goes into mkdocs.yml."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from coffeechat.build import (
    ASSET_DIR,
    ASSETS,
    TAGS_PLUGINS,
    OutputFile,
    Settings,
    build,
    in_nav,
    nav,
)
from coffeechat.derive.public import Mentions
from coffeechat.model import WARNING, JournalError, Problem
from coffeechat.read.config import CONFIG_FILE, PLUGIN_NAME, load_options
from coffeechat.render import sanitise
from coffeechat.render.html import BLOCK
from coffeechat.write import writer
from coffeechat.write.siteguard import check_site_dir

MARKER = ".coffeechat-export"  # names every file of the export: a later export may replace them
DOCS = "docs"
_MARKER_HEAD = (
    "# Written by `coffeechat export markdown`: the files below are replaced by the next export.\n"
)
# Settings that only make sense in the journal, or run Python: the export leaves them out.
# (edit_uri: the exported pages are not the journal's files, so "edit this page" would lead nowhere.)
_DROPPED = frozenset(
    {"docs_dir", "site_dir", "watch", "hooks", "INHERIT", "edit_uri", "edit_uri_template", "strict"}
)
_FRONT = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# Markdown that every engine turns into the same harmless HTML: no raw HTML (a tag, a comment),
# no character reference, and links to web, mail and phone addresses or to this site only.
_RAW = re.compile(r"<(?!(?:https?://|mailto:)[^<>\s]*>)[A-Za-z!?/]|&#|&[A-Za-z][A-Za-z0-9]*;")
_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^\s)>]*)|^ {0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)
_SAFE_URL = re.compile(r"(?:https?://|mailto:|tel:)\S*|[^:\\/\s][^:\\\s]*|/[^/\\\s][^:\\\s]*|/?")
_LOCAL_URL = re.compile(r"[^:\\/\s][^:\\\s]*|/[^/\\\s][^:\\\s]*|")


@dataclass(frozen=True, slots=True)
class Exported:
    target: Path
    written: int
    removed: int
    problems: tuple[Problem, ...]
    left_out: tuple[tuple[str, str], ...]


def export(
    root: Path,
    target: Path,
    today: date,
    public: bool = False,
    contact_details: bool = False,
    today_pinned: bool = True,
) -> Exported:
    """Build the journal at root and write it as a Markdown tree into target. `today_pinned`:
    the day was given (the dashboard then says the site shows the journal as of that day)."""
    options = load_options(root)
    config = _journal_config(root)
    docs_dir = root / str(_value(config, "docs_dir") or "docs")
    check_site_dir(root, target, docs_dir)
    previous = _previous_export(target)
    settings = Settings(
        today=today,
        public=public or options.public,
        contact_details=contact_details or options.public_contact_details,
        directory_urls=_value(config, "use_directory_urls") is not False,
        site_url=_text(_value(config, "site_url")),
        repo_url=_text(_value(config, "repo_url")),
        tags_page=bool(TAGS_PLUGINS.intersection(_plugin_names(config))),
        today_pinned=today_pinned,
    )
    site = build(root, options, settings)
    problems = list(site.problems)
    left_out = list(site.left_out)
    render = _Renderer(config)
    own = _own_files(docs_dir, site.mentions, left_out)
    generated = {file.path for file in site.files}
    files: dict[str, bytes] = {}
    for path, data in own.items():
        if path in generated:
            problems.append(Problem(f"{docs_dir.name}/{path}", None, WARNING, _CLASH))
        elif settings.public and path.endswith(".md"):  # as the plugin sanitises them
            files[f"{DOCS}/{path}"] = _neutral_own(data, render).encode("utf-8")
        else:
            files[f"{DOCS}/{path}"] = data
    for file in site.files:
        files[f"{DOCS}/{file.path}"] = _content(file, render)
    pages = [path for path in own if path.endswith(".md") and path not in generated]
    files[CONFIG_FILE] = _mkdocs_yml(config, generated, sorted(pages)).encode("utf-8")
    removed = _write(target, files, previous)
    return Exported(target, len(files), removed, tuple(problems), tuple(left_out))


_CLASH = "has the same address as a page coffeechat makes; coffeechat's page is exported"


# -- the journal's mkdocs.yml, as YAML nodes: tags such as !ENV or !!python/name stay as written


def _journal_config(root: Path) -> yaml.MappingNode | None:
    path = root / CONFIG_FILE
    if not path.is_file():
        return None
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:  # load_options has already said where, for a real mistake
        raise JournalError(f"mkdocs.yml is not valid YAML: {exc}", CONFIG_FILE) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"cannot read mkdocs.yml: {exc}", CONFIG_FILE) from None
    return node if isinstance(node, yaml.MappingNode) else None


def _entry(config: yaml.MappingNode | None, key: str) -> yaml.Node | None:
    for name, value in config.value if config is not None else ():
        if name.value == key and isinstance(value, yaml.Node):
            return value
    return None


def _value(config: yaml.MappingNode | None, key: str) -> Any:
    """A plain value of mkdocs.yml (None for one behind a tag such as !ENV)."""
    node = _entry(config, key)
    if node is None or node.tag.startswith("!"):
        return None
    return yaml.safe_load(yaml.serialize(node))


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _plugin_names(config: yaml.MappingNode | None) -> list[str]:
    return [name for name, _ in _plugins(config)]


def _plugins(config: yaml.MappingNode | None) -> list[tuple[str, yaml.Node]]:
    """Each plugin entry with its name: `- search`, `- coffeechat: {...}` or a mapping's keys."""
    node = _entry(config, "plugins")
    found: list[tuple[str, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        return [
            (str(key.value), yaml.MappingNode("tag:yaml.org,2002:map", [(key, value)]))
            for key, value in node.value
        ]
    for item in node.value if isinstance(node, yaml.SequenceNode) else ():
        if isinstance(item, yaml.ScalarNode):
            found.append((str(item.value), item))
        elif isinstance(item, yaml.MappingNode) and item.value:
            found.append((str(item.value[0][0].value), item))
    return found


def _mkdocs_yml(config: yaml.MappingNode | None, generated: set[str], own_pages: list[str]) -> str:
    """The journal's settings without the coffeechat plugin, with the exported docs folder, our
    stylesheet and scripts, and the navigation the plugin would have made."""
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in config.value if config is not None else ():
        if key.value in _DROPPED or key.value in ("plugins", "extra_css", "extra_javascript"):
            continue
        if key.value == "theme":
            value = _no_web_fonts(value)
        entries.append((key, value))
    if _entry(config, "site_name") is None:
        entries.insert(0, _pair("site_name", _scalar("Career conversations")))
    entries.append(_pair("docs_dir", _scalar(DOCS)))
    if _entry(config, "repo_url") is not None:
        entries.append(_pair("edit_uri", _scalar("")))
    plugins = [node for name, node in _plugins(config) if name != PLUGIN_NAME]
    if _entry(config, "plugins") is not None:
        entries.append(_pair("plugins", _sequence(plugins)))
    for key, suffix in (("extra_css", ".css"), ("extra_javascript", ".js")):
        mine = [_scalar(f"{ASSET_DIR}/{name}") for name in ASSETS if name.endswith(suffix)]
        given = _entry(config, key)
        theirs = list(given.value) if isinstance(given, yaml.SequenceNode) else []
        entries.append(_pair(key, _sequence(theirs + mine)))
    if _entry(config, "nav") is None:
        entries.append(_pair("nav", _nav_node(nav(generated, own_pages))))
    entries.append(_pair("not_in_nav", _scalar(_not_in_nav(generated, config), style="|")))
    document = yaml.MappingNode("tag:yaml.org,2002:map", entries)
    head = "# Written by `coffeechat export markdown`; build with `mkdocs build` (or properdocs).\n"
    return head + yaml.serialize(document, allow_unicode=True, width=100)


def _not_in_nav(generated: set[str], config: yaml.MappingNode | None) -> str:
    """Contact, note, prep and company pages, as gitignore-style patterns of their folders."""
    folders = sorted(
        {src.split("/")[0] for src in generated if src.endswith(".md") and not in_nav(src)}
    )
    lines = [line for folder in folders for line in (f"/{folder}/*.md", f"!/{folder}/index.md")]
    theirs = _value(config, "not_in_nav")
    if isinstance(theirs, str) and theirs.strip():
        lines = [*theirs.strip().splitlines(), *lines]
    return "\n".join(lines) + "\n"


def _no_web_fonts(theme: yaml.Node) -> yaml.Node:
    """Material loads any font but `false` from Google Fonts: the export keeps to the system's
    fonts, as the plugin does, so the site still asks no other host for anything."""
    if isinstance(theme, yaml.ScalarNode) and theme.value == "material":
        return yaml.MappingNode(
            "tag:yaml.org,2002:map", [_pair("name", theme), _pair("font", _false())]
        )
    if isinstance(theme, yaml.MappingNode):
        name = next((v.value for k, v in theme.value if k.value == "name"), None)
        if name == "material":
            kept = [(k, v) for k, v in theme.value if k.value != "font"]
            return yaml.MappingNode(theme.tag, [*kept, _pair("font", _false())], flow_style=False)
    return theme


def _nav_node(entries: list[dict[str, str] | str]) -> yaml.SequenceNode:
    items: list[yaml.Node] = []
    for entry in entries:
        if isinstance(entry, str):
            items.append(_scalar(entry))
        else:
            items.append(
                yaml.MappingNode(
                    "tag:yaml.org,2002:map", [_pair(k, _scalar(v)) for k, v in entry.items()]
                )
            )
    return _sequence(items)


def _scalar(text: str, style: str | None = None) -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:str", text, style=style)


def _false() -> yaml.ScalarNode:
    return yaml.ScalarNode("tag:yaml.org,2002:bool", "false")


def _pair(key: str, value: yaml.Node) -> tuple[yaml.Node, yaml.Node]:
    return _scalar(key), value


def _sequence(items: list[yaml.Node]) -> yaml.SequenceNode:
    return yaml.SequenceNode("tag:yaml.org,2002:seq", items, flow_style=False)


# -- pages: the plugin's work done in the files themselves -----------------------------------


def _content(file: OutputFile, render: _Renderer) -> bytes:
    if isinstance(file.content, bytes):
        return file.content
    if not file.path.endswith(".md") or file.path == "tags.md":  # Material's marker is a comment
        return file.content.encode("utf-8")
    return neutral(file.content, render).encode("utf-8")


def neutral(text: str, render: Callable[[str], str]) -> str:
    """A generated page as plain Markdown: our HTML blocks without their marks (they are block
    HTML without blank lines, which Markdown engines pass through), the rest made safe."""
    front = _FRONT.match(text)
    head = front.group(0) if front else ""
    body = text[len(head) :]
    parts: list[str] = []
    start = 0
    for match in BLOCK.finditer(body):
        parts.append(_safe(body[start : match.start()], render))
        parts.append(match.group(1))
        start = match.end()
    parts.append(_safe(body[start:], render))
    return head + "".join(parts)


def _neutral_own(data: bytes, render: Callable[[str], str]) -> str:
    text = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    front = _FRONT.match(text)
    head = front.group(0) if front else ""
    return head + _safe(text[len(head) :], render)


def plain(markdown: str) -> bool:
    """Whether the sanitiser would leave this Markdown's HTML as every engine writes it."""
    if _RAW.search(markdown):
        return False
    for match in _LINK.finditer(markdown):
        image, url = (
            match.group(1),
            match.group(2) if match.group(2) is not None else match.group(3),
        )
        if not (_LOCAL_URL if image else _SAFE_URL).fullmatch(url or ""):
            return False
    return True


def _safe(markdown: str, render: Callable[[str], str]) -> str:
    """The user's Markdown as it is, unless the sanitiser would change what it becomes: then its
    sanitised HTML, as one raw block (its headings then stay out of the page's table of contents)."""
    if plain(markdown):
        return markdown
    html = sanitise.clean(render(markdown)).strip()
    while re.search(r"\n[ \t]*\n", html):  # a blank line would end the raw block early
        html = re.sub(r"\n[ \t]*\n", "&#10;\n", html)
    return f"\n\n<div>\n{html}\n</div>\n\n"


class _Renderer:
    """Python-Markdown with the journal's own extensions: what MkDocs would make of the text."""

    def __init__(self, config: yaml.MappingNode | None) -> None:
        self.config = config
        self.markdown: Any = None

    def __call__(self, text: str) -> str:
        if self.markdown is None:
            self.markdown = self._make()
        self.markdown.reset()
        return str(self.markdown.convert(text))

    def _make(self) -> Any:
        # Imported here: only a journal with raw HTML needs them, and MkDocs' YAML loader is the
        # one that knows its !ENV and !!python/name tags.
        import markdown
        from mkdocs.utils.yaml import yaml_load

        node = _entry(self.config, "markdown_extensions")
        given = yaml_load(yaml.serialize(node)) if node is not None else []
        names: list[str] = ["toc", "tables", "fenced_code"]  # MkDocs' own
        configs: dict[str, Any] = {}
        for item in given if isinstance(given, list) else []:
            name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
            if name not in names:
                names.append(str(name))
            if isinstance(options, dict):
                configs[str(name)] = options
        return markdown.Markdown(extensions=names, extension_configs=configs)


# -- the user's own pages and assets ------------------------------------------------------------


def _own_files(
    docs_dir: Path, mentions: Mentions | None, left_out: list[tuple[str, str]]
) -> dict[str, bytes]:
    """Every file of the journal's docs folder (not hidden ones), by its path there; in a public
    export, text files that name a private contact are left out, as the plugin leaves them out."""
    found: dict[str, bytes] = {}
    if not docs_dir.is_dir():
        return found
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            rel = path.relative_to(docs_dir).as_posix()
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise writer.os_error(exc, path, "read the file") from None
            if mentions and _names_private(data, mentions):
                left_out.append((f"{docs_dir.name}/{rel}", "it names a private contact"))
                continue
            found[rel] = data
    return found


def _names_private(data: bytes, mentions: Mentions) -> bool:
    try:
        return mentions.in_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return False  # not text: cannot be checked, as in the plugin


# -- the target folder -----------------------------------------------------------------------


def _previous_export(target: Path) -> list[str]:
    """The files a previous export wrote; refuse a folder that holds anything else."""
    if target.exists() and not target.is_dir():
        raise JournalError("is not a folder; choose a new or empty folder", str(target))
    try:
        if not target.is_dir() or not any(target.iterdir()):
            return []
        lines = (target / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        lines = None
    except OSError as exc:
        raise writer.os_error(exc, target, "read the folder") from None
    if lines is None:
        raise JournalError(
            f"is not empty and holds no earlier export (no {MARKER} file); choose a new or empty "
            "folder (nothing was changed)",
            str(target),
        )
    return [line for line in lines if line and not line.startswith("#") and _inside(line)]


def _inside(name: str) -> bool:
    """Only plain relative names: a marker edited to name `../x` removes nothing outside."""
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "" not in parts and "\\" not in name


def _marker(names: Iterable[str]) -> bytes:
    return (_MARKER_HEAD + "".join(f"{name}\n" for name in sorted(set(names)))).encode("utf-8")


def _write(target: Path, files: dict[str, bytes], previous: list[str]) -> int:
    """The marker first names old and new files alike, so an export that stops halfway (a full
    disk) leaves a folder the next export may still replace, and no file it would not know."""
    writer.put(target / MARKER, _marker([*previous, *files]), MARKER)
    for name, data in sorted(files.items()):
        writer.put(target / name, data, name)
    stale = [name for name in previous if name not in files and (target / name).is_file()]
    for name in stale:
        writer.remove(target / name, name)
    writer.put(target / MARKER, _marker(files), MARKER)
    return len(stale)
