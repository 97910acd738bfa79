#!/usr/bin/env python3
"""Benchmark coffeechat against the bare cost of reading a journal.

Writes a deterministic synthetic journal (contacts/ and notes/, SPEC sections 2-3),
then times each selected stage, best of --repeat runs, against a baseline:

  check   `coffeechat --journal J check`                  target: <= 2.0x floor
  due     `coffeechat --journal J due --today ... --format json`   target: <= 2.0x floor
  build   `coffeechat --journal J build --site-dir X`     target: <= 1.3x plain mkdocs build
  compare the same build with comparison pages and prep sheets, against it with the plugin
          option `compare: false`                          target: <= 1.15x without
  linkedin a journal made by `import linkedin` of a 3,000-row Connections.csv plus 300 notes:
          rows/s of the import; cold build against plain mkdocs of as many pages (<= 1.3x), its
          peak memory, site and search-index size; `coffeechat serve` save -> visible latency
          over 5 edits (a note, a contact, a new note, ...), polling the page for a marker,
          median <= 1.0 s

The floor is reading every contacts/*.md and notes/*.md and parsing its front matter
with yaml.CSafeLoader, in-process. CLI stages run as subprocesses, so they pay for an
interpreter start-up that the floor does not: they are reported raw and minus the cost
of `python -c pass`, and the target applies to the latter.

Adding a stage is one function plus its entry in STAGES. A stage whose command does not exist
yet is reported as "skipped: <reason>"; a command exiting non-zero is reported as FAILED.
The script always exits 0 once the measurements ran (a missed target prints MISSED).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

TODAY = "2026-06-01"
BIN = Path(sys.executable).parent
COFFEECHAT = BIN / "coffeechat"
MKDOCS = BIN / "mkdocs"
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

JOURNAL_CONFIG = """\
site_name: Synthetic journal
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
  - coffeechat
