"""newslint: a linter for machine-translated and machine-rewritten news."""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Linter, check_text  # noqa: E402
from .model import Applicability, Edit, Finding, Fix, Severity, Span  # noqa: E402

__all__ = ["Applicability", "Edit", "Finding", "Fix", "Linter", "Severity", "Span", "__version__", "check_text"]
