"""`coffeechat log`: one more outreach event, and every other byte of the file as it was."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from coffeechat.fields import EVENT_KINDS
from coffeechat.model import JournalError, OutreachEvent
from coffeechat.read.journal import read_contact
from coffeechat.write import edits, writer
from conftest import DATA, Run, snapshot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

LOG = DATA / "log"
DAY = date(2026, 11, 21)
NOTE = 'Asked for 20 minutes: "short"'
ITEM = [
    "- date: 2026-11-21",
    "event: sent",
    "channel: email",
    'note: "Asked for 20 minutes: \\"short\\""',
]


def block(dash: int, column: int, eol: str = "\n") -> bytes:
    """The new item as `log` writes it in a block list: `-` at `dash`, keys at `column`."""
    first = " " * dash + "-" + " " * (column - dash - 1) + ITEM[0][2:]
    rest = [" " * column + line for line in ITEM[1:]]
    return "".join(line + eol for line in [first, *rest]).encode()


# file → (bytes removed, bytes added) between the common start and the common end of the file
CASES: dict[str, tuple[bytes, bytes]] = {
    "comments.md": (b"", block(2, 4)),
    "crlf.md": (b"", block(2, 4, "\r\n")),
    "quoting.md": (b"", block(0, 4)),
    "nested-indent.md": (b"", block(4, 6)[4:] + b"    "),
    "lf-last.md": (b"", block(2, 4)),
    "no-outreach.md": (b"", b"outreach:\n" + block(2, 4)),
    "null-outreach.md": (b"", block(2, 4)),
    "bom-crlf.md": (b" []", b"\r\n" + block(2, 4, "\r\n").rstrip(b"\r\n")),
    "flow-empty.md": (
        b"[]   # nothing yet",
        b"  # nothing yet\n" + block(2, 4).rstrip(b"\n"),
    ),
    "flow-list.md": (
        b"",
        b', {date: 2026-11-21, event: sent, channel: email, note: "Asked for 20 minutes: '
        b'\\"short\\""}',
    ),
}


def copy_journal(tmp_path: Path, *names: str) -> Path:
    root = tmp_path / "journal"
    (root / "contacts").mkdir(parents=True)
    (root / "notes").mkdir()
    for name in names:
        shutil.copyfile(LOG / name, root / "contacts" / name)
    return root


def changed(before: bytes, after: bytes) -> tuple[bytes, bytes]:
    """(removed, added): what differs between the longest common start and end of two files."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[start : len(before) - end], after[start : len(after) - end]


