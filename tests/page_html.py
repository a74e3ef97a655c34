"""Reading a page's HTML in tests: elements with their attributes, text and nesting."""

import functools
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    def is_inside(self, ancestor: "Element") -> bool:
        parent = self.parent
        while parent is not None:
            if parent is ancestor:
                return True
            parent = parent.parent
        return False


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self._open[-1] if self._open else None
        element = Element(tag, {name: value or "" for name, value in attrs}, parent)
        self.elements.append(element)
        if tag not in VOID_ELEMENTS:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)


@functools.lru_cache(maxsize=8)
def elements(html: str) -> list[Element]:
    """The page's elements in document order; the same objects for the same page."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.elements


def find_all(html: str, tag: str, **attrs: str) -> list[Element]:
    return [
        element
        for element in elements(html)
        if element.tag == tag
        and all(element.attrs.get(name) == value for name, value in attrs.items())
    ]


def definitions(html: str, term: str) -> list[Element]:
    """The `dd` elements that a `dt` reading `term` names (a term and its descriptions share
    a parent, as in `<div><dt>…</dt><dd>…</dd></div>`)."""
    found: list[Element] = []
    terms = [element for element in elements(html) if element.tag == "dt" and element.text == term]
    for dt in terms:
        found.extend(
            element
            for element in elements(html)
            if element.tag == "dd" and element.parent is dt.parent
        )
    return found


def links(html: str, inside: Element | None = None) -> dict[str, str]:
    """Each link's text and address, optionally only those inside an element."""
    return {
        element.text: element.attrs.get("href", "")
        for element in find_all(html, "a")
        if inside is None or element.is_inside(inside)
    }


def is_structured_data(element: Element) -> bool:
    """The page's own JSON-LD: a data block no browser runs, whose body is one JSON object
    (hostile text inside it is a string, escaped so that it cannot close the element)."""
    if element.tag != "script" or element.attrs.get("type") != "application/ld+json":
        return False
    try:
        return isinstance(json.loads(element.text), dict)
    except ValueError:
        return False
