"""report.html: one self-contained page (inline CSS, inline SVG charts, no network) built from the database.

Every value that comes from an article, a finding, a file name or a record is escaped with
html.escape. A Content-Security-Policy forbids any network access and allows only the page's own
inline script, which checks the page and sets `data-selfcheck` on <html> (used by the browser test).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from .store import DB_NAME, connect

DENSITY_BINS: tuple[tuple[str, float, float], ...] = (
    ("0", 0.0, 0.0),
    ("0–1", 0.0, 1.0),
    ("1–2", 1.0, 2.0),
    ("2–5", 2.0, 5.0),
    ("5–10", 5.0, 10.0),
    ("10–20", 10.0, 20.0),
    ("20–50", 20.0, 50.0),
    ("50+", 50.0, float("inf")),
)
EXAMPLES = 3
WORST_FINDINGS_SHOWN = 30
BAD_RECORDS_SHOWN = 200
MAX_MONTHS = 240


def e(value: Any) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def n(value: float | int | None, digits: int = 0) -> str:
    """A number with thousands separators."""
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if digits else f"{int(round(value)):,}"


@dataclass
class ReportData:
    """Everything the page shows, read from the database for one run."""

    run: dict[str, Any]
    totals: dict[str, Any]
    severities: dict[str, int]
    density: list[tuple[str, int]]
    rules: list[dict[str, Any]]
    names: list[dict[str, Any]]
    phrases: list[dict[str, Any]]
    worst: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    months: list[dict[str, Any]]
    bad_total: int
    bad_reasons: list[tuple[str, int]]
    bad: list[dict[str, Any]]
    files: list[str] = field(default_factory=list)
    recurring: list[dict[str, Any]] = field(default_factory=list)
    deep: bool = False  # the run used the wording model (--deep): spun-article scores are shown
    spun_sources: list[dict[str, Any]] = field(default_factory=list)  # per source: words, swaps, spun articles


_ARTICLES = "articles a JOIN checks c ON c.content_hash = a.content_hash AND c.ruleset = a.ruleset"
_FINDINGS = "articles a JOIN findings f ON f.content_hash = a.content_hash AND f.ruleset = a.ruleset"


def _rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur]


def _examples(conn: sqlite3.Connection, run_id: int, ruleset: str, rule_id: str, matched: str, suggestion: str | None) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT a.article_id FROM articles a WHERE a.run_id = ? AND a.ruleset = ? AND a.content_hash IN ("
        "  SELECT content_hash FROM findings WHERE ruleset = ? AND rule_id = ? AND matched = ? AND suggestion IS ?) "
        "ORDER BY a.rowid LIMIT ?", (run_id, ruleset, ruleset, rule_id, matched, suggestion, EXAMPLES))
    return [r[0] for r in rows]


def _grouped(conn: sqlite3.Connection, run_id: int, ruleset: str, prefix: str, top: int) -> list[dict[str, Any]]:
    rows = _rows(conn, f"""
        SELECT f.rule_id, f.matched, f.suggestion, COUNT(*) AS findings, COUNT(DISTINCT a.rowid) AS articles
        FROM {_FINDINGS} WHERE a.run_id = ? AND f.rule_id LIKE ?
        GROUP BY f.rule_id, f.matched, f.suggestion ORDER BY findings DESC, f.matched LIMIT ?""",
        (run_id, prefix + "%", top))
    for r in rows:
        r["examples"] = _examples(conn, run_id, ruleset, r["rule_id"], r["matched"], r["suggestion"])
    return rows


def collect(db_path: Path, run_id: int, top: int = 25) -> ReportData:
    """Read what the report shows for one run."""
    conn = connect(db_path, readonly=True)
    try:
        run = _rows(conn, "SELECT * FROM runs WHERE run_id = ?", (run_id,))[0]
        totals = _rows(conn, f"""
            SELECT COUNT(*) AS articles, COALESCE(SUM(c.words), 0) AS words, COALESCE(SUM(c.findings), 0) AS findings,
                   COALESCE(SUM(c.findings > 0), 0) AS flagged, COUNT(a.source) AS with_source, COUNT(a.date) AS with_date
            FROM {_ARTICLES} WHERE a.run_id = ?""", (run_id,))[0]
        severities = dict(conn.execute(
            f"SELECT f.severity, COUNT(*) FROM {_FINDINGS} WHERE a.run_id = ? GROUP BY f.severity", (run_id,)).fetchall())
        cases = " ".join(
            f"WHEN d <= {hi} THEN {i}" if i else "WHEN d = 0 THEN 0"
            for i, (_, _lo, hi) in enumerate(DENSITY_BINS) if hi != float("inf"))
        counts = dict(conn.execute(f"""
            SELECT CASE {cases} ELSE {len(DENSITY_BINS) - 1} END AS bin, COUNT(*) FROM (
                SELECT c.findings * 1000.0 / c.words AS d FROM {_ARTICLES} WHERE a.run_id = ? AND c.words > 0
            ) GROUP BY bin""", (run_id,)).fetchall())
        density = [(label, counts.get(i, 0)) for i, (label, _, _) in enumerate(DENSITY_BINS)]
        rules = _rows(conn, f"""
            SELECT f.rule_id, f.rule_name, GROUP_CONCAT(DISTINCT f.severity) AS severity,
                   COUNT(*) AS findings, COUNT(DISTINCT a.rowid) AS articles, SUM(f.fix_safe) AS safe_fixes
            FROM {_FINDINGS} WHERE a.run_id = ? GROUP BY f.rule_id, f.rule_name ORDER BY findings DESC, f.rule_id""",
            (run_id,))
        names = _grouped(conn, run_id, run["ruleset"], "NL1", top)
        phrases = _grouped(conn, run_id, run["ruleset"], "NL2", top)
        worst = _rows(conn, f"""
            SELECT a.rowid AS rowid, a.article_id, a.origin, a.line, a.source, a.date, c.words, c.findings,
                   c.errors, c.warnings, a.content_hash, a.ruleset,
                   CASE WHEN c.words > 0 THEN c.findings * 1000.0 / c.words END AS density
            FROM {_ARTICLES} WHERE a.run_id = ? AND c.findings > 0
            ORDER BY c.errors DESC, c.warnings DESC, c.findings DESC, density DESC, a.article_id LIMIT ?""",
            (run_id, top))
        for w in worst:
            w["items"] = _rows(conn, """
                SELECT rule_id, rule_name, severity, message, line, col, matched, suggestion, fix_safe,
                       context_before, context_after
                FROM findings WHERE content_hash = ? AND ruleset = ? ORDER BY seq LIMIT ?""",
                (w["content_hash"], w["ruleset"], WORST_FINDINGS_SHOWN))
        deep = bool(json.loads(run["options"] or "{}").get("linter", {}).get("deep"))
        if deep:  # spun-article score of each listed article: replaced-word findings per 1,000 words
            for w in worst:
                swaps = conn.execute("SELECT COUNT(*) FROM findings WHERE content_hash = ? AND ruleset = ? AND rule_name = ?",
                                     (w["content_hash"], w["ruleset"], SWAP_RULE)).fetchone()[0]
                w["spun"] = swaps * 1000.0 / w["words"] if w["words"] else None
        sources: list[dict[str, Any]] = []
        spun_sources: list[dict[str, Any]] = []
        if totals["with_source"]:
            sources = _breakdown(conn, run_id, "a.source", top, order="articles DESC, key")
            if deep:
                spun_sources = _spun_by_source(conn, run_id, sources)
        months: list[dict[str, Any]] = []
        if totals["with_date"]:
            months = _breakdown(conn, run_id, "substr(a.date, 1, 7)", MAX_MONTHS, order="key DESC")[::-1]
        bad_total = conn.execute("SELECT COUNT(*) FROM bad_records WHERE run_id = ?", (run_id,)).fetchone()[0]
        bad_reasons = conn.execute("""
            SELECT CASE WHEN instr(reason, ' (') > 0 THEN substr(reason, 1, instr(reason, ' (') - 1) ELSE reason END AS kind,
                   COUNT(*) AS n FROM bad_records WHERE run_id = ? GROUP BY kind ORDER BY n DESC LIMIT 20""",
            (run_id,)).fetchall()
        bad = _rows(conn, "SELECT origin, line, reason FROM bad_records WHERE run_id = ? ORDER BY origin, line LIMIT ?",
                    (run_id, BAD_RECORDS_SHOWN))
        recurring: list[dict[str, Any]] = []
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'recurring_lines'").fetchone():
            recurring = _rows(conn, """SELECT source, text, articles, total FROM recurring_lines WHERE run_id = ?
                                      ORDER BY articles DESC, source, text LIMIT ?""", (run_id, top))
    finally:
        conn.close()
    return ReportData(run, totals, severities, density, rules, names, phrases, worst, sources, months,
                      bad_total, bad_reasons, bad, recurring=recurring, deep=deep, spun_sources=spun_sources)


SWAP_RULE = "replaced-word"  # NL210: words the wording model thinks were swapped
SPUN_RULE = "spun-article"  # NL211: one verdict per article


def _spun_by_source(conn: sqlite3.Connection, run_id: int, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per listed source: replaced-word findings per 1,000 words and articles judged spun."""
    counts: dict[str, dict[str, int]] = {}
    for key, rule, found, articles in conn.execute(f"""
            SELECT a.source, f.rule_name, COUNT(*), COUNT(DISTINCT a.rowid) FROM {_FINDINGS}
            WHERE a.run_id = ? AND a.source IS NOT NULL AND f.rule_name IN (?, ?) GROUP BY a.source, f.rule_name""",
            (run_id, SWAP_RULE, SPUN_RULE)):
        counts.setdefault(key, {})[rule] = found if rule == SWAP_RULE else articles
    out = []
    for r in sources:
        c = counts.get(r["key"], {})
        swaps = c.get(SWAP_RULE, 0)
        out.append({"key": r["key"], "articles": r["articles"], "words": r["words"], "swaps": swaps,
                    "spun_articles": c.get(SPUN_RULE, 0),
                    "score": swaps * 1000.0 / r["words"] if r["words"] else 0.0})
    return out


