"""The `coffeechat` command: a thin Click shell over the library; each docstring is its --help."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sys
import textwrap
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coffeechat.derive import followups
from coffeechat.derive.companies import duplicate_problems
from coffeechat.fields import DEFAULT_VCARD_SOURCE, EVENT_KINDS, LETTERS_FOLDER
from coffeechat.model import ERROR, WARNING, FollowUp, Journal, JournalError, Problem
from coffeechat.read import config
from coffeechat.read.journal import read_journal
from coffeechat.read.sections import fenced
from coffeechat.read.unwritten import unwritten
from coffeechat.slugs import slug_for_name
from coffeechat.textsafe import json_text, printable
from coffeechat.words import plural

# `check` and `due` must start fast (SPEC: within 2x of parsing the journal's front matter), so
# what only other commands need (jinja2 for letters, vobject, cryptography, the MkDocs runner, the
# writers) is imported inside those commands. These are leaf modules, not cycles being dodged.
if TYPE_CHECKING:
    from coffeechat import mkdocs_run as site
    from coffeechat.derive.compare import Answer
    from coffeechat.write import importers
    from coffeechat.write import protect as protection


class Context:
    def __init__(self, journal: Path) -> None:
        self.root = journal

    def require_journal(self) -> None:
        if not (self.root / "contacts").is_dir() and not (self.root / "notes").is_dir():
            raise click.ClickException(
                f"{self.root} is not a coffeechat journal (it has no contacts/ or notes/ folder); "
                "run `coffeechat init DIR` to create one, or pass --journal DIR"
            )

    def options(self) -> config.Options:
        try:
            return config.load_options(self.root)
        except JournalError as exc:
            raise click.ClickException(str(exc)) from None


pass_context = click.make_pass_decorator(Context)


def _color() -> bool | None:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return False if os.environ.get("NO_COLOR") else None


def _parse_date(value: str | None, with_time: bool = False) -> date | None:
    if value is None:
        return None
    for parse in (
        (date.fromisoformat, datetime.fromisoformat) if with_time else (date.fromisoformat,)
    ):
        try:
            return parse(value.strip())
        except ValueError:
            continue
    shape = "YYYY-MM-DD (or YYYY-MM-DDTHH:MM)" if with_time else "YYYY-MM-DD"
    raise click.BadParameter(f"“{value}” is not a date; write it as {shape}")


def _parse_day(_ctx: Any, _param: Any, value: str | None) -> date | None:
    return _parse_date(value)


def _parse_when(_ctx: Any, _param: Any, value: str | None) -> date | None:
    """YYYY-MM-DD, or YYYY-MM-DDTHH:MM when the time matters (a meeting)."""
    return _parse_date(value, with_time=True)


def _format_option(help_text: str) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


class _Main(click.Group):
    """Error messages quote the journal (a slug, a field, a file's line): printed to a terminal,
    they carry no control characters from it, whichever command raised them."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            # click declares `message` Final, but replacing it here is how every command's
            # message gets cleaned in one place (format_message and show read it later).
            exc.message = printable(exc.message)  # type: ignore[misc]
            raise


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--journal",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default="the current folder",
    help="The journal folder (the one holding mkdocs.yml, contacts/ and notes/).",
)
@click.version_option(package_name="coffeechat")
@click.pass_context
def main(ctx: click.Context, journal: Path) -> None:
    """Keep a journal of informational interviews in plain Markdown files.

    \b
    Examples:
      coffeechat init ~/career-journal
      coffeechat --journal ~/career-journal new contact "Ana Lucía Núñez" --field libraries
      coffeechat check
    """
    ctx.obj = Context(journal)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@_format_option("text: one problem per line, then a summary; json: a list of problems.")
@pass_context
def check(ctx: Context, files: tuple[Path, ...], output_format: str) -> None:
    """Check every contact and note, or only FILES, and say precisely what is wrong where.

    Prints one line per problem as `file:line: severity: message`, then a
    summary. Exits with 1 when there is any error (warnings alone exit 0).

    With FILES (paths as your shell or git sees them, inside the journal's
    contacts/ or notes/), only those files are read; the contacts a note names
    are still checked against every file in contacts/. This is what the
    pre-commit hook `coffeechat-check` runs on the staged files.

    \b
    Example:
      coffeechat check
      coffeechat --journal ~/career-journal check --format json
      coffeechat check notes/2026-11-05-ana-lucia-nunez.md
    """
    ctx.require_journal()
    only, problems = _chosen_files(ctx.root, files) if files else (None, [])
    journal, found = _read_with_problems(ctx, only)
    # Template text left in place (the clock is read here, as --today is for the site), and
    # one organisation under two names.
    extra = [*unwritten(journal, config.today_from(None)), *duplicate_problems(journal)]
    found += [p for p in extra if only is None or p.file in only]
    problems = sorted([*problems, *found], key=lambda p: p.sort_key)
    if output_format == "json":
        click.echo(json_text([p.as_dict() for p in problems]))
    else:
        for problem in problems:
            click.echo(_styled(problem), color=_color())
        click.echo(_summary(journal, problems, only))
    if any(p.severity == ERROR for p in problems):
        sys.exit(1)


