"""The journal's git history: when each contact and note file last changed, and how many commits
changed it. One `git log` process for the whole journal, parsed once, never a process per file:
a journal of thousands of files costs one pass. No git, not a repository, no commits yet: no
history, and nothing said (the pages simply leave it out). Dates are the commits' author dates,
as recorded in git, so the same repository gives the same pages whatever the clock says."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

FOLDERS = ("contacts", "notes")
_COMMIT = "\x01"  # starts each commit's record in our --format; never the start of a status
_TIMEOUT = 120  # seconds; a repository that slow is treated as having no history
# Settings in a user's git config that would change what we read: rename detection stays on, paths
# come from the top of the repository, no signature lines (external diff drivers are off by
# --no-ext-diff), and nothing runs another program (fsmonitor) for a build that only reads.
_GIT = (
    "git",
    "-c",
    "diff.renames=true",
    "-c",
    "log.showSignature=false",
    "-c",
    "core.quotepath=off",
    "-c",
    "diff.relative=false",
    "-c",
    "core.fsmonitor=false",
)


@dataclass(frozen=True, slots=True)
class FileHistory:
    last_changed: datetime  # author date of the newest commit that touched the file
    changes: int  # commits that touched it, following renames
    repo_path: str  # its path in the repository now (the journal may be a subfolder)


@dataclass(frozen=True, slots=True)
class History:
    files: Mapping[str, FileHistory] = field(default_factory=dict)  # journal-relative path → …
    branch: str = "HEAD"

    def get(self, path: str) -> FileHistory | None:
        return self.files.get(path)


NONE = History()


def read_history(root: Path) -> History:
    """The history of contacts/ and notes/ in the git repository holding root, or NONE."""
    head = _git(root, "rev-parse", "--show-prefix", "--abbrev-ref", "HEAD")
    if head is None:
        return NONE
    lines = head.split("\n")
    if len(lines) < 2:
        return NONE
    prefix, branch = lines[0], lines[1].strip() or "HEAD"
    log = _git(
        root,
        "log",
        "-z",
        "-M",
        "--no-ext-diff",
        "--no-color",
        f"--format={_COMMIT}%aI",
        "--name-status",
        "--",
        *FOLDERS,
    )
    if log is None:
        return NONE
    return History(parse_log(log, prefix), branch)


def parse_log(text: str, prefix: str = "") -> dict[str, FileHistory]:
    """Read `git log -z --format=<\\x01>%aI --name-status`, newest commit first. A rename carries
    the older commits of the old name over to the new one; an added file starts its history, so
    a file deleted long ago and re-created under the same name does not inherit the old commits."""
    newest: dict[str, datetime] = {}
    counts: dict[str, int] = {}
    # An older name → the file it is now (None: that name's older history is another file's).
    renamed: dict[str, str | None] = {}
    when: datetime | None = None
    tokens = iter(text.split("\0"))
    for token in tokens:
        if token.startswith(_COMMIT):
            when = _date(token[1:])
            continue
        status = token.strip("\n")
        if not status or when is None:
            continue
        if status[0] in "RC":
            old, new = next(tokens, ""), next(tokens, "")
        else:
            old = new = next(tokens, "")
        now = renamed.get(new, new)
        if now is None:
            continue
        newest.setdefault(now, when)
        counts[now] = counts.get(now, 0) + 1
        if status[0] == "R":
            renamed[old] = now
        if status[0] in "AR":
            renamed[new] = None
    return {
        path[len(prefix) :]: FileHistory(newest[path], counts[path], path)
        for path in newest
        if path.startswith(prefix)
    }


def history_url(repo_url: str | None, branch: str, repo_path: str) -> str | None:
    """The hosting site's page of the file's commits: `{repo_url}/commits/{branch}/{path}` (GitHub,
    Gitea, Forgejo), `{repo_url}/-/commits/{branch}/{path}` on a host whose name has "gitlab"."""
    if not repo_url or not repo_url.strip().lower().startswith(("http://", "https://")):
        return None
    base = repo_url.strip().rstrip("/")
    if base.endswith(".git"):
        base = base[: -len(".git")]
    commits = "-/commits" if "gitlab" in (urlsplit(base).hostname or "") else "commits"
    return f"{base}/{commits}/{quote(branch, safe='')}/{quote(repo_path)}"


def _date(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when git is missing, root is not in a repository or git fails."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    env.pop("GIT_DIR", None)  # hooks set these; the journal's own repository is what we want
    env.pop("GIT_WORK_TREE", None)
    try:
        done = subprocess.run(
            [*_GIT, "-C", str(root), *args],
            capture_output=True,
            env=env,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    # File names as the reader sees them: undecodable bytes become the same surrogates as in Path.
    return done.stdout.decode("utf-8", "surrogateescape")
