"""The configuration files of a local cluster's nodes (Sphinx 2.2.11 syntax, read by Manticore too).

A shard node serves two plain indexes, ``main`` and ``delta`` (a re-import or delete goes into a
small ``delta`` whose kill-list hides the old copies in ``main``; the importer folds the delta into
a new ``main`` when it grows), built by ``indexer`` from the shard's side store through
:mod:`search.sphinx_backend.feed`. The coordinator serves one distributed index, ``fahras``, whose
agents are the shards; it holds no data. Every node listens on 127.0.0.1 only, speaks SphinxQL
(the MySQL protocol), and writes its pid, logs and data under its own directory.

Why plain indexes and not RT: on 2.2.11 RT indexes do not keep field lengths, so BM25F with b > 0
comes out near 0 (NaN once data reaches a disk chunk); plain indexes rank with Fahras's BM25F
(docs/scaling.md has the measurement).
"""

from __future__ import annotations

import pathlib
import sys

from indexer.sources import MAX_FIELD_CHARS
from search.sphinx_backend.tokens import CHARSET_TABLE

# Full-text fields in feed order; ``meta`` holds facet-value keywords (see tokens.meta_term).
FIELDS = ("title", "body", "title_exact", "body_exact", "roots", "meta")
# (name, xmlpipe2 type): what filters, sorting and facets read.
ATTRS = (
    ("date", "bigint"),  # seconds since 1970 (UTC wall clock as published), 0: no date
    ("has_date", "int"),
    ("year", "int"),
    ("month", "int"),  # YYYYMM
    ("hijri_year", "int"),  # the Umm al-Qura year (indexer/hijri.py), 0: none
    ("section", "string"),
    ("source", "string"),
    ("author", "string"),
    ("story", "bigint"),  # the story's number (importer.doc_number of its id): GROUP BY collapses on it
    # Import order (generation << 32 | position): ties are broken by it, as Whoosh breaks them by
    # document number, which follows import order.
    ("seq", "bigint"),
    # The lead's distinct stems (indexer/documents.py: lead_of), space-joined as Sphinx spells them:
    # read with the candidates a query's top is scored again from, for the lead factor
    # (rescore.py); never filtered or matched on.
    ("lead", "string"),
)
INDEXES = ("main", "delta")
DISTRIBUTED = "fahras"
HOST = "127.0.0.1"
DEFAULT_PORT_BASE = 9410  # a local cluster's coordinator port (its shards take the next ones)
# Agents that do not connect or answer within these limits are left out of the answer, which is
# then marked partial (the query's own max_query_time bounds the search itself).
AGENT_CONNECT_TIMEOUT_MS = 500
AGENT_QUERY_TIMEOUT_MS = 3000
# A timed statement's agents wait its deadline's time left plus this (searcher._select): their
# max_query_time stops the matching, not the sending and merging of what they found.
AGENT_REPLY_MARGIN_MS = 500
MAX_BATCH_QUERIES = 64  # statements one round trip may carry (searchd refuses more)
# Bytes one fed field may hold. `indexer` cuts an xmlpipe2 field at 2 MB by default, which left a
# body past ~1 M characters searchable on its beginning only; the import accepts MAX_FIELD_CHARS
# characters a field, and a fed field holds at most 5 bytes a character (UTF-8 up to 4, plus the
# 3-byte mark of an exact form or root at most every other character).
MAX_FED_FIELD_BYTES = 5 * MAX_FIELD_CHARS


def _searchd_section(node_dir: pathlib.Path, port: int, api_port: int | None = None) -> str:
    # Agents speak Sphinx's binary API to each other, clients SphinxQL: a shard listens on both.
    api = f"\n    listen = {HOST}:{api_port}" if api_port else ""
    return f"""searchd
{{
    listen = {HOST}:{port}:mysql41{api}
    log = {node_dir / 'searchd.log'}
    query_log = {node_dir / 'query.log'}
    pid_file = {node_dir / 'searchd.pid'}
    binlog_path =
    workers = threads
    max_children = 64
    read_timeout = 5
    client_timeout = 300
    seamless_rotate = 1
    preopen_indexes = 1
    unlink_old = 1
    max_filter_values = 16384
    max_batch_queries = {MAX_BATCH_QUERIES}
    # Facet values are grouped as stored: the default (libc_ci) folds case, so "CNN" and "cnn"
    # were one author.
    collation_server = binary
}}
"""


def feed_command(store: pathlib.Path, part: str) -> str:
    """The shell command ``indexer`` runs to read one part (``main``/``delta``) of a store."""
    return f"{sys.executable} -m search.sphinx_backend.feed --store {store} --part {part}"


def shard_config(node_dir: pathlib.Path, port: int, api_port: int, global_idf: pathlib.Path) -> str:
    """``searchd``/``indexer`` configuration of one shard node."""
    store = node_dir / "store.sqlite"
    data = node_dir / "data"
    parts = []
    for name in INDEXES:
        parts.append(f"""source {name}_src
{{
    type = xmlpipe2
    xmlpipe_command = {feed_command(store, name)}
    xmlpipe_fixup_utf8 = 0
}}

index {name}
{{
    source = {name}_src
    path = {data / name}
    docinfo = extern
    dict = keywords
    charset_table = {CHARSET_TABLE}
    min_word_len = 1
    index_field_lengths = 1
    html_strip = 0
    global_idf = {global_idf}
}}
""")
    parts.append(f"""indexer
{{
    mem_limit = 256M
    max_xmlpipe2_field = {MAX_FED_FIELD_BYTES}
}}
""")
    parts.append(_searchd_section(node_dir, port, api_port))
    return "\n".join(parts)


def coordinator_config(node_dir: pathlib.Path, port: int, shard_api_ports: list[int]) -> str:
    """Configuration of the coordinator: a distributed index over every shard's main + delta
    (agents are reached on their binary API ports)."""
    agents = "\n".join(f"    agent = {HOST}:{p}:{','.join(INDEXES)}" for p in shard_api_ports)
    return f"""index {DISTRIBUTED}
{{
    type = distributed
{agents}
    agent_connect_timeout = {AGENT_CONNECT_TIMEOUT_MS}
    agent_query_timeout = {AGENT_QUERY_TIMEOUT_MS}
}}

{_searchd_section(node_dir, port)}"""
