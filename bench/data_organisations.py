"""The benchmark data generator's first steps (bench/data.py): the reference rows the
migrations create, and the organisations that fund and run the projects."""

from collections import defaultdict

from django.utils.text import slugify

from forums.demo import GROUPS
from forums.models import Language, StakeholderGroup
from projects.models import Keyword, Organisation, OrganisationKind, Region, Theme

from .data_helpers import _ascii, _insert, _Slugs, business_id
from .data_names import (
    AREAS,
    ASSOCIATION_KINDS,
    ELY_CENTRES,
    FOUNDATION_KINDS,
    KEYWORD_PREFIXES,
    KEYWORD_SUFFIXES,
    KEYWORDS,
    NATIONAL,
    REGISTRATION_LANGUAGES,
    SCHOOL_KINDS,
    SURNAMES_GENITIVE,
    THEMES,
    TOWNS,
    _coined,
)
from .data_state import _GeneratorBase


class _Organisations(_GeneratorBase):
    """The first steps: the reference rows, then the organisations."""

    # Reference rows: those the migrations create are used as they are.

    def reference_data(self) -> None:
        self.regions = list(Region.objects.order_by("code"))
        if not self.regions:
            raise RuntimeError("No regions: run the migrations first.")
        self.region_index = {region.slug: index for index, region in enumerate(self.regions)}
        self.languages = {language.code: language for language in Language.objects.all()}
        missing = {code for code, _weight in REGISTRATION_LANGUAGES} - set(self.languages)
        if missing:
            raise RuntimeError(f"Languages missing (run the migrations): {sorted(missing)}")
        self.groups = []
        for order, (slug, fi, sv, en) in enumerate(GROUPS):
            group, _created = StakeholderGroup.objects.get_or_create(
                slug=slug,
                defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en, "order": order},
            )
            self.groups.append(group)
        self.themes = []
        for slug, fi, sv, en in THEMES:
            theme, _created = Theme.objects.get_or_create(
                slug=slug, defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en}
            )
            self.themes.append(theme)
        names = list(
            dict.fromkeys([*KEYWORDS, *(p + s for p in KEYWORD_PREFIXES for s in KEYWORD_SUFFIXES)])
        )
        existing = set(Keyword.objects.filter(name__in=names).values_list("name", flat=True))
        Keyword.objects.bulk_create(Keyword(name=name) for name in names if name not in existing)
        by_name = dict(Keyword.objects.filter(name__in=names).values_list("name", "pk"))
        self.keyword_ids = [by_name[name] for name in names]
        self.log(
            f"reference data: {len(self.regions)} regions, {len(self.languages)} languages, "
            f"{len(self.groups)} stakeholder groups, {len(self.themes)} themes, "
            f"{len(self.keyword_ids)} keywords"
        )

    # Organisations: the national funders and ELY centres, towns, then the many others.

    def organisations(self) -> None:
        rng = self.rng
        slugs = _Slugs(Organisation.objects.values_list("slug", flat=True))
        first: list[Organisation] = []
        for _slug, fi, sv, en, abbreviation, kind in NATIONAL:
            first.append(
                Organisation(
                    slug=slugs(f"{abbreviation or fi}-{fi}"),
                    name_fi=fi,
                    name_sv=sv,
                    name_en=en,
                    abbreviation=abbreviation,
                    kind=kind,
                    business_id=business_id(rng),
                )
            )
        for genitive, sv, en, region_slugs in ELY_CENTRES:
            first.append(
                Organisation(
                    slug=slugs(f"{genitive} ELY-keskus"),
                    name_fi=f"{genitive} elinkeino-, liikenne- ja ympäristökeskus",
                    name_sv=f"Närings-, trafik- och miljöcentralen i {sv}",
                    name_en=f"{en} ELY Centre",
                    abbreviation=f"{genitive} ELY-keskus",
                    other_names=f"{genitive} ELY",
                    kind=OrganisationKind.ELY_CENTRE,
                    business_id=business_id(rng),
                    region=self.regions[self.region_index[region_slugs[0]]],
                )
            )
        remaining = self.sizes.organisations - len(first)
        towns = TOWNS[: max(0, min(len(TOWNS), remaining // 6))]
        for nominative, genitive, region_slug in towns:
            first.append(
                Organisation(
                    slug=slugs(f"{genitive} kaupunki"),
                    name_fi=f"{genitive} kaupunki",
                    name_sv=f"{nominative} stad",
                    name_en=f"City of {nominative}",
                    kind=OrganisationKind.MUNICIPALITY,
                    business_id=business_id(rng),
                    website=f"https://www.{_ascii(nominative)}.example.fi/",
                    region=self.regions[self.region_index[region_slug]],
                )
            )
        created = _insert(Organisation, first)
        self.funders = {row[0]: created[index] for index, row in enumerate(NATIONAL)}
        self.ely_by_region: dict[str, Organisation] = {}
        for index, (_genitive, _sv, _en, region_slugs) in enumerate(ELY_CENTRES):
            for slug in region_slugs:
                self.ely_by_region[slug] = created[len(NATIONAL) + index]
        cities = created[len(NATIONAL) + len(ELY_CENTRES) :]

        others: list[Organisation] = []
        names = {organisation.name for organisation in created}
        attempts = 0
        while len(first) + len(others) < self.sizes.organisations:
            attempts += 1
            if attempts > 50 * self.sizes.organisations:
                raise RuntimeError("Ran out of organisation names.")
            town_index = rng.randrange(len(TOWNS))
            nominative, genitive, region_slug = TOWNS[town_index]
            region = self.regions[self.region_index[region_slug]]
            draw = rng.random()
            parent = None
            sv = en = abbreviation = ""
            kind = OrganisationKind.EDUCATION_PROVIDER
            if draw < 0.40 and cities:
                parent = cities[town_index % len(cities)]
                city = parent.name_fi  # type: ignore[attr-defined]
                name = f"{city}, {rng.choice(AREAS)} {rng.choice(SCHOOL_KINDS)}"
            elif draw < 0.55:
                brand = _coined(rng)
                name = rng.choice(
                    [f"{genitive} ammattiopisto", f"Ammattiopisto {brand}",
                     f"Koulutuskuntayhtymä {brand}", f"{genitive} aikuisopisto"]
                )  # fmt: skip
                abbreviation = brand if rng.random() < 0.6 else ""
                en = f"{nominative} Vocational College" if rng.random() < 0.4 else ""
            elif draw < 0.62:
                name = rng.choice(
                    [f"{genitive} lukio", f"{genitive} ammattikorkeakoulu",
                     f"{genitive} kansalaisopisto", f"{genitive} yliopisto"]
                )  # fmt: skip
                if name.endswith("ammattikorkeakoulu"):
                    sv = f"Yrkeshögskolan i {nominative}"
                    en = f"{nominative} University of Applied Sciences"
                    abbreviation = f"{nominative[:3].upper()}AMK"
            elif draw < 0.85:
                kind = OrganisationKind.ASSOCIATION
                name = (
                    f"{genitive} {rng.choice(ASSOCIATION_KINDS)}"
                    if rng.random() < 0.8
                    else f"{_coined(rng)} ry"
                )
            elif draw < 0.92:
                kind = OrganisationKind.FOUNDATION
                name = f"{rng.choice(SURNAMES_GENITIVE)} {rng.choice(FOUNDATION_KINDS)}"
            else:
                kind = OrganisationKind.COMPANY
                name = f"{_coined(rng)} {rng.choice(['Koulutus', 'Osaaminen', 'Valmennus'])} Oy"
            if name in names:
                continue
            names.add(name)
            others.append(
                Organisation(
                    slug=slugs(name),
                    name_fi=name,
                    name_sv=sv,
                    name_en=en,
                    abbreviation=abbreviation,
                    kind=kind,
                    parent=parent,
                    # The units of a city share the city's business ID.
                    business_id=parent.business_id if parent else business_id(rng),
                    website=f"https://{slugify(name)[:40]}.example.fi/"
                    if rng.random() < 0.7
                    else "",
                    region=region,
                    other_names=f"{genitive} koulutuskeskus" if abbreviation else "",
                )
            )
        created += _insert(Organisation, others)
        self.organisations_all = created
        fixed = len(NATIONAL) + len(ELY_CENTRES)
        # Who runs projects: everyone but the national funders and the ELY centres.
        self.runners = created[fixed:] or created
        self.runners_by_region: dict[int, list[int]] = defaultdict(list)
        for index, organisation in enumerate(self.runners):
            if organisation.region_id is not None:
                self.runners_by_region[self.region_pk_to_index[organisation.region_id]].append(
                    index
                )
        self.foundations = [o for o in created[fixed:] if o.kind == OrganisationKind.FOUNDATION]
        self.log(f"organisations: {len(created):,}")

    @property
    def region_pk_to_index(self) -> dict[int, int]:
        if not hasattr(self, "_region_pk_to_index"):
            self._region_pk_to_index = {
                region.pk: index for index, region in enumerate(self.regions)
            }
        return self._region_pk_to_index
