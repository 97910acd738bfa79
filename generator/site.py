"""Run MkDocs on a journal: the command line's way into the plugin, with MkDocs' own errors turned
into JournalError so the shell can show them without a traceback."""

from __future__ import annotations

import errno
import logging
import sys
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


def build(root: Path, site_dir: Path | None = None, strict: bool = False) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_log()
    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    try:
        config = load_config(config_file=str(_config_file(root)), **overrides)
        mkdocs_build(config)
    except MkDocsException as exc:
        raise JournalError(f"the site was not built: {exc}") from None
    return Path(config.site_dir)


def serve(root: Path, dev_addr: str, open_browser: bool = False) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_log()
    try:
        mkdocs_serve(
            config_file=str(_config_file(root)),
            livereload=True,
            open_in_browser=open_browser,
            dev_addr=dev_addr,
        )
    except MkDocsException as exc:
        raise JournalError(f"the preview stopped: {exc}") from None
    except OSError as exc:  # the address is taken or not ours: say so instead of a traceback
        if exc.errno not in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise
        raise JournalError(
            f"cannot serve on {dev_addr}: {exc.strerror}; choose another with --dev-addr HOST:PORT"
        ) from None
