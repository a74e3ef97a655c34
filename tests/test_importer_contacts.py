"""People to contact read from a page's contact section, and the e-mail addresses and phone
numbers in any text, in one form the catalogue can compare."""

import time

import pytest

from projects.importer.contacts import contacts_in, emails_in, phones_in
from projects.importer.draft import ContactRow


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eveliina.rantanen@hdl.fi", "eveliina.rantanen@hdl.fi"),
        ("Hanna.Kivinen-Inkinen@HDL.fi", "hanna.kivinen-inkinen@hdl.fi"),
        ("hilkka.huisko(a)ekami.fi", "hilkka.huisko@ekami.fi"),
        ("name(at)example.org", "name@example.org"),
        ("name [at] example.org", "name@example.org"),
        ("name[at]example[dot]org", "name@example.org"),
        ("name (at) example (dot) org", "name@example.org"),
        ("first.last+hanke@sub.example.co.uk", "first.last+hanke@sub.example.co.uk"),
        ("sähköposti: mäki.örö@kunta.fi.", "mäki.örö@kunta.fi"),
    ],
)
def test_emails(text, expected):
    [(address, start, end)] = emails_in(text)
    assert address == expected
    assert text[start:end].lower().startswith(expected.split("@")[0])


@pytest.mark.parametrize(
    "text",
    [
        "",
        "@hanke on Twitterissä",
        "a@b.c",
        "hanke@localhost",
        "x@y.123",
        "Hanke (a) ja hanke (b)",
        "www.example.fi",
        "Puh. 040 755 5056",
    ],
)
def test_what_is_not_an_email(text):
    assert emails_in(text) == []


def test_every_email_in_order_with_its_characters():
    text = "Eveliina: eveliina.rantanen@hdl.fi, Hanna: hanna.kivinen-inkinen(a)hdl.fi"
    assert [(address, text[start:end]) for address, start, end in emails_in(text)] == [
        ("eveliina.rantanen@hdl.fi", "eveliina.rantanen@hdl.fi"),
        ("hanna.kivinen-inkinen@hdl.fi", "hanna.kivinen-inkinen(a)hdl.fi"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("040 755 5056", "+358 40 755 5056"),
        ("050 3279922", "+358 50 327 9922"),
        ("0403552192", "+358 40 355 2192"),
        ("044-1234567", "+358 44 123 4567"),
        ("+358 40 000 0000", "+358 40 000 0000"),
        ("+358 (0)40 123 4567", "+358 40 123 4567"),
        ("00358 40 123 4567", "+358 40 123 4567"),
        ("(09) 310 12345", "+358 9 310 12345"),
        ("09-310 12345", "+358 9 310 12345"),
        ("09 310 1234", "+358 9 310 1234"),
        ("029 533 1000", "+358 29 533 1000"),
        ("0295 331 000", "+358 29 533 1000"),
        ("020 634 0200", "+358 20 634 0200"),
        # A foreign number in the library's international format.
        ("+46 8 123 456 78", "+46 8 123 456 78"),
        # No-break spaces, as copied from a web page.
        ("040\u00a0755\u00a05056", "+358 40 755 5056"),
    ],
)
def test_phones(text, expected):
    for written in (text, f"Puh. {text}", f"tel. {text}, ", f"p.{text}"):
        [(number, start, end)] = phones_in(written)
        assert number == expected
        assert written[start:end] == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        # Dates, periods, amounts, years, postal codes and identifiers.
        "13.12.2017 - 31.12.2019",
        "1.3.2019–31.12.2021 ja 01.02.2016",
        "(10/2018-08/2020)",
        "2017–2019",
        "200000-400000 €",
        "640 000 €",
        "1 200 000 euroa",
        "00100 Helsinki",
        "OKM025:00/2022 VN/12345/2022 S21999",
        "EURA2014/1234/09 02 01 01/2016/ESR",
        # Too short or not a Finnish number.
        "040 12",
        "0 0 0 0 0 0 0 0",
        "123 456 7890",
    ],
)
def test_what_is_not_a_phone(text):
    assert phones_in(text) == []


