"""NL103 titles by country: each country's own title for its head of state, head of
government and key ministers (rules/dictionaries/titles_by_country.yaml), supreme-court
justices styled "Justice", and the load errors of a title table. People and the made-up
country Norvania are invented; they are in no list of the repo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newslint import Linter
from newslint.dictionaries import load_dictionary, merge
from newslint.errors import DictionaryError

NORVANIA = """
entries:
  - {id: place:norvania, kind: place, type: country, canonical: Norvania, demonym: Norvanian, country: "XN"}
  - id: person:ilse-varga
    kind: person
    gender: female
    canonical: Ilse Varga
    country: "XN"
    roles:
      - {title: Chancellor, of: "XN", from: "2019-03-01"}
  - id: person:odo-brant
    kind: person
    gender: male
    canonical: Odo Brant
    country: "XN"
    roles:
      - {title: Judge, of: "XN", from: "2004", to: "2016-05-31"}
      - {title: Justice, of: "XN", from: "2016-06-01", note: Norvanian Supreme Court}
  - id: person:teodor-vrabcik
    kind: person
    gender: male
    canonical: Teodor Vrabcik
    aliases: [Vrabcik]
    country: "XN"
    roles:
      - {title: Treasurer, of: "XN", from: "2020"}
subdivisions:
  XN-OS: {parent: XN, names: [Ostmark Province], demonyms: [Ostmarker]}
country_titles:
  XN:
    head_of_state: [President]
    head_of_government: [Chancellor, {title: Prime Minister, gloss: true, to: "2010"}]
    finance_minister: [Treasurer]
  XN-OS:
    head_of_government: [Minister-President]
