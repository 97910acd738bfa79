"""The referral network: the example journal's graph and leads (golden file; UPDATE_GOLDEN=1
rewrites it), the `close-loop` follow-up's edge cases, and the /network/ and /stats/ pages of the
built example site."""

from __future__ import annotations

import json
import os
import shlex
import textwrap
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from coffeechat.cli import main
from coffeechat.derive.derived import derive
from coffeechat.derive.followups import collect
from coffeechat.derive.network import Edge, depths, network, new_contact_command
from coffeechat.derive.referrals import Referred, referrals_of
from coffeechat.model import FollowUp, Journal
from coffeechat.read.config import Options
from coffeechat.read.journal import read_journal
from coffeechat.render.html import Links
from coffeechat.render.network import network_page
from coffeechat.render.pages import NAV, Site
from conftest import DATA, REPO, MakeJournal

GOLDEN = DATA / "network" / "example-network.json"
TODAY = date(2026, 11, 21)


# -- the example journal --------------------------------------------------------------------


def test_example_network_matches_the_golden_file() -> None:
    found = network(read_journal(REPO), TODAY).as_dict()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        text = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
        GOLDEN.write_text(text, encoding="utf-8")
    assert found == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_example_network_in_words() -> None:
    net = network(read_journal(REPO), TODAY)
    ana = next(r for r in net.referrers if r.slug == "ana-lucia-nunez")
    # Kwame (her `referred_by`), Helen (a referral in their note), Lena (a lead); Kwame was at
    # the group conversation, so Ana led you to one person you have talked to.
    assert [p.name for p in ana.people] == ["Helen Markowitz", "Kwame Asante", "Lena Okafor"]
    assert (ana.led_to, ana.talked) == (3, 1)
    tomas = next(lead for lead in net.leads if lead.slug == "tomas-ortega")
    assert tomas.suggested_by == ("marcus-bell", "terrence-oduya")  # one lead, named twice
    assert shlex.split(tomas.command) == [
        "coffeechat",
        "new",
        "contact",
        "Tomás Ortega",
        "--company",
        "Ironworkers apprenticeship training center",
        "--source",
        "referral",
        "--referred-by",
        "marcus-bell",
    ]
    # Free-text `referred_by` ("Professor Dana Whitfield") is no edge: there is no contact.
    assert not any(e.referrer.startswith("professor") for e in net.edges)


# -- graph and leads on small journals ------------------------------------------------------


def journal(make: MakeJournal, contacts: dict[str, str], notes: dict[str, str]) -> Journal:
    files: dict[str, str | bytes] = {}
    for folder, found in (("contacts", contacts), ("notes", notes)):
        for slug, front in found.items():
            files[f"{folder}/{slug}.md"] = f"---\n{textwrap.dedent(front).strip()}\n---\n"
    result = read_journal(make(files))
    assert not result.errors, result.errors
    return result


def test_a_lead_named_two_ways_is_one_lead_and_a_contact_file_ends_it(
    make_journal: MakeJournal,
) -> None:
    contacts = {"ana": "name: Ana", "ben": "name: Ben"}
    notes = {
        "n1": "contact: ana\ndate: 2026-10-01\nreferrals:\n  - name: Tomás Ortega\n    company: Ironworks",
        "n2": "contact: ben\ndate: 2026-10-05\nreferrals:\n  - Tomas Ortega\n  - Zoe Kim",
    }
    net = network(journal(make_journal, contacts, notes), TODAY)
    assert [(lead.slug, lead.name, lead.suggested_by) for lead in net.leads] == [
        ("tomas-ortega", "Tomás Ortega", ("ana", "ben")),
        ("zoe-kim", "Zoe Kim", ("ben",)),
    ]
    assert net.leads[0].company == "Ironworks"
    contacts["zoe-kim"] = "name: Zoe Kim"  # `coffeechat new contact "Zoe Kim"` was run
    net = network(journal(make_journal, contacts, notes), TODAY)
    assert [lead.slug for lead in net.leads] == ["tomas-ortega"]
    assert Edge("ben", "zoe-kim", False, "n2") in net.edges


