"""`coffeechat check FILES`: only the named files are read; references still see every contact."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

import pytest
from coffeechat.read.journal import journal_files
from conftest import INVALID, VALID, MakeJournal, Run

REPO = Path(__file__).resolve().parent.parent
NOTE_OK = "---\ncontact: ann\ndate: 2026-01-05\n---\n\n## Advice\n\nAsk.\n"
JOURNAL = {
    "mkdocs.yml": "site_name: t\nplugins:\n  - coffeechat\n",
    "contacts/ann.md": "---\nname: Ann\n---\n",
    "contacts/bob.md": "---\nname: Bob\nstatus: archived\n---\n",
    "notes/ok.md": NOTE_OK,
    "notes/bad-date.md": "---\ncontact: ann\ndate: next tuesday\n---\n",
}


@pytest.fixture
def journal(make_journal: MakeJournal, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_journal(JOURNAL)
    monkeypatch.chdir(root)  # FILES are paths as the shell (or git) in the journal sees them
    return root


class TestOnlyTheNamedFiles:
    def test_a_good_file_passes_although_others_are_broken(self, run: Run, journal: Path) -> None:
        result = run("check", "notes/ok.md")
        assert (result.exit_code, result.output) == (0, "No problems in 1 file.\n")

    def test_a_bad_file_fails_with_its_own_file_and_line(self, run: Run, journal: Path) -> None:
        result = run("check", "notes/bad-date.md", "notes/ok.md")
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            "notes/bad-date.md:3: error: `date` should be a date written YYYY-MM-DD "
            "(like 2026-11-05), not “next tuesday”",
            "1 error and 0 warnings in 2 files.",
        ]

    def test_references_are_checked_against_every_contact(self, run: Run, journal: Path) -> None:
        (journal / "notes/names.md").write_text(
            "---\ncontact: [bob, anne]\ndate: 2026-01-05\n---\n", encoding="utf-8"
        )
        result = run("check", "notes/names.md")
        # bob.md is not read (its bad status is not reported) but is known to exist.
        assert "bob" not in result.output.replace("“anne”", "")
        assert "no contacts/anne.md; did you mean “ann”?" in result.output
        assert result.exit_code == 1

    def test_a_contact_file_alone(self, run: Run, journal: Path) -> None:
        result = run("check", "contacts/bob.md", "--format", "json")
        problems = json.loads(result.output)
        assert [(p["file"], p["line"]) for p in problems] == [("contacts/bob.md", 3)]

    def test_paths_from_elsewhere_are_made_relative_to_the_journal(
        self, run: Run, journal: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(journal.parent)
        result = run("check", str(Path(journal.name) / "notes/bad-date.md"), journal=journal)
        assert result.output.startswith("notes/bad-date.md:3: error:")


class TestOddArguments:
    def test_missing_and_outside_files_are_problems_not_tracebacks(
        self, run: Run, journal: Path
    ) -> None:
        result = run("check", "notes/gone.md", "README.md", "notes/ok.md")
        assert result.exit_code == 1
        assert result.output.splitlines()[:2] == [
            f"README.md: error: is not in the contacts/ or notes/ folder of the journal "
            f"{os.path.abspath(journal)}",
            "notes/gone.md: error: no such file",
        ]

    def test_files_the_journal_ignores_are_skipped(self, run: Run, journal: Path) -> None:
        (journal / "notes/_draft.md").write_text("not even front matter", encoding="utf-8")
        (journal / "notes/todo.txt").write_text("x", encoding="utf-8")
        result = run("check", "notes/_draft.md", "notes/todo.txt")
        assert (result.exit_code, result.output) == (0, "No problems in 0 files.\n")

    def test_without_files_the_whole_journal_is_checked(self, run: Run, journal: Path) -> None:
        result = run("check")
        assert result.exit_code == 1
        assert "contacts/bob.md:3:" in result.output and "notes/bad-date.md:3:" in result.output
        assert result.output.endswith("in 2 contacts and 2 notes.\n")


class TestSameMessagesAsTheWholeJournal:
    @pytest.mark.parametrize("root", [INVALID, VALID])
    def test_each_file_alone_gives_its_lines_of_the_whole_check(
        self, run: Run, root: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.chdir(root)
        whole = json.loads(run("check", "--format", "json").output)
        files = [
            path.relative_to(root).as_posix()
            for folder in ("contacts", "notes")
            for path in journal_files(root, folder)
        ]
        assert len(files) > 5
        for file in files:
            alone = json.loads(run("check", file, "--format", "json").output)
            assert alone == [p for p in whole if p["file"] == file], file


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts/bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_two_staged_files_are_checked_faster_than_the_whole_journal(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _bench().write_journal(tmp_path / "big", 100, 200, 7)  # type: ignore[attr-defined]
    monkeypatch.chdir(root)
    staged = [
        next(p for p in sorted((root / "notes").iterdir())).relative_to(root).as_posix(),
        next(p for p in sorted((root / "contacts").iterdir())).relative_to(root).as_posix(),
    ]

    def best(*args: str) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run("check", *args)
            times.append(time.perf_counter() - start)
        return min(times)

    whole, some = best(), best(*staged)
    assert some * 5 < whole, (some, whole)
