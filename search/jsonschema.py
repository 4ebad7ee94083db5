"""JSON Schema (OpenAPI 3.0 flavour) of the result objects, generated from their dataclasses.

Why generated: the API returns ``to_dict()`` of these classes, and a hand-kept copy of their shape
in the OpenAPI spec drifts the day a field is added. Types come from the annotations
(``str | None`` is a nullable string, ``list[Hit]`` an array of ``Hit`` references); a field's
``schema`` metadata adds what a type cannot say (a minimum, an enum, a description) and ``json``
metadata gives its key when it differs from the field name (``date_from`` is sent as ``from``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from search.results import Document, Duplicate, FacetValue, Hit, SearchResult, Similar

RESULT_CLASSES = (Duplicate, Hit, FacetValue, SearchResult, Document, Similar)
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def component_schemas() -> dict[str, dict]:
    """``components.schemas`` entries for every result class, by class name."""
    return {cls.__name__: schema_of(cls) for cls in RESULT_CLASSES}


def json_keys(cls: type) -> list[str]:
    """The keys of ``cls``'s JSON object, in field order."""
    return [f.metadata.get("json", f.name) for f in dataclasses.fields(cls)]


def schema_of(cls: type) -> dict:
    """The object schema of a dataclass: every field a required property."""
    hints = typing.get_type_hints(cls)
    properties = {
        f.metadata.get("json", f.name): {**_type_schema(hints[f.name]), **f.metadata.get("schema", {})}
        for f in dataclasses.fields(cls)
    }
    return {"type": "object", "required": list(properties), "properties": properties}


def _type_schema(tp: Any) -> dict:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no JSON schema for {tp!r}")
        return {**_type_schema(inner[0]), "nullable": True}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type_schema(args[1])}
    if tp is dict:
        return {"type": "object"}
    if dataclasses.is_dataclass(tp):
        return {"$ref": f"#/components/schemas/{tp.__name__}"}
    if tp in _SCALARS:
        return {"type": _SCALARS[tp]}
    raise TypeError(f"no JSON schema for {tp!r}")
