"""The page at `/`, driven in Debian's headless Chromium through Playwright against the running service."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from service_fixtures import Service

pytestmark = [pytest.mark.browser, pytest.mark.service]
pytest_plugins = ["service_fixtures"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = "/tmp/tonecheck-page.png"
DRAFT = "Hi Sam,\n\n😀 We DON'T do refunds!!! As clearly stated in our policy, you should have read the terms."
HEBREW = "שלום דנה, אנחנו לא יכולים להחזיר את הכסף!!! כפי שכבר אמרתי, זו המדיניות."


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, service: Service) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(service.url + "/")
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def type_draft(page: Page, text: str) -> None:
    page.fill("#draft", text)
    page.wait_for_selector("#marked mark", timeout=10_000)


def test_page_highlights_and_applies_a_suggestion(page: Page) -> None:
    page.fill("#customer", "My parcel never arrived and nobody answers!!")
    type_draft(page, DRAFT)
    assert page.locator("#backdrop mark").count() >= 2  # highlighted over the draft itself
    assert page.locator("#verdict").inner_text() in {"Worth a second look", "Rewrite before sending"}
    assert 0 <= int(page.locator("#score").inner_text()) < 100
    assert "English" in page.locator("#detected").inner_text()

    run = page.locator("#marked mark", has_text="!!!")
    run.hover()
    tip = page.locator(".flag:hover .tip")
    assert tip.is_visible()
    assert "G1" in tip.inner_text()
    page.screenshot(path=SCREENSHOT, full_page=True)
    tip.locator('button.suggestion[data-rule="shouting.punctuation-run"]').click()
    page.wait_for_function("!document.getElementById('draft').value.includes('!!!')")
    assert "refunds!" in page.input_value("#draft")


def test_page_keyboard_focus_shows_the_card(page: Page) -> None:
    type_draft(page, DRAFT)
    mark = page.locator("#marked mark").first
    mark.focus()
    assert page.locator(".flag:focus-within .tip").is_visible()
    page.keyboard.press("Tab")  # into the card's first button
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"


def test_page_use_rewrite_replaces_the_draft(page: Page, service: Service) -> None:
    type_draft(page, DRAFT)
    expected = httpx.post(f"{service.url}/v1/check", json={"reply": DRAFT}).json()["rewrite"]
    page.wait_for_selector("#use-rewrite:not([disabled])")
    page.click("#use-rewrite")
    assert page.input_value("#draft") == expected


def test_page_hebrew_is_right_to_left(page: Page) -> None:
    type_draft(page, HEBREW)
    page.wait_for_function("document.getElementById('draft').dir === 'rtl'")
    assert page.eval_on_selector("#draft", "el => getComputedStyle(el).direction") == "rtl"
    assert page.eval_on_selector("#marked", "el => getComputedStyle(el).direction") == "rtl"
    assert "Hebrew" in page.locator("#detected").inner_text()


def test_page_language_override_and_feedback(page: Page, service: Service) -> None:
    type_draft(page, DRAFT)
    page.select_option("#lang", "en")
    page.wait_for_function("document.getElementById('detected').textContent.startsWith('Checking as')")
    button = page.locator("#findings button.not-helpful").first
    button.click()
    page.wait_for_function("[...document.querySelectorAll('#findings .not-helpful')].some(b => b.disabled)")
    summary = httpx.get(f"{service.url}/v1/feedback/summary").json()
    assert summary["total"] >= 1


def test_page_on_a_phone(browser: Browser, service: Service) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(service.url + "/")
    type_draft(tab, DRAFT)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    tab.screenshot(path="/tmp/tonecheck-page-phone.png", full_page=True)
    context.close()


def test_page_asks_for_an_api_key_when_the_service_has_keys(
    browser: Browser, keyed_service: Service, api_keys: tuple[str, ...]
) -> None:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(keyed_service.url + "/")
    tab.fill("#draft", DRAFT)
    tab.wait_for_selector("#api-key", state="visible", timeout=10_000)
    assert "API key" in tab.locator("#status").inner_text()
    tab.fill("#api-key", api_keys[0])
    tab.dispatch_event("#api-key", "change")
    tab.wait_for_selector("#marked mark", timeout=30_000)
    context.close()