@pytest.mark.parametrize(
    ("name", "company", "expected"),
    [
        (
            "Priya Raman",
            None,
            "coffeechat new contact 'Priya Raman' --source referral --referred-by ana",
        ),
        (
            "Dan O'Brien",
            "Children's",
            'coffeechat new contact "Dan O\'Brien" --company "Children\'s"',
        ),
        ("It's $HOME", None, "coffeechat new contact 'It'\"'\"'s $HOME'"),
    ],
)
def test_commands_are_quoted_for_the_shell(name: str, company: str | None, expected: str) -> None:
    referrer = "ana" if name == "Priya Raman" else None
    command = new_contact_command(name, company, referrer)
    assert command.startswith(expected)
    assert shlex.split(command)[3] == name


def test_depths_put_every_arrow_to_the_right_and_survive_a_loop() -> None:
    edges = (
        Edge("a", "b", False, None),
        Edge("b", "c", False, None),
        Edge("a", "c", False, None),
        Edge("x", "y", False, None),
        Edge("y", "x", False, None),
    )
    assert depths(edges) == {"a": 0, "b": 1, "c": 2, "x": 0, "y": 1}


# -- close the loop -------------------------------------------------------------------------


def close_loops(
    make: MakeJournal, contacts: dict[str, str], notes: dict[str, str], **options: Any
) -> list[FollowUp]:
    items = collect(journal(make, contacts, notes), Options(**options), TODAY)
    return [item for item in items if item.kind == "close-loop"]


ANA = "name: Ana Lucía Núñez\nkeep_in_touch: never"
KWAME = "name: Kwame Asante\nreferred_by: ana-lucia-nunez\nkeep_in_touch: never"
TALK = "contact: kwame-asante\ndate: 2026-11-10\nthank_you: 2026-11-10"


def test_talking_to_someone_a_contact_referred(make_journal: MakeJournal) -> None:
    [item] = close_loops(
        make_journal,
        {"ana-lucia-nunez": ANA, "kwame-asante": KWAME},
        {"2026-11-10-kwame-asante": TALK},
    )
    assert item.reason == "Tell Ana Lucía Núñez how your conversation with Kwame Asante went"
    assert (item.contact, item.due, item.bucket) == (
        "ana-lucia-nunez",
        date(2026, 11, 11),
        "overdue",
    )
    assert (item.file, item.line) == ("notes/2026-11-10-kwame-asante.md", 2)  # the `contact` line
    assert (item.note, item.key) == (
        "2026-11-10-kwame-asante",
        "2026-11-10-kwame-asante/kwame-asante",
    )


def test_due_follows_thank_you_days(make_journal: MakeJournal) -> None:
    contacts = {"ana-lucia-nunez": ANA, "kwame-asante": KWAME}
    [item] = close_loops(make_journal, contacts, {"k": TALK}, thank_you_days=3)
    assert item.due == date(2026, 11, 13)


@pytest.mark.parametrize(
    ("ana", "extra_notes", "left"),
    [
        ("outreach:\n  - {date: 2026-11-12, event: update}", {}, 0),
        ("outreach:\n  - {date: 2026-11-10, event: thank-you}", {}, 0),  # the same day counts
        ("outreach:\n  - {date: 2026-11-09, event: update}", {}, 1),  # before the talk
        ("outreach:\n  - {date: 2026-11-12, event: reply}", {}, 1),  # not telling her
        ("", {"later": "contact: ana-lucia-nunez\ndate: 2026-11-15\nthank_you: 2026-11-15"}, 0),
        ("", {"coming": "contact: ana-lucia-nunez\ndate: 2026-11-28"}, 1),  # not yet
        ("status: paused", {}, 1),  # owed like a thank-you, whatever the status
    ],
)
def test_telling_the_referrer_clears_it(
    make_journal: MakeJournal, ana: str, extra_notes: dict[str, str], left: int
) -> None:
    contacts = {"ana-lucia-nunez": f"{ANA}\n{ana}", "kwame-asante": KWAME}
    notes = {"talk": TALK, **extra_notes}
    assert len(close_loops(make_journal, contacts, notes)) == left


def test_no_close_loop_for_a_free_text_referrer(make_journal: MakeJournal) -> None:
    kwame = "name: Kwame Asante\nreferred_by: Professor Dana Whitfield\nkeep_in_touch: never"
    assert close_loops(make_journal, {"kwame-asante": kwame}, {"talk": TALK}) == []


def test_no_close_loop_when_the_referrer_was_in_the_conversation(make_journal: MakeJournal) -> None:
    group = "contact: [ana-lucia-nunez, kwame-asante]\ndate: 2026-11-10\nthank_you: 2026-11-10"
    later = "contact: kwame-asante\ndate: 2026-11-17\nthank_you: 2026-11-17"
    contacts = {"ana-lucia-nunez": ANA, "kwame-asante": KWAME}
    # The first conversation was the group one: a later talk with Kwame alone owes nothing.
    assert close_loops(make_journal, contacts, {"group": group, "later": later}) == []


