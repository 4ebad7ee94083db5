"""Display names of facet values: a labels file maps a stored value (often a slug such as
``okaz``) to the name people know (``عكاظ``).

Why a file beside the index rather than in it: names change (a paper renames itself) and a
newsroom edits them without re-importing 31,000 articles. The file is JSON, one object per facet
field (``{"source": {"okaz": "عكاظ"}, "section": {...}}``), named by ``FAHRAS_LABELS``, or else
the index's (or cluster's) own :data:`BESIDE` file: an archive's names go where the archive goes,
and ``fahras serve --index DIR`` shows them with no setting to remember. The pages
show the label beside its count, the JSON facet values carry it, and the query language accepts
it for the value (``مصدر:عكاظ`` finds ``okaz``: :mod:`search.keywords`).
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Mapping

from search.settings import SettingsError

BESIDE = "fahras-labels.json"  # in an index's (or a cluster's) directory: its labels by default


def labels_file(configured: str, directory: str) -> str:
    """The labels file to read: the configured one, else ``directory``'s :data:`BESIDE` file
    when there is one, else none (an empty path)."""
    if configured:
        return configured
    beside = pathlib.Path(directory) / BESIDE if directory else None
    return str(beside) if beside is not None and beside.is_file() else ""


class Labels:
    """Field → value → label; a value without one is shown as it is stored."""

    def __init__(self, by_field: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self._by_field = {f: dict(values) for f, values in (by_field or {}).items()}

    @classmethod
    def load(cls, path: str | None) -> Labels:
        """The labels in the JSON file at ``path`` (none for an empty path); a file that cannot
        be read as such is a :class:`SettingsError` naming it."""
        if not path:
            return cls()
        try:
            data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise SettingsError(f"FAHRAS_LABELS={path!r} cannot be read as a labels file: {err}") from None
        if not isinstance(data, dict) or not all(
            isinstance(values, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in values.items())
            for values in data.values()
        ):
            raise SettingsError(f"FAHRAS_LABELS={path!r}: expected {{field: {{value: label}}}} of strings")
        return cls(data)

    def label(self, field: str, value: str) -> str | None:
        return self._by_field.get(field, {}).get(value)

    def display(self, field: str, value: str) -> str:
        """``display("source", "okaz")`` → ``"عكاظ"``; a value without a label → itself."""
        return self.label(field, value) or value
