"""Git history on contact and note pages: a real temporary repository with fixed commit dates,
read by generator/history.py and shown by a real MkDocs build."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from coffeechat.read import history
from coffeechat.read.history import history_url, parse_log, read_history
from site_fixtures import REPO, article, build, copy_journal, page

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, when: str = "2026-03-04T10:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def commit(root: Path, message: str, when: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


def repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


CONTACT = "---\nname: Ada Lovelace\n---\n"
NOTE = "---\ncontact: ada\ndate: 2026-03-01\n---\n\n## What did I learn?\n\nLots.\n"


def test_last_change_and_count_from_fixed_dates(tmp_path: Path) -> None:
    root = repo(tmp_path / "j")
    write(root, "contacts/ada.md", CONTACT)
    write(root, "notes/n.md", NOTE)
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    write(root, "contacts/ada.md", CONTACT + "\nMore.\n")
    commit(root, "two", "2026-02-07T23:30:00-05:00")
    write(root, "README.txt", "not journal")
    commit(root, "three", "2026-05-01T09:00:00+00:00")
    found = read_history(root)
    assert found.branch == "main"
    ada = found.get("contacts/ada.md")
    assert ada is not None and ada.changes == 2
    # The author's own day, not UTC's (which would be the 8th), and not the README's later commit.
    assert ada.last_changed.date() == date(2026, 2, 7)
    note = found.get("notes/n.md")
    assert note is not None and note.changes == 1 and note.last_changed.date() == date(2026, 1, 5)
    assert set(found.files) == {"contacts/ada.md", "notes/n.md"}


def test_not_a_repository_has_no_history(tmp_path: Path) -> None:
    write(tmp_path / "j", "contacts/ada.md", CONTACT)
    assert read_history(tmp_path / "j") == history.NONE


def test_no_commits_yet_and_never_committed_file(tmp_path: Path) -> None:
    root = repo(tmp_path / "j")
    write(root, "contacts/ada.md", CONTACT)
    assert read_history(root).files == {}  # unborn branch: nothing to read, nothing said
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    write(root, "contacts/bob.md", "---\nname: Bob\n---\n")
    found = read_history(root)
    assert found.get("contacts/bob.md") is None
    assert found.get("contacts/ada.md") is not None


def test_git_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = repo(tmp_path / "j")
    write(root, "contacts/ada.md", CONTACT)
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert read_history(root) == history.NONE


def test_renames_carry_history_over(tmp_path: Path) -> None:
    root = repo(tmp_path / "j")
    write(root, "contacts/ada.md", CONTACT)
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    write(root, "contacts/ada.md", CONTACT + "\nEdit.\n")
    commit(root, "two", "2026-01-06T09:00:00+00:00")
    git(root, "mv", "contacts/ada.md", "contacts/ada-lovelace.md")
    commit(root, "rename", "2026-01-07T09:00:00+00:00")
    (root / "contacts/people").mkdir()
    git(root, "mv", "contacts/ada-lovelace.md", "contacts/people/ada-king.md")
    commit(root, "move", "2026-01-08T09:00:00+00:00")
    # A new file takes the old name: it starts its own history.
    write(root, "contacts/ada.md", "---\nname: Another Ada\n---\n")
    commit(root, "new ada", "2026-01-09T09:00:00+00:00")
    found = read_history(root)
    moved = found.get("contacts/people/ada-king.md")
    assert moved is not None and moved.changes == 4
    assert moved.last_changed.date() == date(2026, 1, 8)
    fresh = found.get("contacts/ada.md")
    assert fresh is not None and fresh.changes == 1
    assert found.get("contacts/ada-lovelace.md") is None


def test_deleted_then_recreated_does_not_inherit(tmp_path: Path) -> None:
    root = repo(tmp_path / "j")
    write(root, "notes/n.md", NOTE)
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    (root / "notes/n.md").unlink()
    commit(root, "gone", "2026-01-06T09:00:00+00:00")
    write(root, "notes/n.md", NOTE.replace("Lots", "Other"))
    commit(root, "back", "2026-01-07T09:00:00+00:00")
    found = read_history(root).get("notes/n.md")
    assert found is not None and found.changes == 1


def test_journal_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = repo(tmp_path / "top")
    write(top, "journal/contacts/ada.md", CONTACT)
    write(top, "elsewhere/contacts/x.md", CONTACT)
    commit(top, "one", "2026-01-05T09:00:00+00:00")
    found = read_history(top / "journal")
    assert set(found.files) == {"contacts/ada.md"}
    assert found.files["contacts/ada.md"].repo_path == "journal/contacts/ada.md"


def test_odd_file_names(tmp_path: Path) -> None:
    root = repo(tmp_path / "j")
    names = ["contacts/zoë o'brien.md", "contacts/a b\tc.md", 'notes/"quoted".md']
    for name in names:
        write(root, name, CONTACT)
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    assert set(read_history(root).files) == set(names)


def test_parse_log_ignores_what_it_cannot_read() -> None:
    text = (
        "\x01not a date\0\nM\0contacts/a.md\0\x01"
        + "2026-01-02T00:00:00+00:00\0\nM\0contacts/b.md\0"
    )
    found = parse_log(text)
    assert set(found) == {"contacts/b.md"}
    assert parse_log("") == {}


@pytest.mark.parametrize(
    ("repo_url", "expected"),
    [
        (
            "https://github.com/jr/journal",
            "https://github.com/jr/journal/commits/main/contacts/zo%C3%AB%20x.md",
        ),
        (
            "https://github.com/jr/journal.git/",
            "https://github.com/jr/journal/commits/main/contacts/zo%C3%AB%20x.md",
        ),
        (
            "https://gitlab.com/jr/journal",
            "https://gitlab.com/jr/journal/-/commits/main/contacts/zo%C3%AB%20x.md",
        ),
        ("javascript:alert(1)", None),
        (None, None),
    ],
)
def test_history_url(repo_url: str | None, expected: str | None) -> None:
    assert history_url(repo_url, "main", "contacts/zoë x.md") == expected


def test_branch_is_encoded() -> None:
    assert history_url("https://github.com/a/b", "fix/x#1", "notes/n.md") == (
        "https://github.com/a/b/commits/fix%2Fx%231/notes/n.md"
    )


def example_repo(tmp_path: Path, repo_url: str | None) -> Path:
    root = repo(copy_journal(REPO, tmp_path / "journal"))
    if repo_url:
        config = root / "mkdocs.yml"
        config.write_text(f"repo_url: {repo_url}\n" + config.read_text(encoding="utf-8"), "utf-8")
    commit(root, "start", "2026-10-01T08:00:00+00:00")
    write(root, "contacts/marcus-bell.md", (root / "contacts/marcus-bell.md").read_text() + "\nx\n")
    commit(root, "edit", "2026-11-02T08:00:00+00:00")
    return root


def test_site_shows_history_and_link(tmp_path: Path) -> None:
    root = example_repo(tmp_path, "https://github.com/jordan/journal")
    site = tmp_path / "site"
    assert build(root, site).exit_code == 0
    marcus = article(page(site, "contacts/marcus-bell"))
    assert "File history" in marcus
    assert 'changed 2 times, last on <time datetime="2026-11-02">2 Nov 2026</time>' in marcus
    assert (
        '<a href="https://github.com/jordan/journal/commits/main/contacts/marcus-bell.md"' in marcus
    )
    note = article(page(site, "notes/2026-09-10-marcus-bell"))
    assert 'changed once, last on <time datetime="2026-10-01">1 Oct 2026</time>' in note
    assert "/commits/main/notes/2026-09-10-marcus-bell.md" in note
    first = {p: p.read_bytes() for p in site.rglob("*.html")}
    assert build(root, site).exit_code == 0  # deterministic: same repository, same pages
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == first


def test_site_without_repo_url_has_no_link(tmp_path: Path) -> None:
    root = example_repo(tmp_path, None)
    site = tmp_path / "site"
    assert build(root, site).exit_code == 0
    marcus = article(page(site, "contacts/marcus-bell"))
    assert "changed 2 times" in marcus and ">history</a>" not in marcus


def test_site_of_a_plain_folder_says_nothing(tmp_path: Path) -> None:
    root = copy_journal(REPO, tmp_path / "journal")
    site = tmp_path / "site"
    result = build(root, site)
    assert result.exit_code == 0
    assert "git" not in result.output.lower()
    assert "File history" not in page(site, "contacts/marcus-bell")


def test_one_git_log_for_three_thousand_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repo(tmp_path / "j")
    for n in range(1500):
        write(root, f"contacts/c{n}.md", CONTACT)
        write(root, f"notes/n{n}.md", NOTE)
    commit(root, "one", "2026-01-05T09:00:00+00:00")
    for n in range(0, 1500, 3):
        write(root, f"notes/n{n}.md", NOTE + "\nmore\n")
    commit(root, "two", "2026-01-06T09:00:00+00:00")
    calls: list[list[str]] = []
    real = subprocess.run

    def counting(args: list[str], **kwargs: object) -> object:
        calls.append(args)
        return real(args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(history.subprocess, "run", counting)
    found = read_history(root)
    assert len(found.files) == 3000
    assert found.files["notes/n3.md"].changes == 2 and found.files["notes/n4.md"].changes == 1
    assert sum("log" in call for call in calls) == 1 and len(calls) == 2  # rev-parse + log


def test_example_journal_shows_its_own_history(tmp_path: Path) -> None:
    """The example site shows last-changed dates from the repository it ships in, and they agree
    with what git says file by file."""
    found = read_history(REPO)
    if not found.files:
        pytest.skip("the example journal is not in a git repository with commits here")
    for rel in ("contacts/marcus-bell.md", "notes/2026-09-10-marcus-bell.md"):
        dates = subprocess.run(
            ["git", "-C", str(REPO), "log", "--format=%aI", "--", rel],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert found.files[rel].changes == len(dates)
        assert found.files[rel].last_changed.isoformat() == dates[0].replace("Z", "+00:00")
    site = tmp_path / "site"
    assert build(REPO, site).exit_code == 0
    assert "File history" in article(page(site, "contacts/marcus-bell"))


def test_the_users_git_config_does_not_change_the_reading(tmp_path: Path) -> None:
    top = repo(tmp_path / "top")
    for key, value in (
        ("diff.renames", "false"),
        ("diff.relative", "true"),
        ("log.follow", "true"),
    ):
        git(top, "config", key, value)
    write(top, "journal/contacts/ada.md", CONTACT)
    commit(top, "one", "2026-01-05T09:00:00+00:00")
    git(top, "mv", "journal/contacts/ada.md", "journal/contacts/ada-l.md")
    commit(top, "rename", "2026-01-06T09:00:00+00:00")
    found = read_history(top / "journal")
    assert set(found.files) == {"contacts/ada-l.md"}
    assert found.files["contacts/ada-l.md"].changes == 2
