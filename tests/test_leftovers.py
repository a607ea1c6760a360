"""Issue 19: translation leftovers, slips, misspelled words and scraper debris, found by
mechanism. Every text here is invented; each rule must flag its damage and leave clean text
alone."""

from __future__ import annotations

import itertools

import pytest

from newslint.api import Linter, _default_linter
from newslint.model import Finding


def run(rule: str, text: str) -> list[Finding]:
    return [f for f in _default_linter((rule,), None).check_text(text) if f.rule_id == rule]


# --- stray and doubled full stops (NL315), a word doubled across a stop (NL302) ---------------

@pytest.mark.parametrize(("text", "found"), [
    ("The dam was finished. in record time, the engineers said.", "."),
    ("Ferry services stopped at noon. because of the gale.", "."),
    ("The rebate reaches pensioners next month. .", ". ."),
    ("Bakers raised bread prices again..", ".."),
])
def test_stray_and_doubled_full_stops(text: str, found: str) -> None:
    findings = run("NL315", text)
    assert [f.matched for f in findings] == [found]


@pytest.mark.parametrize("text", [
    "The dam was finished. In record time, the engineers said.",
    "Output was approx. twelve barrels, according to Lindqvist et al. in their paper.",
    "Mail tips@example.net. or visit example.net. today",
    "The count went on... and on.",
    "Forecast table: Alpha....7.50..8.25",
    "Vitamin levels were 2.5 vs. three units.",
])
def test_full_stops_left_alone(text: str) -> None:
    assert run("NL315", text) == []


def test_word_doubled_across_a_stray_full_stop() -> None:
    findings = run("NL302", "The ruling is expected tomorrow. tomorrow at ten.")
    assert [(f.matched, f.suggestions[0], f.fix_safe) for f in findings] == [("tomorrow. tomorrow", "tomorrow", False)]
    assert run("NL302", "We waited and waited. Waited until dawn.") == []


# --- a subject or an auxiliary written twice (NL316, NL317) ---------------------------------

@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("The harbour master She warned that the pier was unsafe.", "master She", "master"),
    ("Kowalczyk He insisted the vote had been fair.", "Kowalczyk He", "Kowalczyk"),
    ("Both unions They will strike on Thursday.", "unions They", "unions"),
])
def test_subject_written_twice(text: str, found: str, suggestion: str) -> None:
    findings = run("NL316", text)
    assert [(f.matched, f.suggestions[0]) for f in findings] == [(found, suggestion)]


@pytest.mark.parametrize("text", [
    "The harbour master left early. She warned that the pier was unsafe.",
    "Reporters asked whether They Live would be screened.",
    "The preacher said He is risen, to applause.",
    "MADRID She said the talks had failed.",
    "Harbour Master Warns Pier Unsafe She Says",
])
def test_subject_pronouns_left_alone(text: str) -> None:
    assert run("NL316", text) == []


def test_subjects_written_twice_in_text_order() -> None:
    """Every pronoun is found (an automaton finds the five at once), in text order, also where
    two share the space between them."""
    findings = run("NL316", "He said the minister She added that talks He would resume, and the unions They agreed.")
    assert [f.matched for f in findings] == ["minister She", "talks He", "unions They"]
    assert [f.matched for f in run("NL316", "The harbour master She It warned.")] == ["She It"]


@pytest.mark.parametrize(("text", "found"), [
    ("The airline has have been sold to investors.", "has have"),
    ("Engineers said the tunnel was is flooded.", "was is"),
    ("Why would it can take so long, the mayor asked.", "would it can"),
    ("The levy should must be paid by March.", "should must"),
])
def test_doubled_auxiliary(text: str, found: str) -> None:
    assert [f.matched for f in run("NL317", text)] == [found]


@pytest.mark.parametrize("text", [
    "The airline has had a hard winter.",
    "Would it have mattered, the mayor asked.",
    "What the plan was is still unclear.",
    "The worry is it could spread, officials said.",
    "Her will may be read on Monday.",
    "Whatever it was has now gone.",
    "Pacific Can will close the plant.",
])
def test_auxiliaries_left_alone(text: str) -> None:
    assert run("NL317", text) == []


# --- mojibake left in pieces (NL303) ---------------------------------------------------------

