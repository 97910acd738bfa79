"""Whatever mkdocs.yml says, the built site loads nothing from another host, works from the disk
(search index as a script, the worker shim shipped locally), and a journal with no docs folder
builds and serves without a byte written into it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from coffeechat.mkdocs_localsite import CSP_META
from site_fixtures import REPO, TODAY, build, copy_journal, free_port
from test_site_build import stop, wait_for

MINIMAL = "site_name: My chats\ntheme:\n  name: material\nplugins:\n  - search\n  - coffeechat\n"
HOSTILE = """site_name: Hostile
repo_url: https://github.com/example/journal
theme:
  name: material
  font:
    text: Inter
  logo: https://example.com/logo.png
extra_javascript:
  - https://cdn.jsdelivr.net/npm/katex/dist/katex.min.js
  - //unpkg.com/mathjax@3/es5/tex-mml-chtml.js
extra_css:
  - https://cdn.jsdelivr.net/npm/katex/dist/katex.min.css
extra:
  analytics:
    provider: google
    property: G-XXXXXXXX
  polyfills:
    - https://polyfill.example.com/v3/polyfill.min.js
markdown_extensions:
  - pymdownx.emoji
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - offline
  - coffeechat
"""
# src= and href= of what a browser fetches on its own: scripts, styles, icons, images, frames.
_FETCHED = re.compile(
    r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"([^\"]*)\""
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|preconnect|icon|preload|modulepreload|shortcut icon)\")"
    r"[^>]*\bhref=\"([^\"]*)\""
)
MERMAID_NOTE = """---
contact: ana-lucia-nunez
date: 2026-09-01
---

## Diagram

```mermaid
graph TD; A-->B
```
"""


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under folder (hidden ones too), with the files' bytes."""
    found: dict[str, bytes | None] = {}
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(base) / name
            found[path.relative_to(folder).as_posix()] = (
                path.read_bytes() if path.is_file() else None
            )
    return found


