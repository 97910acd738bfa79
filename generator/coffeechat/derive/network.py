"""The referral network (derive stage, pure): who led you to whom, how far each introduction got,
and the leads, people a conversation suggested who have no contact file yet.

Who led to whom is derive/referrals.py's one rule, which also decides whether a referral is a
contact or a lead. A lead is keyed by the file
name `coffeechat new contact` would give them, so "Tomás Ortega" suggested twice is one lead.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from grandalf.graphs import Edge as GEdge
from grandalf.graphs import Vertex, graph_core
from grandalf.layouts import DummyVertex, SugiyamaLayout

from coffeechat.derive.referrals import Referrals, Referred, referrals_of, resolve_referral
from coffeechat.model import Journal, Note
from coffeechat.slugs import slugify

# Characters a shell still interprets inside double quotes (`!` is bash's history expansion).
_DOUBLE_QUOTE_UNSAFE = frozenset('"\\$`!')


@dataclass(frozen=True, slots=True)
class Edge:
    referrer: str  # a contact's slug
    person: str  # a contact's slug, or a lead's (the file `new contact` would create)
    lead: bool
    note: str | None  # the note that suggested them; None when it is their `referred_by`


@dataclass(frozen=True, slots=True)
class Referrer:
    slug: str
    people: tuple[Referred, ...]  # by name; a lead has no slug
    talked: int  # how many of them you have talked to

    @property
    def led_to(self) -> int:
        return len(self.people)


@dataclass(frozen=True, slots=True)
class Lead:
    slug: str
    name: str
    suggested_by: tuple[str, ...]  # contacts' slugs, earliest suggestion first
    notes: tuple[str, ...]  # the notes that name them, oldest first
    company: str | None
    note: str | None
    command: str  # the shell command that creates their contact file


@dataclass(frozen=True, slots=True)
class Network:
    edges: tuple[Edge, ...]
    referrers: tuple[Referrer, ...]  # most people led to first
    leads: tuple[Lead, ...]  # by name
    names: Mapping[str, str]  # every node's slug → name
    talked: frozenset[str]  # the contacts you have had a conversation with

    def as_dict(self) -> dict[str, Any]:
        """The graph as plain data (the golden file of the tests)."""
        return {
            "edges": [
                {"referrer": e.referrer, "person": e.person, "lead": e.lead, "note": e.note}
                for e in self.edges
            ],
            "referrers": [
                {"referrer": r.slug, "led_to": r.led_to, "talked": r.talked} for r in self.referrers
            ],
            "leads": [
                {
                    "slug": lead.slug,
                    "name": lead.name,
                    "suggested_by": list(lead.suggested_by),
                    "notes": list(lead.notes),
                    "company": lead.company,
                    "note": lead.note,
                    "command": lead.command,
                }
                for lead in self.leads
            ],
        }


def network(journal: Journal, today: date, referrals: Referrals | None = None) -> Network:
    """The graph of the journal; a conversation counts as had when its note is dated by today."""
    talked = frozenset(
        slug for slug in journal.contacts if any(n.day <= today for n in journal.notes_with(slug))
    )
    people = _people(journal, (referrals or referrals_of(journal)).led_to)
    leads = _leads(journal)
    names = {slug: c.name for slug, c in journal.contacts.items()}
    names.update({lead.slug: lead.name for lead in leads})
    edges = [
        Edge(slug, key, person.slug is None, person.via_note)
        for slug, found in people.items()
        for key, person in found.items()
    ]
    referrers = [
        Referrer(slug, tuple(found.values()), sum(1 for r in found.values() if r.slug in talked))
        for slug, found in people.items()
    ]
    return Network(
        edges=tuple(sorted(edges, key=lambda e: (e.referrer, e.person))),
        referrers=tuple(sorted(referrers, key=lambda r: (-r.led_to, names[r.slug].lower()))),
        leads=leads,
        names=names,
        talked=talked,
    )


def _people(
    journal: Journal, referred: Mapping[str, tuple[Referred, ...]]
) -> dict[str, dict[str, Referred]]:
    """The referral index, for referrers with a contact file, each person keyed by slug (a lead by
    the slug of their name: two spellings of one name are one person)."""
    found: dict[str, dict[str, Referred]] = {}
    for slug, people in referred.items():
        if slug not in journal.contacts:  # a note naming an unknown contact: `check` says so
            continue
        for person in people:
            key = person.slug or slugify(person.name)
            if key and key != slug:
                found.setdefault(slug, {}).setdefault(key, person)
    return found


def _leads(journal: Journal) -> tuple[Lead, ...]:
    suggestions: dict[str, list[tuple[Note, str, str | None, str | None]]] = {}
    for note in journal.notes:  # oldest first: the first suggestion names the referrer
        for referral in note.referrals:
            person = resolve_referral(journal, referral.slug, referral.name)
            key = slugify(person.name)
            if person.slug is None and key:
                suggestions.setdefault(key, []).append(
                    (note, person.name, referral.company, referral.note)
                )
    leads = [_lead(journal, slug, found) for slug, found in suggestions.items()]
    return tuple(sorted(leads, key=lambda lead: (lead.name.lower(), lead.slug)))


def _lead(
    journal: Journal, slug: str, found: list[tuple[Note, str, str | None, str | None]]
) -> Lead:
    referrers = [s for note, *_ in found for s in note.contacts if s in journal.contacts]
    name = found[0][1]
    company = next((c for _, _, c, _ in found if c), None)
    return Lead(
        slug=slug,
        name=name,
        suggested_by=tuple(dict.fromkeys(referrers)),
        notes=tuple(dict.fromkeys(note.slug for note, *_ in found)),
        company=company,
        note=next((n for *_, n in found if n), None),
        command=new_contact_command(name, company, referrers[0] if referrers else None),
    )


def new_contact_command(name: str, company: str | None, referrer: str | None) -> str:
    """`coffeechat new contact 'Priya Raman' --company … --source referral --referred-by …`,
    quoted for a POSIX shell (names have spaces, accents and apostrophes)."""
    words = ["coffeechat", "new", "contact", name]
    if company:
        words += ["--company", company]
    if referrer:
        words += ["--source", "referral", "--referred-by", referrer]
    return " ".join(_quote(word) for word in words)


def _quote(word: str) -> str:
    """shlex.quote, except that a word whose only awkward character is an apostrophe goes in
    double quotes: "Children's Hospital" reads better than 'Children'"'"'s Hospital'."""
    if "'" in word and not _DOUBLE_QUOTE_UNSAFE.intersection(word):
        return f'"{word}"'
    return shlex.quote(word)


def depths(edges: tuple[Edge, ...]) -> dict[str, int]:
    """The longest chain of referrals leading to each node. A loop (A led to B, B led to A) is cut
    at its first name; the layout below turns round the arrows that go against these depths."""
    parents: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {}
    for edge in edges:
        parents.setdefault(edge.person, []).append(edge.referrer)
        children.setdefault(edge.referrer, []).append(edge.person)
    nodes = sorted(set(parents) | set(children))
    waiting = {node: len(parents.get(node, ())) for node in nodes}
    ready = [node for node in nodes if not waiting[node]]
    depth: dict[str, int] = {}
    while len(depth) < len(nodes):
        if not ready:
            ready = [min(node for node in nodes if node not in depth)]
        node = ready.pop(0)
        if node in depth:
            continue
        depth[node] = max((depth[p] + 1 for p in parents.get(node, ()) if p in depth), default=0)
        for child in children.get(node, ()):
            waiting[child] -= 1
            if waiting[child] == 0 and child not in depth:
                ready.append(child)
    return depth


# -- the diagram's layout -------------------------------------------------------------------
# Left to right, one layer per step of the chain, as Graphviz's dot would draw it: grandalf's
# Sugiyama layout ranks the people and orders each layer to cut crossings, and an arrow that skips
# layers passes through a "dummy" slot of its own in each layer it crosses. Every box and every
# slot sits in a layer's column; between columns there are only arrows. So a route runs either in
# the gap between two columns or straight across a column inside its own slot, and never under a
# box that is not one of its two ends: tests/test_network_layout.py checks exactly that.

BOX_W, BOX_H = 200, 32  # a box, in SVG user units (CSS pixels: the diagram is never scaled)
GAP = 96  # between two columns: where the arrows bend
BOX_GAP = 12  # between two boxes in a column
SLOT_H = 10  # a dummy slot: the height an arrow crossing a column takes
PAD = 8
COMPONENT_GAP = 28  # between two separate networks, stacked one under the other
_ORDER_ROUNDS = 4  # grandalf's sweeps up and down the layers; more rarely removes a crossing

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Route:
    edge: Edge
    points: tuple[Point, ...]  # from the referrer's box side to the person's, through the slots


@dataclass(frozen=True, slots=True)
class Layout:
    boxes: Mapping[str, Point]  # each node's top-left corner; every box is BOX_W × BOX_H
    routes: tuple[Route, ...]
    width: float
    height: float


class _View:
    """What grandalf asks of a vertex: its size (it only uses it for coordinates we do not use)."""

    def __init__(self) -> None:
        self.w, self.h = BOX_W, BOX_H


def layout(edges: tuple[Edge, ...]) -> Layout:
    """Where each box and arrow goes; the same edges always give the same drawing."""
    boxes: dict[str, Point] = {}
    routes: list[Route] = []
    top, width = float(PAD), float(PAD)
    for part in _parts(edges):
        vertices = {
            node: Vertex(node) for node in sorted({n for e in part for n in (e.referrer, e.person)})
        }
        for vertex in vertices.values():
            vertex.view = _View()
        graph_edges = {e: GEdge(vertices[e.referrer], vertices[e.person]) for e in part}
        # Built from lists (not grandalf's Graph, which collects edges in a set): the order of
        # each vertex's edges, and so the drawing, is the same from one run to the next.
        core = graph_core(list(vertices.values()), list(graph_edges.values()))
        sugiyama, where, bottom = _place(core, top, _backward(part, graph_edges))
        for item, (x, y) in where.items():
            if isinstance(item, Vertex):
                boxes[item.data] = (x, y)
            width = max(width, x + BOX_W + PAD)
        routes += [Route(e, _route(sugiyama, gedge, where)) for e, gedge in graph_edges.items()]
        top = bottom + COMPONENT_GAP
    return Layout(boxes, tuple(routes), width, top - COMPONENT_GAP + PAD)


def _parts(edges: tuple[Edge, ...]) -> list[list[Edge]]:
    """The separate networks (connected components), each drawn under the one before."""
    group: dict[str, str] = {}

    def find(node: str) -> str:
        while group.setdefault(node, node) != node:
            node = group[node]
        return node

    for edge in edges:
        group[find(edge.person)] = find(edge.referrer)
    parts: dict[str, list[Edge]] = {}
    for edge in sorted(edges, key=lambda e: (e.referrer, e.person)):
        parts.setdefault(find(edge.referrer), []).append(edge)
    return sorted(
        parts.values(), key=lambda part: min(n for e in part for n in (e.referrer, e.person))
    )


def _backward(part: list[Edge], graph_edges: Mapping[Edge, GEdge]) -> list[GEdge]:
    """The arrows to turn round so that the rest has no loop, chosen by depths() (the longest
    chain to each person): grandalf's own choice can stretch 15 steps into 60 layers."""
    depth = depths(tuple(part))
    return [
        graph_edges[e]
        for e in part
        if (depth[e.person], e.person) <= (depth[e.referrer], e.referrer)
    ]


