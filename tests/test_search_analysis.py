"""How words become search terms (projects.search.analysis), with each Finnish analyser the
settings may ask for: libvoikko and pyvoikko must answer the table alike, and the stemmer
fallback must still find exact and stemmed words and say in `manage.py check` what is lost.
The vocabulary is in test_search_vocabulary.py."""

from collections.abc import Callable, Iterator

import pytest
from django.core import checks

from projects.search import analysis
from projects.search.analysis import (
    finnish_terms,
    index_terms,
    lemma_terms,
    query_terms,
    stem,
    word_terms,
    words,
)

from .search_languages_catalogue import catalogue
from .test_search_languages import ROWS, YHESSA, _found

UseAnalyser = Callable[[str], None]


def _clear_caches() -> None:
    analysis.finnish_voikko.cache_clear()
    analysis.finnish_reading.cache_clear()
    analysis.ANALYSER_PROBLEMS.clear()


@pytest.fixture
def use_analyser(settings) -> Iterator[UseAnalyser]:
    """Set SEARCH_FINNISH_ANALYSER for the test, with the per-process caches emptied before
    and after (the next test's first call analyses with its own setting)."""

    def use(name: str) -> None:
        settings.SEARCH_FINNISH_ANALYSER = name
        _clear_caches()

    yield use
    _clear_caches()


def _warnings() -> set[str]:
    return {message.id for message in checks.run_checks() if message.id}


# --- Words and terms ---


def test_words_are_lower_cased_letters_and_digits_split_at_anything_else():
    assert words("Välitä! – Visa omtanke! OPH:n 2.aste -opintoihin") == [
        "välitä",
        "visa",
        "omtanke",
        "oph",
        "n",
        "2",
        "aste",
        "opintoihin",
    ]
    assert words("ÅBO Akademi, S21485") == ["åbo", "akademi", "s21485"]
    assert words(" – ") == []


def test_inflected_finnish_forms_have_one_lemma():
    assert lemma_terms("opiskelijoiden") == lemma_terms("opiskelijat") == ("opiskelija",)
    assert lemma_terms("perheiden") == lemma_terms("perheet") == ("perhe",)
    assert lemma_terms("osallisuuden") == ("osallisuus",)
    assert lemma_terms("valmennuksen") == ("valmennus",)


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("keskeyttämisriskissä", {"keskeyttämisriski", "keskeyttää", "riski"}),
        # Each run of parts too: "nuorisotyö" and "oppilaitos" find it.
        (
            "oppilaitosnuorisotyö",
            {"oppilaitosnuorisotyö", "nuoriso", "työ", "nuorisotyö", "oppilaitos"},
        ),
        ("maahanmuuttajataustaisille", {"maahanmuuttajataustainen", "maahanmuuttaja"}),
        # A part that is a derived noun is indexed as the noun the text says, not only as
        # the verb it is derived from: "valmennus" must find "ryhmävalmennus".
        ("ryhmävalmennuksen", {"ryhmävalmennus", "ryhmä", "valmennus"}),
        ("aikuisopiskelijoiden", {"aikuisopiskelija", "aikuinen", "opiskelija"}),
    ],
)
def test_a_finnish_compound_is_indexed_by_its_lemma_and_its_parts(word, parts):
    assert parts <= set(finnish_terms(word)) == word_terms(word, "fi")
    # The word as written is not a term of its own: a match on it and on its lemma would
    # count twice, and rank a body above a name.
    assert word in lemma_terms(word) or word not in word_terms(word, "fi")


def test_parts_shorter_than_three_letters_are_not_indexed():
    assert all(len(term) >= analysis.SHORTEST_PART for term in finnish_terms("oppilaitos"))


def test_swedish_and_english_words_are_indexed_by_their_stems():
    assert stem("familjerna", "sv") == stem("familjer", "sv") == stem("familj", "sv")
    assert stem("studerandes", "sv") == stem("studerande", "sv")
    assert stem("students", "en") == stem("student", "en")
    assert stem("families", "en") == stem("family", "en")
    assert word_terms("familjerna", "sv") == {stem("familjerna", "sv")} == {"familj"}


def test_index_terms_are_each_words_terms_in_order():
    terms = list(index_terms("Perheiden foorumit", "fi"))
    assert terms == [*sorted(word_terms("perheiden", "fi")), *sorted(word_terms("foorumit", "fi"))]
    assert terms == ["perhe", "foorumi"]
    # A word Voikko does not know is its own term.
    assert list(index_terms("OPH S21485", "fi")) == ["oph", "s21485"]


