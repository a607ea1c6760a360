"""Command line: the only module that prints or exits."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .document import Document
from .errors import NewslintError
from .model import Applicability, Severity

if TYPE_CHECKING:
    from .batch import InputProblem, Notice

app = typer.Typer(
    name="newslint",
    help="Lint machine-translated news: misspelled names, garbled set phrases, wrong organisation names, text damage.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # -h as --help for every command
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _format_enum() -> type[Enum]:
    from .reporters import REPORTERS

    return Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)  # type: ignore[return-value]


OutputFormat = _format_enum()
"""--output-format choices: the keys of reporters.REPORTERS."""


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
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .md, .html found recursively), .jsonl/.csv archives (optionally .gz); '-' reads standard input.")],
    output_format: Annotated[Optional[OutputFormat], typer.Option("--output-format", "--format", "-f", help="Output format (default: text; github under GitHub Actions).")] = None,  # type: ignore[valid-type]
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules: ids, id prefixes (NL1) or names; comma-separated or repeated. Replaces the config's select.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules: ids, id prefixes or names. Added to the config's ignore.")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Exit 1 when a finding at or above this severity exists (default: the config's fail-on, else warning).")] = None,
    article_date: Annotated[Optional[str], typer.Option("--date", help="Article date (YYYY-MM-DD) for date-dependent checks; wins over front matter and config.")] = None,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra dictionary file or folder: .yaml, .csv, .jsonl (repeatable).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Use this config file (newslint.yaml or a pyproject.toml) for every input; no discovery.")] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore every config file (defaults and command-line options only).")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place (re-checked until stable; written atomically).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="With --fix or --diff: also apply fixes that need a human check.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing (exit 1 when there is a change).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Print the number of findings per rule at the end.")] = False,
    color: Annotated[ColorMode, typer.Option("--color", help="Colour the text output (auto: on a terminal, or when FORCE_COLOR is set; never when NO_COLOR is set).")] = ColorMode.auto,
    show_source: Annotated[bool, typer.Option("--show-source", help="Text output: show each finding's line with a caret under the span.")] = False,
    stdin_filename: Annotated[str, typer.Option("--stdin-filename", help="Name of standard input in the output; its suffix (.md, .html) chooses the reader and it places config discovery.")] = "<stdin>",
    text_field: Annotated[str, typer.Option("--text-field", help="Archives: the field (JSON Lines) or column (CSV) holding the article text.")] = "text",
    id_field: Annotated[Optional[str], typer.Option("--id-field", help="Archives: the field naming each record (output path 'archive.jsonl:<id>'; default: the line number).")] = None,
    date_field: Annotated[Optional[str], typer.Option("--date-field", help="Archives: the field with each article's date (ISO date/datetime or epoch seconds; dotted path allowed) for date-dependent checks.")] = None,
    grammar: Annotated[Optional[str], typer.Option("--grammar", help="Switch on an optional grammar backend: languagetool or harper (NL5xx rules).")] = None,
    languagetool_url: Annotated[Optional[str], typer.Option("--languagetool-url", help="LanguageTool server to use (implies --grammar languagetool).")] = None,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="Exit 0 when the paths hold no file to check (default: exit 2, so a CI job cannot pass by checking nothing).")] = False,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Gitignore-style patterns of files and folders not to check (relative to the current folder); replaces the config's exclude and the defaults (.*, node_modules/, __pycache__/).")] = None,
    extend_exclude: Annotated[Optional[list[str]], typer.Option("--extend-exclude", help="Patterns excluded in addition to the config's exclude.")] = None,
    respect_gitignore: Annotated[Optional[bool], typer.Option("--respect-gitignore/--no-respect-gitignore", help="Leave out what .gitignore files exclude (default: yes, inside a git work tree).", show_default=False)] = None,
    force_exclude: Annotated[Optional[bool], typer.Option("--force-exclude/--no-force-exclude", help="Apply exclusions to paths named on the command line too (pre-commit and CI pass files by name).", show_default=False)] = None,
    vale_config: Annotated[Optional[Path], typer.Option("--vale-config", help="Also run the Vale styles of this .vale.ini (findings named Style.Rule); wins over the config's vale key.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores, or 1 for a small batch); 1 checks in this process. The output is the same.")] = None,
    deep: Annotated[bool, typer.Option("--deep", help="Switch on the wording model: swapped words and spun articles (NL210, NL211; needs the deep extra).")] = False,
    deep_model: Annotated[Optional[str], typer.Option("--deep-model", help="Wording model for --deep: smollm2 (default) or a path to a .gguf file (implies --deep).")] = None,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Do not report the findings recorded in this baseline file (default: the config's baseline).")] = None,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Report every finding, ignoring the config's baseline.")] = False,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record every current finding in this baseline file (matched by rule, file and text, not line) and report none.")] = None,
) -> None:
    """Check articles and report findings (exit 0 clean, 1 findings, 2 errors)."""
    from .batch import InputProblem, Item, Job, Notice, Work, WorkerDied, batch_jobs, chunk_size_for
    from .batch import run as run_batch
    from .baseline import BaselineRun
    from .config import CheckerPool, Config, Overrides, Settings, check_selectors, config_for, settings_for
    from .exclude import ExcludeOptions, ExcludeSettings, pattern_error, walk
    from .exclude import settings_from as exclusion_from
    from .reporters import REPORTERS, Stats
    from .sources import CHECKED_SUFFIXES, MAX_FILE_BYTES, read_stdin

    cli_date: date | None = None
    if article_date:
        try:
            cli_date = date.fromisoformat(article_date)
        except ValueError:
            _err(f"error: --date must be YYYY-MM-DD, got {article_date!r}")
            raise typer.Exit(EXIT_ERROR) from None
    if fix and diff:
        _err("error: use either --fix (write the fixes) or --diff (show them), not both")
        raise typer.Exit(EXIT_ERROR)
    if config is not None and no_config:
        _err("error: --config and --no-config exclude each other")
        raise typer.Exit(EXIT_ERROR)
    if write_baseline is not None and (fix or diff):
        _err("error: --write-baseline records findings; run --fix or --diff separately")
        raise typer.Exit(EXIT_ERROR)
    if baseline is not None and no_baseline:
        _err("error: --baseline and --no-baseline exclude each other")
        raise typer.Exit(EXIT_ERROR)
    overrides = Overrides(
        select=tuple(_split(select) or ()) if select else None,
        ignore=tuple(_split(ignore) or ()),
        rules=tuple(p.resolve() for p in rules or []),
        dictionaries=tuple(p.resolve() for p in dictionary or []),
        date=cli_date,
        fail_on=fail_on.value if fail_on is not None else None,
        vale=vale_config.resolve() if vale_config is not None else None,
        deep=deep,
        deep_model=deep_model,
    )
    fmt = output_format.value if output_format is not None else ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    pool = CheckerPool(grammar, languagetool_url)
    validated: set[tuple[str, int]] = set()
    used_specs: dict[str, object] = {}
    known_settings: dict[Settings, Settings] = {}  # one object per distinct settings: sent to workers once per chunk
    stdin_fix = fix and "-" in paths
    # with --fix on standard input the fixed text goes to stdout, so the findings go to stderr
    data_out = sys.stderr if stdin_fix else sys.stdout
    from .reporters.text import colour_wanted

    use_color = fmt == "text" and colour_wanted(color.value, data_out)
    reporter = REPORTERS[fmt](data_out, color=use_color, show_statistics=statistics, show_source=show_source)
    stats = Stats()
    known = BaselineRun(baseline, no_baseline, write_baseline)
    baseline_of: dict[str, Path | None] = {}  # config source -> its `baseline:`
    failing = False
    changed_any = False
    job = Job(fix=fix, diff=diff, unsafe_fixes=unsafe_fixes, date=cli_date, stdin_fix=stdin_fix)

    def settings_of(where: Path | None) -> tuple[Config, Settings | None, list[Notice]]:
        """Config + command line for one input; a config or rule error stops the run (a fatal Notice)."""
        try:
            conf = Config() if no_config else config_for(where, config)
            settings = settings_for(conf, where, overrides)
            if settings in known_settings:
                return conf, known_settings[settings], []
            checker = pool.get(settings)
        except NewslintError as exc:
            return Config(), None, [Notice(f"error: {exc}", fatal=True)]
        if (conf.source, id(checker)) not in validated:
            validated.add((conf.source, id(checker)))
            try:
                check_selectors(conf, overrides, checker.engine.all_specs)  # a typo must not select nothing
            except NewslintError as exc:
                return Config(), None, [Notice(f"error: {exc}", fatal=True)]
        known_settings[settings] = settings
        baseline_of[conf.source] = conf.baseline
        for spec in checker.engine.specs:
            used_specs.setdefault(spec.id, spec)
        return conf, settings, []

    def inputs(files: list[Path], raw_stdin: bytes | None) -> Iterator[Item]:
        """Every input in order, each with its settings (resolved, and its checker built, as it is
        yielded), and the notices and unreadable archive records between them."""
        if raw_stdin is not None:
            conf, settings, notices = settings_of(stdin_where)
            yield from notices
            if settings is None:
                return
            try:
                doc = read_stdin(raw_stdin, stdin_filename)
            except NewslintError as exc:
                yield InputProblem(exc.path, exc.message, exc.line)
            else:
                yield Work(settings, conf.date, doc=doc)
        for path in files:
            conf, settings, notices = settings_of(path)
            yield from notices
            if settings is None:
                return
            if is_archive_path(path):
                for record in archive_records(path, text_field, id_field, date_field):
                    yield Work(settings, conf.date, doc=record) if isinstance(record, Document) else record
            else:
                yield Work(settings, conf.date, path=path)

    def input_error(problem: InputProblem) -> None:
        stats.errors += 1
        exc = problem.error()
        _err(f"error: {exc}")
        reporter.input_error(exc.path, exc.message)

    exclude_cli = ExcludeOptions(
        exclude=tuple(_split(exclude) or ()) if exclude else None, extend_exclude=tuple(_split(extend_exclude) or ()),
        respect_gitignore=respect_gitignore, force_exclude=force_exclude)
    for option, patterns in (("--exclude", exclude_cli.exclude or ()), ("--extend-exclude", exclude_cli.extend_exclude)):
        for pattern in patterns:
            why = pattern_error(pattern)
            if why is not None:
                _err(f"error: {option}: pattern {pattern!r} is not usable: {why}")
                raise typer.Exit(EXIT_ERROR)
    cwd = Path.cwd()
    exclusions: dict[object, ExcludeSettings] = {}

    def exclusion_for(folder: Path) -> ExcludeSettings:
        """Exclusion settings of the config that applies in `folder`."""
        try:
            conf = Config() if no_config else config_for(folder, config)
        except NewslintError as exc:
            _err(f"error: {exc}")
            raise typer.Exit(EXIT_ERROR) from None
        if conf not in exclusions:
            exclusions[conf] = exclusion_from(conf, exclude_cli, cwd)
        return exclusions[conf]

    reporter.start()
    excluded = 0
    stdin_where = Path(stdin_filename) if stdin_filename != "<stdin>" else None
    raw_stdin: bytes | None = None
    if "-" in paths:
        stdin_rules = exclusion_for(Path(os.path.abspath(stdin_where)).parent) if stdin_where is not None else None
        raw_stdin = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # bounded, like files
        if stdin_where is not None and stdin_rules is not None and stdin_rules.force_exclude \
                and stdin_rules.excluded(Path(os.path.abspath(stdin_where)), False):
            excluded += 1  # as ruff: an excluded --stdin-filename is not checked (with --fix: passed through)
            if stdin_fix:
                sys.stdout.buffer.write(raw_stdin)
            raw_stdin = None
    expanded = walk([Path(p) for p in paths if p != "-"], CHECKED_SUFFIXES, exclusion_for)
    excluded += expanded.excluded
    files = expanded.files
    workers = batch_jobs(files, requested=jobs, stdin=raw_stdin is not None)
    try:
        with contextlib.closing(run_batch(inputs(files, raw_stdin), job, pool, workers,
                                          chunk_size_for(files, workers))) as results:
            for item, outcome in results:
                if isinstance(item, Notice):
                    _err(item.message)
                    if item.fatal:
                        raise typer.Exit(EXIT_ERROR)
                    continue
                if isinstance(item, InputProblem):
                    input_error(item)
                    continue
                assert outcome is not None and isinstance(item, Work)
                for stream, text in outcome.messages:
                    if stream == "err":
                        _err(text)
                    else:
                        sys.stdout.write(text)
                if outcome.problem is not None:
                    input_error(outcome.problem)
                    continue
                assert outcome.doc is not None
                stats.files += 1
                stats.errors += outcome.errors
                stats.fixed += outcome.fixed
                changed_any = changed_any or outcome.changed
                findings, fixable = outcome.findings, outcome.fixable
                try:
                    findings = known.filter(outcome.doc, findings, baseline_of.get(item.settings.source))
                except NewslintError as exc:  # a missing or corrupt baseline file
                    _err(f"error: {exc}")
                    raise typer.Exit(EXIT_ERROR) from None
                if findings is not outcome.findings:
                    from .fixer import wanted_fixes

                    fixable = len(wanted_fixes(findings, unsafe_fixes))
                unsafe_only = 0 if unsafe_fixes else sum(1 for f in findings if f.fix is not None
                                                          and f.fix.applicability is Applicability.UNSAFE)
                stats.add(findings, fixable, unsafe_only)
                threshold = None if item.settings.fail_on == "never" else Severity(item.settings.fail_on).rank
                if threshold is not None and any(f.severity.rank >= threshold for f in findings):
                    failing = True
                if not diff and write_baseline is None:
                    reporter.file(outcome.doc, findings)
    except WorkerDied as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        sys.stdout.flush()
        _err("interrupted")
        raise typer.Exit(130) from None
    if stats.files == 0 and not stats.errors:
        _err(f"{'warning' if allow_empty else 'error'}: {nothing_to_check(paths, excluded)}"
             f"{'' if allow_empty else '; pass --allow-empty if that is expected'}")
        if not allow_empty:
            stats.errors += 1
    reporter.set_rules(list(used_specs.values()))  # type: ignore[arg-type]
    stats.baselined = known.baselined
    if known.writer is not None:
        try:
            recorded = known.writer.write()
        except OSError as exc:
            _err(f"error: cannot write the baseline {write_baseline}: {exc.strerror or exc}")
            raise typer.Exit(EXIT_ERROR) from None
        _err(f"wrote {recorded} finding{'s' if recorded != 1 else ''} of {stats.files} file{'s' if stats.files != 1 else ''} "
             f"to the baseline {write_baseline}")
    elif not diff:
        reporter.finish(stats)
    for line in known.summary():
        _err(line)
    if fix and stats.fixed:
        _err(f"fixed {stats.fixed} problem{'s' if stats.fixed != 1 else ''} in total")
    if stats.fixable and not fix and not diff and fmt != "text":  # (the text format's summary line says it)
        _err(f"{stats.fixable} finding{'s' if stats.fixable != 1 else ''} can be fixed with --fix"
             f"{' --unsafe-fixes' if unsafe_fixes else ''}")
    sys.stdout.flush()
    if stats.errors:
        raise typer.Exit(EXIT_ERROR)
    if diff:
        raise typer.Exit(EXIT_FINDINGS if changed_any else EXIT_CLEAN)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


def nothing_to_check(paths: list[str], excluded: int = 0) -> str:
    """Why a run checked nothing, for the one-line message."""
    from .sources import CHECKED_SUFFIXES

    shown = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
    left_out = f"{excluded} excluded by exclude patterns or .gitignore; " if excluded else ""
    return (f"no file to check in {shown} ({left_out}folders are searched for {' '.join(CHECKED_SUFFIXES)}; "
            "archives are checked only when named)")


def _preflight_deep(linter) -> None:  # type: ignore[no-untyped-def]
    """Load the wording model now when --deep is on, so that a bad model file is reported before
    the first article (once, as a warning; the other rules still run)."""
    for rule in linter.engine.rules:
        preflight = getattr(rule, "preflight", None)
        if preflight is not None and rule.spec.kind in ("replaced_word", "spun_article"):
            preflight()
            break


def is_archive_path(path: Path) -> bool:
    """JSON Lines or CSV archive (optionally gzipped), checked record by record."""
    from .sources.archive import is_archive

    return is_archive(path)


def archive_records(path: Path, text_field: str, id_field: Optional[str],
                    date_field: Optional[str] = None) -> Iterator[Document | InputProblem | Notice]:
    """Each record of an archive as a plain-text Document named 'archive:<id>' (or 'archive:<line>'),
    dated by its `date_field`, or the problem of a record that cannot be used, or a warning about a
    record's date, in record order. Offsets, lines and columns of its findings are relative to the
    record's text."""
    from .batch import InputProblem, Notice
    from .sources.archive import BadRecord, iter_records

    name = str(path)
    records = dated = 0
    try:
        for item in iter_records(path, text_field=text_field, id_field=id_field, date_field=date_field):
            if isinstance(item, BadRecord):
                yield InputProblem(name, f"record skipped: {item.reason}", item.line)
                continue
            record = item.id if id_field and item.id != f"{name}:{item.line}" else str(item.line)
            records += 1
            if item.date is not None or item.date_error:
                dated += 1
            if item.date_error:
                yield Notice(f"warning: {name}:{item.line}: {item.date_error}")
            yield Document(item.text, f"{name}:{record}", "text", article_date=item.date,
                           meta={"archive": name, "record": record, "line": str(item.line)})
    except NewslintError as exc:
        yield InputProblem(exc.path, exc.message, exc.line)
    if date_field and records and not dated:  # a misspelled --date-field must not pass silently
        from .sources.archive import sample_fields

        yield Notice(f"warning: {name}: no record has the date field '{date_field}' (fields: "
                     f"{', '.join(sample_fields(path)[:20]) or 'none'}); checked without dates")


