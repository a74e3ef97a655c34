"""The benchmark data generator's registrations (bench/data.py): confirmed in order while
seats last, then the waiting list, with some cancelled."""

import base64
import datetime
import random
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings

from forums.models import Meeting, Registration, RegistrationStatus

from .data_helpers import _allocate, _ascii, _insert_streamed
from .data_names import FIRST_NAMES, LAST_NAMES, REGISTRATION_LANGUAGES
from .data_state import _GeneratorBase


class _Registrations(_GeneratorBase):
    """The registrations for the meetings."""

    # Registrations: confirmed in order while seats last, then the waiting list.

    def _registration_window(self, meeting: Meeting) -> tuple[datetime.datetime, datetime.datetime]:
        opens = meeting.registration_opens_at or meeting.starts_at - datetime.timedelta(days=60)
        closes = min(meeting.registration_closes_at or meeting.starts_at, self.now)
        return opens, closes

    def registrations(self) -> None:
        rng = self.rng
        weights = []
        for meeting in self.meeting_rows:
            opens, closes = self._registration_window(meeting)
            if closes <= opens:
                weights.append(0.0)  # registration has not opened yet
            elif meeting.ends_at < self.now:
                weights.append(meeting.capacity * rng.uniform(0.8, 1.6))
            else:
                share = (closes - opens) / (
                    (meeting.registration_closes_at or meeting.starts_at) - opens
                )
                weights.append(meeting.capacity * rng.uniform(0.3, 1.3) * max(share, 0.05))
        counts = _allocate(rng, self.sizes.registrations, weights)
        # The cancel tokens are secrets in real life; here they only have to be unique, also
        # in a second run with the same seed (--force), and repeatable.
        token_rng = random.Random(f"tokens:{self.seed}:{Registration.objects.count()}")  # noqa: S311
        language_codes = [code for code, _weight in REGISTRATION_LANGUAGES]
        language_weights = [weight for _code, weight in REGISTRATION_LANGUAGES]
        consent_version = settings.REGISTRATION_CONSENT_VERSION
        statuses: dict[str, int] = defaultdict(int)

        def rows() -> Iterator[Registration]:
            for meeting, groups, quotas, count in zip(
                self.meeting_rows, self.meeting_groups, self.meeting_quotas, counts, strict=True
            ):
                if not count:
                    continue
                opens, closes = self._registration_window(meeting)
                span = (closes - opens).total_seconds()
                times = sorted(
                    opens + datetime.timedelta(seconds=int(rng.random() * span))
                    for _ in range(count)
                )
                confirmed = 0
                confirmed_by_group: dict[int, int] = defaultdict(int)
                previous_email = ""
                previous_cancelled = False
                for number, created_at in enumerate(times):
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    email = f"{_ascii(first)}.{_ascii(last)}.{number}@example.org"
                    if previous_cancelled and rng.random() < 0.2:
                        email = previous_email  # cancelled, then registered again
                    group = rng.choice(groups)
                    cancelled_at = None
                    if rng.random() < 0.06:
                        status = RegistrationStatus.CANCELLED
                        cancelled_at = min(
                            created_at + datetime.timedelta(hours=rng.randint(1, 120)),
                            self.now,
                            meeting.starts_at,
                        )
                    elif confirmed < meeting.capacity and (
                        group.pk not in quotas or confirmed_by_group[group.pk] < quotas[group.pk]
                    ):
                        status = RegistrationStatus.CONFIRMED
                        confirmed += 1
                        confirmed_by_group[group.pk] += 1
                    else:
                        status = RegistrationStatus.WAITING
                    statuses[status] += 1
                    previous_email, previous_cancelled = (
                        email,
                        status == RegistrationStatus.CANCELLED,
                    )
                    code = rng.choices(language_codes, language_weights)[0]
                    ui_language = (
                        code if code in ("fi", "sv", "en") else rng.choice(["fi", "fi", "en"])
                    )
                    interpreter = (
                        self.languages[code]
                        if code not in ("fi", "sv", "en") and rng.random() < 0.4
                        else None
                    )
                    yield Registration(
                        meeting_id=meeting.pk,
                        name=f"{first} {last}",
                        email=email,
                        phone=f"+358 50 {rng.randint(1000000, 9999999)}"
                        if rng.random() < 0.3
                        else "",
                        group_id=group.pk,
                        organisation=rng.choice(self.runners).name_fi  # type: ignore[attr-defined]
                        if rng.random() < 0.3
                        else "",
                        language_id=self.languages[code].pk,
                        ui_language=ui_language,
                        interpreter_language=interpreter,
                        needs="Pyörätuolipaikka" if rng.random() < 0.03 else "",
                        consent_at=created_at,
                        consent_version=consent_version,
                        status=status,
                        address_confirmed_at=created_at,
                        cancel_token=base64.urlsafe_b64encode(token_rng.randbytes(32))
                        .rstrip(b"=")
                        .decode(),
                        created_at=created_at,
                        cancelled_at=cancelled_at,
                    )

        total = _insert_streamed(Registration, rows())
        self.log(
            f"registrations: {total:,} (confirmed {statuses['confirmed']:,}, "
            f"waiting {statuses['waiting']:,}, cancelled {statuses['cancelled']:,})"
        )
