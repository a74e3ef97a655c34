"""Drafts as the importer hands them over, made by hand (tests/test_importing_services.py):
one that names every fact a page can give, with the catalogue's organisations matched as
the extractor matches them (by pk), and the same page read again later."""

import datetime
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from django.contrib.auth.models import User

from projects.importer.draft import (
    Budget,
    ContactRow,
    Draft,
    FunderRow,
    IdentifierRow,
    ImplementerRow,
    PartialDate,
    RelatedRow,
)
from projects.importing import MergeProposal, draft_merge_proposal
from projects.models import Organisation, Programme

CODE = "S21485"
DIARY = "EURA2014/1234/09 02 01 01/2016/ESR"
SOURCE = "https://example.org/hankkeet/osaava-ohjaus"


def full_draft(
    *,
    coordinator: Organisation,
    programme: Programme | None = None,
    language: str = "fi",
) -> Draft:
    """A page that gives every fact: `coordinator` is a catalogue organisation the extractor
    matched; the partner, the funder and its intermediary are new to the catalogue."""
    return Draft(
        language=language,
        name="Osaava ohjaus",
        other_names=["Ohjaus kuntoon", "Osaava ohjaus"],  # the second is the name itself
        start=PartialDate(datetime.date(2021, 3, 1), "month", "maaliskuu 2021"),
        end=PartialDate(datetime.date(2023, 12, 31), "year", "2023"),
        dates_are="planned",
        stated_status="Käynnissä",
        funders=[
            FunderRow(
                funder="Euroopan sosiaalirahasto",
                intermediary="Hämeen ELY-keskus",
                programme=programme.name_fi if programme else "Tuntematon ohjelma",
            )
        ],
        implementers=[
            ImplementerRow(
                organisation=coordinator.name_fi,
                role="coordinator",
                organisation_id=coordinator.pk,
            ),
            ImplementerRow(
                organisation="Hämeen ammattikorkeakoulu",
                abbreviation="HAMK",
                role="partner",
                business_id="1234567-8",
            ),
        ],
        identifiers=[
            IdentifierRow("eura", CODE),
            IdentifierRow("eura-diary", DIARY),
            IdentifierRow("url", SOURCE),
        ],
        contacts=[
            ContactRow(
                name="Aino Esimerkki",
                title="projektipäällikkö",
                organisation="HAMK",
                email="aino.esimerkki@example.org",
                phone="040 123 4567",
            )
        ],
        target_groups=["Opinto-ohjaajat"],
        beneficiaries=["Opiskelijat", "Työnantajat"],
        goals=["Ohjaus paranee", "Keskeyttäminen vähenee"],
        activities=["Koulutukset ohjaajille"],
        results=["Ohjausmalli"],
        regions=["Kanta-Häme", "Pirkanmaa"],
        scope="regional",
        budget=Budget(Decimal(100000), Decimal("150000.50")),
        keywords=["Ohjaus", "OpiskeluVaria"],
        related=[
            RelatedRow("Ohjaus 2018", "predecessor"),
            RelatedRow("Ohjauksen verkosto", "member_of"),
        ],
    )


def bare_draft(name: str = "Pelkkä nimi", language: str = "fi", **facts: object) -> Draft:
    """A page that gives a name and nothing else (unless `facts` say more)."""
    return Draft(language=language, name=name, **facts)  # type: ignore[arg-type]


def proposal_for(draft: Draft, user: User | None = None) -> MergeProposal:
    """The merge proposed for a draft whose identifier the catalogue knows."""
    proposal = draft_merge_proposal(draft=draft, user=user)
    assert proposal is not None
    return proposal


def second_source(coordinator: Organisation) -> Draft:
    """The page of full_draft(), once saved, read again a year later: a new end, a keyword
    more and a new name; the partner made for the first draft now matched by the extractor,
    the funder only named."""
    draft = full_draft(coordinator=coordinator)
    draft.name = "Osaava ohjaus 2.0"
    draft.end = PartialDate(datetime.date(2024, 5, 31), "month", "toukokuu 2024")
    draft.keywords.append("Jatkohaku")
    draft.implementers[1].organisation_id = Organisation.objects.get(abbreviation="HAMK").pk
    draft.identifiers = [IdentifierRow("url", SOURCE), IdentifierRow("eura", CODE)]
    return draft


def values(row: object, *names: str) -> dict[str, Any]:
    """The row's fields by name, to compare with what a test expects in one go."""
    return {name: getattr(row, name) for name in names}


class FormFields(HTMLParser):
    """The fields of the page's draft form as a browser posts them: hidden and text inputs,
    ticked boxes, textareas and the chosen options; no submit buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, list[str]]] = []
        self._form: dict[str, list[str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = {}
        if self._form is None or ("name" not in a and tag != "option"):
            return
        kind = a.get("type", "text")
        if tag == "input" and kind not in ("submit", "file"):
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._form.setdefault(a["name"], []).append(a.get("value", default))
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[a["name"]] = [""]
        elif tag == "select":
            self._select, self._chosen = a["name"], False
        elif tag == "option" and self._select and ("selected" in a or not self._chosen):
            self._form[self._select] = [a.get("value", "")]
            self._chosen = self._chosen or "selected" in a

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._form is not None and self._textarea:
            value = self._form[self._textarea][0]
            self._form[self._textarea] = [value.removeprefix("\n")]
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def draft_form(response) -> dict[str, list[str]]:
    """The draft form on the page, as the browser would post it unchanged."""
    parser = FormFields()
    parser.feed(response.content.decode())
    return next(form for form in parser.forms if "draft-text" in form)
