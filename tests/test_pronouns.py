"""NL106 pronoun-contradicts-person with invented people (no list of the repository knows
them): pronouns of the other gender where the known person is the only candidate antecedent
are flagged; quotes, other people, person nouns and fitting pronouns leave the text alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.resources import Resources
from newslint.textutil import fold

PEOPLE = """\
entries:
  - {id: person:tiiu-serkland, kind: person, canonical: Tiiu Serkland, aliases: [Serkland], country: "EE", gender: female,
     roles: [{title: Prime Minister, of: "EE", from: "2023-07-01"}]}
  - {id: person:oleksandr-hryvenko, kind: person, canonical: Oleksandr Hryvenko, aliases: [Hryvenko], country: "UA", gender: male}
  - {id: person:ilse-morvaan, kind: person, canonical: Ilse Morvaan, aliases: [Morvaan], country: "NL"}
  - {id: person:aino-vaarasalo, kind: person, canonical: Aino Vaarasalo, aliases: [Vaarasalo], country: "FI", gender: female}
"""


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    path = tmp_path_factory.mktemp("pronouns") / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return Linter(select=["NL106"], dictionary_paths=[path])


def pronouns(linter: Linter, text: str) -> list[tuple[str, str]]:
    return [(f.matched, f.suggestions[0]) for f in linter.check_text(text)]


def test_the_people_are_invented() -> None:
    index = Resources().names
    for word in ("Serkland", "Hryvenko", "Morvaan", "Vaarasalo"):
        assert not index.is_known_token(fold(word)) and not index.lookup(word), word


@pytest.mark.parametrize(("text", "expected"), [
    ("Tiiu Serkland opened the session on Monday. He said the budget would pass.", [("He", "She")]),
    ("Prime Minister Tiiu Serkland rallied his supporters in Tartu.", [("his", "her")]),
    ("Oleksandr Hryvenko toured the plant. She told workers that output had doubled.", [("She", "He")]),
    ("Oleksandr Hryvenko thanked the workers for her help.", [("her", "his")]),
    ("Oleksandr Hryvenko was pleased. The vote went well for her, officials said.", [("her", "him")]),
    # her own description is no other antecedent
    ("Tiiu Serkland, Estonia's prime minister, said he was tired.", [("he", "she")]),
    # the surname alone, in a paragraph after the full name
    ("Tiiu Serkland opened the session.\n\nSerkland said he expected the budget to pass.", [("he", "she")]),
    ("Talks resumed on Monday.\n\nTiiu Serkland has asked for calm, he said.", [("he", "she")]),
    # the name as a near miss is still the person
    ("Tiiu Serklnad opened the session. He said the budget would pass.", [("He", "She")]),
    # the paragraph before names another woman: "he" cannot be her either
    ("Aino Vaarasalo arrived in Tallinn on Monday.\n\nTiiu Serkland spoke in Tartu. He told voters the plan would work.",
     [("He", "She")]),
])
def test_a_pronoun_of_the_other_gender_is_flagged(linter: Linter, text: str, expected: list[tuple[str, str]]) -> None:
    assert pronouns(linter, text) == expected


def test_never_fixed_automatically(linter: Linter) -> None:
    found = linter.check_text("Tiiu Serkland opened the session. He said so.")
    assert found and not found[0].fix_safe


@pytest.mark.parametrize("text", [
    # the paragraph before names a man: "he" may be him
    "Oleksandr Hryvenko arrived in Tallinn on Monday.\n\nTiiu Serkland spoke in Tartu. He told voters the plan would work.",
    # a woman quoted about a man
    "Tiiu Serkland said: “He has failed the country and must resign.”",
    "“He has failed the country,” Tiiu Serkland said.",
    "Tiiu Serkland criticised the finance minister. He had failed, she said.",
    # another person named in the paragraph
    "Tiiu Serkland met Marek Tamm in Tallinn. He said the talks had gone well.",
    "Tiiu Serkland met Oleksandr Hryvenko in Tallinn. He said the talks had gone well.",
    "Tiiu Serkland thanked Mr Vaher. He had led the talks.",
    "Tiiu Serkland met Ilse Morvaan. He had led the talks.",  # a known person of no known gender
    # the surname alone without the full name in the article, or shared with someone else named
    "Serkland said he expected the budget to pass.",
    "Tiiu Serkland opened the session.\n\nAt the bank, Jaan Serkland spoke.\n\nSerkland said he expected a rise.",
    # the paragraph before names someone else, who may be the one speaking
    "Marek Tamm spoke on Tuesday.\n\nTiiu Serkland has asked for calm, he said.",
    "Oleksandr Hryvenko spoke on Tuesday.\n\nTiiu Serkland has asked for calm, he said.",
    # a person noun: another candidate antecedent
    "Tiiu Serkland spoke to her husband by phone. He was in Riga.",
    "Tiiu Serkland, who met the minister, said he was tired.",
    # a pronoun that fits her: "his" is someone else's
    "Tiiu Serkland said she would not read his letter.",
    # the right pronouns
    "Tiiu Serkland opened the session. She said the budget would pass.",
    "Oleksandr Hryvenko toured the plant. He told workers that output had doubled.",
    # a title, not a pronoun
    "Tiiu Serkland met His Majesty the King in Stockholm.",
    # the person is named after the pronoun, in another paragraph, or has no gender in the dictionary
    "He said the budget would pass, according to Tiiu Serkland.",
    "He said the budget would pass.\n\nTiiu Serkland opened the session.",
])
def test_other_antecedents_quotes_and_fitting_pronouns_pass(linter: Linter, text: str) -> None:
    assert pronouns(linter, text) == []


def test_the_person_nouns_are_an_option(tmp_path: Path) -> None:
    """A newsroom's copy of the rule may list its own person nouns (here none: "the minister" no
    longer stops the check)."""
    from newslint.resources import builtin_rules_dir

    people = tmp_path / "people.yaml"
    people.write_text(PEOPLE, encoding="utf-8")
    rule = (builtin_rules_dir() / "NL106-pronoun-contradicts-person.yaml").read_text(encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "NL106.yaml").write_text(rule.replace("examples:", "options: {person_nouns: []}\nexamples:", 1),
                                                   encoding="utf-8")
    strict = Linter(builtin=False, rule_paths=[tmp_path / "rules"], dictionary_paths=[people])
    text = "Tiiu Serkland met the minister. He said so."
    assert [f.matched for f in strict.check_text(text)] == ["He"]


def findings(linter: Linter, text: str) -> list[tuple[str, str, str]]:
    return [(f.matched, f.suggestions[0], f.severity.value) for f in linter.check_text(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # a known person the dictionary gives no gender: the given name does (info)
    ("Ilse Morvaan opened the session. He said the budget would pass.", [("He", "She", "info")]),
    # people no dictionary knows, gendered by a given name that is overwhelmingly one gender
    ("Judge Marisol Quastberg handed down the sentence on Tuesday. He said the evidence was clear.",
     [("He", "She", "info")]),
    ("Quastberg, 52, has served since 2009.\n\nMarisol Quastberg was appointed in March. His term ends in 2030.",
     [("His", "Her", "info")]),
    ("Gustavo Pellirano toured the plant. She told workers that output had doubled.", [("She", "He", "info")]),
    # the surname alone, after the full name, in the next paragraph
    ("Marisol Quastberg opened the hearing.\n\nQuastberg said he would rule in May.", [("he", "she", "info")]),
])
def test_a_person_no_dictionary_genders_is_gendered_by_the_given_name(linter: Linter, text: str,
                                                                      expected: list[tuple[str, str, str]]) -> None:
    assert findings(linter, text) == expected


@pytest.mark.parametrize("text", [
    "Judge Marisol Quastberg sentenced the former mayor. She said the evidence was clear.",
    "Judge Marisol Quastberg said: “He lied to this court.”",  # a quote
    "Marisol Quastberg met Gustavo Pellirano. He said the talks went well.",  # two people
    "Marisol Quastberg met the mayor. He said the talks went well.",  # a person noun
    "Andrea Pellirano opened the session. He said the budget would pass.",  # Andrea: a man in Italy
    "Grace Quastberg opened the session. He said the budget would pass.",  # a given name that is an English word
    "Marisol Quastberg opened the hearing.\n\nAt the bank, Tomas Quastberg spoke.\n\nQuastberg said he would rule.",
    "He said the budget would pass.\n\nMarisol Quastberg opened the session.",  # named after the pronoun
    "The Santa Marisol Quastberg chapel reopened; he said it was restored.",  # a capitalised word before the given name
])
def test_guessed_gender_keeps_the_precision_rules(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


def test_the_guess_is_an_option(tmp_path: Path) -> None:
    """given_names: '' switches the guess off; the dictionary's gender alone counts again."""
    from newslint.resources import builtin_rules_dir

    rule = (builtin_rules_dir() / "NL106-pronoun-contradicts-person.yaml").read_text(encoding="utf-8")
    (tmp_path / "NL106.yaml").write_text(rule.replace("examples:", "options: {given_names: ''}\nexamples:", 1), encoding="utf-8")
    off = Linter(builtin=False, rule_paths=[tmp_path])
    assert off.check_text("Judge Marisol Quastberg ruled. He said the evidence was clear.") == []


