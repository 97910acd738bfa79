"""Run MkDocs on a journal: the command line's way into the plugin, with MkDocs' own errors turned
into JournalError so the shell can show them without a traceback."""

from __future__ import annotations

import errno
import logging
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .config import CONFIG_FILE
from .model import JournalError


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<7} -  {record.getMessage()}"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to sys.stderr as it is now, not as it was when the handler was made: the command can
    run many times in one process (tests, CliRunner), each with its own stderr."""

    @property  # type: ignore[override]
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def _show_mkdocs_log() -> None:
    """Print MkDocs' warnings as its own command would (once per process)."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_coffeechat", False) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(_Formatter())
        handler.setLevel(logging.INFO)
        handler._coffeechat = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _config_file(root: Path) -> Path:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise JournalError(
            "not found; a journal needs mkdocs.yml to build its site (`coffeechat init` makes one)",
            str(path),
        )
    return path


def _names_docs_dir(config_file: Path) -> bool:
    """Whether mkdocs.yml (or a file it inherits from) sets docs_dir; unreadable YAML counts as
    yes, so that MkDocs reports the problem itself."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as stream:
            data = yaml_load(stream)
    except Exception:  # MkDocs reads the file again and says what is wrong
        return True
    return not isinstance(data, dict) or "docs_dir" in data


@contextmanager
def _docs_dir(root: Path, config_file: Path) -> Iterator[dict[str, object]]:
    """A journal written by hand has no docs/ folder, and MkDocs refuses a missing docs_dir before
    any plugin runs. The plugin makes every page itself, so an empty stand-in outside the journal
    (named docs, as edit links expect) does: nothing is written into the journal."""
    if _names_docs_dir(config_file) or (root / "docs").is_dir():
        yield {}
        return
    with tempfile.TemporaryDirectory(prefix="coffeechat-") as folder:
        stand_in = Path(folder) / "docs"
        stand_in.mkdir()
        yield {"docs_dir": str(stand_in)}


def build(root: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_log()
    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    config_file = _config_file(root)
    try:
        with _docs_dir(root, config_file) as docs:
            config = load_config(config_file=str(config_file), **overrides, **docs)
            mkdocs_build(config)
    except MkDocsException as exc:
        raise JournalError(f"the site was not built: {exc}") from None
    return Path(config.site_dir)


def serve(root: Path, dev_addr: str, open_browser: bool = False) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_log()
    config_file = _config_file(root)
    try:
        with _docs_dir(root, config_file) as docs:
            mkdocs_serve(
                config_file=str(config_file),
                livereload=True,
                open_in_browser=open_browser,
                dev_addr=dev_addr,
                **docs,
            )
    except MkDocsException as exc:
        raise JournalError(f"the preview stopped: {exc}") from None
    except OSError as exc:  # the address is taken or not ours: say so instead of a traceback
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        raise JournalError(
            f"cannot serve on {dev_addr}: {exc.strerror}; choose another with --dev-addr HOST:PORT"
        ) from None
