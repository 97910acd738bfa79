"""The site's own palette and favicon (issue 11, item 8), through real MkDocs builds: used when
mkdocs.yml sets none, and the user's own settings kept when it does."""

from __future__ import annotations

from pathlib import Path

from coffeechat.build import asset_text
from site_fixtures import REPO, build, copy_journal


def _index(tmp_path: Path, theme_extra: str = "") -> str:
    journal = copy_journal(REPO, tmp_path / "journal")
    config = journal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n" + theme_extra))
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    return (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_default_palette_follows_the_system_with_a_toggle_and_our_favicon(tmp_path: Path) -> None:
    html = _index(tmp_path)
    assert 'data-md-color-media="(prefers-color-scheme: light)"' in html
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in html
    assert 'data-md-color-primary="brown"' in html
    assert '<link rel="icon" href="assets/coffeechat/favicon.svg">' in html
    icon = (tmp_path / "site" / "assets" / "coffeechat" / "favicon.svg").read_text()
    assert icon == asset_text("favicon.svg") and icon.startswith("<svg")
    assert "http" not in icon.replace("http://www.w3.org/2000/svg", "")  # nothing fetched


def test_the_users_palette_and_favicon_are_kept(tmp_path: Path) -> None:
    html = _index(tmp_path, "  palette:\n    primary: red\n  favicon: me.png\n")
    assert 'data-md-color-primary="red"' in html and "brown" not in html
    assert "prefers-color-scheme" not in html
    assert '<link rel="icon" href="me.png">' in html
