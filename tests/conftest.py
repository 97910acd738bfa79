"""Shared paths and helpers: the test journals in tests/data, and a way to run the command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from coffeechat.cli import main

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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (skips, or fails on CI, when missing)."""
    from browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def example_url(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[str]:
    """The example journal built with --strict for a fixed today, served on 127.0.0.1; the base
    URL without its trailing slash."""
    from browser import served
    from site_fixtures import REPO, build

    site = tmp_path_factory.mktemp("example-site")
    result = build(REPO, site, "--strict")
    assert result.exit_code == 0, result.output
    with served(site) as url:
        yield url.rstrip("/")
