"""The listing as a search's results page (issue 19): it says how many projects were found
and for what, marks the matched words in each card (escaped), says which typo it corrected,
offers "did you mean" when nothing is found, keeps the filters, and makes as many queries
however many projects match.

The English page is read for the wording; the Finnish and Swedish pages for what does not
depend on a translation (the number, the words searched for, the links)."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString

from portal.templatetags.portal import TranslatedText
from projects.models import ImplementerRole, Project
from projects.search.analysis import query_terms
from projects.search.query import SearchPlan, WordMatch
from projects.services import project_search_refresh
from projects.templatetags.search import highlight

from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    region,
)
from .page_html import find_all

pytestmark = pytest.mark.django_db


def listing(language: str) -> str:
    with translation.override(language):
        return reverse("projects:list")


def _indexed(*projects: Project) -> list[Project]:
    project_search_refresh(project_ids=[project.pk for project in projects])
    return list(projects)


def _search(client: Any, language: str, **query: str) -> str:
    response = client.get(listing(language), query)
    assert response.status_code == 200
    return str(response.content.decode())


def _heading(html: str) -> str:
    (heading,) = find_all(html, "h2", id="results-title")
    return heading.text


def _marked(html: str) -> list[str]:
    return [mark.text for mark in find_all(html, "mark")]


def _notes(html: str) -> list[str]:
    return [note.text for note in find_all(html, "p", **{"class": "search-note"})]


def _plan(*typed: str) -> SearchPlan:
    """A plan of words the vocabulary knows, without asking the database."""
    return SearchPlan(
        words=tuple(WordMatch(typed=word, terms=frozenset(query_terms(word))) for word in typed),
    )


# --- How many, for what.


@pytest.mark.parametrize(
    ("count", "heading"),
    [
        (1, "1 project found for “nuorten hyvinvointi”"),
        (2, "2 projects found for “nuorten hyvinvointi”"),
    ],
)
def test_the_summary_says_how_many_were_found_and_for_what(client, count, heading):
    _indexed(
        *(ProjectFactory(name_en=f"Nuorten hyvinvointi {n}") for n in range(count)),
        ProjectFactory(name_en="Something else", name_fi="Muuta", summary_en="", summary_fi=""),
    )
    html = _search(client, "en", q="  nuorten   hyvinvointi ")
    assert _heading(html) == heading
    # The results are a region named by the heading, which is also what a screen reader says
    # when the results change.
    (results,) = find_all(html, "section", **{"class": "results"})
    assert results.attrs["aria-labelledby"] == "results-title"
    assert find_all(html, "h2", id="results-title")[0].attrs["aria-live"] == "polite"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_each_language_names_the_number_and_the_words(client, language):
    _indexed(*ProjectFactory.create_batch(3, name_fi="Nuorten hyvinvointi"))
    heading = _heading(_search(client, language, q="nuorten hyvinvointi"))
    assert heading.startswith("3 ")
    assert "nuorten hyvinvointi" in heading


def test_without_a_search_the_heading_only_counts(client):
    _indexed(*ProjectFactory.create_batch(2))
    html = _search(client, "en")
    assert _heading(html) == "2 projects"
    assert _marked(html) == []
    assert _notes(html) == []


def test_the_words_searched_for_are_escaped_in_the_summary(client):
    _indexed(ProjectFactory(name_fi="Nuorten hyvinvointi"))
    html = _search(client, "fi", q='"><script>alert(1)</script> nuorten')
    assert "<script>alert(1)" not in html
    assert escape('"><script>alert(1)</script> nuorten') in html
    assert _heading(html).startswith("1 ")


# --- The matched words, marked.


def test_matched_words_are_marked_in_name_and_summary(client):
    _indexed(
        ProjectFactory(
            name_fi="Keskeyttämisriskiä vähentämässä",
            summary_fi="Hanke kehittää opiskelijoiden osallisuutta.",
            tagline_fi="",
        )
    )
    # An inflected form and a compound's part find, and are marked as, the words of the text.
    html = _search(client, "fi", q="riski opiskelija")
    assert _marked(html) == ["Keskeyttämisriskiä", "opiskelijoiden"]
    assert "<mark>Keskeyttämisriskiä</mark> vähentämässä</a>" in html


def test_the_tagline_is_marked_when_the_card_shows_it(client):
    _indexed(ProjectFactory(name_en="Pathways", tagline_en="Wellbeing for young students"))
    html = _search(client, "en", q="student")
    assert _marked(html) == ["students"]


def test_a_fallback_text_is_marked_by_its_own_language(client):
    # Shown on the Swedish page in Finnish: its words are analysed as Finnish.
    _indexed(
        ProjectFactory(
            name_fi="Opiskelijat ensin", name_sv="", name_en="", summary_en="", summary_sv=""
        )
    )
    # The lemma, so that only a Finnish reading of the texts' inflected forms marks them
    # (read as Swedish, "opiskelijoiden" would be the stem "opiskelijoid").
    html = _search(client, "sv", q="opiskelija")
    (card,) = find_all(html, "article")
    (title,) = [a for a in find_all(html, "a", lang="fi") if a.is_inside(card)]
    assert title.text == "Opiskelijat ensin"
    # The Finnish summary too ("Hanke kehittää opiskelijoiden osallisuutta."), shortened in
    # the tag that marks it.
    assert _marked(html) == ["Opiskelijat", "opiskelijoiden"]


def test_organisations_in_the_card_are_marked(client):
    project = ProjectFactory(name_fi="Hanke")
    ImplementerFactory(
        project=project,
        organisation=OrganisationFactory(name_fi="Omnia", abbreviation="OMNIA"),
        role=ImplementerRole.COORDINATOR,
    )
    FundingFactory(project=project, funder=OrganisationFactory(name_fi="Opetushallitus"))
    _indexed(project)
    html = _search(client, "fi", q="omnia opetushallitus")
    assert sorted(_marked(html)) == ["OMNIA", "Opetushallitus"]


def test_a_hostile_project_name_stays_escaped_when_marked(client):
    hostile = "<script>alert(\"x\")</script> & 'Nuorten' <b>hyvinvointi</b>"
    _indexed(ProjectFactory(name_fi=hostile, tagline_fi='"><img src=x onerror=alert(1)> nuorten'))
    html = _search(client, "fi", q="nuorten")
    assert "<script>" not in html.split("</head>")[1].replace('<script src="', "")
    assert "<b>hyvinvointi" not in html
    assert "<img src=x" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;<mark>Nuorten</mark>&#x27;"
        " &lt;b&gt;hyvinvointi&lt;/b&gt;" in html
    )
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; <mark>nuorten</mark>" in html


def test_the_highlight_escapes_hostile_text():
    plan = _plan("nuorten")
    text = "<script>alert(\"Nuorten\")</script> & 'nuorten'"
    highlighted = highlight(text, plan)
    assert isinstance(highlighted, SafeString)
    assert highlighted == (
        "&lt;script&gt;alert(&quot;<mark>Nuorten</mark>&quot;)&lt;/script&gt; &amp; "
        "&#x27;<mark>nuorten</mark>&#x27;"
    )
    # Nothing to mark, or no search: the text as it is, for the template to escape.
    assert highlight("<b>muuta</b>", plan) == "<b>muuta</b>"
    assert not isinstance(highlight("<b>muuta</b>", plan), SafeString)
    assert highlight(text, None) == text
    assert highlight(text, "") == text  # a template without a search in its context
    # Text that is already HTML is not split into words (an entity's "amp" is no word).
    assert highlight(SafeString("nuorten &amp; muut"), plan) == "nuorten &amp; muut"


def test_the_highlight_takes_a_translated_texts_language():
    plan = _plan("opiskelijoiden")
    finnish = TranslatedText("Opiskelijat ensin", "fi", is_fallback=True)
    assert highlight(finnish, plan) == "<mark>Opiskelijat</mark> ensin"


def test_cards_outside_a_search_are_not_marked(client):
    _indexed(ProjectFactory(name_fi="Nuorten hyvinvointi"))
    with translation.override("fi"):
        home = client.get(reverse("home")).content.decode()
    assert "Nuorten hyvinvointi" in home
    assert "<mark>" not in home


# --- A corrected typo; "did you mean".


def test_a_corrected_typo_is_named_with_the_word_typed(client):
    _indexed(ProjectFactory(name_en="Students first", summary_en="", name_fi="Opiskelijat"))
    html = _search(client, "en", q="studnets")
    assert _heading(html) == "1 project found for “studnets”"
    assert _notes(html) == ["Showing results for “students” instead of “studnets”."]
    assert _marked(html) == ["Students"]


def test_the_first_letters_of_a_word_are_no_typo(client):
    _indexed(ProjectFactory(name_en="Students first", summary_en=""))
    html = _search(client, "en", q="stude")
    assert _heading(html) == "1 project found for “stude”"
    assert _notes(html) == []
    assert _marked(html) == ["Students"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_did_you_mean_keeps_the_filters_and_the_order(client, language):
    uusimaa = region("uusimaa")
    project = ProjectFactory(name_fi="Nuorten hyvinvointi", name_sv="", name_en="")
    project.regions.add(uusimaa)
    _indexed(project)
    # Three letters wrong: too far to be taken for the word, near enough to suggest it.
    html = _search(
        client,
        language,
        q="hyvinvxxxti",
        region="uusimaa",
        sort="name",
        page="2",
        utm_source="newsletter",
    )
    assert _heading(html).startswith("0 ")
    (link,) = [a for a in find_all(html, "a") if a.text == "hyvinvointi"]
    assert link.attrs["href"] == "?q=hyvinvointi&region=uusimaa&sort=name"
    assert find_all(html, "article") == []

    # The link finds the project, with the region still chosen.
    followed = client.get(listing(language) + link.attrs["href"]).content.decode()
    assert _heading(followed).startswith("1 ")
    assert _marked(followed) == ["hyvinvointi"]
    (chosen,) = find_all(followed, "option", value="uusimaa")
    assert "selected" in chosen.attrs


def test_did_you_mean_in_english(client):
    _indexed(ProjectFactory(name_fi="Nuorten hyvinvointi"))
    html = _search(client, "en", q="hyvinvxxxti")
    assert _heading(html) == "0 projects found for “hyvinvxxxti”"
    assert _notes(html) == ["Did you mean hyvinvointi?"]
    # The advice for an empty result stays.
    assert "No project matches these terms. Try fewer words or remove a filter." in html


def test_no_suggestion_when_something_is_found(client):
    _indexed(ProjectFactory(name_fi="Nuorten hyvinvointi"))
    # The second word alone would be offered "hyvinvointi"; the first finds the project.
    html = _search(client, "en", q="nuorten hyvinvxxxti")
    assert _heading(html).startswith("1 ")
    assert _notes(html) == []
    assert "Did you mean" not in html


def test_no_suggestion_when_no_word_is_near(client):
    _indexed(ProjectFactory(name_fi="Nuorten hyvinvointi"))
    html = _search(client, "en", q="zqxwvu")
    assert _heading(html) == "0 projects found for “zqxwvu”"
    assert _notes(html) == []
    assert "No project matches these terms. Try fewer words or remove a filter." in html


# --- Queries, at two sizes.


def _matching_projects(count: int) -> None:
    funder = OrganisationFactory()
    lead = OrganisationFactory()
    projects = ProjectFactory.create_batch(count, name_fi="Nuorten hyvinvointi")
    for project in projects:
        FundingFactory(project=project, funder=funder)
        ImplementerFactory(project=project, organisation=lead, role=ImplementerRole.COORDINATOR)
        project.regions.add(region("uusimaa"), region("kainuu"))
    _indexed(*projects)


@pytest.mark.parametrize("count", [3, 15])
def test_results_page_query_count(client, django_assert_num_queries, count):
    _matching_projects(count)
    # Queries: 1 the vocabulary's terms of the words; for the typo, 2 whether it starts a
    # known term and 3 its candidates; 4 the number of matches; 5 the page's projects; 6-8
    # their lead implementers, fundings with funders, regions; 9-12 the filters' choices:
    # funders, programmes, regions, themes.
    with django_assert_num_queries(12):
        html = _search(client, "fi", q="nuorten hyvinvointia hyvinvontia")
    assert _heading(html).startswith(f"{count} ")
    assert len(find_all(html, "article")) == count


@pytest.mark.parametrize("count", [3, 15])
def test_did_you_mean_page_query_count(client, django_assert_num_queries, count):
    _matching_projects(count)
    # Queries: 1 the vocabulary's terms of the word; 2 whether it starts a known term; 3 its
    # candidates as a typo; 4 the number of matches (none: no page of projects is read);
    # 5 the candidates for "did you mean"; 6-9 the filters' choices: funders, programmes,
    # regions, themes.
    with django_assert_num_queries(9):
        html = _search(client, "fi", q="hyvinvxxxti")
    assert _heading(html).startswith("0 ")
    assert _notes(html)
