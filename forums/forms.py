from typing import Any, TypedDict
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.forms import QueryFilterForm
from portal.validators import no_invisible_characters
from projects.models import Region

from .channels import channel_of_meeting
from .households import childcare_availability
from .models import AgeGroup, Invitation, Language, Meeting, OutreachChannel, StakeholderGroup
from .models.meetings import Availability
from .selectors import group_availability, public_forums, with_seats_at
from .services import RegistrationData


class LanguageChoiceField(forms.ModelChoiceField):
    """A language chosen by its code, named in the page's language and in its own."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Language.objects.all(), to_field_name="code", **kwargs)

    def label_from_instance(self, obj: Language) -> str:  # type: ignore[override]
        return obj.label


GROUP_SEATS = {
    Availability.AVAILABLE: _("%(group)s – seats available"),
    Availability.FEW: _("%(group)s – only a few seats left"),
    Availability.FULL: _("%(group)s – waiting list"),
}


class GroupChoiceField(forms.ModelChoiceField):
    """A stakeholder group named with its seats at the meeting, so that a person sees where
    they stand before choosing; needs the groups of selectors.with_seats_at()."""

    def label_from_instance(self, obj: StakeholderGroup) -> str:  # type: ignore[override]
        return GROUP_SEATS[group_availability(obj)] % {"group": obj}


HOUSEHOLD_MAX = 9


class CountField(forms.IntegerField):
    """A small count of people typed on a phone: the number keypad, empty meaning none."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            min_value=0,
            max_value=HOUSEHOLD_MAX,
            required=False,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                "invalid": _("Enter a number, for example 0 or 2."),
                "min_value": _("Enter 0 or more."),
                "max_value": _(
                    "Enter at most %(limit_value)s. For a larger group, contact the organiser."
                ),
            },
            **kwargs,
        )

    def clean(self, value: Any) -> int:
        return super().clean(value) or 0


class Household(TypedDict):
    """The counts of a household as RegistrationData takes them."""

    companion_adults: int
    companion_youth: int
    companion_children: int
    childcare_children: int


class HouseholdFields(forms.Form):
    """Who comes with the person registering, for any form that registers a household: the
    companions take seats in the registrant's group, children in childcare take a childcare
    place, asked only where the meeting offers childcare. Call ask_household() from
    __init__."""

    companion_adults = CountField(label=_("Other adults coming with you"))
    companion_youth = CountField(label=_("Young people aged 15–17 coming with you"))
    companion_children = CountField(
        label=_("Children under 15 taking part"),
        help_text=_("Children who take part in the meeting with you, each taking a seat."),
    )
    childcare_children = CountField(
        label=_("Children in childcare during the meeting"),
        help_text=_(
            "Childcare places are separate from the seats and have their own waiting list."
        ),
    )
    HOUSEHOLD_FIELDS = (
        "companion_adults",
        "companion_youth",
        "companion_children",
        "childcare_children",
    )

    def ask_household(self, meeting: Meeting) -> None:
        """Childcare only where the meeting offers it; then how many places are left (an
        Availability) is said with the meeting's facts, else it is None."""
        self.childcare_availability: str | None = None
        self.seats_in_all = meeting.capacity
        self.childcare_places = meeting.childcare_places
        if meeting.childcare_places > 0:
            self.childcare_availability = childcare_availability(meeting)
        else:
            del self.fields["childcare_children"]

    def clean(self) -> dict[str, Any]:
        """A household larger than the meeting's seats, or more children than its childcare
        places, would wait for ever: the person hears it now."""
        cleaned = super().clean() or {}
        companions = ("companion_adults", "companion_youth", "companion_children")
        people = 1 + sum(cleaned.get(name) or 0 for name in companions)
        if people > self.seats_in_all:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "The meeting has %(seats)s seats in all, fewer than the %(people)s "
                        "people registered here. For a larger group, contact the organiser."
                    ),
                    code="too_many_people",
                    params={"seats": self.seats_in_all, "people": people},
                ),
            )
        if (cleaned.get("childcare_children") or 0) > self.childcare_places:
            self.add_error(
                "childcare_children",
                ValidationError(
                    ngettext_lazy(
                        "The meeting looks after at most %(places)s child.",
                        "The meeting looks after at most %(places)s children.",
                        "places",
                    ),
                    code="max_value",
                    params={"places": self.childcare_places},
                ),
            )
        return cleaned

    def household_fields(self) -> list[forms.BoundField]:
        """Rendered together in a group of their own."""
        return [self[name] for name in self.HOUSEHOLD_FIELDS if name in self.fields]

    def household_data(self) -> Household:
        """Childcare is 0 where the meeting does not offer it."""
        data = self.cleaned_data
        return Household(
            companion_adults=data["companion_adults"],
            companion_youth=data["companion_youth"],
            companion_children=data["companion_children"],
            childcare_children=data.get("childcare_children", 0),
        )


