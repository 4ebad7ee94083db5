"""The gunicorn application behind ``fahras serve``: one Flask app, explicit settings.

gunicorn's ``BaseApplication`` rather than its command line, so that the app comes from
``create_app`` with the options ``fahras serve`` was given and nothing is read from ``sys.argv``.
"""

from __future__ import annotations

from flask import Flask
from gunicorn.app.base import BaseApplication


class FahrasServer(BaseApplication):
    """A gunicorn application serving one Flask app with explicit settings."""

    def __init__(self, app: Flask, options: dict) -> None:
        self.application, self.options = app, options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application
