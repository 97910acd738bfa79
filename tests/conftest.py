"""Shared paths and helpers: the test journals in tests/data, and a way to run the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent  # the repository root is the example journal
DATA = TESTS / "data"
INVALID = DATA / "invalid"
VALID = DATA / "valid"

Run = Callable[..., Result]
MakeJournal = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own COFFEECHAT_TODAY or NO_COLOR must not change what the tests see."""
    monkeypatch.delenv("COFFEECHAT_TODAY", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def run() -> Run:
    """`run("check", journal=path)` runs `coffeechat [--journal path] check` in-process."""

    def invoke(*args: str, journal: Path | None = None) -> Result:
        prefix = ["--journal", str(journal)] if journal is not None else []
        return CliRunner().invoke(main, [*prefix, *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def make_journal(tmp_path: Path) -> MakeJournal:
    """Write a small journal (relative path → text or bytes) into a fresh folder and return it."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "journal"
        for folder in ("contacts", "notes"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            path.write_bytes(data)
        return root

    return write


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes: to prove a command wrote nothing, or only one file."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