def test_a_number_then_a_year_and_another_number():
    text = "040 755 5056 2021 050 123 4567"
    assert [(number, text[start:end]) for number, start, end in phones_in(text)] == [
        ("+358 40 755 5056", "040 755 5056"),
        ("+358 50 123 4567", "050 123 4567"),
    ]


def contacts(text, language="fi"):
    return [row for row, _spans in contacts_in(text, language)]


def test_title_and_name_on_one_line_and_a_hidden_address():
    text = (
        "Projektipäällikkö Hilkka Huisko\n"
        "Etelä-Kymenlaakson ammattiopisto\n"
        "hilkka.huisko(a)ekami.fi\n"
        "Puh. 040 755 5056                \n"
        "\n"
        "Jaa\n"
        "\n"
        "***"
    )
    [(row, spans)] = contacts_in(text, "fi")
    assert row == ContactRow(
        name="Hilkka Huisko",
        title="projektipäällikkö",
        organisation="Etelä-Kymenlaakson ammattiopisto",
        email="hilkka.huisko@ekami.fi",
        phone="+358 40 755 5056",
    )
    assert [text[start:end] for start, end in spans] == [
        "Projektipäällikkö",
        "Hilkka Huisko",
        "Etelä-Kymenlaakson ammattiopisto",
        "hilkka.huisko(a)ekami.fi",
        "040 755 5056",
    ]


def test_blank_lines_between_one_persons_fields_and_phone_and_email_on_one_line():
    text = (
        "Niina-Maria Lassila\n"
        "\n"
        "Oppilaitosnuorisotyöntekijöiden esihenkilö\n"
        "040 355 2192 niina-maria.lassila@vantaa.fi\n"
    )
    [(row, spans)] = contacts_in(text, "fi")
    assert row == ContactRow(
        name="Niina-Maria Lassila",
        title="oppilaitosnuorisotyöntekijöiden esihenkilö",
        email="niina-maria.lassila@vantaa.fi",
        phone="+358 40 355 2192",
    )
    assert [text[start:end] for start, end in spans] == [
        "Niina-Maria Lassila",
        "Oppilaitosnuorisotyöntekijöiden esihenkilö",
        "040 355 2192",
        "niina-maria.lassila@vantaa.fi",
    ]


def test_one_block_per_person_until_prose():
    text = (
        "Eveliina Rantanen\n"
        "projektipäällikkö\n"
        "eveliina.rantanen@hdl.fi\n"
        "puh. 050 3279922\n"
        "\n"
        "Hanna Kivinen-Inkinen\n"
        "hankekoordinaattori\n"
        "hanna.kivinen-inkinen@hdl.fi\n"
        "puh. 050 302 7979\n"
        "\n"
        "Lue seuraavaksi: uusimmat artikkelit\n"
        "Hankkeen tuloksista kerrotaan lisää syksyn seminaarissa Helsingissä.\n"
        "Matti Meikäläinen\n"
        "matti@example.fi\n"
    )
    assert contacts(text) == [
        ContactRow(
            name="Eveliina Rantanen",
            title="projektipäällikkö",
            email="eveliina.rantanen@hdl.fi",
            phone="+358 50 327 9922",
        ),
        ContactRow(
            name="Hanna Kivinen-Inkinen",
            title="hankekoordinaattori",
            email="hanna.kivinen-inkinen@hdl.fi",
            phone="+358 50 302 7979",
        ),
    ]