def _place(
    part: graph_core, top: float, backward: list[GEdge]
) -> tuple[SugiyamaLayout, dict[Any, Point], float]:
    """Each vertex's and dummy slot's top-left corner in one connected network: grandalf's
    order within each layer, then each item as near the middle of its neighbours in the layer to
    its left as the items above it allow (the order is kept, so nothing overlaps)."""
    sugiyama = SugiyamaLayout(part)
    roots = [v for v in part.sV if not [e for e in v.e_in() if e not in backward]]
    sugiyama.init_all(roots=roots, inverted_edges=backward)
    for _ in range(_ORDER_ROUNDS):
        for _step in sugiyama.ordering_step():
            pass
    where: dict[Any, Point] = {}
    layers = [sorted(layer, key=lambda v: sugiyama.grx[v].pos) for layer in sugiyama.layers]
    # As tall as the fullest layer, no taller: an item moves down towards its neighbours only
    # as far as the items below it still fit (else a large network grows three times as tall).
    tallest = max(sum(_space(item) for item in layer) for layer in layers)
    bottom = top
    for rank, layer in enumerate(layers):
        x = PAD + rank * (BOX_W + GAP)
        floor, left = top, sum(_space(item) for item in layer)
        for item in layer:
            middles = [_middle(where, n) for n in _left_neighbours(sugiyama, item) if n in where]
            wish = sum(middles) / len(middles) - _height(item) / 2 if middles else floor
            y = max(floor, min(wish, top + tallest - left))
            where[item] = (x, y)
            floor, left = y + _space(item), left - _space(item)
        bottom = max(bottom, floor)
    return sugiyama, where, bottom


