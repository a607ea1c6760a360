"""Names: near misses found by the general mechanism (not by known_misspellings lists),
and real names, common words and other people left alone."""

from __future__ import annotations

import pytest

from newslint import Linter
from newslint.resources import Resources
from newslint.textutil import fold

LISTED = {
    fold(m)
    for e in Resources().names.entries
    for m in e.known_misspellings
}

# (text, flagged span, expected suggestion) -- none of these spellings is in any known_misspellings list
UNLISTED = [
    # people
    ("Talks with Keir Stramer ended late.", "Keir Stramer", "Keir Starmer"),
    ("Emmanuel Macorn said France would help.", "Emmanuel Macorn", "Emmanuel Macron"),
    ("Sergei Lavorv met his counterpart.", "Sergei Lavorv", "Sergei Lavrov"),
    ("Wolodymyr Zelensky addressed parliament.", "Wolodymyr Zelensky", "Volodymyr Zelensky"),
    ("Giorgia Meloini spoke in Rome.", "Giorgia Meloini", "Giorgia Meloni"),
    ("Ursula von der Leyden visited Kyiv.", "Ursula von der Leyden", "Ursula von der Leyen"),
    ("Bachar al-Assad fled to Moscow.", "Bachar al-Assad", "Bashar al-Assad"),  # a name ending in al-/el-
    ("Benjamn Netanyahu received the delegation.", "Benjamn Netanyahu", "Benjamin Netanyahu"),
    ("Vladimr Puttin spoke on television.", "Vladimr Puttin", "Vladimir Putin"),
    # places
    ("Shelling continued in Bakhmutt on Monday.", "Bakhmutt", "Bakhmut"),
    ("The envoy flew to Islamabadd.", "Islamabadd", "Islamabad"),
    ("Ministers met in Brussells.", "Brussells", "Brussels"),
    ("The summit was held in Riyahd.", "Riyahd", "Riyadh"),
    # organisations
    ("The Internatinal Monetary Fund cut its forecast.", "Internatinal Monetary Fund", "International Monetary Fund"),
    ("The Europen Commission proposed new rules.", "Europen Commission", "European Commission"),
    ("The Islamic Revolutionary Gaurd Corps said.", "Islamic Revolutionary Gaurd Corps", "Islamic Revolutionary Guard Corps"),
    ("A spokesman for the Kremln declined to comment.", "Kremln", "Kremlin"),
    # a misspelling that web word counts list as a word, far rarer than the name's own word
    ("The European Comission proposed new rules.", "European Comission", "European Commission"),
    ("Officials of the Untied Nations met.", "Untied Nations", "United Nations"),
    ("Talks in Saudia Arabia resumed.", "Saudia Arabia", "Saudi Arabia"),
    # with equally few edits, the longer form wins
    ("The Untied Nations Security Council met.", "Untied Nations Security Council", "United Nations Security Council"),
]


@pytest.mark.parametrize(("text", "span", "suggestion"), UNLISTED)
def test_unlisted_misspelling_is_corrected(linter: Linter, text: str, span: str, suggestion: str) -> None:
    assert fold(span) not in LISTED, "test must use a misspelling that is in no list"
    hits = [f for f in linter.check_text(text) if f.rule_id == "NL101"]
    assert [(f.matched, f.suggestions[0]) for f in hits] == [(span, suggestion)]


CLEAN = [
    "The ferry from Kiel to Oslo was cancelled.",  # Kiel alone is a German city
    "Kim Starmer, a teacher from Leeds, spoke to reporters.",  # a common given name: someone else
    "Doris Johnson, 72, has run the shop since 1980.",
    "Recep Tayyip Erdogan and Pedro Sanchez spoke by phone.",  # ASCII-folded forms are fine
    "Volodymyr Zelenskyy and Volodymyr Zelensky are both accepted spellings.",
    "Sir Keir Starmer met Sergei Lavrov, Marco Rubio and Donald Trump.",
    "Yamaichi Securities Co and Canterra Energy Ltd reported profits.",  # company names
    "The U.S. Federal Reserve raised rates, TASS said, citing the Kremlin.",
    "Shares of WHO Corp rose; the World Health Organization was not involved.",
    "The Red Cross and the European Commission met.",  # common words beside a name's words
    "Olaf Scholtz, a baker, spoke to reporters.",  # a real surname one letter off Scholz: someone else
]


