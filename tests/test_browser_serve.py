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
    assert page.locator("#view").text_content() == content
    with page.expect_download() as info:
        page.click("#download")
    assert info.value.suggested_filename == "talks.corrected.md"


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
