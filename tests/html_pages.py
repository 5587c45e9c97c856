"""Every example's HTML pages (`build --html --publik`), each example built once per test
run when a test first asks for it, shared by the structure tests (test_html.py) and the
browser tests (test_html_browser.py); and a small parser that tells what a page holds."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.check.repository_checks import settings_for
from tests.conftest import REPO_ROOT

EXAMPLES = sorted(p.name for p in (REPO_ROOT / "agreements").iterdir() if p.is_dir())


@cache
def _out() -> Path:
    return Path(tempfile.mkdtemp(prefix="samverkan-html-"))


@cache
def example_pages(name: str) -> dict[str, str]:
    """The example's pages by file name (with its public versions, and its tjänsteutlåtande
    and translations where it has them), built when first asked for."""
    written = build_agreement(
        REPO_ROOT / "agreements" / name,
        _out() / name,
        REPO_ROOT,
        settings_for(REPO_ROOT, None),
        public=True,
        html=True,
    ).written
    return {p.name: p.read_text(encoding="utf-8") for p in written if p.suffix == ".html"}


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    text: str = ""


class PageContents(HTMLParser):
    """What a page holds: its elements in order with their attributes and the text in
    them, and whether it nests (every element opened is closed in order, but void ones)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1].tag != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1].tag if self.open else 'nothing'}")
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]


VOID = {"meta", "br", "img", "hr", "link", "input", "source", "area", "base", "col", "wbr"}
"""Elements HTML gives no end tag."""


def parse_page(markup: str) -> PageContents:
    page = PageContents()
    page.feed(markup)
    page.close()
    return page
