"""Small English for messages and pages: one rule for counting things, used by every shell."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 note`, `2 notes`; `many` for words that do not just take an s (person, people)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
