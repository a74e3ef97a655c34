"""`manage.py enrol_totp USERNAME`: set up a staff member's authenticator app from the
command line: the first superuser's, or anyone's whose phone was lost (their old app stops
working). In admin, a superuser does the same under "TOTP devices"."""

import io
from typing import Any

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Set up a new authenticator app for a staff member, replacing any they had, and print "
        "what to scan with it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username, is_staff=True).first()
        if user is None:
            raise CommandError(f"No staff member has the username {username!r}.")
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        self.stdout.write(
            f"Scan this with the authenticator app of {username} (or enter the address in it):"
        )
        code = qrcode.QRCode(border=1)
        code.add_data(device.config_url)
        picture = io.StringIO()
        code.print_ascii(out=picture, invert=True)
        self.stdout.write(picture.getvalue())
        self.stdout.write(device.config_url)
