"""Editor files: Front Matter CMS content types, Obsidian property types, the schema files."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from coffeechat import fields
from coffeechat.cli import main
from coffeechat.read import journal as reader
from coffeechat.read import schema, yamlsource
from coffeechat.write import editor_files as editors

ROOT = Path(__file__).resolve().parent.parent

# Front Matter CMS 10.x: the field types and field/content-type properties its own settings schema
# (package.json, `frontMatter.taxonomy.contentTypes`) allows; it sets additionalProperties: false.
FM_FIELD_TYPES = {
    "string", "number", "datetime", "boolean", "image", "file", "choice", "taxonomy", "tags",
    "categories", "draft", "fields", "json", "block", "list", "dataFile", "slug", "divider",
    "heading", "customField", "contentRelationship", "fieldCollection",
}  # fmt: skip
FM_FIELD_KEYS = {
    "type", "name", "title", "description", "default", "choices", "single", "wysiwyg", "multiple",
    "isPreviewImage", "hidden", "taxonomyId", "fileExtensions", "fields", "fieldGroup", "dataType",
    "numberOptions", "taxonomyLimit", "singleValueAsString", "isPublishDate", "isModifiedDate",
    "dataFileId", "dataFileKey", "dataFileValue", "editable", "encodeEmoji", "dateFormat",
    "required", "customType", "contentTypeName", "contentTypeValue", "when", "actions",
}  # fmt: skip
FM_TYPE_KEYS = {
    "name", "fileType", "clearEmpty", "allowAsSubContent", "isSubContent", "fields", "pageBundle",
    "previewPath", "trailingSlash", "slugTemplate", "template", "postScript", "filePrefix",
    "defaultFileName",
}  # fmt: skip
FM_FOLDER_KEYS = {"title", "path", "excludeSubdir", "previewPath", "trailingSlash", "filePrefix",
                  "contentTypes", "disableCreation", "defaultLocale", "locales"}  # fmt: skip
OBSIDIAN_TYPES = {"text", "multitext", "number", "checkbox", "date", "datetime", "tags", "aliases"}


def generated() -> dict[str, str]:
    return editors.rendered()


def front_matter() -> dict:
    return json.loads(generated()[editors.FRONT_MATTER])


def obsidian() -> dict[str, str]:
    return json.loads(generated()[editors.OBSIDIAN])["types"]


def fm_fields(fm: dict, name: str) -> dict[str, dict]:
    found = [t for t in fm["frontMatter.taxonomy.contentTypes"] if t["name"] == name]
    found += [g for g in fm["frontMatter.taxonomy.fieldGroups"] if g["id"] == name]
    assert len(found) == 1
    return {field["name"]: field for field in found[0]["fields"]}


class TestFrontMatterCms:
    def test_follows_front_matter_cms_settings_schema(self) -> None:
        fm = front_matter()
        assert fm["$schema"] == "https://frontmatter.codes/frontmatter.schema.json"
        group_ids = {g["id"] for g in fm["frontMatter.taxonomy.fieldGroups"]}
        all_fields = [f for t in fm["frontMatter.taxonomy.contentTypes"] for f in t["fields"]]
        all_fields += [f for g in fm["frontMatter.taxonomy.fieldGroups"] for f in g["fields"]]
        for content_type in fm["frontMatter.taxonomy.contentTypes"]:
            assert set(content_type) <= FM_TYPE_KEYS and {"name", "fields"} <= set(content_type)
        for field in all_fields:
            assert field["type"] in FM_FIELD_TYPES, field
            assert set(field) <= FM_FIELD_KEYS, field
            assert field["name"] and field["title"]
            if field["type"] == "choice":
                assert field["choices"], field
            if field["type"] == "block":
                assert set(field["fieldGroup"]) <= group_ids
            if field["type"] == "contentRelationship":
                assert field["contentTypeName"] == "contact"
        for folder in fm["frontMatter.content.pageFolders"]:
            assert set(folder) <= FM_FOLDER_KEYS and {"title", "path"} <= set(folder)

    def test_page_folders_map_contacts_and_notes(self) -> None:
        folders = front_matter()["frontMatter.content.pageFolders"]
        assert [(f["path"], f["contentTypes"]) for f in folders] == [
            ("[[workspace]]/contacts", ["contact"]),
            ("[[workspace]]/notes", ["note"]),
        ]

    def test_choices_required_and_types_come_from_the_schema(self) -> None:
        fm = front_matter()
        contact, note = fm_fields(fm, "contact"), fm_fields(fm, "note")
        event = fm_fields(fm, "contact-outreach")
        assert contact["status"]["choices"] == list(fields.STATUSES)
        assert contact["keep_in_touch"]["choices"] == list(fields.CADENCES)
        assert event["event"]["choices"] == list(fields.EVENT_KINDS)
        assert event["event"]["required"] and event["date"]["required"]
        assert contact["name"]["required"] and "required" not in contact["company"]
        assert note["contact"]["required"] and note["date"]["required"]
        assert note["date"] == note["date"] | {"type": "datetime", "dateFormat": "yyyy-MM-dd"}
        assert note["duration"]["type"] == "number" and contact["private"]["type"] == "boolean"
        assert contact["tags"]["type"] == "tags" and contact["outreach"]["type"] == "block"
        # Free text with suggestions stays free text: a dropdown would refuse “a conference”.
        assert contact["source"]["type"] == "string"
        assert "facts" not in note  # free keys: left as written

    def test_a_field_added_to_the_table_appears_in_both_editors(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        added = fields.Field("pronouns", fields.CHOICE, "How to refer to them.", "she/her",
                             False, ("she/her", "he/him", "they/them"))  # fmt: skip
        monkeypatch.setitem(fields.TABLES, "contact", (*fields.CONTACT_FIELDS, added))
        assert fm_fields(front_matter(), "contact")["pronouns"]["choices"][0] == "she/her"
        assert obsidian()["pronouns"] == "text"


def journal_values() -> list[tuple[str, str, object]]:
    found = []
    for folder in ("contacts", "notes"):
        for path in reader.journal_files(ROOT, folder):
            text, _ = reader.read_text(path, path.name)
            assert text is not None
            data = yamlsource.load(text).data
            found += [(path.name, key, value) for key, value in data.items()]
    return found


class TestObsidian:
    def test_types_are_obsidian_types(self) -> None:
        types = obsidian()
        assert set(types.values()) <= OBSIDIAN_TYPES
        assert types["date"] == "date" and types["private"] == "checkbox"
        assert types["duration"] == "number" and types["contact"] == "multitext"
        assert types["tags"] == "tags" and types["status"] == "text"
        # Groups have no Obsidian type: typing them would make Obsidian show them as mismatched.
        assert not {"outreach", "referrals", "follow_ups", "facts"} & set(types)

    def test_example_journal_values_fit_their_obsidian_type(self) -> None:
        """What Obsidian would flag as a type mismatch in the example journal: nothing."""
        types = obsidian()
        fits = {
            "text": lambda v: isinstance(v, str | int | float) and not isinstance(v, bool),
            "multitext": lambda v: isinstance(v, str | list),
            "tags": lambda v: isinstance(v, str | list),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "checkbox": lambda v: isinstance(v, bool),
            "date": lambda v: isinstance(v, date) and not isinstance(v, datetime),
        }
        values = [(n, k, v) for n, k, v in journal_values() if k in types and v is not None]
        assert len(values) > 50
        misfits = [(n, k, v) for n, k, v in values if not fits[types[k]](v)]
        assert misfits == []


class TestFilesAndCommands:
    def test_example_journal_files_are_up_to_date(self) -> None:
        for name, text in generated().items():
            assert (ROOT / name).read_text(encoding="utf-8") == text, (
                f"{name} is out of date: run `coffeechat editors` at the repository root"
            )

    def test_schema_files_are_the_schema(self) -> None:
        for kind in ("contact", "note"):
            assert json.loads(generated()[f"schema/{kind}.schema.json"]) == schema.build(kind)

    def test_init_writes_them_and_editors_then_finds_them_up_to_date(self, tmp_path: Path) -> None:
        runner = CliRunner()
        made = runner.invoke(main, ["init", str(tmp_path / "j")])
        assert made.exit_code == 0, made.output
        for name, text in generated().items():
            assert (tmp_path / "j" / name).read_text(encoding="utf-8") == text
            assert f"created {tmp_path / 'j' / name}" in made.output
        again = runner.invoke(main, ["--journal", str(tmp_path / "j"), "editors"])
        assert again.exit_code == 0
        assert again.output.count("up to date: ") == 4

    def test_refresh_keeps_the_users_own_entries_and_writes_nothing_else(
        self, tmp_path: Path
    ) -> None:
        (tmp_path / "contacts").mkdir()
        (tmp_path / "contacts/a.md").write_text("---\nname: A\n---\n", encoding="utf-8")
        (tmp_path / ".obsidian").mkdir()
        (tmp_path / ".obsidian/types.json").write_text(
            json.dumps({"types": {"mood": "text", "status": "number"}, "other": 1}),
            encoding="utf-8",
        )
        mine = {"name": "blog", "fields": [{"name": "title", "type": "string"}]}
        (tmp_path / "frontmatter.json").write_text(
            json.dumps({"frontMatter.taxonomy.contentTypes": [mine], "frontMatter.x": True}),
            encoding="utf-8",
        )
        before = snapshot(tmp_path)
        result = CliRunner().invoke(main, ["--journal", str(tmp_path), "editors"])
        assert result.exit_code == 0, result.output
        assert "updated: frontmatter.json" in result.output
        assert "created: schema/note.schema.json" in result.output
        after = snapshot(tmp_path)
        changed = {name for name in after if before.get(name) != after[name]}
        assert changed == set(editors.FILES)
        types = json.loads((tmp_path / ".obsidian/types.json").read_text(encoding="utf-8"))
        assert types["other"] == 1 and types["types"]["mood"] == "text"
        assert types["types"]["status"] == "text"  # coffeechat's key: coffeechat's type
        fm = json.loads((tmp_path / "frontmatter.json").read_text(encoding="utf-8"))
        assert fm["frontMatter.x"] is True
        names = [t["name"] for t in fm["frontMatter.taxonomy.contentTypes"]]
        assert names == ["blog", "contact", "note"]

    def test_a_file_that_is_not_json_is_left_alone_with_a_clear_message(
        self, tmp_path: Path
    ) -> None:
        (tmp_path / "notes").mkdir()
        broken = '{\n  // my settings\n  "frontMatter.x": true\n}\n'
        (tmp_path / "frontmatter.json").write_text(broken, encoding="utf-8")
        result = CliRunner().invoke(main, ["--journal", str(tmp_path), "editors"])
        assert result.exit_code == 1
        assert "frontmatter.json:2: is not plain JSON" in result.output
        assert "Traceback" not in result.output
        assert (tmp_path / "frontmatter.json").read_text(encoding="utf-8") == broken
        assert not (tmp_path / "schema").exists()

    def test_a_file_where_a_folder_should_be_is_a_message(self, tmp_path: Path) -> None:
        (tmp_path / "notes").mkdir()
        (tmp_path / ".obsidian").write_text("not a folder", encoding="utf-8")
        result = CliRunner().invoke(main, ["--journal", str(tmp_path), "editors"])
        assert result.exit_code == 1
        assert "Error: .obsidian/types.json: cannot write the file" in result.output
        assert "Traceback" not in result.output
        assert (tmp_path / ".obsidian").read_text(encoding="utf-8") == "not a folder"

    def test_outside_a_journal_it_says_so(self, tmp_path: Path) -> None:
        result = CliRunner().invoke(main, ["--journal", str(tmp_path), "editors"])
        assert result.exit_code == 1 and "not a coffeechat journal" in result.output
        assert list(tmp_path.iterdir()) == []

    def test_help_says_which_files_it_writes(self) -> None:
        shown = CliRunner().invoke(main, ["editors", "--help"]).output
        assert "Only these four files are written" in shown
        for name in ("frontmatter.json", ".obsidian/types.json", "schema/contact.schema.json"):
            assert name in shown


def snapshot(root: Path) -> dict[str, bytes]:
    found = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            found[path.relative_to(root).as_posix()] = path.read_bytes()
    return found
