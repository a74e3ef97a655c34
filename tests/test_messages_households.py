"""Each message's facts for households and for families registered by a helper (issue 23), in
Finnish, Swedish, English and a family language the portal has no texts in (Somali: the
language of the pages then). A seat's message counts everyone the registration brings by age
band and says where the children in childcare stand; the helper's copy says the same of
"them"; every later message goes to the family's own address, or, for a family without one,
to the helper in the helper's language, asking them to pass it on."""

import datetime
from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from forums import services
from forums.email_texts import HELPER_MESSAGES, MESSAGES, PASS_ON
from forums.invitations import reminders_queue
from forums.models import EmailKind, Meeting, OutboundEmail, Registration, RegistrationStatus

from .assisted_helpers import HELPER, assisted, message_of
from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory
from .forum_factories import register as register_for
from .invitation_helpers import _text

pytestmark = pytest.mark.django_db

# The registrant's language, the page they registered on, and the language of their messages.
LANGUAGES = [("fi", "fi", "fi"), ("sv", "fi", "sv"), ("en", "fi", "en"), ("so", "sv", "sv")]
# The family's language, the helper's (the page they used), and the family's messages'.
HELPED = [("fi", "en", "fi"), ("sv", "fi", "sv"), ("en", "sv", "en"), ("so", "sv", "sv")]
PARENTS = {"fi": "Vanhemmat", "sv": "Föräldrar", "en": "Parents"}
NEEDS = "Pyörätuoli"
HOUSEHOLD = {
    "companion_adults": 1,
    "companion_youth": 1,
    "companion_children": 2,
    "childcare_children": 1,
}


def _meeting(*, capacity: int = 10, childcare_places: int = 2) -> Meeting:
    parents = StakeholderGroupFactory.create(
        slug="parents", name_fi=PARENTS["fi"], name_sv=PARENTS["sv"], name_en=PARENTS["en"]
    )
    meeting: Meeting = MeetingFactory.create(
        forum=ForumFactory.create(groups=[parents]),
        capacity=capacity,
        childcare_places=childcare_places,
    )
    return meeting


def _bodies(message: OutboundEmail) -> list[str]:
    """The text part, and the HTML part as a reader sees it."""
    return [message.text_body, _text(message.html_body)]


def _coming(code: str, name: str) -> str:
    """Who is coming with HOUSEHOLD, as the reader of `code` reads it."""
    with translation.override(code):
        return "{}: {}".format(
            gettext("Who is coming"),
            ", ".join(
                [
                    name,
                    ngettext("%(count)s other adult", "%(count)s other adults", 1) % {"count": 1},
                    ngettext(
                        "%(count)s young person aged 15–17", "%(count)s young people aged 15–17", 1
                    )
                    % {"count": 1},
                    ngettext("%(count)s child under 15", "%(count)s children under 15", 2)
                    % {"count": 2},
                ]
            ),
        )


def _childcare(code: str, count: int, *, booked: bool) -> str:
    with translation.override(code):
        if booked:
            words = ngettext(
                "a place is booked for %(count)s child",
                "places are booked for %(count)s children",
                count,
            )
        else:
            words = ngettext(
                "on the waiting list for %(count)s child",
                "on the waiting list for %(count)s children",
                count,
            )
        return f"{gettext('Childcare')}: {words % {'count': count}}"


def _label(code: str, source: str) -> str:
    with translation.override(code):
        return gettext(source)


# --- A household's seat.


@pytest.mark.parametrize(("code", "ui", "reads"), LANGUAGES)
def test_the_confirmation_counts_the_household_and_its_childcare(code, ui, reads):
    meeting = _meeting()
    parents = meeting.forum.stakeholder_groups.get()

    registration = register_for(
        meeting,
        "hodan@example.org",
        name="Hodan Yusuf",
        group=parents,
        language_code=code,
        ui_language=ui,
        needs=NEEDS,
        **HOUSEHOLD,
    )

    message = message_of(registration, EmailKind.CONFIRMATION)
    assert message.language == reads
    for body in _bodies(message):
        assert f"{_label(reads, 'You take part as')}: {PARENTS[reads]}" in body
        assert _coming(reads, "Hodan Yusuf") in body
        assert _childcare(reads, 1, booked=True) in body
        assert f"{_label(reads, 'Your accessibility or other needs')}: {NEEDS}" in body