def hand_written(tmp_path: Path, config: str) -> Path:
    """The example journal's contacts and notes with a mkdocs.yml written by hand (no docs dir)."""
    journal = copy_journal(REPO, tmp_path / "journal")
    (journal / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.rmtree(journal / "pages")  # the example's own pages; a hand-written journal has none
    assert not (journal / "docs").exists()
    return journal


def fetched(site: Path) -> set[str]:
    urls: set[str] = set()
    for page in site.rglob("*.html"):
        for match in _FETCHED.finditer(page.read_text(encoding="utf-8")):
            urls.add(match.group(1) or match.group(2))
    return urls


def remote(urls: set[str]) -> set[str]:
    return {url for url in urls if re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", url)}


# Material's offline plugin adds the worker shim from a CDN in its on_config, run before or after ours.
OFFLINE_LAST = HOSTILE.replace("  - offline\n  - coffeechat\n", "  - coffeechat\n  - offline\n")


@pytest.mark.parametrize(
    "config", [MINIMAL, HOSTILE, OFFLINE_LAST], ids=["minimal", "hostile", "offline-last"]
)
def test_no_page_fetches_from_another_host(tmp_path: Path, config: str) -> None:
    journal = hand_written(tmp_path, config)
    (journal / "notes" / "2026-09-01-ana-lucia-nunez.md").write_text(MERMAID_NOTE, "utf-8")
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    urls = fetched(site)
    assert any("iframe-worker-shim.js" in url for url in urls)
    assert remote(urls) == set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "jsdelivr", "googletag"):
            assert host not in text, (page, host)
        assert 'data-md-component="source"' not in text  # no stars and forks from GitHub's API
        head = text.split("<head>", 1)[1]
        assert head.lstrip().startswith(CSP_META), page  # before anything the page loads


def test_hostile_settings_are_named_in_warnings_and_diagrams_stay_code(tmp_path: Path) -> None:
    journal = hand_written(tmp_path, HOSTILE)
    (journal / "notes" / "2026-09-01-ana-lucia-nunez.md").write_text(MERMAID_NOTE, "utf-8")
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    for said in ("theme.font", "katex.min.js", "extra.analytics", "mermaid", "theme.logo"):
        assert said in result.output, said
    note = tmp_path / "site" / "notes" / "2026-09-01-ana-lucia-nunez.html"  # offline: .html
    text = note.read_text(encoding="utf-8")
    assert "graph TD" in text and 'class="mermaid"' not in text
    assert (tmp_path / "site" / "assets" / "coffeechat" / "iframe-worker-shim.js").is_file()


def test_minimal_config_builds_strict_without_a_warning(tmp_path: Path) -> None:
    """Material's default font is turned off quietly: --strict must still pass."""
    journal = hand_written(tmp_path, MINIMAL)
    result = build(journal, tmp_path / "site", "--strict")
    assert result.exit_code == 0, result.output
    assert "WARNING" not in result.output


@pytest.mark.parametrize("config", [MINIMAL, HOSTILE], ids=["directory-urls", "offline-plugin"])
def test_search_index_is_also_a_script(tmp_path: Path, config: str) -> None:
    journal = hand_written(tmp_path, config)
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "site" / "search"
    script = (folder / "search_index.js").read_text(encoding="utf-8")
    prefix = "var __index = "
    assert script.startswith(prefix)
    index = json.loads(script[len(prefix) :])
    assert index == json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    assert any("Medicaid billing" in doc["text"] for doc in index["docs"])


def test_user_polyfills_stay_and_only_one_worker_shim(tmp_path: Path) -> None:
    config = MINIMAL + "extra:\n  polyfills:\n    - js/local-polyfill.js\n"
    journal = hand_written(tmp_path, config)
    result = build(journal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count("iframe-worker-shim.js") == 1
    assert 'src="js/local-polyfill.js"' in html


@pytest.mark.parametrize("site_inside", [False, True], ids=["site-elsewhere", "default-site"])
def test_journal_without_docs_folder_builds_and_writes_nothing(
    tmp_path: Path, site_inside: bool
) -> None:
    journal = hand_written(tmp_path, MINIMAL)
    before = listing(journal)
    site = None if site_inside else tmp_path / "out"
    result = build(journal, site)
    assert result.exit_code == 0, result.output
    built = journal / "site" if site_inside else tmp_path / "out"
    assert "Medicaid billing" in (
        built / "notes" / "2026-11-19-luis-ferreira" / "index.html"
    ).read_text(encoding="utf-8")
    after = listing(journal)
    if site_inside:
        after = {k: v for k, v in after.items() if k != "site" and not k.startswith("site/")}
    assert after == before


def test_existing_docs_folder_or_docs_dir_is_still_used(tmp_path: Path) -> None:
    journal = hand_written(tmp_path, MINIMAL)
    (journal / "docs").mkdir()
    (journal / "docs" / "pitch.md").write_text("# My pitch\n\nHello.\n", encoding="utf-8")
    result = build(journal, tmp_path / "a")
    assert result.exit_code == 0, result.output
    assert "My pitch" in (tmp_path / "a" / "pitch" / "index.html").read_text(encoding="utf-8")
    (journal / "docs").rename(journal / "mine")
    (journal / "mkdocs.yml").write_text(MINIMAL + "docs_dir: mine\n", encoding="utf-8")
    result = build(journal, tmp_path / "b")
    assert result.exit_code == 0, result.output
    assert "My pitch" in (tmp_path / "b" / "pitch" / "index.html").read_text(encoding="utf-8")


def test_missing_named_docs_dir_is_reported_not_replaced(tmp_path: Path) -> None:
    """A docs_dir the user named but that is missing is their mistake to see, not ours to hide."""
    journal = hand_written(tmp_path, MINIMAL + "docs_dir: pages\n")
    result = build(journal, tmp_path / "site")
    assert result.exit_code != 0
    assert "pages" in result.output and "Traceback" not in result.output


def test_plain_mkdocs_build_needs_a_docs_folder(tmp_path: Path) -> None:
    """MkDocs checks docs_dir before any plugin loads (documented in the README): it refuses and
    writes nothing; `coffeechat build` is the way."""
    journal = hand_written(tmp_path, MINIMAL)
    before = listing(journal)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "-q", "-d", str(tmp_path / "site")],
        cwd=journal,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode != 0
    assert "docs_dir" in done.stderr
    assert listing(journal) == before


def test_serve_without_docs_folder_writes_nothing(tmp_path: Path) -> None:
    journal = hand_written(tmp_path, MINIMAL)
    before = listing(journal)
    port = free_port()
    log = tmp_path / "serve.log"
    command = [
        *(sys.executable, "-m", "coffeechat.cli", "--journal", str(journal)),
        *("serve", "--dev-addr", f"127.0.0.1:{port}", "--today", TODAY),
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=tmp_path, stdout=output, stderr=output, env=env)
        try:
            url = f"http://127.0.0.1:{port}/notes/2026-11-19-luis-ferreira/"
            page = wait_for(url, lambda text: "Medicaid billing" in text, server, log)
            assert "fonts.googleapis" not in page
        finally:
            stop(server)
    assert listing(journal) == before
