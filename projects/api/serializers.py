"""What the API tells of the catalogue's reference data: regions, themes, organisations and
the programme tree (projects are in serializers_projects). Each serializer names its fields:
a field added to a model never appears here by itself."""

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Organisation, Programme, Region, Theme
from .languages import TranslatedField, TranslatedModelSerializer


@extend_schema_field(OpenApiTypes.URI)
class LinkField(serializers.Field):
    """The absolute address of a record's page (`page`: in the language asked for) or of an
    API address, with a query string if given."""

    def __init__(self, view_name: str, lookup: str = "slug", query: str = "", **kwargs: Any):
        self.view_name, self.lookup, self.query = view_name, lookup, query
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        key = getattr(value, self.lookup)
        if self.query:
            path = f"{reverse(self.view_name)}?{urlencode({self.query: key})}"
        else:
            with translation.override(self.context["languages"][0]):
                path = reverse(self.view_name, kwargs={self.lookup: key})
        return str(self.context["request"].build_absolute_uri(path))


def api_link(view_name: str) -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(view_name=view_name, lookup_field="slug")


class RegionRefSerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Region
        fields = ["code", "slug", "name"]


class RegionSerializer(RegionRefSerializer):
    url = api_link("api:region-detail")
    projects = LinkField("api:project-list", query="region")

    class Meta(RegionRefSerializer.Meta):
        fields = ["url", *RegionRefSerializer.Meta.fields, "projects"]


class ThemeRefSerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class ThemeSerializer(ThemeRefSerializer):
    url = api_link("api:theme-detail")
    projects = LinkField("api:project-list", query="theme")

    class Meta(ThemeRefSerializer.Meta):
        fields = ["url", *ThemeRefSerializer.Meta.fields, "projects"]


class OrganisationRefSerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Organisation
        fields = ["slug", "name", "abbreviation"]


class OrganisationSerializer(OrganisationRefSerializer):
    """An organisation with its own published contact details (an office's, not a person's)."""

    url = api_link("api:organisation-detail")
    page = LinkField("projects:organisation")
    other_names = serializers.SerializerMethodField()
    parent = OrganisationRefSerializer(allow_null=True)
    region = RegionRefSerializer(allow_null=True)
    street_address = TranslatedField()
    post_office = TranslatedField()
    # Plain text: either may be left empty.
    website = serializers.CharField()
    email = serializers.CharField()
    projects = LinkField("api:project-list", query="organisation")
    funded_projects = LinkField("api:project-list", query="funder")

    class Meta(OrganisationRefSerializer.Meta):
        fields = [
            "url",
            "page",
            *OrganisationRefSerializer.Meta.fields,
            "other_names",
            "kind",
            "business_id",
            "parent",
            "region",
            "website",
            "street_address",
            "postal_code",
            "post_office",
            "phone",
            "email",
            "projects",
            "funded_projects",
        ]

    def get_other_names(self, organisation: Organisation) -> list[str]:
        return lines(organisation.other_names)


class ProgrammeRefSerializer(TranslatedModelSerializer):
    name = TranslatedField()

    class Meta:
        model = Programme
        fields = ["slug", "code", "name", "level"]


class ProgrammeSerializer(ProgrammeRefSerializer):
    url = api_link("api:programme-detail")
    page = LinkField("projects:programme")
    parent = ProgrammeRefSerializer(allow_null=True)
    funding_body = OrganisationRefSerializer(allow_null=True)
    projects = LinkField("api:project-list", query="programme")

    class Meta(ProgrammeRefSerializer.Meta):
        fields = [
            "url",
            "page",
            *ProgrammeRefSerializer.Meta.fields,
            "parent",
            "funding_body",
            "projects",
        ]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    path = serializers.SerializerMethodField(help_text="From the fund down to this node.")
    children = ProgrammeRefSerializer(many=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [*ProgrammeSerializer.Meta.fields, "path", "children"]

    @extend_schema_field(ProgrammeRefSerializer(many=True))
    def get_path(self, programme: Programme) -> Any:
        return ProgrammeRefSerializer(programme.path(), many=True, context=self.context).data


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