def test_the_english_words_for_a_household():
    registration = register_for(
        _meeting(), "leo@example.org", name="Leo", language_code="en", **HOUSEHOLD
    )
    body = message_of(registration, EmailKind.CONFIRMATION).text_body
    assert (
        "Who is coming: Leo, 1 other adult, 1 young person aged 15–17, 2 children under 15"
    ) in body
    assert "Childcare: a place is booked for 1 child" in body


@pytest.mark.parametrize(("code", "ui", "reads"), LANGUAGES)
def test_children_without_a_childcare_place_are_said_to_wait_for_one(code, ui, reads):
    meeting = _meeting(childcare_places=1)

    registration = register_for(
        meeting, "hodan@example.org", language_code=code, ui_language=ui, childcare_children=2
    )

    assert registration.status == RegistrationStatus.CONFIRMED
    for body in _bodies(message_of(registration, EmailKind.CONFIRMATION)):
        assert _childcare(reads, 2, booked=False) in body


def test_the_english_words_for_childcare_waited_for():
    registration = register_for(
        _meeting(childcare_places=1), "leo@example.org", language_code="en", childcare_children=2
    )
    text = message_of(registration, EmailKind.CONFIRMATION).text_body
    assert "Childcare: on the waiting list for 2 children" in text


def test_someone_coming_alone_is_the_only_one_named_and_no_childcare_is_mentioned():
    registration = register_for(_meeting(), "leo@example.org", name="Leo", language_code="en")
    message = message_of(registration, EmailKind.CONFIRMATION)
    assert "\nWho is coming: Leo\n" in message.text_body
    for body in _bodies(message):
        assert "other adult" not in body
        assert "Childcare" not in body


# --- A family registered by a helper.


@pytest.mark.parametrize(("code", "helper_reads", "family_reads"), HELPED)
def test_the_family_and_the_helper_read_the_same_facts_each_in_their_language(
    code, helper_reads, family_reads
):
    meeting = _meeting()
    registration = assisted(
        meeting, language_code=code, ui_language=helper_reads, needs=NEEDS, **HOUSEHOLD
    )

    family = message_of(registration, EmailKind.CONFIRMATION)
    copy = message_of(registration, EmailKind.HELPER_COPY)
    assert (family.language, copy.language) == (family_reads, helper_reads)
    for body in _bodies(family):
        assert f"{_label(family_reads, 'You take part as')}: {PARENTS[family_reads]}" in body
        assert _coming(family_reads, "Amina Hassan") in body
        assert _childcare(family_reads, 1, booked=True) in body
    for body in _bodies(copy):
        assert f"{_label(helper_reads, 'They take part as')}: {PARENTS[helper_reads]}" in body
        assert _coming(helper_reads, "Amina Hassan") in body
        assert _childcare(helper_reads, 1, booked=True) in body
        assert f"{_label(helper_reads, 'Their accessibility or other needs')}: {NEEDS}" in body
        assert _label(helper_reads, "Your accessibility or other needs") not in body


# How each later message comes about for a family that `make` registers; the meeting has one
# seat and one childcare place.
Make = Callable[..., Registration]


def _promote(meeting: Meeting, make: Make) -> Registration:
    """The family waits for the one seat, which its holder then gives up."""
    first = register_for(meeting, "first@example.org")
    family = make()
    services.registration_cancel(token=first.cancel_token)
    return family


def _book_childcare(meeting: Meeting, make: Make) -> Registration:
    """The family has a seat and waits for the one childcare place, which is then freed."""
    meeting.capacity = 10
    meeting.save(update_fields=["capacity"])
    first = register_for(meeting, "first@example.org", childcare_children=1)
    family = make(childcare_children=1)
    services.registration_cancel(token=first.cancel_token)
    return family


