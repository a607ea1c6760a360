"""Text damage rules (NL303-NL312): text they must flag, clean text they must leave alone,
fixes that leave clean text, and noise on the clean news corpus (when ../shared is present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import Linter
from newslint.api import _default_linter
from newslint.document import Document
from newslint.fixer import apply_fixes
from newslint.model import Finding

DAMAGE = ("NL303", "NL304", "NL305", "NL306", "NL307", "NL308", "NL309", "NL310", "NL311", "NL312")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news-en"


def run(rule: str, text: str) -> list[Finding]:
    return [f for f in _default_linter((rule,), None).check_text(text) if f.rule_id == rule]


def fixed(rule: str, text: str) -> str:
    """The text with the safe fixes of one rule applied."""
    return apply_fixes(text, [f.fix for f in run(rule, text) if f.fix is not None and f.fix_safe]).text


# --- NL303 mojibake ----------------------------------------------------------------------------

@pytest.mark.parametrize(("damaged", "clean"), [
    ("JosÃ© Manuel Barroso", "José Manuel Barroso"),
    ("the countryâ€™s bank", "the country’s bank"),
    ("â€œWe will win,â€\x9d he said", "“We will win,” he said"),
    ("NÃºÃ±ez and ErdoÄŸan", "Núñez and Erdoğan"),
    ("Talks in ZÃ¼rich", "Talks in Zürich"),
    ("double damage: cafÃƒÂ©", "double damage: café"),
    ("prices rose â€” again", "prices rose — again"),
])
def test_mojibake_is_fixed_safely(damaged: str, clean: str) -> None:
    assert all(f.fix_safe for f in run("NL303", damaged))
    assert fixed("NL303", damaged) == clean
    assert run("NL303", clean) == []


@pytest.mark.parametrize("text", [
    "Núñez, Erdoğan and the café owner met in São Paulo.",
    "Zürich, Łódź, Øresund, Ångström and İstanbul.",
    "He paid £5 or €10 — at 20°C — for ½ a naïve “crème brûlée”.",
    "Москва, 北京, Αθήνα and القاهرة are capitals.",
    "Mötley Crüe played Reykjavík; Dvořák's symphony; Gdańsk shipyard.",
])
def test_mojibake_leaves_real_accents_alone(text: str) -> None:
    assert run("NL303", text) == []


def test_mojibake_without_sure_repair_has_no_safe_fix() -> None:
    # UTF-8 Cyrillic read as cp1252 loses bytes (0x81 has no cp1252 character): no sure repair
    text = "The city of ÐœÐ¾ÑÐºÐ²Ð° said."
    findings = run("NL303", text)
    assert findings and not any(f.fix_safe for f in findings)


# --- NL304 homoglyphs, NL305 invisible characters ----------------------------------------------

def test_homoglyph_fixed_to_latin() -> None:
    text = "President Рutin met the Kremlіn staff in Οslo."
    assert [f.suggestions[0] for f in run("NL304", text)] == ["Putin", "Kremlin", "Oslo"]
    assert fixed("NL304", text) == "President Putin met the Kremlin staff in Oslo."


def test_homoglyph_leaves_real_scripts_and_symbols_alone() -> None:
    for text in ("Moscow is Москва.", "Doses of 5 μg, β-blockers and ΔH.", "Ελλάδα and Greece.", "Erdoğan"):
        assert run("NL304", text) == [], text


def test_half_transliterated_word_is_flagged_without_a_fix() -> None:
    """Several letters of another script that are not all lookalikes: no safe fix exists."""
    found = run("NL304", "Emmanuel Macrон met Зеленskyy in Kyiv.")
    assert [(f.matched, f.suggestions, f.fix) for f in found] == [("Macrон", (), None), ("Зеленskyy", (), None)]
    assert "half transliterated" in found[0].message
    for text in ("The ΔΔCt method.", "A 5 μm film.", "Δψm fell."):
        assert run("NL304", text) == [], text


def test_invisible_characters_deleted() -> None:
    text = "Zelen\u200bsky met Krem\u00adlin aides at Gaz\u202eprom."
    findings = run("NL305", text)
    assert len(findings) == 3 and all(f.fix_safe for f in findings)
    assert fixed("NL305", text) == "Zelensky met Kremlin aides at Gazprom."


def test_invisible_characters_with_meaning_are_kept() -> None:
    for text in ("Family 👨\u200d👩\u200d👧 photo.", "Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 text.",
                 "Hindi \u0915\u094d\u200d\u0937 text.", "\ufeffA file with a byte order mark."):
        assert run("NL305", text) == [], repr(text)


# --- NL306 untranslated fragments, NL307 untranslated sentences --------------------------------

def test_untranslated_fragments() -> None:
    text = "The talks were продуктивными, officials said; the accord was 一个重要的步骤 for both."
    findings = run("NL306", text)
    assert [f.matched for f in findings] == ["продуктивными", "一个重要的步骤"]
    assert "Cyrillic" in findings[0].message and "CJK" in findings[1].message
    assert all(f.fix is None for f in findings)


def test_fragments_in_quotes_glosses_and_native_names_are_fine() -> None:
    for text in (
        "The banner read “Мы победим” in large letters.",
        "The newspaper Kommersant (Коммерсантъ) broke the story.",
        "State television called him Владимир Путин throughout.",
        "Chinese media wrote 唐纳德·特朗普 for Donald Trump.",
        "Patients on β-blockers; the Ω symbol.",
    ):
        assert run("NL306", text) == [], text


def test_native_name_inside_a_run_leaves_the_rest_flagged() -> None:
    findings = run("NL306", "Then Владимир Путин заявил that the talks were over.")
    assert [f.matched for f in findings] == ["заявил"]


def test_untranslated_sentences() -> None:
    text = ("Talks resumed on Monday. El presidente dijo que las negociaciones continuarán la próxima semana. "
            "Prices rose.")
    findings = run("NL307", text)
    assert len(findings) == 1 and findings[0].matched.startswith("El presidente") and "Spanish" in findings[0].message


def test_untranslated_sentence_in_plain_ascii_copy() -> None:
    # ASCII articles take a cheaper first test (letter runs): it must still let this one through
    text = ("Talks resumed on Monday in Geneva.\n\nLe president a dit que les negociations sont dans une phase "
            "difficile et que la paix est possible.\n\nPrices rose.")
    assert text.isascii()
    findings = run("NL307", text)
    assert len(findings) == 1 and findings[0].matched.startswith("Le president") and "French" in findings[0].message


@pytest.mark.parametrize("text", [
    "Banco de la Nación said on Monday that it would raise its lending rates.",
    "The group comprising Federation Nationale du Batiment et des Travaux Publics received 20.5 pct of capital.",
    "He ordered café con leche and a croissant at the hotel before the meeting.",
    "“Nous ne sommes pas contre le gouvernement, nous sommes pour la justice,” a protester said.",
])
def test_english_sentences_with_foreign_names_are_fine(text: str) -> None:
    assert run("NL307", text) == []


# --- NL308/NL309 unbalanced, NL310 repeated sentence -------------------------------------------

def test_unbalanced_quotes() -> None:
    assert [f.message for f in run("NL308", "“We will win, he said.")] == ["quotation mark '“' is never closed"]
    assert "closes no opening quote" in run("NL308", "We will win,” he said.")[0].message
    assert len(run("NL308", 'He called it "a disaster and left.')) == 1


@pytest.mark.parametrize("text", [
    "“We will win,” he said. “We always do.”",
    "“We will win.\n\n“We will not stop,” he said.",  # a quote running over two paragraphs
    'The pipe is 12" wide.',
    'Indonesia"s exports rose and it isn"t over.',  # apostrophes mangled into quotes
    '“He called it "nonsense" today,” she said.',
])
def test_balanced_quotes(text: str) -> None:
    assert run("NL308", text) == []


def test_unbalanced_brackets() -> None:
    assert "never closed" in run("NL309", "The company (founded in 1990 said profits rose.")[0].message
    assert "closes nothing" in run("NL309", "Profits rose 5 percent) in the quarter.")[0].message
    assert "closed by ')'" in run("NL309", "The index [of leading indicators) rose.")[0].message
    for text in ("Options are a) buy or b) sell.", "Results [see table] were mixed (as expected).", "Nice :)"):
        assert run("NL309", text) == [], text


def test_repeated_sentence_and_passage() -> None:
    text = "Oil rose sharply on Friday in London. Oil rose sharply on Friday in London."
    f = run("NL310", text)[0]
    assert f.fix_safe and fixed("NL310", text) == "Oil rose sharply on Friday in London."
    passage = ("Shares fell 3 percent in early trade. Analysts were surprised by the sudden drop. "
               "Shares fell 3 percent in early trade. Analysts were surprised by the sudden drop.")
    findings = run("NL310", passage)
    assert len(findings) == 1 and "passage of 2 sentences" in findings[0].message and findings[0].fix_safe
    apart = "Oil rose sharply on Friday in London. Gold fell. Oil rose sharply on Friday in London."
    assert not run("NL310", apart)[0].fix_safe  # text between the copies: a human decides


def test_table_rows_are_not_repeated_sentences() -> None:
    assert run("NL310", "Avg shrs 13.9 mln vs 13.8 mln\nAvg shrs 13.9 mln vs 13.8 mln") == []


# --- NL311 guillemets, NL312 markup leftovers --------------------------------------------------

def test_guillemets() -> None:
    pair = run("NL311", "He called the plan «a betrayal» on Monday.")[0]
    assert pair.suggestions == ("“a betrayal”",) and not pair.fix_safe  # inside a quote: never automatic
    assert [f.matched for f in run("NL311", "Home » World » Europe")] == ["»", "»"]


def test_markup_leftovers() -> None:
    # (a shortcode with quoted attributes overlaps a "quote", so its removal is offered, not automatic)
    text = "Procter &amp; Gamble said it&#8217;s done.<br>Talks resume&nbsp;Monday. [caption id=1] Putin [/caption]"
    assert fixed("NL312", text) == "Procter & Gamble said it’s done. Talks resume Monday.  Putin "
    for clean in ("Shares of <IBM> and <SRD> rose, AT&T said.", "The index [see table] rose.", "Q&A; R&D."):
        assert run("NL312", clean) == [], clean


def test_markup_in_html_input_is_not_double_counted() -> None:
    from newslint.sources.html import read_html

    doc = read_html(Path("a.html"), "<p>Procter &amp; Gamble<br>raised prices.</p>")
    linter = _default_linter(("NL312",), None)
    assert linter.check_document(doc) == []
    doc2 = read_html(Path("b.html"), "<p>Procter &amp;amp; Gamble</p>")  # double-escaped: shows "&amp;"
    assert isinstance(linter.check_document(doc2), list)


def test_markup_in_markdown_code_is_not_flagged() -> None:
    doc = Document("Use `&amp;` in HTML.\n", "a.md", "markdown", lint_text="Use         in HTML.\n")
    assert _default_linter(("NL312",), None).check_document(doc) == []


# --- the seed article and the clean corpus -----------------------------------------------------

def test_seed_article_has_no_text_damage(seed_text: str) -> None:
    linter = Linter(select=list(DAMAGE))
    assert linter.check_text(seed_text) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus/news-en (research-only corpus, not in the repo)")
def test_noise_on_clean_news_is_low() -> None:
    files = sorted(CORPUS.glob("*.txt"))[:1500]
    linter = Linter(select=list(DAMAGE))
    words = findings = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        words += len(text.split())
        findings += len(linter.check_text(text, path=path.name))
    assert 1000 * findings / words < 0.2, f"{findings} findings in {words} words"
