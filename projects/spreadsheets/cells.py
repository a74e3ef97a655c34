"""What a spreadsheet's cells hold and how they are read back: texts safe from formulas,
dates and amounts as people type them, and related rows named as a person names them (a
directory of each model's rows by slug, code, name or short name)."""

import datetime
import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets

from portal.open_data import FORMULA_STARTS, spreadsheet_cell

from ..models import IdentifierScheme, ImplementerRole, Keyword, ProjectIdentifier

LANGUAGES = ("fi", "sv", "en")
# Between the items of a list in one cell.
LIST_SEPARATOR = "; "
UNKNOWN = gettext_lazy(
    'Nothing in the catalogue is called "%(name)s". Check the spelling, or add it in admin first.'
)
AMBIGUOUS = gettext_lazy(
    'Several rows are called "%(name)s": write the slug or code of the one you mean (%(keys)s).'
)


class Directory:
    """The rows of a model by what a person writes for them: the slug or code exactly, else a
    name in any language, else a short name (case does not matter). Read once per file."""

    def __init__(self, model: type[models.Model], key: str, short: str = "") -> None:
        self.model, self.key, self.short = model, key, short
        self.levels: list[dict[str, set[int]]] | None = None
        self.labels: dict[int, tuple[str, str]] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> "Directory":
        # Each resource reads the rows afresh.
        return Directory(self.model, self.key, self.short)

    def forget(self) -> None:
        self.levels = None

    def _index(self) -> list[dict[str, set[int]]]:
        if self.levels is None:
            self.levels = [{}, {}, {}]
            columns = [self.key, *(f"name_{language}" for language in LANGUAGES)]
            for pk, key, *names in self.model._default_manager.values_list(
                "pk", *columns, *([self.short] if self.short else [])
            ):
                short = names.pop() if self.short else ""
                self.labels[pk] = (key, names[0] or "")
                self.levels[0].setdefault(key, set()).add(pk)
                for name in {*names, short} - {None, ""}:
                    level = self.levels[2 if name == short else 1]
                    level.setdefault(name.casefold(), set()).add(pk)
        return self.levels

    def find(self, text: str) -> int:
        text = text.strip()
        for level, wanted in zip(
            self._index(), (text, text.casefold(), text.casefold()), strict=True
        ):
            found = level.get(wanted, set())
            if len(found) == 1:
                return next(iter(found))
            if found:
                keys = ", ".join(sorted(self.labels[pk][0] for pk in found))
                raise ValueError(AMBIGUOUS % {"name": text, "keys": keys})
        raise ValueError(UNKNOWN % {"name": text})

    def key_of(self, pk: int) -> str:
        self._index()
        return self.labels[pk][0]

    def label(self, pk: int) -> str:
        """The row's name when the name finds it again, else its slug or code."""
        key, name = self.key_of(pk), self.labels[pk][1]
        if not name or any(mark in name for mark in ";/"):
            return key
        try:
            return name if self.find(name) == pk else key
        except ValueError:
            return key


# --- Cells.