def test_every_sample_is_covered() -> None:
    assert sorted(CASES) == sorted(p.name for p in LOG.glob("*.md"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_log_changes_only_the_new_lines(tmp_path: Path, name: str) -> None:
    root = copy_journal(tmp_path, name)
    path = root / "contacts" / name
    before = path.read_bytes()
    old, problems = read_contact(path, f"contacts/{name}")
    assert old is not None and not problems

    written = edits.log_event(root, path.stem, "sent", DAY, "email", None, NOTE)

    assert written == path
    after = path.read_bytes()
    assert changed(before, after) == CASES[name]
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in before:  # a Windows file stays a Windows file: no bare LF was added
        assert after.count(b"\n") == after.count(b"\r\n")
    new, problems = read_contact(path, f"contacts/{name}")
    assert new is not None and not problems
    assert new.name == old.name and new.body == old.body
    assert len(new.outreach) == len(old.outreach) + 1
    added = [e for e in new.outreach if e.line is not None and e not in old.outreach]
    assert [(e.date, e.event, e.channel, e.meeting, e.note) for e in added] == [
        (DAY, "sent", "email", None, NOTE)
    ]
    assert sorted(p.name for p in path.parent.iterdir()) == [name]  # no temporary file left


def test_log_twice_appends_in_order(tmp_path: Path) -> None:
    root = copy_journal(tmp_path, "flow-empty.md")
    edits.log_event(root, "flow-empty", "sent", date(2026, 11, 1), "email", None, None)
    edits.log_event(root, "flow-empty", "reply", date(2026, 11, 3), None, None, None)
    edits.log_event(
        root, "flow-empty", "scheduled", date(2026, 11, 3), None, datetime(2026, 11, 20, 8, 0), None
    )
    text = (root / "contacts" / "flow-empty.md").read_text(encoding="utf-8")
    assert text == (
        "---\n"
        "name: Owen Brandt\n"
        "outreach:   # nothing yet\n"
        "  - date: 2026-11-01\n"
        "    event: sent\n"
        "    channel: email\n"
        "  - date: 2026-11-03\n"
        "    event: reply\n"
        "  - date: 2026-11-03\n"
        "    event: scheduled\n"
        "    meeting: 2026-11-20T08:00:00\n"
        "tags: [slp]\n"
        "---\n"
        "Not contacted yet.\n"
    )


def test_datetimes_with_a_time_zone_read_back(tmp_path: Path) -> None:
    root = copy_journal(tmp_path, "lf-last.md")
    when = datetime(2026, 11, 21, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    edits.log_event(root, "lf-last", "call", when, "phone", None, None)
    contact, _ = read_contact(root / "contacts" / "lf-last.md", "contacts/lf-last.md")
    assert contact is not None
    assert contact.outreach[-1] == OutreachEvent(
        when, "call", "phone", line=contact.outreach[-1].line
    )
    assert "  - date: 2026-11-21T09:30:00-05:00\n" in (root / "contacts" / "lf-last.md").read_text()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=st.text(max_size=40), channel=st.text(max_size=12))
def test_any_text_reads_back_exactly(tmp_path: Path, note: str, channel: str) -> None:
    root = tmp_path / "journal"
    shutil.rmtree(root, ignore_errors=True)
    root = copy_journal(tmp_path, "quoting.md")
    path = root / "contacts" / "quoting.md"
    before = path.read_bytes()
    edits.log_event(root, "quoting", "update", DAY, channel, None, note)
    contact, problems = read_contact(path, "contacts/quoting.md")
    assert contact is not None and not problems
    last = contact.outreach[-1]
    assert (last.channel, last.note) == (
        channel if channel.strip() else None,
        note if note.strip() else None,
    )
    removed, _ = changed(before, path.read_bytes())
    assert removed == b""


# -- nothing is written when something is wrong ------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "event", "more", "message"),
    [
        ("comments", "sendt", {}, "“sendt” is not an outreach event; use one of: sent, reply,"),
        ("nobody", "sent", {}, "there is no contact “nobody” in contacts/"),
        ("comment", "sent", {}, "did you mean “comments”?"),
        ("../notes/x", "sent", {}, "there is no contact “../notes/x”"),
        (
            "comments",
            "reply",
            {"meeting": date(2026, 12, 1)},
            "a meeting date goes with the event `scheduled` only",
        ),
        ("broken", "sent", {}, "contacts/broken.md: has a problem to fix first (line 3: `status`"),
    ],
)
def test_refusals_write_nothing(
    tmp_path: Path, slug: str, event: str, more: dict[str, date], message: str
) -> None:
    root = copy_journal(tmp_path, "comments.md")
    (root / "contacts" / "broken.md").write_text(
        "---\nname: Broken\nstatus: pasued\noutreach: []\n---\n", encoding="utf-8"
    )
    before = snapshot(root)
    with pytest.raises(JournalError) as caught:
        edits.log_event(root, slug, event, DAY, "email", more.get("meeting"), None)
    assert message in str(caught.value)
    assert snapshot(root) == before


def test_a_file_changed_meanwhile_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_journal(tmp_path, "lf-last.md")
    path = root / "contacts" / "lf-last.md"
    real = writer.replace

    def edited_meanwhile(target: Path, data: bytes, check: object = None, **more: object) -> Path:
        target.write_text(target.read_text() + "An edit in the editor.\n")
        return real(target, data, check, **more)  # type: ignore[arg-type]

    monkeypatch.setattr(edits.writer, "replace", edited_meanwhile)
    with pytest.raises(JournalError, match="changed while coffeechat was writing it"):
        edits.log_event(root, "lf-last", "sent", DAY, None, None, None)
    assert path.read_text().endswith("An edit in the editor.\n")
    assert sorted(p.name for p in path.parent.iterdir()) == ["lf-last.md"]


def test_replace_check_failure_keeps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "file.md"
    target.write_bytes(b"old")
    target.chmod(0o640)

    def refuse(temp: Path) -> None:
        assert temp.read_bytes() == b"new" and temp.parent == tmp_path
        raise JournalError("no")

    with pytest.raises(JournalError):
        writer.replace(target, b"new", refuse)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.md"]
    writer.replace(target, b"new", lambda temp: None)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


# -- the command -------------------------------------------------------------------------------


def test_cli_log_prints_what_it_recorded(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_journal(tmp_path, "lf-last.md")
    monkeypatch.setenv("COFFEECHAT_TODAY", "2026-11-21")
    result = run("log", "lf-last", "sent", "--channel", "email", journal=root)
    assert result.exit_code == 0
    assert result.output == "contacts/lf-last.md: recorded sent (email) on 2026-11-21\n"
    result = run(
        "log",
        "lf-last",
        "scheduled",
        "--date",
        "2026-11-22",
        "--meeting",
        "2026-12-03T08:00",
        "--note",
        "Coffee in Towson",
        journal=root,
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "contacts/lf-last.md: recorded scheduled on 2026-11-22, meeting on 2026-12-03T08:00:00\n"
    )
    assert (
        (root / "contacts" / "lf-last.md")
        .read_text()
        .endswith(
            "  - date: 2026-11-22\n"
            "    event: scheduled\n"
            "    meeting: 2026-12-03T08:00:00\n"
            "    note: Coffee in Towson\n"
            "---\n"
        )
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["lf-last", "sendt"], 2, "'sendt' is not one of 'sent', 'reply', 'call', 'voicemail',"),
        (["nobody", "sent"], 1, "there is no contact “nobody” in contacts/"),
        (["lf-last", "sent", "--date", "21/11/2026"], 2, "“21/11/2026” is not a date"),
        (["lf-last", "sent", "--meeting", "2026-12-01"], 1, "goes with the event `scheduled`"),
    ],
)
def test_cli_log_errors_write_nothing(
    tmp_path: Path, run: Run, args: list[str], code: int, message: str
) -> None:
    root = copy_journal(tmp_path, "lf-last.md")
    before = snapshot(root)
    result = run("log", *args, journal=root)
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(root) == before