def test_a_query_word_is_looked_for_by_its_lemmas_and_stems_not_by_its_parts():
    terms = query_terms("keskeyttämisriskissä")
    assert {"keskeyttämisriskissä", "keskeyttämisriski"} <= terms
    assert "riski" not in terms
    assert "keskeyttää" not in terms
    assert not {"nuoriso", "työ", "oppi"} & query_terms("oppilaitosnuorisotyö")
    # A Swedish or English word typed on the Finnish page is stemmed as such.
    assert stem("familjerna", "sv") in query_terms("familjerna")
    assert stem("students", "en") in query_terms("students")


# --- The analysers ---

FINNISH_ROWS = [
    "fi-plural-genitive",
    "fi-allative-of-a-derived-word",
    "fi-plural-with-a-changing-stem",
    "fi-osallisuuden",
    "fi-valmennuksen",
    "fi-compound-ryhmavalmennus",
    "fi-part-riski-of-keskeyttamisriski",
    "fi-part-nuoriso-of-oppilaitosnuorisotyontekijat",
    "fi-nuorten-hyvinvointi",
    "typo-one-letter-missing",
]


@pytest.mark.django_db
@pytest.mark.parametrize("analyser", ["libvoikko", "pyvoikko"])
@pytest.mark.parametrize("row_id", FINNISH_ROWS)
def test_both_voikko_bindings_give_the_tables_answers(use_analyser, analyser, row_id):
    use_analyser(analyser)
    assert analysis.analyser_name() == analyser
    row = ROWS[row_id]
    catalogue()

    found = _found(row.query)

    assert set(found) == row.found
    if row.first is not None:
        assert set(found[: len(row.first)]) == row.first


ALIKE_WORDS = [
    "opiskelijoiden",
    "perheiden",
    "keskeyttämisriskissä",
    "maahanmuuttajataustaisille",
    "ryhmävalmennuksen",
    "oppilaitosnuorisotyötä",
    "aikuisopiskelijoiden",
    "hyvinvointijohtamista",
]


def test_both_voikko_bindings_analyse_alike(use_analyser):
    readings = {}
    for analyser in ("libvoikko", "pyvoikko"):
        use_analyser(analyser)
        assert analysis.analyser_name() == analyser
        readings[analyser] = {
            word: (lemma_terms(word), finnish_terms(word)) for word in ALIKE_WORDS
        }
    assert readings["libvoikko"] == readings["pyvoikko"]
    assert readings["pyvoikko"]["perheiden"][0] == ("perhe",)
    assert {"keskeyttää", "riski"} <= set(readings["pyvoikko"]["keskeyttämisriskissä"][1])


@pytest.mark.django_db
def test_with_voikko_the_check_has_nothing_to_say(use_analyser):
    use_analyser("auto")
    assert "projects.W001" not in _warnings()


@pytest.mark.django_db
def test_the_stemmer_alone_still_finds_exact_and_stemmed_words_and_the_check_warns(
    use_analyser,
):
    use_analyser("stemmer")
    assert analysis.analyser_name() == "stemmer"
    projects = catalogue()

    # The word as written.
    assert set(_found("OmaPolku")) == {"omapolku"}
    assert set(_found("opiskelijoiden")) == {
        YHESSA,
        "valita-visa-omtanke",
        "keskeyttamisesta-kohtaamiseen",
        "vamos",
    }
    # Stemmed: "opiskelijat" and "yhteistyö" are in no text as typed.
    assert set(_found("opiskelijat")) == set(_found("opiskelijoiden"))
    assert set(_found("yhteistyötä")) == {"omapolku"}
    # Swedish and English are stemmed as before.
    assert set(_found("familjerna")) == {"omapolku"}
    assert set(_found("students")) == {YHESSA, "keskeyttamisesta-kohtaamiseen"}
    assert len(projects) == 6

    warnings = [message for message in checks.run_checks() if message.id == "projects.W001"]
    assert len(warnings) == 1
    assert warnings[0].level == checks.WARNING
    assert "SEARCH_FINNISH_ANALYSER asks for the stemmer alone" in (warnings[0].hint or "")


@pytest.mark.django_db
def test_an_analyser_that_cannot_be_loaded_falls_back_and_the_check_says_why(use_analyser):
    use_analyser("no-such-analyser")
    assert analysis.analyser_name() == "stemmer"
    (warning,) = [message for message in checks.run_checks() if message.id == "projects.W001"]
    assert "no such analyser" in (warning.hint or "")
    assert lemma_terms("opiskelijoiden") == (stem("opiskelijoiden", "fi"),)
