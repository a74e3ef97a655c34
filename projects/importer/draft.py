"""A draft project as the importer reads it from one page's text, and the JSON object that
`manage.py import_project_text --json` prints for it. The JSON is a contract that people and
scripts rely on: every key is always there, a fact the text does not give is null or an empty
list and is named in `missing`, and nothing is filled in that the text does not say."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# The keys that count towards completeness: the catalogue's fields a draft can fill.
FACT_KEYS = (
    "name",
    "other_names",
    "start",
    "end",
    "dates_are",
    "stated_status",
    "funders",
    "implementers",
    "identifiers",
    "contacts",
    "target_groups",
    "beneficiaries",
    "goals",
    "activities",
    "results",
    "regions",
    "scope",
    "budget",
    "keywords",
    "related",
)


@dataclass(frozen=True)
class Found:
    """Where in the page's text a fact was read: `key` is its JSON key, [start, end) the
    characters. The admin's import page highlights them."""

    key: str
    start: int
    end: int


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or the year: `date` is the first day of the period
    for a start and its last day for an end; `text` is the date as the page writes it."""

    date: datetime.date
    precision: str  # projects.dates.Precision: "day", "month" or "year"
    text: str

    def as_json(self) -> dict[str, str]:
        return {"date": self.date.isoformat(), "precision": self.precision, "text": self.text}


@dataclass
class FunderRow:
    funder: str
    intermediary: str | None = None
    programme: str | None = None
    # The catalogue's organisations these names were matched to (None: a new organisation).
    funder_id: int | None = None
    intermediary_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "funder": self.funder,
            "intermediary": self.intermediary,
            "programme": self.programme,
        }


@dataclass
class ImplementerRow:
    organisation: str
    abbreviation: str | None = None
    role: str = "unknown"
    business_id: str | None = None
    # The catalogue's organisation the name was matched to (None: new).
    organisation_id: int | None = None

    @property
    def new(self) -> bool:
        return self.organisation_id is None

    def as_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            "abbreviation": self.abbreviation,
            "role": self.role,
            "business_id": self.business_id,
            "new": self.new,
        }


@dataclass
class IdentifierRow:
    scheme: str
    value: str

    def as_json(self) -> dict[str, str]:
        return {"scheme": self.scheme, "value": self.value}


@dataclass
class ContactRow:
    name: str
    title: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "organisation": self.organisation,
            "email": self.email,
            "phone": self.phone,
        }


@dataclass
class RelatedRow:
    name: str
    relation: str = "related"

    def as_json(self) -> dict[str, str]:
        return {"name": self.name, "relation": self.relation}


@dataclass(frozen=True)
class Budget:
    min: Decimal
    max: Decimal | None = None
    currency: str = "EUR"

    def as_json(self) -> dict[str, Any]:
        return {"min": _number(self.min), "max": _number(self.max), "currency": self.currency}


def _number(value: Decimal | None) -> int | float | None:
    """Whole euros as an integer, cents as a decimal fraction."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class Draft:
    language: str
    name: str | None = None
    other_names: list[str] = field(default_factory=list)
    start: PartialDate | None = None
    end: PartialDate | None = None
    dates_are: str | None = None  # "planned", "actual" or None
    stated_status: str | None = None  # as the page writes it: "Käynnissä", "Päättynyt"
    funders: list[FunderRow] = field(default_factory=list)
    implementers: list[ImplementerRow] = field(default_factory=list)
    identifiers: list[IdentifierRow] = field(default_factory=list)
    contacts: list[ContactRow] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    scope: str | None = None
    budget: Budget | None = None
    keywords: list[str] = field(default_factory=list)
    related: list[RelatedRow] = field(default_factory=list)
    # Where each fact was read (not part of the JSON).
    found: list[Found] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        return [key for key in FACT_KEYS if getattr(self, key) in (None, [], "")]

    @property
    def completeness(self) -> float:
        return round(1 - len(self.missing) / len(FACT_KEYS), 2)

    def as_json(self) -> dict[str, Any]:
        """The command's JSON object, every key present, in the contract's order."""

        def value(key: str) -> Any:
            fact = getattr(self, key)
            if isinstance(fact, list):
                return [item.as_json() if hasattr(item, "as_json") else item for item in fact]
            return fact.as_json() if hasattr(fact, "as_json") else fact

        return {
            "language": self.language,
            **{key: value(key) for key in FACT_KEYS},
            "missing": self.missing,
            "completeness": self.completeness,
        }
