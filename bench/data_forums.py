"""The benchmark data generator's forums (bench/data.py) and their meetings, past and
upcoming, with their languages and seats per group."""

import datetime
import zoneinfo

from forums.models import Forum, GroupQuota, Meeting, MeetingStatus, StakeholderGroup

from .data_helpers import _cap, _insert, _Slugs
from .data_names import INTERPRETED, STREETS, TOWNS, VENUES
from .data_state import _GeneratorBase
from .data_text import WHO, _Words

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


class _Forums(_GeneratorBase):
    """The forums, then their meetings."""

    # Forums and their meetings, past and upcoming.

    def forums(self) -> None:
        rng = self.rng
        slugs = _Slugs(Forum.objects.values_list("slug", flat=True))
        published = [number for number, info in enumerate(self.project_infos) if info.published]
        organisers = rng.sample(published, min(self.sizes.forums, len(published)))
        rows, group_sets, region_sets = [], [], []
        for number in organisers:
            words = self.project_words[number]
            who, who2 = words.who, rng.choice(WHO)
            name_fi = f"{_cap(who.gen)} ja {who2.gen} yhteistyöfoorumi {words.region}"
            rows.append(
                Forum(
                    project_id=self.project_infos[number].pk,
                    slug=slugs(name_fi),
                    name_fi=name_fi,
                    name_en=f"Cooperation forum for {who.en} and {who2.en}"
                    if rng.random() < 0.6
                    else "",
                    purpose_fi=words.paragraph("fi", 3),
                    purpose_en=words.paragraph("en", 2) if rng.random() < 0.5 else "",
                )
            )
            group_sets.append(rng.sample(self.groups, rng.randint(2, len(self.groups))))
            region_sets.append(self.project_infos[number].region_indexes[:2])
        self.forum_rows = _insert(Forum, rows)
        self.forum_groups = group_sets
        self.forum_regions = region_sets
        GroupLink = Forum.stakeholder_groups.through
        RegionLink = Forum.regions.through
        _insert(
            GroupLink,
            (
                GroupLink(forum_id=forum.pk, stakeholdergroup_id=group.pk)
                for forum, groups in zip(self.forum_rows, group_sets, strict=True)
                for group in groups
            ),
        )
        _insert(
            RegionLink,
            (
                RegionLink(forum_id=forum.pk, region_id=self.regions[index].pk)
                for forum, indexes in zip(self.forum_rows, region_sets, strict=True)
                for index in indexes
            ),
        )
        self.log(f"forums: {len(self.forum_rows):,}")

    def _meeting_start(self, day_offset: int) -> datetime.datetime:
        day = self.today + datetime.timedelta(days=day_offset)
        # Weekdays only: move Saturdays and Sundays to the Monday after.
        if day.weekday() >= 5:
            day += datetime.timedelta(days=7 - day.weekday())
        hour = self.rng.choice([9, 13, 17, 17, 18])
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)

    def meetings(self) -> None:
        rng = self.rng
        forums = self.forum_rows
        counts = [1] * len(forums)
        for _ in range(self.sizes.meetings - len(forums)):
            counts[rng.randrange(len(forums))] += 1
        rows: list[Meeting] = []
        self.meeting_groups: list[list[StakeholderGroup]] = []
        for forum_number, (forum, count) in enumerate(zip(forums, counts, strict=True)):
            offsets = sorted(rng.randint(-730, 365) for _ in range(count))
            # Every forum with two meetings or more has one behind it and one ahead.
            if count >= 2:
                offsets[0] = min(offsets[0], -rng.randint(7, 200))
                offsets[-1] = max(offsets[-1], rng.randint(3, 40))
            for offset in offsets:
                starts_at = self._meeting_start(offset)
                ends_at = starts_at + datetime.timedelta(hours=rng.choice([2, 2, 3]))
                past = ends_at < self.now
                status = (
                    rng.choices(
                        [MeetingStatus.COMPLETED, MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED],
                        [92, 5, 3],
                    )[0]
                    if past
                    else rng.choices([MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED], [96, 4])[0]
                )
                online = rng.random() < 0.3
                nominative, _genitive, region_slug = rng.choice(TOWNS)
                if not online and self.forum_regions[forum_number]:
                    region_index = self.forum_regions[forum_number][0]
                    local = [town for town in TOWNS if town[2] == self.regions[region_index].slug]
                    if local:
                        nominative, _genitive, region_slug = rng.choice(local)
                opens = starts_at - datetime.timedelta(days=45) if rng.random() < 0.7 else None
                closes = starts_at - datetime.timedelta(days=2) if rng.random() < 0.6 else None
                words = _Words(rng, region_slug)
                rows.append(
                    Meeting(
                        forum_id=forum.pk,
                        title_fi=f"{_cap(words.topic.nom)} ja {words.who.nom}"
                        if rng.random() < 0.4
                        else "",
                        description_fi=words.paragraph("fi", 2) if rng.random() < 0.5 else "",
                        starts_at=starts_at,
                        ends_at=ends_at,
                        venue="" if online else f"{nominative}n {rng.choice(VENUES)}",
                        address="" if online else f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
                        municipality="" if online else nominative,
                        region=None if online else self.regions[self.region_index[region_slug]],
                        online_url=f"https://meet.example.org/{forum.slug}-{len(rows)}"
                        if online
                        else "",
                        interpretation_on_request=rng.random() < 0.8,
                        capacity=rng.choice([30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300]),
                        invitation_only=rng.random() < 0.05,
                        registration_opens_at=opens,
                        registration_closes_at=closes,
                        status=status,
                    )
                )
                self.meeting_groups.append(self.forum_groups[forum_number])
        self.meeting_rows = _insert(Meeting, rows)

        Spoken = Meeting.languages.through
        Interpreted = Meeting.interpretation_languages.through
        spoken, interpreted, quotas = [], [], []
        self.meeting_quotas: list[dict[int, int]] = []
        for meeting, groups in zip(self.meeting_rows, self.meeting_groups, strict=True):
            codes = ["fi"] + [
                code for code, share in (("sv", 0.1), ("en", 0.3)) if rng.random() < share
            ]
            spoken += [
                Spoken(meeting_id=meeting.pk, language_id=self.languages[c].pk) for c in codes
            ]
            interpreted += [
                Interpreted(meeting_id=meeting.pk, language_id=self.languages[code].pk)
                for code in rng.sample(INTERPRETED, rng.randint(0, 3))
            ]
            meeting_quotas: dict[int, int] = {}
            if rng.random() < 0.2:
                # Seats per group so that no group outnumbers the others.
                for group in groups:
                    meeting_quotas[group.pk] = meeting.capacity // len(groups)
                    quotas.append(
                        GroupQuota(
                            meeting_id=meeting.pk,
                            group_id=group.pk,
                            seats=meeting.capacity // len(groups),
                        )
                    )
            self.meeting_quotas.append(meeting_quotas)
        _insert(Spoken, spoken)
        _insert(Interpreted, interpreted)
        _insert(GroupQuota, quotas)
        upcoming = sum(1 for meeting in self.meeting_rows if meeting.ends_at >= self.now)
        self.log(
            f"meetings: {len(self.meeting_rows):,} ({upcoming:,} upcoming), "
            f"languages: {len(spoken) + len(interpreted):,}, group quotas: {len(quotas):,}"
        )
