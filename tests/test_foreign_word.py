"""NL323 untranslated-word: one lower-case word left in another language, shown by a diacritic
English does not use on that word or by an ending English lacks; loanwords, marked words, names
and runs (NL318's) left alone."""

from __future__ import annotations

import pytest

from newslint.api import _default_linter

LINTER = _default_linter(("NL323", "NL318"), None)


def found(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id, f.matched) for f in LINTER.check_text(text)]


@pytest.mark.parametrize(("text", "word"), [
    ("The mayor blamed the crecimiento of fuel prices on the strike.", "crecimiento"),  # Spanish ending
    ("Police cleared the ocupações near the port overnight.", "ocupações"),  # Portuguese ending and diacritics
    ("The party promised a riforma of the pension system; the manifestazione was peaceful.", "manifestazione"),
    ("Farmers criticised the new verordnungen on fertiliser.", "verordnungen"),  # German ending, lower case
    ("The judge ordered the detención of the former mayor.", "detención"),
    ("Ministers met también with the unions on Friday.", "también"),  # a diacritic; 'tambien' is no English word
])
def test_one_foreign_word_is_flagged(text: str, word: str) -> None:
    assert ("NL323", word) in found(text)


@pytest.mark.parametrize("text", [
    "She ordered a café au lait, sent her résumé and called the plan naïve; the réunion and the über-rich left.",
    "His fiancée and the protégé attended the soirée at the château.",
    "The government announced a settlement; the movement grew and the judgement was final.",  # English -ment, -ement
    "Protesters chanted “crecimiento” as the minister arrived.",  # marked as foreign by quotes
    "The newspaper <i>ocupações</i> series won a prize.",  # italics
    "The Comisión Nacional and the Assemblée nationale met.",  # names
    "Fashionistas, baristas and sandinistas gathered.",  # English (or capitalised) words
])
def test_loanwords_english_words_and_marked_words_pass(text: str) -> None:
    assert [f for f in found(text) if f[0] == "NL323"] == []


def test_a_run_of_foreign_words_is_left_to_nl318() -> None:
    result = found("The cabinet discussed las pensiones mínimas on Tuesday.")
    assert ("NL318", "las pensiones mínimas") in result
    assert not any(rule == "NL323" for rule, _ in result)


def test_a_sentence_in_another_language_is_not_judged_word_by_word() -> None:
    text = "La comisión aprobó la propuesta de los sindicatos después de la votación en el parlamento."
    assert [f for f in found(text) if f[0] == "NL323"] == []
