"""Attribution rules: NL401 unattributed-quote and NL402 singular-pronoun-for-group."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.api import _default_linter
from newslint.model import Finding

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news-en"


def run(rule: str, text: str) -> list[Finding]:
    return [f for f in _default_linter((rule,), None).check_text(text) if f.rule_id == rule]


def test_seed_quotes_without_named_speaker_are_flagged(seed_text: str) -> None:
    findings = Linter(select=["NL401", "NL402"]).check_text(seed_text)
    lines = seed_text.splitlines()
    flagged = [(f.rule_id, lines[f.line - 1][:40]) for f in findings]
    assert [(r, l) for r, l in flagged if r == "NL401"] == [
        ("NL401", "US State Department officials have previ"),
        ("NL401", "“We don’t have a deal right now. We have"),
    ]
    # the first is also a group ("officials") quoted as "he"
    assert [(r, l) for r, l in flagged if r == "NL402"] == [("NL402", "US State Department officials have previ")]
    # the quote Trump closes by name, and the one after a paragraph naming Trump, are fine
    assert not any("I’m sure if we do a deal" in lines[f.line - 1] for f in findings)
    assert not any("I don’t think anyone will play" in lines[f.line - 1] for f in findings)
    assert all(f.matched == "he said" for f in findings)


@pytest.mark.parametrize("text", [
    "The talks ended on Friday.\n\n“We will soon know if Russia is serious,” he said.",
    "Delegations met in Geneva. “The deal is close to being done,” she said.",
    "The US president spoke. He told them: “We are very advanced in the talks.”",
    "The ministers met. Russia and Ukraine sent envoys. “Nothing was agreed today,” he added.",
])
def test_pronoun_only_quotes_are_flagged(text: str) -> None:
    assert len(run("NL401", text)) == 1


@pytest.mark.parametrize("text", [
    "“I’m sure if we do a deal, it will be held,” Trump said.",
    "Foreign Minister Sergei Lavrov met Marco Rubio. “The talks were useful,” he said.",
    "John Smith, the bank's chief economist, expects rates to fall.\n\n“Inflation is coming down,” he said.",
    "A Treasury spokesman said the plan was sound. “We expect it to pass,” he said.",
    "Shultz, travelling to China, refused to comment.\n\n“You can wipe that off your slate,” he said.",
    # a chain of "he said" paragraphs back to the named speaker
    "Mayor Jiang Zemin said the city had plans.\n\nHe said loans were needed.\n\n"
    "Other projects include a bridge.\n\nBut he added that firms must bid.\n\n“This is a complex issue,” he said.",
    # a short scare quote is not reported speech
    "Talks went well. It was a “hope”, he said.",
    # lower-cased copy: names cannot be told from words
    "bogota, march 4 - finance minister cesar gaviria told reuters.\n\n“our debt is high, but we can pay,” he said.",
])
def test_named_or_introduced_speakers_are_fine(text: str) -> None:
    assert run("NL401", text) == []


def test_names_inside_quotes_do_not_count() -> None:
    text = "The talks ended. “Putin and Trump will meet again soon,” he said."
    assert len(run("NL401", text)) == 1


def test_group_quoted_as_he() -> None:
    text = "The ministers said the plan was dead. “We will not sign it,” he said."
    f = run("NL402", text)[0]
    assert f.matched == "he said" and "The ministers" in f.message


@pytest.mark.parametrize("text", [
    "The ministers met on Monday. Finance Minister John Smith said the plan was dead. “We will not sign it,” he said.",
    "“We will not sign it,” the ministers said.",
    "Officials have said little. “We will not sign it,” they said.",
    "Analysts said prices would rise. The trade official said talks went well. “We chose the lowest bid,” he added.",
    "He said U.S. and European companies had made a mistake. “They spend a lot on research,” he said.",
])
def test_group_rule_leaves_other_subjects_alone(text: str) -> None:
    assert run("NL402", text) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/news-en (research-only corpus, not in the repo)")
def test_noise_on_clean_news_is_low() -> None:
    files = sorted(CORPUS.glob("*.txt"))[:1500]
    linter = Linter(select=["NL401", "NL402"])
    words = findings = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        words += len(text.split())
        findings += len(linter.check_text(text, path=path.name))
    assert 1000 * findings / words < 0.1, f"{findings} findings in {words} words"
