"""The benchmark data generator's funding of the projects (bench/data.py) under the
programme trees, their EURA codes, contacts and links, and the relations between them."""

import datetime
import string
from decimal import Decimal

from django.utils.text import slugify

from projects.models import (
    Contact,
    Funding,
    IdentifierScheme,
    LinkKind,
    Organisation,
    Programme,
    ProgrammeLevel,
    ProjectIdentifier,
    ProjectKind,
    ProjectLink,
    ProjectRelation,
    RelationKind,
)

from .data_helpers import _ascii, _insert
from .data_names import (
    CONTACT_TITLES,
    ESF_PROGRAMMES,
    FIRST_NAMES,
    LAST_NAMES,
    NATIONAL,
    OPH_PROGRAMMES,
)
from .data_state import _GeneratorBase


def _programme(
    slug: str,
    level: str,
    names: tuple[str, str],
    *,
    parent: Programme | None = None,
    code: str = "",
    funding_body: Organisation | None = None,
) -> Programme:
    """The node with this slug, created the first time (a run with --force reuses it)."""
    fi, en = names
    node, _created = Programme.objects.get_or_create(
        slug=slug,
        defaults={
            "level": level,
            "name": fi,
            "name_fi": fi,
            "name_en": en,
            "parent": parent,
            "code": code,
            "funding_body": funding_body,
        },
    )
    return node


def _eura_code(project_id: int, period_digit: str) -> str:
    """A code of the EURA form ([A-Z] and five digits, the first for the programme period),
    unique per project without a draw: the same seed gives the same codes."""
    letter = ("S" + string.ascii_uppercase.replace("S", ""))[project_id // 10_000 % 26]
    return f"{letter}{period_digit}{project_id % 10_000:04d}"


class _ProjectDetails(_GeneratorBase):
    """Who funds each project, its contacts and links, and its relations to others."""

    # The programme trees, funding, contacts, links and relations between projects.

    def programmes(self) -> None:
        """Each EU fund with its programme, priority axes and specific objectives, and the
        national agency's programmes: the nodes a funding may name."""
        national = {key: (fi, en) for key, fi, _sv, en, _abbreviation, _kind in NATIONAL}
        self.esf_programmes = []
        count = 0
        for fund_key, fi, en, _since, axes in ESF_PROGRAMMES:
            fund = self.funders[fund_key]
            fund_fi, fund_en = national[fund_key]
            fund_node = _programme(
                fund_key, ProgrammeLevel.FUND, (fund_fi, fund_en), funding_body=fund
            )
            programme = _programme(
                slugify(fi), ProgrammeLevel.PROGRAMME, (fi, en), parent=fund_node
            )
            nodes = [programme]
            for code, axis_fi, axis_en, objectives in axes:
                axis = _programme(
                    f"{programme.slug}-{slugify(code)}",
                    ProgrammeLevel.PRIORITY_AXIS,
                    (axis_fi, axis_en),
                    parent=programme,
                    code=code,
                )
                nodes.append(axis)
                nodes += [
                    _programme(
                        f"{programme.slug}-{slugify(objective_code)}",
                        ProgrammeLevel.SPECIFIC_OBJECTIVE,
                        (objective_fi, objective_en),
                        parent=axis,
                        code=objective_code,
                    )
                    for objective_code, objective_fi, objective_en in objectives
                ]
            self.esf_programmes.append(nodes)
            count += len(nodes) + 1
        self.oph_programmes = [
            _programme(
                slugify(fi),
                ProgrammeLevel.PROGRAMME,
                (fi, en),
                funding_body=self.funders["opetushallitus"],
            )
            for fi, en in OPH_PROGRAMMES
        ]
        self.log(f"programme nodes: {count + len(self.oph_programmes)}")

    def fundings(self) -> None:
        rng = self.rng
        funders = self.funders
        rows: list[Funding] = []
        identifiers: list[ProjectIdentifier] = []
        for info in self.project_infos:
            region_slug = self.regions[info.region_indexes[0]].slug
            draw = rng.random()
            year = (info.start or self.today).year
            programme: Programme | None = None
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
                programme = rng.choice(self.esf_programmes[1 if year >= 2021 else 0])
                scheme, digit = (
                    (IdentifierScheme.EURA2021, "3")
                    if year >= 2021
                    else (IdentifierScheme.EURA2014, "2")
                )
                identifiers.append(
                    ProjectIdentifier(
                        project_id=info.pk, scheme=scheme, value=_eura_code(info.pk, digit)
                    )
                )
            elif draw < 0.75:
                funder = funders["opetushallitus"]
                programme = rng.choice(self.oph_programmes)
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
                        programme=self.oph_programmes[0] if second else programme,
                        amount=Decimal(rng.randint(50, 1500) * 1000)
                        if rng.random() < 0.6
                        else None,
                        start_date=start,
                        end_date=end,
                    )
                )
        _insert(Funding, rows)
        _insert(ProjectIdentifier, identifiers)
        self.log(f"fundings: {len(rows):,}, EURA codes: {len(identifiers):,}")

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
