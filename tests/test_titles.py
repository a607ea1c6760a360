"""NL103 wrong-title with real-looking copy: titles never held, past titles used as current,
correct titles at the right dates, date boundaries, nationality adjectives and uncertain roles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newslint.api import Linter, _default_linter
from newslint.resources import builtin_rules_dir

LINTER = _default_linter(("NL103",), None)


def titles(text: str, when: date | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.matched, f.severity.value, f.suggestions) for f in LINTER.check_text(text, when) if f.rule_id == "NL103"]


@pytest.mark.parametrize(("text", "when", "expected"), [
    # a title never held: flagged with or without a date
    ("President Keir Starmer met business leaders in Manchester on Monday.", None,
     [("President Keir Starmer", "warning", ("Prime Minister Keir Starmer",))]),
    ("Prime Minister Volodymyr Zelensky thanked allies for air defence.", date(2025, 3, 1),
     [("Prime Minister Volodymyr Zelensky", "warning", ("President Volodymyr Zelensky",))]),
    # nationality adjective that does not fit
    ("British Foreign Minister Sergei Lavrov said Moscow was ready to talk.", None,
     [("British Foreign Minister Sergei Lavrov", "warning", ("Russian Foreign Minister Sergei Lavrov",))]),
    # a past title used as if current
    ("US President Joe Biden told reporters the aid would continue.", date(2026, 3, 1),
     [("US President Joe Biden", "warning", ("Former US President Joe Biden",))]),  # starts the sentence
    ("Secretary of State Antony Blinken arrived in Kyiv.", date(2025, 6, 1),
     [("Secretary of State Antony Blinken", "warning", ("Former Secretary of State Antony Blinken",))]),
    ("Prime Minister Vladimir Putin chaired the meeting.", date(2015, 6, 1),
     [("Prime Minister Vladimir Putin", "warning", ("President Vladimir Putin",))]),
])
def test_wrong_titles_are_flagged(text: str, when: date | None, expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert titles(text, when) == expected


@pytest.mark.parametrize(("text", "when"), [
    ("Prime Minister Keir Starmer met business leaders in Manchester.", date(2025, 1, 10)),
    ("Russian Foreign Minister Sergei Lavrov and US Secretary of State Marco Rubio met in Riyadh.", date(2025, 2, 18)),
    ("The administration of then-US President Joe Biden supported Ukraine.", date(2026, 2, 1)),
    ("Former President Joe Biden spoke at the funeral.", date(2026, 2, 1)),
    ("President Joe Biden signed the bill.", date(2022, 8, 16)),
    ("Prime Minister Vladimir Putin chaired the meeting.", date(2010, 6, 1)),
    ("Ukrainian President Volodymyr Zelensky addressed parliament.", date(2024, 5, 1)),
    # without a date a title held at some time is not judged
    ("President Joe Biden signed the bill.", None),
])
def test_correct_titles_pass(text: str, when: date | None) -> None:
    assert titles(text, when) == []


@pytest.mark.parametrize("text", [
    "Russian leader Vladimir Putin met Belarusian leader Alexander Lukashenko in Minsk.",
    "North Korean leader Kim Jong Un watched the launch.",
    "The agency said its chief Rafael Grossi would visit the plant.",
])
def test_descriptors_are_not_titles(text: str) -> None:
    """"leader" and "chief" are news shorthand for whoever leads, not titles the person must hold
    (the catalogue lists "Leader" as a synonym of Party Leader, which Putin never was)."""
    assert titles(text, date(2025, 6, 1)) == []


def test_descriptors_are_an_option(tmp_path: Path) -> None:
    """A newsroom that wants "leader" checked as a title empties the list in its copy of the rule."""
    rule = (builtin_rules_dir() / "NL103-wrong-title.yaml").read_text(encoding="utf-8")
    (tmp_path / "NL103.yaml").write_text(rule.replace("options: {}", "options: {descriptors: []}"), encoding="utf-8")
    strict = Linter(builtin=False, rule_paths=[tmp_path])
    found = [f.matched for f in strict.check_text("Russian leader Vladimir Putin met reporters.")]
    assert found == ["Russian leader Vladimir Putin"]


def test_date_boundaries_of_a_term() -> None:
    text = "President Joe Biden spoke at the White House."
    assert titles(text, date(2025, 1, 20)) == []  # last day of the term
    assert titles(text, date(2025, 1, 21))  # the day after
    assert titles(text, date(2021, 1, 20)) == []  # first day
    assert titles("Secretary of State Marco Rubio spoke.", date(2025, 1, 20))  # the day before he took office


def test_uncertain_role_gives_at_most_info() -> None:
    found = titles("Prime Minister Keir Starmer spoke in the Commons.", date(2026, 11, 27))
    assert found and all(sev == "info" for _, sev, _ in found)


def test_one_word_name_needs_the_full_name_in_the_article() -> None:
    assert titles("Minister Martin opened the bridge.") == []
    assert titles("Premier Zhao visited the factory.") == []


def test_seed_article_titles_pass(seed_text: str) -> None:
    assert titles(seed_text) == []


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("He met Prime Minister ", (None, None, "Prime Minister")),
        ("said former British Prime Minister ", ("former", "British", "Prime Minister")),
        ("Later, then-President ", ("then", None, "President")),
        ("the ex-British Foreign Minister ", ("ex", "British", "Foreign Minister")),
        ("talks with U.S. President ", (None, "U.S.", "President")),
        ("with the Deputy Prime Minister ", (None, None, "Deputy Prime Minister")),
        ("a statement by the company ", None),
        ("President", None),  # no white space before the name
    ],
)
def test_title_before_a_name_is_read_word_by_word(before: str, expected: tuple[str | None, str | None, str] | None) -> None:
    from newslint.rules.kinds.titles import Titles, match_title

    rule = next(r for r in LINTER.engine.rules if isinstance(r, Titles))
    m = match_title(rule.catalogue(), before)
    if expected is None:
        assert m is None
        return
    assert m is not None
    assert (m.group("mod"), m.group("adj"), m.group("title")) == expected
    # the match starts at the modifier, else the nationality, else the title
    assert before[m.start():].startswith(expected[0] or expected[1] or expected[2])


def test_title_holders_by_class_country_and_date() -> None:
    """Who held a title of a class on a date (invented people): the lookup the names rule uses
    as evidence for "Prime Minister <surname>"."""
    from newslint.dictionaries import Entry
    from newslint.rules.kinds.titles import TitleHolders, build_catalogue

    titles = [{"title": "Prime Minister", "class": "head_of_government", "synonyms": ["Premier"]},
              {"title": "President", "class": "head_of_state"}]
    people = [
        Entry("p1", "person", "Ardo Vellamaa", roles=({"title": "Prime Minister", "of": "EE", "from": "2019-01", "to": "2023-06-30"},)),
        Entry("p2", "person", "Tiiu Serkland", roles=({"title": "Premier", "of": "EE", "from": "2023-07-01"},)),
        Entry("p3", "person", "Marin Obrevac", roles=({"title": "Prime Minister", "of": "HR", "from": "2021-02"},
                                                     {"title": "President", "of": "HR", "from": "2010", "to": "2015"})),
    ]
    holders = TitleHolders(build_catalogue(titles, people), people)
    pm = frozenset({"head_of_government"})
    assert holders.holders(pm, date(2022, 5, 1)) == [0, 2]
    assert holders.holders(pm, date(2024, 5, 1)) == [1, 2]
    assert holders.holders(pm, date(2024, 5, 1), frozenset({"EE"})) == [1]
    assert holders.holders(pm, None) == [1, 2]  # no date: roles with no end
    assert holders.holders(frozenset({"head_of_state"}), date(2024, 5, 1)) == []
    assert holders.held(2, frozenset({"head_of_state"})) and not holders.held(1, frozenset({"head_of_state"}))
