"""The benchmark data generator's funding of the projects (bench/data.py), their contacts
and links, and the relations between them."""

import datetime
from decimal import Decimal

from projects.models import (
    Contact,
    Funding,
    LinkKind,
    Project,
    ProjectKind,
    ProjectLink,
    ProjectRelation,
    RelationKind,
)

from .data_helpers import BATCH_SIZE, _ascii, _insert
from .data_names import CONTACT_TITLES, ESF_PROGRAMMES, FIRST_NAMES, LAST_NAMES, OPH_PROGRAMMES
from .data_state import _GeneratorBase


class _ProjectDetails(_GeneratorBase):
    """Who funds each project, its contacts and links, and its relations to others."""

    # Funding, contacts, links and relations between projects.

    def fundings(self) -> None:
        rng = self.rng
        funders = self.funders
        rows: list[Funding] = []
        eura_updates: list[Project] = []
        for info in self.project_infos:
            region_slug = self.regions[info.region_indexes[0]].slug
            draw = rng.random()
            year = (info.start or self.today).year
            programme_fi = programme_en = ""
            intermediary = None
            if draw < 0.45:
                funder = funders[
                    "euroopan-sosiaalirahasto-plus" if year >= 2021 else "euroopan-sosiaalirahasto"
                ]
                intermediary = (
                    self.ely_by_region.get(region_slug, funders["opetushallitus"])
                    if draw < 0.35
                    else funders["opetushallitus"]
                )
                programme_fi, programme_en, _since = ESF_PROGRAMMES[1 if year >= 2021 else 0]
                eura_updates.append(
                    Project(
                        pk=info.pk,
                        eura_code=f"{'S' if year < 2021 else 'J'}{rng.randint(10000, 99999)}",
                    )
                )
            elif draw < 0.75:
                funder = funders["opetushallitus"]
                programme_fi, programme_en = rng.choice(OPH_PROGRAMMES)
            elif draw < 0.83:
                funder = funders["opetus-ja-kulttuuriministerio"]
            elif draw < 0.88:
                funder = funders["erasmus-plus"]
                intermediary = funders["opetushallitus"]
            elif draw < 0.95:
                funder = rng.choice(
                    [
                        funders["suomen-kulttuurirahasto"],
                        funders["svenska-kulturfonden"],
                        *self.foundations,
                    ]
                )
            elif draw < 0.98:
                funder = funders["stea"]
            else:
                continue  # no funding known
            periods: list[tuple[datetime.date | None, datetime.date | None]] = [(None, None)]
            if (
                info.start
                and info.end
                and rng.random() < 0.15
                and (info.end - info.start).days > 60
            ):
                # The funder changed half way: two periods.
                middle = info.start + (info.end - info.start) / 2
                periods = [(info.start, middle), (middle + datetime.timedelta(days=1), info.end)]
            for number, (start, end) in enumerate(periods):
                second = number == 1
                rows.append(
                    Funding(
                        project_id=info.pk,
                        funder=funders["opetushallitus"] if second else funder,
                        intermediary=None if second else intermediary,
                        programme_fi=OPH_PROGRAMMES[0][0] if second else programme_fi,
                        programme_en=OPH_PROGRAMMES[0][1] if second else programme_en,
                        amount=Decimal(rng.randint(50, 1500) * 1000)
                        if rng.random() < 0.6
                        else None,
                        start_date=start,
                        end_date=end,
                    )
                )
        _insert(Funding, rows)
        Project.objects.bulk_update(eura_updates, ["eura_code"], batch_size=BATCH_SIZE)
        self.log(f"fundings: {len(rows):,}")

    def contacts_links_relations(self) -> None:
        rng = self.rng
        contacts: list[Contact] = []
        links: list[ProjectLink] = []
        for info in self.project_infos:
            for order in range(rng.choices([0, 1, 2], [10, 60, 30])[0]):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                title_fi, title_en = rng.choice(CONTACT_TITLES)
                contacts.append(
                    Contact(
                        project_id=info.pk,
                        name=f"{first} {last}",
                        title_fi=title_fi,
                        title_en=title_en,
                        organisation_id=self.runners[info.admin_index].pk,
                        email=f"{_ascii(first)}.{_ascii(last)}@example.org",
                        phone=f"+358 40 {rng.randint(1000000, 9999999)}",
                        order=order,
                    )
                )
            links.append(
                ProjectLink(
                    project_id=info.pk,
                    kind=LinkKind.WEBSITE,
                    url=f"https://hankkeet.example.org/{info.pk}/",
                )
            )
            if rng.random() < 0.3:
                links.append(
                    ProjectLink(
                        project_id=info.pk,
                        kind=LinkKind.FACEBOOK,
                        url=f"https://www.facebook.com/hanke{info.pk}",
                        label_fi="Hanke Facebookissa",
                        order=1,
                    )
                )
        _insert(Contact, contacts)
        _insert(ProjectLink, links)

        relations: set[tuple[int, str, int]] = set()
        ids = self.project_ids
        for info in self.project_infos:
            if info.kind != ProjectKind.PROJECT and len(ids) > 10:
                for member in rng.sample(ids, rng.randint(3, 8)):
                    if member != info.pk:
                        relations.add((member, RelationKind.MEMBER_OF, info.pk))
            elif rng.random() < 0.03:
                predecessor = rng.choice(ids)
                if predecessor != info.pk:
                    relations.add((predecessor, RelationKind.PREDECESSOR_OF, info.pk))
        _insert(
            ProjectRelation,
            (
                ProjectRelation(from_project_id=source, kind=kind, to_project_id=target)
                for source, kind, target in sorted(relations)
            ),
        )
        self.log(
            f"contacts: {len(contacts):,}, links: {len(links):,}, relations: {len(relations):,}"
        )