"""

PLAIN_CONFIG = """\
site_name: Synthetic plain site
docs_dir: docs
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
"""

# --------------------------------------------------------------------------- data

FIRST = [
    "Ada", "Ben", "Chloé", "Dev", "Elena", "Farid", "Grace", "Hiro", "Inès", "Jonas",
    "Kemi", "Liam", "Maya", "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tomás",
    "Uma", "Victor", "Wen", "Yusuf", "Zoë",
]  # fmt: skip
LAST = [
    "Abbott", "Baptiste", "Chen", "Dubois", "Eze", "Fischer", "García", "Haddad", "Ito",
    "Jansen", "Kowalski", "Lindqvist", "Morales", "Nguyen", "O'Brien", "Patel", "Quintero",
    "Rossi", "Schmidt", "Tanaka", "Usman", "Vargas", "Walsh", "Yilmaz", "Zhang",
]  # fmt: skip
FIELDS: dict[str, tuple[list[str], list[str]]] = {
    "public health": (
        ["County Health Department", "CareBridge Clinics", "Global Health Partners"],
        ["Epidemiologist", "Program manager", "Health educator"],
    ),
    "software": (
        ["Northwind Labs", "Acme Cloud", "Brightpath"],
        ["Software engineer", "Engineering manager", "Data engineer"],
    ),
    "architecture": (
        ["Studio Lumen", "Harbor & Finch Architects", "City Planning Office"],
        ["Project architect", "Urban planner", "Junior designer"],
    ),
    "journalism": (
        ["The Daily Ledger", "Riverside Public Radio", "Newsroom Collective"],
        ["Reporter", "Editor", "Audio producer"],
    ),
    "finance": (
        ["Granite Capital", "First Civic Bank", "Ledgerline"],
        ["Financial analyst", "Credit officer", "Controller"],
    ),
    "education": (
        ["Lincoln High School", "State University", "LearnWell Nonprofit"],
        ["Teacher", "Academic advisor", "Curriculum designer"],
    ),
}
SOURCES = [
    "alumni", "linkedin", "family", "friend", "faculty", "association", "community",
    "employer", "met at the spring career fair",
]  # fmt: skip
CITIES = ["Chicago", "Denver", "Boston", "Remote", "Austin", "Seattle", "Atlanta"]
CHANNELS = ["email", "linkedin", "phone", "letter", "text"]
FORMATS = ["phone", "video", "in-person", "email", "coffee shop"]
TAGS = ["dream-company", "remote", "nonprofit", "startup", "alumni", "grad-school", "mentor"]
EVENT_NOTES = ["left message with assistant", "email went to spam", "asked for 20 minutes"]
PATTERNS = [
    ["sent", "reply", "scheduled", "thank-you", "update"],
    ["sent", "sent", "reply", "scheduled", "thank-you"],
    ["sent", "sent", "sent", "declined"],
    ["sent", "declined"],
]
HEADINGS = [
    "How did you get started in this field?",
    "What is a typical week like?",
    "Which skills matter most in this work?",
    "Where is the field heading in the next few years?",
    "What advice would you give someone starting out?",
    "Who else should I talk to?",
    "What did I learn about the job?",
    "What are my next steps?",
]
TASKS = [
    "Send my résumé for feedback",
    "Read the report they mentioned",
    "Email the person they referred me to",
    "Look up the professional association",
    "Apply to the summer program",
]
LOREM = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud "
    "exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure "
    "in reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint "
    "occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est"
)
WORDS = LOREM.split()

START_2025 = dt.date(2025, 1, 1)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def sentences(rng: random.Random, low: int, high: int) -> str:
    out = []
    for _ in range(rng.randint(low, high)):
        words = rng.choices(WORDS, k=rng.randint(8, 16))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def make_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def render(front: dict[str, Any], body: str) -> str:
    dumped = yaml.dump(
        front, Dumper=DUMPER, sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return f"---\n{dumped}---\n\n{body}"


# ------------------------------------------------------------------------ contacts


def outreach(rng: random.Random) -> list[dict[str, Any]]:
    kinds = rng.choice(PATTERNS)[: rng.randint(0, 5)]
    when = day(rng, START_2025, dt.date(2026, 9, 30))
    channel = rng.choice(CHANNELS)
    events: list[dict[str, Any]] = []
    for kind in kinds:
        when += dt.timedelta(days=rng.randint(1, 12))
        event: dict[str, Any] = {"date": when, "event": kind, "channel": channel}
        if kind == "scheduled":
            meeting = when + dt.timedelta(days=rng.randint(3, 14))
            hour = rng.choice([None, 9, 14, 16])
            event["meeting"] = (
                meeting
                if hour is None
                else dt.datetime(meeting.year, meeting.month, meeting.day, hour, 30)
            )
            when = meeting
        if rng.random() < 0.15:
            event["note"] = rng.choice(EVENT_NOTES)
        events.append(event)
    return events


def contact_front(rng: random.Random, name: str, slugs: list[str], me: int) -> dict[str, Any]:
    field_name = rng.choice(list(FIELDS))
    companies, roles = FIELDS[field_name]
    company = rng.choice(companies)
    front: dict[str, Any] = {
        "name": name,
        "company": company,
        "role": rng.choice(roles),
        "field": field_name,
        "location": rng.choice(CITIES),
        "email": f"{slugify(name).replace('-', '.')}@{slugify(company).replace('-', '')}.example",
        "source": rng.choice(SOURCES),
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
    }
    if len(slugs) > 1 and rng.random() < 0.2:
        other = rng.randrange(len(slugs) - 1)
        front["referred_by"] = slugs[other + (other >= me)]
        front["source"] = "referral"
    if rng.random() < 0.1:
        front["keep_in_touch"] = rng.choice(["monthly", "yearly", 60])
    events = outreach(rng)
    if events:
        front["outreach"] = events
    return front


def write_contacts(root: Path, rng: random.Random, count: int) -> list[str]:
    width = max(4, len(str(count)))
    names = [make_name(rng) for _ in range(count)]
    slugs = [f"c{i + 1:0{width}d}-{slugify(name)}" for i, name in enumerate(names)]
    for i, (name, slug) in enumerate(zip(names, slugs, strict=True)):
        front = contact_front(rng, name, slugs, i)
        body = f"{name} works as {front['role']} at {front['company']}. {sentences(rng, 2, 4)}\n"
        (root / "contacts" / f"{slug}.md").write_text(render(front, body), encoding="utf-8")
    return slugs


# --------------------------------------------------------------------------- notes


def referrals(rng: random.Random, slugs: list[str], exclude: list[str]) -> list[Any]:
    out: list[Any] = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        slug = rng.choice(slugs)
        if slug not in exclude and rng.random() < 0.6:
            out.append(slug)
        else:
            companies = FIELDS[rng.choice(list(FIELDS))][0]
            out.append({"name": make_name(rng), "company": rng.choice(companies)})
    return out


def follow_ups(rng: random.Random, date: dt.date) -> list[dict[str, Any]]:
    out = []
    for _ in range(rng.randint(0, 3)):
        due = date + dt.timedelta(days=rng.randint(3, 30))
        done = rng.choice([False, False, True, due])
        out.append({"task": rng.choice(TASKS), "due": due, "done": done})
    return out


def facts(rng: random.Random) -> dict[str, Any]:
    return {
        "degree_required": rng.choice(["none", "bachelors", "masters", "phd"]),
        "hours_per_week": rng.randint(30, 60),
        "starting_pay": rng.randint(35, 120) * 1000,
        "would_choose_again": rng.choice(["yes", "no", "maybe"]),
    }


def note_front(rng: random.Random, slugs: list[str], date: dt.date) -> dict[str, Any]:
    people = rng.sample(slugs, 2 if len(slugs) > 1 and rng.random() < 0.05 else 1)
    contact: str | list[str] = people if len(people) > 1 else people[0]
    front: dict[str, Any] = {
        "contact": contact,
        "date": date,
        "format": rng.choice(FORMATS),
        "duration": rng.choice([15, 20, 30, 45, 60]),
        "tags": rng.sample(TAGS, rng.randint(0, 2)),
    }
    if rng.random() < 0.85:
        front["thank_you"] = date + dt.timedelta(days=rng.randint(0, 3))
    for key, value in (
        ("referrals", referrals(rng, slugs, people)),
        ("follow_ups", follow_ups(rng, date)),
    ):
        if value:
            front[key] = value
    front["facts"] = facts(rng)
    return front


def note_body(rng: random.Random) -> str:
    picked = sorted(rng.sample(range(len(HEADINGS)), rng.randint(6, len(HEADINGS))))
    return "\n".join(f"## {HEADINGS[i]}\n\n{sentences(rng, 2, 4)}\n" for i in picked)


def write_notes(root: Path, rng: random.Random, slugs: list[str], count: int) -> None:
    for i in range(1, count + 1):
        date = day(rng, START_2025, dt.date(2026, 5, 31))
        front = note_front(rng, slugs, date)
        first = front["contact"] if isinstance(front["contact"], str) else front["contact"][0]
        path = root / "notes" / f"{date.isoformat()}-{first}-{i}.md"
        path.write_text(render(front, note_body(rng)), encoding="utf-8")


def write_journal(root: Path, contacts: int, notes: int, seed: int) -> Path:
    for sub in ("contacts", "notes", "docs"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(JOURNAL_CONFIG, encoding="utf-8")
    rng = random.Random(seed)
    slugs = write_contacts(root, rng, contacts)
    write_notes(root, rng, slugs, notes)
    return root


# ------------------------------------------------------------------ LinkedIn export

LINKEDIN_NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\n\n'
)


def write_connections(path: Path, rows: int, seed: int) -> Path:
    """A Connections.csv as LinkedIn exports it: notes, the header, one row per connection
    (unique names: a numbered last name; a third share their e-mail)."""
    rng = random.Random(seed)
    out = [LINKEDIN_NOTES, "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"]
    for i in range(rows):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{i + 1}"
        companies, roles = FIELDS[rng.choice(list(FIELDS))]
        handle = slugify(f"{first} {last}")
        email = f"{handle}@example.org" if rng.random() < 0.33 else ""
        when = day(rng, dt.date(2015, 1, 1), dt.date(2026, 5, 31)).strftime("%d %b %Y")
        company = rng.choice(companies)
        cells = [first, last, f"https://www.linkedin.com/in/{handle}", email, company]
        cells += [rng.choice(roles), when]
        out.append(",".join(f'"{c}"' if "," in c or "&" in c else c for c in cells) + "\n")
    path.write_text("".join(out), encoding="utf-8")
    return path


# ---------------------------------------------------------------------- plain site


def as_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    return str(value)


def plain_page(text: str) -> str:
    front = yaml.load(front_matter(text), Loader=LOADER) or {}
    body = text.split("\n---\n", 1)[1]
    title = front.get("name") or f"Conversation with {as_text(front.get('contact'))}"
    lines = [f"- **{key}:** {as_text(value)}" for key, value in front.items()]
    return f"# {title}\n\n" + "\n".join(lines) + f"\n\n{body}"


def write_plain_site(root: Path, journal: Path) -> Path:
    """A plain MkDocs project with one page per journal file, plus index.md."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Synthetic plain site\n", encoding="utf-8")
    for sub in ("contacts", "notes"):
        (root / "docs" / sub).mkdir(exist_ok=True)
        for path in sorted((journal / sub).glob("*.md")):
            page = plain_page(path.read_text(encoding="utf-8"))
            (root / "docs" / sub / path.name).write_text(page, encoding="utf-8")
    return root