def _breakdown(conn: sqlite3.Connection, run_id: int, key: str, limit: int, order: str) -> list[dict[str, Any]]:
    rows = _rows(conn, f"""
        SELECT {key} AS key, COUNT(*) AS articles, SUM(c.words) AS words, SUM(c.findings) AS findings,
               SUM(c.findings > 0) AS flagged
        FROM {_ARTICLES} WHERE a.run_id = ? AND {key} IS NOT NULL GROUP BY key ORDER BY {order} LIMIT ?""",
        (run_id, limit))
    keys = [r["key"] for r in rows]
    top_rule: dict[str, tuple[str, int]] = {}
    for i in range(0, len(keys), 400):
        part = keys[i:i + 400]
        marks = ",".join("?" * len(part))
        for k, rule, count in conn.execute(f"""
                SELECT {key} AS key, f.rule_id, COUNT(*) FROM {_FINDINGS}
                WHERE a.run_id = ? AND {key} IN ({marks}) GROUP BY key, f.rule_id""", (run_id, *part)):
            if k not in top_rule or count > top_rule[k][1] or (count == top_rule[k][1] and rule < top_rule[k][0]):
                top_rule[k] = (rule, count)
    for r in rows:
        r["density"] = r["findings"] * 1000.0 / r["words"] if r["words"] else None
        r["top_rule"] = top_rule.get(r["key"], ("", 0))[0]
    return rows