def _chosen_files(root: Path, files: tuple[Path, ...]) -> tuple[frozenset[str], list[Problem]]:
    """FILES as paths inside the journal; names the journal ignores (`_draft.md`, not .md) are
    skipped as `check` skips them, and a file that is missing or outside is a problem."""
    base = os.path.abspath(root)
    chosen: set[str] = set()
    problems: list[Problem] = []
    for file in files:
        rel = Path(os.path.relpath(os.path.abspath(file), base)).as_posix()
        parts = rel.split("/")
        if parts[0] not in ("contacts", "notes") or len(parts) < 2:
            where = f"the contacts/ or notes/ folder of the journal {base}"
            problems.append(Problem(str(file), None, ERROR, f"is not in {where}"))
        elif any(p.startswith(("_", ".")) for p in parts[1:]) or not rel.endswith(".md"):
            continue
        elif not os.path.isfile(file):
            problems.append(Problem(rel, None, ERROR, "no such file"))
        else:
            chosen.add(rel)
    return frozenset(chosen), problems


def _read_with_problems(
    ctx: Context, only: frozenset[str] | None = None
) -> tuple[Journal, list[Problem]]:
    """Read the journal; a bad mkdocs.yml is one more problem, read with default options."""
    problems: list[Problem] = []
    try:
        options = config.load_options(ctx.root)
    except JournalError as exc:
        problems.append(Problem(exc.file or config.CONFIG_FILE, exc.line, ERROR, exc.message))
        options = config.Options()
    journal = read_journal(ctx.root, options.bank, only=only)
    problems.extend(journal.problems)
    # The build warns about a broken letters/ template (and --strict fails on it): so does check.
    # Without a letters/ folder there is nothing to warn about, and jinja2 stays unimported.
    if (ctx.root / LETTERS_FOLDER).is_dir():
        from coffeechat.derive import letters

        problems.extend(letters.load(ctx.root, options)[1])
    return journal, sorted(problems, key=lambda p: p.sort_key)


def _styled(problem: Problem) -> str:
    colour = "red" if problem.severity == ERROR else "yellow"
    text = printable(problem.as_text())
    where, _, rest = text.partition(f" {problem.severity}:")
    return f"{where} {click.style(problem.severity + ':', fg=colour, bold=True)}{rest}"


def _summary(journal: Journal, problems: list[Problem], only: frozenset[str] | None = None) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    read = (
        f"{plural(len(journal.contact_files), 'contact')} and {plural(journal.note_files, 'note')}"
    )
    if only is not None:
        read = plural(len(only), "file")
    if not problems:
        return f"No problems in {read}."
    return f"{plural(errors, 'error')} and {plural(warnings, 'warning')} in {read}."


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--title", default="My career conversations", show_default=True, help="The site's title."
)
def init(folder: Path, title: str) -> None:
    """Create a new, empty journal in FOLDER (which must not exist or be empty).

    It holds mkdocs.yml (the site and its follow-up options), empty contacts/
    and notes/ folders, pages/ for your own pages, a .gitignore, and the editor
    files that `coffeechat editors` refreshes (frontmatter.json,
    .obsidian/types.json, schema/*.schema.json).

    \b
    Example:
      coffeechat init ~/career-journal && cd ~/career-journal && git init
    """
    try:
        from coffeechat.write import edits

        created = edits.init_journal(folder, title)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    for path in created:
        click.echo(f"created {path}")
    click.echo(f'Next: cd {folder} and run `coffeechat new contact "Full Name"`.')


@main.group()
def new() -> None:
    """Create a contact or a note from a template (never overwrites a file).

    \b
    Examples:
      coffeechat new contact "Ana Lucía Núñez" --company "Enoch Pratt Free Library"
      coffeechat new note ana-lucia-nunez --date 2026-11-20
    """


@new.command("contact")
@click.argument("name")
@click.option("--company", help="Where they work.")
@click.option("--role", help="Their job title.")
@click.option("--field", "field_", help="Their career field, e.g. librarianship.")
@click.option("--location", help="Where they are.")
@click.option(
    "--source", help="How you found them: alumni, linkedin, family, faculty, referral, ..."
)
@click.option("--referred-by", help="Slug of the contact who suggested them, or a name.")
@click.option("--slug", help="The file name to use instead of one made from NAME.")
@pass_context
def new_contact(
    ctx: Context, /, name: str, slug: str | None, field_: str | None, **details: str | None
) -> None:
    """Create contacts/<slug>.md for NAME and print its path.

    The file name comes from the name: "Ana Lucía Núñez" becomes
    contacts/ana-lucia-nunez.md. Refer to the contact by that slug in notes.

    \b
    Example:
      coffeechat new contact "Ana Lucía Núñez" --company "Enoch Pratt Free Library" \\
          --role "Teen services librarian" --field librarianship --source faculty
    """
    ctx.require_journal()
    details["field"] = field_
    try:
        from coffeechat.write import edits

        path = edits.new_contact(ctx.root, name, details, slug)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        printable(path.relative_to(ctx.root).as_posix() if path.is_relative_to(ctx.root) else path)
    )