class TextWidget(widgets.CharWidget):
    """Text as typed. Text that a spreadsheet would run as a formula is written after an
    apostrophe (portal.open_data.spreadsheet_cell), which an import takes off again. An XLSX
    cell holds text as text: only "=" would make it a formula there."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        text = super().clean(value, row, **kwargs)
        if text and text[0] == "'" and text[1:2] in FORMULA_STARTS:
            return text[1:]
        return text

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> Any:
        text = super().render(value, obj, **kwargs)
        if not isinstance(text, str):
            return text
        if kwargs.get("force_native_type"):
            return f"'{text}" if text[:1] == "=" else text
        return spreadsheet_cell(text)


class DayWidget(widgets.DateWidget):
    """ISO dates out; in also 13.12.2017, 10/2018 and 2019 as the portal shows them, and the
    dates a spreadsheet keeps as dates."""

    PATTERNS = (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})", (1, 2, 3)),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", (3, 2, 1)),
        (r"(\d{1,2})/(\d{4})", (2, 1, 0)),
        (r"(\d{4})", (1, 0, 0)),
    )

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for pattern, order in self.PATTERNS:
            if match := re.fullmatch(pattern, text):
                parts = [int(match.group(index)) if index else 1 for index in order]
                try:
                    return datetime.date(*parts)
                except ValueError:
                    break
        raise ValueError(_('"%(value)s" is not a date: write it as 2024-08-31.') % {"value": text})


class AmountWidget(widgets.DecimalWidget):
    """Euros with a decimal comma or point; a spreadsheet's numbers as they are."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        if value is None or str(value).strip() == "":
            return None
        text = re.sub(r"[\s\u00a0€]", "", str(value))
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                _('"%(value)s" is not an amount in euros.') % {"value": value}
            ) from None
        # 12500 and 12500.5 read as the 12500.00 and 12500.50 that an export writes.
        if amount.is_finite() and amount.as_tuple().exponent in (-1, 0):
            return amount.quantize(Decimal("0.01"))
        return amount


