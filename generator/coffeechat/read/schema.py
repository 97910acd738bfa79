"""JSON Schema (draft 2020-12) of contact and note front matter, built from the field table.

The schema describes front matter as JSON sees it: YAML dates are strings `YYYY-MM-DD` (or
`YYYY-MM-DDTHH:MM[:SS]`), as validators that read YAML hand them over. It is as lenient as the
reader where the reader accepts something (a blank key, one tag instead of a list, keys of your own)
and strict where the reader reports an error (an unknown `status`, `private: maybe`).
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from coffeechat import fields
from coffeechat.fields import Field

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# A date and time (YAML writes a space or a T between them; seconds and zone optional).
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
WHEN_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|z|[+-]\d{1,2}(:?\d{2})?)?$"
)
_DAY = {"format": "date", "pattern": DATE_PATTERN}  # the format catches 2026-02-30 where checked
TITLES = {"contact": "coffeechat contact", "note": "coffeechat note"}
DESCRIPTIONS = {
    "contact": "Front matter of a contact file, contacts/<slug>.md: one person.",
    "note": "Front matter of a note file, notes/<name>.md: one conversation.",
}


def build(kind: str, table: tuple[Field, ...] | None = None) -> dict[str, Any]:
    """The schema of one kind of file (`contact` or `note`); `table` defaults to the reader's."""
    table = fields.TABLES[kind] if table is None else table
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"https://coffeechat.invalid/schema/{kind}.schema.json",
        "title": TITLES[kind],
        "description": DESCRIPTIONS[kind],
    }
    schema.update(_object(table))
    return schema


def dumps(schema: dict[str, Any]) -> str:
    """The schema as the files and `coffeechat schema` print it: stable, readable, one newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _object(table: tuple[Field, ...]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": "object",
        "properties": {field.name: property_schema(field) for field in table},
        # Keys of the user's own are kept and shown, never an error (SPEC §1).
        "additionalProperties": True,
    }
    required = [field.name for field in table if field.required]
    if required:
        result["required"] = required
    return result


def property_schema(field: Field) -> dict[str, Any]:
    """One key's schema, with its description and example; optional keys may be left blank."""
    value = _value(field)
    value = _not_blank(value) if field.required else _or_blank(value)
    head: dict[str, Any] = {"title": field.label, "description": field.description}
    if field.example is not None:
        head["examples"] = [field.example]
    return head | value


def _value(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind == fields.TEXT:
        return {"type": "string"}
    if kind == fields.URL:
        return {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}
    if kind == fields.CHOICE and field.suggest:
        # Suggestions only: `anyOf` lets editors offer the list and still accept free text.
        return {"anyOf": [{"enum": list(field.enum)}, {"type": "string"}]}
    if kind == fields.CHOICE:
        return {"type": "string", "enum": list(field.enum)}  # blank: see _or_blank
    if kind == fields.CADENCE:
        return {"anyOf": [{"enum": list(field.enum)}, {"type": "integer", "minimum": 1}]}
    if kind == fields.BOOLEAN:
        return {"type": "boolean"}
    if kind == fields.MINUTES:
        return {"type": "integer", "minimum": 0}
    if kind == fields.WHEN:
        return {"type": "string", "anyOf": [_DAY, {"pattern": WHEN_PATTERN}]}
    if kind == fields.DAY:
        return {"type": "string"} | _DAY
    if kind == fields.DONE:
        return {"anyOf": [{"type": "boolean"}, {"type": "string"} | _DAY]}
    if kind == fields.TEXTS:
        # One value alone is read as a list of one.
        return {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]}
    if kind == fields.SLUGS:
        slug = {"type": "string", "minLength": 1}
        return {"anyOf": [slug, {"type": "array", "items": slug, "minItems": 1}]}
    if kind == fields.RECORDS:
        item = _object(field.fields)
        items = {"anyOf": [item, {"type": "string"}]} if field.plain else item
        return {"type": "array", "items": items}
    if kind == fields.FACTS:
        single = {"type": ["string", "number", "boolean", "null"]}
        return {"type": "object", "additionalProperties": single}
    raise ValueError(f"no schema for the field kind {kind!r} of `{field.name}`")


def _or_blank(value: dict[str, Any]) -> dict[str, Any]:
    """`company:` with nothing after it (as `new contact` writes) is as good as absent."""
    if isinstance(value.get("type"), str) and "anyOf" not in value:
        if "enum" in value:
            value = value | {"enum": [*value["enum"], None]}
        return value | {"type": [value["type"], "null"]}
    if "anyOf" in value and "type" not in value:
        return value | {"anyOf": [*value["anyOf"], {"type": "null"}]}
    return {"anyOf": [value, {"type": "null"}]}


def _not_blank(value: dict[str, Any]) -> dict[str, Any]:
    """A required key must say something: `name: ""` is reported like a missing name."""
    if value.get("type") == "string":
        return value | {"minLength": 1, "pattern": value.get("pattern", r"\S")}
    return value


def as_json(value: Any) -> Any:
    """Front matter as loaded from YAML, as JSON sees it: dates become their ISO text."""
    if isinstance(value, dict):
        return {str(key): as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    return value
