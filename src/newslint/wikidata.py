"""Turn a Wikidata Query Service export (CSV or JSON) into a newslint dictionary.

Expected columns (the names the documented SPARQL query produces; see docs/dictionaries.md):
  item         entity URL or QID (http://www.wikidata.org/entity/Q7747 or Q7747)
  itemLabel    English label -> canonical
  altLabels    alternative labels, separated by '|' or ', ' -> variants
  description  (or itemDescription) -> notes
  country      optional ISO 3166-1 alpha-2 code
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import DictionaryError

_QID = re.compile(r"(Q\d+)\s*$")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DictionaryError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from None
        if isinstance(data, dict) and "results" in data:  # SPARQL 1.1 JSON results
            bindings = data["results"].get("bindings", [])
            for i, b in enumerate(bindings, 1):
                yield i, {k: str(v.get("value", "")) for k, v in b.items() if isinstance(v, dict)}
        elif isinstance(data, list):
            for i, obj in enumerate(data, 1):
                if isinstance(obj, dict):
                    yield i, {k: str(v) for k, v in obj.items() if v is not None}
        else:
            raise DictionaryError(str(path), "expected SPARQL JSON results or a list of objects")
        return
    reader = csv.DictReader(io.StringIO(text), delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    for row in reader:
        yield reader.line_num, {k: v for k, v in row.items() if k is not None and v is not None}


def import_wikidata(path: Path, kind: str = "person") -> list[dict[str, Any]]:
    """Dictionary entries (dicts in the YAML schema) from a Wikidata export."""
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, row in _rows(path):
        item = row.get("item") or row.get("qid") or ""
        label = (row.get("itemLabel") or row.get("label") or "").strip()
        m = _QID.search(item)
        if not m:
            raise DictionaryError(str(path), f"row has no Wikidata item/QID (got {item!r})", line, "item")
        qid = m.group(1)
        if not label or label == qid or qid in seen:
            continue  # no English label, or a duplicate row of the same item
        seen.add(qid)
        raw_alts = row.get("altLabels") or row.get("aliases") or ""
        parts = raw_alts.split("|") if "|" in raw_alts else raw_alts.split(", ")
        variants = sorted({a.strip() for a in parts if a.strip() and a.strip() != label})
        entry: dict[str, Any] = {"id": f"{kind}:{qid.lower()}", "kind": kind, "canonical": label, "wikidata": qid}
        if variants:
            entry["variants"] = variants
        description = (row.get("description") or row.get("itemDescription") or "").strip()
        if description:
            entry["notes"] = description
        country = (row.get("country") or "").strip()
        if re.fullmatch(r"[A-Z]{2}", country):
            entry["country"] = country
        entries.append(entry)
    return entries


def write_dictionary(entries: list[dict[str, Any]], out: Path, source: str) -> None:
    """Write entries as YAML (.yaml/.yml) or JSON Lines (.jsonl), atomically."""
    from .fixer import atomic_write

    if out.suffix.lower() in (".yaml", ".yml"):
        import yaml

        body = yaml.safe_dump({"meta": {"name": f"imported from {source}", "schema_version": 1}, "entries": entries},
                              allow_unicode=True, sort_keys=False, width=120)
        atomic_write(out, f"# newslint dictionary imported from Wikidata ({source}); CC0 data\n{body}")
    else:
        lines = "".join(json.dumps({k: ("|".join(v) if isinstance(v, list) else v) for k, v in e.items()
                                    if k != "wikidata" and k != "notes"}, ensure_ascii=False) + "\n" for e in entries)
        atomic_write(out, lines)
