"""How a message counts the people a registration brings, by age band, and says where the
children in childcare stand: whole phrases, with their plural forms, to the translators."""

from django.utils.translation import ngettext_lazy

from .models import ChildcareStatus, Registration

# Those coming with the registrant, by age band, as the message counts them.
COMPANIONS = (
    ("companion_adults", ngettext_lazy("%(count)s other adult", "%(count)s other adults", "count")),
    (
        "companion_youth",
        ngettext_lazy(
            "%(count)s young person aged 15–17", "%(count)s young people aged 15–17", "count"
        ),
    ),
    (
        "companion_children",
        ngettext_lazy("%(count)s child under 15", "%(count)s children under 15", "count"),
    ),
)
CHILDCARE = {
    ChildcareStatus.BOOKED: ngettext_lazy(
        "a place is booked for %(count)s child", "places are booked for %(count)s children", "count"
    ),
    ChildcareStatus.WAITING: ngettext_lazy(
        "on the waiting list for %(count)s child",
        "on the waiting list for %(count)s children",
        "count",
    ),
}


def people_coming(registration: Registration) -> list[str]:
    """Everyone the registration brings, in the active language: the registrant by name,
    then those coming with them, counted by age band."""
    coming = [registration.name]
    for field, words in COMPANIONS:
        count = getattr(registration, field)
        if count:
            coming.append(str(words % {"count": count}))
    return coming


def childcare(registration: Registration) -> str:
    """Where the children in childcare stand, in the active language; "" for none."""
    count = registration.childcare_children
    if not count or registration.childcare_status not in CHILDCARE:
        return ""
    return str(CHILDCARE[ChildcareStatus(registration.childcare_status)] % {"count": count})
