"""Checks on what people type that go into e-mails, exports and admin lists."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Joiners that Persian, Kurdish (Sorani) and other scripts need inside words: format
# characters too, but part of how names in those languages are written.
WORD_JOINERS = {"\u200c", "\u200d"}


def no_invisible_characters(value: str) -> None:
    """Refuse control characters (line breaks included) and the other invisible ones (bidi
    overrides such as U+202E, zero-width spaces): they only hide or rearrange what staff and
    the person see, in admin, in exports and in the greeting of an e-mail."""
    for character in value:
        category = unicodedata.category(character)
        if category == "Cc" or (category == "Cf" and character not in WORD_JOINERS):
            raise ValidationError(
                _("Remove the line breaks and other invisible characters."), code="invisible"
            )
