"""Characters that must not travel: journal text printed to a terminal, names written to files.

A journal (or a LinkedIn export) can hold control characters: ESC sequences that recolour or
retitle a terminal, C1 controls and DEL that YAML refuses to read, bidi overrides that make a line
read differently from what it is. One rule here, used by every command that prints journal text
and by every writer of new files."""

from __future__ import annotations

import json
import re

# C0 controls (tab and newline are text), DEL and the C1 block.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings, overrides and isolates: they reorder what a terminal shows.
_BIDI = "\u202a-\u202e\u2066-\u2069"
# Line and paragraph separators end a line for YAML and some terminals, not for editors.
_SEPARATORS = "\u2028\u2029"
_UNPRINTABLE = re.compile(f"[{_CONTROLS}{_BIDI}{_SEPARATORS}]")
REPLACEMENT = "\ufffd"

# What YAML (1.1, PyYAML) refuses inside a file, even in a quoted string: it must be escaped.
# NEL, LS and PS are line breaks to YAML, even inside quotes (a raw one would fold to a space).
_NOT_YAML = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_SPACES = re.compile(r"\s+")
# Whole terminal sequences (CSI `ESC [ 31 m`, OSC `ESC ] 0;title BEL`), so no `[31m` is left over.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)


def printable(text: object) -> str:
    """Text safe to print on a terminal: every control character (but tab and newline), bidi
    control and line separator becomes U+FFFD, so it shows that something was there."""
    return _UNPRINTABLE.sub(REPLACEMENT, str(text))


def clean_name(text: str) -> str:
    """A name or short value as it is written into a new file: control characters and bidi
    controls removed, any run of white space (line breaks too) one space."""
    return _SPACES.sub(" ", _UNPRINTABLE.sub(" ", _SEQUENCE.sub("", text))).strip()


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar that reads back unchanged (JSON strings are YAML), with the
    characters YAML will not read in a file (DEL, C1, lone surrogates) escaped as \\uXXXX."""
    quoted = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def json_text(value: object) -> str:
    """JSON for a terminal (`--format json`): the same data, with the characters `printable`
    replaces written as \\uXXXX escapes instead (json.dumps leaves C1 and bidi controls raw)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
