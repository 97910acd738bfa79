"""`check` and `due` start fast (issue 12: within 2x of parsing the journal's front matter, as
whole processes): they must not import what only other commands need. Run in a fresh
interpreter, since this test process has imported everything already."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

HEAVY = ("jinja2", "mkdocs", "icalendar", "vobject", "nh3", "holidays", "markdown", "material")
PROBE = """
import json, sys
from coffeechat.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})), file=sys.stderr)
"""


@pytest.mark.parametrize("command", [["check"], ["due", "--today", "2026-11-21"]])
def test_check_and_due_import_only_what_they_need(command: list[str]) -> None:
    args = [sys.executable, "-c", PROBE, "--journal", str(REPO), *command]
    done = subprocess.run(args, capture_output=True, text=True, env=os.environ, check=False)
    loaded = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "coffeechat" in loaded and "yaml" in loaded  # the probe did run the command
    assert sorted(loaded.intersection(HEAVY)) == []
