"""Random values in every field, and random text where YAML should be: the reader may complain,
but it never raises, and every complaint names its file and says something."""

from __future__ import annotations

import os
from datetime import UTC, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from coffeechat.fields import CADENCES, EVENT_KINDS, STATUSES
from coffeechat.model import ERROR, WARNING, Journal
from coffeechat.read import yamlsource
from coffeechat.read.journal import (
    CONTACT_KEYS,
    EVENT_KEYS,
    FOLLOW_UP_KEYS,
    NOTE_KEYS,
    read_journal,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "a: b",
        "key: value: more",
        "'",
        '"',
        "\"quoted\" and 'single'",
        "- item",
        "# not a comment",
        "---",
        "...",
        "*alias",
        "&anchor",
        "!tag",
        "%directive",
        "@",
        "`",
        "yes",
        "no",
        "null",
        "~",
        "2026-02-30",
        "2026-13-01",
        "2026-1-5",
        "next tuesday",
        "12:30",
        "0x1F",
        "1e400",
        ".nan",
        "Ana Lucía Núñez",
        "Zoë",
        "李四",
        "😀",
        "\u200b",
        "\ufeff",
        "tab\there",
        "line\nbreak",
        "maria-lopez",
        "contacts/x.md",
        "https://example.org",
    ]
)
TEXT = st.one_of(ODD_TEXT, st.text(st.characters(codec="utf-8"), max_size=20))
TIMEZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=-4, minutes=-30))])
SCALARS = st.one_of(
    TEXT,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.datetimes(timezones=TIMEZONES),
)
KEYS = st.one_of(
    st.sampled_from([*CONTACT_KEYS, *NOTE_KEYS, *EVENT_KEYS, *FOLLOW_UP_KEYS, "company"]),
    TEXT,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=12,
)
WHEN = st.one_of(st.dates(), st.datetimes(timezones=TIMEZONES))


