"""Pages and JSON compressed for the clients that accept it (zstd, brotli, gzip: flask-compress).

A results page is ~40 KB of HTML, most of it the links of facets and pages, each repeating the
query: 5-6× smaller compressed (42 KB → 7 KB with gzip on the 31k archive's «النفط»), and a page
for a query at its 2,000-character limit, ~1 MB of repeated links, shrinks the most. The JSON
search answer is ~4× smaller. Off with ``FAHRAS_COMPRESS=0`` when a proxy in front compresses.
Errors and redirects are left as they are (flask-compress compresses 2xx answers only), and so
are static files, which the browser caches.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

# What is compressed: the pages, the JSON, and the site's own script and style.
MIMETYPES = ["text/html", "application/json", "text/css", "text/javascript", "application/javascript"]
# Below this many bytes an answer gains nothing worth a client's decoding.
MIN_SIZE = 1024


def install(app: Flask) -> None:
    """Compress ``app``'s answers when ``FAHRAS_COMPRESS`` is on. Registered before the other
    after-request hooks, so that it runs after them on the finished response."""
    if not app.config["FAHRAS_COMPRESS"]:
        return
    app.config.update(
        COMPRESS_MIMETYPES=MIMETYPES,
        COMPRESS_MIN_SIZE=MIN_SIZE,
        # zstd and brotli where the client offers them (current browsers), gzip for the rest
        # (curl --compressed, requests, urllib3); not deflate, whose two framings clients confuse.
        COMPRESS_ALGORITHM=["zstd", "br", "gzip"],
        COMPRESS_STREAMS=False,
    )
    Compress(app)