@pytest.mark.parametrize("text", CLEAN)
def test_real_names_and_words_pass(linter: Linter, text: str) -> None:
    assert [f.message for f in linter.check_text(text) if f.rule_id in ("NL101", "NL102", "NL103")] == []


def test_listed_misspelling_suggests_the_nearest_accepted_form(linter: Linter) -> None:
    hits = [f for f in linter.check_text("Shares rose in Hongkong on Friday.") if f.rule_id == "NL101"]
    assert hits and hits[0].suggestions[0] == "Hong Kong"


def test_surname_alone_is_only_corrected_when_the_person_is_in_the_article(linter: Linter) -> None:
    alone = [f for f in linter.check_text("Macorn said the talks were over.") if f.rule_id == "NL101"]
    assert alone == []
    with_context = linter.check_text("Emmanuel Macron arrived on Monday. Later Macorn said the talks were over.")
    hits = [f for f in with_context if f.rule_id == "NL101"]
    assert [(f.matched, f.suggestions[0]) for f in hits] == [("Macorn", "Macron")]


def test_discouraged_form_is_info_with_canonical(linter: Linter) -> None:
    hits = [f for f in linter.check_text("Missiles struck Kiev overnight.") if f.rule_id == "NL102"]
    assert len(hits) == 1
    assert hits[0].severity.value == "info" and hits[0].suggestions == ("Kyiv",)
    assert not hits[0].fix_safe


def test_anchored_fix_is_safe_but_not_inside_a_quote(linter: Linter) -> None:
    plain = [f for f in linter.check_text("Keir Stramer spoke.") if f.rule_id == "NL101"]
    quoted = [f for f in linter.check_text("“Keir Stramer spoke,” she said.") if f.rule_id == "NL101"]
    assert plain[0].fix_safe
    assert quoted and not quoted[0].fix_safe


def test_seed_article_names(linter: Linter, seed_text: str) -> None:
    findings = linter.check_text(seed_text)
    got = {(f.rule_id, f.matched, f.suggestions[0] if f.suggestions else None) for f in findings}
    assert ("NL101", "Kiel Starmer", "Keir Starmer") in got
    assert ("NL101", "Voldymir Zelensky", "Volodymyr Zelensky") in got
    assert ("NL102", "Kiev", "Kyiv") in got
    flagged = " ".join(f.matched for f in findings)
    for fine in ("Turkiye", "TASS", "Sergei Lavrov", "Marco Rubio", "Donald Trump", "Kremlin"):
        assert fine not in flagged


def test_common_word_is_not_corrected_into_a_name(linter: Linter) -> None:
    text = "Russian Foreign Minister Sergei Lavrov met the Russian Foreign Ministry spokeswoman."
    assert [f.matched for f in linter.check_text(text) if f.rule_id == "NL101"] == []


@pytest.mark.parametrize(("text", "span", "suggestion"), [
    ("Alberto Nez Feijo won the vote in Galicia.", "Alberto Nez Feijo", "Alberto Núñez Feijóo"),  # accents dropped
    ("Premier Fran?ois Legault spoke in Quebec.", "Fran?ois Legault", "François Legault"),  # replaced by '?'
    ("Premier Fran\ufffdois Legault spoke in Quebec.", "Fran\ufffdois Legault", "François Legault"),  # U+FFFD
])
def test_damaged_names_are_repaired(linter: Linter, text: str, span: str, suggestion: str) -> None:
    if not getattr(linter.resources.names, "big", None):
        pytest.skip("the open-data name index is switched off (NEWSLINT_BIG_NAMES=0 or no cache directory)")
    hits = [(f.matched, f.suggestions[0]) for f in linter.check_text(text) if f.rule_id == "NL101"]
    assert hits == [(span, suggestion)]


