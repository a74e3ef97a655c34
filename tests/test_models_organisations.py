"""Organisations and regions: business IDs in the form of a Y-tunnus, shared by a city and
its units, and the regions the data migration creates, named in each language."""

import pytest
from django.core.exceptions import ValidationError

from projects.models import Organisation, Region

from .factories import OrganisationFactory

# --- Organisations and regions. ---


@pytest.mark.django_db
def test_business_id_in_the_right_form_is_valid():
    organisation = OrganisationFactory.build(business_id="1234567-8")
    organisation.full_clean()
    organisation.save()
    assert Organisation.objects.get(pk=organisation.pk).business_id == "1234567-8"


@pytest.mark.django_db
@pytest.mark.parametrize("business_id", ["12345678", "123456-78", "1234567-", "abcdefg-h"])
def test_business_id_in_another_form_is_invalid(business_id):
    organisation = OrganisationFactory.build(business_id=business_id)
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "business_id" in excinfo.value.message_dict


@pytest.mark.django_db
def test_two_organisations_may_share_a_business_id():
    city = OrganisationFactory.create(business_id="0201256-6")
    unit = OrganisationFactory.build(business_id="0201256-6", parent=city)
    unit.full_clean()
    unit.save()
    assert Organisation.objects.filter(business_id="0201256-6").count() == 2


@pytest.mark.django_db
def test_regions_come_from_the_data_migration():
    regions = list(Region.objects.values_list("code", "slug", "name_fi", "name_sv", "name_en"))
    assert len(regions) == 19
    assert len({code for code, *_ in regions}) == 19
    assert len({slug for _, slug, *_ in regions}) == 19
    for region in regions:
        assert all(region), region  # every region is named in fi, sv and en


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "name_fi", "name_sv", "name_en"),
    [
        ("uusimaa", "Uusimaa", "Nyland", "Uusimaa"),
        ("ahvenanmaa", "Ahvenanmaa", "Åland", "Åland"),
        ("varsinais-suomi", "Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"),
    ],
)
def test_region_names_in_each_language(slug, name_fi, name_sv, name_en):
    names = Region.objects.values_list("name_fi", "name_sv", "name_en").get(slug=slug)
    assert names == (name_fi, name_sv, name_en)
