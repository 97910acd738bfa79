"""Front matter: split a file's text and load its YAML, keeping the *file's* line numbers.

The YAML is composed once (C parser where available) and each top-level value is constructed on its
own, so one bad value is reported at its own line and never hides the keys around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Aliases let a few lines of YAML stand for billions of values ("billion laughs"); nothing a
# journal needs comes close to this many values in one file.
MAX_EXPANDED_NODES = 10_000

_UNCLOSED = "found unexpected end of stream"
# Aliases need an anchor (`&name`) first; only files that define one are walked.
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# YAML also ends a line at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; editors do not, so marks
# after one of them are shifted back to the line an editor shows.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAKS = frozenset({"\r\n", "\r", "\n"})


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """Safe loader whose impossible dates stay values (with their line) instead of aborting."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """A scalar's tag depends only on its text here (no path resolvers), and journals repeat
        the same values (`sent`, `email`, `true`), so PyYAML's regex tests run once per text."""
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            if len(_RESOLVED) > _RESOLVED_MAX:
                _RESOLVED.clear()
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)
        return tag


_RESOLVED: dict[tuple[str, Any], str] = {}
_RESOLVED_MAX = 200_000


class InvalidDate(str):
    """A date-shaped value that is no real day (2026-02-30); reported where a date is expected."""

    reason: str
    line: int  # 0-based within the front matter, like YAML marks


def _strict_timestamp(loader: Any, node: ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        invalid = InvalidDate(node.value)
        invalid.reason, invalid.line = str(exc), node.start_mark.line
        return invalid


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _strict_timestamp)


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(slots=True)
class FrontMatter:
    """Loaded front matter: values, the file line of every key, and the raw YAML nodes."""

    data: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    first_line: int = 2
    value_errors: list[tuple[int, str]] = field(default_factory=list)
    duplicate_keys: list[tuple[int, str]] = field(default_factory=list)
    # YAML line numbers (0-based) that end at a break an editor does not count (U+0085, U+2028…)
    hidden_breaks: list[int] = field(default_factory=list)

    def file_line(self, yaml_line: int) -> int:
        """The line an editor shows for a 0-based YAML mark line."""
        return yaml_line - bisect_left(self.hidden_breaks, yaml_line) + self.first_line

    def line_of(self, node: Node) -> int:
        return self.file_line(node.start_mark.line)

    def line_of_invalid(self, value: InvalidDate) -> int:
        return self.file_line(value.line)


def split(text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, body's first line); raises FrontMatterError when not delimited."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if first.rstrip() != "---":
        raise FrontMatterError(
            "the file must start with front matter: a line `---`, then `key: value` lines, "
            "then another `---`",
            1,
        )
    start = len(text) if first_end < 0 else first_end + 1
    closing = _CLOSING.search(text, start)
    if closing is None:
        raise FrontMatterError(
            "the front matter opened on line 1 is never closed: add a line `---` after it", 1
        )
    body_start = text.find("\n", closing.end())
    body_start = len(text) if body_start < 0 else body_start + 1
    body_line = text.count("\n", 0, body_start) + 1
    return text[start : closing.start()], text[body_start:], body_line


def load(text: str) -> FrontMatter:
    """Split and load; problems with the whole block raise, problems with one value are kept."""
    yaml_text, body, body_line = split(text)
    matter = FrontMatter(body=body, body_line=body_line)
    matter.hidden_breaks = _hidden_breaks(yaml_text)
    root = _compose(yaml_text, matter)
    if root is None:
        return matter
    if not isinstance(root, MappingNode):
        raise FrontMatterError(
            "the front matter must be `key: value` lines, not "
            + ("a list" if isinstance(root, SequenceNode) else "a single value"),
            matter.line_of(root),
        )
    _construct_keys(root, matter)
    return matter


def _hidden_breaks(yaml_text: str) -> list[int]:
    if not any(c in yaml_text for c in "\x85\u2028\u2029"):
        return []
    found = []
    for yaml_line, match in enumerate(_YAML_BREAK.finditer(yaml_text)):
        if match.group() not in _EDITOR_BREAKS:
            found.append(yaml_line)
    return found


def _compose(yaml_text: str, matter: FrontMatter) -> Node | None:
    loader = _Loader(yaml_text)
    try:
        root: Node | None = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise FrontMatterError(_explain(exc, yaml_text), _line(exc, matter)) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"the front matter is not valid YAML: {exc}", None) from None
    finally:
        loader.dispose()
    if root is not None and _ANCHOR.search(yaml_text) and _too_big(root):
        raise FrontMatterError(
            "the front matter uses YAML aliases (`*name`) that expand to more than "
            f"{MAX_EXPANDED_NODES:,} values; write the values out instead",
            matter.first_line,
        )
    return root


def _too_big(root: Node) -> bool:
    stack, seen = [root], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > MAX_EXPANDED_NODES:
            return True
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return False


