"""A page's text as people hand it over: a file or a paste, which may be no text at all."""

from django.utils.translation import gettext as _

# A project page is a few kilobytes; a register record with its annexes a few hundred. Text
# beyond this is not one page, and reading it would only keep a person waiting.
MAX_BYTES = 300_000


class NotPageText(ValueError):
    """The input cannot be read as one page's text; the message says why, for people."""


def page_text(data: bytes | str) -> str:
    """The text of one page, with its line ends made uniform. Refuses, with a message for
    people, what is empty, too long to be one page, or not text (a PDF, an image, a
    spreadsheet)."""
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_BYTES:
        raise NotPageText(
            _("The text is %(size)s kB long: give the text of one page, at most %(limit)s kB.")
            % {"size": len(data) // 1000, "limit": MAX_BYTES // 1000}
        )
    if b"\x00" in data or data.startswith(b"%PDF") or _mostly_control(data):
        raise NotPageText(
            _("This is not plain text (a PDF, an image or a spreadsheet?): copy the page's text.")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves five bytes undefined
        raise NotPageText(_("The text's encoding is not known: save it as UTF-8."))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if not text.strip():
        raise NotPageText(_("The text is empty."))
    return text


def _mostly_control(data: bytes) -> bool:
    """Binary data without NUL bytes: more than one byte in a hundred is a control code other
    than a tab or a line end."""
    controls = sum(1 for byte in data[:10_000] if byte < 32 and byte not in (9, 10, 12, 13))
    return controls * 100 > min(len(data), 10_000)