def test_ascii_folded_names_are_not_damage(linter: Linter) -> None:
    text = "Pedro Sanchez, Alberto Nunez Feijoo and Recep Tayyip Erdogan met. Who is Legault?"
    assert [f.matched for f in linter.check_text(text) if f.rule_id == "NL101"] == []


def test_same_name_before_different_punctuation_is_found_at_each_place(linter: Linter) -> None:
    # the analysis of "Kiel Starmer", "Kiel Starmer," and "Kiel Starmer)" is shared (punctuation
    # after the last word is no part of a name); each finding must still sit on its own words
    text = "Kiel Starmer spoke. (Aides to Kiel Starmer) met; then Kiel Starmer, Kiel Starmer\u201d and Kiel Starmer."
    found = [(f.span.start, f.span.end, f.suggestions[0]) for f in linter.check_text(text) if f.rule_id == "NL101"]
    starts = [i for i in range(len(text)) if text.startswith("Kiel Starmer", i)]
    assert found == [(s, s + len("Kiel Starmer"), "Keir Starmer") for s in starts]


def test_names_across_connector_words_resolve_as_one(linter: Linter) -> None:
    """Stretches of capitals stop at "of", "and", "the": a name across them is looked up whole,
    so no word inside "Bank of England" is reported on its own, and a listed misspelling across
    "and" is found."""
    assert [f.rule_id for f in linter.check_text("The Bank of England raised rates.")] == []
    assert [f.rule_id for f in linter.check_text("Envoys of the Democratic Republic of the Congo met.")] == []
    listed = [(f.rule_id, f.matched, f.suggestions[0]) for f in linter.check_text("Talks in Bosnia and Hercegovina resumed.")]
    assert listed == [("NL101", "Bosnia and Hercegovina", "Bosnia and Herzegovina")]


@pytest.mark.parametrize(("text", "flagged"), [
    ("Snow fell across northern New England on Sunday.", []),  # part of a longer, unknown name
    ("Shares of Banque Bruxelles Lambert rose.", []),
    ("Visiting Kiev, the minister met students.", ["Kiev"]),  # the word before begins the sentence
    ("OIL FIRM PLANS TO OPEN OFFICE IN PEKING", ["PEKING"]),  # an all-capital headline shows no boundary
    ("Keir Starmer Kiev visit", ["Kiev"]),  # the word before is a known name of its own
])
def test_discouraged_form_inside_a_longer_name_passes(linter: Linter, text: str, flagged: list[str]) -> None:
    assert [f.matched for f in linter.check_text(text) if f.rule_id == "NL102"] == flagged


def test_a_correction_inside_a_longer_one_is_reported_once(linter: Linter) -> None:
    """"Mexiko" is a listed misspelling of Mexico and "Mexiko City" a near miss of Mexico City:
    one finding for the longer name, not two overlapping fixes."""
    found = [(f.matched, f.suggestions[0]) for f in linter.check_text("They flew to Mexiko City on Monday.")]
    assert found == [("Mexiko City", "Mexico City")]
    alone = [(f.matched, f.suggestions[0]) for f in linter.check_text("They flew to Mexiko on Monday.")]
    assert alone == [("Mexiko", "Mexico")]


@pytest.mark.parametrize(("text", "flagged", "suggestion"), [
    ("The Bank of Englnad raised rates.", "Bank of Englnad", "Bank of England"),
    ("Envoys of the Democratic Repbulic of the Congo met.", "Democratic Repbulic of the Congo", "Democratic Republic of the Congo"),
    ("The House of Comnons voted.", "House of Comnons", "House of Commons"),
])
def test_near_misses_across_connector_words(linter: Linter, text: str, flagged: str, suggestion: str) -> None:
    """A slip in a name that spans "of" or "of the" is corrected as the whole name."""
    found = [(f.matched, f.suggestions[0]) for f in linter.check_text(text) if f.rule_id == "NL101"]
    assert found == [(flagged, suggestion)]
    assert not any(fold(flagged) == m for m in LISTED)