def test_a_person_on_one_line_split_at_commas():
    text = (
        "Hilkka Huisko, projektipäällikkö, Etelä-Kymenlaakson ammattiopisto, "
        "hilkka.huisko@ekami.fi, p. 040 755 5056"
    )
    assert contacts(text) == [
        ContactRow(
            name="Hilkka Huisko",
            title="projektipäällikkö",
            organisation="Etelä-Kymenlaakson ammattiopisto",
            email="hilkka.huisko@ekami.fi",
            phone="+358 40 755 5056",
        )
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Anna Virtanen\nProjektkoordinator\nanna@example.fi", "sv", "projektkoordinator"),
        ("Anna Virtanen\nHankekoordinaattori\nanna@example.fi", "fi", "hankekoordinaattori"),
        ("Anna Virtanen\nProject Manager\nanna@example.fi", "en", "Project Manager"),
        ("Anna Virtanen\nProject Manager\nanna@example.fi", "fi", "Project Manager"),
        ("Anna Virtanen\nIT-asiantuntija\nanna@example.fi", "fi", "IT-asiantuntija"),
        ("Project Manager Anna Virtanen\nanna@example.fi", "en", "Project Manager"),
        ("Rehtori Anna af Forselles\nanna@example.fi", "sv", "rehtori"),
    ],
)
def test_titles(text, language, expected):
    [row] = contacts(text, language)
    assert row.title == expected
    assert row.name in ("Anna Virtanen", "Anna af Forselles")


def test_organisation_without_a_title():
    [row] = contacts("Matti Meikäläinen\nVantaan kaupunki\n09 310 12345")
    assert (row.title, row.organisation, row.phone) == (
        None,
        "Vantaan kaupunki",
        "+358 9 310 12345",
    )


def test_lines_after_a_persons_address_are_not_theirs():
    text = "Matti Meikäläinen\nmatti@example.fi\n\nAvainsanat\n\nOpiskeluVaria"
    assert contacts(text) == [ContactRow(name="Matti Meikäläinen", email="matti@example.fi")]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Jaa\n\n***",
        "Lue seuraavaksi: uusimmat artikkelit",
        # The authors of a news item are not its contacts.
        "Kirjoittajat: Mirva Julkunen ja Jonna Malmivuori",
        # Prose is no person, however its words are capitalised.
        "Hankkeen tavoitteena on vähentää opintojen keskeyttämistä Varian koulutuksessa.",
        "Välitä! – Visa omtanke! – Sosiaalisen vastuullisuuden asiantuntijat kohtaavat",
        # A name with nothing else is not a contact (a heading, an author).
        "Round Table\n\nMatti Meikäläinen",
        # An address or a number with no name.
        "info@hanke.fi\n040 755 5056",
    ],
)
def test_what_is_not_a_contact(text):
    assert contacts_in(text, "fi") == []


def test_a_heading_before_prose_is_no_person():
    text = (
        "Cooperation Forums\n"
        "The forums bring together young people, parents and study counsellors in Uusimaa.\n"
        "Anna Virtanen\n"
        "anna@example.fi\n"
    )
    assert contacts(text, "en") == [ContactRow(name="Anna Virtanen", email="anna@example.fi")]


def test_a_megabyte_of_text_is_read_in_time():
    people = (
        "Projektipäällikkö Hilkka Huisko\nEtelä-Kymenlaakson ammattiopisto\n"
        "hilkka.huisko(a)ekami.fi\nPuh. 040 755 5056\n\n"
        "Niina-Maria Lassila\n\nOppilaitosnuorisotyöntekijöiden esihenkilö\n"
        "040 355 2192 niina-maria.lassila@vantaa.fi\n\n"
    )
    # Lines that are neither a person's nor prose, read and left alone.
    noise = "Jaa\n***\n" + "0 " * 40 + "\n" + "a@" * 40 + "\n13.12.2017 - 31.12.2019\n"
    text = (people + noise) * (1_000_000 // len(people + noise) + 1)  # whole blocks, 1 MB
    started = time.perf_counter()
    found = contacts_in(text, "fi")
    emails = emails_in(text)
    phones = phones_in(text)
    assert time.perf_counter() - started < 2
    assert len(text) >= 1_000_000
    assert len(found) == len(emails) == len(phones) == 2 * text.count("Niina-Maria Lassila\n")