# --- rendering -----------------------------------------------------------------------------------------


def svg_bars(bars: Sequence[tuple[str, float]], title: str, value_label: str, digits: int = 0,
             width: int = 720, height: int = 240) -> str:
    """A vertical bar chart as inline SVG (labels under the bars, values on top)."""
    left, right, top_pad, bottom = 48, 12, 24, 44
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    peak = max((v for _, v in bars), default=0) or 1
    step = plot_w / max(1, len(bars))
    bar_w = max(2.0, step * 0.72)
    show_every = max(1, len(bars) // 24)
    parts = [f'<svg class="chart" role="img" aria-label="{e(title)}" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{e(title)}</title>',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - right}" y2="{top_pad + plot_h}" class="axis"/>',
             f'<text x="4" y="14" class="lab">{e(value_label)}</text>']
    for i, (label, value) in enumerate(bars):
        h = plot_h * value / peak
        x = left + i * step + (step - bar_w) / 2
        y = top_pad + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{max(h, 0.5):.1f}" class="bar">'
                     f'<title>{e(label)}: {e(n(value, digits))}</title></rect>')
        if len(bars) <= 24:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" class="val">{e(n(value, digits))}</text>')
        if i % show_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 16}" class="lab mid">{e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _bar_cell(value: int, peak: int) -> str:
    pct = 100.0 * value / peak if peak else 0
    return f'<td class="num">{n(value)}<span class="meter"><span style="width:{pct:.1f}%"></span></span></td>'


def _table(head: Sequence[str], rows: list[str], cls: str = "") -> str:
    ths = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join(rows) if rows else f'<tr><td colspan="{len(head)}" class="empty">none</td></tr>'
    return f'<table class="{cls}"><thead><tr>{ths}</tr></thead><tbody>{body}</tbody></table>'