def test_a_group_talk_with_two_people_one_referrer_led_to(make_journal: MakeJournal) -> None:
    contacts = {
        "ana-lucia-nunez": ANA,
        "kwame-asante": KWAME,
        "lena-okafor": "name: Lena Okafor\nreferred_by: ana-lucia-nunez",
    }
    group = "contact: [kwame-asante, lena-okafor]\ndate: 2026-11-10\nthank_you: 2026-11-10"
    items = close_loops(make_journal, contacts, {"group": group})
    assert [i.key for i in items] == ["group/kwame-asante", "group/lena-okafor"]


def test_referral_in_a_note_and_a_talk_before_it(make_journal: MakeJournal) -> None:
    contacts = {
        "ana-lucia-nunez": ANA,
        "kwame-asante": "name: Kwame Asante\nkeep_in_touch: never",
        "harold-kim": "name: Harold Kim\nkeep_in_touch: never",
    }
    ana_note = (
        "contact: ana-lucia-nunez\ndate: 2026-10-01\nthank_you: 2026-10-01\n"
        "referrals: [kwame-asante, harold-kim]"
    )
    harold = "contact: harold-kim\ndate: 2026-09-20\nthank_you: 2026-09-20"  # before Ana named him
    notes = {"ana": ana_note, "kwame": TALK, "harold": harold}
    items = close_loops(make_journal, contacts, notes)
    assert [(i.contact, i.note) for i in items] == [("ana-lucia-nunez", "kwame")]


def test_a_conversation_still_to_come_owes_nothing(make_journal: MakeJournal) -> None:
    contacts = {"ana-lucia-nunez": ANA, "kwame-asante": KWAME}
    coming = "contact: kwame-asante\ndate: 2026-11-25"
    assert close_loops(make_journal, contacts, {"coming": coming}) == []


# -- the pages ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as env:  # `build --today` sets COFFEECHAT_TODAY
        env.setenv("COFFEECHAT_TODAY", TODAY.isoformat())
        args = ["--journal", str(REPO), "build", "--strict", "--today", TODAY.isoformat()]
        result = CliRunner().invoke(main, [*args, "--site-dir", str(target)])
    assert result.exit_code == 0, result.output
    return target


