"""The wording package without the language model: words, thesaurus, the trained head, the
detector over a stand-in feature source, the NL210/NL211 rule kinds, --deep switching and its
errors. (tests/test_wording_deep.py runs the real model when the deep extra is installed.)"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newslint import Linter
from newslint.errors import ConfigError
from newslint.wording import DeepUnavailable
from newslint.wording.features import SCALAR_FEATURES, WordScores
from newslint.wording.thesaurus import Thesaurus, analyses, inflect
from newslint.wording.words import Word, split_words

np = pytest.importorskip("numpy")

from newslint.wording.detector import Detector  # noqa: E402
from newslint.wording.head import Head  # noqa: E402

GAIN = SCALAR_FEATURES.index("total_gain")


# --- words -----------------------------------------------------------------------------------

def test_split_words_marks_names_and_sentence_starts() -> None:
    words = split_words("Officials in Lagos said the vote was fair. Turnout rose, the BBC reported.")
    checkable = {w.text: w.checkable for w in words}
    assert checkable["Officials"]  # sentence-initial capital: an ordinary word
    assert not checkable["Lagos"]  # a capitalised word inside a sentence is a name
    assert checkable["said"] and checkable["fair"]
    assert checkable["Turnout"]
    assert not checkable["BBC"]
    assert [w.sentence for w in words if w.text in ("vote", "rose")] == [0, 1]


def test_split_words_offsets_point_into_the_text() -> None:
    text = "The mayor’s office — closed since May — reopened."
    for w in split_words(text):
        assert text[w.start:w.end] == w.text
    assert "mayor’s" in [w.text for w in split_words(text)]


# --- thesaurus and inflection ------------------------------------------------------------------

@pytest.mark.parametrize(("base", "kind", "form"), [
    ("say", "ed", "said"), ("rate", "s", "rates"), ("party", "s", "parties"), ("announce", "ed", "announced"),
    ("stop", "ing", "stoping"), ("lay off", "ed", "laid off"), ("tax", "s", "taxes"), ("hire", "ing", "hiring"),
])
def test_inflect(base: str, kind: str, form: str) -> None:
    assert inflect(base, kind) == form


def test_analyses_find_the_base_of_regular_and_irregular_forms() -> None:
    assert ("say", "ed") in analyses("said")
    assert ("announce", "ed") in analyses("announced")
    assert ("party", "s") in analyses("parties")


def test_shipped_thesaurus_proposes_common_originals() -> None:
    th = Thesaurus.load()
    # words a spinner prints for common news words (none of these pairs is listed in a rule)
    assert "party" in th.candidates("celebration")
    assert "foreign" in th.candidates("overseas")
    assert "attack" in th.candidates("assault")
    assert "rate" in th.candidates("price")
    assert th.candidates("qwzxv") == []


def test_thesaurus_from_a_small_table(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "t.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("# comment\nfestivity\tparty|feast\nbash\tparty\n")
    th = Thesaurus.load(path)
    assert th.candidates("festivity") == ["party", "feast"]
    assert th.candidates("festivity", limit=1) == ["party"]
    assert th.candidates("bash") == ["party"]


# --- the head --------------------------------------------------------------------------------

def _head(threshold: float = 0.5, mlp: bool = False) -> Head:
    d = len(SCALAR_FEATURES)
    mean = np.zeros(d, dtype=np.float32)
    scale = np.ones(d, dtype=np.float32)
    if mlp:
        w1 = np.zeros((d, 2), dtype=np.float32)
        w1[GAIN, 0] = 1.0
        return Head(SCALAR_FEATURES, mean, scale, w1, np.zeros(2, dtype=np.float32),
                    np.array([2.0, 0.0], dtype=np.float32), np.float32(-4.0), meta={"threshold": threshold})
    w = np.zeros(d, dtype=np.float32)
    w[GAIN] = 2.0
    return Head(SCALAR_FEATURES, mean, scale, w, np.float32(-4.0), meta={"threshold": threshold})


@pytest.mark.parametrize("mlp", [False, True])
def test_head_predicts_and_round_trips(tmp_path: Path, mlp: bool) -> None:
    head = _head(mlp=mlp)
    X = np.zeros((3, len(SCALAR_FEATURES)), dtype=np.float32)
    X[:, GAIN] = [-5.0, 2.0, 6.0]
    p = head.predict(X)
    assert p[0] < 0.05 and abs(p[1] - 0.5) < 1e-6 and p[2] > 0.99
    head.save(tmp_path / "h.npz")
    again = Head.load(tmp_path / "h.npz")
    assert np.allclose(again.predict(X), p)
    assert again.meta and again.meta["threshold"] == 0.5


def test_corrupt_head_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "h.npz"
    bad.write_bytes(b"not a numpy archive")
    with pytest.raises(DeepUnavailable, match="unreadable"):
        Head.load(bad)
    with pytest.raises(DeepUnavailable, match="unreadable"):
        Head.load(tmp_path / "missing.npz")


# --- the detector over a stand-in feature source ------------------------------------------------

class StandIn:
    """A feature source without a language model: a word listed as a spinner's output gets a
    large candidate gain (and its original as the candidate); every other word a negative one."""

    def __init__(self, swaps: dict[str, str], delay: Callable[[], None] | None = None) -> None:
        self.swaps = swaps
        self.delay = delay
        self.calls = 0

    def extract(self, text: str, words: list[Word], deadline: Callable[[], bool] | None = None) -> list[WordScores]:
        self.calls += 1
        out = []
        for i, w in enumerate(words):
            if not w.checkable:
                continue
            if deadline is not None and deadline():
                break
            if self.delay:
                self.delay()
            feats = [0.0] * len(SCALAR_FEATURES)
            original = self.swaps.get(w.lower)
            feats[GAIN] = 6.0 if original else -3.0
            out.append(WordScores(i, feats, [(original, 6.0)] if original else []))
        return out


SWAPS = {"festivity": "party", "pricing": "rate"}


def test_detector_flags_the_swapped_words_with_their_originals() -> None:
    det = Detector(StandIn(SWAPS), _head())
    text = "The opposition festivity chose a leader. The jobless pricing rose in March, officials in Oslo said."
    scores = det.score(text)
    assert [(s.text, s.suggestions[0]) for s in scores.swaps] == [("festivity", "party"), ("pricing", "rate")]
    assert text[scores.swaps[0].start:scores.swaps[0].end] == "festivity"
    assert scores.checked == sum(w.checkable for w in split_words(text))
    clean = det.score("The opposition party chose a leader on Monday.")
    assert clean.swaps == [] and clean.checked > 0


def test_detector_bounds_long_documents_with_a_notice() -> None:
    det = Detector(StandIn(SWAPS), _head(), max_words=50)
    text = " ".join(["The festivity went on."] * 40)
    scores = det.score(text)
    assert scores.words == 50
    assert "first 50 of 160 words" in scores.notice
    assert all(s.start < len(" ".join(["The festivity went on."] * 13)) for s in scores.swaps)


def test_detector_stops_at_its_time_limit_with_a_notice() -> None:
    import time

    det = Detector(StandIn(SWAPS, delay=lambda: time.sleep(0.002)), _head(), max_seconds=0.05)
    scores = det.score(" ".join(["The festivity went on and on."] * 200))
    assert "stopped after 0.05 s" in scores.notice
    assert 0 < scores.checked < 1000


def test_detector_on_text_without_english_words() -> None:
    det = Detector(StandIn(SWAPS), _head())
    for text in ("", "12 345 — 67.", "БРИКС Москва Путин", "東京 大阪"):
        scores = det.score(text)
        assert scores.swaps == [] and scores.checked == 0


# --- the rule kinds, with the stand-in detector -------------------------------------------------

@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Detector:
    """--deep with the stand-in detector in place of the real model."""
    import newslint.wording.detector as detector_module
    import newslint.wording.switch as switch_module

    det = Detector(StandIn(SWAPS), _head())
    monkeypatch.setattr(detector_module, "deep_available", lambda: None)
    monkeypatch.setattr(detector_module, "load_detector", lambda model="smollm2", **kw: det)
    monkeypatch.setattr(switch_module, "deep_available", lambda: None, raising=False)
    monkeypatch.setattr("newslint.wording.models.model_path", lambda name: Path("stand-in.gguf"))
    return det


SPUN = ("The opposition festivity said on Monday that the jobless pricing had risen again. " * 12).strip()


def test_replaced_word_rule_under_deep(stand_in: Detector) -> None:
    linter = Linter(select=["NL210"], deep=True)
    findings = linter.check_text("The opposition festivity chose a leader.")
    assert [(f.rule_id, f.matched, f.suggestions) for f in findings] == [("NL210", "festivity", ("party",))]
    f = findings[0]
    assert f.fix is not None and f.fix.applicability.value == "unsafe"  # never fixed automatically
    assert "'party'" in f.message
    assert not Linter(select=["NL210"], deep=True).check_text("The opposition party chose a leader.")


def test_replaced_word_severity_follows_the_probability(stand_in: Detector) -> None:
    linter = Linter(select=["NL210"], deep=True)
    f = linter.check_text("The opposition festivity chose a leader.")[0]
    assert f.severity.value == "warning"  # p = 0.9997 >= warning_at
    linter.engine.rules[0].options["warning_at"] = 0.99999
    f = linter.check_text("The opposition festivity chose a leader.")[0]
    assert f.severity.value == "info"


def test_spun_article_verdict(stand_in: Detector) -> None:
    linter = Linter(select=["NL211"], deep=True)
    findings = linter.check_text(SPUN)
    assert len(findings) == 1
    f = findings[0]
    assert f.rule_id == "NL211" and f.severity.value == "warning"
    assert "24 words" in f.message and "'festivity' (likely 'party')" in f.message
    clean = "The opposition party said on Monday that the jobless rate had risen again. " * 12
    assert not linter.check_text(clean)
    assert not linter.check_text("The opposition festivity chose a leader.")  # too short for a verdict


def test_spun_article_moderate_rate_is_info(stand_in: Detector) -> None:
    """Clean news reaches 10-25 swaps per 1,000 words now and then (news-en: 90th percentile 11,
    99th 25): such a document is an info verdict, a warning only from warning_at."""
    clean = "The opposition party said on Monday that the jobless rate had risen again. "
    text = "The opposition festivity chose a leader. " + clean * 4 + "The opposition festivity met. " + clean * 2
    linter = Linter(select=["NL211"], deep=True)
    [f] = linter.check_text(text)
    rate = float(f.message.split("(")[1].split(" per")[0])
    assert 10 <= rate < 25 and f.severity.value == "info", f.message
    linter.engine.rules[0].options["warning_at"] = rate
    assert linter.check_text(text)[0].severity.value == "warning"


def test_deep_rules_are_off_without_deep() -> None:
    linter = Linter()
    assert not any(r.spec.id in ("NL210", "NL211") for r in linter.engine.rules)


def test_deep_without_the_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.wording.detector as detector_module

    monkeypatch.setattr(detector_module, "deep_available",
                        lambda: "--deep needs the deep extra (torch is not installed): pip install 'newslint[deep]'")
    with pytest.raises(ConfigError, match=r"pip install 'newslint\[deep\]'"):
        Linter(deep=True)


def test_unusable_model_name_or_path_warns_once_and_other_rules_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import newslint.wording.detector as detector_module

    monkeypatch.setattr(detector_module, "deep_available", lambda: None)
    text = "A ceasefire contract was agreed. The opposition festivity chose a leader."
    for model, why in (("gpt-17", "unsupported model 'gpt-17' (known: smollm2"),
                       (str(tmp_path / "nowhere" / "model.gguf"), "model file not found")):
        linter = Linter(deep=True, deep_model=model)
        assert [f.rule_id for f in linter.check_text(text)] == ["NL201"]
        assert [f.rule_id for f in linter.check_text(text)] == ["NL201"]  # said once, not per document
        assert len(linter.notices) == 1, linter.notices
        assert why in linter.notices[0] and "other rules still run" in linter.notices[0]


def test_cli_deep_with_a_missing_model_file_warns_and_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    import newslint.wording.detector as detector_module
    from typer.testing import CliRunner

    from newslint.cli import app

    monkeypatch.setattr(detector_module, "deep_available", lambda: None)
    monkeypatch.chdir(tmp_path)
    art = tmp_path / "a.txt"
    art.write_text("A ceasefire contract was agreed on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--deep", "--deep-model", str(tmp_path / "gone.gguf"), "--no-config", str(art)])
    assert result.exit_code == 1, result.output  # the NL201 warning, not a usage error
    assert "NL201" in result.stdout and "Traceback" not in result.output
    warnings = [r.getMessage() for r in caplog.records if "gone.gguf" in r.getMessage()]  # printed by the CLI's log handler
    assert len(warnings) == 1 and "model file not found" in warnings[0] and "other rules still run" in warnings[0]


def test_model_failing_to_load_warns_once_and_other_rules_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.wording.detector as detector_module

    def broken(model: str = "smollm2", **kw: object) -> Detector:
        raise DeepUnavailable("stand-in.gguf: not a readable GGUF model file (ValueError: bad magic)")

    monkeypatch.setattr(detector_module, "deep_available", lambda: None)
    monkeypatch.setattr(detector_module, "load_detector", broken)
    monkeypatch.setattr("newslint.wording.models.model_path", lambda name: Path("stand-in.gguf"))
    linter = Linter(deep=True)
    findings = linter.check_text("A ceasefire contract was agreed. The opposition festivity chose a leader.")
    assert [f.rule_id for f in findings] == ["NL201"]
    assert len(linter.notices) == 1 and "not a readable GGUF model file" in linter.notices[0]
    assert "other rules still run" in linter.notices[0]


# --- command line and config -------------------------------------------------------------------

@pytest.mark.parametrize("command", [["check"], ["report", "--out", "OUT"]])
def test_cli_deep_without_extra_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    import newslint.wording.detector as detector_module
    from typer.testing import CliRunner

    from newslint.cli import app

    monkeypatch.setattr(detector_module, "deep_available",
                        lambda: "--deep needs the deep extra (torch is not installed): pip install 'newslint[deep]'")
    monkeypatch.chdir(tmp_path)
    art = tmp_path / "a.txt"
    art.write_text("The opposition party chose a leader.\n", encoding="utf-8")
    args = [str(tmp_path / a) if a == "OUT" else a for a in command]
    result = CliRunner().invoke(app, [*args, "--deep", "--no-config", str(art)])
    assert result.exit_code == 2, result.output
    err = result.stderr.strip().splitlines() if hasattr(result, "stderr") else result.output.strip().splitlines()
    assert len(err) == 1 and "deep extra" in err[0] and "Traceback" not in err[0]


def test_config_deep_keys(tmp_path: Path) -> None:
    from newslint.config import load_config

    (tmp_path / "newslint.yaml").write_text("deep: true\ndeep-model: models/other.gguf\n", encoding="utf-8")
    conf = load_config(tmp_path / "newslint.yaml")
    assert conf.deep and conf.deep_model == str((tmp_path / "models" / "other.gguf").resolve())
    (tmp_path / "bad.yaml").write_text("deep: yes please\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'deep' must be true or false") as exc:
        load_config(tmp_path / "bad.yaml")
    assert exc.value.line == 1


def test_deep_extra_is_declared_with_a_cpu_safe_torch_pin() -> None:
    import tomllib

    data = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    deep = data["project"]["optional-dependencies"]["deep"]
    assert any(d.startswith("torch") for d in deep)
    assert any(d.startswith("gguf") for d in deep) and any(d.startswith("tokenizers") for d in deep)


@pytest.mark.skipif(importlib.util.find_spec("torch") is not None, reason="the deep extra is installed here")
def test_deep_available_names_the_missing_extra() -> None:
    from newslint.wording.detector import deep_available

    reason = deep_available()
    assert reason is not None and "pip install 'newslint[deep]'" in reason


def test_thesaurus_file_is_gzip_text() -> None:
    import gzip

    from newslint.wording.thesaurus import DATA, THESAURUS_FILE

    with gzip.open(DATA / THESAURUS_FILE, "rt", encoding="utf-8") as fh:
        header = fh.readline()
        first = fh.readline()
    assert header.startswith("#") and "\t" in first
    json.dumps(header)


def test_report_shows_the_spun_score_per_source(stand_in: Detector, tmp_path: Path) -> None:
    """newslint report --deep: a spun-score column and chart per source (stand-in detector, one process)."""
    from newslint.report import ArchiveFields, LinterOptions, ReportOptions, run_report

    archive = tmp_path / "feed.jsonl"
    records = [{"id": f"s{i}", "body": SPUN, "site": "spinfarm.example"} for i in range(3)]
    records += [{"id": f"c{i}", "body": SPUN.replace("festivity", "party").replace("pricing", "rate"), "site": "wire.example"}
                for i in range(3)]
    archive.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out"
    run_report(ReportOptions(sources=(str(archive),), out=str(out), jobs=1,
                             fields=ArchiveFields(text="body", id="id", source="site"),
                             linter=LinterOptions(deep=True)))
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Spun-article score by source" in page and 'aria-label="Spun-article score by source' in page
    section = page[page.index('id="spun"'):]
    section = section[:section.index("</section>")]
    assert "spinfarm.example" in section and "wire.example" in section
    assert "spun score" in page  # the column, and the score of each listed article