# -------------------------------------------------------------------------- timing


def front_matter(text: str) -> str:
    """The text between a first line `---` and the next `---` line ('' if none)."""
    if not text.startswith("---\n"):
        return ""
    end = text.find("\n---\n", 3)
    return text[4 : end + 1] if end >= 0 else ""


def parse_journal(journal: Path) -> int:
    parsed = 0
    for sub in ("contacts", "notes"):
        for path in (journal / sub).glob("*.md"):
            data = yaml.load(front_matter(path.read_text(encoding="utf-8")), Loader=LOADER)
            parsed += isinstance(data, dict)
    return parsed


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_best_of(repeat: int, action: Callable[[], object], clock: Callable[[], float]) -> float:
    """Best CPU time (user + system) of action: on a busy machine wall-clock ratios drift with
    the other load, CPU-time ratios much less."""
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        action()
        best = min(best, clock() - start)
    return best


def best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COFFEECHAT_TODAY": TODAY}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)


def time_command(cmd: list[str], repeat: int) -> tuple[float, str | None]:
    """Best wall-clock time of `cmd`, or the error tail of the first failing run."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        done = run(cmd)
        best = min(best, time.perf_counter() - start)
        if done.returncode != 0:
            return best, f"exit {done.returncode}\n{tail(done.stderr or done.stdout)}"
    return best, None


def probe(command: str, options: list[str]) -> str | None:
    """Why `coffeechat COMMAND` cannot be benchmarked yet, or None if it can."""
    if not COFFEECHAT.exists():
        return f"no console script {COFFEECHAT}"
    done = run([str(COFFEECHAT), command, "--help"])
    if done.returncode != 0:
        last = tail(done.stderr or done.stdout, 1) or f"exit {done.returncode}"
        return f"`coffeechat {command} --help` failed: {last}"
    missing = [opt for opt in options if opt not in done.stdout]
    return f"`coffeechat {command}` has no {', '.join(missing)}" if missing else None


# ---------------------------------------------------------------------- the bench


@dataclass
class Row:
    label: str
    seconds: float | None = None
    ratio: str = ""
    target: str = ""
    verdict: str = ""


@dataclass
class Bench:
    args: argparse.Namespace
    work: Path
    rows: list[Row] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def journal(self) -> Path:
        a = self.args
        return self.once(
            "journal", lambda: write_journal(self.work / "journal", a.contacts, a.notes, a.seed)
        )

    def build_journal(self) -> Path:
        a = self.args
        path = self.work / "build-journal"
        return self.once("build", lambda: write_journal(path, a.contacts, a.build_notes, a.seed))

    def floor(self) -> float:
        return self.once("floor", self._measure_floor)

    def _measure_floor(self) -> float:
        journal = self.journal()
        files = parse_journal(journal)
        seconds = best_of(self.args.repeat, lambda: parse_journal(journal))
        self.rows.append(Row(f"floor ({files} files, {LOADER.__name__})", seconds, "1.00x"))
        self.cache["floor cpu"] = cpu_best_of(
            self.args.repeat, lambda: parse_journal(journal), time.process_time
        )
        return seconds

    def startup(self) -> float:
        return self.once("startup", self._measure_startup)

    def _measure_startup(self) -> float:
        seconds = best_of(self.args.repeat, lambda: run([sys.executable, "-c", "pass"]))
        self.rows.append(Row("python start-up (-c pass)", seconds))
        return seconds

    def skip(self, label: str, reason: str) -> None:
        self.rows.append(Row(label, verdict=f"skipped: {reason}"))

    def fail(self, label: str, error: str) -> None:
        self.rows.append(Row(label, verdict="FAILED"))
        self.failures.append((label, error))

    def judge(self, label: str, seconds: float, base: float, name: str, limit: float) -> None:
        ratio = seconds / base
        verdict = "ok" if ratio <= limit else "MISSED"
        target = f"{label.split()[0]} <= {limit}x {name}"
        self.rows.append(Row(label, seconds, f"{ratio:.2f}x {name}", target, verdict))


def cli_stage(bench: Bench, name: str, args: list[str], options: list[str]) -> None:
    """Time `coffeechat --journal J ARGS` against the floor, raw and minus start-up."""
    floor, startup = bench.floor(), bench.startup()
    reason = probe(args[0], options)
    if reason:
        bench.skip(name, reason)
        return
    cmd = [str(COFFEECHAT), "--journal", str(bench.journal()), *args]
    seconds, error = time_command(cmd, bench.args.repeat)
    if error:
        bench.fail(name, error)
        return
    bench.rows.append(Row(f"{name} (raw)", seconds, f"{seconds / floor:.2f}x floor"))
    bench.judge(f"{name} - start-up", seconds - startup, floor, "floor", 2.0)
    cpu = cpu_best_of(bench.args.repeat, lambda: run(cmd), children_cpu)
    floor_cpu = bench.cache["floor cpu"]
    bench.rows.append(Row(f"{name} CPU time", cpu, f"{cpu / floor_cpu:.2f}x floor CPU"))


def stage_check(bench: Bench) -> None:
    cli_stage(bench, "check", ["check"], [])


def stage_due(bench: Bench) -> None:
    cli_stage(bench, "due", ["due", "--today", TODAY, "--format", "json"], ["--today", "--format"])


def stage_build(bench: Bench) -> None:
    """`coffeechat build` against `mkdocs build` of as many plain pages, same theme."""
    reason = probe("build", ["--site-dir"])
    if reason:
        bench.skip("build", reason)
        return
    journal = bench.build_journal()
    plain = write_plain_site(bench.work / "plain", journal)
    pages = sum(1 for _ in plain.glob("docs/*/*.md"))
    plain_cmd = [str(MKDOCS), "build", "-q", "-f", str(plain / "mkdocs.yml")]
    plain_cmd += ["-d", str(bench.work / "site-plain")]
    base, error = time_command(plain_cmd, bench.args.repeat)
    if error:
        bench.fail("plain mkdocs build", error)
        return
    bench.rows.append(Row(f"plain mkdocs build ({pages} pages)", base, "1.00x"))
    cmd = [str(COFFEECHAT), "--journal", str(journal), "build"]
    cmd += ["--site-dir", str(bench.work / "site-coffeechat")]
    seconds, error = time_command(cmd, bench.args.repeat)
    if error:
        bench.fail("build", error)
        return
    bench.judge("build", seconds, base, "plain", 1.3)


def stage_compare(bench: Bench) -> None:
    """What the comparison pages (and prep sheets) add to `coffeechat build`: the build journal
    with the plugin's default `compare: true`, against a twin with `compare: false` (the same
    files through symlinks). Runs alternate, so a busy machine slows both alike."""
    reason = probe("compare", []) or probe("build", ["--site-dir"])
    if reason:
        bench.skip("compare", reason)
        return
    journal = bench.build_journal()
    twin = bench.work / "build-journal-no-compare"
    if not twin.exists():
        twin.mkdir()
        for name in ("contacts", "notes", "docs"):
            (twin / name).symlink_to(journal / name, target_is_directory=True)
        config = (journal / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("  - coffeechat\n", "  - coffeechat:\n      compare: false\n")
        (twin / "mkdocs.yml").write_text(config, encoding="utf-8")
    best = {twin: float("inf"), journal: float("inf")}
    for _ in range(bench.args.repeat):
        for root in best:
            cmd = [str(COFFEECHAT), "--journal", str(root), "build"]
            cmd += ["--site-dir", str(bench.work / f"site-{root.name}")]
            seconds, error = time_command(cmd, 1)
            if error:
                bench.fail(f"build of {root.name}", error)
                return
            best[root] = min(best[root], seconds)
    bench.rows.append(Row("build, compare: false", best[twin], "1.00x"))
    bench.judge("compare (build with it)", best[journal], best[twin], "without", 1.15)


# ----------------------------------------------------------------- LinkedIn scale

EDIT_KINDS = ("note", "contact", "new note", "note", "contact")


def measured(cmd: list[str]) -> tuple[float, int, str | None]:
    """Wall time, peak memory (KiB, of the command alone: a fresh parent process measures it)
    and the error tail of `cmd`."""
    probe_code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
        "done.returncode); sys.stderr.write(done.stderr[-2000:])"
    )
    done = run([sys.executable, "-c", probe_code, *cmd])
    seconds, peak, code = done.stdout.split()
    error = None if code == "0" else f"exit {code}\n{tail(done.stderr)}"
    return float(seconds), int(peak), error


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return ""


def wait_for(url: str, marker: str, limit: float) -> float | None:
    """Seconds until the page at url contains marker (polled every 20 ms), or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if marker in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def linkedin_journal(bench: Bench) -> tuple[Path, float]:
    """A journal made the way a new user makes one: `import linkedin` of a 3,000-row export,
    then notes written by the bench; and the import's rows per second."""
    a = bench.args
    root = bench.work / "linkedin-journal"
    for sub in ("contacts", "notes", "docs"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(JOURNAL_CONFIG, encoding="utf-8")
    csv_file = write_connections(bench.work / "Connections.csv", a.linkedin_contacts, a.seed)
    start = time.perf_counter()
    done = run([str(COFFEECHAT), "--journal", str(root), "import", "linkedin", str(csv_file)])
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"import failed: {tail(done.stderr or done.stdout)}")
    slugs = sorted(path.stem for path in (root / "contacts").glob("*.md"))
    write_notes(root, random.Random(a.seed), slugs, a.linkedin_notes)
    return root, a.linkedin_contacts / seconds


