"""The draft's words in the catalogue's terms: its identifiers' schemes, its implementers'
roles, its relations and the phase a page states in its own words."""

import re

from ..importer.draft import Draft
from ..models import IdentifierScheme, ImplementerRole, ProjectStatus, RelationKind

ROLES = {
    "administrator": ImplementerRole.ADMINISTRATOR,
    "coordinator": ImplementerRole.COORDINATOR,
    "lead": ImplementerRole.LEAD_PARTNER,
    "co-implementer": ImplementerRole.CO_IMPLEMENTER,
    "partner": ImplementerRole.PARTNER,
    "organiser": ImplementerRole.ORGANISER,
}  # "funder-side", "unknown": role not stated
# The draft names how the other project relates to this one; the catalogue how this one
# relates to the other: the page's predecessor makes this project its successor.
RELATIONS = {
    "predecessor": RelationKind.SUCCESSOR_OF,
    "successor": RelationKind.PREDECESSOR_OF,
    "member_of": RelationKind.MEMBER_OF,
    "coordinates": RelationKind.HAS_MEMBER,
    "phase_of": RelationKind.PHASE_OF,
    "related": RelationKind.RELATED,
}
_PHASE_WORDS = {
    ProjectStatus.PLANNED: "suunnitteilla käynnistymässä tulossa planerat planerad planerade "
    "kommande planned upcoming forthcoming",
    ProjectStatus.ONGOING: "käynnissä toteutuksessa käynnistynyt pågående pågår aktivt aktiv "
    "ongoing active running",
    ProjectStatus.ENDED: "päättynyt päättyneet valmistunut päättyi avslutat avslutad "
    "avslutade slutfört ended completed finished closed",
}
PHASES = {word: phase for phase, words in _PHASE_WORDS.items() for word in words.split()}
SCHEMES = {"eura-diary": IdentifierScheme.EURA_DIARY, "url": IdentifierScheme.SOURCE_URL}
# A EURA code's first digit is its programme period (S10783, S21485, S30245).
EURA_PERIODS = {
    "1": IdentifierScheme.EURA2007,
    "2": IdentifierScheme.EURA2014,
    "3": IdentifierScheme.EURA2021,
}


def draft_identifiers(draft: Draft) -> list[tuple[str, str]]:
    """The draft's identifiers in the catalogue's schemes. A EURA code whose first digit is
    no known period (1, 2, 3) takes the period of the page's diary number, or else 2014's,
    the period most of the catalogue's structural-fund projects come from."""
    periods = {
        found[1]
        for row in draft.identifiers
        if row.scheme == "eura-diary" and (found := re.match(r"EURA(2007|2014|2021)/", row.value))
    }
    default = f"eura{periods.pop()}" if len(periods) == 1 else IdentifierScheme.EURA2014
    pairs: list[tuple[str, str]] = []
    for row in draft.identifiers:
        value = row.value.strip()
        if row.scheme == "eura":
            value = value.upper()
            scheme = EURA_PERIODS.get(value[1:2], default)
        elif row.scheme == "vn":
            case = value.upper().startswith("VN/")
            scheme = (
                IdentifierScheme.GOVERNMENT_CASE if case else IdentifierScheme.GOVERNMENT_PROJECT
            )
        else:
            scheme = SCHEMES.get(row.scheme, "")
        if scheme and value and (str(scheme), value) not in pairs:
            pairs.append((str(scheme), value))
    return pairs


def stated_phase(stated: str | None) -> str:
    """The phase a page states in its own words ("Käynnissä", "Avslutat: 2022"); "" when
    the words are not known, so that nothing is guessed."""
    words = re.findall(r"\w+", (stated or "").casefold())
    phase = PHASES.get(" ".join(words)) or (PHASES.get(words[0]) if words else None)
    return str(phase or "")
