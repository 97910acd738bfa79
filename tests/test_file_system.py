"""The file system at its edges: a site folder over the journal, symbolic links and loops, names
too long for the file system, a full disk or a file-size limit, two files with one slug, and `log`
on a link, a read-only file or a file an editor saves meanwhile. Real files, real builds, real
processes; every test also proves that the user's files are unchanged."""

from __future__ import annotations

import contextlib
import errno
import os
import resource
import signal
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from coffeechat.model import JournalError
from coffeechat.read.journal import journal_files, read_journal
from coffeechat.write import edits, writer
from coffeechat.write.siteguard import check_site_dir
from conftest import Run, snapshot

TODAY = "2026-11-20"
CONTACT = "---\nname: {name}\noutreach: []\n---\n\nAbout {name}.\n"
NOTE = (
    "---\ncontact: {slug}\ndate: 2026-11-02\n---\n\n## What did I learn about the job?\n\nLots.\n"
)
MKDOCS = "site_name: Test journal\ndocs_dir: pages\nplugins:\n  - search\n  - coffeechat\n"


def write_journal(root: Path, extra: dict[str, str] | None = None) -> Path:
    files = {
        "mkdocs.yml": MKDOCS,
        "contacts/ana-nunez.md": CONTACT.format(name="Ana Núñez"),
        "contacts/bo-li.md": CONTACT.format(name="Bo Li"),
        "notes/2026-11-02-ana-nunez.md": NOTE.format(slug="ana-nunez"),
        "pages/pitch.md": "# My pitch\n",
        "letters/thanks.md": "Thank you, {{ contact.name }}.\n",
        **(extra or {}),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return write_journal(tmp_path / "journal")


def journal_only(root: Path) -> dict[str, bytes]:
    """The user's files: everything but a site folder coffeechat may build into."""
    return {k: v for k, v in snapshot(root).items() if not k.startswith(("site/", "out/"))}


def environment(**more: str) -> dict[str, str]:
    env = {**os.environ, "COFFEECHAT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", **more}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[1]), env.get("PYTHONPATH", "")])
    return env


def coffeechat(
    journal: Path, *args: str, limit: int | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    """`coffeechat --journal J ARGS` as its own process; `limit` caps the size of any file it
    writes (RLIMIT_FSIZE), as a quota or a full disk would."""

    def cap() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past it fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "coffeechat.cli", "--journal", str(journal), *args],
        cwd=journal.parent,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=cap,
    )


def assert_clear_failure(output: str, *words: str) -> None:
    assert "Traceback" not in output, output
    for word in words:
        assert word in output, output


# -- 1. a site folder over the journal ---------------------------------------------------------

OVERLAPS = [
    ("notes", "is the journal's notes/ folder"),
    ("contacts", "is the journal's contacts/ folder"),
    ("contacts/site", "lies inside the journal's contacts/ folder"),
    ("notes/2026", "lies inside the journal's notes/ folder"),
    ("pages", "pages/ folder"),
    ("letters", "is the journal's letters/ folder"),
    (".git", "is the journal's .git/ folder"),
    (".", "is or holds the journal itself"),
    ("..", "is or holds the journal itself"),
    ("./notes/../notes", "is the journal's notes/ folder"),
    ("notes/", "is the journal's notes/ folder"),
    ("link-to-notes", "is the journal's notes/ folder"),
    ("link-to-root/out", "lies inside"),
]