def _examples_cell(ids: list[str]) -> str:
    return "<td>" + ", ".join(f"<code>{e(i)}</code>" for i in ids) + "</td>"


def _grouped_table(rows: list[dict[str, Any]]) -> str:
    peak = max((r["findings"] for r in rows), default=0)
    out = []
    for r in rows:
        out.append(f'<tr><td><code>{e(r["rule_id"])}</code></td><td class="bad">{e(r["matched"])}</td>'
                   f'<td class="good">{e(r["suggestion"] or "–")}</td>{_bar_cell(r["findings"], peak)}'
                   f'<td class="num">{n(r["articles"])}</td>{_examples_cell(r["examples"])}</tr>')
    return _table(["rule", "found", "suggestion", "findings", "articles", "example articles"], out)


def _finding_item(f: dict[str, Any]) -> str:
    fix = f' → <span class="good">{e(f["suggestion"])}</span>' if f["suggestion"] else ""
    safe = ' <span class="tag">safe fix</span>' if f["fix_safe"] else ""
    return (f'<li><span class="sev {e(f["severity"])}">{e(f["severity"])}</span> <code>{e(f["rule_id"])}</code> '
            f'{e(f["line"])}:{e(f["col"])} <q>…{e(f["context_before"])}<mark>{e(f["matched"])}</mark>{e(f["context_after"])}…</q>'
            f'{fix}{safe}<br><small>{e(f["message"])}</small></li>')


def _plural(count: int | None, word: str) -> str:
    return f"{n(count)} {word}" + ("" if count == 1 else "s")


def _worst(rows: list[dict[str, Any]]) -> str:
    out = []
    for i, w in enumerate(rows):
        where = f'{w["origin"]}:{w["line"]}' if w["line"] else w["origin"]
        more = w["findings"] - len(w["items"])
        extra = f"<li>… and {n(more)} more in the database</li>" if more > 0 else ""
        out.append(
            f'<details{" open" if i == 0 else ""}><summary><code>{e(w["article_id"])}</code> — {_plural(w["findings"], "finding")} '
            f'({_plural(w["errors"], "error")}, {_plural(w["warnings"], "warning")}), {_plural(w["words"], "word")}, '
            f'{n(w["density"], 1)} per 1,000 words'
            f'{(" · spun score " + n(w["spun"], 1)) if w.get("spun") is not None else ""}'
            f'{(" · " + e(w["source"])) if w["source"] else ""}'
            f'{(" · " + e(w["date"])) if w["date"] else ""}</summary>'
            f'<p class="where">{e(where)}</p><ul class="findings">{"".join(_finding_item(f) for f in w["items"])}{extra}</ul></details>')
    return "".join(out) or '<p class="empty">No article has findings.</p>'


def _breakdown_table(rows: list[dict[str, Any]], label: str) -> str:
    peak = max((r["findings"] for r in rows), default=0)
    out = [f'<tr><td>{e(r["key"])}</td><td class="num">{n(r["articles"])}</td><td class="num">{n(r["words"])}</td>'
           f'{_bar_cell(r["findings"], peak)}<td class="num">{n(r["density"], 2)}</td>'
           f'<td class="num">{n(100.0 * r["flagged"] / r["articles"] if r["articles"] else 0, 1)}%</td>'
           f'<td><code>{e(r["top_rule"])}</code></td></tr>' for r in rows]
    return _table([label, "articles", "words", "findings", "per 1,000 words", "articles with findings", "top rule"], out)


_CSS = """
:root{--fg:#1d2330;--muted:#5b6474;--line:#d9dde5;--bg:#fff;--soft:#f4f6f9;--accent:#2b5fb3;--bad:#a3261b;--good:#1d6b36}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
header{background:#17263f;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#c7d2e6;font-size:13px}
main{padding:8px 28px 40px;max-width:1200px}section{margin:26px 0}h2{font-size:18px;border-bottom:2px solid var(--line);padding-bottom:4px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:10px 12px}.card b{display:block;font-size:22px}.card span{color:var(--muted);font-size:12px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}td.num{text-align:right;white-space:nowrap}td.empty,p.empty{color:var(--muted);font-style:italic}
.meter{display:inline-block;width:70px;height:8px;background:var(--soft);margin-left:6px;border-radius:4px;overflow:hidden;vertical-align:middle}
.meter span{display:block;height:100%;background:var(--accent)}
.bad{color:var(--bad)}.good{color:var(--good)}code{font-size:13px;background:var(--soft);padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
td:first-child code{white-space:nowrap}
mark{background:#ffe08a}.sev{font-size:11px;text-transform:uppercase;padding:1px 5px;border-radius:3px;background:#e6e9ef}
.sev.error{background:#f8d4d0;color:var(--bad)}.sev.warning{background:#fbe7c6}.tag{font-size:11px;color:var(--good)}
details{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:6px 10px}summary{cursor:pointer}
ul.findings{margin:6px 0;padding-left:18px}ul.findings li{margin:4px 0}q{quotes:none;color:var(--muted)}.where{color:var(--muted);font-size:12px;margin:2px 0;word-break:break-all}
svg.chart{max-width:100%;height:auto;background:var(--soft);border-radius:6px}svg .bar{fill:var(--accent)}svg .axis{stroke:#8a93a3}
svg text{font-size:11px;fill:var(--fg)}svg .mid,svg .val{text-anchor:middle}svg .lab{fill:var(--muted)}
footer{color:var(--muted);font-size:12px;padding:0 28px 20px}
"""