@app.command("rules")
def list_rules(
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the full rule reference as Markdown (docs/rules.md).")] = False,
) -> None:
    """List every rule: id, name, severity and what it flags."""
    from .api import Linter

    try:
        linter = Linter(rule_paths=rules or [], select=["ALL"])
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    if markdown:
        from .docs_gen import document_rules, rules_markdown

        sys.stdout.write(rules_markdown(document_rules(linter.specs, linter.resources)))
        return
    for spec in sorted(linter.specs, key=lambda s: s.id):
        summary = spec.description.split(". ")[0].strip().rstrip(".") if spec.description else spec.message
        typer.echo(f"{spec.id}  {spec.name:<28} {spec.severity.value:<8} {summary}")


@app.command("packs")
def list_packs() -> None:
    """List the installed rule packs (entry point group newslint.packs): rules, dictionaries, and whether the config here enables them."""
    from . import packs as packs_module
    from .config import config_for

    try:
        enabled = set(config_for(None).packs)
    except NewslintError:
        enabled = set()  # the config's own error is `newslint check`'s to report
    entry_points = packs_module.entry_points()
    if not entry_points:
        typer.echo(f"no rule pack is installed (a pack is a Python package with an entry point in the group {packs_module.GROUP}; see docs/packs.md)")
        return
    broken = 0
    for ep in entry_points:
        try:
            pack = packs_module.load(ep)
        except NewslintError as exc:
            broken += 1
            _err(f"error: {exc}")
            continue
        rules, dicts = len(pack.rule_files()), len(pack.dictionary_files())
        state = "enabled here" if pack.name in enabled else "not enabled (add it to packs: in newslint.yaml)"
        typer.echo(f"{pack.name}  {pack.distribution} {pack.version}  {rules} rule{'s' if rules != 1 else ''}, "
                   f"{dicts} dictionar{'ies' if dicts != 1 else 'y'}  [{state}]" + (f"  {pack.description}" if pack.description else ""))
    if broken:
        raise typer.Exit(EXIT_ERROR)


