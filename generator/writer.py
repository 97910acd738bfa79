"""The one place that writes files. New files are created atomically and never replace anything;
rewrites (`log`) replace the old file in one step, so a crash never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .model import JournalError


def _temp_beside(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def create(target: Path, text: str, shown: str | None = None) -> Path:
    """Write a new file; if anything already has that name, nothing is written."""
    temp = _temp_beside(target, text.encode("utf-8"))
    try:
        os.link(temp, target)  # fails instead of replacing when the target exists
    except FileExistsError:
        raise JournalError(
            "already exists; coffeechat never overwrites a file", shown or str(target)
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    return target


def replace(target: Path, data: bytes, check: Callable[[Path], None] | None = None) -> Path:
    """Swap a file's content for new content in one step, keeping its permissions.

    `check` sees the new file before the swap (beside the target, under a hidden name); when it
    raises, the target is left exactly as it was and the new file is removed."""
    mode = target.stat().st_mode & 0o777
    temp = _temp_beside(target, data)
    try:
        os.chmod(temp, mode)
        if check is not None:
            check(temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def create_tree(root: Path, files: dict[str, str]) -> list[Path]:
    """Create several new files under root (for `init`); all names are checked before any write."""
    clashes = sorted(name for name in files if (root / name).exists())
    if clashes:
        raise JournalError(
            "already exists; coffeechat never overwrites a file", str(root / clashes[0])
        )
    return [create(root / name, text) for name, text in sorted(files.items())]
