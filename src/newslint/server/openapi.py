"""The OpenAPI 3.1 description of the HTTP API, served at /openapi.json (written by hand)."""

from __future__ import annotations

from typing import Any

_REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    text = {
        400: "Malformed JSON, an empty body or a bad header.",
        413: "The request body is larger than the server's limit.",
        415: "Wrong content type or unsupported file type.",
        422: "A field is missing or has the wrong type or value; `error.field` names it.",
        500: "Internal error (no details are sent; they are in the server log).",
    }
    return {str(s): _json(_ref("Error"), text[s]) for s in statuses}


_LINT_PROPERTIES: dict[str, Any] = {
    "text": {"type": "string", "description": "The article: plain text, Markdown or HTML source."},
    "format": {"type": "string", "enum": ["txt", "md", "html"], "default": "txt",
               "description": "How to read `text`; offsets in findings always point into `text` itself."},
    "date": {"type": ["string", "null"], "format": "date", "description": "Article date (YYYY-MM-DD) for date-dependent checks."},
    "select": {"type": ["array", "null"], "items": {"type": "string"},
               "description": "Only these rules: ids, id prefixes (NL1) or names."},
    "ignore": {"type": ["array", "null"], "items": {"type": "string"}, "description": "Skip these rules."},
    "accept": {"type": ["array", "null"], "items": {"type": "string", "maxLength": 200}, "maxItems": 10000,
               "description": "Words and names never flagged (whole words, any case), as the config's `accept` / `accept-file`."},
}


