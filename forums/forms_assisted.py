"""The form a study counsellor or an association's worker fills in to register a family on
its behalf: who they are, whom they register, and how the family agreed to it."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.validators import no_invisible_characters

from .forms import (
    CountField,
    GroupChoiceField,
    HouseholdFields,
    LanguageChoiceField,
    MeetingRegistrationForm,
)
from .models import ConsentMethod, Meeting, StakeholderGroup
from .services import HelperData, RegistrationData

EMAIL_ERRORS = {
    "required": _("Enter your e-mail address."),
    "invalid": _("Enter an e-mail address in the form name@example.org."),
}


class AssistedRegistrationForm(MeetingRegistrationForm):
    helper_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        validators=[no_invisible_characters],
        error_messages={"required": _("Enter your name.")},
    )
    helper_organisation = forms.CharField(
        label=_("Your organisation (optional)"),
        max_length=200,
        required=False,
        validators=[no_invisible_characters],
        help_text=_("For example the school or the association you work for."),
    )
    helper_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_(
            "We send the link to confirm the registration here, then a copy of the "
            "confirmation with the link for cancelling."
        ),
        error_messages=EMAIL_ERRORS,
    )
    name = forms.CharField(
        label=_("Name of the family member you register"),
        max_length=200,
        validators=[no_invisible_characters],
        help_text=_(
            "An adult of the family. Count the others who come with them, children too, below."
        ),
        error_messages={"required": _("Enter the name of the family member you register.")},
    )
    language = LanguageChoiceField(
        label=_("Language for messages to the family"),
        empty_label=_("Choose…"),
        help_text=_(
            "Where we have no texts in the family's language, messages come in the language "
            "of this page."
        ),
        error_messages={"required": _("Choose the language for messages to the family.")},
    )
    group: "forms.ModelChoiceField[StakeholderGroup]" = GroupChoiceField(
        queryset=StakeholderGroup.objects.none(),
        label=_("They take part as"),
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose the group they take part as.")},
    )
    has_email = forms.ChoiceField(
        label=_("Does the family have an e-mail address?"),
        choices=[
            ("", _("Choose…")),
            ("yes", _("Yes, the family has an e-mail address")),
            ("no", _("No, the family has no e-mail address")),
        ],
        # The group of the family's address, which this choice shows and hides.
        widget=forms.Select(attrs={"aria-controls": "family-email-fields"}),
        help_text=_("If the family has none, the messages about the registration come to you."),
        error_messages={"required": _("Choose whether the family has an e-mail address.")},
    )
    email = forms.EmailField(
        label=_("The family's e-mail"),
        required=False,
        help_text=_("We send the family its confirmation here, in its language."),
        error_messages={"invalid": EMAIL_ERRORS["invalid"]},
    )
    phone = forms.CharField(
        label=_("The family's phone (optional)"),
        max_length=40,
        required=False,
        validators=[no_invisible_characters],
        help_text=_("For the organiser, to reach the family if the meeting changes."),
    )
    interpreter_language = LanguageChoiceField(
        label=_("The family needs an interpreter (optional)"),
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
        help_text=_("For example a wheelchair place, hearing loop or diet."),
    )
    # The household's questions, worded for someone registering another person.
    companion_adults = CountField(label=_("Other adults coming with them"))
    companion_youth = CountField(label=_("Young people aged 15–17 coming with them"))
    companion_children = CountField(
        label=_("Children under 15 taking part"),
        help_text=_("Children who take part in the meeting with them, each taking a seat."),
    )
    consent_method = forms.ChoiceField(
        label=_("How did the family agree to be registered?"),
        choices=[
            (ConsentMethod.IN_PERSON, _("In person")),
            (ConsentMethod.PHONE, _("By phone")),
            (ConsentMethod.INTERPRETER, _("Through an interpreter")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the family agreed to be registered.")},
    )
    family_agreed = forms.BooleanField(
        label=_(
            "The family has agreed that I register them, and that their details are stored "
            "and used only to organise this meeting."
        ),
        error_messages={
            "required": _(
                "Tick the box to confirm that the family agreed, so that we can register them."
            )
        },
    )
    # A field people never see or hear, as on the public form: only programs fill it in.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    HONEYPOT = "website"
    HELPER_FIELDS = ("helper_name", "helper_organisation", "helper_email")
    FAMILY_FIELDS = ("name", "language", "group", "has_email", "phone")
    # Asked once the family is said to have an address: shown after that choice.
    FAMILY_EMAIL_FIELDS = ("email",)
    FAMILY_EMAIL_CHOICE = "yes"
    NEEDS_FIELDS = ("interpreter_language", "needs")
    field_order = [
        *HELPER_FIELDS,
        "name",
        "language",
        "group",
        "has_email",
        *FAMILY_EMAIL_FIELDS,
        "phone",
        *NEEDS_FIELDS,
        *HouseholdFields.HOUSEHOLD_FIELDS,
        "consent_method",
        "family_agreed",
    ]

    AUTOCOMPLETE = {
        "helper_name": "name",
        "helper_organisation": "organization",
        "helper_email": "email",
        # The family's details are not the helper's own: the browser must not fill them.
        "name": "off",
        "email": "off",
        "phone": "off",
    }

    def __init__(self, *args: Any, meeting: Meeting, language_code: str, **kwargs: Any) -> None:
        super().__init__(*args, meeting=meeting, language_code=language_code, **kwargs)
        self.asks_family_email = self.data.get(self.add_prefix("has_email")) == (
            self.FAMILY_EMAIL_CHOICE
        )
        # Hidden and not sent while the family is not said to have an address: not read.
        for name in self.FAMILY_EMAIL_FIELDS:
            self.fields[name].disabled = not self.asks_family_email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.asks_family_email:
            return cleaned
        email = cleaned.get("email", "")
        if not email and "email" not in self.errors:
            self.add_error(
                "email",
                ValidationError(
                    _("Enter the family's e-mail address, or choose that the family has none."),
                    code="required",
                ),
            )
        elif email and email.lower() == cleaned.get("helper_email", "").lower():
            self.add_error(
                "email",
                ValidationError(
                    _(
                        "This is your own address. Enter the family's, or choose that the "
                        "family has none."
                    ),
                    code="helper_email",
                ),
            )
        return cleaned

    @property
    def filled_by_a_program(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))

    def person_fields(self) -> list[forms.BoundField]:
        """The fields a person fills in, in order; the honeypot is rendered on its own."""
        return [field for field in self.visible_fields() if field.name != self.HONEYPOT]

    def _present(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def helper_fields(self) -> list[forms.BoundField]:
        return self._present(self.HELPER_FIELDS)

    def family_fields(self) -> list[forms.BoundField]:
        return self._present(self.FAMILY_FIELDS)

    def family_email_fields(self) -> list[forms.BoundField]:
        return self._present(self.FAMILY_EMAIL_FIELDS)

    def needs_fields(self) -> list[forms.BoundField]:
        return self._present(self.NEEDS_FIELDS)

    def addresses(self) -> list[str]:
        """The addresses the registration writes to: the helper's, and the family's."""
        return [self.cleaned_data["helper_email"], self.cleaned_data.get("email") or ""]

    def registration_data(self) -> RegistrationData:
        """The family member registered, an adult (the form asks no guardian), with the
        helper's details and how the family agreed."""
        data = self.cleaned_data
        return RegistrationData(
            name=data["name"],
            email=data.get("email") or "",
            phone=data["phone"],
            group=data["group"],
            language=data["language"],
            ui_language=self.ui_language,
            interpreter_language=data.get("interpreter_language"),
            needs=data["needs"],
            helper=HelperData(
                name=data["helper_name"],
                email=data["helper_email"],
                consent_method=data["consent_method"],
                organisation=data["helper_organisation"],
            ),
            channel=self.came_through(self.meeting_id),
            **self.household_data(),
        )