@new.command("note")
@click.argument("contacts", nargs=-1, required=True)
@click.option(
    "--date",
    "when",
    callback=_parse_day,
    help="The day of the conversation, YYYY-MM-DD.  [default: today]",
)
@pass_context
def new_note(ctx: Context, contacts: tuple[str, ...], when: date | None) -> None:
    """Create a note for a conversation with CONTACTS (one slug, or several for a group).

    The note starts with good questions to ask and the five reflection
    prompts to answer afterwards; delete what you don't use.

    \b
    Example:
      coffeechat new note ana-lucia-nunez --date 2026-11-20
    """
    ctx.require_journal()
    try:
        day = when or config.today_from(None)
        from coffeechat.write import edits

        path = edits.new_note(ctx.root, list(contacts), day)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        printable(path.relative_to(ctx.root).as_posix() if path.is_relative_to(ctx.root) else path)
    )


def _site_options(func: Any) -> Any:
    func = click.option(
        "--today",
        help="Take this day (YYYY-MM-DD) as today for follow-ups and upcoming meetings.",
        callback=_parse_day,
    )(func)
    return _public(func)


_contact_details = click.option(
    "--public-contact-details",
    "contact_details",
    is_flag=True,
    help="With --public, keep e-mail, phone and letter drafts (option public_contact_details).",
)


def _run(today: date | None, public: bool, contact_details: bool) -> site.RunSettings:
    """--today (else $COFFEECHAT_TODAY, else the clock), read here once and handed down."""
    from coffeechat import mkdocs_run as site

    pinned = today is not None or config.today_is_pinned(None)
    return site.RunSettings(today or config.today_from(None), public, contact_details, pinned)


def _public(func: Any) -> Any:
    """--public and --public-contact-details: build, serve and every export take the same two."""
    func = _contact_details(func)
    return click.option(
        "--public",
        is_flag=True,
        help="Leave out private contacts, everything that names them, and contact details.",
    )(func)


@main.command()
@click.option("--strict", is_flag=True, help="Fail when any file has a problem (or any warning).")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site.  [default: site/ in the journal]",
)
@click.option(
    "--protect",
    is_flag=True,
    help="Encrypt every page, the search index and the calendar feed with a password, for any "
    "static host. The password is asked for, or read from $COFFEECHAT_PASSWORD or --password-file.",
)
@click.option(
    "--password-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --protect, read the password from this file's first line.",
)
@_site_options
@pass_context
def build(
    ctx: Context,
    strict: bool,
    site_dir: Path | None,
    protect: bool,
    password_file: Path | None,
    today: date | None,
    public: bool,
    contact_details: bool,
) -> None:
    """Build the journal's static site (dashboard, follow-ups, contacts, notes).

    Problems in files are printed as warnings and the rest of the journal is
    still built; with --strict any problem makes the build fail.

    \b
    Examples:
      coffeechat build
      coffeechat --journal ~/career-journal build --strict --today 2026-11-20
      coffeechat build --protect --public --site-dir ~/counsellor-site
    """
    ctx.require_journal()
    password = _password(protect, password_file)
    run = _run(today, public, contact_details)
    try:
        from coffeechat import mkdocs_run as site

        target = site.build(ctx.root, run, site_dir=site_dir, strict=strict, password=password)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Built the site in {target}; open {target / 'index.html'} in a browser.")
    if password is not None:
        click.echo("Every page is encrypted: the folder can go on any static host (see README).")


