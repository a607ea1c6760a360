"""JSON: one document with every file's findings (schema version 1, docs/json-schema.json)."""

from __future__ import annotations

import json
from typing import Any

from ..document import Document
from ..model import Finding
from .base import Reporter, Stats

SCHEMA_VERSION = 1


class JsonReporter(Reporter):
    """Collects everything and writes one JSON object at the end."""

    def start(self) -> None:
        self._files: list[dict[str, Any]] = []
        self._errors: list[dict[str, str]] = []

    def file(self, doc: Document, findings: list[Finding]) -> None:
        entry: dict[str, Any] = {"path": doc.path, "kind": doc.kind, "findings": [f.to_dict() for f in findings]}
        if doc.article_date is not None:
            entry["article_date"] = doc.article_date.isoformat()
        if "archive" in doc.meta:
            entry["archive"] = doc.meta["archive"]
            entry["record"] = doc.meta.get("record", "")
        self._files.append(entry)

    def input_error(self, path: str, message: str) -> None:
        self._errors.append({"path": path, "message": message})

    def finish(self, stats: Stats) -> None:
        from .. import __version__

        payload = {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "newslint", "version": __version__},
            "files": self._files,
            "errors": self._errors,
            "summary": {
                "files": stats.files,
                "findings": stats.findings,
                "by_severity": dict(stats.by_severity),
                "by_rule": dict(stats.by_rule),
                "errors": stats.errors,
                "fixed": stats.fixed,
                "baselined": stats.baselined,
            },
        }
        json.dump(payload, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
