"""What the portal keeps of households and helpers: the staff's CSV export, and a helper's right
to see and to have erased what the portal holds about their address."""

import csv
import io

import pytest
from django.utils import translation

from forums.exports import registrations_csv_write
from forums.models import ChildcareStatus, ConsentMethod, Registration, RegistrationStatus
from forums.privacy import personal_data_erase, personal_data_export, personal_data_summary
from forums.services import HelperData

from .forum_factories import register
from .registration_helpers import _meeting

pytestmark = pytest.mark.django_db

HELPER = HelperData(
    name="Sanna Opo",
    email="opo@example.org",
    consent_method=ConsentMethod.PHONE,
    organisation="Leppävaaran koulu",
)


def _family(meeting, email: str = "", **extra) -> Registration:
    return register(meeting, email, name="Hassan family", helper=HELPER, **extra)


def test_the_export_gives_the_people_coming_childcare_and_who_registered_them():
    meeting = _meeting(capacity=10, childcare_places=2)
    _family(meeting, "family@example.org", companion_adults=1, childcare_children=1)

    out = io.StringIO()
    with translation.override("en"):
        registrations_csv_write(Registration.objects.filter(meeting=meeting), out)

    [row] = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert row["people coming (seats)"] == "2"
    assert row["children in childcare"] == "1"
    assert row["childcare"] == "booked"
    assert row["registered by"] == "Sanna Opo, Leppävaaran koulu"
    assert row["helper's e-mail"] == "opo@example.org"


def test_a_helper_sees_the_registrations_they_made_and_how_the_family_consented():
    meeting = _meeting(capacity=10)
    _family(meeting, "family@example.org")

    with translation.override("en"):
        exported = personal_data_export(email="OPO@example.org")

    (row,) = exported["as_helper"]
    assert (row["helper_name"], row["consent_method"]) == ("Sanna Opo", "by phone")
    # The family's name and details are the family's: not in what the helper did (the
    # messages the helper received carry it, as they were sent).
    assert "Hassan family" not in str(exported["as_helper"])
    # The family's own registration is the family's: not among the helper's registrations.
    assert exported["registrations"] == []
    assert personal_data_summary(email="opo@example.org")["as_helper"] == 1


def test_erasing_a_helper_keeps_a_family_that_has_its_own_address():
    meeting = _meeting(capacity=10)
    family = _family(meeting, "family@example.org")

    personal_data_erase(email="opo@example.org")

    kept = Registration.objects.get(pk=family.pk)
    assert (kept.helper_name, kept.helper_email, kept.helper_organisation) == ("", "", "")
    assert kept.consent_method == ConsentMethod.PHONE
    assert (kept.status, kept.name, kept.email) == (
        RegistrationStatus.CONFIRMED,
        "Hassan family",
        "family@example.org",
    )


def test_erasing_a_helper_cancels_a_family_no_one_could_reach_and_its_seats_go_on():
    meeting = _meeting(capacity=2, childcare_places=1)
    family = _family(meeting, companion_adults=1, childcare_children=1)
    waiting = register(meeting, "waiting@example.org", childcare_children=1)
    assert (family.status, waiting.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )

    personal_data_erase(email="opo@example.org")

    erased = Registration.objects.get(pk=family.pk)
    assert erased.status == RegistrationStatus.CANCELLED
    assert erased.anonymised_at is not None
    assert (erased.name, erased.helper_email) == ("", "")
    promoted = Registration.objects.get(pk=waiting.pk)
    assert (promoted.status, promoted.childcare_status) == (
        RegistrationStatus.CONFIRMED,
        ChildcareStatus.BOOKED,
    )