@pytest.mark.parametrize(("text", "expected"), [
    # an article opening with the dropped subject's pronoun, the subject named in the next sentence
    ("He listened closely and took notes on his copy. Tiiu Serkland then rose to speak in Tartu.",
     [("He", "She", "info"), ("his", "her", "info")]),
    ("She toured the plant for an hour. Oleksandr Hryvenko then met the workers.", [("She", "He", "info")]),
    # a role after "as" is the person's own ("as secretary of"), not another candidate
    ("Tiiu Serkland, who served as secretary of the party, opened the session. He said it would pass.",
     [("He", "She", "warning")]),
])
def test_an_opening_pronoun_and_a_role_after_as(linter: Linter, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert findings(linter, text) == expected


@pytest.mark.parametrize("text", [
    "He listened closely. Tiiu Serkland and Oleksandr Hryvenko then spoke.",  # a man among those named
    "He listened closely to the minister. Tiiu Serkland then spoke.",  # a person noun in the opening sentence
    "He listened closely. The session ended when Tiiu Serkland spoke.",  # the next sentence does not open with her
    "He listened closely, she said. Tiiu Serkland then spoke.",  # a pronoun that fits her
    "Talks resumed. He listened closely. Tiiu Serkland then spoke.",  # not the opening sentence
])
def test_an_opening_pronoun_keeps_the_precision_rules(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # documents that are no ASCII text: a given name with a diacritic, a surname with one
    ("Judge Renée Quastberg handed down the sentence. He said the evidence was clear.", [("He", "She", "info")]),
    ("Judge Marisol Quastberg-Núñez handed down the sentence. He said the evidence was clear.", [("He", "She", "info")]),
    # a known man the document's pronouns cannot contradict, and a woman no dictionary knows
    ("Oleksandr Hryvenko spoke on Monday.\n\nThe court sat on Tuesday.\n\nJudge Marisol Quastberg handed down "
     "the sentence. He said the evidence was clear.", [("He", "She", "info")]),
])
def test_given_names_found_past_the_first_tests(linter: Linter, text: str, expected: list[tuple[str, str, str]]) -> None:
    """The cheap first tests (the document's letter runs, a run's folded words) keep every given name
    the rule takes: with a diacritic, beside a known person of the other gender."""
    assert findings(linter, text) == expected


@pytest.mark.parametrize("text", [
    "Judge Rose Quastberg handed down the sentence. He said the evidence was clear.",  # "Rose" alone: an English word
    "The Long-Term Quastberg Fund grew. He said the returns were clear.",  # no given name
    "Oleksandr Hryvenko toured the plant on Monday. He said output had doubled.",  # only pronouns that fit
])
def test_documents_the_first_tests_rule_out(linter: Linter, text: str) -> None:
    assert findings(linter, text) == []
