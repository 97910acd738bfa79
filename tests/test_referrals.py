"""SPEC §5's one referral rule, and every consumer agreeing on it: follow-ups (move-on advice and
close-loop), the network, prep sheets and letters all ask derive/referrals.py."""

from __future__ import annotations

from datetime import date

from coffeechat.derive import followups
from coffeechat.derive.compare import compare
from coffeechat.derive.derived import derive
from coffeechat.derive.letters import Owner, request_context
from coffeechat.derive.referrals import Referred, name_key, referrals_of, resolve_referral
from coffeechat.read.config import Options
from coffeechat.read.journal import read_journal
from conftest import MakeJournal

TODAY = date(2026, 11, 21)


def contact(name: str, extra: str = "") -> str:
    return f"---\nname: {name}\n{extra}---\n"


def note(contacts: str, day: str, referrals: str) -> str:
    return f"---\ncontact: {contacts}\ndate: {day}\nreferrals: {referrals}\n---\n"


def sent(day: str, *more: str) -> str:
    events = "".join(f"  - {{date: {d}, event: sent, channel: email}}\n" for d in (day, *more))
    return f"outreach:\n{events}"


def test_a_referral_by_name_links_on_the_network_and_in_the_move_on_advice(
    make_journal: MakeJournal,
) -> None:
    """The reproduced bug: Ana → Grace on the network, but Grace's move-on advice never said
    'or ask Ana for another name', because follow-ups only looked at slugs."""
    root = make_journal(
        {
            "contacts/ana.md": contact("Ana Núñez"),
            "contacts/grace-whitaker.md": contact(
                "Grace Whitaker",
                "company: Pratt\n" + sent("2026-09-01", "2026-09-10", "2026-09-20"),
            ),
            "notes/2026-08-01-ana.md": note("ana", "2026-08-01", "[{name: Grace Whitaker}]"),
        }
    )
    journal = read_journal(root)
    derived = derive(journal, Options(), TODAY)
    assert ("ana", "grace-whitaker") in {(e.referrer, e.person) for e in derived.network.edges}
    move_on = [f for f in derived.follow_ups if f.kind == "move-on"]
    assert len(move_on) == 1
    assert move_on[0].reason.endswith("or ask Ana Núñez for another name")


def test_names_match_whatever_the_case_accents_and_titles(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/ana-lucia-nunez.md": contact("Ana Lucía Núñez"),
            "contacts/bo.md": contact("Bo Li", "referred_by: Dr. Ana Lucia Nunez\n"),
            "contacts/cy.md": contact("Cy", "referred_by: ANA LUCÍA NÚÑEZ\n"),
            "contacts/di.md": contact("Di", "referred_by: Ana-Lucia-Nunez\n"),
        }
    )
    found = referrals_of(read_journal(root))
    assert [p.slug for p in found.led_to["ana-lucia-nunez"]] == ["bo", "cy", "di"]
    for slug in ("bo", "cy", "di"):
        assert found.referrer_name(slug) == "Ana Lucía Núñez"


def test_a_name_two_contacts_share_names_neither(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/sam-lee.md": contact("Sam Lee"),
            "contacts/sam-lee-2.md": contact("Sam Lee"),
            "contacts/pat.md": contact("Pat", "referred_by: Sam Lee\n"),
        }
    )
    journal = read_journal(root)
    assert resolve_referral(journal, None, "Sam Lee") == Referred("Sam Lee", None)
    assert resolve_referral(journal, "sam-lee-2", None) == Referred("Sam Lee", "sam-lee-2")
    found = referrals_of(journal)
    assert found.led_to == {}  # a free-text referrer leads nowhere on the network
    assert found.referrer_name("pat") == "Sam Lee"  # but move-on advice can still name them


def test_a_lead_stays_a_lead_and_nobody_refers_themselves(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/ana.md": contact("Ana"),
            "notes/2026-08-01-ana.md": note("ana", "2026-08-01", "[{name: Zoë Quinn}, ana]"),
        }
    )
    found = referrals_of(read_journal(root))
    assert found.led_to["ana"] == (Referred("Zoë Quinn", None, "2026-08-01-ana"),)


def test_every_consumer_sees_the_same_referrer(make_journal: MakeJournal) -> None:
    """referred_by by name: the prep sheet, the letter and the close-loop follow-up agree."""
    root = make_journal(
        {
            "contacts/ana.md": contact("Ana Núñez"),
            "contacts/bo.md": contact(
                "Bo Li",
                "referred_by: Ms. Ana Nunez\noutreach:\n"
                "  - {date: 2026-11-01, event: scheduled, meeting: 2026-11-25}\n",
            ),
            "notes/2026-11-10-bo.md": note("bo", "2026-11-10", "[]"),
        }
    )
    journal = read_journal(root)
    derived = derive(journal, Options(), date(2026, 11, 20))
    close = [f for f in derived.follow_ups if f.kind == "close-loop"]
    assert [(f.contact, f.reason) for f in close] == [
        ("ana", "Tell Ana Núñez how your conversation with Bo Li went")
    ]
    comparison = compare(journal, Options().bank, derived.meetings, derived.referrals)
    (prep,) = comparison.preps
    assert [p.slug for p in prep.referred_by] == ["ana"]
    assert request_context(journal.contacts["bo"], journal, Owner())["referrer"] == "Ana Núñez"


def test_name_key_drops_titles_but_not_names() -> None:
    assert name_key("Dr. Ana Núñez") == "ana-nunez"
    assert name_key("Prof Mr Bo") == "bo"
    assert name_key("Drew Barrymore") == "drew-barrymore"  # "Dr" only as a word of its own
    assert name_key("Missy Elliott") == "missy-elliott"


def test_followups_compute_the_index_when_not_given(make_journal: MakeJournal) -> None:
    root = make_journal(
        {
            "contacts/ana.md": contact("Ana"),
            "contacts/bo.md": contact("Bo", "referred_by: ana\n"),
            "notes/2026-11-10-bo.md": note("bo", "2026-11-10", "[]"),
        }
    )
    journal = read_journal(root)
    alone = followups.collect(journal, Options(), TODAY)
    assert alone == derive(journal, Options(), TODAY).follow_ups
