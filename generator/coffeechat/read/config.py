"""The journal's options, read from the `coffeechat` entry of mkdocs.yml: one source of truth for the
MkDocs plugin and the command line, validated by one set of MkDocs config options."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coffeechat.dates import MAX_DAYS, Holidays
from coffeechat.fields import CADENCES
from coffeechat.model import JournalError
from coffeechat.questions import TOPICS, Question, QuestionBank

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "coffeechat"
_BUSINESS_DAYS = re.compile(r"^\s*(\d+)\s*[bB]\s*(\d+)\s*$")


_PLACEHOLDERS = {"name": "[your name]", "intro": "[your school or current role]"}


@dataclass(frozen=True, slots=True)
class Owner:
    """The journal's owner as the letter drafts name them (options `owner_name`, `owner_intro`, …:
    one option per field); blanks become [placeholders]."""

    name: str = ""
    intro: str = ""  # "a second-year student at …" or "a nurse at …"
    goal: str = ""  # one line: what you are exploring and why
    school: str = ""  # named in requests to contacts with `source: alumni`
    email: str = ""

    @property
    def missing(self) -> tuple[str, ...]:
        """The options a draft needs that mkdocs.yml does not set."""
        wanted = (("name", self.name), ("intro", self.intro), ("goal", self.goal))
        return tuple(OWNER_PREFIX + key for key, value in wanted if not value)

    def shown(self) -> dict[str, str]:
        values = {key.name: getattr(self, key.name) for key in fields(self)}
        return {key: value or _PLACEHOLDERS.get(key, "") for key, value in values.items()}


OWNER_PREFIX = "owner_"
OWNER_OPTIONS = tuple(OWNER_PREFIX + key.name for key in fields(Owner))


@dataclass(frozen=True, slots=True)
class Options:
    """The journal's options, parsed. These defaults are the only ones: an option that mkdocs.yml
    leaves out (None from MkDocs, absent for the command line) keeps the value given here."""

    thank_you_days: int = 1
    nudge_days: tuple[int, ...] = (7,)
    nudge_business_days: bool = False  # set by nudge_days such as 3B7
    max_nudges: int = 2
    keep_in_touch: str | int = "quarterly"
    prepare_days: int = 2
    holidays: Holidays | None = None  # None: business days are Monday to Friday
    questions: tuple[Question, ...] = ()
    public: bool = False
    public_contact_details: bool = False
    compare: bool = True
    calendar_alarms: bool = True
    owner: Owner = Owner()

    @property
    def bank(self) -> QuestionBank:
        return _bank(self.questions)


# name → accepted types: the plugin's options as mkdocs.yml spells them (defaults: Options). The
# MkDocs plugin builds its Config class from this; the command line checks the same table without
# importing MkDocs.
OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "thank_you_days": (int,),
    "nudge_days": (int, str),  # 7, or 3B7: three business days, then seven
    "max_nudges": (int,),
    "keep_in_touch": (int, str),
    "prepare_days": (int,),
    # Business days skip this country's public holidays: US, US-CA or {country: US, subdiv: CA}.
    # A bool is accepted only to explain it: YAML reads an unquoted NO (Norway) as false.
    "holidays": (str, dict, bool),
    "questions": (list,),
    "public": (bool,),
    # Public builds leave out e-mail, phone and letter drafts unless this is true (SPEC §8).
    "public_contact_details": (bool,),
    "compare": (bool,),  # comparison pages and prep sheets
    "calendar_alarms": (bool,),  # follow-ups.ics rings at 09:00 on the day an item is due
    # The journal owner, for the letter drafts; empty ones show as [placeholders].
    **dict.fromkeys(OWNER_OPTIONS, (str,)),
}


@lru_cache(maxsize=8)
def _bank(questions: tuple[Question, ...]) -> QuestionBank:
    """One bank per set of questions: its remembered heading keys then last across `serve`
    rebuilds and across the commands of one run."""
    return QuestionBank.build(questions)


def options_from_config(config: Mapping[str, Any], file: str = CONFIG_FILE) -> Options:
    """Turn type-checked plugin options into Options, checking what MkDocs' types cannot. An
    option that is absent or None keeps Options' default."""
    given = {name: config[name] for name in OPTION_TYPES if config.get(name) is not None}
    parsed: dict[str, Any] = {}
    for key in ("thank_you_days", "max_nudges", "prepare_days"):
        if key in given:
            parsed[key] = _days(key, given.pop(key), file)
    if "max_nudges" in parsed:
        parsed["max_nudges"] = max(1, parsed["max_nudges"])
    if "nudge_days" in given:
        parsed["nudge_days"], parsed["nudge_business_days"] = _nudge(given.pop("nudge_days"), file)
    if "keep_in_touch" in given:
        parsed["keep_in_touch"] = _cadence(given.pop("keep_in_touch"), file)
    if "holidays" in given:
        parsed["holidays"] = _holidays(given.pop("holidays"), file)
    if "questions" in given:
        parsed["questions"] = tuple(_question(entry, file) for entry in given.pop("questions"))
    owner = {
        name.removeprefix(OWNER_PREFIX): given.pop(name).strip()
        for name in OWNER_OPTIONS
        if name in given
    }
    return Options(**parsed, **given, owner=Owner(**owner))


