"""A row compiled before a lock and written under it is the row Model.save() would write."""

import datetime

import pytest
from django.db.models.expressions import RawSQL
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from forums.models import EmailKind, OutboundEmail, Registration
from portal.inserts import PreparedInsert

from .forum_factories import MeetingFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration() -> Registration:
    return register(MeetingFactory.create(capacity=5), "leo@example.org")


def reply(registration: Registration, **values: object) -> OutboundEmail:
    return OutboundEmail(
        kind=EmailKind.WAITING,
        registration=registration,
        recipient=registration.email,
        language="fi",
        written=False,
        **values,
    )


def test_the_row_is_written_with_the_values_set_when_saved(registration):
    prepared = PreparedInsert(reply(registration))

    saved = prepared.save(kind=EmailKind.CONFIRMATION)

    row = OutboundEmail.objects.get(pk=saved.pk)
    assert row.kind == EmailKind.CONFIRMATION
    assert (row.registration_id, row.recipient, row.written) == (
        registration.pk,
        "leo@example.org",
        False,
    )
    assert saved.kind == EmailKind.CONFIRMATION
    assert not saved._state.adding


def test_a_creation_time_is_the_time_of_writing(registration, monkeypatch):
    prepared_at = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: prepared_at)
    prepared = PreparedInsert(reply(registration))
    written_at = prepared_at + datetime.timedelta(seconds=3)
    monkeypatch.setattr(timezone, "now", lambda: written_at)

    saved = prepared.save()

    assert OutboundEmail.objects.get(pk=saved.pk).created_at == written_at


def test_the_save_signals_are_sent_as_for_a_new_row(registration):
    heard: list[tuple[str, bool | None, int | None]] = []

    def before(instance, **kwargs):
        heard.append(("pre_save", None, instance.pk))

    def after(instance, created, **kwargs):
        heard.append(("post_save", created, instance.pk))

    pre_save.connect(before, sender=OutboundEmail)
    post_save.connect(after, sender=OutboundEmail)
    try:
        saved = PreparedInsert(reply(registration)).save()
    finally:
        pre_save.disconnect(before, sender=OutboundEmail)
        post_save.disconnect(after, sender=OutboundEmail)

    assert heard == [("pre_save", None, None), ("post_save", True, saved.pk)]


def test_a_value_the_database_computes_cannot_be_prepared(registration):
    """Its placeholder has no value to set, so the values could not be found by field."""
    with pytest.raises(TypeError, match="plain values"):
        PreparedInsert(reply(registration, attempts=RawSQL("0", ())))


def test_a_related_row_saved_after_preparing_gives_its_id(registration):
    """As with Model.save(): the reply is prepared before its registration has an id."""
    new = Registration(
        meeting=registration.meeting,
        name="Aino",
        email="aino@example.org",
        group=registration.group,
        language=registration.language,
        ui_language="fi",
        consent_version="1",
        consent_at=timezone.now(),
        status="waiting",
    )
    prepared_reply = PreparedInsert(reply(new))
    with pytest.raises(ValueError, match="unsaved related object"):
        prepared_reply.save()

    PreparedInsert(new).save()
    saved = prepared_reply.save()

    assert OutboundEmail.objects.get(pk=saved.pk).registration_id == new.pk
