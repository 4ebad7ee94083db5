"""The xmlpipe2 stream ``indexer`` reads: one shard's stored tokens as Sphinx documents.

``indexer`` runs ``python -m search.sphinx_backend.feed --store S --part main|delta`` (the command
is in each shard's configuration). ``main`` streams every document of the store; ``delta`` the
documents written after the store's ``main_gen``, and a kill-list of every number changed or
deleted since, which hides their older copies in ``main``. Text is already analysed (terms joined
by spaces, see :mod:`.tokens`), so the XML carries it as is, escaped.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import TextIO
from xml.sax.saxutils import escape

from search.sphinx_backend.config import ATTRS, FIELDS
from search.sphinx_backend.store import Store


def schema_xml() -> str:
    fields = "".join(f'<sphinx:field name="{f}"/>' for f in FIELDS)
    attrs = "".join(f'<sphinx:attr name="{name}" type="{kind}"/>' for name, kind in ATTRS)
    return f"<sphinx:schema>{fields}{attrs}</sphinx:schema>\n"


def document_xml(num: int, tokens: dict) -> str:
    parts = [f'<sphinx:document id="{num}">']
    for name in FIELDS:
        parts.append(f"<{name}>{escape(tokens.get(name) or '')}</{name}>")
    for name, kind in ATTRS:
        value = tokens.get(name)
        text = escape(value or "") if kind == "string" else str(int(value or 0))
        parts.append(f"<{name}>{text}</{name}>")
    parts.append("</sphinx:document>\n")
    return "".join(parts)


def stream(store: Store, part: str) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="utf-8"?>\n<sphinx:docset>\n'
    yield schema_xml()
    after = 0 if part == "main" else store.main_gen
    for num, tokens in store.tokens(after):
        yield document_xml(num, tokens)
    if part == "delta":
        killed = store.killed(after)
        if killed:
            yield "<sphinx:killlist>" + "".join(f"<id>{n}</id>" for n in killed) + "</sphinx:killlist>\n"
    yield "</sphinx:docset>\n"


def write(store: Store, part: str, out: TextIO) -> None:
    for piece in stream(store, part):
        out.write(piece)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--part", choices=("main", "delta"), required=True)
    args = parser.parse_args(argv)
    store = Store(args.store)
    try:
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", buffering=1 << 20, closefd=False)
        write(store, args.part, out)
        out.flush()
    finally:
        store.close()


if __name__ == "__main__":
    main()
