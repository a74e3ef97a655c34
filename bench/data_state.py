"""What the steps of the benchmark data generator (bench/data_*.py) share: the sizes a run
creates, what the later steps need to know of each project, and the state one step sets
and later steps read."""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from forums.models import Language, Meeting, StakeholderGroup
from projects.models import Organisation, Programme, Region, Theme

from .data_helpers import _Clock
from .data_names import ELY_CENTRES, NATIONAL
from .data_text import _Words


@dataclass(frozen=True)
class Sizes:
    """How many rows of each main kind a run creates (at scale 1: the figures of issue #6)."""

    projects: int
    organisations: int
    implementers: int
    forums: int
    meetings: int
    registrations: int

    @classmethod
    def at_scale(cls, scale: float) -> "Sizes":
        projects = max(round(10_000 * scale), 20)
        forums = max(round(200 * scale), 1)
        return cls(
            projects=projects,
            # The national funders and the ELY centres are always there.
            organisations=max(round(3_000 * scale), len(NATIONAL) + len(ELY_CENTRES) + 20),
            implementers=max(round(30_000 * scale), projects),
            forums=forums,
            meetings=max(round(2_000 * scale), 2 * forums),
            registrations=round(200_000 * scale),
        )


# --- The generator -------------------------------------------------------------------------


@dataclass
class _ProjectInfo:
    pk: int
    published: bool
    region_indexes: list[int]
    start: datetime.date | None
    end: datetime.date | None
    admin_index: int
    kind: str


class _GeneratorBase:
    """The run's seed, sizes, clock and log, and the rows each step leaves for the next."""

    # Set by reference_data() and organisations() (bench/data_organisations.py).
    regions: list[Region]
    region_index: dict[str, int]
    languages: dict[str, Language]
    groups: list[StakeholderGroup]
    themes: list[Theme]
    keyword_ids: list[int]
    funders: dict[str, Organisation]
    ely_by_region: dict[str, Organisation]
    runners: list[Organisation]
    runners_by_region: dict[int, list[int]]
    foundations: list[Organisation]
    # Set by projects() (bench/data_projects.py).
    project_words: list[_Words]
    project_infos: list[_ProjectInfo]
    project_ids: list[int]
    # Set by programmes() (bench/data_project_details.py): per EU programme period the nodes
    # a funding may name, and the national agency's programmes.
    esf_programmes: list[list[Programme]]
    oph_programmes: list[Programme]
    # Set by meetings() (bench/data_forums.py).
    meeting_rows: list[Meeting]
    meeting_groups: list[list[StakeholderGroup]]
    meeting_quotas: list[dict[int, int]]

    def __init__(self, *, seed: int, scale: float, log: Callable[[str], None]) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.seed = seed
        self.sizes = Sizes.at_scale(scale)
        self.log = _Clock(log)
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate(self.now)