def _cancel(meeting: Meeting, make: Make) -> Registration:
    family = make()
    services.registration_cancel(token=family.cancel_token)
    return family


def _remind(meeting: Meeting, make: Make) -> Registration:
    family = make()
    reminders_queue(now=meeting.starts_at - datetime.timedelta(hours=1))
    return family


def _cancel_meeting(meeting: Meeting, make: Make) -> Registration:
    family = make()
    services.meeting_cancel(meeting_id=meeting.pk)
    return family


def _change_meeting(meeting: Meeting, make: Make) -> Registration:
    family = make()
    services.meeting_change_announce(meeting_id=meeting.pk)
    return family


LATER = {
    EmailKind.PROMOTED: _promote,
    EmailKind.CHILDCARE_BOOKED: _book_childcare,
    EmailKind.CANCELLED: _cancel,
    EmailKind.REMINDER: _remind,
    EmailKind.MEETING_CANCELLED: _cancel_meeting,
    EmailKind.MEETING_CHANGED: _change_meeting,
}


@pytest.mark.parametrize("kind", list(LATER))
@pytest.mark.parametrize("helper_reads", ["fi", "sv", "en"])
def test_a_family_without_an_address_hears_each_later_message_through_the_helper(
    kind, helper_reads
):
    meeting = _meeting(capacity=1, childcare_places=1)

    family = LATER[kind](
        meeting,
        lambda **extra: assisted(
            meeting, email="", language_code="so", ui_language=helper_reads, **extra
        ),
    )

    message = message_of(family, kind)
    assert (message.recipient, message.language) == (HELPER["helper_email"], helper_reads)
    text = HELPER_MESSAGES[kind]
    with translation.override(helper_reads):
        facts = {"name": "Amina Hassan", "meeting": meeting.display_title}
        assert message.subject == str(text.subject % facts)
        for body in _bodies(message):
            assert str(text.intro % facts) in body
            assert str(PASS_ON) in body
            assert gettext("Hello %(name)s,") % {"name": HELPER["helper_name"]} in body


@pytest.mark.parametrize("kind", list(LATER))
@pytest.mark.parametrize(("code", "helper_reads", "family_reads"), HELPED)
def test_a_family_with_an_address_hears_each_later_message_itself(
    kind, code, helper_reads, family_reads
):
    meeting = _meeting(capacity=1, childcare_places=1)

    family = LATER[kind](
        meeting,
        lambda **extra: assisted(meeting, language_code=code, ui_language=helper_reads, **extra),
    )

    message = message_of(family, kind)
    assert (message.recipient, message.language) == ("amina.hassan@example.org", family_reads)
    with translation.override(family_reads):
        assert str(MESSAGES[kind].intro) in message.text_body
        assert str(PASS_ON) not in message.text_body
        assert gettext("Hello %(name)s,") % {"name": "Amina Hassan"} in message.text_body


@pytest.mark.parametrize(("code", "ui", "reads"), LANGUAGES)
def test_a_childcare_place_that_became_free_is_told_with_the_childcare_now_booked(code, ui, reads):
    meeting = _meeting(childcare_places=1)
    first = register_for(meeting, "first@example.org", childcare_children=1)
    family = register_for(
        meeting, "hodan@example.org", language_code=code, ui_language=ui, childcare_children=1
    )

    services.registration_cancel(token=first.cancel_token)

    message = message_of(family, EmailKind.CHILDCARE_BOOKED)
    assert message.language == reads
    text = MESSAGES[EmailKind.CHILDCARE_BOOKED]
    with translation.override(reads):
        assert message.subject == str(text.subject % {"meeting": meeting.display_title})
        intro = str(text.intro)
    for body in _bodies(message):
        assert intro in body
        assert _childcare(reads, 1, booked=True) in body
