"""The search index's vocabulary: the terms (words as written, lemmas, stems, compound parts)
that the catalogue's texts hold, for matching a query's prefixes and typos. The index itself
lives in the database's own full-text structure: the projects' tsvector on PostgreSQL, an
FTS5 table on SQLite (migration 0011)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Longer "words" (a URL, a run of digits) are left out of the vocabulary.
TERM_LENGTH = 60


class SearchTerm(models.Model):
    term = models.CharField(_("term"), max_length=TERM_LENGTH, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term
