"""Demo forums: the OmaPolku cooperation forums in Uusimaa and the Välitä! Round Table.

Meeting dates are set relative to today, so the demo never goes stale; loading again on the
same day changes nothing, and on a later day moves the meetings along. Registrants are
fictional, at example.org.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from projects.models import Project, Region

from .models import (
    Forum,
    GroupQuota,
    Language,
    Meeting,
    MeetingStatus,
    OutreachChannel,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)

GROUPS = [
    ("parents", "Maahanmuuttajavanhemmat", "Föräldrar med invandrarbakgrund", "Immigrant parents"),
    ("youth", "Nuoret", "Unga", "Young people"),
    ("counsellors", "Opinto-ohjaajat", "Studiehandledare", "Study counsellors"),
    ("associations", "Järjestöjen edustajat", "Representanter för föreningar", "Associations"),
    ("experts", "Asiantuntijat", "Experter", "Experts"),
]

FORUMS: list[dict[str, Any]] = [
    {
        "slug": "omapolku-yhteistyofoorumit",
        "project": "omapolku",
        "name": {
            "fi": "OmaPolku-yhteistyöfoorumit",
            "sv": "OmaPolkus samarbetsforum",
            "en": "OmaPolku cooperation forums",
        },
        "purpose": {
            "fi": "Foorumeissa vanhemmat, nuoret, opinto-ohjaajat ja järjestöt keskustelevat "
            "tasavertaisina siitä, miten koti ja koulu voivat tukea nuorta, kun hän valitsee "
            "koulutuspolkuaan peruskoulun jälkeen.",
            "sv": "I forumen samtalar föräldrar, unga, studiehandledare och föreningar som "
            "jämlikar om hur hem och skola kan stödja den unga när hen väljer utbildning "
            "efter grundskolan.",
            "en": "Parents, young people, study counsellors and associations talk as equals "
            "about how home and school can support a young person choosing their path after "
            "comprehensive school.",
        },
        "groups": ["parents", "youth", "counsellors", "associations", "experts"],
        "regions": ["uusimaa"],
        "contact_email": "omapolku.foorumit@example.org",
    },
    {
        "slug": "valita-round-table",
        "project": "valita-visa-omtanke",
        "name": {
            "fi": "Välitä! Round Table -asiantuntijaryhmä",
            "sv": "Välitä! Round Table-expertgrupp",
            "en": "Välitä! Round Table expert group",
        },
        "purpose": {
            "fi": "Asiantuntijaryhmä antaa verkostohankkeille palautetta ja tukea noin kaksi "
            "kertaa vuodessa.",
            "en": "The expert group gives the network's projects feedback and support about "
            "twice a year.",
        },
        "groups": ["experts", "counsellors"],
        "regions": [],
        "contact_email": "valita.roundtable@example.org",
    },
]

# Each meeting is found again by its forum and Finnish title; `days` counts from today.
MEETINGS: list[dict[str, Any]] = [
    {
        "forum": "omapolku-yhteistyofoorumit",
        "title": {
            "fi": "Syksyn foorumi: valinnat yhdeksännellä luokalla",
            "en": "Autumn forum: choices in year nine",
        },
        "days": -60,
        "hour": 17,
        "capacity": 30,
        "municipality": "Vantaa",
        "venue": "Tikkurilan kirjasto",
        "status": MeetingStatus.COMPLETED,
    },
    {
        "forum": "omapolku-yhteistyofoorumit",
        "title": {"fi": "Yhteishaku tutuksi perheille", "en": "The joint application for families"},
        "days": 14,
        "hour": 17,
        "capacity": 12,
        "municipality": "Helsinki",
        "venue": "Itäkeskuksen monitoimitalo",
        "quotas": {"parents": 4, "youth": 4, "counsellors": 3},
        "interpretation": ["ar", "so"],
    },
    {
        "forum": "omapolku-yhteistyofoorumit",
        "title": {
            "fi": "Kodin ja koulun yhteistyö toisella asteella",
            "en": "Home and school after year nine",
        },
        "days": 56,
        "hour": 17,
        "capacity": 30,
        "municipality": "Espoo",
        "venue": "Leppävaaran kirjasto Sello",
        "interpretation": ["ar", "ru", "so"],
        # Families come together: children are looked after during the meeting, and the
        # forum's partners share the meeting by links of their own.
        "childcare_places": 8,
        "channels": ["Leppävaaran koulu", "Somaliliitto", "Uutiskirje"],
    },
    {
        "forum": "valita-round-table",
        "title": {"fi": "Round Table -tapaaminen", "en": "Round Table meeting"},
        "days": 35,
        "hour": 13,
        "capacity": 20,
        "online_url": "https://meet.example.org/valita-round-table",
    },
]

# Eleven of the twelve seats of the joint-application forum are taken: it is nearly full.
NEARLY_FULL_TITLE = "Yhteishaku tutuksi perheille"
NEARLY_FULL_GROUPS = ["parents"] * 4 + ["youth"] * 4 + ["counsellors"] * 3
DEMO_PEOPLE = [
    "Amina Hassan",
    "Leo Nieminen",
    "Sara Ali",
    "Mikael Korhonen",
    "Hodan Yusuf",
    "Olga Ivanova",
    "Eetu Mäkinen",
    "Noor Ahmadi",
    "Aino Laine",
    "Jussi Heikkinen",
    "Layla Karimi",
]


def _local(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _translated(field: str, values: dict[str, str]) -> dict[str, str]:
    return {f"{field}_{language}": values.get(language, "") for language in ("fi", "sv", "en")}


@transaction.atomic
def load_forum_demo() -> int:
    """Load the demo forums, their meetings and registrants; returns the number of meetings."""
    groups = {}
    for order, (slug, fi, sv, en) in enumerate(GROUPS):
        groups[slug], _created = StakeholderGroup.objects.update_or_create(
            slug=slug,
            defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en, "order": order},
        )
    languages = {language.code: language for language in Language.objects.all()}
    forums = {}
    for data in FORUMS:
        forum, _created = Forum.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "project": Project.objects.get(slug=data["project"]),
                **_translated("name", data["name"]),
                **_translated("purpose", data["purpose"]),
                "contact_email": data["contact_email"],
            },
        )
        forum.stakeholder_groups.set([groups[slug] for slug in data["groups"]])
        forum.regions.set(Region.objects.filter(slug__in=data["regions"]))
        forums[data["slug"]] = forum

    for data in MEETINGS:
        starts_at = _local(data["days"], data["hour"])
        meeting, _created = Meeting.objects.update_or_create(
            forum=forums[data["forum"]],
            title_fi=data["title"]["fi"],
            defaults={
                **_translated("title", data["title"]),
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "capacity": data["capacity"],
                "childcare_places": data.get("childcare_places", 0),
                "municipality": data.get("municipality", ""),
                "venue": data.get("venue", ""),
                "online_url": data.get("online_url", ""),
                "region": Region.objects.filter(slug="uusimaa").first()
                if data.get("municipality")
                else None,
                "status": data.get("status", MeetingStatus.SCHEDULED),
            },
        )
        meeting.languages.set([languages["fi"], languages["en"]])
        meeting.interpretation_languages.set(
            [languages[code] for code in data.get("interpretation", [])]
        )
        for channel in data.get("channels", []):
            OutreachChannel.objects.get_or_create(meeting=meeting, name=channel)
        for group_slug, seats in data.get("quotas", {}).items():
            GroupQuota.objects.update_or_create(
                meeting=meeting, group=groups[group_slug], defaults={"seats": seats}
            )

    meeting = Meeting.objects.get(title_fi=NEARLY_FULL_TITLE)
    for person, group_slug in zip(DEMO_PEOPLE, NEARLY_FULL_GROUPS, strict=True):
        email = person.lower().replace(" ", ".").replace("ä", "a") + "@example.org"
        Registration.objects.update_or_create(
            meeting=meeting,
            email=email,
            defaults={
                "name": person,
                "group": groups[group_slug],
                "language": languages["fi"],
                "ui_language": "fi",
                "consent_at": timezone.now(),
                "consent_version": "demo",
                "status": RegistrationStatus.CONFIRMED,
                "address_confirmed_at": timezone.now(),
            },
        )
    return len(MEETINGS)
