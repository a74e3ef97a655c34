"""The benchmark data generator's projects (bench/data.py): their text, dates, themes,
keywords and regions, and the organisations that run them and maintain their records."""

import datetime
from decimal import Decimal
from typing import Any

from projects.dates import Precision, period_end, period_start
from projects.models import Implementer, ImplementerRole, Project, ProjectKind, ProjectStatus

from .data_helpers import _cap, _insert, _Slugs
from .data_names import _coined
from .data_state import _GeneratorBase, _ProjectInfo
from .data_text import _Words


class _Projects(_GeneratorBase):
    """The projects, then the organisations that run each."""

    # Projects with their text, dates, themes, keywords and regions.

    def _dates(self) -> tuple[datetime.date | None, str, datetime.date | None, str]:
        rng = self.rng
        precision = rng.choices([Precision.DAY, Precision.MONTH, Precision.YEAR], [60, 30, 10])[0]
        raw_start = self.today + datetime.timedelta(days=rng.randint(-3650, 365))
        raw_end = raw_start + datetime.timedelta(days=rng.randint(180, 1460))
        end_precision = precision if rng.random() < 0.8 else rng.choice(list(Precision))
        start: datetime.date | None = period_start(raw_start, precision)
        end: datetime.date | None = period_end(raw_end, end_precision)
        draw = rng.random()
        if draw < 0.02:
            start = end = None
        elif draw < 0.06:
            start = None
        elif draw < 0.14:
            end = None
        return start, str(precision), end, str(end_precision)

    def projects(self) -> None:
        rng = self.rng
        slugs = _Slugs(Project.objects.values_list("slug", flat=True))
        rows: list[Project] = []
        infos: list[_ProjectInfo] = []
        self.project_words: list[_Words] = []
        uusimaa = self.region_index.get("uusimaa", 0)
        for _ in range(self.sizes.projects):
            region_count = rng.choices([1, 2, 3], [70, 20, 10])[0]
            region_indexes = list(
                dict.fromkeys(
                    uusimaa if rng.random() < 0.3 else rng.randrange(len(self.regions))
                    for _ in range(region_count)
                )
            )
            words = _Words(rng, self.regions[region_indexes[0]].slug)
            self.project_words.append(words)
            start, start_precision, end, end_precision = self._dates()
            acronym = (_coined(rng) + _coined(rng)).upper() if rng.random() < 0.5 else ""
            brand = acronym or _coined(rng) + rng.choice(["Polku", "Silta", "Verkko", "Askel", ""])
            name_fi = rng.choice(
                [f"{brand} – {_cap(words.who.gen)} {words.topic.nom}",
                 f"{_cap(words.who.gen)} {words.topic.nom} {words.region}",
                 f"{brand} – {_cap(words.domain.gen)} {words.topic.nom}"]
            )  # fmt: skip
            has_en, has_sv = rng.random() < 0.6, rng.random() < 0.25
            kind = rng.choices(
                [ProjectKind.PROJECT, ProjectKind.COORDINATION, ProjectKind.NETWORK], [94, 3, 3]
            )[0]
            status = (
                None
                if start is None and end is None
                else ProjectStatus.PLANNED
                if start and start > self.today
                else ProjectStatus.ENDED
                if end and end < self.today
                else ProjectStatus.ONGOING
            )
            stated_phase = ""
            if status and rng.random() < 0.3:
                # Now and then the phase a project states is out of date.
                stated_phase = status if rng.random() < 0.85 else rng.choice(list(ProjectStatus))
            budget_min = budget_max = None
            if rng.random() < 0.7:
                budget_min = Decimal(rng.randint(20, 2000) * 1000)
                if rng.random() < 0.15:
                    budget_max = budget_min + Decimal(rng.randint(10, 500) * 1000)
            text: dict[str, Any] = {}
            for language, present in (("fi", True), ("sv", has_sv), ("en", has_en)):
                if not present:
                    continue
                text[f"tagline_{language}"] = words.tagline(language)
                text[f"summary_{language}"] = words.paragraph(language, rng.randint(2, 3))
                text[f"description_{language}"] = "\n\n".join(
                    words.paragraph(language, rng.randint(3, 5)) for _ in range(rng.randint(1, 3))
                )
                text[f"target_group_{language}"] = words.target_group(language)
                text[f"goals_{language}"] = words.bullets("goals", language, rng.randint(3, 5))
                text[f"implementation_{language}"] = words.bullets(
                    "implementation", language, rng.randint(2, 4)
                )
                if status == ProjectStatus.ENDED or (status and rng.random() < 0.3):
                    text[f"results_{language}"] = words.bullets(
                        "results", language, rng.randint(2, 4)
                    )
            if rng.random() < 0.2:
                text["beneficiaries_fi"] = (
                    f"{_cap(words.who.nom)} ja {words.domain.gen} henkilöstö."
                )
            name_en = f"{brand} – {_cap(words.topic.en)} of {words.who.en}" if has_en else ""
            name_sv = f"{brand} – {_cap(words.who.sv_gen)} {words.topic.sv}" if has_sv else ""
            rows.append(
                Project(
                    slug=slugs(name_fi),
                    name_fi=name_fi,
                    name_sv=name_sv,
                    name_en=name_en,
                    acronym=acronym,
                    kind=kind,
                    is_published=rng.random() < 0.95,
                    start_date=start,
                    start_precision=start_precision,
                    end_date=end,
                    end_precision=end_precision,
                    stated_phase=stated_phase,
                    budget_min=budget_min,
                    budget_max=budget_max,
                    **text,
                )
            )
            infos.append(
                _ProjectInfo(
                    pk=0,
                    published=rows[-1].is_published,
                    region_indexes=region_indexes,
                    start=start,
                    end=end,
                    admin_index=-1,
                    kind=kind,
                )
            )
        created = _insert(Project, rows)
        for info, project in zip(infos, created, strict=True):
            info.pk = project.pk
        self.project_infos = infos
        self.project_ids = [project.pk for project in created]
        self.log(f"projects: {len(created):,}")

        theme_rows, keyword_rows, region_rows = [], [], []
        ThemeLink = Project.themes.through
        KeywordLink = Project.keywords.through
        RegionLink = Project.regions.through
        for info in infos:
            theme_rows += [
                ThemeLink(project_id=info.pk, theme_id=theme.pk)
                for theme in rng.sample(self.themes, rng.randint(1, 3))
            ]
            keyword_rows += [
                KeywordLink(project_id=info.pk, keyword_id=keyword_id)
                for keyword_id in rng.sample(self.keyword_ids, rng.randint(2, 5))
            ]
            region_rows += [
                RegionLink(project_id=info.pk, region_id=self.regions[index].pk)
                for index in info.region_indexes
            ]
        _insert(ThemeLink, theme_rows)
        _insert(KeywordLink, keyword_rows)
        _insert(RegionLink, region_rows)
        self.log(
            f"project themes: {len(theme_rows):,}, keywords: {len(keyword_rows):,}, "
            f"regions: {len(region_rows):,}"
        )

    # Who runs each project: one administrator each, the rest spread at random.

    def _runner(self, info: _ProjectInfo) -> int:
        rng = self.rng
        if rng.random() < 0.6:
            local = self.runners_by_region.get(rng.choice(info.region_indexes))
            if local:
                return rng.choice(local)
        return rng.randrange(len(self.runners))

    def implementers(self) -> None:
        rng = self.rng
        infos = self.project_infos
        taken: list[set[tuple[int, str]]] = [set() for _ in infos]
        rows: list[Implementer] = []
        for number, info in enumerate(infos):
            info.admin_index = self._runner(info)
            taken[number].add((info.admin_index, ImplementerRole.ADMINISTRATOR))
        roles = [ImplementerRole.COORDINATOR, ImplementerRole.CO_IMPLEMENTER,
                 ImplementerRole.PARTNER, ImplementerRole.ORGANISER]  # fmt: skip
        extra = self.sizes.implementers - len(infos)
        placed = 0
        while placed < extra:
            number = rng.randrange(len(infos))
            info = infos[number]
            role = rng.choices(roles, [15, 50, 30, 5])[0]
            if role == ImplementerRole.COORDINATOR and rng.random() < 0.4:
                # An organisation may hold two roles: administrator and coordinator.
                organisation = info.admin_index
            else:
                organisation = self._runner(info)
            if (organisation, role) in taken[number]:
                continue
            taken[number].add((organisation, role))
            placed += 1
        role_order: dict[str, int] = {role: index for index, role in enumerate(ImplementerRole)}
        for number, info in enumerate(infos):
            ordered = sorted(taken[number], key=lambda pair: (role_order[pair[1]], pair[0]))
            for order, (organisation, role_value) in enumerate(ordered):
                rows.append(
                    Implementer(
                        project_id=info.pk,
                        organisation_id=self.runners[organisation].pk,
                        role=role_value,
                        order=order,
                    )
                )
        _insert(Implementer, rows)
        # The administrator and any coordinator keep the record: their editors have the rights.
        Maintainer = Project.maintainers.through
        maintainers = {
            (info.pk, self.runners[organisation].pk)
            for number, info in enumerate(infos)
            for organisation, role_value in taken[number]
            if role_value in (ImplementerRole.ADMINISTRATOR, ImplementerRole.COORDINATOR)
        }
        _insert(
            Maintainer,
            (
                Maintainer(project_id=project_id, organisation_id=organisation_id)
                for project_id, organisation_id in sorted(maintainers)
            ),
        )
        self.log(f"implementers: {len(rows):,}, maintainers: {len(maintainers):,}")
