"""The published `coffeechat-check` hook, run by the real pre-commit in a real git repository.

pre-commit would install a `language: python` hook by pip-installing this repository and its
dependencies from the package registries (minutes). The default tests therefore run the published
hook's own id, files pattern, entry and pass_filenames as a `language: system` local hook, against
the coffeechat under test; the published file itself is loaded with pre-commit's own manifest
loader. COFFEECHAT_TRY_REPO=1 also runs `pre-commit try-repo` on this repository as published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pre_commit.clientlib import load_manifest

REPO = Path(__file__).resolve().parent.parent
HOOKS = REPO / ".pre-commit-hooks.yaml"
BIN = Path(sys.executable).parent
COFFEECHAT = BIN / "coffeechat"
GOOD_NOTE = "---\ncontact: ann\ndate: 2026-01-05\n---\n\n## Advice\n\nAsk early.\n"
BAD_NOTE = "---\ncontact: ann\nduration: half an hour\ndate: 2026-01-05\n---\n"
BAD_MESSAGE = "notes/bad.md:3: error: `duration` should be a whole number of minutes, like 30"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def published() -> dict:
    (hook,) = load_manifest(str(HOOKS))  # pre-commit's own schema check of the manifest
    return hook


def env(tmp: Path) -> dict[str, str]:
    """The coffeechat under test first on the path; pre-commit's cache inside the test folder."""
    return os.environ | {
        "PYTHONPATH": str(REPO),
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-cache"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env(repo.parent), capture_output=True, text=True
    )


def journal_repo(tmp: Path) -> Path:
    repo = tmp / "journal"
    made = subprocess.run(
        [str(COFFEECHAT), "init", str(repo)], env=env(tmp), capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    (repo / "contacts/ann.md").write_text("---\nname: Ann Lee\n---\n", encoding="utf-8")
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "test@example.org"),
        ("config", "user.name", "Test"),
        ("config", "commit.gpgsign", "false"),
    ):
        assert git(repo, *args).returncode == 0
    return repo


def local_hook_config() -> str:
    """The published hook as a local `language: system` hook running this checkout's code."""
    hook = published()
    local = {
        "id": hook["id"],
        "name": hook["name"],
        "entry": hook["entry"].replace("coffeechat", str(COFFEECHAT), 1),
        "language": "system",
        "files": hook["files"],
        "pass_filenames": hook["pass_filenames"],
    }
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]})


def commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    return git(repo, "commit", "-m", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = journal_repo(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(local_hook_config(), encoding="utf-8")
    installed = subprocess.run(
        [str(BIN / "pre-commit"), "install"], cwd=repo, env=env(tmp_path), capture_output=True,
        text=True,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert git(repo, "add", "-A").returncode == 0
    first = commit(repo, "journal")
    assert first.returncode == 0, first.stdout + first.stderr
    return repo


class TestPublishedHook:
    def test_manifest_is_what_the_issue_asks_for(self) -> None:
        hook = published()
        assert hook["id"] == "coffeechat-check"
        assert hook["language"] == "python"
        assert hook["entry"] == "coffeechat check"
        assert hook["files"] == r"^(contacts|notes)/.*\.md$"
        assert hook["pass_filenames"] is True

    @pytest.mark.parametrize(
        ("path", "matched"),
        [
            ("contacts/ann.md", True),
            ("notes/2026/a.md", True),
            ("notes/a.txt", False),
            ("pages/pitch.md", False),
            ("old/contacts/a.md", False),
        ],
    )
    def test_files_pattern(self, path: str, matched: bool) -> None:
        import re

        assert bool(re.search(published()["files"], path)) is matched


@needs_git
class TestCommits:
    def test_a_bad_note_blocks_the_commit_with_coffeechats_message(self, repo: Path) -> None:
        (repo / "notes/bad.md").write_text(BAD_NOTE, encoding="utf-8")
        git(repo, "add", "notes/bad.md")
        result = commit(repo, "bad note")
        assert result.returncode == 1
        shown = result.stdout + result.stderr
        assert "coffeechat check" in shown and "Failed" in shown
        assert BAD_MESSAGE in shown
        assert "1 error and 0 warnings in 1 file." in shown
        assert git(repo, "log", "--oneline").stdout.count("\n") == 1  # nothing committed

    def test_a_good_note_passes(self, repo: Path) -> None:
        (repo / "notes/good.md").write_text(GOOD_NOTE, encoding="utf-8")
        git(repo, "add", "notes/good.md")
        result = commit(repo, "good note")
        assert result.returncode == 0, result.stdout + result.stderr
        shown = result.stdout + result.stderr  # git hooks print on stderr
        assert "coffeechat check" in shown and "Passed" in shown
        assert "good note" in git(repo, "log", "--oneline").stdout

    def test_only_staged_files_are_checked_but_every_contact_is_known(self, repo: Path) -> None:
        # A broken contact that is not staged does not block a good note naming another one.
        (repo / "contacts/zed.md").write_text("---\nstatus: archived\n---\n", encoding="utf-8")
        (repo / "notes/good.md").write_text(GOOD_NOTE, encoding="utf-8")
        git(repo, "add", "notes/good.md")
        assert commit(repo, "good note").returncode == 0
        # A note naming a contact with no file is blocked, with the suggestion.
        (repo / "notes/typo.md").write_text(GOOD_NOTE.replace("ann", "anne"), encoding="utf-8")
        git(repo, "add", "notes/typo.md")
        result = commit(repo, "typo")
        assert result.returncode == 1
        shown = result.stdout + result.stderr
        assert "notes/typo.md:2: error: this note names the contact “anne”" in shown
        assert "did you mean “ann”?" in shown

    def test_commits_without_journal_files_skip_the_hook(self, repo: Path) -> None:
        (repo / "pages/more.md").write_text("# More\n", encoding="utf-8")
        git(repo, "add", "pages/more.md")
        result = commit(repo, "a page")
        assert result.returncode == 0
        assert "(no files to check)Skipped" in result.stdout + result.stderr


README_HOOK = "git diff --cached --name-only -z --diff-filter=ACMR -- 'contacts/*.md' 'notes/*.md'"


@needs_git
class TestPlainGitHook:
    """The one-line .git/hooks/pre-commit from the README, without pre-commit."""

    @pytest.fixture
    def plain(self, tmp_path: Path) -> Path:
        repo = journal_repo(tmp_path)
        readme = (REPO / "README.md").read_text(encoding="utf-8")
        line = next(x for x in readme.splitlines() if x.startswith("printf") and "pre-commit" in x)
        assert README_HOOK in line
        made = subprocess.run(["sh", "-c", line], cwd=repo, env=env(tmp_path))
        assert made.returncode == 0
        assert os.access(repo / ".git/hooks/pre-commit", os.X_OK)
        assert git(repo, "add", "-A").returncode == 0
        assert commit(repo, "journal").returncode == 0
        return repo

    def test_bad_blocks_and_good_passes(self, plain: Path) -> None:
        (plain / "notes/bad.md").write_text(BAD_NOTE, encoding="utf-8")
        git(plain, "add", "notes/bad.md")
        blocked = commit(plain, "bad")
        assert blocked.returncode == 1
        assert BAD_MESSAGE in blocked.stdout + blocked.stderr
        (plain / "notes/bad.md").write_text(GOOD_NOTE, encoding="utf-8")
        git(plain, "add", "notes/bad.md")
        assert commit(plain, "fixed").returncode == 0

    def test_a_name_with_spaces_is_checked(self, plain: Path) -> None:
        (plain / "notes/a bad one.md").write_text(BAD_NOTE, encoding="utf-8")
        git(plain, "add", "notes/a bad one.md")
        blocked = commit(plain, "bad")
        assert blocked.returncode == 1
        assert "notes/a bad one.md:3: error:" in blocked.stdout + blocked.stderr


@needs_git
@pytest.mark.skipif(
    not os.environ.get("COFFEECHAT_TRY_REPO"),
    reason="pip-installs coffeechat from the registries (minutes); set COFFEECHAT_TRY_REPO=1",
)
def test_try_repo_runs_the_published_python_hook(tmp_path: Path) -> None:
    repo = journal_repo(tmp_path)
    (repo / "notes/bad.md").write_text(BAD_NOTE, encoding="utf-8")
    git(repo, "add", "-A")

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "try-repo", str(REPO), "coffeechat-check", "--files",
             "notes/bad.md", "contacts/ann.md"],
            cwd=repo, env=env(tmp_path) | {"PYTHONPATH": ""}, capture_output=True, text=True,
        )  # fmt: skip

    blocked = try_repo()  # installs coffeechat in pre-commit's own environment
    assert blocked.returncode == 1
    assert BAD_MESSAGE in blocked.stdout
    (repo / "notes/bad.md").write_text(GOOD_NOTE, encoding="utf-8")
    git(repo, "add", "-A")
    passed = try_repo()
    assert passed.returncode == 0, passed.stdout
    assert "Passed" in passed.stdout
