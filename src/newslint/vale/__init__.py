"""Vale styles loaded as they are: `newslint check --vale-config .vale.ini` or `vale: .vale.ini` in a config.

The .vale.ini's StylesPath, MinAlertLevel, Vocab and glob sections (BasedOnStyles, Style.Rule =
YES/NO/level) decide which rules of which styles run on a file; each rule is a Vale YAML file run
by newslint's implementation of its extension point (vale/rules.py). Findings carry the Vale rule
name (`Style.Rule`) as their rule id, Vale's message with `%s` filled in, and Vale's level
(suggestion -> info). What newslint cannot run is said once per rule as a warning (`warnings`),
never a crash; what Vale itself would refuse (an invalid regex, a rule without `extends`) is a
ValeError naming the file, line and key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix, Severity, Span
from ..positions import LineIndex
from .ini import LEVELS, ValeError, ValeIni, read_ini
from .rules import SEVERITY, TIMEOUT_S, Repetition, Selector, Substitution, ValeRule, build_rule
from .scopes import Scopes

__all__ = ["ValeChecker", "ValeError", "SUPPORT"]

log = logging.getLogger("newslint")

# What newslint supports of Vale (README's table is generated from this; see vale/support.py)
SUPPORT: list[tuple[str, str, str]] = [
    ("extension point", "existence", "yes: tokens, raw, append, ignorecase, nonword, exceptions, vocab"),
    ("extension point", "substitution", "yes: swap (regex keys, several replacements separated by a bar, `$1`), ignorecase, nonword, exceptions, capitalize, vocab"),
    ("extension point", "occurrence", "yes: token, max, min, ignorecase"),
    ("extension point", "repetition", "yes: tokens, max, alpha, ignorecase, exceptions"),
    ("extension point", "consistency", "yes: either, nonword, ignorecase (across the whole document)"),
    ("extension point", "capitalization", "yes: match $title (AP, Chicago), $sentence, $lower, $upper or a pattern; style, exceptions, threshold, indicators; prefix not applied (warning)"),
    ("extension point", "conditional", "yes: first, second, exceptions (ignorecase is read and, as in Vale, not applied)"),
    ("extension point", "sequence", "partly: tokens with `pattern`, `negate`, `skip`; tokens with `tag` (part of speech) skip the rule with a warning"),
    ("extension point", "spelling, readability, metric, script", "no: the rule is skipped with one warning"),
    ("key", "level", "yes: suggestion -> info, warning, error; MinAlertLevel filters"),
    ("key", "message", "yes: `%s` and `%[n]s` filled as Vale does (existence: the match; substitution: replacement, then match; occurrence: the count; capitalization: text, then expected form)"),
    ("key", "scope", "text, heading (heading.h1 ...), paragraph, sentence, raw, summary, `~` negation, `.md`/`.html`/`.txt`; list, table, blockquote, code, comment, alt, title skip the rule with a warning"),
    ("key", "ignorecase, nonword, tokens, swap, exceptions", "yes"),
    ("key", "action", "replace (params or swap) and remove become suggestions (unsafe fixes); edit and suggest give no fix (warning)"),
    ("key", "link, limit", "link shown in the message; limit caps the findings per rule and document"),
    ("key", "vocab", "yes: Vocab accept.txt entries are exceptions; reject.txt entries are flagged as Vale.Avoid; Vale.Terms enforces the accepted case"),
    (".vale.ini", "StylesPath, MinAlertLevel, Vocab, [glob] sections, BasedOnStyles, Style.Rule = YES/NO/level", "yes"),
    (".vale.ini", "Packages, BlockIgnores, TokenIgnores, Transform, IgnoredScopes, SkippedScopes", "no: one warning names them (Packages must be synced with `vale sync` first)"),
    (".vale.ini", "[formats]", "read, not applied: newslint chooses the reader by the file's suffix"),
    ("built-in style", "Vale.Repetition", "yes"),
    ("built-in style", "Vale.Spelling", "no: skipped with a warning when enabled"),
]


@dataclass
class _Style:
    rules: dict[str, ValeRule | None]  # Style.Rule -> rule (None: not runnable, a warning said why)


@dataclass
class ValeChecker:
    """A .vale.ini and its styles, loaded once; `check(doc)` gives newslint Findings."""

    ini: ValeIni
    rules: dict[str, ValeRule | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    rule_warnings: dict[str, str] = field(default_factory=dict)  # said when the rule is enabled for a file

    @classmethod
    def load(cls, path: Path) -> "ValeChecker":
        """Read the .vale.ini and every style it names (raises ValeError)."""
        ini = read_ini(Path(path))
        checker = cls(ini)
        for key, line in ini.ignored:
            checker.warn(f"{ini.path}:{line}: {key} is not applied by newslint")
        for section in ini.sections:
            for key, (_, line) in section.other.items():
                checker.warn(f"{ini.path}:{line}: [{section.glob}] {key} is not applied by newslint")
        checker._load_vocab()
        styles = {s for section in ini.sections for s in section.styles or []}
        styles |= {k.split(".")[0] for section in ini.sections for k in section.rules}
        for style in sorted(styles):
            checker._load_style(style)
        return checker

    def warn(self, message: str) -> None:
        """One warning (logged once, kept for the editor)."""
        if message not in self.warnings:
            self.warnings.append(message)
            log.warning("vale: %s", message)

    def _load_vocab(self) -> None:
        reject: list[str] = []
        for name in self.ini.vocab:
            folders = [self.ini.styles_path / "config" / "vocabularies" / name, self.ini.styles_path / "Vocab" / name]
            folder = next((f for f in folders if f.is_dir()), None)
            if folder is None:
                raise ValeError(str(self.ini.path), f"Vocab {name}: no folder {folders[0]} (or {folders[1]})", None, "Vocab")
            for file_name, target in (("accept.txt", self.accepted), ("reject.txt", reject)):
                f = folder / file_name
                if f.is_file():
                    target.extend(line.strip() for line in f.read_text(encoding="utf-8-sig").splitlines()
                                  if line.strip() and not line.lstrip().startswith("#"))
        from .rules import Existence

        def where(message: str) -> ValeError:
            return ValeError(str(self.ini.path), f"Vocab: {message}", None, "Vocab")

        if self.accepted:
            terms = Substitution(name="Vale.Terms", path=self.ini.path, extends="substitution", message="Use '%s' instead of '%s'.",
                                 level="error", scope=Selector.parse(["text"]),
                                 data={"ignorecase": True, "swap": {t: t for t in self.accepted}, "vocab": False})
            terms.compile([], where)
            self.rules["Vale.Terms"] = terms
        if reject:
            avoid = Existence(name="Vale.Avoid", path=self.ini.path, extends="existence", message="Avoid using '%s'.",
                              level="error", scope=Selector.parse(["text"]), data={"tokens": reject, "vocab": False})
            avoid.compile([], where)
            self.rules["Vale.Avoid"] = avoid

    def _load_style(self, style: str) -> None:
        if style == "Vale":
            repetition = Repetition(name="Vale.Repetition", path=self.ini.path, extends="repetition", message="'%s' is repeated!",
                                    level="error", scope=Selector.parse(["text"]),
                                    data={"alpha": True, "tokens": [r"[^\s]+"]})
            repetition.compile(self.accepted, lambda m: ValeError(str(self.ini.path), m))
            self.rules["Vale.Repetition"] = repetition
            self.rules["Vale.Spelling"] = None
            return
        folder = self.ini.styles_path / style
        if not folder.is_dir():
            raise ValeError(str(self.ini.path), f"style {style} not found: no folder {folder} (a package must be synced "
                                                "with `vale sync` first)", None, "BasedOnStyles")
        from ..yamlutil import parse_yaml

        for path in sorted(folder.glob("*.yml")):
            name = f"{style}.{path.stem}"
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise ValeError(str(path), f"cannot read: {exc}") from None
            located = parse_yaml(text, str(path), ValeError)
            rule, warning = build_rule(name, path, located.data, self.accepted, located.line_of)
            self.rules[name] = rule
            if warning:
                self.rule_warnings[name] = warning

    def enabled_for(self, doc: Document) -> list[tuple[ValeRule, str]]:
        """The rules that run on `doc` and the level of each, per the sections matching its path."""
        path = Path(doc.path)
        try:
            relative = path.resolve().relative_to(self.ini.path.parent.resolve()).as_posix()
        except (ValueError, OSError):
            relative = path.as_posix()
        styles: set[str] = set()
        switches: dict[str, str] = {}
        for section in self.ini.sections:
            if section.matches(relative, path.name):
                if section.styles is not None:
                    styles = set(section.styles)
                switches.update(section.rules)
        out: list[tuple[ValeRule, str]] = []
        for name, rule in sorted(self.rules.items()):
            style = name.split(".")[0]
            switch = switches.get(name)
            on = switch not in ("NO",) and (style in styles or switch is not None or name in ("Vale.Terms", "Vale.Avoid"))
            if not on:
                continue
            level = switch if switch in LEVELS else (rule.level if rule is not None else "error")
            if LEVELS.index(level) < LEVELS.index(self.ini.min_level):
                continue  # below MinAlertLevel: neither run nor warned about
            if rule is None:
                why = self.rule_warnings.get(name) or f"{name}: not supported by newslint (needs a spelling dictionary); rule skipped"
                self.warn(why)
                continue
            if name in self.rule_warnings:
                self.warn(self.rule_warnings[name])
            out.append((rule, level))
        return out

    def check(self, doc: Document) -> list[Finding]:
        """The findings of the Vale rules enabled for this document."""
        rules = self.enabled_for(doc)
        if not rules:
            return []
        scopes = Scopes(doc)
        lines = LineIndex(doc.text)
        state: dict[Any, Any] = {}
        findings: list[Finding] = []
        seen: set[tuple[int, int, str]] = set()
        for rule, level in rules:
            count = 0
            try:
                for block in scopes.blocks:
                    if not rule.scope.selects(block):
                        continue
                    for alert in rule.run(block, state):
                        start, end = block.start + alert.start, block.start + alert.end
                        key = (start, end, rule.name)
                        if key in seen:
                            continue
                        seen.add(key)
                        findings.append(self._finding(doc, lines, rule, level, start, end, alert.message, alert.suggestions))
                        count += 1
                        if rule.limit and count >= rule.limit:
                            raise StopIteration
            except StopIteration:
                pass
            except TimeoutError:
                findings.append(self._finding(doc, lines, rule, "warning", 0, 0,
                                              f"rule {rule.name} stopped on this document: its patterns ran past the "
                                              f"time limit of {TIMEOUT_S:g} s; its findings here may be incomplete", ()))
        return findings

    @staticmethod
    def _finding(doc: Document, lines: LineIndex, rule: ValeRule, level: str, start: int, end: int,
                 message: str, suggestions: tuple[str, ...]) -> Finding:
        line, col = lines.line_col(start)
        end_line, end_col = lines.line_col(end)
        fix = None
        if suggestions:
            top = suggestions[0]
            fix = Fix(rule.name, (Edit(Span(start, end), top),), Applicability.UNSAFE,
                      f"Delete '{doc.text[start:end]}'" if top == "" else f"Replace with '{top}'")
        if rule.link:
            message = f"{message} ({rule.link})"
        return Finding(rule_id=rule.name, rule_name=rule.name, severity=Severity(SEVERITY[level]), message=message,
                       span=Span(start, end), line=line, column=col, end_line=end_line, end_column=end_col,
                       matched=doc.text[start:end], suggestions=suggestions, fix=fix, source="vale")