_SELF_CHECK = """
(function(){
  var problems=[];
  var required=["totals","density","rules","names","phrases","worst","bad-records"];
  required.forEach(function(id){ if(!document.getElementById(id)) problems.push("missing section "+id); });
  document.querySelectorAll("svg.chart").forEach(function(svg){
    if(!svg.querySelector("rect")) problems.push("empty chart "+svg.getAttribute("aria-label"));
    var box=svg.getBoundingClientRect(); if(box.width<50||box.height<30) problems.push("chart not laid out");
  });
  document.querySelectorAll("[src],link[href],[srcset]").forEach(function(el){ problems.push("external resource "+el.tagName); });
  if(document.querySelector("body script:not(#selfcheck)")) problems.push("unexpected script");
  document.documentElement.setAttribute("data-selfcheck", problems.length ? "fail: "+problems.join("; ") : "ok");
  if(problems.length) console.error("newslint report self-check failed: "+problems.join("; "));
})();
"""


def render(data: ReportData) -> str:
    """The whole page."""
    t, run = data.totals, data.run
    density_all = t["findings"] * 1000.0 / t["words"] if t["words"] else 0.0
    flagged_pct = 100.0 * t["flagged"] / t["articles"] if t["articles"] else 0.0
    cards = [
        ("articles", n(t["articles"])), ("words", n(t["words"])), ("findings", n(t["findings"])),
        ("findings per 1,000 words", n(density_all, 2)), ("articles with findings", f"{n(flagged_pct, 1)}%"),
        ("errors / warnings / info", " / ".join(n(data.severities.get(s, 0)) for s in ("error", "warning", "info"))),
        ("bad records", n(data.bad_total)), ("checked this run", n(run["checked"])),
        ("reused from cache", n(run["cached"])), ("seconds", n(run["seconds"] or 0, 1)),
    ]
    cards_html = "".join(f'<div class="card"><b>{e(v)}</b><span>{e(k)}</span></div>' for k, v in cards)
    rule_peak = max((r["findings"] for r in data.rules), default=0)
    rules_rows = [f'<tr><td><code>{e(r["rule_id"])}</code></td><td>{e(r["rule_name"])}</td><td>{e(r["severity"])}</td>'
                  f'{_bar_cell(r["findings"], rule_peak)}<td class="num">{n(r["articles"])}</td>'
                  f'<td class="num">{n(r["safe_fixes"])}</td></tr>' for r in data.rules]
    sections = [
        f'<section id="totals"><h2>Totals</h2><div class="cards">{cards_html}</div></section>',
        '<section id="density"><h2>Findings per 1,000 words</h2><p>How many articles fall in each band of findings per 1,000 words.</p>'
        + svg_bars(data.density, "Articles by findings per 1,000 words", "articles") + "</section>",
        '<section id="rules"><h2>Top rules</h2>'
        + _table(["rule", "name", "severity", "findings", "articles", "safe fixes"], rules_rows) + "</section>",
        '<section id="names"><h2>Top misspelled names and name forms (NL1xx)</h2>'
        '<p>Names found in the archive and the dictionary spelling suggested: candidates for the dictionaries (add a variant when the spelling is accepted).</p>'
        + _grouped_table(data.names) + "</section>",
        '<section id="phrases"><h2>Top garbled phrases (NL2xx)</h2>' + _grouped_table(data.phrases) + "</section>",
        f'<section id="worst"><h2>Articles to fix first</h2><p>Most errors, then warnings, then findings; the top {len(data.worst)}.</p>'
        + _worst(data.worst) + "</section>",
    ]
    if data.recurring:
        recurring_rows = [f'<tr><td>{e(r["source"] or "(all)")}</td><td>{e(r["text"])}</td><td class="num">{n(r["articles"])}</td>'
                          f'<td class="num">{n(100.0 * r["articles"] / r["total"], 1) if r["total"] else ""}%</td></tr>'
                          for r in data.recurring]
        sections.append('<section id="recurring"><h2>Recurring lines (probable boilerplate)</h2><p>Lines found word for word in '
                        'many articles of one source (the recurring-line rule\'s thresholds); each is also a finding on every '
                        'article that has it.</p>' + _table(["source", "line", "articles", "share of the source"], recurring_rows)
                        + "</section>")
    if data.sources:
        sections.append('<section id="sources"><h2>By source</h2>' + _breakdown_table(data.sources, "source") + "</section>")
    if data.spun_sources:
        chart = svg_bars([(r["key"], round(r["score"], 2)) for r in data.spun_sources],
                         "Spun-article score by source (swapped words per 1,000 words)", "swaps per 1,000 words", digits=2)
        rows_ = [f'<tr><td>{e(r["key"])}</td><td class="num">{n(r["articles"])}</td><td class="num">{n(r["words"])}</td>'
                 f'<td class="num">{n(r["swaps"])}</td><td class="num">{n(r["score"], 2)}</td>'
                 f'<td class="num">{n(r["spun_articles"])}</td></tr>' for r in data.spun_sources]
        sections.append(
            '<section id="spun"><h2>Spun-article score by source</h2><p>Words the wording model (--deep) thinks a '
            'spinner or a word-for-word translator swapped in (NL210), per 1,000 words, and the articles it judged '
            'machine-spun (NL211).</p>' + chart
            + _table(["source", "articles", "words", "swapped words", "spun score", "articles judged spun"], rows_)
            + "</section>")
    if data.months:
        chart = svg_bars([(m["key"], round(m["density"] or 0, 2)) for m in data.months],
                         "Findings per 1,000 words by month", "findings per 1,000 words", digits=2)
        sections.append('<section id="months"><h2>By month</h2>' + chart + _breakdown_table(data.months, "month") + "</section>")
    reasons = "".join(f"<tr><td>{e(k)}</td><td class='num'>{n(v)}</td></tr>" for k, v in data.bad_reasons)
    bad_rows = [f"<tr><td class='where'>{e(b['origin'])}</td><td class='num'>{e(b['line'])}</td><td>{e(b['reason'])}</td></tr>"
                for b in data.bad]
    shown = f" (the first {len(data.bad)} listed; all are in the database)" if data.bad_total > len(data.bad) else ""
    sections.append(
        f'<section id="bad-records"><h2>Bad records: {n(data.bad_total)}</h2><p>Inputs that could not be checked; they did not stop the run{shown}.</p>'
        + (_table(["kind", "records"], [reasons]) if data.bad_reasons else "")
        + _table(["file", "line", "reason"], bad_rows) + "</section>")
    sources = json.loads(run["options"]).get("sources", [])
    script_hash = base64.b64encode(hashlib.sha256(_SELF_CHECK.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{script_hash}'"
    files = " · ".join(e(f) for f in [DB_NAME, *data.files])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(csp)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newslint report — {n(t['articles'])} articles</title><style>{_CSS}</style></head><body>"
        f"<header><h1>newslint report</h1><p>{n(t['articles'])} articles from {e(', '.join(sources))} · run {e(run['run_id'])} "
        f"({e(run['status'])}, {e(run['engine'])}, {e(run['workers'])} workers) · rules version {e(run['ruleset'])} · "
        f"newslint {e(run['newslint_version'])} · {e(run['finished_at'] or run['started_at'])}</p></header>"
        f"<main>{''.join(sections)}</main>"
        f"<footer>Data: {files} (in the same folder). Generated by newslint {e(__version__)} at {e(time.strftime('%Y-%m-%d %H:%M:%S'))}.</footer>"
        f'<script id="selfcheck">{_SELF_CHECK}</script></body></html>\n'
    )


def write_html(out: Path, run_id: int, top: int = 25, files: Sequence[str] = ("findings.csv", "findings.parquet")) -> int:
    """Write out/report.html atomically for a run; returns the number of findings it covers."""
    data = collect(out / DB_NAME, run_id, top)
    data.files = list(files)
    page = render(data)
    tmp = out / ".report.html.tmp"
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out / "report.html")
    return int(data.totals["findings"])
