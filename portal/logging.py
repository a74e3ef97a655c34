"""Keeps the secrets of personal links out of the logs.

Django logs the path of every 4xx and 5xx answer (logger `django.request`, and `django.server`
under runserver). A path to a registration, an unsubscribe page or a personal invitation
carries a signed token that works as a key to someone's registration, so the token is
replaced before the record reaches any handler.
"""

import logging
import re

PERSONAL_LINK = re.compile(r"(/(?:registrations|unsubscribe)/)[^/\s?\"]+|(invitation=)[^&\s\"]+")


def redact(text: str) -> str:
    return PERSONAL_LINK.sub(lambda match: f"{match.group(1) or match.group(2)}[token]", text)


class RedactPersonalLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
