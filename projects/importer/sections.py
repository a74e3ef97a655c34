"""A page's text as lines with their places, cut into the sections its labels open: a label
alone on its line (the value follows) or followed by a colon or a tab (the value is on the
same line). Every offset is into the page's own text, so that each fact can be shown where
it was found."""

from dataclasses import dataclass, field

from .labels import Dictionary, Heading

# Sections whose value runs on past an empty line: a list of people (whose name, title and
# number may stand apart) to the next label; a text while what follows is a list or an
# introduced one ("Hankkeen tavoitteita ovat:"). Every other section's value is one block
# of lines (up to the first empty line after it).
LONG_TEXTS = frozenset({"target_groups", "beneficiaries", "goals", "activities", "results"})
RUNNING_SECTIONS = LONG_TEXTS | {"contacts"}
BULLETS = ("•", "-", "–", "*", "·", "▪", "◦")
# A heading with words after its label ("Lisätiedot, esittelyt:") is this short at most.
HEADING_WORDS = 5


@dataclass(frozen=True)
class Line:
    text: str  # without the spaces around it
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Section:
    heading: Heading
    start: int  # where its label is
    end: int
    lines: list[Line] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.heading.key

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def position(self, index: int) -> int:
        """The page's offset of a character of `text` (whose lines are joined by "\n")."""
        for line in self.lines:
            if index <= len(line.text):
                return line.start + index
            index -= len(line.text) + 1
        return self.lines[-1].end if self.lines else self.end


@dataclass
class Page:
    text: str
    end: int  # where the page's own content ends ("Read next: ..." and the rest cut off)
    lines: list[Line]
    sections: list[Section]

    def of(self, *keys: str) -> list[Section]:
        return [section for section in self.sections if section.key in keys]

    @property
    def title(self) -> Line | None:
        """The first line, when it is not a label: a page's heading."""
        if not self.lines:
            return None
        first = self.lines[0]
        if self.sections and self.sections[0].start <= first.start:
            return None
        return first


def page_lines(text: str, labels: Dictionary) -> tuple[list[Line], int]:
    """The page's non-empty lines, without the site's navigation and sharing lines, up to a
    "read next" line; and where the content ends. An empty line is kept as Line("", …) to
    separate blocks."""
    lines: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = position + (raw.find(stripped) if stripped else 0)
        position += len(raw) + 1
        folded = stripped.casefold().rstrip(":")
        if any(folded.startswith(stop) for stop in labels.stop_at):
            return lines, start
        if folded in labels.skip_lines:
            continue
        lines.append(Line(stripped, start))
    return lines, len(text)


def heading_in(line: Line, labels: Dictionary) -> tuple[Heading, Line | None] | None:
    """The label that opens `line`, with the value written after it on the same line."""
    match = labels.heading_pattern.match(line.text)
    if match is None:
        return None
    heading = labels.heading(match.group("label"))
    rest = line.text[match.end() :]
    stripped = rest.strip()
    if stripped in ("", ":"):
        return heading, None
    if rest.lstrip(" ").startswith(":") or rest.startswith("\t"):
        value = stripped.lstrip(":").strip()
        if not value:
            return heading, None
        return heading, Line(value, line.start + line.text.index(value, match.end()))
    if rest[0] in ",(" and line.text.endswith(":") and len(line.text.split()) <= HEADING_WORDS:
        return heading, None
    return None


def continues(section: Section, line: Line) -> bool:
    """Whether a paragraph after an empty line is still the section's: always for people;
    for a text, a list item or what an introducing line announced."""
    if section.key not in LONG_TEXTS:
        return True
    introduced = bool(section.lines) and section.lines[-1].text.endswith(":")
    return introduced or line.text.startswith(BULLETS)


def read_page(text: str, labels: Dictionary) -> Page:
    lines, end = page_lines(text, labels)
    sections: list[Section] = []
    current: Section | None = None
    block_started = paragraph_ended = False
    for line in lines:
        found = heading_in(line, labels) if line.text else None
        if found is not None:
            heading, value = found
            current = Section(heading, line.start, line.end)
            sections.append(current)
            block_started = value is not None
            paragraph_ended = False
            if value is not None:
                current.lines.append(value)
            continue
        if current is None:
            continue
        if not line.text:
            if block_started and current.key not in RUNNING_SECTIONS:
                current = None
            paragraph_ended = block_started
            continue
        if paragraph_ended and not continues(current, line):
            current = None
            continue
        block_started = True
        paragraph_ended = False
        current.lines.append(line)
    return Page(text, end, [line for line in lines if line.text], sections)