def _space(item: Any) -> float:
    """An item's height and the gap under it."""
    return _height(item) + (BOX_GAP if isinstance(item, Vertex) else BOX_GAP / 2)


def _middle(where: Mapping[Any, Point], item: Any) -> float:
    return where[item][1] + _height(item) / 2


def _route(sugiyama: SugiyamaLayout, gedge: GEdge, where: Mapping[Any, Point]) -> tuple[Point, ...]:
    """Out of the referrer's side facing the person, across each slot, into the person's box."""
    ctrl = sugiyama.ctrls.get(gedge)
    chain = [ctrl[r] for r in sorted(ctrl)] if ctrl else sorted(gedge.v, key=_rank(sugiyama))
    if chain[0] is not gedge.v[0]:  # an arrow grandalf turned round to break a loop
        chain.reverse()
    forward = where[chain[-1]][0] > where[chain[0]][0]
    near, far = (0.0, float(BOX_W)) if forward else (float(BOX_W), 0.0)
    points: list[Point] = [(where[chain[0]][0] + far, _middle(where, chain[0]))]
    for slot in chain[1:-1]:
        points += [
            (where[slot][0] + near, _middle(where, slot)),
            (where[slot][0] + far, _middle(where, slot)),
        ]
    points.append((where[chain[-1]][0] + near, _middle(where, chain[-1])))
    return tuple(points)


def _rank(sugiyama: SugiyamaLayout) -> Any:
    return lambda v: sugiyama.grx[v].rank


def _height(item: Any) -> float:
    return BOX_H if isinstance(item, Vertex) else SLOT_H


def _left_neighbours(sugiyama: SugiyamaLayout, item: Any) -> list[Any]:
    rank = sugiyama.grx[item].rank
    return [n for n in _neighbours(sugiyama, item) if sugiyama.grx[n].rank == rank - 1]


def _neighbours(sugiyama: SugiyamaLayout, item: Any) -> list[Any]:
    """The vertices and slots next to an item in the layers either side of it."""
    if isinstance(item, DummyVertex):
        ctrl = item.ctrl
        return [ctrl[r] for r in (item.rank - 1, item.rank + 1) if r in ctrl]
    found = []
    for gedge in item.e:
        other = gedge.v[1] if gedge.v[0] is item else gedge.v[0]
        ctrl = sugiyama.ctrls.get(gedge)
        if ctrl is None:
            found.append(other)
        else:
            rank = sugiyama.grx[item].rank
            found += [ctrl[r] for r in (rank - 1, rank + 1) if r in ctrl]
    return found
