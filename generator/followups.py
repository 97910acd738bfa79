"""Follow-up rules (SPEC §5). Placeholder until the rules engine lands: no follow-ups yet."""

from __future__ import annotations

from datetime import date

from .config import Options
from .model import FollowUp, Journal


def collect(journal: Journal, options: Options, today: date) -> tuple[FollowUp, ...]:
    return ()