"""


@pytest.fixture(scope="module")
def norvania(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    d = tmp_path_factory.mktemp("desk") / "norvania.yaml"
    d.write_text(NORVANIA, encoding="utf-8")
    return Linter(select=["NL103"], dictionary_paths=[d])


def found(linter: Linter, text: str, when: date | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.matched, f.severity.value, f.suggestions) for f in linter.check_text(text, when) if f.rule_id == "NL103"]


BUILTIN = Linter(select=["NL103"])


# --- a known person: the role's country decides which titles fit ------------------------------

def test_a_title_of_the_right_class_but_not_the_countrys(norvania: Linter) -> None:
    assert found(norvania, "Norvanian Prime Minister Ilse Varga opened the session.", date(2024, 5, 1)) == [
        ("Norvanian Prime Minister Ilse Varga", "warning", ("Norvanian Chancellor Ilse Varga",))]
    assert found(norvania, "Finance Minister Teodor Vrabcik presented the budget.") == [
        ("Finance Minister Teodor Vrabcik", "warning", ("Treasurer Teodor Vrabcik",))]


def test_the_countrys_own_title_and_its_synonyms_pass(norvania: Linter) -> None:
    for text in ("Norvanian Chancellor Ilse Varga opened the session.",
                 "Federal Chancellor Ilse Varga opened the session.",  # a catalogue synonym of Chancellor
                 "Treasurer Teodor Vrabcik presented the budget."):
        assert found(norvania, text, date(2024, 5, 1)) == [], text


def test_a_dated_gloss_is_accepted_only_in_its_time(norvania: Linter) -> None:
    text = "The Prime Minister of Norvania arrived."
    assert found(norvania, text, date(2008, 1, 1)) == []
    assert found(norvania, text, None) == []  # without a date any title the country used passes
    assert found(norvania, text, date(2024, 1, 1)) == [
        ("Prime Minister of Norvania", "warning", ("Chancellor of Norvania",))]


def test_a_subdivision_has_its_own_title(norvania: Linter) -> None:
    assert found(norvania, "The Ostmarker Premier, Jana Kolar, resigned.") == [
        ("Ostmarker Premier", "warning", ("Ostmarker Minister-President",))]
    assert found(norvania, "The Ostmarker Minister-President, Jana Kolar, resigned.") == []


# --- justices styled "Justice": "Minister X" (Portuguese "ministro") and "Judge X" -------------

def test_supreme_court_justice_called_minister_or_judge(norvania: Linter) -> None:
    when = date(2023, 3, 1)
    assert found(norvania, "Minister Odo Brant suspended the trial.", when) == [
        ("Minister Odo Brant", "warning", ("Justice Odo Brant",))]
    assert found(norvania, "Judge Odo Brant suspended the trial.", when) == [
        ("Judge Odo Brant", "warning", ("Justice Odo Brant",))]
    assert found(norvania, "Justice Odo Brant suspended the trial.", when) == []
    assert found(norvania, "Judge Odo Brant suspended the trial.", date(2012, 3, 1)) == []  # then a judge


def test_a_distinctive_surname_alone_is_checked_at_info(norvania: Linter) -> None:
    text = "Vrabcik spoke first. Later, Prime Minister Vrabcik said the budget was final."
    assert found(norvania, text) == [("Prime Minister Vrabcik", "info", ("Treasurer Vrabcik",))]


# --- the built-in tables, with people in no list ------------------------------------------------

@pytest.mark.parametrize(("text", "when", "expected"), [
    ("Austrian Prime Minister Hannes Gruberbauer met the press.", None,
     [("Austrian Prime Minister", "warning", ("Austrian Chancellor",))]),
    ("The Chief Minister of Wales, Gwenllian Rhys-Powell, spoke.", None,
     [("Chief Minister of Wales", "warning", ("First Minister of Wales",))]),
    ("The Prime Minister of Quebec, Lucien Tremblay-Roy, spoke.", None,
     [("Prime Minister of Quebec", "warning", ("Premier of Quebec",))]),
    ("Mexican Prime Minister Rocio Altamirano spoke.", None,
     [("Mexican Prime Minister", "warning", ("Mexican President",))]),
    ("Turkish Prime Minister Kerem Aydinoglu spoke.", date(2024, 2, 1),
     [("Turkish Prime Minister", "warning", ("Turkish President",))]),
    ("Scotland's Prime Minister, Morag Drummond-Keir, spoke.", None,
     [("Scotland's Prime Minister", "warning", ("Scotland's First Minister",))]),
])
def test_builtin_country_titles_flag(text: str, when: date | None, expected: list[tuple[str, str, tuple[str, ...]]]) -> None:
    assert found(BUILTIN, text, when) == expected


@pytest.mark.parametrize(("text", "when"), [
    ("British Prime Minister Hannes Gruberbauer met the press.", None),
    ("Irish Prime Minister Conor Mac Giolla Bhríde spoke.", None),  # the table accepts it as a gloss of Taoiseach
    ("The Taoiseach, Conor Mac Giolla Bhríde, spoke.", None),
    ("Turkish Prime Minister Kerem Aydinoglu spoke.", date(2016, 2, 1)),  # before the office was abolished
    ("Former Turkish Prime Minister Kerem Aydinoglu spoke.", date(2024, 2, 1)),
    ("New South Wales Premier Jan Koenraadt spoke.", None),  # "Wales" inside a longer name
    ("West German Chancellor Gerd Halbritter spoke.", None),
    ("Catalan President Jordi Vilaplana spoke.", None),
    ("Bavarian Premier Sepp Huber-Lindl spoke.", None),  # a gloss of Minister-President
    ("Its Japan president, Hiro Tanabe-Kimura, said sales rose.", None),  # a company's, in lower case
    ("Talks with the Netherlands.\n\nPresident Ida Vos-Kramer spoke.", None),  # another sentence
    ("Georgia Power President Dale Whitcombe spoke.", None),
    ("The Prime Minister of Georgia Power spoke.", None),
    ("Chancellor Rachel Reeves presented the budget.", date(2025, 3, 1)),  # a gloss of Chancellor of the Exchequer
    ("Premier Markus Söder spoke in Munich.", date(2025, 3, 1)),
    ("Deputy Foreign Minister Aurel Castaneda-Vogt spoke.", None),
])
def test_builtin_country_titles_leave_alone(text: str, when: date | None) -> None:
    assert found(BUILTIN, text, when) == []


def test_known_people_get_their_countrys_title() -> None:
    when = date(2025, 6, 1)
    assert found(BUILTIN, "Austrian Prime Minister Christian Stocker spoke.", when) == [
        ("Austrian Prime Minister Christian Stocker", "warning", ("Austrian Chancellor Christian Stocker",))]
    assert found(BUILTIN, "Chief Minister John Swinney spoke.", when)[0][2] == ("First Minister John Swinney",)


# --- bad tables: one clear error naming file, line and key ----------------------------------------

@pytest.mark.parametrize(("table", "line", "key", "part"), [
    ("country_titles:\n  QQ:\n    head_of_state: [President]\n", 6, "country_titles.QQ", "unknown country 'QQ'"),
    ("country_titles:\n  XN:\n    head_of_cabinet: [President]\n", 7, "country_titles.XN.head_of_cabinet", "unknown class"),
    ("country_titles:\n  XN:\n    head_of_state: [Grand Vizier]\n", 7, "country_titles.XN.head_of_state", "unknown title 'Grand Vizier'"),
    ("country_titles:\n  XN:\n    head_of_state: [{title: President, since: 2001}]\n", 7, "country_titles.XN.head_of_state[0].since",
     "unknown title key 'since'"),
    ("country_titles:\n  XN:\n    head_of_state: [{title: President, to: someday}]\n", 7, "country_titles.XN.head_of_state[0].to",
     "must be a date"),
    ("country_titles:\n  xn:\n    head_of_state: [President]\n", 6, "country_titles.xn", "unknown country code"),
    ("subdivisions:\n  XN-OS: {parent: YY, names: [Ostmark]}\n", 6, "subdivisions.XN-OS.parent", "'parent' must be 'XN'"),
    ("subdivisions:\n  XN-OS: {parent: XN}\n", 6, "subdivisions.XN-OS.names", "at least one name"),
])
def test_bad_title_tables_are_load_errors(tmp_path: Path, table: str, line: int, key: str, part: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("titles:\n  - {title: President, class: head_of_state}\nentries:\n"
                    "  - {id: place:norvania, kind: place, type: country, canonical: Norvania, country: \"XN\"}\n" + table,
                    encoding="utf-8")
    with pytest.raises(DictionaryError) as err:
        merge([load_dictionary(path)])
    assert (err.value.path, err.value.line, err.value.key) == (str(path), line, key), str(err.value)
    assert part in err.value.message


def test_a_bad_table_stops_the_command_with_exit_2(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "t.yaml"
    path.write_text("entries: []\ncountry_titles:\n  QQ:\n    head_of_state: [President]\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newslint", "check", "--dictionary", str(path), "-"],
                            input="Text.\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"{path}:3: [country_titles.QQ] unknown country 'QQ'" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_country_with_a_curated_leader_has_a_table() -> None:
    """Each country (or subdivision) where a built-in person held a head of state's or
    government's role has that class in the title tables."""
    d = BUILTIN.resources.dictionary
    tables = {(r.code, r.cls) for r in d.country_titles}
    missing = set()
    for e in d.entries:
        for r in e.roles if e.kind == "person" else ():
            of = r.get("of")
            if r.get("title") in ("President", "Prime Minister", "Chancellor", "Premier", "King", "Queen", "Emir") \
                    and isinstance(of, str) and len(of) == 2 and not any(code == of for code, _ in tables):
                missing.add(of)
    assert missing == set()