def serve_latency(bench: Bench, journal: Path) -> list[float | None]:
    """Save -> visible over EDIT_KINDS: `coffeechat serve` runs, each edit writes a marker, and the
    edited page is polled until it shows it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "COFFEECHAT_TODAY": TODAY}
    cmd = [str(COFFEECHAT), "--journal", str(journal), "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if wait_for(base, "</html>", 600) is None:
            raise RuntimeError("coffeechat serve did not start within 600 s")
        notes = sorted((journal / "notes").glob("*.md"))
        contacts = sorted((journal / "contacts").glob("*.md"))
        times: list[float | None] = []
        for step, kind in enumerate(EDIT_KINDS, 1):
            time.sleep(1.0)  # let the previous rebuild settle, as between two saves
            marker = f"BENCHMARKER{step}X"
            if kind == "new note":
                slug = contacts[step].stem
                path = journal / "notes" / f"2026-05-31-{slug}-bench.md"
                text = f"---\ncontact: {slug}\ndate: 2026-05-31\n---\n\n## Notes\n\n{marker}\n"
                path.write_text(text, encoding="utf-8")
                page = f"notes/{path.stem}/"
            else:
                path = (notes if kind == "note" else contacts)[step * 7]
                body = path.read_text(encoding="utf-8")
                path.write_text(f"{body}\n{marker}\n", encoding="utf-8")
                page = f"{path.parent.name}/{path.stem}/"
            times.append(wait_for(base + page, marker, 120))
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)


def stage_linkedin(bench: Bench) -> None:
    """LinkedIn scale: cold build against plain MkDocs of as many pages, peak memory, site and
    search-index size, and serve's save -> visible latency (median of EDIT_KINDS)."""
    reason = probe("import", []) or probe("build", ["--site-dir"])
    if reason:
        bench.skip("linkedin", reason)
        return
    try:
        journal, per_second = linkedin_journal(bench)
    except RuntimeError as exc:
        bench.fail("linkedin import", str(exc))
        return
    bench.rows.append(Row(f"import linkedin ({bench.args.linkedin_contacts} rows)", None,
                          f"{per_second:,.0f} rows/s"))  # fmt: skip
    plain = write_plain_site(bench.work / "linkedin-plain", journal)
    pages = sum(1 for _ in plain.glob("docs/*/*.md"))
    base, _, error = measured([str(MKDOCS), "build", "-q", "-f", str(plain / "mkdocs.yml")])
    if error:
        bench.fail("linkedin plain mkdocs build", error)
        return
    bench.rows.append(Row(f"plain mkdocs build ({pages} pages)", base, "1.00x"))
    site = bench.work / "linkedin-site"
    cmd = [str(COFFEECHAT), "--journal", str(journal), "build", "--site-dir", str(site)]
    seconds, peak, error = measured(cmd)
    if error:
        bench.fail("linkedin build", error)
        return
    bench.judge("build (LinkedIn scale)", seconds, base, "plain", 1.3)
    index = site / "search" / "search_index.json"
    sizes = f"{folder_size(site) / 2**20:.1f} MB site, {index.stat().st_size / 2**20:.1f} MB index"
    bench.rows.append(Row("  peak memory, sizes", None, f"{peak / 1024:.0f} MB", sizes))
    try:
        times = serve_latency(bench, journal)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        bench.fail("serve latency", str(exc))
        return
    seen = [t for t in times if t is not None]
    shown = " ".join("-" if t is None else f"{t:.2f}" for t in times)
    if len(seen) < len(times):
        bench.fail("serve latency", f"an edit never showed: {shown}")
        return
    median = statistics.median(seen)
    verdict = "ok" if median <= 1.0 else "MISSED"
    bench.rows.append(Row("serve save->visible (median)", median, shown, "<= 1.0 s", verdict))