class YesNoWidget(widgets.BooleanWidget):
    """1 or 0 (true or false); an empty cell is the field's default, anything else an error."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        value = value.strip() if isinstance(value, str) else value
        if value in self.NULL_VALUES:
            return None
        if value in self.TRUE_VALUES or value in self.FALSE_VALUES:
            return value in self.TRUE_VALUES
        raise ValueError(_('Write 1 for yes or 0 for no, not "%(value)s".') % {"value": value})


class KeyWidget(widgets.Widget):
    """A foreign key (its id) written as a directory names it."""

    def __init__(self, directory: Directory, by_key: bool = False) -> None:
        super().__init__()
        self.directory, self.by_key = directory, by_key

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        return self.directory.find(str(value)) if str(value or "").strip() else None

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return self.directory.key_of(value) if self.by_key else self.directory.label(value)


class ListWidget(widgets.Widget):
    """Related rows as a list in one cell. An import writes them itself (the fields are read
    only to the library), so it compares what the cell says with the rows there are."""

    ordered = False  # whether the order of the items is kept
    repeats = False  # whether an item may be there twice

    def items(self, related: Any) -> list[Any]:
        raise NotImplementedError

    def text(self, item: Any) -> str:
        return str(item)

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def key(self, item: Any) -> Any:
        """What tells two items apart."""
        return item

    def split(self, value: str) -> list[str]:
        return value.split(";")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[Any]:
        items: list[Any] = []
        problems: list[str] = []
        for part in self.split(str(value or "")):
            try:
                item = self.parse(part.strip()) if part.strip() else None
            except ValueError as error:
                problems.append(str(error))
                continue
            if item is not None and (self.repeats or self.key(item) not in map(self.key, items)):
                items.append(item)
        if problems:
            raise ValidationError(problems)
        return items

    def current(self, related: Any) -> list[Any]:
        try:
            return self.items(related) if related is not None else []
        except ValueError:  # a row not saved yet has no related rows
            return []

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return LIST_SEPARATOR.join(map(self.text, self.current(value)))

    def same(self, items: list[Any], related: Any) -> bool:
        wanted, current = map(self.key, items), map(self.key, self.current(related))
        return (
            list(wanted) == list(current) if self.ordered else Counter(wanted) == Counter(current)
        )


class NamesWidget(ListWidget):
    def __init__(self, directory: Directory) -> None:
        super().__init__()
        self.directory = directory

    def items(self, related: Any) -> list[Any]:
        return [row.pk for row in related.all()]

    def text(self, item: Any) -> str:
        return self.directory.label(item)

    def parse(self, text: str) -> Any:
        return self.directory.find(text)


class KeywordsWidget(ListWidget):
    """Keywords by name; a new one is added, as an editor may in admin."""

    def items(self, related: Any) -> list[Any]:
        return [keyword.name for keyword in related.all()]

    def key(self, item: Any) -> Any:
        return item.casefold()

    def parse(self, text: str) -> Any:
        if len(text) > Keyword._meta.get_field("name").max_length:  # type: ignore[operator]
            raise ValueError(_('The keyword "%(keyword)s" is too long.') % {"keyword": text})
        return text


class IdentifiersWidget(ListWidget):
    """scheme: value; scheme: value (a source page's address may hold a semicolon)."""

    def items(self, related: Any) -> list[Any]:
        return [(identifier.scheme, identifier.value) for identifier in related.all()]

    def text(self, item: Any) -> str:
        return f"{item[0]}: {item[1]}"

    def split(self, value: str) -> list[str]:
        return re.split(r";(?=\s*[a-z0-9_]+\s*:)", value)

    def parse(self, text: str) -> Any:
        scheme, colon, value = text.partition(":")
        scheme = scheme.strip().lower()
        if not colon or scheme not in IdentifierScheme.values:
            raise ValueError(
                _('Write "%(text)s" as scheme: value, with one of the schemes %(schemes)s.')
                % {"text": text, "schemes": ", ".join(IdentifierScheme.values)}
            )
        identifier = ProjectIdentifier(scheme=scheme, value=value)
        try:
            identifier.clean()
        except ValidationError as error:
            problem = " ".join(error.messages)
            raise ValueError(
                _("%(text)s: %(problem)s") % {"text": text, "problem": problem}
            ) from None
        return (scheme, identifier.value)


def _role(text: str) -> str | None:
    wanted = text.strip().casefold()
    if wanted in ImplementerRole.values:
        return wanted
    for language in LANGUAGES:
        with translation.override(language):
            for value, label in ImplementerRole.choices:
                if str(label).casefold() == wanted:
                    return str(value)
    return None


class ImplementersWidget(ListWidget):
    """Organisation (role); Organisation (role): in the order the project page gives them."""

    ordered = True

    def __init__(self, organisations: Directory) -> None:
        super().__init__()
        self.organisations = organisations

    def items(self, related: Any) -> list[Any]:
        return [(row.organisation_id, row.role) for row in related.all()]

    def text(self, item: Any) -> str:
        return f"{self.organisations.label(item[0])} ({item[1]})"

    def parse(self, text: str) -> Any:
        match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", text)
        role = _role(match.group(2)) if match else None
        if match and role:
            return (self.organisations.find(match.group(1)), role)
        try:
            return (self.organisations.find(text), ImplementerRole.NOT_STATED.value)
        except ValueError:
            if match is None:
                raise
        raise ValueError(
            _('"%(role)s" is not a role: use one of %(roles)s.')
            % {"role": match.group(2), "roles": ", ".join(ImplementerRole.values)}
        )


class FundersWidget(ListWidget):
    """Funder / intermediary / programme; the last two may be left out."""

    repeats = True

    def __init__(self, organisations: Directory, programmes: Directory) -> None:
        super().__init__()
        self.organisations, self.programmes = organisations, programmes

    def items(self, related: Any) -> list[Any]:
        return [(row.funder_id, row.intermediary_id, row.programme_id) for row in related.all()]

    def text(self, item: Any) -> str:
        funder, intermediary, programme = item
        text = self.organisations.label(funder)
        if intermediary or programme:
            text += f" / {self.organisations.label(intermediary)}" if intermediary else " /"
        return f"{text} / {self.programmes.label(programme)}" if programme else text

    def parse(self, text: str) -> Any:
        parts = [part.strip() for part in text.split("/")]
        if len(parts) > 3 or not parts[0]:
            raise ValueError(
                _('Write "%(text)s" as funder / intermediary / programme.') % {"text": text}
            )
        parts += [""] * (3 - len(parts))
        funder = self.organisations.find(parts[0])
        intermediary = self.organisations.find(parts[1]) if parts[1] else None
        if intermediary == funder:
            raise ValueError(_("The intermediary must be another organisation."))
        return (funder, intermediary, self.programmes.find(parts[2]) if parts[2] else None)