@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("“The port stays shut,â€ the harbour board said.", "â€", "”"),
    ("Diesel rose 4Â cents a litre.", "Â", ""),
    ("The chef served duck Ã  l'orange.", "Ã ", "à"),
    ("The ferry operator\ufffds shares fell.", "\ufffd", "’"),
])
def test_mojibake_pieces_with_a_likely_character(text: str, found: str, suggestion: str) -> None:
    findings = run("NL303", text)
    assert [(f.matched, f.suggestions[0], f.fix_safe) for f in findings] == [(found, suggestion, False)]


def test_replacement_character_that_cannot_be_told() -> None:
    findings = run("NL303", "The bak\ufffdry reopened.")
    assert [(f.matched, f.suggestions) for f in findings] == [("bak\ufffdry", ())]


@pytest.mark.parametrize("text", [
    "The banner read IRMÃ and MÃE in capitals.",
    "À la carte menus, Ângela and Ãngel were listed.",
    "The cost: €5 — “cheap”, he said.",
    "A lone \ufffd symbol in a table.",
])
def test_mojibake_pieces_left_alone(text: str) -> None:
    assert run("NL303", text) == []


# --- page furniture by structure (NL301) -------------------------------------------------------

BODY = ("Lighthouse keepers return to Skerry Rock\n\n"
        "The lighthouse on Skerry Rock will be staffed again from June, the coastguard said on Monday.\n\n"
        "Keepers left the rock in 1987 when the light was automated.\n\n"
        "The coastguard said storms had twice cut the power this winter.")


def furniture(text: str) -> list[str]:
    return [f.matched for f in run("NL301", text)]


@pytest.mark.parametrize("line", [
    "Share on Bluesky",                      # an interface verb
    "Watch the drone footage",
    "Pictures: Harbour Authority",           # a 'Label: value' credit
    "Source: Coastal Gazette",
    "By webmaster",                          # an author line without a name
    "6 min 12 sec read",                     # reading-time and timestamp widgets
    "NORTHERN ISLES · 11 HOURS AGO",
    "Rated 4.2/5 (87 votes)",                # a rating widget
    "Proudly powered by WordPress",          # a CMS tagline
])
def test_furniture_at_the_end_of_an_article(line: str) -> None:
    assert furniture(BODY + "\n\n" + line) == [line]


def test_furniture_at_the_start_after_the_headline() -> None:
    head, rest = BODY.split("\n\n", 1)
    assert furniture(f"{head}\n\nRated 3.9/5 (12 votes)\n\n{rest}") == ["Rated 3.9/5 (12 votes)"]


def test_comment_form_and_the_rest_of_the_page() -> None:
    text = BODY + "\n\nPost a reply\n\nYour name *\n\nWe never share your address\n\nGuest book rules apply"
    assert furniture(text) == ["Your name *", "We never share your address", "Guest book rules apply"]


def test_related_links_after_a_related_heading_and_inline_markers() -> None:
    text = (BODY + "\n\nRelated stories\n\nFog horn silenced after complaints\n\n"
            "Island ferry timetable cut – ferries live")
    found = furniture(text)
    assert "Fog horn silenced after complaints" in found and "Island ferry timetable cut – ferries live" in found
    assert furniture("The light was lit in 1811.[7] It was rebuilt [ad_2] in 1902.") == ["[7]", "[ad_2]"]


@pytest.mark.parametrize("text", [
    BODY,
    BODY + "\n\nShe added that the keepers would live on the rock for four weeks at a time.",
    "Share of votes falls\n\nThe party's share fell.\n\nWatch the polls, its leader said.",
    BODY.replace("Keepers left", "Share 5.1p vs 4.8p\n\nKeepers left"),
    BODY + "\n\n(Reporting by Ines Moreau; Editing by Tom Fuller)",
    "The list [a] and the table [see below] were attached; items (b) and [c ] too.",
])
def test_article_text_is_not_furniture(text: str) -> None:
    assert furniture(text) == []


# --- untranslated fragments (NL318) and whole foreign documents (NL307) -----------------------

@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("Mayors backed the levy, tuttavia, several regions refused to pay.", "tuttavia", "however"),  # in the glossary
    ("The coalition agreed, no entanto, to postpone the vote.", "no entanto", "however"),
    ("Dockers rejected the offer (et pourtant) returned to work on Monday.", "et pourtant", "and yet"),
    ("The senate passed the cuts to las becas universitarias after a long debate.", "las becas universitarias", None),
    ("Growers blocked the motorway (und) the border crossing.", "und", None),
])
def test_untranslated_fragments(text: str, found: str, suggestion: str | None) -> None:
    findings = run("NL318", text)
    assert [f.matched for f in findings] == [found]
    assert (findings[0].suggestions[:1] or (None,))[0] == suggestion
    assert not findings[0].fix_safe