@pytest.mark.parametrize("text", [
    "The Bank of Canada, the Bank of Korea and the Bank of Montreal cut rates.",
    "Tankers crossed the Straits of Hormuz and the Gulf of Oman.",  # a plural is no slip
    "The Isle of Man, the Gulf of Aden and the Council of Europe.",
])
def test_names_across_connector_words_that_are_other_names_pass(linter: Linter, text: str) -> None:
    assert [f.matched for f in linter.check_text(text) if f.rule_id == "NL101"] == []


def test_a_listed_acronym_misspelling_is_corrected_to_the_acronym(linter: Linter) -> None:
    """OTAN (the French and Spanish acronym) -> NATO, not the variant Nato; a name stays a name."""
    assert [(f.matched, f.suggestions[0]) for f in linter.check_text("The OTAN summit opens today.")] == [("OTAN", "NATO")]
    assert [(f.matched, f.suggestions[0]) for f in linter.check_text("Talks in Hongkong resumed.")] == [("Hongkong", "Hong Kong")]


@pytest.mark.parametrize(("text", "flagged", "suggestion"), [
    ("The decree was signed by Putin Vladimir on Monday.", "Putin Vladimir", "Vladimir Putin"),  # Russian official order
    ("Hungarian Prime Minister Orban Viktor said.", "Orban Viktor", "Viktor Orban"),  # Hungarian order, spelling kept
    ("Jinping Xi met the delegation.", "Jinping Xi", "Xi Jinping"),
])
def test_swapped_given_name_and_surname_of_a_known_person(linter: Linter, text: str, flagged: str, suggestion: str) -> None:
    found = [(f.matched, f.suggestions[0], f.fix.applicability.value if f.fix else "") for f in linter.check_text(text)
             if f.rule_id == "NL101"]
    assert found == [(flagged, suggestion, "unsafe")]
    assert "swapped" in linter.check_text(text)[0].message


@pytest.mark.parametrize("text", [
    "Vladimir Putin and Viktor Orbán met Xi Jinping.",
    "Chen Wei and Wei Chen are two different engineers.",  # open-data names: both orders are real people
])
def test_names_in_their_own_order_pass(linter: Linter, text: str) -> None:
    assert [f.matched for f in linter.check_text(text) if f.rule_id == "NL101"] == []


@pytest.mark.parametrize(("text", "flagged"), [
    ("Talks in Rangoon ended. Rangoon said it would reply.", ["Rangoon", "Rangoon"]),  # the place, the government
    ("The ambassador to Rangoon Anna Berg said so.", ["Rangoon"]),  # a person's given name after it
    ("Exports to Holland rose in May.", ["Holland"]),
    ("He returned to England last week.", []),  # one of the UK's four nations, no discouraged form of it
    ("The Banco di Rangoon arranged a loan.", []),  # after a foreign particle: another name
    ("It will keep its Rangoon Gas unit.", []),  # before a capitalised word: another name
    ("Holland said the network was still growing.", []),  # a frequent surname before a reporting verb: a person
    ("The actor Tom Holland starred.", []),  # after a frequent given name
])
def test_discouraged_place_forms_inside_other_names_pass(linter: Linter, text: str, flagged: list[str]) -> None:
    assert [f.matched for f in linter.check_text(text) if f.rule_id == "NL102"] == flagged


@pytest.mark.parametrize(("text", "suggestion"), [
    ("STOCKS IN HONGKONG FALL AGAIN", "HONG KONG"),  # a headline in capitals: a word, not an acronym
    ("Shares in Hongkong fell.", "Hong Kong"),
    ("Ministers of the OTAN met.", "NATO"),  # an acronym to the acronym
    ("OTAN SUMMIT OPENS IN MADRID", "NATO"),
])
def test_a_listed_misspelling_in_capitals_gets_the_name_in_capitals(linter: Linter, text: str, suggestion: str) -> None:
    assert [f.suggestions[0] for f in linter.check_text(text) if f.rule_id == "NL101"] == [suggestion]