class Parts(HTMLParser):
    """The links inside the <svg>, and the text of every <code> and <li id="lead-…">."""

    def __init__(self) -> None:
        super().__init__()
        self.svg_links: list[str] = []
        self.codes: list[str] = []
        self.lead_ids: list[str] = []
        self._svg = 0
        self._code: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "svg":
            self._svg += 1
        elif tag == "a" and self._svg and found.get("href"):
            self.svg_links.append(found["href"] or "")
        elif tag == "code":
            self._code = []
        elif tag == "li" and (found.get("id") or "").startswith("lead-"):
            self.lead_ids.append(found["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._svg -= 1
        elif tag == "code" and self._code is not None:
            self.codes.append("".join(self._code))
            self._code = None

    def handle_data(self, data: str) -> None:
        if self._code is not None:
            self._code.append(data)


def parse(html: str) -> Parts:
    parts = Parts()
    parts.feed(html)
    return parts


def page(site: Path, address: str) -> str:
    return (site / address / "index.html").read_text(encoding="utf-8")


def test_network_page_draws_the_graph_with_links(site: Path) -> None:
    html = page(site, "network")
    parts = parse(html)
    assert "<svg" in html
    assert "../contacts/marcus-bell/" in parts.svg_links
    assert "../contacts/gina-kowalski/" in parts.svg_links
    assert "#lead-tomas-ortega" in parts.svg_links  # a lead points at its entry below
    assert 'stroke-dasharray="5 4"' in html  # leads are drawn dashed
    for href in parts.svg_links:
        target = href.split("#")[0]
        assert not target or (site / "network" / target / "index.html").resolve().is_file(), href


def test_network_page_lists_leads_with_their_commands(site: Path) -> None:
    parts = parse(page(site, "network"))
    assert parts.lead_ids == [
        "lead-bill-sandoval",
        "lead-carla-nguyen",
        "lead-lena-okafor",
        "lead-priya-raman",
        "lead-tomas-ortega",
    ]
    assert (
        "coffeechat new contact 'Priya Raman' --company \"Chesapeake Children's Hospital\" "
        "--source referral --referred-by denise-carter"
    ) in parts.codes
    assert 'id="from-ana-lucia-nunez"' in page(site, "network")


def test_stats_page_shows_n(site: Path) -> None:
    html = page(site, "stats")
    assert "11 of 14 (79%)" in html
    assert "6 days (n = 11)" in html
    assert "Requests (n)" in html and "too few to tell" in html
    assert html.count("<svg") >= 3  # one chart per breakdown
    assert "My first email went to spam" in html  # the snafu


def test_dashboard_links_leads_and_nav_has_both_pages(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="network/#leads"' in html
    assert 'href="network/#lead-priya-raman"' in html
    assert ("Network", "network.md") in NAV and ("Stats", "stats.md") in NAV
    assert 'href="stats/"' in html  # in the navigation tabs


def test_everything_typed_is_escaped(make_journal: MakeJournal) -> None:
    contacts = {"ana": 'name: "<b>Ana</b>"'}
    notes = {
        "n": 'contact: ana\ndate: 2026-10-01\nreferrals:\n  - name: "<script>x</script>"\n'
        '    company: "A & B <i>"'
    }
    built = journal(make_journal, contacts, notes)
    site = Site(built, derive(built, Options(), TODAY), Links())
    text = network_page(site, network(built, TODAY)).text
    assert "<script>" not in text and "<b>Ana" not in text and "<i>" not in text
    assert "&lt;script&gt;x&lt;/script&gt;" in text and "A &amp; B &lt;i&gt;" in text


def test_referrers_of_lists_referred_by_first_then_conversations_oldest_first(
    make_journal: MakeJournal,
) -> None:
    person = "---\nname: Pat Lee\nreferred_by: cora\n---\n"
    files = {
        "contacts/pat-lee.md": person,
        "contacts/cora.md": "---\nname: Cora\n---\n",
        "contacts/abe.md": "---\nname: Abe\n---\n",
        "contacts/bo.md": "---\nname: Bo\n---\n",
        # Bo and Abe (a group note, Bo first) named Pat before Cora did in a conversation.
        "notes/2026-09-01-bo-abe.md": "---\ncontact: [bo, abe]\ndate: 2026-09-01\n"
        "referrals: [Pat Lee]\n---\n",
        "notes/2026-10-01-cora.md": "---\ncontact: cora\ndate: 2026-10-01\nreferrals: [pat-lee]\n---\n",
    }
    journal = read_journal(make_journal(files))
    found = {r.slug: r for r in referrals_of(journal).led_by["pat-lee"]}
    assert list(found) == ["cora", "bo", "abe"]
    assert found["cora"].via_note is None  # from referred_by, which comes first
    assert found["bo"] == Referred("Bo", "bo", "2026-09-01-bo-abe")


def test_example_network_edges_written_out_by_hand() -> None:
    """The golden file's edges, from the files themselves: each note's `referrals` for every person
    in it, and `referred_by` naming a contact. Free text (Ana's professor) is no edge."""
    net = network(read_journal(REPO), TODAY)
    found = {(e.referrer, e.person, e.lead) for e in net.edges}
    assert found == {
        # `referred_by` on the contact
        ("ana-lucia-nunez", "kwame-asante", False),
        ("denise-carter", "luis-ferreira", False),  # and named in her note too: one edge
        ("marcus-bell", "gina-kowalski", False),  # the same
        # the note with Ana Lucía and Kwame: both led to Helen and to the lead Lena
        ("ana-lucia-nunez", "helen-markowitz", False),
        ("kwame-asante", "helen-markowitz", False),
        ("ana-lucia-nunez", "lena-okafor", True),
        ("kwame-asante", "lena-okafor", True),
        ("denise-carter", "priya-raman", True),
        ("gina-kowalski", "terrence-oduya", False),
        ("gina-kowalski", "bill-sandoval", True),
        ("harold-kim", "rosalind-park", False),
        ("luis-ferreira", "grace-whitaker", False),
        ("marcus-bell", "tomas-ortega", True),
        ("terrence-oduya", "tomas-ortega", True),
        ("terrence-oduya", "carla-nguyen", True),
    }
    lead = next(lead for lead in net.leads if lead.slug == "bill-sandoval")
    assert lead.suggested_by == ("gina-kowalski",)
    assert "--referred-by gina-kowalski" in lead.command
