"""Funding programmes as a tree: a fund or funding body, its programmes, their priority axes
and their specific or national objectives. A funding row points at the deepest node its
source names, so that projects can be found and grouped at every level."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation

# How deep the tree goes (fund → programme → axis → objective → national objective): the
# projects of a node are found through at most this many parent links.
PROGRAMME_DEPTH = 5


class ProgrammeLevel(models.TextChoices):
    FUND = "fund", _("fund or funding body")
    PROGRAMME = "programme", _("programme")
    PRIORITY_AXIS = "priority_axis", _("priority axis")
    SPECIFIC_OBJECTIVE = "specific_objective", _("specific objective")
    NATIONAL_OBJECTIVE = "national_objective", _("national objective")


class Programme(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
    code = models.CharField(
        _("code"),
        max_length=40,
        blank=True,
        help_text=_("As the programme numbers it, for example TL 5 or 9.1."),
    )
    level = models.CharField(_("level"), max_length=20, choices=ProgrammeLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    funding_body = models.ForeignKey(
        Organisation,
        verbose_name=_("funding body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
        help_text=_("The organisation behind the fund, when it is in the catalogue."),
    )

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=ProgrammeLevel.values), name="programme_level_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="programme_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:programme", kwargs={"slug": self.slug})

    def clean(self) -> None:
        # The database refuses a node as its own parent; a loop through its parts is found
        # here, within the depth the tree goes.
        node = self.parent
        for _depth in range(PROGRAMME_DEPTH):
            if node is None or self.pk is None:
                return
            if node.pk == self.pk:
                raise ValidationError(
                    {"parent": _("A programme cannot be part of itself or of its own parts.")}
                )
            node = node.parent

    def path(self) -> list["Programme"]:
        """The node and its ancestors, the fund first (one query per level above)."""
        nodes: list[Programme] = []
        node: Programme | None = self
        while node is not None and len(nodes) < PROGRAMME_DEPTH:
            nodes.append(node)
            node = node.parent
        return nodes[::-1]


def under_programme(programme: Programme, path: str = "programme") -> Q:
    """Rows whose programme (at `path`) is the node or any node below it."""
    condition = Q()
    for depth in range(PROGRAMME_DEPTH):
        condition |= Q(**{f"{path}{'__parent' * depth}": programme})
    return condition