@app.command()
def explain(
    rule: Annotated[str, typer.Argument(help="Rule id (NL101) or name (misspelled-name).")],
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
) -> None:
    """Explain a rule: what it flags and why, examples with their fixes, fix safety, options."""
    from .api import Linter
    from .docs_gen import document_rule, explain_text

    try:
        linter = Linter(rule_paths=rules or [], select=["ALL"])
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    wanted = rule.strip()
    spec = next((s for s in linter.specs if s.id == wanted.upper() or s.name == wanted.lower()), None)
    if spec is None:
        close = [s.id for s in linter.specs if s.id.startswith(wanted.upper()[:4])][:5]
        _err(f"error: no rule '{rule}'" + (f" (did you mean {', '.join(close)}?)" if close else "; `newslint rules` lists them"))
        raise typer.Exit(EXIT_ERROR)
    sys.stdout.write(explain_text(document_rule(spec, linter.resources)))


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Where to write the starter config.")] = Path("newslint.yaml"),
) -> None:
    """Write a commented starter newslint.yaml (never overwrites an existing file)."""
    from .config import STARTER

    if path.is_dir():
        path = path / "newslint.yaml"
    try:
        with open(path, "x", encoding="utf-8") as fh:
            fh.write(STARTER)
    except FileExistsError:
        _err(f"error: {path} already exists; not overwritten")
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        _err(f"error: cannot write {path}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR) from None
    _err(f"wrote {path}; edit it, then run `newslint check`")


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 unless others must reach it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0 picks a free one).", min=0, max=65535)] = 8000,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest request body accepted (413 beyond).", min=1)] = 2 * 1024 * 1024,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra dictionary file or folder (repeatable).")] = None,
    deep: Annotated[bool, typer.Option("--deep", help="Switch on the wording model: swapped words and spun articles (NL210, NL211; needs the deep extra).")] = False,
    deep_model: Annotated[Optional[str], typer.Option("--deep-model", help="Wording model for --deep: smollm2 (default) or a path to a .gguf file (implies --deep).")] = None,
) -> None:
    """Serve the editor web page and the HTTP API (needs the `serve` extra of newslint)."""
    try:
        from .api import Linter
        from .server import create_app
        from .server.runner import allowed_hosts_for, bind_socket, make_server, url_of
    except ImportError as exc:
        _err(f"error: `newslint serve` needs the serve extra: pip install 'newslint[serve]' ({exc})")
        raise typer.Exit(EXIT_ERROR) from None
    try:
        linter = Linter(rule_paths=rules or [], dictionary_paths=dictionary or [], deep=deep, deep_model=deep_model)
        _preflight_deep(linter)
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