def _password(protect: bool, password_file: Path | None) -> protection.Password | None:
    """--protect's password: from --password-file, $COFFEECHAT_PASSWORD or a prompt; never an
    argument (it would stay in the shell's history) nor mkdocs.yml (it is committed)."""
    from coffeechat.write import protect as protection

    if not protect:
        if password_file is not None:
            raise click.UsageError("--password-file is only used with --protect")
        return None
    try:
        found = protection.password_from(password_file, os.environ)
        if found is not None:
            return found
        try:
            typed = click.prompt(
                "Password for the protected site", hide_input=True, confirmation_prompt=True
            )
        except click.Abort:
            raise click.ClickException(
                "--protect needs a password: type it at the prompt, set "
                f"{protection.PASSWORD_ENV} or use --password-file"
            ) from None
        return protection.checked_password(typed, "the password")
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
@_site_options
@pass_context
def serve(
    ctx: Context,
    dev_addr: str,
    open_browser: bool,
    today: date | None,
    public: bool,
    contact_details: bool,
) -> None:
    """Preview the site; edits to contacts/ or notes/ show up in the browser.

    Runs until you press Ctrl+C. Nothing is written into the journal.

    \b
    Example:
      coffeechat --journal ~/career-journal serve --open
    """
    ctx.require_journal()
    run = _run(today, public, contact_details)
    try:
        from coffeechat import mkdocs_run as site

        site.serve(ctx.root, run, dev_addr=dev_addr, open_browser=open_browser)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None


# -- follow-ups: `due` and `log` --------------------------------------------------------------


_BUCKET_TITLES = {
    "overdue": ("Overdue", "red"),
    "today": ("Today", "yellow"),
    "this week": ("This week", "cyan"),
    "later": ("Later", None),
    "open": ("Open tasks without a date", None),
}


@main.command("due")
@_format_option("text: grouped by bucket, one line each; json: a list of follow-ups.")
@click.option(
    "--today",
    help="Take this day (YYYY-MM-DD) as today.  [default: $COFFEECHAT_TODAY, else the date]",
)
@click.option("--kind", type=click.Choice(followups.KINDS), help="Only follow-ups of this kind.")
@click.option("--contact", "slug", help="Only follow-ups about this contact (its slug).")
@click.option(
    "--width",
    type=click.IntRange(min=0),
    help="Cut each line at this many columns; 0 prints every reason in full.  "
    "[default: the terminal's width; in full when piped]",
)
@pass_context
def due_command(
    ctx: Context,
    output_format: str,
    today: str | None,
    kind: str | None,
    slug: str | None,
    width: int | None,
) -> None:
    """List what you owe whom: thank-yous, nudges, meeting prep, keep-in-touch, tasks, and
    telling a referrer how the conversation they set up went.

    Grouped as overdue, today, this week (the next 7 days), later, and open
    tasks without a date. Problems in files are printed on stderr, one line
    each; the exit code is 0 whether or not anything is due.

    \b
    Examples:
      coffeechat due
      coffeechat due --kind thank-you --today 2026-11-21
      coffeechat due --contact nadia-haddad --format json
      coffeechat due --width 0 | less
    """
    ctx.require_journal()
    options = ctx.options()
    try:
        day = config.today_from(today)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    journal = read_journal(ctx.root, options.bank)
    for problem in journal.problems:
        click.echo(printable(problem.as_text()), err=True)
    if slug is not None and slug not in journal.contact_files:
        names = {s: c.name for s, c in journal.contacts.items()}
        close = slug_for_name(slug, names)
        hint = f"; did you mean “{close}”?" if close else ""
        raise click.BadParameter(
            f"there is no contact “{slug}” in contacts/{hint}", param_hint="--contact"
        )
    items = [
        item
        for item in followups.collect(journal, options, day)
        if (kind is None or item.kind == kind) and (slug is None or item.contact == slug)
    ]
    if output_format == "json":
        click.echo(json_text([i.as_dict() for i in items]))
        return
    if not items:
        click.echo("Nothing is due.")
        return
    width = _due_width() if width is None else width
    dates = {i: _due_when(i, day) for i in items}
    first = True
    for bucket, (title, colour) in _BUCKET_TITLES.items():
        found = [i for i in items if i.bucket == bucket]
        if not found:
            continue
        date_width = max(len(dates[i]) for i in found)  # each bucket is a small table
        kind_width = max(len(i.kind) for i in found)
        if not first:
            click.echo("")
        first = False
        click.echo(click.style(f"{title} ({len(found)})", fg=colour, bold=True), color=_color())
        for item in found:
            head = f"  {dates[item]:<{date_width}}  {item.kind:<{kind_width}}  "
            text = printable(followups.headline(item))
            if width:  # 0: in full, for a pipe or a wide pager
                text = _clip(text, max(20, width - len(head)))
            click.echo(click.style(head, fg=colour) + text, color=_color())


def _due_width() -> int:
    """The terminal's width (at least 60 columns, so a reason keeps a few words), or 0 (in
    full) when the output is piped or redirected: a file or `grep` wants the whole reason."""
    if sys.stdout.isatty():
        return max(60, shutil.get_terminal_size((80, 24)).columns)
    return 0


def _due_when(item: FollowUp, today: date) -> str:
    return followups.day_text(item.due, today) if item.due else "no date"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


