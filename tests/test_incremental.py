"""`coffeechat serve` rebuilds only the pages whose generated text changed (MkDocs' dirty builds,
see coffeechat.mkdocs_incremental). After a sequence of edits (a note, a contact, a new note, a
deleted note) the served site must equal a full build of the same journal, file by file, and the
incremental builds must really have left pages alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from site_fixtures import REPO, TODAY, copy_journal

CONFIG = """\
site_name: Incremental
docs_dir: pages
theme:
  name: material
  font: false
plugins:
  - search
  - coffeechat
"""


class Served:
    """What `mkdocs serve` with build_type="dirty" does on each save, in this process."""

    def __init__(self, journal: Path, site: Path) -> None:
        self.journal, self.site = journal, site
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=True)
        self.plugin: Any = self.config.plugins["coffeechat"]

    def _config(self) -> Any:
        return load_config(config_file=str(self.journal / "mkdocs.yml"), site_dir=str(self.site))

    def rebuild(self) -> set[str]:
        """Build as serve does after a save; the pages it left alone (their urls)."""
        mkdocs_build(self._config(), dirty=True)  # serve loads the config again on every save
        return set(self.plugin.incremental.kept)


def full_build(journal: Path, site: Path) -> None:
    """A fresh process, so nothing of the served plugin's memory can help it."""
    command = [sys.executable, "-m", "coffeechat.cli", "--journal", str(journal), "build"]
    command += ["--today", TODAY, "--site-dir", str(site)]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ, check=False)
    assert done.returncode == 0, done.stderr


def tree(site: Path) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if rel == "sitemap.xml.gz":
            continue  # gzip stamps the time it was written; sitemap.xml is compared instead
        data = path.read_bytes()
        files[rel] = json.loads(data) if rel == "search/search_index.json" else data
    return files


def assert_same(served: Path, full: Path) -> None:
    a, b = tree(served), tree(full)
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COFFEECHAT_TODAY", TODAY)
    root = copy_journal(REPO, tmp_path / "journal")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")  # Material's tags: always full
    return root


def test_incremental_builds_equal_full_builds_after_edits(journal: Path, tmp_path: Path) -> None:
    served = Served(journal, tmp_path / "served")
    assert served.rebuild() == set()  # the first build renders everything
    note = journal / "notes" / "2026-08-28-shawn-mcallister.md"
    contact = journal / "contacts" / "harold-kim.md"
    new_note = journal / "notes" / "2026-11-20-harold-kim.md"
    edits = [
        lambda: note.write_text(note.read_text("utf-8") + "\nMARKER-ONE in a note.\n", "utf-8"),
        lambda: contact.write_text(
            contact.read_text("utf-8").replace("\n---\n", "\nrole: MARKER-TWO\n---\n", 1), "utf-8"
        ),
        lambda: new_note.write_text(
            "---\ncontact: harold-kim\ndate: 2026-11-20\n---\n\n## What is a typical week like?\n\n"
            "MARKER-THREE\n",
            "utf-8",
        ),
        lambda: new_note.unlink(),
    ]
    for step, edit in enumerate(edits, 1):
        edit()
        kept = served.rebuild()
        full = tmp_path / f"full-{step}"
        full_build(journal, full)
        assert_same(tmp_path / "served", full)
        assert len(kept) > 10, f"edit {step} rebuilt nearly every page"
        assert "notes/2026-08-28-shawn-mcallister/" not in kept or step > 1
    index = json.loads((tmp_path / "served" / "search/search_index.json").read_text("utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"])
    assert "MARKER-ONE" in text and "MARKER-THREE" not in text


def test_tags_plugin_makes_every_build_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COFFEECHAT_TODAY", TODAY)
    root = copy_journal(REPO, tmp_path / "journal")  # the example journal uses Material's tags
    served = Served(root, tmp_path / "served")
    served.rebuild()
    note = root / "notes" / "2026-08-28-shawn-mcallister.md"
    note.write_text(note.read_text("utf-8").replace("tags: [", "tags: [marker-tag, "), "utf-8")
    assert served.rebuild() == set()
    tags = (tmp_path / "served" / "tags" / "index.html").read_text("utf-8")
    assert "marker-tag" in tags


def test_a_theme_override_or_config_change_rebuilds_every_page(
    journal: Path, tmp_path: Path
) -> None:
    overrides = journal / "overrides"
    overrides.mkdir()
    main = overrides / "main.html"
    main.write_text('{% extends "base.html" %}{% block footer %}OLD-FOOTER{% endblock %}', "utf-8")
    config = journal / "mkdocs.yml"
    config.write_text(CONFIG.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"))
    served = Served(journal, tmp_path / "served")
    served.rebuild()
    note = journal / "notes" / "2026-08-28-shawn-mcallister.md"
    note.write_text(note.read_text("utf-8") + "\nA small edit.\n", "utf-8")
    assert len(served.rebuild()) > 10  # nothing shared changed: most pages are left alone
    main.write_text(main.read_text("utf-8").replace("OLD-FOOTER", "NEW-FOOTER"), "utf-8")
    assert served.rebuild() == set()
    contact = tmp_path / "served" / "contacts" / "harold-kim" / "index.html"
    assert "NEW-FOOTER" in contact.read_text("utf-8")
    config.write_text(config.read_text("utf-8").replace("Incremental", "Renamed"), "utf-8")
    assert served.rebuild() == set()
    assert "Renamed" in contact.read_text("utf-8")
