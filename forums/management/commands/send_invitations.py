"""`manage.py send_invitations MEETING_ID [--group SLUG ...]`: invite people to a meeting."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from forums.invitations import invitations_create
from forums.models import Meeting


class Command(BaseCommand):
    help = (
        "Invite to a meeting everyone in the given stakeholder groups (default: the groups of "
        "the meeting's forum) who has not unsubscribed or been invited to it before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting_id", type=int)
        parser.add_argument(
            "--group", action="append", dest="groups", metavar="SLUG", help="repeat for more"
        )

    def handle(self, *args: Any, meeting_id: int, groups: list[str] | None, **options: Any) -> None:
        meeting = Meeting.objects.select_related("forum").filter(pk=meeting_id).first()
        if meeting is None:
            raise CommandError(f"There is no meeting {meeting_id}.")
        group_ids = None
        if groups:
            forum_groups = meeting.forum.stakeholder_groups.filter(slug__in=groups)
            found = dict(forum_groups.values_list("slug", "pk"))
            unknown = sorted(set(groups) - set(found))
            if unknown:
                raise CommandError(
                    f"Not stakeholder groups of this meeting's forum: {', '.join(unknown)}."
                )
            group_ids = list(found.values())
        report = invitations_create(meeting_id=meeting_id, group_ids=group_ids)
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} invitations queued; {report.already_invited} people were "
                "invited before and were not invited again."
            )
        )