@pytest.mark.parametrize(("text", "found"), [
    ("Growers (and unions) blocked the motorway [und] the border crossing.", ["und"]),
    ("Growers blocked the motorway (y) (und) the crossing (ha).", ["und"]),
    ("The ((und)) crossing and the (Und) road.", ["und"]),
])
def test_a_foreign_function_word_in_brackets(text: str, found: list[str]) -> None:
    """Every bracket is tried (the first test looks at each opening bracket, not at every character)."""
    assert [f.matched for f in run("NL318", text)] == found


@pytest.mark.parametrize("text", [
    "The junta called it a fait accompli; critics saw a coup d'état against the status quo.",
    "Shares of Banco de la Plata fell; the novel Cien años de soledad was reprinted.",
    "The de facto ban applies per se to all vessels, the harbour master said.",
    "“Wir schaffen das nicht allein, wir brauchen die Hilfe der Nachbarn,” the mayor said.",
    "The plot covers 40 (ha) of vines near the river.",
    "Mayors backed the levy, obiettivo, several regions refused to pay.",  # one word alone, in no glossary
    "Output rose to 3.5 tonnes a day, the company said in its report.",
])
def test_fragments_left_alone(text: str) -> None:
    assert run("NL318", text) == []


def test_a_document_wholly_in_another_language_gets_one_finding() -> None:
    text = ("De regering heeft vandaag aangekondigd dat de prijzen volgend jaar stijgen.\n\n"
            "Volgens de minister is er geen andere keuze voor het kabinet.\n\n"
            "De vakbonden zijn het daar niet mee eens en dreigen met een staking.\n\n"
            "Het parlement debatteert er volgende week over.")
    linter = _default_linter(("NL307", "NL318"), None)
    findings = linter.check_text(text)
    assert [f.rule_id for f in findings] == ["NL307"]
    assert "whole document" in findings[0].message and "Dutch" in findings[0].message


def test_missing_word_list_or_language_extra_skips_the_rule_with_one_warning(tmp_path, caplog, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from newslint import Linter

    rule = tmp_path / "NL390-desk-phrases.yaml"
    base = "id: NL390\nname: desk-phrases\nkind: foreign_phrase\nseverity: warning\nmessage: \"'{found}' ({language})\"\n"
    text = "The levy rose, sin embargo, the the ports stayed open."
    rule.write_text(base + "options:\n  word_list: " + str(tmp_path / "nowhere.tsv") + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="newslint"):
        findings = Linter(select=["NL390", "NL302"], rule_paths=[rule]).check_text(text)
    assert [f.rule_id for f in findings] == ["NL302"]  # the other rules still run
    assert "NL390" in caplog.text and "is missing" in caplog.text and "build-data" in caplog.text
    caplog.clear()
    rule.write_text(base + "options:\n  languages: [sv, es]\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "wordfreq", None)  # not installed
    with caplog.at_level("WARNING", logger="newslint"):
        linter = Linter(select=["NL390", "NL302"], rule_paths=[rule])
        findings = linter.check_text(text) + linter.check_text(text)
    assert [f.rule_id for f in findings] == ["NL302", "NL302"]
    assert caplog.text.count("newslint[languages]") == 1  # said once, not per document


# --- ordinary words misspelled, run together or split (NL319, NL320, NL321) ------------------

@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("The lighthouse was compleetly rebuilt.", "compleetly", "completely"),
    ("The ferry company blamed the stormy conditons.", "conditons", "conditions"),
    ("Fishermen said the quotas were unfiar.", "unfiar", "unfair"),
])
def test_misspelled_words(text: str, found: str, suggestion: str) -> None:
    findings = run("NL319", text)
    assert [(f.matched, f.suggestions[0], f.fix_safe) for f in findings] == [(found, suggestion, False)]