@main.command("log")
@click.argument("contact")
@click.argument("event", type=click.Choice(EVENT_KINDS), metavar="EVENT")
@click.option(
    "--channel", help="How: email, letter, phone, linkedin, text, in-person, or your own words."
)
@click.option(
    "--date",
    "when",
    callback=_parse_when,
    help="When it happened, YYYY-MM-DD or YYYY-MM-DDTHH:MM.  [default: today]",
)
@click.option(
    "--meeting",
    callback=_parse_when,
    help="With `scheduled`: when the conversation will be, YYYY-MM-DD or YYYY-MM-DDTHH:MM.",
)
@click.option("--note", help='Anything else, e.g. "left a message with her assistant".')
@pass_context
def log_command(
    ctx: Context,
    contact: str,
    event: str,
    channel: str | None,
    when: date | None,
    meeting: date | None,
    note: str | None,
) -> None:
    """Record what happened with CONTACT: add an EVENT to contacts/CONTACT.md.

    EVENT is one of sent, reply, call, voicemail, no-answer, scheduled,
    declined, snafu, thank-you, update. Only the new lines are added to the
    file's `outreach` list; everything else in it stays byte for byte. A
    request you send again (by any channel) is another `sent`.

    \b
    Examples:
      coffeechat log nadia-haddad sent --channel email
      coffeechat log grace-whitaker scheduled --meeting 2026-12-03T08:00 --note "Coffee in Towson"
      coffeechat log luis-ferreira thank-you --channel letter
    """
    ctx.require_journal()
    try:
        day = when or config.today_from(None)
        from coffeechat.write import edits

        path = edits.log_event(ctx.root, contact, event, day, channel, meeting, note)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    shown = path.relative_to(ctx.root).as_posix() if path.is_relative_to(ctx.root) else path
    how = f" ({channel.strip()})" if channel and channel.strip() else ""
    meets = f", meeting on {meeting.isoformat()}" if meeting else ""
    click.echo(printable(f"{shown}: recorded {event}{how} on {day.isoformat()}{meets}"))


# -- comparison: `compare` ------------------------------------------------------------------------


@main.command("compare")
@click.argument("key")
@click.option(
    "--field",
    "field_",
    help="Only answers from people in this field (e.g. librarianship; a prefix is enough).",
)
@_format_option(
    "text: each answer under who said it, wrapped to 80 columns; json: a list of answers."
)
@pass_context
def compare_command(ctx: Context, key: str, field_: str | None, output_format: str) -> None:
    """Print what everyone said about one question, oldest conversation first.

    KEY is a section key (`typical-week`, or an id you gave a heading with
    `{#...}`), or a question's text or heading as you wrote it. The same
    answers are on the site at /compare/KEY/. JSON is a list of
    {note, contacts, date, field, company, heading, answer}.

    \b
    Examples:
      coffeechat compare typical-week
      coffeechat compare "What is a typical week like?" --field librarianship
      coffeechat compare overtime --format json
    """
    ctx.require_journal()
    options = ctx.options()
    journal = read_journal(ctx.root, options.bank)
    from coffeechat.derive.compare import compare

    comparison = compare(journal, options.bank)
    resolved = comparison.resolve(key)
    if resolved is None:
        close = comparison.close_keys(key)
        if close:
            hint = "close keys: " + ", ".join(close)
        else:
            shared = [k.key for k in comparison.shared()][:12]
            hint = "keys in two or more notes: " + (", ".join(shared) or "none yet")
        raise click.ClickException(f"no section has the key “{key}”; {hint}")
    found = comparison.answered(resolved)
    answers = found.answers if found else ()
    if field_ is not None and found is not None:
        answers = found.in_field(field_)
        if not answers:
            fields = sorted({f for a in found.answers for f in a.who.fields}, key=str.lower)
            raise click.ClickException(
                f"nobody in the field “{field_}” answered “{resolved}”; fields with answers: "
                + (", ".join(fields) or "none (no contact has a `field`)")
            )
    if output_format == "json":
        click.echo(json_text([a.as_dict() for a in answers]))
        return
    title = found.title if found else _question_text(options, resolved)
    if not answers:
        click.echo(printable(f"Nobody has answered “{title}” ({resolved}) yet."))
        return
    click.echo(click.style(printable(f"{title} ({resolved})"), bold=True), color=_color())
    click.echo(f"{plural(len(answers), 'answer')}, oldest first.")
    for answer in answers:
        click.echo("")
        click.echo(click.style(printable(_compare_head(answer)), bold=True), color=_color())
        click.echo(printable(wrap_answer(answer.section.text)))


def _question_text(options: config.Options, key: str) -> str:
    return next((q.text for q in options.bank.questions if q.id == key), key)


def _compare_head(answer: Answer) -> str:
    names = " & ".join(p.name for p in answer.who.people)
    parts = [names, *answer.who.companies, answer.note.day.isoformat()]
    return " · ".join(parts)


_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")


