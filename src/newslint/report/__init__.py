"""`newslint report`: check an archive on all cores (or a Dask cluster), cache results in SQLite,
and write report.html, findings.csv and findings.parquet."""

from __future__ import annotations

from .options import ArchiveFields, LinterOptions, ReportError, ReportOptions, ruleset_version
from .runner import Progress, RunSummary, default_jobs, run_report

__all__ = ["ArchiveFields", "LinterOptions", "Progress", "ReportError", "ReportOptions", "RunSummary",
           "default_jobs", "run_report", "ruleset_version"]