@pytest.mark.parametrize("text", [
    "The lighthouse was completely rebuilt by the harbour authority.",
    "See https://example.org/compleetly and mail compleetly@example.org; tag #compleetly, user @compleetly.",
    "The C6H12O6 samples and the XR7 rotor were tested in 2Q.",
    "The reflagging, the prepaid cards and the relistings were approved.",   # prefixes and endings of words
    "LIGHTHOUSE COMPLEETLY REBUILT, SAYS BOARD",                           # a headline in capitals
    "Traders sold 12 mln dlrs of cocoa; the shrs rose 3 pct.",              # wire abbreviations accepted
    "The mayor spoke about the tortillas, the gelato and the bratwurst stalls.",  # foreign words
])
def test_spelling_leaves_words_alone(text: str) -> None:
    assert run("NL319", text) == []


@pytest.mark.parametrize(("text", "found", "suggestion"), [
    ("The coastguard saidthat the beacon had failed.", "saidthat", "said that"),
    ("Divers searched the wreck ofthe trawler.", "ofthe", "of the"),
    ("Several harbourofficials resigned.", "harbourofficials", "harbour officials"),
])
def test_run_together_words(text: str, found: str, suggestion: str) -> None:
    findings = run("NL320", text)
    assert [(f.matched, f.suggestions[0]) for f in findings] == [(found, suggestion)]


@pytest.mark.parametrize("text", [
    "The coastguard said that the beacon had failed.",
    "Prices of oilseeds, feedgrains and newsprint rose after the writedown.",  # closed compounds
    "The beacon's firmware version is saidthat_v2 on the server.",
])
def test_joined_words_left_alone(text: str) -> None:
    assert run("NL320", text) == []


def test_split_word() -> None:
    findings = run("NL321", "The harbour auth ority said the pier was closed.")
    assert [(f.matched, f.suggestions[0]) for f in findings] == [("auth ority", "authority")]
    assert run("NL321", "Any way you look at it, some one will pay, he said in to the microphone.") == []


# --- lines recurring in many articles of one source (NL322, newslint report) -----------------

