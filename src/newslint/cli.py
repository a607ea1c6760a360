"""Command line: the only module that prints or exits."""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import NewslintError
from .model import Severity

app = typer.Typer(
    name="newslint",
    help="Lint machine-translated news: misspelled names, garbled set phrases, wrong organisation names, text damage.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class OutputFormat(str, Enum):
    """--format choices (kept equal to reporters.REPORTERS keys by a test)."""

    text = "text"
    json = "json"


class FailOn(str, Enum):
    """--fail-on threshold."""

    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class ColorMode(str, Enum):
    """--color choices."""

    auto = "auto"
    always = "always"
    never = "never"


def _split(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _err(message: str) -> None:
    sys.stderr.write(f"newslint: {message}\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newslint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """newslint: a linter for machine-translated and machine-rewritten news."""


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .md found recursively); '-' reads standard input.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.text,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules: ids, id prefixes (NL1) or names; comma-separated or repeated.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules: ids, id prefixes or names.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity exists.")] = FailOn.warning,
    article_date: Annotated[Optional[str], typer.Option("--date", help="Article date (YYYY-MM-DD) for date-dependent checks.")] = None,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra dictionary file or folder: .yaml, .csv, .jsonl (repeatable).")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print the number of findings per rule at the end.")] = False,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour the text output.")] = ColorMode.auto,
    stdin_filename: Annotated[str, typer.Option("--stdin-filename", help="Name used for standard input in the output.")] = "<stdin>",
) -> None:
    """Check articles and report findings (exit 0 clean, 1 findings, 2 errors)."""
    from .api import Linter
    from .reporters import REPORTERS, Stats
    from .rules.registry import unknown_selectors
    from .sources import expand_paths, read_path, read_stdin

    when: date | None = None
    if article_date:
        try:
            when = date.fromisoformat(article_date)
        except ValueError:
            _err(f"error: --date must be YYYY-MM-DD, got {article_date!r}")
            raise typer.Exit(EXIT_ERROR) from None
    try:
        linter = Linter(select=_split(select), ignore=_split(ignore), rule_paths=rules or [], dictionary_paths=dictionary or [])
        if any(r.spec.kind == "names" for r in linter.engine.rules):
            linter.resources.names  # load dictionaries now: a malformed one is a config error  # noqa: B018
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    for pattern in unknown_selectors(linter.specs, (_split(select) or []) + (_split(ignore) or [])):
        _err(f"warning: '{pattern}' selects no rule")

    use_color = color is ColorMode.always or (color is ColorMode.auto and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    reporter = REPORTERS[output_format.value](sys.stdout, color=use_color, show_statistics=statistics)
    stats = Stats()
    threshold = None if fail_on is FailOn.never else Severity(fail_on.value).rank
    failing = False
    reporter.start()
    files = expand_paths([Path(p) for p in paths if p != "-"])
    inputs: list[tuple[str, Path | None]] = [("-", None)] if "-" in paths else []
    inputs += [(str(p), p) for p in files]
    for name, path in inputs:
        try:
            doc = read_stdin(sys.stdin.buffer.read(), stdin_filename) if path is None else read_path(path)
        except NewslintError as exc:
            stats.errors += 1
            _err(f"error: {exc}")
            reporter.input_error(exc.path, exc.message)
            continue
        stats.files += 1
        if not doc.text.strip():
            _err(f"{doc.path}: empty file, nothing to check")
        findings = linter.check_document(doc, when)
        for f in findings:
            stats.findings += 1
            stats.by_rule[f.rule_id] += 1
            stats.by_severity[f.severity.value] += 1
            if threshold is not None and f.severity.rank >= threshold:
                failing = True
        reporter.file(doc, findings)
    reporter.finish(stats)
    sys.stdout.flush()
    if stats.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@app.command("rules")
def list_rules(
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
) -> None:
    """List every rule: id, name, severity and what it flags."""
    from .api import Linter

    try:
        linter = Linter(rule_paths=rules or [], select=["ALL"])
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    for spec in sorted(linter.specs, key=lambda s: s.id):
        summary = spec.description.split(". ")[0].strip().rstrip(".") if spec.description else spec.message
        typer.echo(f"{spec.id}  {spec.name:<28} {spec.severity.value:<8} {summary}")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 unless others must reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0 picks a free one).", min=0, max=65535)] = 8000,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest request body accepted (413 beyond).", min=1)] = 2 * 1024 * 1024,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra dictionary file or folder (repeatable).")] = None,
) -> None:
    """Serve the editor web page and the HTTP API (needs: pip install 'newslint[serve]')."""
    try:
        from .api import Linter
        from .server import create_app
        from .server.runner import allowed_hosts_for, bind_socket, make_server, url_of
    except ImportError as exc:
        _err(f"error: `newslint serve` needs the serve extra: pip install 'newslint[serve]' ({exc})")
        raise typer.Exit(EXIT_ERROR) from None
    try:
        linter = Linter(rule_paths=rules or [], dictionary_paths=dictionary or [])
        app_ = create_app(linter, max_bytes=max_bytes, allowed_hosts=allowed_hosts_for(host))
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        _err(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR) from None
    if allowed_hosts_for(host) is None:
        _err(f"warning: listening on {host}: every machine that can reach this address can use the page and the API")
    typer.echo(f"newslint serve: {url_of(sock)}  (API description: {url_of(sock)}openapi.json; Ctrl+C stops)")
    make_server(app_).run(sockets=[sock])


def main() -> None:
    """Entry point of the `newslint` command."""
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
