"""Hostile input (issue #7): markup, quotes that break out of attributes, SQL-like text, very
long strings, control characters with NUL, Arabic, Finnish, emoji and combining marks, CR/LF
for header injection, sent to every public form and query string. Whatever comes in: never a
server error, nothing of it unescaped on the page or in an e-mail's HTML, no line break in an
e-mail header, and a registration that goes through stores what was sent (trimmed).

Hypothesis runs derandomized and without its example database, so CI sees the same inputs
every time; HOSTILE_INPUT_EXAMPLES=500 makes a longer local run.
"""

import datetime
import itertools
import os
import re
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from forums.models import Meeting, OutboundEmail, Registration

from .factories import FundingFactory, ImplementerFactory, KeywordFactory, ThemeFactory, region
from .forum_factories import MeetingFactory
from .page_html import Element, elements, is_structured_data

pytestmark = pytest.mark.django_db

settings.register_profile(
    "hostile-input",
    max_examples=int(os.environ.get("HOSTILE_INPUT_EXAMPLES", "25")),
    deadline=None,
    derandomize=True,
    database=None,
    # The examples share one test's database and client on purpose: the site is set up once.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
HOSTILE = settings.get_profile("hostile-input")

# Each piece of markup carries the marker, so that it is found however it was cut or joined.
MARKER = "hk7pwn"
MARKUP = [
    f"<script>alert('{MARKER}')</script>",
    f'"><img src=x onerror=alert("{MARKER}")>',
    f"'><svg/onload=alert('{MARKER}')>",
    f"\" autofocus onfocus=\"alert('{MARKER}')",
    f"' onmouseover='alert(\"{MARKER}\")",
    f"</textarea><b data-{MARKER}>bold</b>",
    f"</title><iframe src=javascript:alert('{MARKER}')>",
    f"<a href=\"javascript:alert('{MARKER}')\">{MARKER}</a>",
    f"<!--{MARKER}",
]
OTHER = [
    "' OR '1'='1' --",
    "'; DROP TABLE forums_registration; --",
    "1) UNION SELECT password FROM auth_user --",
    "%' AND 1=1 AND '%'='",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "%s %n %x ${7*7}",
    "../../../../etc/passwd",
    "\r\nBcc: victim@example.org",
    "Subject: hi\r\n\r\nbody",
    "\x00",
    "a\x00b",
    "\t\x0b\x0c\x1b[31m\x7f\x85",
    "\u202eRTL override\u202c",
    "مرحبا، نحن أولياء الأمور",
    "Hyvää päivää, äidinkieli ja yhteistyö",
    "Språkbron – Ålands skärgård",
    "👩‍👩‍👧‍👦🇫🇮✊🏽",
    "e\u0301\u0308\u20dd a\u0332\u0336",
    "&lt;b&gt; &amp; &#60;script&#62;",
    "   ",
]
PIECES = MARKUP + OTHER

piece = st.sampled_from(PIECES)
any_text = st.text(max_size=40)  # every code point but surrogates, NUL and other controls too
hostile_text = st.one_of(
    piece,
    st.lists(st.one_of(piece, any_text), min_size=1, max_size=4).map("".join),
    # Very long: 10 000 characters and more.
    st.tuples(piece, st.integers(10_000, 12_000)).map(
        lambda pair: (pair[0] * (pair[1] // len(pair[0]) + 1))[: pair[1]]
    ),
)
# What a person could type into a one-line box: no control characters (the form refuses those),
# markup, quotes and SQL-like text and any script welcome.
printable = st.characters(exclude_categories=("Cc", "Cs"))
typed_text = st.one_of(
    st.sampled_from(
        [text for text in PIECES if not any(ord(c) < 32 or c in "\x7f\x85" for c in text)]
    ),
    st.lists(
        st.one_of(st.sampled_from(MARKUP), st.text(printable, min_size=1, max_size=30)),
        min_size=1,
        max_size=4,
    ).map("".join),
)


# --- What a safe answer is.


def injected_elements(html: str) -> list[str]:
    """Elements and attributes that only hostile input could have put on the page."""
    found = []
    for element in elements(html):
        if (
            element.tag in {"script", "iframe", "svg"}
            and "src" not in element.attrs
            and not is_structured_data(element)
        ):
            found.append(f"<{element.tag}> {element.text[:40]}")
        for name, value in element.attrs.items():
            if name.startswith("on") or MARKER in name:
                found.append(f"<{element.tag} {name}>")
            if value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}={value[:40]}>")
    return found


def assert_escaped(html: str, sent: list[str]) -> None:
    for value in sent:
        for markup in MARKUP:
            if markup in value:
                assert markup not in html, f"unescaped: {markup!r}"
    assert injected_elements(html) == []


def assert_safe(response: Any, sent: list[str]) -> None:
    assert response.status_code < 500, response.status_code
    if response.get("Content-Type", "").startswith("text/html") and response.content:
        assert_escaped(response.content.decode(), sent)
    for name, value in response.items():
        assert "\r" not in value and "\n" not in value, name


def assert_safe_emails(emails: list[OutboundEmail], sent: list[str]) -> None:
    for email in emails:
        for header in [email.subject, email.recipient, *email.headers.values()]:
            assert "\r" not in str(header) and "\n" not in str(header), (email.kind, header)
        assert_escaped(email.html_body, sent)


def new_emails(since: int) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(pk__gt=since))


def last_email_pk() -> int:
    return OutboundEmail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# --- The site, and its forms as a browser sees them.


def fi(name: str, **kwargs: object) -> str:
    with translation.override("fi"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def site(db: None) -> dict[str, Any]:
    implementer = ImplementerFactory()
    project = implementer.project
    FundingFactory(project=project)
    project.themes.add(ThemeFactory())
    project.keywords.add(KeywordFactory())
    project.regions.add(region())
    meeting: Meeting = MeetingFactory.create(
        forum__project=project, capacity=10_000, interpretation_on_request=True
    )
    past = timezone.now() - datetime.timedelta(days=30)
    MeetingFactory.create(
        forum=meeting.forum, starts_at=past, ends_at=past + datetime.timedelta(hours=2)
    )
    return {"project": project, "organisation": implementer.organisation, "meeting": meeting}


def form_fields(html: str, form: Element) -> list[Element]:
    return [
        element
        for element in elements(html)
        if element.tag in {"input", "select", "textarea"}
        and element.is_inside(form)
        and element.attrs.get("name")
    ]


def options(html: str, select: Element) -> list[str]:
    return [
        option.attrs.get("value", option.text)
        for option in elements(html)
        if option.tag == "option" and option.is_inside(select)
    ]


def the_form(html: str, **attrs: str) -> Element:
    forms = [
        element
        for element in elements(html)
        if element.tag == "form"
        and all(
            name in element.attrs.get(key, "").split() or element.attrs.get(key) == name
            for key, name in attrs.items()
        )
    ]
    assert len(forms) == 1, attrs
    return forms[0]


addresses = itertools.count()


def registration_post(html: str, text: Any) -> tuple[dict[str, str], list[str]]:
    """A registration the way a person fills it in, from the form on the page (so that new
    fields are filled in too): `text(name)` for every box, a new address for each e-mail field,
    the first choice of each list, every box ticked, and the honeypot left empty."""
    form = the_form(html, **{"class": "registration-form"})
    post: dict[str, str] = {}
    number = next(addresses)
    for field in form_fields(html, form):
        name = field.attrs["name"]
        kind = field.attrs.get("type", "text")
        if name == "website":  # the honeypot: only programs fill it in
            post[name] = ""
        elif kind == "hidden":
            post[name] = field.attrs.get("value", "")
        elif kind == "checkbox":
            post[name] = field.attrs.get("value", "on")
        elif field.tag == "select":
            post[name] = next(value for value in options(html, field) if value)
        elif kind == "email":
            post[name] = f"{name.replace('_', '-')}-{number}@example.org"
        elif kind == "number":  # how many come with the person: none
            post[name] = field.attrs.get("min", "0")
        else:
            post[name] = text(name)
    return post, list(post.values())


def registration_page(client: Client, meeting: Meeting, query: str = "") -> str:
    response = client.get(fi("forums:meeting", pk=meeting.pk) + query)
    assert response.status_code == 200
    return response.content.decode()


# --- The registration form.


@override_settings(RATELIMIT_ENABLE=False)
@HOSTILE
@given(st.data())
def test_a_registration_with_typed_hostile_text_is_stored_as_sent(client, site, data):
    meeting = site["meeting"]
    html = registration_page(client, meeting)
    limits = {"phone": 40, "name": 200, "organisation": 200, "needs": 2000}
    post, sent = registration_post(
        html, lambda name: data.draw(typed_text, label=name)[: limits.get(name, 200)]
    )
    emails_before = last_email_pk()
    response = client.post(fi("forums:meeting", pk=meeting.pk), post)
    assert_safe(response, sent)
    event(f"answer {response.status_code}")
    if response.status_code == 400:
        # Only a value that is all spaces is refused (where a value is required).
        assert any(not value.strip() for value in post.values()), response.content.decode()
        return
    assert response.status_code == 302
    registration = Registration.objects.get(email=post["email"])
    for name in ["name", "phone", "organisation", "needs"]:
        if name in post:
            assert getattr(registration, name) == post[name].strip(), name
    assert_safe_emails(new_emails(emails_before), sent)
    follow = client.get(response["Location"])
    assert_safe(follow, sent)


@override_settings(RATELIMIT_ENABLE=False)
@HOSTILE
@given(st.data())
def test_any_value_in_any_registration_field_is_answered_safely(client, site, data):
    meeting = site["meeting"]
    html = registration_page(client, meeting)
    post, _ = registration_post(html, lambda name: "")
    # Every field hostile this time, the lists, e-mail addresses and hidden fields too.
    hostile = {name: data.draw(hostile_text, label=name) for name in post}
    emails_before = last_email_pk()
    response = client.post(fi("forums:meeting", pk=meeting.pk), hostile)
    event(f"answer {response.status_code}")
    assert_safe(response, list(hostile.values()))
    assert_safe_emails(new_emails(emails_before), list(hostile.values()))


@override_settings(RATELIMIT_ENABLE=False)
@HOSTILE
@given(token=hostile_text)
def test_a_hostile_invitation_parameter_is_answered_safely(client, site, token):
    meeting = site["meeting"]
    address = fi("forums:meeting", pk=meeting.pk)
    assert_safe(client.get(address, {"invitation": token}), [token])
    html = registration_page(client, meeting)
    post, sent = registration_post(html, lambda name: "Aino Virtanen")
    post["invitation"] = token
    assert_safe(client.post(address, post), [*sent, token])


@override_settings(RATELIMIT_ENABLE=True, REGISTRATION_RATE_PER_EMAIL="2/h")
def test_the_rate_limit_answers_429_not_an_error(client, site):
    meeting = site["meeting"]
    html = registration_page(client, meeting)
    post, sent = registration_post(html, lambda name: MARKUP[0])
    statuses = [client.post(fi("forums:meeting", pk=meeting.pk), post) for _ in range(3)]
    assert [response.status_code for response in statuses[:2]] == [302, 302]
    limited = statuses[2]
    assert limited.status_code == 429
    assert limited["Retry-After"]
    assert_safe(limited, sent)
    assert "Content-Security-Policy" in limited


# --- Query strings.


def filter_names(client: Client, address: str) -> list[str]:
    html = client.get(address).content.decode()
    form = the_form(html, **{"class": "filters"})
    return sorted({field.attrs["name"] for field in form_fields(html, form)})


@HOSTILE
@given(st.data())
def test_the_project_listing_survives_any_query(client, site, data):
    address = fi("projects:list")
    names = filter_names(client, address)
    assert {"q", "sort"} <= set(names)
    query = {name: data.draw(hostile_text, label=name) for name in [*names, "page"]}
    assert_safe(client.get(address, query), list(query.values()))


@HOSTILE
@given(st.data())
def test_the_forums_listing_survives_any_query(client, site, data):
    address = fi("forums:list")
    names = filter_names(client, address)
    query = {name: data.draw(hostile_text, label=name) for name in [*names, "page"]}
    assert_safe(client.get(address, query), list(query.values()))


@HOSTILE
@given(query=st.dictionaries(hostile_text, hostile_text, max_size=3), page=hostile_text)
def test_other_pages_survive_any_query(client, site, query, page):
    sent = [*query, *query.values(), page]
    for address in [
        fi("forums:archive"),
        fi("projects:detail", slug=site["project"].slug),
        fi("projects:organisation", slug=site["organisation"].slug),
        fi("forums:forum", slug=site["meeting"].forum.slug),
        fi("home"),
    ]:
        assert_safe(client.get(address, {**query, "page": page}), sent)


# --- Tokens in addresses.


@HOSTILE
@given(token=hostile_text.filter(lambda text: text.strip("/") != ""))
def test_hostile_tokens_in_links_are_answered_safely(client, site, token):
    segment = quote(token, safe="")
    for address in [
        f"/fi/registrations/{segment}/",
        f"/fi/registrations/{segment}/cancel/",
        f"/fi/unsubscribe/{segment}/",
    ]:
        assert_safe(client.get(address), [token])
        assert_safe(client.post(address), [token])


def test_the_checks_would_see_unescaped_markup():
    """The checks above mean something: they fail on a page that echoes markup."""
    with pytest.raises(AssertionError):
        assert_escaped(f"<p>{MARKUP[1]}</p>", [MARKUP[1]])
    with pytest.raises(AssertionError):
        assert_escaped(f'<input value="{MARKUP[3]}">', ["x"])
    assert_escaped('<input value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">', [MARKUP[1]])
    assert re.search(MARKER, MARKUP[0])