def test_cli_help_lists_the_events(run: Run) -> None:
    result = run("log", "--help")
    assert result.exit_code == 0
    assert ", ".join(EVENT_KINDS[:-1]) in " ".join(result.output.split())


def test_log_thank_you_clears_the_thank_you(tmp_path: Path, run: Run) -> None:
    root = copy_journal(tmp_path, "no-outreach.md")
    (root / "notes" / "2026-11-19-no-outreach.md").write_text(
        "---\ncontact: no-outreach\ndate: 2026-11-19\n---\n\n## What did I learn?\n",
        encoding="utf-8",
    )

    def thank_yous() -> list[dict[str, object]]:
        result = run(
            "due", "--format", "json", "--today", "2026-11-21", "--kind", "thank-you", journal=root
        )
        assert result.exit_code == 0
        return json.loads(result.stdout)

    assert [i["contact"] for i in thank_yous()] == ["no-outreach"]
    result = run("log", "no-outreach", "thank-you", "--date", "2026-11-20", journal=root)
    assert result.exit_code == 0, result.output
    assert thank_yous() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text.replace("event: sent", "event: reply"),  # an event changed, none added
        lambda text: text,  # nothing added
        lambda text: text.replace("outreach:", "outreach: oops"),  # the file no longer reads
    ],
)
def test_the_result_is_checked_before_it_replaces_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    root = copy_journal(tmp_path, "lf-last.md")
    before = snapshot(root)
    monkeypatch.setattr(edits, "_append_event", lambda text, fields, rel: damage(text))  # type: ignore[operator]
    with pytest.raises(JournalError, match="could not add the event safely"):
        edits.log_event(root, "lf-last", "sent", DAY, None, None, None)
    assert snapshot(root) == before
