"""`build --html` in a real browser: every example's pages (and public versions) in headless
Chromium, checked by axe-core for WCAG 2.1 AA (0 violations), loading nothing from anywhere,
running no script from the data, and laid out for print as the stylesheet says.

Needs Debian's Chromium and axe-core (`make install-chromium`), driven by Playwright (the dev
extras) with the system's browser, so nothing is downloaded. Without them the tests skip,
unless SAMVERKAN_REQUIRE_BROWSER=1 (set by .ci/run) makes that a failure. One browser
serves every page. SAMVERKAN_BROWSER and SAMVERKAN_AXE name another browser or axe.min.js."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from samverkan_cli.document.tree import Document, DocumentInfo, Heading, Paragraph, Span
from samverkan_cli.writers.html import write_html
from tests.html_pages import EXAMPLES, example_pages

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",  # as root (CI), Chromium refuses to start with its sandbox
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing(reason: str) -> None:
    if os.environ.get("SAMVERKAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (SAMVERKAN_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def _browser_path() -> str:
    found = os.environ.get("SAMVERKAN_BROWSER") or shutil.which("chromium")
    if found is None:
        _missing("Chromium saknas: installera med `make install-chromium`")
    assert found is not None
    return found


def _axe_source() -> str:
    default = Path(sys.prefix) / "axe-core" / "node_modules" / "axe-core" / "axe.min.js"
    path = Path(os.environ.get("SAMVERKAN_AXE") or default)
    if not path.is_file():
        _missing(f"axe-core saknas ({path}): installera med `make install-chromium`")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser_page() -> Iterator[tuple[Any, list[str]]]:
    """One page of one headless Chromium for every test here, and the addresses it tried
    to load (each refused: the machine has no network, and a page must need none)."""
    executable = _browser_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright saknas: pip install -e '.[dev]'")
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(bypass_csp=True)  # the page's CSP would refuse axe
        page = context.new_page()

        def refuse(route: Any) -> None:
            requested.append(route.request.url)
            route.abort()

        page.route("**/*", refuse)
        yield page, requested
        browser.close()


def _axe(page: Any, markup: str, axe: str) -> list[dict[str, Any]]:
    page.set_content(markup)
    page.evaluate(axe)
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    violations: list[dict[str, Any]] = result["violations"]
    return violations


@pytest.fixture(scope="module")
def axe() -> str:
    return _axe_source()


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_page_has_no_wcag_21_aa_violations(
    example: str, browser_page: tuple[Any, list[str]], axe: str
) -> None:
    """Each of the example's pages (its public version too) in the browser, by axe-core."""
    page, requested = browser_page
    for name, markup in example_pages(example).items():
        requested.clear()
        found = [
            f"{v['id']} ({v['impact']}): {v['help']}: {[n['html'][:160] for n in v['nodes'][:3]]}"
            for v in _axe(page, markup, axe)
        ]
        assert found == [], name
        assert requested == [], name  # nothing loaded: no font, picture, style or script
        assert page.evaluate("document.documentElement.lang") in {"sv-SE", "en-GB"}
        assert page.title()


def test_script_in_the_data_does_not_run(browser_page: tuple[Any, list[str]]) -> None:
    page, requested = browser_page
    requested.clear()
    evil = "<script>window.ran = 1</script><img src=x onerror='window.ran = 2'>"
    document = Document(
        (Heading(1, (Span(evil),)), Paragraph((Span(evil, href="javascript:window.ran=3"),))),
        DocumentInfo(title=evil),
    )
    page.set_content(write_html(document))
    page.click("main p")
    assert page.evaluate("window.ran") is None
    assert page.title() == evil
    assert page.inner_text("h1") == evil
    assert requested == []


def test_print_breaks_before_bilagor_and_shows_links_as_text(
    browser_page: tuple[Any, list[str]],
) -> None:
    page, _ = browser_page
    pages = example_pages("rinkeby-kista-2017")
    page.set_content(pages["samverkansoverenskommelse-rinkeby-kista-2017.html"])
    page.emulate_media(media="print")
    try:
        style = "([selector, name]) => getComputedStyle(document.querySelector(selector))[name]"
        assert page.evaluate(style, [".sidbrytning", "breakAfter"]) == "page"
        assert page.evaluate(style, ["nav a", "textDecorationLine"]) == "none"
        assert page.evaluate(style, [".underskrifter", "breakInside"]) == "avoid"
    finally:
        page.emulate_media(media="screen")
    on_screen = "getComputedStyle(document.querySelector('nav a')).textDecorationLine"
    assert page.evaluate(on_screen) == "underline"


def test_the_pages_own_policy_refuses_a_script(browser_page: tuple[Any, list[str]]) -> None:
    """The Content-Security-Policy in the page (which the other tests bypass to run axe)
    lets no script run, even one put into the page after it was loaded."""
    from playwright.sync_api import Error

    page, _ = browser_page
    strict = page.context.browser.new_context()
    try:
        honouring = strict.new_page()
        honouring.set_content(example_pages("järva")["lokal-samverkansoverenskommelse-jarva.html"])
        with pytest.raises(Error, match="Content Security Policy"):
            honouring.add_script_tag(content="window.ran = 1")
        assert honouring.evaluate("window.ran") is None
        assert honouring.evaluate("getComputedStyle(document.body).margin") == "0px"  # CSS ran
    finally:
        strict.close()
