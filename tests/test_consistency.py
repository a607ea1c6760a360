"""NL104/NL105: one spelling per article, for known entities and for names no dictionary knows."""

from __future__ import annotations

from newslint.api import _default_linter

LINTER = _default_linter(("NL104", "NL105"), None)


def found(text: str) -> list[tuple[str, str, str]]:
    return [(f.rule_id, f.matched, f.suggestions[0]) for f in LINTER.check_text(text)]


def test_known_entity_two_accepted_spellings_is_info() -> None:
    text = "Volodymyr Zelensky arrived in Paris.\n\nLater Zelenskyy met Emmanuel Macron."
    findings = [f for f in LINTER.check_text(text) if f.rule_id == "NL104"]
    assert [(f.matched, f.suggestions[0], f.severity.value) for f in findings] == [("Zelenskyy", "Zelensky", "info")]
    assert "1:11" in findings[0].message  # names the other place


def test_unknown_names_near_identical_suggest_the_common_form() -> None:
    text = ("Nguyen Van Thanh, the port director, said the berth would reopen. "
            "Nguyen Van Thanh added that repairs were done. Nguyen Van Tanh did not give a date.")
    assert found(text) == [("NL105", "Tanh", "Thanh")]


def test_unknown_name_prefers_the_dictionary_form() -> None:
    text = "Voldymyr Shevchuk and Voldymyr Bondar met Volodymyr Kovalenko."
    assert ("NL105", "Voldymyr", "Volodymyr") in found(text)


def test_different_people_and_inflections_are_left_alone() -> None:
    assert found("Kiichi Miyazawa met Koichi Kato in Tokyo.") == []
    assert found("Mark Peterson and Anna Petersen met in Oslo.") == []
    assert found("Sergei Ivanov and his wife Maria Ivanova voted.") == []
    assert found("Volodymyr Zelensky arrived in Paris. Zelensky met Emmanuel Macron.") == []


def test_acronym_is_not_another_spelling_of_a_word_of_the_full_name() -> None:
    """"ASEAN" in a headline and "Asian" in the full name are one entity, not two spellings."""
    text = "ASEAN MEETS IN BANGKOK\n\nThe Association of Southeast Asian Nations met on Monday.\n"
    assert [f for f in LINTER.check_text(text) if f.rule_id == "NL104"] == []
