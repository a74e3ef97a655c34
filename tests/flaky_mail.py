"""An e-mail backend for tests that fails on demand, as a busy or refusing SMTP server would."""

from collections.abc import Sequence
from typing import ClassVar

from django.core.mail import EmailMessage
from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    """Delivers like the test backend, except that each send first raises the next of
    `errors` while there are any."""

    errors: ClassVar[list[Exception]] = []

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if FlakyBackend.errors:
            raise FlakyBackend.errors.pop(0)
        return super().send_messages(email_messages)