def wrap_answer(text: str, width: int = 80, indent: str = "  ") -> str:
    """An answer's Markdown for the terminal: paragraphs and list items wrapped to `width`,
    code blocks, tables and headings left as they are."""
    out: list[str] = []
    words: list[str] = []
    first, rest = indent, indent

    def flush() -> None:
        if words:
            out.append(
                textwrap.fill(
                    " ".join(words),
                    width,
                    initial_indent=first,
                    subsequent_indent=rest,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
            words.clear()

    for line, code in fenced(text.strip("\n").split("\n")):
        if code:
            flush()
            out.append(indent + line)
            continue
        item = _LIST_ITEM.match(line)
        if not line.strip():
            flush()
            out.append("")
        elif item:
            flush()
            lead, marker, body = item.groups()
            first = indent + lead + marker + " "
            rest = indent + lead + " " * (len(marker) + 1)
            words.extend(body.split())
        elif line.lstrip().startswith(("|", "#", ">")) or (line.startswith("    ") and not words):
            flush()
            out.append(indent + line)
        else:
            if not words:
                first = rest = indent
            words.extend(line.split())
    flush()
    return "\n".join(out)


# -- import and export ----------------------------------------------------------------------------

_PROGRESS_FROM = 200  # entries; a smaller file is done before a bar would be drawn


@main.group("import")
def import_group() -> None:
    """Create contacts from LinkedIn's Connections.csv or a vCard file.

    Never overwrites: a person already in contacts/ (same file name, e-mail
    or name) is skipped and named, so importing the same file again creates
    nothing new. A row or card that cannot be read is reported with its line
    number and skipped. Ends with a summary line.

    \b
    Examples:
      coffeechat import linkedin ~/Downloads/Connections.csv --dry-run
      coffeechat import vcard ~/Downloads/contacts.vcf --source alumni
    """


_import_file = click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE"
)
_dry_run = click.option("--dry-run", is_flag=True, help="Show what would happen; write nothing.")


@import_group.command("linkedin")
@_import_file
@click.option(
    "--match",
    "match",
    multiple=True,
    metavar="TEXT",
    help="Only connections whose company or position contains TEXT (case and accents aside); "
    "repeat it for several.",
)
@click.option(
    "--since",
    callback=_parse_day,
    metavar="DATE",
    help="Only connections made on DATE (YYYY-MM-DD) or later (LinkedIn's Connected On).",
)
@_dry_run
@pass_context
def import_linkedin(
    ctx: Context, path: Path, match: tuple[str, ...], since: date | None, dry_run: bool
) -> None:
    """Create a contact (source: linkedin) for each connection in LinkedIn's CSV FILE.

    Get the file from LinkedIn: Settings, Data privacy, Get a copy of your
    data, Connections. It has the name, profile URL, company and position of
    each connection, and the e-mail of those who share it; the day you
    connected is kept as `connected_on`.

    \b
    With --match and --since, only the connections that fit are imported
    (a --match finds any of its texts); the summary says how many were left
    out.

    \b
    Examples:
      coffeechat import linkedin ~/Downloads/Connections.csv --dry-run
      coffeechat import linkedin Connections.csv --match library --match archiv --since 2025-01-01
    """
    from coffeechat.write import importers

    try:
        selection = importers.Selection(match, since)
    except JournalError as exc:
        raise click.BadParameter(exc.message, param_hint="--match") from None
    _import(ctx, path, importers.read_linkedin, "linkedin", dry_run, selection)


@import_group.command("vcard")
@_import_file
@click.option(
    "--source",
    default=DEFAULT_VCARD_SOURCE,
    show_default=True,
    help="The new contacts' `source`: how you know them (alumni, family, friend, ...).",
)
@_dry_run
@pass_context
def import_vcard(ctx: Context, path: Path, source: str, dry_run: bool) -> None:
    """Create a contact for each card in a vCard FILE (.vcf, vCard 2.1, 3.0 or 4.0).

    Reads exports from Google Contacts, Apple Contacts and Outlook: name,
    the preferred (else work, else first) e-mail and phone, company, title,
    city, LinkedIn and web addresses. Photos are left out.

    \b
    Example:
      coffeechat import vcard ~/Downloads/contacts.vcf --source family --dry-run
    """
    if not source.strip():
        raise click.BadParameter(
            "give how you know these people, e.g. family", param_hint="--source"
        )
    from coffeechat.write import importers

    _import(ctx, path, importers.read_vcards, source.strip(), dry_run)


def _import(
    ctx: Context,
    path: Path,
    read: Callable[[str], importers.Parsed],
    source: str,
    dry_run: bool,
    selection: importers.Selection | None = None,
) -> None:
    ctx.require_journal()
    try:
        from coffeechat.write import importers, writer

        parsed = read(importers.decode(path.read_bytes(), path.name))
    except JournalError as exc:
        where = exc.file or path.name
        raise click.ClickException(str(JournalError(exc.message, where, exc.line))) from None
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read the file: {exc.strerror}") from None
    parsed, left_out = selection.apply(parsed) if selection else (parsed, 0)
    started = time.perf_counter()
    outcomes = importers.plan(ctx.root, parsed)
    if not dry_run:
        done: list[importers.Outcome] = []
        try:
            with _progress(outcomes, "Creating contacts") as entries:
                for o in entries:
                    done.append(
                        importers.create(ctx.root, o, source) if o.action == importers.CREATE else o
                    )
        except writer.FileSystemError as exc:
            for outcome in done:
                click.echo(_import_line(outcome, path.name, dry_run))
            click.echo(importers.summary(done, parsed.unit, dry_run, left_out))
            line = outcomes[len(done)].line
            raise click.ClickException(
                f"{exc}; the import stopped at {path.name}:{line} (run it again when this is "
                "fixed: the contacts created so far are skipped)"
            ) from None
        outcomes = done
    for outcome in outcomes:
        click.echo(printable(_import_line(outcome, path.name, dry_run)))
    click.echo(importers.summary(outcomes, parsed.unit, dry_run, left_out))
    _rate(len(outcomes), parsed.unit, time.perf_counter() - started)


def _rate(entries: int, unit: str, seconds: float) -> None:
    """How fast a large import went, on stderr (the summary on stdout stays the same each run)."""
    if entries >= _PROGRESS_FROM:
        per_second = entries / max(seconds, 1e-6)
        click.echo(f"{entries} {unit}s in {seconds:.1f} s ({per_second:,.0f} {unit}s/s)", err=True)


def _progress(items: list[importers.Outcome], label: str) -> Any:
    """A bar on stderr for a large file, only on a terminal (never in a pipe or a log)."""
    if len(items) >= _PROGRESS_FROM and sys.stderr.isatty():
        return click.progressbar(items, label=label, file=sys.stderr)
    return contextlib.nullcontext(items)


def _import_line(outcome: importers.Outcome, file: str, dry_run: bool) -> str:
    from coffeechat.write import importers

    if outcome.action == importers.CREATE:
        return f"{'would create' if dry_run else 'created'} contacts/{outcome.slug}.md"
    if outcome.action == importers.DUPLICATE:
        return f"skipped {outcome.name}: {outcome.reason}"
    return f"{file}:{outcome.line}: skipped: {outcome.reason}"


@main.group("export")
def export_group() -> None:
    """Write contacts or notes out as CSV, contacts as vCard, or the whole site as
    plain Markdown for any engine, so nothing locks you in.

    csv and vcard print to standard output, or write a new file with -o (an
    existing file is never overwritten). Problems in journal files are printed
    on stderr.

    \b
    Examples:
      coffeechat export csv -o contacts.csv
      coffeechat export csv --notes > notes.csv
      coffeechat export vcard -o contacts.vcf
      coffeechat export markdown ../journal-markdown
    """


_output = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this new file (never overwritten) instead of printing.",
)