def _construct_keys(root: MappingNode, matter: FrontMatter) -> None:
    loader = _Loader("")
    try:
        loader.flatten_mapping(root)
        if not _construct_all(loader, root, matter):
            for key_node, value_node in root.value:
                _construct_one(loader, key_node, value_node, matter)
    except yaml.MarkedYAMLError as exc:
        matter.value_errors.append((_line(exc, matter), _explain(exc)))
    finally:
        loader.dispose()


def _construct_all(loader: Any, root: MappingNode, matter: FrontMatter) -> bool:
    """The common case in one call; False when a key or value needs the careful path."""
    if not all(isinstance(k, ScalarNode) for k, _ in root.value):
        return False
    memo: dict[int, Any] = {}
    try:
        data = _quick(loader, root, memo)
    except (_Unusual, yaml.MarkedYAMLError, RecursionError, TypeError):
        data = None
    # Keys that collide once constructed (`1:` and `yes:`, since True == 1; or a key written
    # twice) would share one value here; the careful path keeps each key's own value.
    if data is None or len(data) != len(root.value):
        loader.constructed_objects.clear()
        loader.recursive_objects.clear()
        return False
    for key_node, value_node in root.value:
        key = key_node.value
        if key in matter.key_lines:
            matter.duplicate_keys.append((matter.line_of(key_node), key))
        matter.key_lines[key] = matter.line_of(key_node)
        matter.nodes[key] = value_node
        matter.data[key] = data[memo[id(key_node)]]
    return True


_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "seq", "map"))
_UNSET = object()


class _Unusual(Exception):
    """A node the quick constructor leaves to PyYAML's careful one (an unknown tag, say)."""


def _quick(loader: Any, node: Node, memo: dict[int, Any]) -> Any:
    """A node's value as SafeConstructor builds it, without its generic machinery (half the cost
    of loading): plain strings are taken as written, other scalars go to the loader's own
    constructor for their tag, and an alias gets the very object its anchor got."""
    known = memo.get(id(node), _UNSET)
    if known is not _UNSET:
        return known
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            value = node.value
        else:
            construct = loader.yaml_constructors.get(node.tag)
            if construct is None:
                raise _Unusual(node.tag)
            value = construct(loader, node)
        memo[id(node)] = value
        return value
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        items: list[Any] = []
        memo[id(node)] = items
        items.extend(_quick(loader, child, memo) for child in node.value)
        return items
    if isinstance(node, MappingNode) and node.tag == _MAP:
        loader.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        memo[id(node)] = mapping
        for key_node, value_node in node.value:
            key = _quick(loader, key_node, memo)
            mapping[key] = _quick(loader, value_node, memo)  # an unhashable key: TypeError
        return mapping
    raise _Unusual(node.tag)


def _construct_one(loader: Any, key_node: Node, value_node: Node, matter: FrontMatter) -> None:
    line = matter.line_of(key_node)
    if not isinstance(key_node, ScalarNode):
        matter.value_errors.append((line, "a key must be a single word before a colon"))
        return
    key = key_node.value
    if key in matter.key_lines:
        matter.duplicate_keys.append((line, key))
    matter.key_lines[key] = line
    matter.nodes[key] = value_node
    try:
        matter.data[key] = loader.construct_object(value_node, deep=True)
    except yaml.MarkedYAMLError as exc:
        matter.data.pop(key, None)
        matter.value_errors.append((_line(exc, matter), f"`{key}`: {_explain(exc)}"))
    except RecursionError:
        matter.data.pop(key, None)
        matter.value_errors.append((line, f"`{key}` is nested too deeply to read"))


def _line(exc: yaml.MarkedYAMLError, matter: FrontMatter) -> int:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and _UNCLOSED in (exc.problem or ""):
        # An unclosed quote is only noticed at the end of the block: its opening line is the fix.
        mark = exc.context_mark
    return matter.first_line if mark is None else matter.file_line(mark.line)


def _explain(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    if _at_tab(exc, text):
        # PyYAML says "found character that cannot start any token" without naming the tab.
        return "a tab is not allowed for indenting YAML; use spaces"
    problem = exc.problem or "something is wrong here"
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = " (put quotes around a value that contains a colon)"
    elif _UNCLOSED in problem:
        hint = " (a quote opened on this line is never closed)"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        hint = " (check the indentation and the quotes on this line and the one before)"
    context = f"{exc.context}: " if exc.context else ""
    return f"the front matter is not valid YAML: {context}{problem}{hint}"


def _at_tab(exc: yaml.MarkedYAMLError, text: str) -> bool:
    """The error is about a tab: PyYAML names it, or its mark points at one (the C loader's marks
    carry no buffer, so the line and column are looked up in the text)."""
    if "tab character" in (exc.problem or "") or "'\\t'" in (exc.problem or ""):
        return True
    mark = exc.problem_mark
    if mark is None:
        return False
    lines = text.split("\n")
    if not 0 <= mark.line < len(lines):
        return False
    line = lines[mark.line]
    return line[mark.column : mark.column + 1] == "\t"
