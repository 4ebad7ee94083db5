"""Security headers on every response, and CORS for the API when origins are configured.

The CSP allows scripts and styles from this site only: the templates have no inline script or
style attribute, so an article that smuggles markup into its title cannot run anything even if an
escaping bug let it through. ``frame-ancestors 'none'`` stops the site being framed (clickjacking).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def add_cors_headers(response: Response) -> Response:
    """Off unless ``FAHRAS_CORS_ORIGINS`` lists the origin (or ``*``); only the API calls this."""
    origin = request.headers.get("Origin")
    allowed = current_app.config["FAHRAS_CORS_ORIGINS"]
    if not origin or not allowed:
        return response
    if "*" in allowed:
        response.headers["Access-Control-Allow-Origin"] = "*"
    elif origin in allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.vary.add("Origin")
    else:
        return response
    response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response.headers["Access-Control-Max-Age"] = "600"
    response.headers["Access-Control-Expose-Headers"] = "Retry-After"
    return response


def install(app: Flask) -> None:
    app.after_request(add_security_headers)
