"""End to end in a real browser: Playwright (Python) driving Debian's Chromium against `newslint serve`.

Skips only when Playwright or Chromium is absent (CI installs both: pip install playwright,
apt-get install chromium). Set NEWSLINT_UPDATE_SCREENSHOT=1 to rewrite docs/screenshot-serve.png.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    pytest.skip("Playwright for Python is not installed (pip install playwright; no `playwright install` needed)",
                allow_module_level=True)

CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).is_file():
    pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

from newslint.server import create_app  # noqa: E402
from newslint.server.runner import BackgroundServer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_3d6420707d2b56da.txt"
SCREENSHOT = REPO / "docs" / "screenshot-serve.png"
MAX_BYTES = 200_000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with BackgroundServer(create_app(max_bytes=MAX_BYTES)) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser, url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
           if msg.type == "error" and "status of 413" not in msg.text else None)  # 413 is provoked on purpose
    tab.set_default_timeout(20_000)
    tab.goto(url)
    yield tab
    context.close()
    assert problems == [], problems


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def check(page: Page, text: str) -> None:
    page.fill("#input", text)
    page.click("#check")
    expect(page.locator("#view")).to_be_visible()
    expect(page.locator("#summary")).not_to_contain_text("No article checked")


def finding(page: Page, text: str) -> Any:
    return page.locator("li.finding", has_text=text)


def test_seed_kiel_starmer_is_found_and_fixed_with_one_click(page: Page, seed: str, tmp_path: Path) -> None:
    check(page, seed)
    kiel = finding(page, "Kiel Starmer")
    expect(kiel).to_have_count(1)
    expect(kiel).to_contain_text("NL101")
    expect(kiel).to_contain_text("misspelling of person Keir Starmer")
    expect(kiel.locator("..").locator("..")).to_contain_text("Names")  # grouped under the names family
    expect(page.locator("#view mark", has_text="Kiel Starmer")).to_have_count(1)
    kiel.click()
    expect(kiel).to_have_class(re.compile(r"\bcurrent\b"))
    shot = SCREENSHOT if os.environ.get("NEWSLINT_UPDATE_SCREENSHOT") else tmp_path / "screenshot-serve.png"
    page.screenshot(path=str(shot))

    kiel.locator("button.suggestion", has_text="Keir Starmer").click()

    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    view = page.locator("#view")
    expect(view).to_contain_text("in a sit-in with British Keir Starmer on Thursday")
    assert "Kiel Starmer" not in (view.text_content() or "")
    assert view.text_content() == seed.replace("Kiel Starmer", "Keir Starmer")
    expect(finding(page, "Voldymir Zelensky")).to_have_count(1)  # the other findings stay
    expect(page.locator("#status")).to_contain_text("Replaced “Kiel Starmer” with “Keir Starmer”")


def test_article_markup_is_shown_as_text_and_never_runs(page: Page) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = ("British Kiel Starmer said <script>window.__xss = 1; alert(1)</script> and "
               '<img src=x onerror="window.__xss = 2; alert(2)"> <b>bold</b> &amp; more.')
    check(page, hostile)
    expect(finding(page, "Kiel Starmer")).to_have_count(1)
    view = page.locator("#view")
    assert view.text_content() == hostile
    assert page.locator("#view img, #view script, #view b, #findings img, #findings script").count() == 0
    finding(page, "Kiel Starmer").locator("button.suggestion").first.click()
    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    assert view.text_content() == hostile.replace("Kiel Starmer", "Keir Starmer")
    assert page.locator("#view img, #view script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


def test_keyboard_next_previous_ignore_and_apply(page: Page, seed: str) -> None:
    check(page, seed)
    items = page.locator("li.finding")
    total = items.count()
    assert total >= 5
    current = page.locator("li.finding.current")
    first = current.get_attribute("data-idx")
    page.keyboard.press("j")
    second = current.get_attribute("data-idx")
    assert second != first
    page.keyboard.press("n")
    page.keyboard.press("k")
    assert current.get_attribute("data-idx") == second
    page.keyboard.press("p")
    assert current.get_attribute("data-idx") == first
    expect(page.locator("#view mark.current")).not_to_have_count(0)

    page.keyboard.press("x")  # ignore the current finding
    expect(items).to_have_count(total - 1)
    expect(page.locator("#restore")).to_have_text("Show 1 ignored finding")
    page.click("#restore")
    expect(items).to_have_count(total)

    finding(page, "Voldymir Zelensky").click()  # focus leaves the buttons; Enter applies the first suggestion
    page.keyboard.press("Enter")
    expect(finding(page, "Voldymir Zelensky")).to_have_count(0)
    expect(page.locator("#view")).to_contain_text("Ukrainian President Volodymyr Zelensky")
    expect(page.locator("#keys")).to_contain_text("next finding")


def test_apply_all_safe_fixes_then_download(page: Page, seed: str) -> None:
    check(page, seed)
    page.click("#fix-safe")
    expect(page.locator("#status")).to_contain_text("safe fix")
    view = page.locator("#view")
    expect(view).to_contain_text("British Keir Starmer")
    expect(view).to_contain_text("Volodymyr Zelensky")
    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    expect(finding(page, "The-for-TAT")).to_have_count(1)  # unsafe: left for the editor
    corrected = view.text_content()
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "article.corrected.txt"
    assert Path(download.path()).read_text(encoding="utf-8") == corrected


def test_upload_markdown_file(page: Page) -> None:
    content = "---\ntitle: Talks\n---\n# Talks\n\nBritish Kiel Starmer met the press.\n"
    page.set_input_files("#file", files=[{"name": "talks.md", "mimeType": "text/markdown", "buffer": content.encode()}])
    expect(finding(page, "Kiel Starmer")).to_have_count(1)
    expect(page.locator("#format")).to_have_value("md")
    expect(page.locator("#view")).to_have_text("Talks\n\nTalks\n\nBritish Kiel Starmer met the press.")  # what a reader sees
    expect(page.locator("#view mark")).to_have_text(["Kiel Starmer"])
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "talks.corrected.md"
    assert Path(info.value.path()).read_text(encoding="utf-8") == content  # the source, front matter and all
    page.keyboard.press("e")
    expect(page.locator("#input")).to_have_value(content)  # editing is on the source


def test_highlights_use_code_point_offsets(page: Page) -> None:
    check(page, "\U0001F600\U0001F600 British Kiel Starmer met the press.")
    expect(page.locator("#view mark")).to_have_text(["Kiel Starmer"])


def test_server_errors_are_shown_on_the_page(page: Page) -> None:
    page.fill("#input", "x" * (MAX_BYTES + 10))
    page.click("#check")
    expect(page.locator("#status")).to_contain_text(f"larger than the limit of {MAX_BYTES} bytes")


def test_edit_text_then_check_again(page: Page) -> None:
    check(page, "British Kiel Starmer met the press.")
    expect(finding(page, "Kiel Starmer")).to_have_count(1)
    expect(page.locator("#check")).to_be_enabled()  # the request is over
    page.keyboard.press("e")
    expect(page.locator("#input")).to_be_visible()
    expect(page.locator("#input")).to_have_value("British Kiel Starmer met the press.")
    page.fill("#input", "Keir Starmer met the press in a sit-in with reporters.")
    expect(page.locator("#summary")).to_contain_text("press Check to update")
    page.keyboard.press("Control+Enter")
    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    expect(page.locator("#view")).to_have_text("Keir Starmer met the press in a sit-in with reporters.")
    expect(page.locator("#summary")).not_to_contain_text("press Check")


def download_text(page: Page, button: str) -> tuple[str, str]:
    """(file name, content) of what clicking `button` downloads."""
    with page.expect_download() as info:
        page.click(button)
    return info.value.suggested_filename, Path(info.value.path()).read_text(encoding="utf-8")


def test_html_shows_what_a_reader_sees_and_fixes_edit_the_source(page: Page) -> None:
    source = ('<!doctype html><html><head><style>p { color: red }</style></head><body>\n'
              '<h1>Talks&nbsp;in London</h1>\n<p>British Kiel Starmer met the <em>press</em> and said '
              '&ldquo;we signed a ceasefire contract&rdquo; on Tuesday.</p>\n<!-- a comment -->\n'
              '<p>Fish &amp; chips <a href="https://example.com/a?x=1&amp;y=2">followed</a>.</p></body></html>\n')
    page.select_option("#format", "html")
    check(page, source)
    view = page.locator("#view")
    shown = view.text_content() or ""
    assert shown == ("Talks in London\n\nBritish Kiel Starmer met the press and said “we signed a ceasefire contract” "
                     "on Tuesday.\n\nFish & chips followed.")
    assert "<" not in shown and "&amp;" not in shown and "color: red" not in shown and "example.com" not in shown
    expect(page.locator("#view-note")).to_contain_text("What a reader sees of this HTML")
    expect(page.locator("#view mark", has_text="Kiel Starmer")).to_have_count(1)
    expect(page.locator("#view mark", has_text="ceasefire contract")).to_have_count(1)
    finding(page, "Kiel Starmer").locator("button.suggestion", has_text="Keir Starmer").click()
    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    expect(view).to_contain_text("British Keir Starmer met the press")
    name, saved = download_text(page, "#download")
    assert name == "article.corrected.html"
    assert saved == source.replace("Kiel Starmer", "Keir Starmer")  # the markup and entities are untouched


def test_front_matter_date_fills_the_date_box_and_the_editors_date_wins(page: Page) -> None:
    article = "---\ntitle: Budget talks\ndate: 2026-02-10\n---\nPresident Joe Biden spoke to reporters on Monday.\n"
    page.set_input_files("#file", files=[{"name": "budget.md", "mimeType": "text/markdown", "buffer": article.encode()}])
    expect(page.locator("#date")).to_have_value("2026-02-10")
    expect(page.locator("#date-source")).to_be_visible()
    expect(finding(page, "Joe Biden")).to_have_count(1)  # checked at the front matter's date: no longer president
    page.fill("#date", "2022-05-01")  # the editor's own date wins, as --date does
    expect(page.locator("#date-source")).to_be_hidden()
    page.keyboard.press("e")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#summary")).not_to_contain_text("press Check")
    expect(finding(page, "Joe Biden")).to_have_count(0)
    expect(page.locator("#date")).to_have_value("2022-05-01")


def test_fix_all_occurrences_of_a_repeated_finding(page: Page) -> None:
    text = ("The ceasefire contract held overnight. Officials said the ceasefire contract was fragile.\n\n"
            "A second ceasefire contract is planned, and Kiev welcomed it.\n")
    check(page, text)
    spun = finding(page, "ceasefire contract")
    expect(spun).to_have_count(3)
    expect(spun.first.locator("button.fix-all")).to_have_text("Fix all 3 occurrences")
    expect(finding(page, "Kiev").locator("button.fix-all")).to_have_count(0)  # only once in the text
    spun.first.locator("button.fix-all").click()
    expect(finding(page, "ceasefire contract")).to_have_count(0)
    expect(page.locator("#status")).to_contain_text("Replaced 3 occurrences of “ceasefire contract” with “ceasefire deal”")
    assert page.locator("#view").text_content() == text.replace("ceasefire contract", "ceasefire deal")
    expect(finding(page, "Kiev")).to_have_count(1)  # the other findings stay


def test_always_accept_builds_an_accept_list_the_cli_reads(page: Page, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newslint.cli import app
    from newslint.config import clear_caches

    text = "British Kiel Starmer met Voldymir Zelensky in a sit-in with reporters.\n"
    check(page, text)
    finding(page, "Kiel Starmer").locator("button.accept").click()
    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    expect(page.locator("#accept-count")).to_have_text("1 accepted word: Kiel Starmer")
    expect(finding(page, "Voldymir Zelensky")).to_have_count(1)
    # an existing accept list is merged, then the updated list is downloaded
    existing = "# house list\nTurkiye\n\nMacron's\n"
    page.set_input_files("#accept-file", files=[{"name": "accept.txt", "mimeType": "text/plain", "buffer": existing.encode()}])
    expect(page.locator("#accept-count")).to_contain_text("3 accepted words")
    name, saved = download_text(page, "#accept-download")
    assert name == "accept.txt"
    assert [line for line in saved.splitlines() if not line.startswith("#")] == ["Kiel Starmer", "Macron's", "Turkiye"]
    # the CLI reads it through accept-file
    (tmp_path / "accept.txt").write_text(saved, encoding="utf-8")
    (tmp_path / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "newslint.yaml").write_text("accept-file: accept.txt\n", encoding="utf-8")
    clear_caches()
    out = CliRunner().invoke(app, ["check", str(tmp_path / "story.txt"), "--config", str(tmp_path / "newslint.yaml")]).stdout
    clear_caches()
    assert "Voldymir Zelensky" in out and "Kiel Starmer" not in out
    # the list survives a reload, and is sent with every check
    page.reload()
    expect(page.locator("#accept-count")).to_contain_text("3 accepted words")
    check(page, text)
    expect(finding(page, "Kiel Starmer")).to_have_count(0)
    page.click("#accept-clear")
    expect(finding(page, "Kiel Starmer")).to_have_count(1)
