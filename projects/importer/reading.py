"""What every part of the extractor reads from and writes to: the page, the label
dictionary, the catalogue's organisations and the draft, with where each fact was found."""

from .draft import Draft, Found
from .labels import Dictionary
from .matching import Catalogue
from .sections import Page, Section


class Reading:
    """One page being read into its draft."""

    def __init__(self, page: Page, labels: Dictionary, draft: Draft) -> None:
        self.page = page
        self.labels = labels
        self.draft = draft
        self.text = page.text[: page.end]
        self.catalogue = Catalogue.load(labels)

    def found(self, key: str, start: int, end: int) -> None:
        self.draft.found.append(Found(key, start, end))

    def section_found(self, key: str, section: Section, start: int, end: int) -> None:
        """A fact at offsets of a section's text (its lines joined)."""
        self.found(key, section.position(start), section.position(end))