def openapi_document(version: str, max_bytes: int) -> dict[str, Any]:
    """The API description for this server (request size limit included)."""
    finding = {
        "type": "object",
        "description": "One finding; the same object as in `newslint check --format json`. Offsets are code points.",
        "required": ["rule_id", "rule_name", "severity", "message", "start", "end", "line", "column",
                     "end_line", "end_column", "matched", "suggestions", "fix", "fix_safe", "source"],
        "properties": {
            "rule_id": {"type": "string", "examples": ["NL101"]},
            "rule_name": {"type": "string", "examples": ["misspelled-name"]},
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "start": {"type": "integer", "minimum": 0},
            "end": {"type": "integer", "minimum": 0},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1},
            "end_column": {"type": "integer", "minimum": 1},
            "matched": {"type": "string"},
            "suggestions": {"type": "array", "items": {"type": "string"}, "description": "Ranked; '' means delete."},
            "fix": {"oneOf": [{"type": "null"}, _ref("Fix")]},
            "fix_safe": {"type": "boolean"},
            "source": {"type": "string"},
        },
    }
    check_result = {
        "type": "object",
        "required": ["schema_version", "tool", "format", "article_date", "front_matter_date", "findings", "summary",
                     "warnings", "view"],
        "properties": {
            "schema_version": {"type": "integer", "const": 1},
            "tool": {"type": "object", "properties": {"name": {"type": "string"}, "version": {"type": "string"}}},
            "format": {"type": "string", "enum": ["txt", "md", "html"]},
            "article_date": {"type": ["string", "null"], "format": "date",
                             "description": "The date the checks used: the request's `date`, else the front matter's."},
            "front_matter_date": {"type": ["string", "null"], "format": "date",
                                  "description": "Markdown: the front matter's `date` (or `published`)."},
            "findings": {"type": "array", "items": _ref("Finding")},
            "summary": {
                "type": "object",
                "properties": {
                    "findings": {"type": "integer"},
                    "by_severity": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "by_rule": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
            },
            "warnings": {"type": "array", "items": {"type": "string"}, "description": "E.g. a selector that selects no rule."},
            "view": {
                "type": ["array", "null"],
                "description": (
                    "Markdown and HTML (null for plain text): what a reader sees, as segments [shown, start, end] in "
                    "source order covering the whole text; `shown` is displayed for the source code points [start, end). "
                    "A segment whose `shown` has the source's length maps character by character; any other (a decoded "
                    "entity, hidden markup shown as a space, a line break or nothing) stands for its range as a whole."),
                "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer", "minimum": 0},
                                                           {"type": "integer", "minimum": 0}], "minItems": 3, "maxItems": 3},
            },
        },
    }
    fix_result = {
        "allOf": [
            _ref("CheckResult"),
            {
                "type": "object",
                "required": ["text", "changed", "converged", "passes", "applied", "failing_rules"],
                "properties": {
                    "text": {"type": "string", "description": "The corrected text; `findings` are those left in it."},
                    "changed": {"type": "boolean"},
                    "converged": {"type": "boolean", "description": "False when fixes kept changing the text; then `text` is the original."},
                    "passes": {"type": "integer"},
                    "applied": {"type": "integer"},
                    "failing_rules": {"type": "array", "items": {"type": "string"}},
                },
            },
        ]
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "newslint HTTP API",
            "version": version,
            "description": (
                "Check machine-translated news copy and apply fixes. Request bodies are limited to "
                f"{max_bytes} bytes (413 beyond). Errors are JSON: {{\"error\": {{\"status\", \"message\", \"field\"?}}}}. "
                "The server never reads files named by a request."
            ),
        },
        "paths": {
            "/api/check": {
                "post": {
                    "summary": "Check an article",
                    "operationId": "check",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CheckRequest")}}},
                    "responses": {"200": _json(_ref("CheckResult"), "Findings sorted by position."), **_errors(400, 413, 422, 500)},
                }
            },
            "/api/fix": {
                "post": {
                    "summary": "Apply fixes and re-check",
                    "description": (
                        "Without `edits`: apply the safe fixes (and the unsafe ones with `unsafe: true`) until the text is "
                        "stable. With `edits`: apply exactly those replacements (code-point offsets into `text`, not overlapping)."
                    ),
                    "operationId": "fix",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("FixRequest")}}},
                    "responses": {"200": _json(_ref("FixResult"), "The corrected text and what is left."), **_errors(400, 413, 422, 500)},
                }
            },
            "/api/upload": {
                "post": {
                    "summary": "Check an uploaded article file (.txt, .md, .html)",
                    "description": "The file's bytes are decoded (UTF-8) and read by the reader for its suffix; nothing is stored.",
                    "operationId": "upload",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {
                                        "file": {"type": "string", "contentMediaType": "application/octet-stream"},
                                        "date": {"type": "string", "format": "date"},
                                        "select": {"type": "string", "description": "Comma-separated."},
                                        "ignore": {"type": "string", "description": "Comma-separated."},
                                        "accept": {"type": "string", "description": "Accepted words or names, one per line."},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": _json({"allOf": [_ref("CheckResult"), {"type": "object", "properties": {
                            "filename": {"type": "string"}, "text": {"type": "string"}}}]},
                            "The decoded text and its findings."),
                        **_errors(400, 413, 415, 422, 500),
                    },
                }
            },
            "/api/rules": {
                "get": {
                    "summary": "List the rules",
                    "operationId": "rules",
                    "responses": {"200": _json({"type": "object", "properties": {
                        "schema_version": {"type": "integer"}, "rules": {"type": "array", "items": _ref("Rule")}}}, "Every loaded rule.")},
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness check",
                    "operationId": "healthz",
                    "responses": {"200": _json({"type": "object", "properties": {
                        "status": {"type": "string", "const": "ok"}, "version": {"type": "string"},
                        "rules": {"type": "integer"}}}, "The server is up.")},
                }
            },
            "/openapi.json": {
                "get": {"summary": "This description", "operationId": "openapi",
                        "responses": {"200": {"description": "OpenAPI 3.1 document."}}}
            },
        },
        "components": {
            "schemas": {
                "CheckRequest": {"type": "object", "required": ["text"], "additionalProperties": False,
                                 "properties": _LINT_PROPERTIES},
                "FixRequest": {
                    "type": "object", "required": ["text"], "additionalProperties": False,
                    "properties": {
                        **_LINT_PROPERTIES,
                        "unsafe": {"type": "boolean", "default": False, "description": "Also apply unsafe fixes."},
                        "edits": {"type": ["array", "null"], "items": _ref("Edit")},
                    },
                },
                "Edit": {
                    "type": "object", "required": ["start", "end"], "additionalProperties": False,
                    "properties": {"start": {"type": "integer", "minimum": 0}, "end": {"type": "integer", "minimum": 0},
                                   "replacement": {"type": "string", "default": ""}},
                },
                "Fix": {
                    "type": "object",
                    "properties": {
                        "applicability": {"type": "string", "enum": ["safe", "unsafe", "display-only"]},
                        "title": {"type": "string"},
                        "edits": {"type": "array", "items": _ref("Edit")},
                    },
                },
                "Finding": finding,
                "CheckResult": check_result,
                "FixResult": fix_result,
                "Rule": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"},
                        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
                        "family": {"type": "string", "enum": ["names", "phrases", "damage", "attribution", "grammar", "other"]},
                        "enabled": {"type": "boolean", "description": "Runs without --select."},
                        "message": {"type": "string"}, "description": {"type": "string"},
                    },
                },
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": {"error": {"type": "object", "required": ["status", "message"], "properties": {
                        "status": {"type": "integer"}, "message": {"type": "string"}, "field": {"type": "string"}}}},
                },
            }
        },
    }
