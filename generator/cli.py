"""The `coffeechat` command: a thin Click shell over the library; each docstring is its --help."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import config, edits, site
from .model import ERROR, WARNING, Journal, JournalError, Problem
from .reader import read_journal


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


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _parse_day(_ctx: Any, _param: Any, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"“{value}” is not a date; write it as YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one problem per line, then a summary; json: a list of problems.",
)
@pass_context
def check(ctx: Context, output_format: str) -> None:
    """Check every contact and note, and say precisely what is wrong where.

    Prints one line per problem as `file:line: severity: message`, then a
    summary. Exits with 1 when there is any error (warnings alone exit 0).

    \b
    Example:
      coffeechat check
      coffeechat --journal ~/career-journal check --format json
    """
    ctx.require_journal()
    journal, problems = _read_with_problems(ctx)
    if output_format == "json":
        click.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(_styled(problem), color=_color())
        click.echo(_summary(journal, problems))
    if any(p.severity == ERROR for p in problems):
        sys.exit(1)


def _read_with_problems(ctx: Context) -> tuple[Journal, list[Problem]]:
    """Read the journal; a bad mkdocs.yml is one more problem, read with default options."""
    problems: list[Problem] = []
    try:
        options = config.load_options(ctx.root)
    except JournalError as exc:
        problems.append(Problem(exc.file or config.CONFIG_FILE, exc.line, ERROR, exc.message))
        options = config.Options()
    journal = read_journal(ctx.root, options.bank)
    problems.extend(journal.problems)
    return journal, sorted(problems, key=lambda p: p.sort_key)


def _styled(problem: Problem) -> str:
    colour = "red" if problem.severity == ERROR else "yellow"
    text = problem.as_text()
    where, _, rest = text.partition(f" {problem.severity}:")
    return f"{where} {click.style(problem.severity + ':', fg=colour, bold=True)}{rest}"


def _summary(journal: Journal, problems: list[Problem]) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    read = f"{_plural(len(journal.contact_files), 'contact')} and {_plural(_note_files(journal), 'note')}"
    if not problems:
        return f"No problems in {read}."
    return f"{_plural(errors, 'error')} and {_plural(warnings, 'warning')} in {read}."


def _note_files(journal: Journal) -> int:
    from .reader import journal_files

    return len(journal_files(journal.root, "notes"))


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--title", default="My career conversations", show_default=True, help="The site's title."
)
def init(folder: Path, title: str) -> None:
    """Create a new, empty journal in FOLDER (which must not exist or be empty).

    It holds mkdocs.yml (the site and its follow-up options), empty contacts/
    and notes/ folders, pages/ for your own pages, and a .gitignore.

    \b
    Example:
      coffeechat init ~/career-journal && cd ~/career-journal && git init
    """
    try:
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
    ctx: Context, name: str, slug: str | None, field_: str | None, **details: str | None
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
        path = edits.new_contact(ctx.root, name, details, slug)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(path.relative_to(ctx.root).as_posix() if path.is_relative_to(ctx.root) else path)


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
        path = edits.new_note(ctx.root, list(contacts), day)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(path.relative_to(ctx.root).as_posix() if path.is_relative_to(ctx.root) else path)


def _site_options(func: Any) -> Any:
    func = click.option(
        "--today",
        help="Take this day (YYYY-MM-DD) as today for follow-ups and upcoming meetings.",
        callback=_parse_day,
    )(func)
    return click.option(
        "--public",
        is_flag=True,
        help="Leave out contacts marked `private: true` and every note about them.",
    )(func)


def _site_environment(today: date | None, public: bool) -> None:
    """The plugin reads these at every (re)build, so they reach `serve` rebuilds too."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    if today is not None:
        os.environ["COFFEECHAT_TODAY"] = today.isoformat()
    if public:
        os.environ["COFFEECHAT_PUBLIC"] = "1"


@main.command()
@click.option("--strict", is_flag=True, help="Fail when any file has a problem (or any warning).")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site.  [default: site/ in the journal]",
)
@_site_options
@pass_context
def build(
    ctx: Context, strict: bool, site_dir: Path | None, today: date | None, public: bool
) -> None:
    """Build the journal's static site (dashboard, follow-ups, contacts, notes).

    Problems in files are printed as warnings and the rest of the journal is
    still built; with --strict any problem makes the build fail.

    \b
    Examples:
      coffeechat build
      coffeechat --journal ~/career-journal build --strict --today 2026-11-20
    """
    ctx.require_journal()
    _site_environment(today, public)
    try:
        target = site.build(ctx.root, site_dir=site_dir, strict=strict)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Built the site in {target}; open {target / 'index.html'} in a browser.")


@main.command()
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@click.option("--open", "open_browser", is_flag=True, help="Open the site in the default browser.")
@_site_options
@pass_context
def serve(
    ctx: Context, dev_addr: str, open_browser: bool, today: date | None, public: bool
) -> None:
    """Preview the site; edits to contacts/ or notes/ show up in the browser.

    Runs until you press Ctrl+C. Nothing is written into the journal.

    \b
    Example:
      coffeechat --journal ~/career-journal serve --open
    """
    ctx.require_journal()
    _site_environment(today, public)
    try:
        site.serve(ctx.root, dev_addr=dev_addr, open_browser=open_browser)
    except JournalError as exc:
        raise click.ClickException(str(exc)) from None


if __name__ == "__main__":  # pragma: no cover
    main()
