"""`newslint serve`: the editor web page and the HTTP API (needs the `serve` extra)."""

from __future__ import annotations

from .app import DEFAULT_MAX_BYTES, create_app

__all__ = ["DEFAULT_MAX_BYTES", "create_app"]
