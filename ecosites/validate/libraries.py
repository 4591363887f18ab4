"""What GDAL and zipfile say when a file cannot be read, in our own words.

Their messages quote SQL, temporary paths and driver names that mean nothing to staff,
so only the kind of failure is kept; the words come from ``ecosites.i18n``.
"""

from __future__ import annotations

from ecosites.validate.problem import Finding, finding

# Lower-case pieces of GDAL's messages, by the kind of failure they mean.
_DAMAGED = ("not a database", "malformed", "corrupt", "truncated", "premature end",
            "no element found", "parsing", "unexpected end", "damaged", "invalid")
_NOT_THIS_FORMAT = ("not recognized as", "not recognised as", "unsupported", "no driver")


def gdal_finding(label: str, message: str) -> Finding:
    """Why GDAL could not read a file said to be ``label`` (e.g. 'GeoPackage')."""
    lowered = message.lower()
    if any(piece in lowered for piece in _NOT_THIS_FORMAT):
        return finding("validate.gdal.not_format", format=label)
    if any(piece in lowered for piece in _DAMAGED):
        return finding("validate.gdal.damaged", format=label)
    return finding("validate.gdal.unreadable", format=label)


def zip_finding() -> Finding:
    """A zip archive that cannot be opened (zipfile's reason is not shown)."""
    return finding("validate.gdal.zip_damaged")
