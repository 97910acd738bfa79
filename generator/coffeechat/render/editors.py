"""Editor support for front matter, generated from the JSON Schema (schema.py).

Editors do not apply a JSON Schema to front matter inside Markdown, so the schema is translated to
what two of them read: Front Matter CMS content types for VS Code (`frontmatter.json`) and Obsidian
property types (`.obsidian/types.json`). The schema files themselves go to `schema/` for tools that
do read JSON Schema (check-jsonschema, scripts).

Refreshing merges: only coffeechat's own entries (its content types, page folders and field groups;
the types of its own keys) are replaced, and whatever else the user put in those files stays.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coffeechat.model import JournalError
from coffeechat.read import schema
from coffeechat.write import writer

KINDS = ("contact", "note")
FOLDERS = {"contact": "contacts", "note": "notes"}
FRONT_MATTER = "frontmatter.json"
OBSIDIAN = ".obsidian/types.json"
FILES = (FRONT_MATTER, OBSIDIAN, *(f"schema/{kind}.schema.json" for kind in KINDS))
FM_SCHEMA = "https://frontmatter.codes/frontmatter.schema.json"
FM_DATE = "yyyy-MM-dd"  # date-fns format: coffeechat dates are YYYY-MM-DD


def schemas() -> dict[str, dict[str, Any]]:
    return {kind: schema.build(kind) for kind in KINDS}


# -- Front Matter CMS -------------------------------------------------------------------------------
def front_matter(built: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """coffeechat's part of frontmatter.json: content types, page folders and field groups."""
    groups: list[dict[str, Any]] = []
    types = [_content_type(kind, built[kind], groups) for kind in KINDS]
    folders = [
        {"title": FOLDERS[kind].capitalize(), "path": f"[[workspace]]/{FOLDERS[kind]}",
         "contentTypes": [kind]}
        for kind in KINDS
    ]  # fmt: skip
    return {
        "$schema": FM_SCHEMA,
        "frontMatter.taxonomy.contentTypes": types,
        "frontMatter.taxonomy.fieldGroups": groups,
        "frontMatter.content.pageFolders": folders,
    }


def _content_type(kind: str, built: dict[str, Any], groups: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": kind,
        "pageBundle": False,
        "fileType": "md",
        "previewPath": None,
        # Notes are suggested as YYYY-MM-DD-<contact>.md; a contact's file name is its slug.
        "filePrefix": FM_DATE if kind == "note" else None,
        "fields": _fm_fields(kind, built, groups),
    }


def _fm_fields(owner: str, built: dict[str, Any], groups: list[dict[str, Any]]) -> list[Any]:
    required = set(built.get("required", ()))
    found = []
    for name, prop in built["properties"].items():
        field = _fm_field(owner, name, prop, groups)
        if field is None:
            continue
        if name in required:
            field["required"] = True
        found.append(field)
    return found


def _fm_field(
    owner: str, name: str, prop: dict[str, Any], groups: list[dict[str, Any]]
) -> dict[str, Any] | None:
    head = {"title": prop.get("title", name), "name": name, "description": prop["description"]}
    shapes = _shapes(prop)
    types = {shape.get("type") for shape in shapes}
    closed = _closed_choices(shapes)
    if closed:
        return head | {"type": "choice", "choices": closed}
    if "boolean" in types:  # `done`: true/false, or the date it was done; a checkbox here
        return head | {"type": "boolean"}
    if types <= {"integer"} and types:
        minimum = next((s["minimum"] for s in shapes if "minimum" in s), 0)
        return head | {"type": "number", "numberOptions": {"isDecimal": False, "min": minimum}}
    if _is_date(prop):
        return head | {"type": "datetime", "dateFormat": FM_DATE}
    if name == "tags":
        return head | {"type": "tags"}
    if name == "contact" and owner == "note":
        # Picks from the files of the contact content type; the value written is the slug.
        return head | {"type": "contentRelationship", "contentTypeName": "contact",
                       "contentTypeValue": "slug", "multiple": True}  # fmt: skip
    item = next((s["items"] for s in shapes if s.get("type") == "array"), None)
    if item is not None:
        group = _object_of(item)
        if group is None:
            return head | {"type": "list"}
        group_id = f"{owner}-{name}".replace("_", "-")
        groups.append(
            {"id": group_id, "labelField": next(iter(group["properties"])),
             "fields": _fm_fields(group_id, group, groups)}
        )  # fmt: skip
        return head | {"type": "block", "fieldGroup": [group_id]}
    if types & {"object"}:
        return None  # `facts`: free keys, kept as written in the file
    return head | {"type": "string", "single": True}