@export_group.command("csv")
@click.option("--notes", is_flag=True, help="One row per note instead of one per contact.")
@click.option(
    "--today",
    callback=_parse_day,
    help="Take this day (YYYY-MM-DD) as today for each contact's stage.  [default: today]",
)
@_output
@_public
@pass_context
def export_csv(
    ctx: Context,
    notes: bool,
    today: date | None,
    output: Path | None,
    public: bool,
    contact_details: bool,
) -> None:
    """Export the contacts (or, with --notes, the notes) as CSV for a spreadsheet.

    \b
    Contacts: slug, name, company, role, field, location, email, phone,
      linkedin, website, source, referred_by, tags, status, stage,
      last_interaction.
    Notes: note, date, contacts, format, duration, tags, thank_you.
    Lists (tags, a group note's contacts) are joined with "; ".

    \b
    Examples:
      coffeechat export csv -o contacts.csv
      coffeechat export csv --notes --public > notes.csv
    """
    journal, options = _export_journal(ctx, public, contact_details)
    from coffeechat.derive.derived import derive
    from coffeechat.write import exporters

    if notes:
        _emit(exporters.notes_csv(journal), output, plural(len(journal.notes), "note"))
        return
    day = today or config.today_from(None)
    views = derive(journal, options, day).contacts
    _emit(exporters.contacts_csv(views), output, plural(len(views), "contact"))


@export_group.command("vcard")
@_output
@_public
@pass_context
def export_vcard(ctx: Context, output: Path | None, public: bool, contact_details: bool) -> None:
    """Export the contacts as vCard 3.0, for any address book (Apple, Google, Outlook).

    Each card has the name, e-mail, phone, company, role, LinkedIn and web
    addresses, tags as categories, and field, location and source in its note.

    \b
    Example:
      coffeechat export vcard -o contacts.vcf
    """
    journal, _ = _export_journal(ctx, public, contact_details)
    from coffeechat.write import exporters

    _emit(exporters.vcards(journal), output, plural(len(journal.contacts), "contact"))


