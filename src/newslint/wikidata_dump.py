"""Build the normalised people TSV from a Wikidata JSON dump (CC0).

Standard library only.  Written for newslint.  This is the route to the
large dictionary (all politicians and office holders plus other notable
people, with labels and aliases in many languages and Wikidata QIDs) that
could not be downloaded ready-made: run it where the dump is available.

Input: latest-all.json.gz / .bz2 from dumps.wikimedia.org (one entity per
line inside a JSON array), or an uncompressed file, or '-' for stdin (for
example `pigz -dc latest-all.json.gz | wikidata_dump_people.py - out.tsv.gz`).

A human (P31 = Q5) is kept if it has a 'position held' (P39) statement, or
an occupation (P106) in POLITICAL_OCCUPATIONS, or at least --min-sitelinks
Wikipedia/Wikimedia sitelinks (default 5; public figures such as football
managers or officials without P39 come in this way).

Two passes over the dump: the first keeps the people and remembers which
items they point to (countries of citizenship, positions, occupations);
the second reads the English labels of those items and the ISO 3166-1
alpha-2 code (P297) of the countries.  With '-' as input only one pass is
possible, so positions and occupations are then written as QIDs.

Output columns (same as convert_open_names.py normalise):
  name, alt_names ('|'), country (ISO alpha-2, '|'), qid, description,
  birth_year, source, source_id
'description' = English description; positions with years; occupations.

Vendored for `newslint dict build-wikidata` from the project's own data tools
(shared/data/names/open/tools/wikidata_dump_people.py, written for newslint); the data it
reads, Wikidata, is CC0.
"""

import argparse
import bz2
import gzip
import io
import json
import re
import sys

POLITICAL_OCCUPATIONS = {
    "Q82955",    # politician
    "Q193391",   # diplomat
    "Q372436",   # statesperson
    "Q16533",    # judge
    "Q1097498",  # ruler
    "Q116",      # monarch
    "Q30185",    # mayor
    "Q189290",   # military officer
    "Q212238",   # civil servant
    "Q806798",   # banker
    "Q43845",    # businessperson
    "Q1930187",  # journalist
}

DEFAULT_LANGS = ("en,mul,de,fr,es,it,pt,nl,ca,gl,eu,pl,cs,sk,sl,hr,sr,bs,ro,"
                 "hu,sv,da,nb,nn,fi,et,lv,lt,tr,az,id,ms,vi,tl,sq,ga,cy,"
                 "lb,mt,is,uk,ru,be,bg,mk,el,ka,hy,he,ar,fa,ko,ja,zh")


def open_dump(path):
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if path.endswith(".bz2"):
        return bz2.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


_ID = re.compile(r'"id"\s*:\s*"([QPL]\d+)"')


def entities(path, wanted_line=None):
    """Yield entity dicts of the lines for which wanted_line(line) is true
    (a cheap string test that saves parsing most of the 100M+ entities)."""
    with open_dump(path) as fh:
        for line in fh:
            line = line.strip()
            if len(line) < 3 or line[0] != "{":
                continue
            if wanted_line is not None and not wanted_line(line):
                continue
            if line.endswith(","):
                line = line[:-1]
            try:
                yield json.loads(line)
            except ValueError:
                continue


def claim_ids(entity, prop):
    out = []
    for st in entity.get("claims", {}).get(prop, []):
        if st.get("rank") == "deprecated":
            continue
        dv = st.get("mainsnak", {}).get("datavalue", {})
        if dv.get("type") == "wikibase-entityid":
            out.append(dv["value"].get("id") or "Q%d" % dv["value"]["numeric-id"])
    return out


def _year_of(time_value):
    m = re.match(r"^[+-]?(\d{1,4})", time_value or "")
    if not m:
        return ""
    year = int(m.group(1))
    return str(-year if (time_value or "").startswith("-") else year)


def claim_year(entity, prop):
    for st in entity.get("claims", {}).get(prop, []):
        if st.get("rank") == "deprecated":
            continue
        dv = st.get("mainsnak", {}).get("datavalue", {})
        if dv.get("type") == "time":
            return _year_of(dv["value"].get("time"))
    return ""


def positions(entity):
    out = []
    for st in entity.get("claims", {}).get("P39", []):
        if st.get("rank") == "deprecated":
            continue
        dv = st.get("mainsnak", {}).get("datavalue", {})
        if dv.get("type") != "wikibase-entityid":
            continue
        qid = dv["value"].get("id")
        years = []
        for q in ("P580", "P582"):
            vals = st.get("qualifiers", {}).get(q, [])
            t = vals[0].get("datavalue", {}).get("value", {}).get("time") if vals else None
            years.append(_year_of(t) if t else "")
        out.append((qid, years[0], years[1]))
    return out


