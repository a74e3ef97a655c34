"""factory_boy factories for the catalogue. Translated fields are set per language
(`name_fi`, `name_en`, ...), as an editor fills the admin tabs."""

import datetime

import factory

from projects.models import (
    Contact,
    Funding,
    IdentifierScheme,
    Implementer,
    ImplementerRole,
    Keyword,
    Municipality,
    Organisation,
    Programme,
    ProgrammeLevel,
    Project,
    ProjectEvent,
    ProjectIdentifier,
    ProjectLink,
    ProjectRelation,
    Region,
    RelationKind,
    Theme,
)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_fi = factory.Sequence(lambda n: f"Koulutuskuntayhtymä {n}")
    name_en = factory.Sequence(lambda n: f"Education consortium {n}")


class ThemeFactory(factory.django.DjangoModelFactory[Theme]):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_fi = factory.Sequence(lambda n: f"Teema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class KeywordFactory(factory.django.DjangoModelFactory[Keyword]):
    class Meta:
        model = Keyword

    name = factory.Sequence(lambda n: f"Keyword{n}")


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    name_fi = factory.Sequence(lambda n: f"Hanke {n}")
    name_en = factory.Sequence(lambda n: f"Project {n}")
    summary_fi = "Hanke kehittää opiskelijoiden osallisuutta."
    summary_en = "The project develops student participation."
    is_published = True
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2030, 12, 31)


class ImplementerFactory(factory.django.DjangoModelFactory[Implementer]):
    class Meta:
        model = Implementer

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ImplementerRole.CO_IMPLEMENTER


class FundingFactory(factory.django.DjangoModelFactory[Funding]):
    class Meta:
        model = Funding

    project = factory.SubFactory(ProjectFactory)
    funder = factory.SubFactory(OrganisationFactory)


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    project = factory.SubFactory(ProjectFactory)
    name = "Aino Esimerkki"
    title_fi = "Projektipäällikkö"
    title_en = "Project manager"
    email = "aino.esimerkki@example.org"
    phone = "+358 40 000 0001"


class RelationFactory(factory.django.DjangoModelFactory[ProjectRelation]):
    class Meta:
        model = ProjectRelation

    from_project = factory.SubFactory(ProjectFactory)
    to_project = factory.SubFactory(ProjectFactory)
    kind = RelationKind.MEMBER_OF


class LinkFactory(factory.django.DjangoModelFactory[ProjectLink]):
    class Meta:
        model = ProjectLink

    project = factory.SubFactory(ProjectFactory)
    url = factory.Sequence(lambda n: f"https://example.org/link-{n}")


def region(slug: str = "uusimaa") -> Region:
    """Regions come from a data migration, so tests look them up instead of creating them."""
    return Region.objects.get(slug=slug)


class ProgrammeFactory(factory.django.DjangoModelFactory[Programme]):
    class Meta:
        model = Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    name_fi = factory.Sequence(lambda n: f"Ohjelma {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")
    level = ProgrammeLevel.PROGRAMME


class IdentifierFactory(factory.django.DjangoModelFactory[ProjectIdentifier]):
    class Meta:
        model = ProjectIdentifier

    project = factory.SubFactory(ProjectFactory)
    scheme = IdentifierScheme.EURA2014
    value = factory.Sequence(lambda n: f"S{21000 + n:05d}")


class EventFactory(factory.django.DjangoModelFactory[ProjectEvent]):
    class Meta:
        model = ProjectEvent

    project = factory.SubFactory(ProjectFactory)
    title_fi = factory.Sequence(lambda n: f"Seminaari {n}")
    title_en = factory.Sequence(lambda n: f"Seminar {n}")
    date = datetime.date(2022, 5, 17)


def municipality(name_fi: str) -> Municipality:
    """Municipalities come from a data migration, as regions do."""
    return Municipality.objects.get(name_fi=name_fi)


def programme_tree() -> dict[str, Programme]:
    """The European Social Fund's tree down to a specific objective (the fund has no English
    name), and a second programme beside the first."""
    fund = ProgrammeFactory.create(
        level=ProgrammeLevel.FUND, code="ESR", name_fi="Euroopan sosiaalirahasto", name_en=""
    )
    programme = ProgrammeFactory.create(
        parent=fund,
        name_fi="Kestävää kasvua ja työtä 2014–2020",
        name_en="Sustainable growth and jobs 2014–2020",
    )
    axis = ProgrammeFactory.create(
        parent=programme,
        level=ProgrammeLevel.PRIORITY_AXIS,
        code="TL 4",
        name_fi="Koulutus",
        name_en="Education",
    )
    objective = ProgrammeFactory.create(
        parent=axis,
        level=ProgrammeLevel.SPECIFIC_OBJECTIVE,
        code="10.1",
        name_fi="Osaaminen",
        name_en="Skills",
    )
    sibling = ProgrammeFactory.create(parent=fund, name_fi="Toinen ohjelma", name_en="Another one")
    return {
        "fund": fund,
        "programme": programme,
        "axis": axis,
        "objective": objective,
        "sibling": sibling,
    }
