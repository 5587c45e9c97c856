"""What the organisation chart's layout is made of: boxes, text lines and connectors.

The layout (`chart.chart_layout`) produces these and both drawings (`svg`, `png`) only read
them, so the types live apart from either, together with the level each forum role is on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from samverkan_cli.model.agreement import ForumRole

CHART_TITLE = "Samverkansorganisation"

TOP_LEVEL = 0
MIDDLE_LEVEL = 1
BOTTOM_LEVEL = 2

_LEVEL_OF_ROLE = {
    ForumRole.STEERING_GROUP: TOP_LEVEL,
    ForumRole.LOCAL_CRIME_PREVENTION_COUNCIL: TOP_LEVEL,
    ForumRole.PREPARATORY_GROUP: MIDDLE_LEVEL,
    ForumRole.WORKING_GROUP: BOTTOM_LEVEL,
    ForumRole.COLLABORATION_GROUP: BOTTOM_LEVEL,
    ForumRole.AREA_GROUP: BOTTOM_LEVEL,
    ForumRole.OTHER: BOTTOM_LEVEL,
}


class LineKind(StrEnum):
    """What a text line in a box is, which decides how it is drawn."""

    TITLE = "title"
    MEMBER = "member"
    """The first line of a member function, drawn after a bullet."""
    CONTINUATION = "continuation"
    """A further line of the same member function, indented like it."""
    MORE = "more"
    """How many member functions did not fit ("och 2 funktioner till")."""
    MEETING = "meeting"
    """How often the forum meets ("Möten: minst två (2) tillfällen per år")."""


@dataclass(frozen=True, slots=True)
class ChartText:
    """One line of text, placed: `x` is its left edge and `baseline` its baseline."""

    text: str
    kind: LineKind
    x: int
    baseline: int
    size: int
    width: int
    """The line's width by the width table; never more than the room it was wrapped to."""


@dataclass(frozen=True, slots=True)
class ChartBox:
    """One forum: a heading band with its title and a body with its lines."""

    forum_id: str
    role: ForumRole
    level: int
    x: int
    y: int
    width: int
    height: int
    header_height: int
    title: str
    """The forum's heading in full; `title_lines` is how it is written in the box."""
    title_lines: tuple[ChartText, ...]
    lines: tuple[ChartText, ...]
    separator_y: int | None
    """Where a thin rule separates the member functions from the meetings, if both are there."""
    description: str
    """Everything the box says, unshortened, for the SVG's accessible text."""

    @property
    def center_x(self) -> int:
        return self.x + self.width // 2

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def texts(self) -> tuple[str, ...]:
        """The body lines as text."""
        return tuple(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class ChartEdge:
    """A connector from a forum to one on the level below, as a polyline."""

    parent: str
    child: str
    points: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class ChartLayout:
    width: int
    height: int
    boxes: tuple[ChartBox, ...]
    edges: tuple[ChartEdge, ...]
    title: str = CHART_TITLE
    description: str = ""

    def box(self, forum_id: str) -> ChartBox:
        for box in self.boxes:
            if box.forum_id == forum_id:
                return box
        raise KeyError(forum_id)

    def levels(self) -> list[list[ChartBox]]:
        """The boxes level by level from the top, left to right and row by row."""
        levels: dict[int, list[ChartBox]] = {}
        for box in self.boxes:
            levels.setdefault(box.level, []).append(box)
        return [levels[level] for level in sorted(levels)]


def level_of(role: ForumRole) -> int:
    """The chart level of a forum role: 0 at the top, 2 at the bottom."""
    return _LEVEL_OF_ROLE.get(role, BOTTOM_LEVEL)
