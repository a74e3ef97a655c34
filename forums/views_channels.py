"""The short links staff share for a meeting, one per outreach channel."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect

from .channels import channel_to_follow

# The name of the query parameter, and of the registration form's hidden field, that carries
# the channel's code from the short link to the registration.
CHANNEL_PARAMETER = "via"


def channel_follow(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """To the meeting's page in the visitor's language (their language cookie or their
    browser's, as LocaleMiddleware chose it), with the channel's code for its form to carry;
    nothing is stored about the visitor."""
    channel = channel_to_follow(code=code)
    query = urlencode({CHANNEL_PARAMETER: channel.code})
    return HttpResponseRedirect(f"{channel.meeting.get_absolute_url()}?{query}#register-title")
