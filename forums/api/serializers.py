"""What the API tells of forums and meetings: what their public pages show, never who
registered or was invited, and never the online link (tests/test_api_privacy.py)."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from projects.api.languages import TranslatedField, TranslatedModelSerializer
from projects.api.serializers import LinkField, RegionRefSerializer
from projects.api.serializers_projects import ProjectRefSerializer

from ..models import Forum, GroupQuota, Language, Meeting, MeetingStatus, StakeholderGroup
from ..models.meetings import Availability

AVAILABILITY_CHOICES = [Availability.AVAILABLE, Availability.FEW, Availability.FULL]


class StakeholderGroupSerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = StakeholderGroup
        fields = ["slug", "name"]


class LanguageSerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Language
        fields = ["code", "name", "native_name"]


class ForumRefSerializer(TranslatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:forum-detail", lookup_field="slug")
    name = TranslatedField()

    class Meta:
        model = Forum
        fields = ["url", "slug", "name"]


class MeetingRefSerializer(TranslatedModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:meeting-detail")
    title = TranslatedField(help_text="Empty when the meeting goes by its forum's name.")

    class Meta:
        model = Meeting
        fields = ["url", "id", "title", "starts_at", "ends_at", "status"]


class MeetingSerializer(MeetingRefSerializer):
    """A meeting as its card on the forums page shows it."""

    page = LinkField("forums:meeting", lookup="pk")
    calendar = LinkField("forums:meeting_ics", lookup="pk")
    forum = ForumRefSerializer()
    description = TranslatedField()
    region = RegionRefSerializer(allow_null=True)
    online = serializers.SerializerMethodField(
        help_text="Whether one can take part online: the link goes to registrants only."
    )
    languages = LanguageSerializer(many=True, help_text="The languages spoken.")
    interpretation_languages = LanguageSerializer(
        many=True, help_text="Languages interpreted into."
    )
    registration_closes_at = serializers.DateTimeField(source="closes_at")
    registration_open = serializers.SerializerMethodField()
    availability = serializers.SerializerMethodField(
        help_text="Seats left, said coarsely; null unless the meeting is scheduled."
    )

    class Meta(MeetingRefSerializer.Meta):
        fields = [
            *MeetingRefSerializer.Meta.fields,
            "page",
            "calendar",
            "forum",
            "description",
            "venue",
            "address",
            "municipality",
            "region",
            "online",
            "languages",
            "interpretation_languages",
            "interpretation_on_request",
            "invitation_only",
            "registration_opens_at",
            "registration_closes_at",
            "registration_open",
            "availability",
        ]

    def get_online(self, meeting: Meeting) -> bool:
        return bool(meeting.online_url)

    def get_registration_open(self, meeting: Meeting) -> bool:
        return meeting.registration_is_open(timezone.now())

    @extend_schema_field(serializers.ChoiceField(choices=AVAILABILITY_CHOICES, allow_null=True))
    def get_availability(self, meeting: Meeting) -> str | None:
        if meeting.status != MeetingStatus.SCHEDULED:
            return None
        return meeting.availability


class GroupSeatsSerializer(serializers.ModelSerializer):
    group = StakeholderGroupSerializer()
    availability = serializers.ChoiceField(choices=AVAILABILITY_CHOICES, read_only=True)

    class Meta:
        model = GroupQuota
        fields = ["group", "seats", "availability"]


class MeetingDetailSerializer(MeetingSerializer):
    stakeholder_groups = StakeholderGroupSerializer(many=True, source="forum.stakeholder_groups")
    group_seats = GroupSeatsSerializer(
        many=True, source="quotas", help_text="Seats kept for a stakeholder group."
    )

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "stakeholder_groups", "group_seats"]


class ForumSerializer(ForumRefSerializer):
    page = LinkField("forums:forum")
    purpose = TranslatedField()
    project = ProjectRefSerializer(help_text="The project that organises it.")
    stakeholder_groups = StakeholderGroupSerializer(many=True)
    regions = RegionRefSerializer(many=True)
    meetings = LinkField("api:meeting-list", query="forum")

    class Meta(ForumRefSerializer.Meta):
        fields = [
            *ForumRefSerializer.Meta.fields,
            "page",
            "purpose",
            "project",
            "stakeholder_groups",
            "regions",
            "meetings",
        ]


class ForumDetailSerializer(ForumSerializer):
    upcoming_meetings = serializers.SerializerMethodField()

    class Meta(ForumSerializer.Meta):
        fields = [*ForumSerializer.Meta.fields, "upcoming_meetings"]

    @extend_schema_field(MeetingRefSerializer(many=True))
    def get_upcoming_meetings(self, forum: Forum) -> Any:
        meetings = self.context.get("upcoming_meetings", [])
        return MeetingRefSerializer(meetings, many=True, context=self.context).data