@app.command()
def lsp(
    stdio: Annotated[bool, typer.Option("--stdio", help="Talk the Language Server Protocol over standard input and output (the default and only transport).")] = True,
    verbose: Annotated[bool, typer.Option("--verbose", help="Log every message and pygls' own errors to stderr (the editor's server log).")] = False,
) -> None:
    """Run the language server for editors over stdio (needs the `lsp` extra: pip install 'newslint\\[lsp]')."""
    try:
        from .lsp.server import main as serve_lsp
    except ImportError as exc:
        _err(f"error: `newslint lsp` needs the lsp extra: pip install 'newslint[lsp]' ({exc})")
        raise typer.Exit(EXIT_ERROR) from None
    serve_lsp(verbose)


class ReportEngine(str, Enum):
    """--engine choices of `newslint report`."""

    local = "local"
    dask = "dask"


@app.command()
def report(
    sources: Annotated[list[Path], typer.Argument(help="Folders of .txt/.md/.html articles (recursive), article files, or .jsonl/.ndjson/.csv archives (optionally .gz).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: newslint.sqlite, report.html, findings.csv, findings.parquet. Re-running into it only checks what changed.")],
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores); 1 checks in this process. With --engine dask and no --scheduler: local Dask workers.")] = None,
    engine: Annotated[ReportEngine, typer.Option("--engine", help="local: processes on this machine; dask: a Dask cluster (needs the report extra).")] = ReportEngine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786) for --engine dask; without it a LocalCluster is started.")] = None,
    text_field: Annotated[str, typer.Option("--text-field", help="Archives: field (JSON Lines, dotted path allowed) or column (CSV) holding the article text.")] = "text",
    id_field: Annotated[Optional[str], typer.Option("--id-field", help="Archives: field naming each record (default: '<archive>:<line>').")] = None,
    date_field: Annotated[Optional[str], typer.Option("--date-field", help="Archives: field with the article date (ISO date/datetime or epoch seconds); enables date checks and the per-month breakdown.")] = None,
    source_field: Annotated[Optional[str], typer.Option("--source-field", help="Archives: field naming the publisher or feed; enables the per-source breakdown.")] = None,
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rules: ids, id prefixes (NL1) or names; comma-separated or repeated.")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rules: ids, id prefixes or names.")] = None,
    rules: Annotated[Optional[list[Path]], typer.Option("--rules", help="Extra rule file or folder (repeatable).")] = None,
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra dictionary file or folder (repeatable).")] = None,
    article_date: Annotated[Optional[str], typer.Option("--date", help="Date (YYYY-MM-DD) for articles that have none of their own.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file for the whole run (default: discovered from the current folder).")] = None,
    no_config: Annotated[bool, typer.Option("--no-config", help="Ignore every config file.")] = False,
    max_record_mb: Annotated[float, typer.Option("--max-record-mb", min=0.001, help="Larger records are skipped as bad records.")] = 5.0,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Articles per task sent to a worker (and per database transaction).")] = 64,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows in the report's top tables and worst-articles list.")] = 25,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar (default: when stderr is a terminal).")] = None,
    deep: Annotated[bool, typer.Option("--deep", help="Switch on the wording model: swapped words and spun articles (NL210, NL211; needs the deep extra).")] = False,
    deep_model: Annotated[Optional[str], typer.Option("--deep-model", help="Wording model for --deep: smollm2 (default) or a path to a .gguf file (implies --deep).")] = None,
) -> None:
    """Check an archive on all cores (or a Dask cluster) into an SQLite database, and write report.html, findings.csv and findings.parquet."""
    from .config import Overrides, config_for, settings_for
    from .report import ArchiveFields, LinterOptions, ReportError, ReportOptions, run_report

    if config is not None and no_config:
        _err("error: --config and --no-config exclude each other")
        raise typer.Exit(EXIT_ERROR)
    if scheduler and engine is not ReportEngine.dask:
        _err("error: --scheduler needs --engine dask")
        raise typer.Exit(EXIT_ERROR)
    cli_date: date | None = None
    if article_date:
        try:
            cli_date = date.fromisoformat(article_date)
        except ValueError:
            _err(f"error: --date must be YYYY-MM-DD, got {article_date!r}")
            raise typer.Exit(EXIT_ERROR) from None
    try:
        from .config import Config

        from .config import check_selectors
        from .resources import builtin_rules_dir
        from .rules.loader import load_rules

        cfg = Config() if no_config else config_for(None, config)
        cli_overrides = Overrides(
            select=tuple(_split(select) or ()) if select else None, ignore=tuple(_split(ignore) or ()),
            rules=tuple(p.resolve() for p in rules or []), dictionaries=tuple(p.resolve() for p in dictionary or []), date=cli_date,
            deep=deep, deep_model=deep_model)
        settings = settings_for(cfg, None, cli_overrides)
        # a typo in --select/--ignore or the config must not select nothing (as in `check`)
        check_selectors(cfg, cli_overrides, load_rules([builtin_rules_dir(), *settings.rules]))
        if settings.deep:  # a missing extra is one clear line before any work starts (a model that cannot be used is a warning of the wording rules)
            from .wording.switch import enable_deep

            enable_deep([], None, settings.deep_model)
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    options = ReportOptions(
        sources=tuple(str(s) for s in sources), out=str(out),
        fields=ArchiveFields(text_field, id_field, date_field, source_field),
        linter=LinterOptions(select=settings.select, ignore=settings.ignore or None,
                             rule_paths=tuple(str(p) for p in settings.rules), dictionary_paths=tuple(str(p) for p in settings.dictionaries),
                             severity=tuple((k, v.value) for k, v in settings.severity), accept=settings.accept, quotes=settings.quotes,
                             deep=settings.deep, deep_model=settings.deep_model),
        jobs=jobs or 0, engine=engine.value, scheduler=scheduler, chunk_size=chunk_size,
        max_record_bytes=int(max_record_mb * 1024 * 1024), default_date=settings.date.isoformat() if settings.date else None, top=top,
    )
    bar = None
    if progress or (progress is None and sys.stderr.isatty()):
        from rich.console import Console

        from .report.progress import RichProgress

        bar = RichProgress(Console(stderr=True))
    try:
        summary = run_report(options, bar)
    except KeyboardInterrupt:
        _err(f"interrupted; what was checked is kept in {out}: run the same command again to resume")
        raise typer.Exit(130) from None
    except (ReportError, NewslintError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:  # sqlite3, dask: one line, not a traceback
        _err(f"error: {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    _err(f"report: {summary.articles:,} articles ({summary.checked:,} checked, {summary.cached:,} cached), "
         f"{summary.findings:,} findings, {summary.bad_records:,} bad records in {summary.seconds:.1f} s "
         f"({rate:,.0f} articles/s, {summary.engine}, {summary.workers} workers) -> {out / 'report.html'}")
    if summary.articles == 0:  # a report must not pass by checking nothing
        _err(f"error: {nothing_reported(sources, text_field, summary.bad_records)}")
        raise typer.Exit(EXIT_ERROR)


def nothing_reported(sources: list[Path], text_field: str, bad_records: int) -> str:
    """Why a report has no article: every record bad (with the fields the archives' first
    records have), or nothing found."""
    from .sources.archive import is_archive, sample_fields

    if not bad_records:
        return f"no article found in {', '.join(map(str, sources[:3]))}"
    seen = [f"{s}: {', '.join(fields[:20]) or '(none)'}" for s in sources[:3] if is_archive(s) and s.is_file()
            for fields in [sample_fields(s)]]
    fields = f"; fields in the first records: {'; '.join(seen)}" if seen else ""
    return (f"no article was checked: every record was bad ({bad_records:,}; reasons in report.html){fields}; "
            f"--text-field names the field with the text (now '{text_field}')")


dict_app = typer.Typer(help="Build, import and query name dictionaries.", no_args_is_help=True)
app.add_typer(dict_app, name="dict")


@dict_app.command("lookup")
def dict_lookup(
    name: Annotated[str, typer.Argument(help="A name as written in an article, e.g. \"Kiel Starmer\".")],
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra dictionary file or folder (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", help="How many candidates to print.")] = 10,
) -> None:
    """Print dictionary candidates for a name with scores and why, and what the names rules say."""
    from .lookup import lookup

    try:
        candidates, verdicts = lookup(name, dictionary or [], limit)
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    if not candidates:
        typer.echo(f"no dictionary entry is near {name!r}")
    for c in candidates:
        typer.echo(f"{c.score:5.1f}  {c.form}  [{c.kind} {c.entry_id}, {c.relation}; canonical {c.canonical}]  {c.why}")
    for v in verdicts:
        typer.echo(f"rules: {v}")
    if not verdicts:
        typer.echo("rules: no finding (the name passes as written)")


@dict_app.command("import")
def dict_import(
    export: Annotated[Path, typer.Argument(help="Wikidata Query Service export: .csv, .tsv or .json (SPARQL results).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Dictionary to write: .yaml or .jsonl.")],
    kind: Annotated[str, typer.Option("--kind", help="Entry kind: person, place or org.")] = "person",
) -> None:
    """Turn a Wikidata export (QID, label, alternative labels, description) into a dictionary."""
    from .wikidata import import_wikidata, write_dictionary

    if kind not in ("person", "place", "org"):
        _err("error: --kind must be person, place or org")
        raise typer.Exit(EXIT_ERROR)
    try:
        entries = import_wikidata(export, kind)
        write_dictionary(entries, out, export.name)
    except NewslintError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        _err(f"error: {export}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_ERROR) from None
    _err(f"wrote {len(entries)} entries to {out}")


@dict_app.command("build-wikidata")
def dict_build_wikidata(
    dump: Annotated[str, typer.Argument(help="Wikidata JSON dump (latest-all.json.gz or .bz2), or '-' for standard input (one pass: positions stay QIDs).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="People list to write (.tsv or .tsv.gz); pass it to --dictionary.")],
    min_sitelinks: Annotated[int, typer.Option("--min-sitelinks", help="Keep other humans with at least this many sitelinks.")] = 5,
    langs: Annotated[Optional[str], typer.Option("--langs", help="Comma-separated label/alias languages (default: about 60).")] = None,
    source: Annotated[str, typer.Option("--source", help="Value of the source column, e.g. wikidata-20261201.")] = "wikidata",
) -> None:
    """Build a people list (names, aliases in many languages, countries, positions, QIDs) from a Wikidata dump."""
    from . import wikidata_dump

    if dump != "-" and not Path(dump).is_file():
        _err(f"error: {dump}: no such file")
        raise typer.Exit(EXIT_ERROR)
    if not out.name.endswith((".tsv", ".tsv.gz")):
        _err("error: --out must end in .tsv or .tsv.gz (the big index reads those from --dictionary)")
        raise typer.Exit(EXIT_ERROR)
    argv = [dump, str(out), "--min-sitelinks", str(min_sitelinks), "--source", source]
    if langs:
        argv += ["--langs", langs]
    try:
        wikidata_dump.main(argv)
    except (OSError, EOFError, ValueError) as exc:
        _err(f"error: {dump}: {exc}")
        raise typer.Exit(EXIT_ERROR) from None


@dict_app.command("build")
def dict_build(
    dictionary: Annotated[Optional[list[Path]], typer.Option("--dictionary", help="Extra .tsv/.tsv.gz/.txt.gz name list (repeatable).")] = None,
) -> None:
    """Compile the big name index (shipped open data plus --dictionary lists) into the cache now."""
    import time

    from .resources import Resources, cache_dir

    if cache_dir() is None:
        _err("error: caching is off (NEWSLINT_CACHE_DIR=off): nothing to build into")
        raise typer.Exit(EXIT_ERROR)
    started = time.perf_counter()
    names = Resources(dictionary or [], big_names=True).names
    big = getattr(names, "big", None)
    if big is None:
        _err("error: no big name list found")
        raise typer.Exit(EXIT_ERROR)
    stats = big.stats()
    typer.echo(f"{big.path} ({big.path.stat().st_size / 1e6:.0f} MB, {stats.get('entries', 0):,} entries, "
               f"{stats.get('forms', 0):,} forms) ready in {time.perf_counter() - started:.1f} s")


def _log_to_stderr() -> None:
    """Library notices (an unreachable grammar server...) become one `newslint: warning:` line."""
    import logging

    logger = logging.getLogger("newslint")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("newslint: %(levelname)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
        logging.addLevelName(logging.WARNING, "warning")


def _freeze_survivors(phase: str, info: dict[str, int]) -> None:
    """After each full collection of a command's process, what survived it (the dictionaries,
    word lists and the rules' memos of words and names, which only grow) is moved to the
    collector's permanent generation: the next full collection walks only what came since, not
    every memo entry of the run again (13 full passes cost 0.8 s of a 20 s check of 11,838
    articles). What later becomes garbage is still freed by reference counting."""
    if phase == "stop" and info.get("generation") == 2:
        import gc

        gc.freeze()


def main() -> None:
    """Entry point of the `newslint` command."""
    import gc

    from . import resources

    _log_to_stderr()
    resources.FREEZE_LOADED = True  # a command's process: the cached dictionaries stay until it ends
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    finally:
        # the process ends now: the collector's passes at interpreter shutdown need not walk every
        # object once more (about 90 ms of a one-file check); objects are still freed and atexit runs
        gc.freeze()


if __name__ == "__main__":
    main()
