"""The Harper backend (NL502), for real: harper-py runs in process (skipped when it is not installed)."""

from __future__ import annotations

import pytest

from newslint import Linter


@pytest.fixture(scope="module")
def harper_linter() -> Linter:
    pytest.importorskip("harper", reason="harper-py is not installed (extra 'harper')")
    return Linter(select=["NL101", "NL502"], grammar="harper")


def test_harper_flags_the_yaml_examples(harper_linter: Linter) -> None:
    spec = next(s for s in harper_linter.specs if s.id == "NL502")
    assert len(spec.fail_examples) >= 3 and len(spec.pass_examples) >= 3
    for example in spec.fail_examples:
        findings = [f for f in harper_linter.check_text(example.text) if f.rule_id == "NL502"]
        assert findings, example.text
        assert findings[0].suggestions[0] == example.suggestion
        assert findings[0].source == "harper" and not findings[0].fix_safe
    for text in spec.pass_examples:
        assert [f for f in harper_linter.check_text(text) if f.rule_id == "NL502"] == [], text


def test_harper_offsets_after_emoji(harper_linter: Linter) -> None:
    text = "Talks 🤝👨‍👩‍👧 ended. This is an test."
    findings = [f for f in harper_linter.check_text(text) if f.rule_id == "NL502"]
    assert [f.matched for f in findings] == ["an"]


def test_harper_drops_spelling_on_known_names(harper_linter: Linter) -> None:
    text = "Volodymyr Zelenskyy met Keir Starmer and said the goverment would act."
    matched = [f.matched for f in harper_linter.check_text(text) if f.rule_id == "NL502"]
    assert "goverment" in matched
    assert not {"Volodymyr", "Zelenskyy", "Keir", "Starmer"} & set(matched)


def test_harper_repeated_words_left_to_nl302(harper_linter: Linter) -> None:
    assert [f for f in harper_linter.check_text("Prices rose by by 3 percent.") if f.rule_id == "NL502"] == []


def test_harper_news_profile(harper_linter: Linter) -> None:
    # British spellings of known words, wire abbreviations, all-caps datelines and particles of
    # foreign names are not errors in news copy; a real typo still is
    text = ("NEW YORK, March 3 - The centre totalled 5 mln dlrs in labour costs at Banca della Svizzera, "
            "and the goverment said it would act.")
    matched = [f.matched for f in harper_linter.check_text(text) if f.rule_id == "NL502"]
    assert matched == ["goverment"]


def test_to_american() -> None:
    from newslint.rules.kinds.grammar import to_american

    assert [to_american(w) for w in ("totalled", "labour", "centre", "programme", "organisation", "defence")] == [
        "totaled", "labor", "center", "program", "organization", "defense"]
    assert to_american("goverment") == "goverment"


def test_harper_backend_survives_concurrent_use(harper_linter: Linter) -> None:
    # harper-py raises RuntimeError on concurrent calls to one Linter; the backend serialises them
    import threading

    counts: list[int] = []

    def check() -> None:
        counts.append(len([f for f in harper_linter.check_text("This is an test of the system.") if f.rule_id == "NL502"]))

    threads = [threading.Thread(target=check) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counts == [1] * 6 and harper_linter.notices == []