@export_group.command("markdown")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@_site_options
@pass_context
def export_markdown_command(
    ctx: Context, folder: Path, today: date | None, public: bool, contact_details: bool
) -> None:
    """Write the whole site as plain Markdown into FOLDER, for any engine.

    FOLDER gets docs/ (every page coffeechat makes, your own pages, the
    stylesheet and scripts, follow-ups.ics) and an mkdocs.yml without the
    coffeechat plugin, so MkDocs, ProperDocs or another engine that reads
    mkdocs.yml builds the journal's site without running Python plugins.
    FOLDER must be new, empty, or an earlier export (which is replaced);
    it can never be inside contacts/, notes/ or your pages folder.

    \b
    Example:
      coffeechat export markdown ~/journal-markdown
      cd ~/journal-markdown && mkdocs build
    """
    ctx.require_journal()
    run = _run(today, public, contact_details)
    from coffeechat import export_markdown

    try:
        done = export_markdown.export(
            ctx.root, folder, run.today, run.public, run.contact_details, run.today_pinned
        )
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    for problem in done.problems:
        click.echo(printable(problem.as_text()), err=True)
    for path, why in done.left_out:
        click.echo(printable(f"public export: left out {path} ({why})"), err=True)
    removed = f", removed {plural(done.removed, 'old file')}" if done.removed else ""
    click.echo(
        printable(
            f"exported {plural(done.written, 'file')} to {folder}{removed}; "
            f"build it with `mkdocs build -f {folder / 'mkdocs.yml'}`"
        )
    )


def _export_journal(
    ctx: Context, public: bool, contact_details: bool
) -> tuple[Journal, config.Options]:
    """The journal to export; with --public, as a public build shows it (the same rules)."""
    ctx.require_journal()
    options = ctx.options()
    journal = read_journal(ctx.root, options.bank)
    for problem in journal.problems:
        click.echo(printable(problem.as_text()), err=True)
    if not public:
        return journal, options
    from coffeechat.derive.public import public_journal

    shown = public_journal(journal, contact_details or options.public_contact_details)
    for path, why in shown.left_out:
        click.echo(printable(f"public export: left out {path} ({why})"), err=True)
    return shown.journal, options


def _drop_stdout() -> None:
    """Send what is still buffered nowhere, so Python's exit does not fail on it again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _emit(text: str, output: Path | None, what: str) -> None:
    from coffeechat.write import writer

    if output is None:
        try:
            click.echo(text, nl=False)
            sys.stdout.flush()
        except OSError as exc:  # `> file` on a full disk; a closed pipe (`| head`) is no error
            _drop_stdout()
            if exc.errno == errno.EPIPE:
                sys.exit(1)
            raise click.ClickException(
                f"cannot write the export to standard output: {writer.reason(exc)}"
            ) from None
        return
    try:
        writer.create(output, text, str(output))
    except JournalError as exc:  # exists already, the disk is full, ...
        raise click.ClickException(str(exc)) from None
    click.echo(f"exported {what} to {output}")


if __name__ == "__main__":  # pragma: no cover
    main()


@main.command("schema")
@click.argument("kind", type=click.Choice(("contact", "note")))
def schema_command(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of a contact's or a note's front matter.

    Types, fixed choices (`event`, `status`, `keep_in_touch`…), required keys,
    descriptions and examples, generated from the same field table `check`
    uses. Keys of your own are allowed. Dates are `YYYY-MM-DD` text, as YAML
    validators hand them over.

    \b
    Example:
      coffeechat schema contact > contact.schema.json
      check-jsonschema --schemafile contact.schema.json data.json
    """
    from coffeechat.read import schema  # only this command needs it

    click.echo(schema.dumps(schema.build(kind)), nl=False)


@main.command("editors")
@pass_context
def editors_command(ctx: Context) -> None:
    """Write or refresh the editor files that give field help in front matter.

    \b
      frontmatter.json          Front Matter CMS (VS Code): contact and note
                                content types, choices, required keys
      .obsidian/types.json      Obsidian property types (text, date, tags…)
      schema/contact.schema.json, schema/note.schema.json
                                JSON Schema, for check-jsonschema and scripts

    Only these four files are written, each atomically; nothing in contacts/,
    notes/ or pages/ is touched. Entries of your own in frontmatter.json and
    types.json are kept; coffeechat's own entries are replaced.

    \b
    Example:
      coffeechat editors && git add frontmatter.json .obsidian/types.json schema
    """
    from coffeechat.write import editor_files as editors  # only this command needs it

    ctx.require_journal()
    try:
        done = editors.write(ctx.root, refresh=True)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    for name, what in done:
        click.echo(f"{what}: {name}")
