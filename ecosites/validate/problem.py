"""What validation reports: a Problem in plain words, and how values are quoted in one."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, said so that a non-developer can fix it."""

    file: str
    message: str
    feature: int | None = None  # 1-based position in the file
    site_id: str | None = None
    field: str | None = None
    hint: str = ""
    severity: Severity = "error"

    def describe(self) -> str:
        """One line: where, what is wrong, and how to fix it where known."""
        where = [self.file]
        if self.feature is not None:
            where.append(f"feature {self.feature}")
        if self.site_id:
            where.append(f"id '{self.site_id}'")
        if self.field:
            where.append(f"field '{self.field}'")
        text = ", ".join(where) + f": {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


def format_problems(problems: Iterable[Problem]) -> list[str]:
    """One plain line per problem; warnings are marked as such."""
    return [("warning: " if problem.severity == "warning" else "") + problem.describe()
            for problem in problems]


def short_json(value: Any, limit: int) -> str:
    """A short JSON rendering of a value for a message (never raises)."""
    try:
        return json.dumps(value, ensure_ascii=False)[:limit]
    except (TypeError, ValueError, RecursionError):
        return repr(type(value).__name__)