def clean(value):
    value = re.sub(r"[\t\r\n|]+", " ", value or "")
    return re.sub(r"\s+", " ", value).strip()


def keep(entity, min_sitelinks):
    if "Q5" not in claim_ids(entity, "P31"):
        return False
    if entity.get("claims", {}).get("P39"):
        return True
    if POLITICAL_OCCUPATIONS.intersection(claim_ids(entity, "P106")):
        return True
    return len(entity.get("sitelinks", {})) >= min_sitelinks


def main(argv=None):
    ap = argparse.ArgumentParser(prog="wikidata_dump", description=__doc__.split("\n\n")[0])
    ap.add_argument("dump")
    ap.add_argument("out")
    ap.add_argument("--min-sitelinks", type=int, default=5)
    ap.add_argument("--langs", default=DEFAULT_LANGS,
                    help="comma-separated label/alias languages (order = preference "
                         "for the name column after en and mul)")
    ap.add_argument("--source", default="wikidata",
                    help="value of the source column, e.g. wikidata-20261201")
    args = ap.parse_args(argv)
    langs = [l for l in args.langs.split(",") if l]

    people = []          # list of tuples, see below
    needed = set()       # QIDs whose English label / ISO code we want
    iso = {}             # country QID -> ISO alpha-2

    n = 0
    def pass1_line(line):
        return '"Q5"' in line or '"P297"' in line

    for ent in entities(args.dump, pass1_line):
        n += 1
        if n % 1000000 == 0:
            print("pass 1: %d entities, %d people" % (n, len(people)), file=sys.stderr)
        p297 = ent.get("claims", {}).get("P297")
        if p297:
            code = p297[0].get("mainsnak", {}).get("datavalue", {}).get("value")
            if isinstance(code, str):
                iso[ent["id"]] = code.upper()
        if not keep(ent, args.min_sitelinks):
            continue
        labels = ent.get("labels", {})
        aliases = ent.get("aliases", {})
        name = ""
        for lang in ["en", "mul"] + langs:
            if lang in labels:
                name = labels[lang]["value"]
                break
        if not name and labels:
            name = next(iter(labels.values()))["value"]
        alts = []
        for lang in langs:
            if lang in labels:
                alts.append(labels[lang]["value"])
            for a in aliases.get(lang, []):
                alts.append(a["value"])
        seen, alt_out = {clean(name)}, []
        for a in alts:
            a = clean(a)
            if a and a not in seen:
                seen.add(a)
                alt_out.append(a)
        citizen = claim_ids(ent, "P27")
        pos = positions(ent)
        occ = claim_ids(ent, "P106")
        needed.update(citizen)
        needed.update(q for q, _, _ in pos)
        needed.update(occ)
        desc = ent.get("descriptions", {}).get("en", {}).get("value", "")
        people.append((ent["id"], clean(name), alt_out, citizen, pos, occ,
                       clean(desc), claim_year(ent, "P569")))

    label = {}
    if args.dump != "-":
        def pass2_line(line):
            m = _ID.search(line, 0, 300)
            return bool(m) and m.group(1) in needed

        for ent in entities(args.dump, pass2_line):
            qid = ent.get("id")
            if qid in needed:
                lab = ent.get("labels", {})
                lab = lab.get("en") or lab.get("mul")
                if lab:
                    label[qid] = clean(lab["value"])

    if args.out.endswith(".gz"):
        fh = io.TextIOWrapper(gzip.GzipFile(args.out, "wb", mtime=0), encoding="utf-8", newline="\n")
    else:
        fh = open(args.out, "w", encoding="utf-8", newline="\n")
    fh.write("name\talt_names\tcountry\tqid\tdescription\tbirth_year\tsource\tsource_id\n")
    for qid, name, alts, citizen, pos, occ, desc, birth in people:
        countries = []
        for c in citizen:
            code = iso.get(c)
            if code and code not in countries:
                countries.append(code)
        parts = [desc] if desc else []
        if pos:
            parts.append("positions: " + ", ".join(
                "%s%s" % (label.get(q, q), " (%s–%s)" % (s, e) if s or e else "")
                for q, s, e in pos))
        if occ:
            parts.append("occupations: " + ", ".join(label.get(q, q) for q in occ))
        fh.write("\t".join([name, "|".join(alts), "|".join(countries), qid,
                            clean("; ".join(parts)), birth, args.source, qid]) + "\n")
    fh.close()
    print("wrote %d people to %s" % (len(people), args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
