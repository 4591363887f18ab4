"""What validation reports: a Problem in plain words, and how values are quoted in one.

A check says what it found as a :class:`Finding`: an ``ecosites.i18n`` key, the values
the message needs, the rule of the standard it applies (e.g. "RFC 7946 §5") and a
severity. Placed in a file it becomes a :class:`Problem`, which keeps the key and values
so that a page renders it in its own language; ``message`` and ``hint`` hold the English
text for logs and the command line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ecosites.escape import shown_text
from ecosites.i18n import STRINGS, t

Severity = Literal["error", "warning"]
Values = tuple[tuple[str, str], ...]


def _text(key: str, values: Values, lang: str) -> str:
    """The message for ``key`` in ``lang``; a value named ``*_key`` is itself a key, translated."""
    if not values:
        return t(key, lang)
    plain = dict(values)
    nested = {name.removesuffix("_key"): t(value, lang, **plain)
              for name, value in values if name.endswith("_key")}
    return t(key, lang, **plain, **nested)


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
    key: str = ""  # an ecosites.i18n key for the message; "" when it is English only
    values: Values = ()
    rule: str = ""  # the standard's rule that is broken, e.g. "RFC 7946 §5"

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``, naming the rule it applies."""
        message = _text(self.key, self.values, lang) if self.key else self.message
        return message + (t("validate.rule", lang, rule=self.rule) if self.rule else "")

    def hint_text(self, lang: str = "en") -> str:
        """How to fix it in ``lang`` ('' when there is nothing to suggest)."""
        hint_key = f"{self.key}.hint"
        if self.key and hint_key in STRINGS:
            return _text(hint_key, self.values, lang)
        return self.hint

    def describe(self, lang: str = "en") -> str:
        """One line: where, what is wrong, and how to fix it where known."""
        where = [self.file]
        if self.feature is not None:
            where.append(t("validate.where.feature", lang, number=self.feature))
        if self.site_id:
            where.append(t("validate.where.id", lang, id=shown_text(self.site_id)))
        if self.field:
            where.append(t("validate.where.field", lang, field=shown_text(self.field)))
        text = t("validate.line", lang, where=t("validate.where.separator", lang).join(where),
                 message=self.text(lang))
        hint = self.hint_text(lang)
        return t("validate.with_hint", lang, text=text, hint=hint) if hint else text


@dataclass(frozen=True)
class Finding:
    """A problem not yet placed in a file: message key and values, rule and severity."""

    key: str
    values: Values = ()
    rule: str = ""
    severity: Severity = "error"

    def at(self, file: str, feature: int | None = None, site_id: str | None = None,
           field: str | None = None) -> Problem:
        """This finding as a Problem of ``file`` (and a feature, site id and field in it)."""
        hint_key = f"{self.key}.hint"
        hint = _text(hint_key, self.values, "en") if hint_key in STRINGS else ""
        return Problem(file, _text(self.key, self.values, "en"), feature, site_id, field, hint,
                       self.severity, self.key, self.values, self.rule)


def finding(key: str, rule: str = "", severity: Severity = "error", **values: object) -> Finding:
    """A Finding with its values turned into text once."""
    return with_values(key, values, rule, severity)


def with_values(key: str, values: Mapping[str, object], rule: str = "",
                severity: Severity = "error") -> Finding:
    """A Finding from a mapping of values (each turned into text once)."""
    return Finding(key, tuple((name, str(value)) for name, value in values.items()), rule, severity)


def format_problems(problems: Iterable[Problem], lang: str = "en") -> list[str]:
    """One plain line per problem in ``lang``; warnings are marked as such."""
    return [(t("validate.warning", lang) if problem.severity == "warning" else "")
            + problem.describe(lang) for problem in problems]


def short_json(value: Any, limit: int) -> str:
    """A short JSON rendering of a value for a message (never raises)."""
    try:
        return json.dumps(value, ensure_ascii=False)[:limit]
    except (TypeError, ValueError, RecursionError):
        return repr(type(value).__name__)
