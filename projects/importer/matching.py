"""Organisations a page names, matched to those in the catalogue by any of their names,
abbreviations or other names in any language: exactly first, then by abbreviation, then as
a near match (a typo, a hyphen, "Oy" left out) with rapidfuzz."""

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..models import Organisation
from ..models.projects import SEARCH_LANGUAGES
from .labels import Dictionary

# How alike two names must be (0-100) to be taken as one organisation's: high, because a
# wrong match puts a project under another organisation; a miss only proposes a new one.
NEAR_MATCH = 92


def first_word(name: str) -> str:
    return name.split(" ", 1)[0]


def normalised(name: str, labels: Dictionary) -> str:
    """Folded case and spacing, with the catalogue's shorter forms of long names."""
    folded = " ".join(name.casefold().split())
    for long, short in labels.synonyms.items():
        folded = folded.replace(long.casefold(), short.casefold())
    return folded


@dataclass
class Catalogue:
    """Every organisation's names, read in one query when a page is read."""

    labels: Dictionary
    by_name: dict[str, int] = field(default_factory=dict)
    by_abbreviation: dict[str, int] = field(default_factory=dict)
    abbreviation_of: dict[int, str] = field(default_factory=dict)

    @classmethod
    def load(cls, labels: Dictionary) -> "Catalogue":
        catalogue = cls(labels)
        name_fields = [f"name_{language}" for language in SEARCH_LANGUAGES]
        rows = Organisation.objects.order_by("pk").values_list(
            "pk", "abbreviation", "other_names", *name_fields
        )
        for pk, abbreviation, other_names, *names in rows:
            catalogue.abbreviation_of[pk] = (abbreviation or "").casefold()
            for name in [*names, *other_names.splitlines()]:
                if name and name.strip():
                    catalogue.by_name.setdefault(normalised(name, labels), pk)
            if abbreviation:
                catalogue.by_abbreviation.setdefault(abbreviation.casefold(), pk)
        return catalogue

    def match(self, name: str, abbreviation: str | None = None) -> int | None:
        """The catalogue organisation with this name or abbreviation, if there is one."""
        key = normalised(name, self.labels)
        if key in self.by_name:
            return self.by_name[key]
        for short in (abbreviation, name):
            if short and short.casefold() in self.by_abbreviation:
                return self.by_abbreviation[short.casefold()]
        return self.near_match(key, abbreviation)

    def near_match(self, key: str, abbreviation: str | None) -> int | None:
        """A name written a little differently ("Savon koulutuskuntayhtymä" without the "ä").
        Sibling organisations differ by their place alone ("Itä-Savon", "Etelä-Savon
        koulutuskuntayhtymä"): a near name must begin with the same word, and an
        abbreviation the page gives must not be another's."""
        for name, _score, _index in process.extract(
            key, self.by_name.keys(), scorer=fuzz.ratio, score_cutoff=NEAR_MATCH, limit=5
        ):
            pk = self.by_name[name]
            known = self.abbreviation_of.get(pk, "")
            if first_word(name) != first_word(key):
                continue
            if abbreviation and known and abbreviation.casefold() != known:
                continue
            return pk
        return None
