"""Messages that say the true thing (issue 23). Someone on the waiting list is told whether the
meeting is full or only their group's seats are taken, as the seats were counted under the
meeting's lock when their place was decided; a seat's message repeats what the person
registered with and whom to ask. In Finnish, Swedish, English, and for a family language
(Somali, which the portal has no texts in) the language of the pages they registered on."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext

from forums import services
from forums.demo import NEARLY_FULL_TITLE
from forums.email_texts import (
    GUARDIAN_WAITING,
    UNCONFIRMED_WAITING,
    WAITING_INTROS,
    WaitingReason,
)
from forums.models import (
    AgeGroup,
    EmailKind,
    Forum,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.services import RegistrationData
from forums.tokens import registration_url

from .forum_factories import (
    ForumFactory,
    GroupQuotaFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    register,
)
from .invitation_helpers import _local, _text

pytestmark = pytest.mark.django_db

# The registrant's language, the page they registered on, and the language of their messages.
LANGUAGES = [("fi", "fi", "fi"), ("sv", "fi", "sv"), ("en", "fi", "en"), ("so", "sv", "sv")]
PARENTS = {"fi": "Vanhemmat", "sv": "Föräldrar", "en": "Parents"}
YOUTH = {"fi": "Nuoret", "sv": "Unga", "en": "Young people"}
ARABIC = {"fi": "arabia (العربية)", "sv": "arabiska (العربية)", "en": "Arabic (العربية)"}
CONTACT = "foorumit@example.org"
PHONE = "+358 9 8765 4321"
NEEDS = "Pyörätuoli ja induktiosilmukka"


def _group(slug: str, names: dict[str, str]) -> StakeholderGroup:
    return StakeholderGroupFactory.create(
        slug=slug, name_fi=names["fi"], name_sv=names["sv"], name_en=names["en"]
    )


def _meeting(*, capacity: int, parents_seats: int | None = None, **forum_fields) -> Meeting:
    parents, youth = _group("parents", PARENTS), _group("youth", YOUTH)
    forum = ForumFactory.create(groups=[parents, youth], **forum_fields)
    meeting: Meeting = MeetingFactory.create(forum=forum, capacity=capacity)
    if parents_seats is not None:
        GroupQuotaFactory.create(meeting=meeting, group=parents, seats=parents_seats)
    return meeting


def _parents(meeting: Meeting) -> StakeholderGroup:
    return meeting.forum.stakeholder_groups.get(slug="parents")


def _message(registration: Registration, kind: EmailKind) -> OutboundEmail:
    return OutboundEmail.objects.get(registration=registration, kind=kind)


def _read(message: OutboundEmail) -> list[str]:
    """The message as sent through the outbox, read as its text part and as its HTML part
    shows."""
    [sent] = [
        m for m in mail.outbox if m.to == [message.recipient] and m.subject == message.subject
    ]
    [html] = [content for content, mimetype in sent.alternatives if mimetype == "text/html"]
    assert isinstance(html, str)
    # Tags read as spaces: a comma after a link closes up to it, as a reader sees it.
    return [str(sent.body), _text(html).replace(" ,", ",")]


def _when(meeting: Meeting, code: str) -> str:
    with translation.override(code):
        return dateformat.format(timezone.localtime(meeting.starts_at), "l j.n.Y H:i")


def _full(meeting: Meeting, reason: WaitingReason) -> Registration:
    """Whoever takes the seat that leaves the next parent without one."""
    group = _parents(meeting) if reason == WaitingReason.GROUP_FULL else None
    return register(meeting, "first@example.org", group=group)


@pytest.mark.parametrize("reason", list(WaitingReason))
@pytest.mark.parametrize(("code", "ui", "message_language"), LANGUAGES)
def test_the_waiting_list_message_says_who_is_full(
    django_capture_on_commit_callbacks, reason, code, ui, message_language
):
    # Three seats, one of them for parents; or one seat in all; or three seats, one taken,
    # for a parent who brings two children.
    group_full = reason == WaitingReason.GROUP_FULL
    household = reason == WaitingReason.TOO_FEW_SEATS
    capacity = 3 if group_full or household else 1
    meeting = _meeting(capacity=capacity, parents_seats=1 if group_full else None)
    _full(meeting, reason)

    with django_capture_on_commit_callbacks(execute=True):
        waiting = register(
            meeting,
            "amina@example.org",
            group=_parents(meeting),
            language_code=code,
            ui_language=ui,
            companion_children=2 if household else 0,
        )

    assert waiting.status == RegistrationStatus.WAITING
    message = _message(waiting, EmailKind.WAITING)
    assert message.language == message_language
    other = next(r for r in WaitingReason if r != reason)
    facts = {"group": PARENTS[message_language], "position": 1, "people": 3}
    with translation.override(message_language):
        said = WAITING_INTROS[reason] % facts
        not_said = WAITING_INTROS[other] % facts
    assert said != not_said
    for body in _read(message):
        assert said in body
        assert not_said not in body
        assert _when(meeting, message_language) in body
    # Before confirming, the message that asked to confirm said the same.
    asked = _message(waiting, EmailKind.CONFIRM_ADDRESS)
    with translation.override(message_language):
        assert UNCONFIRMED_WAITING[reason] % facts in asked.text_body
        assert UNCONFIRMED_WAITING[other] % facts not in asked.text_body


@pytest.mark.parametrize("reason", list(WaitingReason))
def test_the_english_words_for_a_full_group_and_a_full_meeting(reason):
    meeting = _meeting(capacity=3 if reason == WaitingReason.GROUP_FULL else 1, parents_seats=1)
    _full(meeting, reason)

    waiting = register(
        meeting, "amina@example.org", group=_parents(meeting), language_code="en", ui_language="en"
    )

    text = _message(waiting, EmailKind.WAITING).text_body
    if reason == WaitingReason.GROUP_FULL:
        assert "All seats for your group (Parents) are taken at the moment" in text
        assert "in place 1. The meeting itself still has seats." in text
        assert "The meeting is full" not in text
    else:
        assert "The meeting is full at the moment, so you are on the waiting list" in text
        assert "still has seats" not in text


def test_the_guardian_hears_that_the_group_is_full(django_capture_on_commit_callbacks):
    meeting = _meeting(capacity=5)
    youth = meeting.forum.stakeholder_groups.get(slug="youth")
    GroupQuotaFactory.create(meeting=meeting, group=youth, seats=1)
    register(meeting, "first@example.org", group=youth)

    with django_capture_on_commit_callbacks(execute=True):
        child = register(
            meeting,
            "lapsi@example.org",
            group=youth,
            age_group=AgeGroup.UNDER_15,
            guardian_email="huoltaja@example.org",
            guardian_language=language("sv"),
        )

    assert child.status == RegistrationStatus.WAITING
    told = _message(child, EmailKind.GUARDIAN)
    assert (told.recipient, told.language) == ("huoltaja@example.org", "sv")
    facts = {"group": YOUTH["sv"], "position": 1}
    with translation.override("sv"):
        said = GUARDIAN_WAITING[WaitingReason.GROUP_FULL] % facts
        not_said = GUARDIAN_WAITING[WaitingReason.MEETING_FULL] % facts
    for body in _read(told):
        assert said in body
        assert not_said not in body


def test_registering_again_does_not_guess_why_there_is_no_seat():
    """The repeat-registration message is written without the meeting's lock: seats may have
    come free since, or been taken. It says what confirming brings, not that anything is full."""
    meeting = _meeting(capacity=3, parents_seats=1)
    _full(meeting, WaitingReason.GROUP_FULL)
    data = RegistrationData(
        name="Amina",
        email="amina@example.org",
        group=_parents(meeting),
        language=language("en"),
        ui_language="en",
    )
    first = services.registration_request(meeting_id=meeting.pk, data=data)
    assert first is not None and first.status == RegistrationStatus.WAITING

    assert services.registration_request(meeting_id=meeting.pk, data=data) is None

    repeat = _message(first, EmailKind.ALREADY_REGISTERED)
    facts = {"group": PARENTS["en"], "people": 1}
    with translation.override("en"):
        assert str(UNCONFIRMED_WAITING[None]) in repeat.text_body
        for reason in WaitingReason:
            assert UNCONFIRMED_WAITING[reason] % facts not in repeat.text_body
    assert "full" not in repeat.text_body and "taken" not in repeat.text_body


def _labels(code: str) -> dict[str, str]:
    with translation.override(code):
        return {
            key: gettext(source)
            for key, source in {
                "group": "You take part as",
                "coming": "Who is coming",
                "interpreter": "Interpreter",
                "needs": "Your accessibility or other needs",
                "contact": "Questions about the meeting",
            }.items()
        }


@pytest.mark.parametrize(("code", "ui", "message_language"), LANGUAGES)
def test_the_confirmation_repeats_the_registration_and_whom_to_ask(
    django_capture_on_commit_callbacks, code, ui, message_language
):
    meeting = _meeting(capacity=5, contact_email=CONTACT, contact_phone=PHONE)

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(
            meeting,
            "hodan@example.org",
            name="Hodan Yusuf",
            group=_parents(meeting),
            language_code=code,
            ui_language=ui,
            interpreter_language=language("ar"),
            needs=NEEDS,
        )

    message = _message(registration, EmailKind.CONFIRMATION)
    assert message.language == message_language
    label = _labels(message_language)
    lines = [
        f"{label['group']}: {PARENTS[message_language]}",
        f"{label['coming']}: Hodan Yusuf",
        f"{label['interpreter']}: {ARABIC[message_language]}",
        f"{label['needs']}: {NEEDS}",
        f"{label['contact']}: {CONTACT}, {PHONE}",
    ]
    for body in _read(message):
        for line in lines:
            assert line in body
        assert _when(meeting, message_language) in body
    assert f'href="mailto:{CONTACT}"' in message.html_body


def test_the_promotion_repeats_the_registration_too(django_capture_on_commit_callbacks):
    meeting = _meeting(capacity=1, contact_email=CONTACT)
    seated = register(meeting, "first@example.org")
    waiting = register(
        meeting,
        "olga@example.org",
        name="Olga Ivanova",
        group=_parents(meeting),
        language_code="sv",
        interpreter_language=language("ar"),
        needs=NEEDS,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(token=seated.cancel_token)

    promoted = _message(waiting, EmailKind.PROMOTED)
    label = _labels("sv")
    for body in _read(promoted):
        assert f"{label['group']}: {PARENTS['sv']}" in body
        assert f"{label['coming']}: Olga Ivanova" in body
        assert f"{label['interpreter']}: {ARABIC['sv']}" in body
        assert f"{label['needs']}: {NEEDS}" in body
        assert f"{label['contact']}: {CONTACT}" in body
        assert PHONE not in body


def test_what_was_not_given_is_not_printed():
    """No interpreter, no needs and a forum with no contact: no empty lines for them."""
    meeting = _meeting(capacity=5)
    registration = register(
        meeting, "leo@example.org", name="Leo Nieminen", language_code="en", ui_language="en"
    )

    message = _message(registration, EmailKind.CONFIRMATION)
    for body in (message.text_body, _text(message.html_body)):
        assert "Who is coming: Leo Nieminen" in body
        for label in ("Interpreter", "accessibility", "Questions about the meeting"):
            assert label not in body
    assert "mailto:" not in message.html_body


def test_only_a_seat_repeats_the_registration():
    meeting = _meeting(capacity=1, contact_email=CONTACT)
    register(meeting, "first@example.org")
    waiting = register(meeting, "leo@example.org", language_code="en", ui_language="en")

    message = _message(waiting, EmailKind.WAITING)
    assert "Who is coming" not in message.text_body
    # Whom to ask is in every message to a registrant.
    assert f"Questions about the meeting: {CONTACT}" in message.text_body


def test_the_waiting_page_does_not_say_the_meeting_is_full(client):
    """The page reads no seat counts: it says what is true whichever is full."""
    meeting = _meeting(capacity=3, parents_seats=1)
    _full(meeting, WaitingReason.GROUP_FULL)
    waiting = register(meeting, "amina@example.org", group=_parents(meeting), ui_language="en")

    page = _text(client.get(_local(registration_url(waiting, "en"))).content.decode())

    assert "No seat is free for you at the moment, so you are number 1 on the waiting list." in page
    assert "The meeting is full" not in page


def test_the_demo_forums_give_a_contact_and_a_parent_hears_their_group_is_full():
    """The demo's nearly full meeting: one seat left, but all four for parents taken."""
    call_command("load_demo", stdout=io.StringIO())
    assert all(
        contact.endswith("@example.org")
        for contact in Forum.objects.values_list("contact_email", flat=True)
    )
    meeting = Meeting.objects.get(title_fi=NEARLY_FULL_TITLE)
    parents = StakeholderGroup.objects.get(slug="parents")

    waiting = register(
        meeting, "uusi@example.org", group=parents, ui_language="en", language_code="en"
    )

    assert waiting.status == RegistrationStatus.WAITING
    text = _message(waiting, EmailKind.WAITING).text_body
    assert "All seats for your group (Immigrant parents) are taken" in text
    assert f"Questions about the meeting: {meeting.forum.contact_email}" in text


def test_a_confirmation_after_the_meeting_began_claims_nothing_is_full():
    """No seat can come free once the meeting has begun, whatever the counts say."""
    meeting = _meeting(capacity=10)
    waiting = register(meeting, "myohassa@example.org", language_code="en", confirm=False)
    services.registration_confirm_address(
        token=waiting.cancel_token, now=meeting.starts_at + datetime.timedelta(minutes=5)
    )
    message = _message(waiting, EmailKind.WAITING)
    assert "full" not in message.text_body and "taken" not in message.text_body