def fit_to_meeting(form: HouseholdFields, meeting: Meeting) -> None:
    """Only the questions that apply to the meeting, in the public form and the helpers':
    the forum's stakeholder groups (every group when it names none) with their seats, an
    interpreter where one is offered (any language on request, else those the meeting
    names), needs worded for a meeting online when it has no place to come to, and who comes
    along (childcare where the meeting offers it)."""
    forum_groups = meeting.forum.stakeholder_groups.all()
    form.fields["group"].queryset = with_seats_at(  # type: ignore[attr-defined]
        forum_groups if forum_groups else StakeholderGroup.objects.all(), meeting=meeting
    )
    if not meeting.interpretation_on_request:
        offered = meeting.interpretation_languages.all()
        if offered:
            form.fields["interpreter_language"].queryset = offered  # type: ignore[attr-defined]
        else:
            del form.fields["interpreter_language"]
    if meeting.online_url and not (meeting.venue or meeting.address):
        form.fields["needs"].help_text = _("For example captions, or breaks during the meeting.")
    form.ask_household(meeting)


class CameThrough(forms.Form):
    """The outreach channel's code from the short link followed (?via=), carried by the
    public form and the helpers': never an error, a code that is not the meeting's is simply
    not counted."""

    via = forms.CharField(widget=forms.HiddenInput, required=False)

    @property
    def via_query(self) -> str:
        """The code for a link onward (to the form for helpers), so that it still counts."""
        code = self["via"].value()
        return f"?{urlencode({'via': code})}" if code else ""

    def came_through(self, meeting_id: int) -> OutreachChannel | None:
        return channel_of_meeting(meeting_id=meeting_id, code=self.cleaned_data.get("via", ""))


