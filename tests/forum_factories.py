"""Factories for forums. Registrations are made through the service, as visitors make them."""

import datetime
import re

import factory
from django.utils import timezone

from forums.models import (
    EmailStatus,
    Forum,
    GroupQuota,
    Language,
    Meeting,
    OutboundEmail,
    StakeholderGroup,
)
from forums.outbox import email_send
from forums.services import RegistrationData, registration_confirm_address, registration_create

from .factories import ProjectFactory


class StakeholderGroupFactory(factory.django.DjangoModelFactory[StakeholderGroup]):
    class Meta:
        model = StakeholderGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"group-{n}")
    name_fi = factory.Sequence(lambda n: f"Ryhmä {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")


class ForumFactory(factory.django.DjangoModelFactory[Forum]):
    class Meta:
        model = Forum
        skip_postgeneration_save = True

    project = factory.SubFactory(ProjectFactory)
    slug = factory.Sequence(lambda n: f"forum-{n}")
    name_fi = factory.Sequence(lambda n: f"Yhteistyöfoorumi {n}")
    name_en = factory.Sequence(lambda n: f"Cooperation forum {n}")
    purpose_fi = "Vanhemmat ja opinto-ohjaajat keskustelevat tasavertaisina."
    purpose_en = "Parents and study counsellors talk as equals."

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.stakeholder_groups.set(
                extracted
                if extracted is not None
                else [
                    StakeholderGroupFactory(slug="parents"),
                    StakeholderGroupFactory(slug="counsellors"),
                ]
            )


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    forum = factory.SubFactory(ForumFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=2))
    capacity = 10
    venue = "Tikkurilan kirjasto"
    address = "Lummetie 4"
    municipality = "Vantaa"


class GroupQuotaFactory(factory.django.DjangoModelFactory[GroupQuota]):
    class Meta:
        model = GroupQuota

    meeting = factory.SubFactory(MeetingFactory)
    group = factory.SubFactory(StakeholderGroupFactory)
    seats = 2


def language(code: str) -> Language:
    """Languages come from a data migration."""
    return Language.objects.get(code=code)


def register(
    meeting: Meeting,
    email: str,
    *,
    group: StakeholderGroup | None = None,
    language_code: str = "fi",
    ui_language: str = "fi",
    confirm: bool = True,
    **extra,
):
    """Register through the service, with the meeting's first stakeholder group by default,
    and (unless `confirm` is false) confirm the address as its owner does through the link
    in the e-mail."""
    data = RegistrationData(
        name=extra.pop("name", email.split("@")[0].title()),
        email=email,
        group=group or meeting.forum.stakeholder_groups.first(),
        language=language(language_code),
        ui_language=ui_language,
        **extra,
    )
    registration = registration_create(meeting_id=meeting.pk, data=data)
    if not confirm:
        return registration
    return registration_confirm_address(token=registration.cancel_token)


def links_to_registration(text: str, prefix: str) -> list:
    """The registrations that the links starting with `prefix` in an e-mail's text lead to,
    read as the portal reads them."""
    from forums.tokens import registration_from_token

    tokens = re.findall(re.escape(prefix) + r"([^/\s\"'<>]+)/", text)
    return [registration_from_token(token) for token in tokens]


def send_queued() -> None:
    """Send the outbox as the worker does once the transaction commits, writing the messages
    that were queued unwritten."""
    queued = OutboundEmail.objects.filter(status=EmailStatus.QUEUED).order_by("pk")
    for email_id in queued.values_list("pk", flat=True):
        email_send(email_id=email_id)
