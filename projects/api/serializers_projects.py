"""What the API tells of projects: a card in the list, everything the page shows in the
detail. Each serializer names its fields: a field added to a model never appears here by
itself. A contact person is given only by role and organisation: never a name, an e-mail
address or a phone number (tests/test_api_privacy.py)."""

from functools import cached_property
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    PROJECT_LONG_TEXTS,
    Contact,
    Funding,
    Implementer,
    Municipality,
    Project,
    ProjectEvent,
    ProjectIdentifier,
    ProjectLink,
    ProjectStatus,
)
from ..selectors_catalogue import OTHER_FROM_HERE, OTHER_TO_HERE
from .languages import TranslatedField, TranslatedModelSerializer
from .serializers import (
    LinkField,
    OrganisationRefSerializer,
    ProgrammeRefSerializer,
    RegionRefSerializer,
    ThemeRefSerializer,
    api_link,
    lines,
)


class ProjectSerializer(TranslatedModelSerializer):
    """A project as its card in the listing shows it."""

    url = api_link("api:project-detail")
    page = LinkField("projects:detail")
    name = TranslatedField()
    tagline = TranslatedField()
    summary = TranslatedField()
    status = serializers.ChoiceField(
        choices=ProjectStatus.choices,
        allow_null=True,
        read_only=True,
        help_text="From the dates, today; null when no date is known.",
    )
    regions = RegionRefSerializer(many=True)
    themes = ThemeRefSerializer(many=True)

    class Meta:
        model = Project
        fields = [
            "url",
            "page",
            "slug",
            "name",
            "acronym",
            "tagline",
            "summary",
            "kind",
            "status",
            "stated_phase",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "dates_basis",
            "scope",
            "regions",
            "themes",
        ]


class LeadOrganisationSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer()

    class Meta:
        model = Implementer
        fields = ["organisation", "role"]


class ProjectCardSerializer(ProjectSerializer):
    lead_organisations = LeadOrganisationSerializer(
        many=True, source="lead_implementers", help_text="Who applies for, runs or leads it."
    )
    funders = serializers.SerializerMethodField()

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "lead_organisations", "funders"]

    @cached_property
    def funder_serializer(self) -> OrganisationRefSerializer:
        """One serializer for the funders of every card on the page: building a serializer's
        fields costs more than using them (about 2 ms a card, measured in `make bench`)."""
        return OrganisationRefSerializer(context=self.context)

    @extend_schema_field(OrganisationRefSerializer(many=True))
    def get_funders(self, project: Project) -> Any:
        funders = {funding.funder_id: funding.funder for funding in project.fundings.all()}
        return [self.funder_serializer.to_representation(funder) for funder in funders.values()]


class IdentifierSerializer(serializers.ModelSerializer):
    register_url = serializers.CharField(read_only=True)

    class Meta:
        model = ProjectIdentifier
        fields = ["scheme", "value", "register_url"]


class MunicipalitySerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Municipality
        fields = ["code", "name"]


class ImplementerSerializer(TranslatedModelSerializer):
    organisation = OrganisationRefSerializer()
    note = TranslatedField()

    class Meta:
        model = Implementer
        fields = ["organisation", "role", "note", "active_from", "active_until"]


class FundingSerializer(serializers.ModelSerializer):
    funder = OrganisationRefSerializer()
    intermediary = OrganisationRefSerializer(allow_null=True)
    programme = ProgrammeRefSerializer(allow_null=True)
    start_as_written = serializers.CharField(source="start_text")
    end_as_written = serializers.CharField(source="end_text")

    class Meta:
        model = Funding
        fields = [
            "funder",
            "intermediary",
            "programme",
            "amount",
            "start_date",
            "start_precision",
            "start_as_written",
            "end_date",
            "end_precision",
            "end_as_written",
        ]


class ContactSerializer(TranslatedModelSerializer):
    """Whom to contact, by role and organisation only: the person's name, e-mail address and
    phone are personal data and stay on the project's page."""

    role = TranslatedField(model_field="title")
    organisation = OrganisationRefSerializer(allow_null=True)

    class Meta:
        model = Contact
        fields = ["role", "organisation"]


class ProjectRefSerializer(TranslatedModelSerializer):
    url = api_link("api:project-detail")
    name = TranslatedField()

    class Meta:
        model = Project
        fields = ["url", "slug", "name", "acronym"]


class RelatedProjectSerializer(serializers.Serializer):
    other_is = serializers.ChoiceField(
        choices=sorted({*OTHER_FROM_HERE.values(), *OTHER_TO_HERE.values()}),
        help_text="What the other project is to this one.",
    )
    project = serializers.SerializerMethodField(help_text="Null when it is not in the catalogue.")
    name = serializers.CharField(help_text="The other project's name when it has no record.")
    url = serializers.CharField(help_text="Its page when it has no record, if known.")

    @extend_schema_field(ProjectRefSerializer(allow_null=True))
    def get_project(self, related: Any) -> Any:
        if related.project is None:
            return None
        return ProjectRefSerializer(related.project, context=self.context).data


class LinkSerializer(TranslatedModelSerializer):
    label = TranslatedField()

    class Meta:
        model = ProjectLink
        fields = ["kind", "url", "label"]


class EventSerializer(TranslatedModelSerializer):
    """A seminar or a launch; who spoke is left to the page."""

    title = TranslatedField()
    description = TranslatedField()
    co_organisers = OrganisationRefSerializer(many=True)
    url = serializers.CharField(help_text="Its page, if it has one.")

    class Meta:
        model = ProjectEvent
        fields = [
            "title",
            "date",
            "date_precision",
            "place",
            "description",
            "co_organisers",
            "url",
        ]


class ProjectDetailSerializer(ProjectSerializer):
    """Everything a project's page tells, but for the people in it."""

    other_names = serializers.SerializerMethodField()
    description = TranslatedField()
    target_group = TranslatedField()
    beneficiaries = TranslatedField()
    goals = TranslatedField()
    implementation = TranslatedField()
    results = TranslatedField()
    start_as_written = serializers.CharField(source="start_text")
    end_as_written = serializers.CharField(source="end_text")
    identifiers = IdentifierSerializer(many=True)
    municipalities = MunicipalitySerializer(many=True)
    keywords = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    implementers = ImplementerSerializer(many=True)
    fundings = FundingSerializer(many=True)
    contacts = ContactSerializer(many=True)
    related = serializers.SerializerMethodField()
    links = LinkSerializer(many=True)
    events = EventSerializer(many=True)

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "other_names",
            *PROJECT_LONG_TEXTS,
            "start_as_written",
            "end_as_written",
            "budget_min",
            "budget_max",
            "identifiers",
            "municipalities",
            "keywords",
            "implementers",
            "fundings",
            "contacts",
            "related",
            "links",
            "events",
        ]

    def get_other_names(self, project: Project) -> list[str]:
        return lines(project.other_names)

    @extend_schema_field(RelatedProjectSerializer(many=True))
    def get_related(self, project: Project) -> Any:
        related = self.context.get("related", [])
        return RelatedProjectSerializer(related, many=True, context=self.context).data