def maybe(plausible: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Mostly a value of the right shape (so valid models get built and later code runs), else
    anything at all."""
    return st.one_of(plausible, plausible, VALUES)


def group(required: dict, optional: dict) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {k: maybe(v) for k, v in required.items()},
        optional={k: maybe(v) for k, v in optional.items()} | {"extra": SCALARS},
    )


SLUG = st.sampled_from(["maria-lopez", "ghost", "Maria Lopez", "maria-lopes", ""])
CONTACT_FIELDS: dict[str, st.SearchStrategy[object]] = {
    "name": TEXT,
    **{key: TEXT for key in ("company", "role", "field", "location", "email", "phone")},
    **{key: TEXT for key in ("linkedin", "website", "source", "referred_by")},
    "tags": st.lists(TEXT, max_size=3),
    "keep_in_touch": st.one_of(st.sampled_from(CADENCES), st.integers(-5, 500)),
    "status": st.sampled_from(STATUSES),
    "private": st.booleans(),
    "outreach": st.lists(
        group(
            {"date": WHEN, "event": st.sampled_from(EVENT_KINDS)},
            {"channel": TEXT, "meeting": WHEN, "note": TEXT},
        ),
        min_size=1,
        max_size=3,
    ),
}
NOTE_FIELDS: dict[str, st.SearchStrategy[object]] = {
    "contact": st.one_of(SLUG, st.lists(SLUG, max_size=3)),
    "date": WHEN,
    "format": TEXT,
    "duration": st.integers(-5, 500),
    "tags": st.lists(TEXT, max_size=3),
    "thank_you": WHEN,
    "referrals": st.lists(
        st.one_of(SLUG, TEXT, group({"name": TEXT}, {"company": TEXT, "note": TEXT})),
        max_size=3,
    ),
    "follow_ups": st.lists(
        st.one_of(
            TEXT, group({"task": TEXT}, {"due": WHEN, "done": st.one_of(st.booleans(), WHEN)})
        ),
        max_size=3,
    ),
    "facts": st.dictionaries(TEXT, SCALARS, max_size=4),
}


def front_matter(data: dict[str, object], extra: dict) -> str:
    data = {**data, **{k: v for k, v in extra.items() if k not in data}}
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    return f"---\n{dumped}---\n\n## Typical week\n\nText.\n"


def fields(
    plausible: dict[str, st.SearchStrategy[object]], *required: str
) -> st.SearchStrategy[dict]:
    """Required keys always written (their value may still be anything); others now and then."""
    return st.fixed_dictionaries(
        {k: maybe(plausible[k]) for k in required},
        optional={k: maybe(v) for k, v in plausible.items() if k not in required},
    )


def assert_sane(journal: Journal, files: set[str]) -> None:
    for problem in journal.problems:
        assert problem.file in files
        assert problem.severity in (ERROR, WARNING)
        assert isinstance(problem.message, str)
        assert problem.message.strip()
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        # The reader's safety net catches its own bugs; a fuzz input must never reach it.
        assert "could not read this file" not in problem.message, problem
    for contact in journal.contacts.values():
        assert isinstance(contact.name, str)
        assert all(isinstance(tag, str) for tag in contact.tags)
    for note in journal.notes:
        assert note.contacts
        assert all(isinstance(slug, str) and slug for slug in note.contacts)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    for sub in ("contacts", "notes"):
        (folder / sub).mkdir()
    (folder / "contacts" / "maria-lopez.md").write_text("---\nname: María\n---\n", "utf-8")
    return folder


def write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(
    contact=fields(CONTACT_FIELDS, "name"),
    note=fields(NOTE_FIELDS, "contact", "date"),
    extra=st.dictionaries(KEYS, VALUES, max_size=3),
)
def test_random_values_in_every_field(
    root: Path, contact: dict[str, object], note: dict[str, object], extra: dict
) -> None:
    write(root / "contacts" / "fuzzed.md", front_matter(contact, extra))
    write(root / "notes" / "fuzzed.md", front_matter(note, extra))
    journal = read_journal(root)
    assert_sane(journal, {"contacts/fuzzed.md", "notes/fuzzed.md"})
    assert "maria-lopez" in journal.contacts


LINES = st.lists(
    st.one_of(
        TEXT,
        st.builds(lambda k, v: f"{k}: {v}", KEYS, TEXT),
        st.builds(lambda v: f"  - {v}", TEXT),
        st.sampled_from(["---", "...", "  ", "\t", "\r", "[", "{", "&a [1]", "*a", "<<: *a"]),
    ),
    max_size=12,
)


@FUZZ
@given(lines=LINES, bom=st.booleans(), crlf=st.booleans(), body=st.text(max_size=40))
def test_random_text_as_front_matter(
    root: Path, lines: list[str], bom: bool, crlf: bool, body: str
) -> None:
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    if crlf:
        text = text.replace("\n", "\r\n")
    if bom:
        text = "\ufeff" + text
    write(root / "contacts" / "fuzzed.md", text)
    write(root / "notes" / "fuzzed.md", text)
    journal = read_journal(root)
    assert_sane(journal, {"contacts/fuzzed.md", "notes/fuzzed.md"})


@FUZZ
@given(data=st.binary(max_size=80))
def test_random_bytes(root: Path, data: bytes) -> None:
    (root / "contacts" / "fuzzed.md").write_bytes(data)
    (root / "notes" / "fuzzed.md").write_bytes(b"---\ncontact: maria-lopez\ndate: 1\n---\n" + data)
    assert_sane(read_journal(root), {"contacts/fuzzed.md", "notes/fuzzed.md"})


@FUZZ
@given(data=st.dictionaries(TEXT, VALUES, max_size=6))
def test_front_matter_values_read_back_as_yaml_reads_them(data: dict) -> None:
    dumped = yaml.safe_dump(data, allow_unicode=True)
    ours = yamlsource.load(f"---\n{dumped}---\n").data
    # Compared as YAML text, so that NaN (never equal to itself) still compares.
    assert yaml.safe_dump(ours) == yaml.safe_dump(yaml.safe_load(dumped))