def _shapes(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a value may take, without the blank one."""
    if "anyOf" in prop and "type" not in prop:
        return [s for s in prop["anyOf"] if s.get("type") != "null"]
    kind = prop.get("type")
    kinds = [k for k in kind if k != "null"] if isinstance(kind, list) else [kind]
    return [prop | {"type": k} for k in kinds]


def _closed_choices(shapes: list[dict[str, Any]]) -> list[str]:
    """The fixed values of a key whose other alternatives (a number of days) are not text."""
    choices = [v for s in shapes for v in s.get("enum", ()) if v is not None]
    free_text = any(s.get("type") == "string" and "enum" not in s for s in shapes)
    return [] if free_text else choices


def _is_date(prop: dict[str, Any]) -> bool:
    """A date, or a date that may carry a time (always text in the schema)."""
    shapes = _shapes(prop)
    return bool(shapes) and all(s.get("type") == "string" and _dated(s) for s in shapes)


def _dated(shape: dict[str, Any]) -> bool:
    return shape.get("format") == "date" or any(
        alt.get("format") == "date" for alt in shape.get("anyOf", ())
    )


def _object_of(item: dict[str, Any]) -> dict[str, Any] | None:
    if item.get("type") == "object":
        return item
    return next((s for s in item.get("anyOf", ()) if s.get("type") == "object"), None)


# -- Obsidian --------------------------------------------------------------------------------------
def obsidian_types(built: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Obsidian property types of the top-level keys; groups (`outreach`, `facts`) have no
    Obsidian type and are left to show as YAML."""
    types: dict[str, str] = {}
    for kind in KINDS:
        for name, prop in built[kind]["properties"].items():
            kind_of = _obsidian_type(name, prop)
            if kind_of is None:
                continue
            if types.setdefault(name, kind_of) != kind_of:
                raise ValueError(
                    f"`{name}` would need two Obsidian types: {types[name]}, {kind_of}"
                )
    return dict(sorted(types.items()))


def _obsidian_type(name: str, prop: dict[str, Any]) -> str | None:
    shapes = _shapes(prop)
    types = {shape.get("type") for shape in shapes}
    if name == "tags":
        return "tags"  # Obsidian's own type for tags: completes the vault's tags
    if types == {"boolean"}:
        return "checkbox"
    if types == {"integer"}:
        return "number"
    if _is_date(prop):
        return "date"
    arrays = [s for s in shapes if s.get("type") == "array"]
    if arrays:
        item = arrays[0]["items"]
        return "multitext" if item.get("type") == "string" else None
    if types & {"object"}:
        return None
    return "text"  # Obsidian suggests values already used in the vault, which covers the choices


# -- files -----------------------------------------------------------------------------------------
def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def rendered(existing: Callable[[str], str | None] = lambda _name: None) -> dict[str, str]:
    """The text of every editor file; `existing(name)` gives a file's current text to merge into."""
    built = schemas()
    files = {f"schema/{kind}.schema.json": schema.dumps(built[kind]) for kind in KINDS}
    files[FRONT_MATTER] = _dump(_merge_front_matter(front_matter(built), existing(FRONT_MATTER)))
    types = obsidian_types(built)
    current = _load(OBSIDIAN, existing(OBSIDIAN))
    found = current.get("types")
    others: dict[str, Any] = found if isinstance(found, dict) else {}
    files[OBSIDIAN] = _dump(current | {"types": dict(sorted((others | types).items()))})
    return files


def _load(name: str, text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JournalError(
            f"is not plain JSON ({exc.msg}); coffeechat leaves it alone — fix it, or move it "
            "away and run `coffeechat editors` again",
            name,
            exc.lineno,
        ) from None
    if not isinstance(value, dict):
        raise JournalError("should hold a JSON object `{…}`; coffeechat leaves it alone", name)
    return value


def _merge_front_matter(ours: dict[str, Any], text: str | None) -> dict[str, Any]:
    current = _load(FRONT_MATTER, text)
    merged = {"$schema": FM_SCHEMA} | current
    for key in ("frontMatter.taxonomy.contentTypes", "frontMatter.taxonomy.fieldGroups",
                "frontMatter.content.pageFolders"):  # fmt: skip
        mine = ours[key]
        mine_ids = {_entry_id(entry) for entry in mine}
        found = current.get(key)
        theirs: list[Any] = found if isinstance(found, list) else []
        merged[key] = [e for e in theirs if _entry_id(e) not in mine_ids] + mine
    return merged


def _entry_id(entry: Any) -> Any:
    if not isinstance(entry, dict):
        return None
    return entry.get("name") or entry.get("id") or entry.get("path")


def write(root: Path, refresh: bool) -> list[tuple[str, str]]:
    """Write the editor files under root: new ones are created, and with `refresh` existing ones
    are replaced atomically when their content changes. Returns (file, what happened)."""

    def existing(name: str) -> str | None:
        path = root / name
        if not path.is_file():
            return None
        try:
            return path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeError) as exc:
            raise JournalError(
                f"cannot be read ({exc}); coffeechat leaves it alone", name
            ) from None

    files = rendered(existing if refresh else lambda _name: None)
    done: list[tuple[str, str]] = []
    for name, text in files.items():
        try:
            done.append((name, _write_one(root / name, name, text, existing(name), refresh)))
        except OSError as exc:  # `.obsidian` is a file, a read-only folder, a full disk
            raise JournalError(f"cannot be written ({exc.strerror or exc})", name) from None
    return done


def _write_one(path: Path, name: str, text: str, current: str | None, refresh: bool) -> str:
    if current is None and not path.exists():
        writer.create(path, text, name)
        return "created"
    if not refresh or current is None:
        return "kept (already there)"
    if current == text:
        return "up to date"
    writer.replace(path, text.encode("utf-8"))
    return "updated"