STAGES: dict[str, Callable[[Bench], None]] = {
    "check": stage_check,
    "due": stage_due,
    "build": stage_build,
    "compare": stage_compare,
    "linkedin": stage_linkedin,
}


# ----------------------------------------------------------------------------- cli


def stage_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in STAGES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown stage(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(STAGES)}"
        )
    return names


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--contacts", type=int, default=1000, metavar="N", help="contact files (default 1000)")
    add(
        "--notes",
        type=int,
        default=5000,
        metavar="M",
        help="note files in the journal for the floor, check and due (default 5000)",
    )
    add(
        "--build-notes",
        type=int,
        default=2000,
        metavar="M",
        help="note files in the second, smaller journal for the build stage (default 2000)",
    )
    add(
        "--repeat",
        type=int,
        default=3,
        metavar="R",
        help="runs per measurement; the best one counts (default 3)",
    )
    add(
        "--only",
        type=stage_list,
        default=list(STAGES),
        metavar="STAGES",
        help=f"comma-separated stages to run, from: {','.join(STAGES)} (default: all)",
    )
    add(
        "--linkedin-contacts",
        type=int,
        default=3000,
        metavar="N",
        help="rows of the Connections.csv the linkedin stage imports (default 3000)",
    )
    add(
        "--linkedin-notes",
        type=int,
        default=300,
        metavar="M",
        help="notes the linkedin stage writes about the imported contacts (default 300)",
    )
    add("--seed", type=int, default=1, help="random seed for the synthetic journal (default 1)")
    add(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write everything into DIR (must be empty or new) and keep it: DIR/journal, "
        "DIR/build-journal, DIR/plain and the built sites; default: a temp folder",
    )
    args = parser.parse_args(argv)
    if min(args.contacts, args.notes, args.build_notes, args.repeat) < 1:
        parser.error("--contacts, --notes, --build-notes and --repeat must be at least 1")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: folder exists and is not empty")
    return args


def print_table(bench: Bench) -> None:
    print(f"{'stage':<36} {'seconds':>8}  {'ratio':<14} {'target':<24} result")
    for row in bench.rows:
        seconds = "" if row.seconds is None else f"{row.seconds:.3f}"
        print(f"{row.label:<36} {seconds:>8}  {row.ratio:<14} {row.target:<24} {row.verdict}")
    for label, error in bench.failures:
        print(f"\nFAILED {label}: " + error.replace("\n", "\n    "))


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="coffeechat-bench-") as tmp:
        yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print(
        f"coffeechat bench: {args.contacts} contacts, {args.notes} notes "
        f"({args.build_notes} for build), seed {args.seed}, best of {args.repeat}"
    )
    with workdir(args.keep) as work:
        bench = Bench(args, work)
        for name in args.only:
            STAGES[name](bench)
        print_table(bench)
        if args.keep:
            print(f"\nkept in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
