"""The quick constructor builds exactly what PyYAML's SafeLoader builds, and leaves anything
unusual to the careful per-key path."""

from __future__ import annotations

import pytest
import yaml
from coffeechat.read import yamlsource

DOCUMENTS = [
    "name: Ana\ntags: [a, b]\n",
    "a: &x [1, 2.5, true, null, 2026-11-20]\nb: *x\n",
    "base: &b {role: x, field: y}\nthis:\n  <<: *b\n  role: z\n",
    "when: 2026-11-20T09:30:00-05:00\nn: 0x1F\nf: 1e3\nno: no\nempty:\n",
    "nested: {a: [{b: [c, {d: e}]}]}\n",
    "quoted: '2026-11-20'\nplain: 2026-11-20\n",
    "tagged: !custom value\nname: x\n",  # an unknown tag: SafeLoader refuses it
    "set: !!set {a, b}\nbinary: !!binary aGVsbG8=\n",
]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_values_are_what_safe_load_gives(document: str) -> None:
    matter = yamlsource.load(f"---\n{document}---\nbody\n")
    try:
        expected = yaml.safe_load(document)
    except yaml.YAMLError:
        assert matter.value_errors, "a value SafeLoader refuses must be reported"
        return
    # Keys are kept as written (`no:` is the key "no", not False), so compare values in order.
    assert list(matter.data.values()) == list(expected.values())
    assert not matter.value_errors


def test_an_alias_is_the_same_object_as_its_anchor() -> None:
    matter = yamlsource.load("---\na: &x [1]\nb: *x\n---\n")
    assert matter.data["a"] is matter.data["b"]


def test_colliding_keys_keep_their_own_values() -> None:
    matter = yamlsource.load("---\n1: one\nyes: two\n---\n")
    assert matter.data == {"1": "one", "yes": "two"}


def test_an_impossible_date_stays_a_value_with_its_line() -> None:
    matter = yamlsource.load("---\nname: x\nwhen: 2026-02-30\n---\n")
    value = matter.data["when"]
    assert isinstance(value, yamlsource.InvalidDate)
    assert matter.line_of_invalid(value) == 3
