"""The stakeholder groups most tests invite or register: fixtures for every test module (a
pytest plugin, listed in conftest.py)."""

import pytest

from forums.models import StakeholderGroup

from .forum_factories import StakeholderGroupFactory


@pytest.fixture
def parents() -> StakeholderGroup:
    return StakeholderGroupFactory.create(slug="parents")


@pytest.fixture
def counsellors() -> StakeholderGroup:
    return StakeholderGroupFactory.create(slug="counsellors")


@pytest.fixture
def students() -> StakeholderGroup:
    return StakeholderGroupFactory.create(slug="students")


@pytest.fixture
def groups(parents, counsellors, students) -> dict[str, StakeholderGroup]:
    return {group.slug: group for group in (parents, counsellors, students)}
