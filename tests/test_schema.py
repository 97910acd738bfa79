"""The JSON Schema of the front matter, checked with the real `jsonschema` validator."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from coffeechat import fields
from coffeechat.cli import main
from coffeechat.read import journal as reader
from coffeechat.read import schema, yamlsource

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
VALID_JOURNALS = [DATA / "valid", ROOT, DATA / "compare", DATA / "stats"]
KIND_FOLDERS = {"contact": "contacts", "note": "notes"}


def validator(kind: str) -> jsonschema.Draft202012Validator:
    built = schema.build(kind)
    jsonschema.Draft202012Validator.check_schema(built)
    return jsonschema.Draft202012Validator(built, format_checker=jsonschema.FormatChecker())


def front_matter(path: Path) -> dict:
    text, problems = reader.read_text(path, path.name)
    assert text is not None, problems
    return schema.as_json(yamlsource.load(text).data)


def errors(kind: str, path: Path) -> list[str]:
    return [e.message for e in validator(kind).iter_errors(front_matter(path))]


def journal_files(kind: str) -> list[Path]:
    found = [p for root in VALID_JOURNALS for p in reader.journal_files(root, KIND_FOLDERS[kind])]
    assert len(found) > 10
    return found


class TestValidFiles:
    @pytest.mark.parametrize("kind", ["contact", "note"])
    def test_every_valid_fixture_and_the_example_journal_validate(self, kind: str) -> None:
        bad = {str(p): errors(kind, p) for p in journal_files(kind)}
        assert {p: e for p, e in bad.items() if e} == {}

    def test_files_made_by_new_validate(self, tmp_path: Path) -> None:
        runner = CliRunner()
        assert runner.invoke(main, ["init", str(tmp_path / "j")]).exit_code == 0
        journal = ["--journal", str(tmp_path / "j")]
        assert runner.invoke(main, [*journal, "new", "contact", "Ada Lovelace"]).exit_code == 0
        made = runner.invoke(
            main, [*journal, "new", "note", "ada-lovelace", "--date", "2026-01-02"]
        )
        assert made.exit_code == 0, made.output
        assert errors("contact", tmp_path / "j/contacts/ada-lovelace.md") == []
        assert errors("note", tmp_path / "j/notes/2026-01-02-ada-lovelace.md") == []


INVALID = DATA / "invalid"


class TestInvalidFiles:
    """Problems a schema can express are rejected; each names the key the reader names."""

    @pytest.mark.parametrize(
        ("kind", "name", "expected"),
        [
            (
                "contact",
                "contacts/unknown-enums.md",
                ["'archived' is not one of", "'weekly' is not valid", "'replyed' is not one of"],
            ),
            ("contact", "contacts/missing-name.md", ["'name' is a required property"]),
            ("contact", "contacts/wrong-types.md", ["['Acme', 'Globex']", "'maybe'", "{'a': 1}"]),
            ("note", "notes/missing-contact.md", ["'contact' is a required property"]),
            ("note", "notes/missing-date.md", ["'date' is a required property"]),
            ("note", "notes/date-in-words.md", ["'next tuesday'"]),
            ("note", "notes/date-written-wrongly.md", ["'2026-1-5'"]),
            ("note", "notes/impossible-date.md", ["'2026-13-01'"]),
            ("note", "notes/wrong-duration.md", ["is not of type 'integer'"]),
            ("contact", "contacts/impossible-outreach-date.md", ["'2026-02-30'"]),
        ],
    )
    def test_rejected(self, kind: str, name: str, expected: list[str]) -> None:
        found = " | ".join(errors(kind, INVALID / name))
        for part in expected:
            assert part in found

    def test_unknown_event_is_rejected_inside_outreach(self) -> None:
        found = list(
            validator("contact").iter_errors(front_matter(INVALID / "contacts/unknown-enums.md"))
        )
        assert ("outreach", 0, "event") in {tuple(e.absolute_path) for e in found}

    @pytest.mark.parametrize(
        ("kind", "data"),
        [
            ("contact", {"name": ""}),
            ("contact", {"name": "A", "keep_in_touch": 0}),
            ("contact", {"name": "A", "outreach": [{"date": "2026-01-02"}]}),
            ("contact", {"name": "A", "outreach": ["2026-01-02 sent"]}),
            ("note", {"contact": [], "date": "2026-01-02"}),
            ("note", {"contact": "a", "date": "2026-01-02", "facts": {"x": [1, 2]}}),
            ("note", {"contact": "a", "date": "2026-01-02", "follow_ups": [{"due": "2026-01-03"}]}),
            ("note", {"contact": "a", "date": "2026-01-02", "thank_you": "2026-01-02T10:00:00"}),
        ],
    )
    def test_more_shapes_the_reader_reports(self, kind: str, data: dict) -> None:
        assert not validator(kind).is_valid(data)

    @pytest.mark.parametrize(
        ("kind", "data"),
        [
            ("contact", {"name": "A", "company": None, "tags": "one", "keep_in_touch": 60}),
            ("contact", {"name": "A", "source": "a conference", "my_own_key": [1, 2]}),
            ("note", {"contact": ["a", "b"], "date": "2026-01-02 14:30", "referrals": ["x"]}),
            ("note", {"contact": "a", "date": "2026-01-02", "follow_ups": ["call back"]}),
            ("note", {"contact": "a", "date": "2026-01-02", "format": "coffee shop"}),
        ],
    )
    def test_what_the_reader_accepts_is_accepted(self, kind: str, data: dict) -> None:
        assert validator(kind).is_valid(data), list(validator(kind).iter_errors(data))


class TestOneSourceOfTruth:
    def test_a_field_added_to_the_table_appears_in_the_schema(self) -> None:
        added = fields.Field("pronouns", fields.CHOICE, "How to refer to them.", "she/her",
                             True, ("she/her", "he/him", "they/them"))  # fmt: skip
        built = schema.build("contact", (*fields.CONTACT_FIELDS, added))
        assert built["properties"]["pronouns"]["enum"] == ["she/her", "he/him", "they/them"]
        assert built["properties"]["pronouns"]["description"] == "How to refer to them."
        assert "pronouns" in built["required"]
        assert "pronouns" not in schema.build("contact")["properties"]

    def test_reader_keys_and_schema_properties_are_the_same(self) -> None:
        assert tuple(schema.build("contact")["properties"]) == reader.CONTACT_KEYS
        assert tuple(schema.build("note")["properties"]) == reader.NOTE_KEYS
        event = schema.build("contact")["properties"]["outreach"]["items"]
        assert tuple(event["properties"]) == reader.EVENT_KEYS
        assert event["properties"]["event"]["enum"] == list(fields.EVENT_KINDS)

    def test_every_field_has_a_description_and_an_example_that_validates(self) -> None:
        for kind, table in fields.TABLES.items():
            for field in table:
                assert field.description and field.example is not None, field.name
                required = {f.name: f.example for f in table if f.required}
                data = required | {field.name: field.example}
                assert validator(kind).is_valid(data), (kind, field.name)

    def test_an_unknown_kind_of_field_is_a_clear_error(self) -> None:
        odd = dataclasses.replace(fields.CONTACT_FIELDS[0], kind="colour")
        with pytest.raises(ValueError, match="colour"):
            schema.build("contact", (odd,))


class TestCommand:
    @pytest.mark.parametrize("kind", ["contact", "note"])
    def test_prints_the_schema(self, kind: str) -> None:
        result = CliRunner().invoke(main, ["schema", kind])
        assert result.exit_code == 0
        printed = json.loads(result.output)
        assert printed == schema.build(kind)
        assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_help_has_an_example_and_a_wrong_kind_is_refused(self) -> None:
        assert "coffeechat schema contact" in CliRunner().invoke(main, ["schema", "-h"]).output
        result = CliRunner().invoke(main, ["schema", "company"])
        assert result.exit_code == 2
        assert "contact" in result.output and "Traceback" not in result.output
