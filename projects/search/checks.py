"""`manage.py check` says what the search loses where Finnish cannot be analysed."""

from typing import Any

from django.core import checks

from .analysis import ANALYSER_PROBLEMS, finnish_voikko


@checks.register(checks.Tags.compatibility)
def finnish_analyser_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if finnish_voikko() is not None:
        return []
    problems = "; ".join(f"{name}: {problem}" for name, problem in ANALYSER_PROBLEMS.items())
    return [
        checks.Warning(
            "Finnish search falls back to Snowball stemming: inflected forms with a changing "
            "stem (perhe, perheiden) and the parts of compound words (valmennus in "
            "ryhmävalmennus) are no longer found.",
            hint=(
                "Install Debian's libvoikko1 and voikko-fi, or pyvoikko, then run `manage.py "
                f"search_index_rebuild`. {problems}"
            ).strip(),
            id="projects.W001",
        )
    ]