def _days(key: str, value: int, file: str) -> int:
    if value < 0:
        raise JournalError(f"coffeechat option `{key}` cannot be negative", file)
    if value > MAX_DAYS:
        raise JournalError(
            f"coffeechat option `{key}` is {value}; it can be at most {MAX_DAYS}", file
        )
    return value


def _cadence(value: int | str, file: str) -> int | str:
    if value in CADENCES or (isinstance(value, int) and 0 < value <= MAX_DAYS):
        return value
    raise JournalError(
        f"coffeechat option `keep_in_touch` is “{value}”; use one of "
        f"{', '.join(CADENCES)} or a number of days from 1 to {MAX_DAYS}",
        file,
    )


def _nudge(value: int | str, file: str) -> tuple[tuple[int, ...], bool]:
    """`7` is seven calendar days; `3B7` is three business days, then seven (2-Hour Job Search)."""
    if isinstance(value, int) and 0 < value <= MAX_DAYS:
        return (value,), False
    match = _BUSINESS_DAYS.match(str(value))
    if match and 0 < int(match.group(1)) < int(match.group(2)) <= MAX_DAYS:
        return (int(match.group(1)), int(match.group(2))), True
    raise JournalError(
        f"coffeechat option `nudge_days` is “{value}”; write a number of days (7) or two "
        f"numbers of business days joined by B (3B7), at most {MAX_DAYS}",
        file,
    )


def _holidays(value: str | dict[str, Any] | bool, file: str) -> Holidays | None:
    if value == "" or value == {}:
        return None
    if isinstance(value, bool):
        raise JournalError(
            f"coffeechat option `holidays` is {str(value).lower()}; give a country code such as "
            'US (YAML reads an unquoted NO as false: write "NO" for Norway), or leave it out',
            file,
        )
    try:
        return Holidays.parse(value)
    except ValueError as exc:
        raise JournalError(f"coffeechat option `holidays`: {exc}", file) from None


def _question(entry: Any, file: str) -> Question:
    topics = [key for key, _ in TOPICS]
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("text"):
        raise JournalError(
            "each entry of the coffeechat option `questions` needs `id` and `text`", file
        )
    topic = str(entry.get("topic", "advice"))
    if topic not in topics:
        raise JournalError(
            f"question “{entry['id']}” has topic “{topic}”; use one of {', '.join(topics)}", file
        )
    aliases = entry.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return Question(str(entry["id"]), str(entry["text"]), topic, tuple(str(a) for a in aliases))


def validate(raw: Mapping[str, Any], file: str = CONFIG_FILE) -> Options:
    """Validate plugin options given as a plain mapping (the command line's path)."""
    for name in raw:
        if name not in OPTION_TYPES:
            close = difflib.get_close_matches(str(name), OPTION_TYPES, n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise JournalError(f"coffeechat has no option `{name}`{hint}", file)
    config: dict[str, Any] = {}
    for name, types in OPTION_TYPES.items():
        value = raw.get(name)
        if value is None:
            continue  # Options' default
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            wanted = " or ".join(_TYPE_NAMES[t] for t in types)
            raise JournalError(
                f"coffeechat option `{name}` should be {wanted}, not “{value}”", file
            )
        config[name] = value
    return options_from_config(config, file)


_TYPE_NAMES = {
    int: "a whole number",
    str: "text",
    list: "a list",
    dict: "a mapping",
    bool: "true or false",
}


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!ENV` or `!!python/name:` tags (they don't matter here)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_options(root: Path) -> Options:
    """The coffeechat options of the journal at root; defaults when it has no mkdocs.yml entry."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Options()
    try:
        data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader) or {}
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise JournalError(
            f"mkdocs.yml is not valid YAML: {exc.problem}", CONFIG_FILE, line
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"cannot read mkdocs.yml: {exc}", CONFIG_FILE) from None
    return validate(_plugin_entry(data), CONFIG_FILE)


def _plugin_entry(data: Any) -> Mapping[str, Any]:
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        return plugins.get(PLUGIN_NAME) or {}
    for entry in plugins or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}


def today_is_pinned(value: str | None) -> bool:
    """Whether today_from(value) names a day rather than asking the clock."""
    return bool(value or os.environ.get("COFFEECHAT_TODAY"))


def today_from(value: str | None) -> date:
    """--today, else $COFFEECHAT_TODAY, else the local date: the one place that asks the clock."""
    text = value or os.environ.get("COFFEECHAT_TODAY")
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise JournalError(f"“{text}” is not a date; write it as YYYY-MM-DD") from None