def prepare(journal: Path) -> None:
    (journal / ".git").mkdir()
    (journal / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (journal / "link-to-notes").symlink_to("notes")
    (journal / "link-to-root").symlink_to(journal / "contacts")


@pytest.mark.parametrize(("site_dir", "message"), OVERLAPS)
def test_build_refuses_a_site_dir_over_the_journal(
    journal: Path, run: Run, site_dir: str, message: str
) -> None:
    prepare(journal)
    before = snapshot(journal)
    with contextlib.chdir(journal):
        result = run("build", "--site-dir", site_dir, journal=journal)
    assert result.exit_code == 1
    assert_clear_failure(result.output, message, "nothing was changed")
    assert snapshot(journal) == before


@pytest.mark.parametrize(
    ("site_dir", "message"),
    [
        ("notes", "is the journal's notes/ folder"),
        ("./notes/../notes", "is the journal's notes/ folder"),
        ("link-to-notes", "is the journal's notes/ folder"),
        ("contacts/public", "lies inside the journal's contacts/ folder"),
        ("letters", "is the journal's letters/ folder"),
    ],
)
def test_mkdocs_yml_site_dir_over_the_journal_is_refused_by_every_way_in(
    journal: Path, site_dir: str, message: str
) -> None:
    prepare(journal)
    (journal / "mkdocs.yml").write_text(MKDOCS + f"site_dir: {site_dir}\n")
    before = snapshot(journal)
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=journal,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert plain.returncode != 0
    assert_clear_failure(plain.stderr, message)
    assert snapshot(journal) == before
    for command in (("build",), ("serve", "--dev-addr", "127.0.0.1:0")):
        done = coffeechat(journal, *command, timeout=60)
        assert done.returncode == 1, done.stderr
        assert_clear_failure(done.stderr, "mkdocs.yml: the site folder", message)
        assert snapshot(journal) == before


def test_a_site_dir_beside_the_journal_folders_still_builds(journal: Path, run: Run) -> None:
    prepare(journal)
    before = snapshot(journal)
    for site_dir in ("site", "out/public", str(journal.parent / "elsewhere")):
        result = run("build", "--site-dir", str(journal / site_dir), journal=journal)
        assert result.exit_code == 0, result.output
    assert (journal / "out" / "public" / "contacts" / "ana-nunez" / "index.html").is_file()
    assert (journal.parent / "elsewhere" / "index.html").is_file()
    assert journal_only(journal) == before


def test_check_site_dir_compares_folders_on_disk(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j")
    (tmp_path / "alias").symlink_to(root / "notes")  # outside the journal, still notes/
    with pytest.raises(JournalError, match="is the journal's notes/ folder"):
        check_site_dir(root, tmp_path / "alias")
    with pytest.raises(JournalError, match="docs folder"):
        check_site_dir(root, root / "mine" / "x", docs_dir=root / "mine")
    with pytest.raises(JournalError, match="holds the journal's docs folder"):
        check_site_dir(root, tmp_path / "docs-parent", docs_dir=tmp_path / "docs-parent" / "d")
    check_site_dir(root, root / "site", docs_dir=root / "pages")  # the usual case is fine


# -- 7. symbolic links, loops and one slug twice -----------------------------------------------


def test_symlink_loops_are_named_and_the_rest_builds(journal: Path, run: Run) -> None:
    contacts = journal / "contacts"
    (contacts / "self.md").symlink_to("self.md")
    (contacts / "loop").symlink_to("loop")
    (contacts / "team").mkdir()
    (contacts / "team" / "up").symlink_to("..")
    (contacts / "team" / "cy-ode.md").write_text(CONTACT.format(name="Cy Ode"))
    (contacts / "gone.md").symlink_to("nowhere.md")
    (journal / "notes" / "again").symlink_to(journal / "notes")
    before = snapshot(journal)
    result = run("check", journal=journal)
    assert result.exit_code == 1
    assert_clear_failure(
        result.output,
        "contacts/self.md: error: cannot be read: a symbolic link loop",
        "contacts/loop: warning: cannot be read: a symbolic link loop",
        "contacts/team/up: warning: is a link back into a folder that holds it",
        "notes/again: warning: is a link back into a folder that holds it",
        "contacts/gone.md: error: is a link to a file that does not exist",
        "in 3 contacts and 1 note",
    )
    built = run("build", "--site-dir", str(journal.parent / "site"), journal=journal)
    assert built.exit_code == 0, built.output
    assert (journal.parent / "site" / "contacts" / "cy-ode" / "index.html").is_file()
    assert run("due", journal=journal).exit_code == 0
    assert snapshot(journal) == before


def test_a_link_to_a_folder_read_already_is_read_once(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j")
    (root / "contacts" / "a-team").symlink_to("z-team")  # comes first by name
    (root / "contacts" / "z-team").mkdir()
    (root / "contacts" / "z-team" / "cy-ode.md").write_text(CONTACT.format(name="Cy Ode"))
    journal = read_journal(root)
    assert sorted(journal.contacts) == ["ana-nunez", "bo-li", "cy-ode"]
    assert journal.contacts["cy-ode"].path == "contacts/z-team/cy-ode.md"
    [problem] = journal.problems
    assert problem.file == "contacts/a-team"
    assert "leads to a folder read already, as contacts/z-team/" in problem.message


@pytest.mark.parametrize(
    ("other", "kept"),
    [
        ("contacts/2025/ana-nunez.md", "contacts/ana-nunez.md"),  # the top one wins
        ("contacts/a/ana-nunez.md", "contacts/ana-nunez.md"),
    ],
)
def test_two_contacts_with_one_slug_are_an_error_naming_both(
    journal: Path, run: Run, other: str, kept: str
) -> None:
    (journal / other).parent.mkdir(parents=True)
    (journal / other).write_text(CONTACT.format(name="Ana Other"))
    before = snapshot(journal)
    result = run("check", journal=journal)
    assert result.exit_code == 1
    assert f"{other}: error: has the same file name as {kept}" in result.output
    assert "rename one of them" in result.output
    assert read_journal(journal).contacts["ana-nunez"].name == "Ana Núñez"
    logged = run("log", "ana-nunez", "sent", journal=journal)
    assert logged.exit_code == 1
    assert_clear_failure(logged.output, other, kept, "nothing was written")
    assert snapshot(journal) == before


def test_two_notes_with_one_slug_are_an_error_and_one_is_kept(journal: Path) -> None:
    for folder, words in (("2025", "first"), ("2026", "second")):
        path = journal / "notes" / folder / "call.md"
        path.parent.mkdir()
        path.write_text(NOTE.format(slug="bo-li").replace("Lots.", words))
    read = read_journal(journal)
    calls = [n for n in read.notes if n.slug == "call"]
    assert [n.path for n in calls] == ["notes/2025/call.md"]
    messages = [p.as_text() for p in read.problems]
    assert any(
        m.startswith("notes/2026/call.md: error: has the same file name as notes/2025/call.md")
        for m in messages
    ), messages
    assert read_journal(journal).problems == read.problems  # the same every time


# -- 7. names too long for the file system -----------------------------------------------------


def test_a_300_character_name_gets_a_capped_file_name(journal: Path, run: Run) -> None:
    name = " ".join(["Bartholomew"] * 25)
    result = run("new", "contact", name, journal=journal)
    assert result.exit_code == 0, result.output
    (made,) = [p for p in (journal / "contacts").glob("bartholomew-*.md")]
    assert len(made.stem.encode()) <= 100
    assert read_journal(journal).contacts[made.stem].name == name


def test_a_300_character_slug_is_capped(journal: Path, run: Run) -> None:
    slug = "-".join(["bartholomew"] * 25)
    result = run("new", "contact", "Bart", "--slug", slug, journal=journal)
    assert result.exit_code == 0, result.output
    (made,) = [p for p in (journal / "contacts").glob("bartholomew-*.md")]
    assert len(made.name.encode()) <= 103


def test_a_name_too_long_for_the_file_system_is_a_short_message(tmp_path: Path) -> None:
    """Slugs are capped at 100 bytes, but a file system with shorter names (eCryptfs: 143) can
    still refuse one: the writer says so in one line and leaves nothing behind."""
    target = tmp_path / ("x" * 300 + ".md")
    with pytest.raises(writer.FileSystemError) as caught:
        writer.create(target, "text", "contacts/xxx.md")
    assert caught.value.errno == errno.ENAMETOOLONG
    assert "too long for the file system" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_five_person_group_note_with_long_names_gets_a_shorter_file_name(
    journal: Path, run: Run
) -> None:
    slugs = [f"maximiliana-wolfeschlegelsteinhausenbergerdorff-von-{i}" for i in range(5)]
    for slug in slugs:
        assert run("new", "contact", "Max W", "--slug", slug, journal=journal).exit_code == 0
    result = run("new", "note", *slugs, "--date", "2026-11-03", journal=journal)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"notes/2026-11-03-{slugs[0]}-and-4-more.md"
    [note] = [n for n in read_journal(journal).notes if n.day == date(2026, 11, 3)]
    assert list(note.contacts) == slugs


def test_import_caps_a_long_name_and_goes_on(journal: Path, run: Run, tmp_path: Path) -> None:
    long = " ".join(["Wolfeschlegelsteinhausenbergerdorff"] * 9)
    rows = [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Dee,Ok,https://www.linkedin.com/in/dee,,Acme,Eng,01 Jan 2024",
        f"Hubert,{long},https://www.linkedin.com/in/h,,Co,Pos,01 Jan 2024",
        "Eve,Fine,https://www.linkedin.com/in/eve,,Acme,Eng,01 Jan 2024",
    ]
    csv = tmp_path / "Connections.csv"
    csv.write_text("\n".join(rows) + "\n")
    result = run("import", "linkedin", str(csv), journal=journal)
    assert result.exit_code == 0, result.output
    contacts = read_journal(journal).contacts
    assert {"dee-ok", "eve-fine"} <= set(contacts)
    (hubert,) = [c for s, c in contacts.items() if s.startswith("hubert-")]
    assert len(hubert.slug.encode()) <= 100 and hubert.name == f"Hubert {long}"


# -- 7. a full disk, a file-size limit ---------------------------------------------------------


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A small tmpfs of its own (needs root: skipped otherwise; the file-size limit tests below
    cover the same code without it)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("mounting a small tmpfs needs root; the file-size limit tests cover this")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(mount: Path, leave: int = 0) -> None:
    """Fill the disk to the last byte, then free `leave` bytes again."""
    filler = mount / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as stream:
        while True:
            stream.write(b"\0" * 4096)
            stream.flush()
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))


@pytest.fixture
def full_disk(disk: Path) -> Path:
    """A journal on a disk with no room left."""
    root = write_journal(disk / "journal")
    fill(disk)
    return root


@pytest.mark.parametrize("pages", [1, 2])
def test_init_on_a_nearly_full_disk_leaves_no_half_journal(disk: Path, pages: int) -> None:
    fill(disk, leave=4096 * pages)  # room for a file or two of the journal, not all of them
    target = disk / "fresh"
    done = subprocess.run(
        [sys.executable, "-m", "coffeechat.cli", "init", str(target)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stdout
    assert_clear_failure(done.stderr, "the disk is full")
    assert [p for p in target.rglob("*") if p.is_file()] == []


def no_temp_files(root: Path) -> None:
    leftovers = [p for p in root.rglob(".coffeechat-*")]
    assert leftovers == []


@pytest.mark.parametrize(
    "command",
    [
        ("log", "ana-nunez", "sent", "--note", "x" * 5000),
        ("new", "contact", "Cy Ode"),
        ("new", "note", "bo-li"),
        ("export", "csv", "-o", "out.csv"),
        ("import", "linkedin", "CSV"),
        ("init", "fresh"),
    ],
)
def test_a_full_disk_is_a_clear_message_and_changes_nothing(
    full_disk: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dee,Ok,https://www.linkedin.com/in/dee,,Acme,Eng,01 Jan 2024\n"
    )
    args = [str(csv) if a == "CSV" else a for a in command]
    args = [str(full_disk / a) if a in ("out.csv", "fresh") else a for a in args]
    before = snapshot(full_disk)
    done = coffeechat(full_disk, *args)
    assert done.returncode == 1, done.stdout + done.stderr
    assert_clear_failure(done.stderr, "the disk is full")
    assert snapshot(full_disk) == before
    no_temp_files(full_disk)


def test_a_build_onto_a_full_disk_says_so_and_keeps_the_journal(full_disk: Path) -> None:
    before = snapshot(full_disk)
    done = coffeechat(full_disk, "build")
    assert done.returncode == 1, done.stderr
    assert_clear_failure(done.stderr, "the site was not built", "the disk is full")
    assert journal_only(full_disk) == before


@pytest.mark.parametrize(
    "command",
    [
        ("log", "ana-nunez", "sent", "--note", "x" * 3000),
        ("new", "contact", "Cy Ode", "--company", "y" * 3000),
        ("export", "csv", "-o", "OUT"),
        ("build", "--site-dir", "SITE"),
        ("import", "linkedin", "CSV"),
    ],
)
def test_a_file_size_limit_is_a_clear_message_and_changes_nothing(
    journal: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Dee,Ok,https://www.linkedin.com/in/dee,,{'Acme' * 50},Eng,01 Jan 2024\n"
    )
    names = {"OUT": str(tmp_path / "o.csv"), "SITE": str(tmp_path / "s"), "CSV": str(csv)}
    args = [names.get(a, a) for a in command]
    before = snapshot(journal)
    done = coffeechat(journal, *args, limit=100)
    assert done.returncode == 1, done.stdout + done.stderr
    assert_clear_failure(done.stderr, "a file-size limit")
    assert snapshot(journal) == before
    assert not (tmp_path / "o.csv").exists()
    no_temp_files(journal)


def test_export_to_a_full_standard_output(journal: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "coffeechat.cli", "--journal", str(journal), "export", "csv"],
            env=environment(),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert_clear_failure(
        done.stderr, "cannot write the export to standard output: the disk is full"
    )
    assert "Exception ignored" not in done.stderr


def test_os_error_words(tmp_path: Path) -> None:
    cases = {
        errno.ENOSPC: "the disk is full",
        errno.ENAMETOOLONG: "the name is too long for the file system",
        errno.EFBIG: "a file-size limit",
        errno.EACCES: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ELOOP: "a symbolic link loop",
    }
    for code, words in cases.items():
        error = writer.os_error(OSError(code, os.strerror(code)), "contacts/x.md", "write the file")
        assert str(error).startswith("contacts/x.md: cannot write the file: ")
        assert words in str(error)
        assert error.errno == code


# -- 10. `log` on a link, a read-only file, a file saved meanwhile -----------------------------


def test_log_writes_through_a_symlink(journal: Path, run: Run, tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "cy.md"
    shared.parent.mkdir()
    shared.write_text(CONTACT.format(name="Cy Ode"))
    link = journal / "contacts" / "cy-ode.md"
    link.symlink_to(shared)
    chain = journal / "contacts" / "cy.md"
    chain.symlink_to("cy-ode.md")  # a link to a link
    for slug in ("cy-ode", "cy"):
        result = run("log", slug, "reply", "--date", "2026-11-05", journal=journal)
        assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert chain.is_symlink() and os.readlink(chain) == "cy-ode.md"
    assert shared.read_text().count("event: reply") == 2
    assert [p.name for p in shared.parent.iterdir()] == ["cy.md"]


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_log_refuses_a_read_only_file(journal: Path, run: Run, mode: int) -> None:
    path = journal / "contacts" / "bo-li.md"
    path.chmod(mode)
    before = snapshot(journal)
    result = run("log", "bo-li", "sent", journal=journal)
    assert result.exit_code == 1
    assert_clear_failure(result.output, "contacts/bo-li.md: is read-only")
    assert snapshot(journal) == before
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_log_keeps_the_file_mode(journal: Path, run: Run, mode: int) -> None:
    path = journal / "contacts" / "bo-li.md"
    path.chmod(mode)
    assert run("log", "bo-li", "sent", journal=journal).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert "event: sent" in path.read_text()


def editor_saves(path: Path, how: str) -> None:
    text = path.read_text() + "Saved in the editor.\n"
    if how == "in place":
        path.write_text(text)
    elif how == "rename":  # vim, VS Code and most editors: a new file renamed over the old
        temp = path.with_name(".editor.tmp")
        temp.write_text(text)
        os.replace(temp, path)
    else:  # the same bytes, saved again: a new file all the same
        temp = path.with_name(".editor.tmp")
        temp.write_bytes(path.read_bytes())
        os.replace(temp, path)


@pytest.mark.parametrize("how", ["in place", "rename", "same bytes"])
def test_an_editor_save_during_log_is_kept(
    journal: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The editor saves while `log` checks its new file, just before the swap."""
    path = journal / "contacts" / "bo-li.md"
    real = edits._readable
    calls: list[str] = []

    def slow_check(target: Path, rel: str, failure: str | None = None) -> object:
        if failure is not None:  # the check of the new file, the last step before the swap
            editor_saves(path, how)
        calls.append(rel)
        return real(target, rel, failure)

    monkeypatch.setattr(edits, "_readable", slow_check)
    saved_by: bytes | None = None
    with pytest.raises(JournalError, match="changed while coffeechat was writing it"):
        try:
            edits.log_event(journal, "bo-li", "sent", date(2026, 11, 5))
        finally:
            saved_by = path.read_bytes()
    assert len(calls) == 2
    assert path.read_bytes() == saved_by and b"event: sent" not in saved_by
    assert sorted(p.name for p in path.parent.iterdir()) == ["ana-nunez.md", "bo-li.md"]


def test_journal_files_reports_into_the_list_given(tmp_path: Path) -> None:
    root = write_journal(tmp_path / "j")
    (root / "contacts" / "x.md").symlink_to("x.md")
    problems: list = []
    assert [p.name for p in journal_files(root, "contacts", problems)] == [
        "ana-nunez.md",
        "bo-li.md",
    ]
    assert [p.file for p in problems] == ["contacts/x.md"]


def test_a_link_loop_in_pages_is_a_short_message(journal: Path, run: Run) -> None:
    (journal / "pages" / "loop").symlink_to(".")
    before = snapshot(journal)
    result = run("build", "--site-dir", str(journal.parent / "site"), journal=journal)
    assert result.exit_code == 1
    assert_clear_failure(result.output, "pages/loop: is a symbolic link loop", "remove the link")
    assert "loop/loop" not in result.output
    assert snapshot(journal) == before