class MeetingRegistrationForm(HouseholdFields, CameThrough):
    """What the public form and the helpers' share: fitted to the meeting, the language of
    the page it is filled in on, and what the browser may fill in (AUTOCOMPLETE)."""

    AUTOCOMPLETE: dict[str, str] = {}

    def __init__(self, *args: Any, meeting: Meeting, language_code: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fit_to_meeting(self, meeting)
        self.meeting_id = meeting.pk
        self.ui_language = language_code
        for name, value in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = value


class RegistrationForm(MeetingRegistrationForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[no_invisible_characters],
        error_messages={"required": _("Enter your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("We send the confirmation and a link for cancelling here."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the form name@example.org."),
        },
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[no_invisible_characters],
    )
    age_group = forms.ChoiceField(
        label=_("Your age"),
        choices=[("", _("Choose…")), *AgeGroup.choices],
        # The group of the guardian's fields, which this choice shows and hides.
        widget=forms.Select(attrs={"aria-controls": "guardian-fields"}),
        help_text=_("If you are under 15, we also ask for your parent's or guardian's e-mail."),
        error_messages={"required": _("Choose your age group.")},
    )
    guardian_email = forms.EmailField(
        label=_("Your parent's or guardian's e-mail"),
        required=False,
        help_text=_("We tell your parent or guardian that you have registered."),
        error_messages={
            "invalid": _("Enter an e-mail address in the form name@example.org."),
        },
    )
    guardian_language = LanguageChoiceField(
        label=_("Language for messages to your parent or guardian"),
        required=False,
        empty_label=_("The same as this page"),
    )
    group: "forms.ModelChoiceField[StakeholderGroup]" = GroupChoiceField(
        queryset=StakeholderGroup.objects.none(),
        label=_("I take part as"),
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose the group you take part as.")},
    )
    organisation = forms.CharField(
        label=_("School or organisation (optional)"),
        max_length=200,
        required=False,
        validators=[no_invisible_characters],
    )
    language = LanguageChoiceField(
        label=_("Language for messages to you"),
        empty_label=None,
        error_messages={"required": _("Choose the language for messages to you.")},
    )
    interpreter_language = LanguageChoiceField(
        label=_("I need an interpreter (optional)"),
        required=False,
        empty_label=_("No interpreter needed"),
        error_messages={
            "invalid_choice": _("Choose one of the languages interpreted at this meeting.")
        },
    )
    needs = forms.CharField(
        label=_("Accessibility or other needs (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("For example a wheelchair place, hearing loop, diet or childcare."),
    )
    invitation = forms.CharField(widget=forms.HiddenInput, required=False)
    consent = forms.BooleanField(
        label=_("I agree that my details are stored and used only to organise this meeting."),
        error_messages={"required": _("Tick the box to agree, so that we can register you.")},
    )
    # A field people never see or hear (the template hides it from screen readers too); only
    # programs that fill in every field fill it in.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    HONEYPOT = "website"
    # Asked only of someone under 15: shown once that age group is chosen.
    GUARDIAN_FIELDS = ("guardian_email", "guardian_language")
    GUARDIAN_AGE_GROUP = AgeGroup.UNDER_15
    AUTOCOMPLETE = {
        "name": "name",
        "email": "email",
        "phone": "tel",
        "organisation": "organization",
    }
    field_order = [
        "name",
        "email",
        "phone",
        "group",
        "age_group",
        "guardian_email",
        "guardian_language",
        "organisation",
        *HouseholdFields.HOUSEHOLD_FIELDS,
    ]

    def __init__(self, *args: Any, meeting: Meeting, language_code: str, **kwargs: Any) -> None:
        kwargs["initial"] = {"language": language_code, **(kwargs.get("initial") or {})}
        super().__init__(*args, meeting=meeting, language_code=language_code, **kwargs)
        age_group = self.data.get(self.add_prefix("age_group")) or self.initial.get("age_group")
        self.asks_guardian = age_group == self.GUARDIAN_AGE_GROUP
        # Otherwise the guardian's fields are left as they are shown (empty, hidden and not
        # sent): whatever is posted in them is not read.
        for name in self.GUARDIAN_FIELDS:
            self.fields[name].disabled = not self.asks_guardian

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("age_group") == AgeGroup.UNDER_15 and not cleaned.get("guardian_email"):
            self.add_error(
                "guardian_email",
                ValidationError(
                    _("You are under 15: enter the e-mail address of your parent or guardian."),
                    code="required",
                ),
            )
        return cleaned

    @property
    def filled_by_a_program(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def person_fields(self) -> list[forms.BoundField]:
        """The fields a person fills in, in order; the honeypot is rendered on its own."""
        return [field for field in self.visible_fields() if field.name != self.HONEYPOT]

    def guardian_fields(self) -> list[forms.BoundField]:
        """Rendered together, right after the age group, in a group of their own."""
        return [self[name] for name in self.GUARDIAN_FIELDS]

    def registration_data(self, invitation: Invitation | None = None) -> RegistrationData:
        data = self.cleaned_data
        return RegistrationData(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            group=data["group"],
            organisation=data["organisation"],
            language=data["language"],
            ui_language=self.ui_language,
            interpreter_language=data.get("interpreter_language"),
            needs=data["needs"],
            invitation=invitation,
            age_group=data["age_group"],
            guardian_email=data["guardian_email"],
            guardian_language=data.get("guardian_language"),
            channel=self.came_through(self.meeting_id),
            **self.household_data(),
        )


class MeetingFilterForm(QueryFilterForm):
    """Filters of the forums page."""

    forum = forms.ModelChoiceField(
        label=_("Forum"),
        queryset=public_forums(),
        to_field_name="slug",
        required=False,
        empty_label=_("All forums"),
    )
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any region"),
    )
    language = LanguageChoiceField(
        label=_("Language spoken"), required=False, empty_label=_("Any language")
    )

    def filters(self) -> dict[str, Any]:
        return {name: value for name, value in self.valid_data().items() if value}