def test_report_finds_lines_recurring_in_one_source(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import sqlite3

    from newslint.report import ArchiveFields, LinterOptions, ReportOptions, run_report

    promo = "Get the Tidewater Ledger on your phone every morning"
    towns = ["Arlow", "Brenmoor", "Cask Point", "Dunhill Flats", "Eastmere", "Fallowby", "Glenrith"]
    records = []
    for i, town in enumerate(towns):  # seven articles of one source share the promo line
        body = f"{town} opens a new ferry pier\n\nThe pier in {town} cost {i + 2} million to build.\n\n{promo}"
        records.append({"id": f"ledger-{i}", "outlet": "Tidewater Ledger", "body": body})
    for i, town in enumerate(towns[:4]):  # another source has it only four times: below min_articles
        records.append({"id": f"gazette-{i}", "outlet": "Inland Gazette",
                        "body": f"{town} schools reopen\n\nClasses resume in {town} on Monday.\n\n{promo}"})
    archive = tmp_path / "news.jsonl"
    archive.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    options = ReportOptions(sources=(str(archive),), out=str(out), jobs=1,
                            fields=ArchiveFields(text="body", id="id", source="outlet"),
                            linter=LinterOptions(select=("NL322",)))
    summary = run_report(options)
    assert summary.recurring == 1
    conn = sqlite3.connect(out / "newslint.sqlite")
    rows = conn.execute("SELECT source, text, articles, total FROM recurring_lines").fetchall()
    assert rows == [("Tidewater Ledger", promo, 7, 7)]
    found = conn.execute("""SELECT a.article_id, f.matched, f.line FROM findings f JOIN articles a
                            ON a.content_hash = f.content_hash AND a.ruleset = f.ruleset
                            WHERE f.rule_id = 'NL322' ORDER BY a.article_id""").fetchall()
    assert [r[0] for r in found] == [f"ledger-{i}" for i in range(7)]
    assert all(r[1] == promo and r[2] == 5 for r in found)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="recurring"' in html and promo in html
    # a second run of the same archive gives the same findings, not twice as many
    summary = run_report(options)
    assert conn.execute("SELECT COUNT(*) FROM findings WHERE rule_id = 'NL322'").fetchone()[0] == 7
    assert conn.execute("SELECT SUM(findings) FROM checks").fetchone()[0] == 7
    conn.close()


def test_recurring_line_rule_gives_nothing_on_one_article() -> None:
    assert run("NL322", "Harbour news\n\nGet the Tidewater Ledger on your phone every morning") == []


def test_glossary_word_with_accents_is_found() -> None:
    findings = run("NL318", "The cabinet met; además, the unions walked out.")
    assert [(f.matched, f.suggestions[0]) for f in findings] == [("además", "moreover")]


def test_opt_in_spelling_rules_yaml_examples() -> None:
    """NL319-NL321 are opt-in (test_rule_examples skips them): their YAML examples are run here."""
    from newslint.resources import builtin_rules_dir
    from newslint.rules.loader import load_rules

    specs = [s for s in load_rules([builtin_rules_dir()]) if s.kind == "spelling"]
    assert {s.id for s in specs} == {"NL319", "NL320", "NL321"} and not any(s.default_enabled for s in specs)
    for spec in specs:
        for example in spec.fail_examples:
            findings = run(spec.id, example.text)
            assert findings, (spec.id, example.text)
            assert example.suggestion is None or findings[0].suggestions[0] == example.suggestion
        for text in spec.pass_examples:
            assert run(spec.id, text) == [], (spec.id, text)


def test_a_very_long_letter_run_is_not_spell_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 100,000-letter run is no word: symspell's deletes of it (and every split of it) grow with the
    square of its length and took 10 GB; it must never reach the speller."""
    from newslint.rules.kinds import spelling

    def refuse(self: object, word: str) -> tuple[str, ...]:
        raise AssertionError(f"a {len(word)}-letter run reached the speller")

    monkeypatch.setattr(spelling.Spelling, "_verdict", refuse)
    from newslint import Linter

    linter = Linter(select=["NL319", "NL320"])
    assert linter.check_text("The " + "a" * 100_000 + " rose.") == []
    assert linter.check_text("The " + "b" * (spelling.MAX_WORD_LENGTH + 1) + " rose.") == []


def test_glossary_keeps_accents_apart() -> None:
    """'según el' (according to the) is not the glossary's 'según él' (according to him)."""
    article = run("NL318", "The minister quoted figures según el gobierno in her speech.")
    assert [(f.matched, f.suggestions) for f in article] == [("según el gobierno", ())]
    pronoun = run("NL318", "The minister, según él, had already resigned.")
    assert [(f.matched, f.suggestions) for f in pronoun] == [("según él", ("according to him",))]


def test_glossary_phrase_is_named_in_its_own_language() -> None:
    findings = run("NL318", "The mayor was mis en examen on Tuesday for fraud.")
    assert [f.matched for f in findings] == ["mis en examen"] and "French" in findings[0].message


def test_the_doubled_auxiliary_first_test_lets_every_wrong_pair_through() -> None:
    """NL317's first test (the document's words joined by spaces, searched for the pairs and
    triples judged wrong) lets every wrong pair, around every subject pronoun, through to the
    full check, and a document with only right pairs ("would have", "is it") stops there."""
    from itertools import product

    from newslint.rules.kinds.slips import _AUX, _SUBJ, _aux_pair_is_wrong

    linter = Linter(select=["NL317"])
    words = _AUX.split("|")
    for (a, b), subject in zip(product(words, words), itertools.cycle(_SUBJ)):
        text = f"The talks {a} {b} delayed again. Officials said {a} {subject} {b} end soon."
        found = {f.matched.lower() for f in linter.check_text(text)}
        assert (f"{a} {b}" in found) == _aux_pair_is_wrong(a, None, b), (a, b, found)
        assert (f"{a} {subject} {b}" in found) == _aux_pair_is_wrong(a, subject, b), (a, subject, b, found)
    # across a tab or a second space, written in capitals; not across a line break or punctuation
    found = [f.matched for f in linter.check_text("The bill HAS  HAVE been passed, and it could\tit  can be signed.")]
    assert found == ["HAS  HAVE", "could\tit  can"]
    assert linter.check_text("The bill has\nhave been passed; has, have it; could it, can it?") == []
    # at the start of the text, after a bracket, a quote or a line break; not inside words
    found = [f.matched for f in linter.check_text("could it can be done, the paper (has have) asked.")]
    assert found == ["could it can", "has have"]
    found = [f.matched for f in linter.check_text('They said "will would" twice.\nIs was the word.')]
    assert found == ["will would", "Is was"]
    assert linter.check_text("This was it; the pre-is was, his has had.") == []
