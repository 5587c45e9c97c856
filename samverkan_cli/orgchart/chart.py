"""An organisation chart of the local collaboration organisation (samverkansorganisation).

The chart is drawn from the data, in two steps:

1. `chart_layout` places one box per forum, by role on three levels: styrgrupp and lokalt BRÅ
   at the top, beredningsgrupp in the middle, and arbetsgrupper, samverkansgrupper,
   områdesgrupper and other forums at the bottom. Forums of one level stand side by side;
   when a level is missing, the next one connects to the one above it. Every box shows the
   forum's heading, its member functions and how often it meets, as the document words it
   ("Möten: minst två (2) tillfällen per år"); every text is shown in full, wrapped onto as
   many lines as it needs (the box grows), never cut. The chart is planned for the printed
   page (`style.PAGE_WIDTH`): one column of wide boxes, or two columns of narrower ones,
   so that it prints with text about the size of the document's. Text is measured in the
   font the PNG is drawn in (`typeface`: Liberation Sans, Arial's metric twin, where it is
   installed), so the same data always gives the same layout on one machine, and every
   text line, connector and box has its position in it.
2. `chart_svg` and `chart_png` only draw that layout, so the two pictures cannot drift apart.
   The PNG is drawn in that font; the SVG names Arial and its twins, and gives every line
   the width it was measured at (`textLength`).

Layout coordinates are SVG user units (CSS pixels); the PNG is drawn at `scale` pixels per
unit, or fewer when the picture would exceed `chart_bounds.MAX_CANVAS_PIXELS`, and says in
its density how large it prints (`style.POINTS_PER_UNIT`). A chart whose texts are longer
than `chart_bounds.MAX_CHART_TEXT` is not drawn (SV206), so no text makes a box of
thousands of lines.

The layout is here; its parts live beside it: `layout_model` (boxes, lines, connectors),
`style` (measures and colours), `typeface` (the font), `text_metrics` (measuring and
wrapping), `svg`, `png` and `png_text` (text in the PNG).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from samverkan_cli.model.agreement import Forum, Organisation
from samverkan_cli.model.chart_words import SWEDISH, ChartWords
from samverkan_cli.orgchart.layout_model import (
    ChartBox,
    ChartEdge,
    ChartLayout,
    ChartText,
    LineKind,
    level_of,
)
from samverkan_cli.orgchart.png import chart_png
from samverkan_cli.orgchart.style import (
    BODY_LEADING,
    BODY_PADDING_BOTTOM,
    BODY_PADDING_TOP,
    BODY_SIZE,
    BOX_WIDTH,
    BULLET_INDENT,
    COLUMN_GAP,
    HEADER_PADDING_Y,
    MARGIN,
    MAX_COLUMNS,
    MEMBER_MAX_FUNCTIONS,
    MIN_BOX_WIDTH,
    PADDING_X,
    PAGE_WIDTH,
    ROW_GAP,
    SECTION_GAP,
    TITLE_LEADING,
    TITLE_SIZE,
)
from samverkan_cli.orgchart.svg import chart_svg
from samverkan_cli.orgchart.text_metrics import clean_text, text_width, trim_end, wrap


def meeting_text(forum: Forum) -> str | None:
    """ "Möten: minst två (2) tillfällen per år", or None when the forum has no frequency."""
    if forum.meetings is None:
        return None
    return f"Möten: {forum.meetings.frequency.swedish()}"


def _meeting_line(forum: Forum, words: ChartWords) -> str | None:
    """The forum's meeting line: a translation's, or worded from its frequency."""
    return words.meetings.get(forum.id) if words.meetings else meeting_text(forum)


@dataclass(slots=True)
class _Content:
    """What one box says, wrapped to the box width but not yet placed."""

    forum: Forum
    width: int
    title_lines: list[str]
    body: list[tuple[LineKind, str]] = field(default_factory=list)
    separator_after: int | None = None
    """The number of body lines above the separator."""

    @property
    def header_height(self) -> int:
        return 2 * HEADER_PADDING_Y + len(self.title_lines) * TITLE_LEADING

    @property
    def body_height(self) -> int:
        if not self.body:
            return 0
        gap = SECTION_GAP if self.separator_after is not None else 0
        return BODY_PADDING_TOP + len(self.body) * BODY_LEADING + gap + BODY_PADDING_BOTTOM


def _content(forum: Forum, width: int, words: ChartWords) -> _Content:
    inner = width - 2 * PADDING_X
    title_lines = wrap(forum.heading, inner, TITLE_SIZE)
    content = _Content(forum, width, title_lines)
    members = _member_lines(forum, inner - BULLET_INDENT, words)
    content.body.extend(members)
    meetings = _meeting_line(forum, words)
    if meetings is not None:
        if members:
            content.separator_after = len(members)
        for line in wrap(meetings, inner, BODY_SIZE):
            content.body.append((LineKind.MEETING, line))
    return content


def _member_lines(forum: Forum, width: int, words: ChartWords) -> list[tuple[LineKind, str]]:
    """The member functions, each in full on as many lines as it needs; beyond
    `MEMBER_MAX_FUNCTIONS`, all but one of that many and a count of the rest."""
    if forum.members is None:
        return []
    texts = [trim_end(clean_text(function)) for function in forum.members.functions]
    texts = [text for text in texts if text]
    hidden = 0
    if len(texts) > MEMBER_MAX_FUNCTIONS:
        hidden = len(texts) - (MEMBER_MAX_FUNCTIONS - 1)
        texts = texts[: MEMBER_MAX_FUNCTIONS - 1]
    chosen = [wrap(text, width, BODY_SIZE) for text in texts]
    out: list[tuple[LineKind, str]] = []
    for lines in chosen:
        out.append((LineKind.MEMBER, lines[0]))
        out.extend((LineKind.CONTINUATION, line) for line in lines[1:])
    if hidden:
        out.append((LineKind.MORE, words.more(hidden)))
    return out


def _baseline(line_top: int, leading: int, size: int) -> int:
    """The baseline that centres a line of capitals and descenders in its leading."""
    return line_top + round(leading / 2 + size / 4)


def _place(
    content: _Content,
    x: int,
    y: int,
    height: int,
    header_height: int,
    level: int,
    words: ChartWords = SWEDISH,
) -> ChartBox:
    forum = content.forum
    title_top = y + (header_height - len(content.title_lines) * TITLE_LEADING) // 2
    title_lines = tuple(
        ChartText(
            line,
            LineKind.TITLE,
            x + (content.width - text_width(line, TITLE_SIZE)) // 2,
            _baseline(title_top + i * TITLE_LEADING, TITLE_LEADING, TITLE_SIZE),
            TITLE_SIZE,
            text_width(line, TITLE_SIZE),
        )
        for i, line in enumerate(content.title_lines)
    )
    lines: list[ChartText] = []
    separator_y: int | None = None
    line_top = y + header_height + BODY_PADDING_TOP
    for index, (kind, text) in enumerate(content.body):
        if index == content.separator_after:
            separator_y = line_top + SECTION_GAP // 2
            line_top += SECTION_GAP
        indented = kind in (LineKind.MEMBER, LineKind.CONTINUATION)
        left = x + PADDING_X + (BULLET_INDENT if indented else 0)
        baseline = _baseline(line_top, BODY_LEADING, BODY_SIZE)
        lines.append(ChartText(text, kind, left, baseline, BODY_SIZE, text_width(text, BODY_SIZE)))
        line_top += BODY_LEADING
    return ChartBox(
        forum_id=forum.id,
        role=forum.role,
        level=level,
        x=x,
        y=y,
        width=content.width,
        height=height,
        header_height=header_height,
        title=clean_text(forum.heading),
        title_lines=title_lines,
        lines=tuple(lines),
        separator_y=separator_y,
        description=_box_description(forum, words),
    )


def _box_description(forum: Forum, words: ChartWords) -> str:
    parts = [_sentence(clean_text(forum.heading))]
    if forum.members is not None:
        functions = [trim_end(clean_text(f)) for f in forum.members.functions]
        parts.append(_sentence(f"{words.functions}: " + "; ".join(functions)))
    meetings = _meeting_line(forum, words)
    if meetings is not None:
        parts.append(_sentence(meetings))
    return " ".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def chart_layout(organisation: Organisation, words: ChartWords = SWEDISH) -> ChartLayout:
    """Place the organisation's forums as boxes on levels, with connectors between levels;
    the chart's own words (and a translation's meeting lines) are `words`."""
    by_level: dict[int, list[Forum]] = {}
    levels_of = forum_levels(organisation)
    for forum in organisation.forums:
        by_level.setdefault(levels_of[forum.id], []).append(forum)
    levels = sorted(by_level)

    # Only the lowest level continues on new rows: its connectors can reach a further row
    # through the gap in the middle of a full first row without crossing a box.
    forum_rows: list[tuple[int, list[Forum]]] = []
    for level in levels:
        forums = by_level[level]
        per_row = MAX_COLUMNS if level == levels[-1] else len(forums)
        for start in range(0, len(forums), per_row):
            forum_rows.append((level, forums[start : start + per_row]))
    box_width = _box_width(max(len(forums) for _, forums in forum_rows))
    rows = [
        (level, [_content(f, box_width, words) for f in forums]) for level, forums in forum_rows
    ]

    content_width = max(_row_width(len(contents), box_width) for _, contents in rows)
    width = content_width + 2 * MARGIN
    placed: dict[int, list[list[ChartBox]]] = {}
    y = MARGIN
    for level, contents in rows:
        header_height = max(c.header_height for c in contents)
        height = max(header_height + c.body_height for c in contents)
        x = MARGIN + (content_width - _row_width(len(contents), box_width)) // 2
        row = [
            _place(c, x + i * (box_width + COLUMN_GAP), y, height, header_height, level, words)
            for i, c in enumerate(contents)
        ]
        placed.setdefault(level, []).append(row)
        y += height + ROW_GAP
    height = y - ROW_GAP + MARGIN

    edges: list[ChartEdge] = []
    parent_of = {forum.id: forum.parent for forum in organisation.forums}
    for upper, lower in pairwise(levels):
        parents = [box for row in placed[upper] for box in row]
        edges.extend(_connect(parents, placed[lower], parent_of))

    boxes = tuple(box for level in levels for row in placed[level] for box in row)
    return ChartLayout(
        width=width,
        height=height,
        boxes=boxes,
        edges=tuple(edges),
        title=words.title,
        description=_chart_description(boxes, edges, words),
    )


def _row_width(count: int, box_width: int) -> int:
    return count * box_width + (count - 1) * COLUMN_GAP


def _box_width(columns: int) -> int:
    """The width of every box when the widest row has `columns`: as wide as the page
    allows, between `MIN_BOX_WIDTH` and `BOX_WIDTH`."""
    room = PAGE_WIDTH - 2 * MARGIN - (columns - 1) * COLUMN_GAP
    return max(MIN_BOX_WIDTH, min(BOX_WIDTH, room // columns))


def forum_levels(organisation: Organisation) -> dict[str, int]:
    """Each forum's level in the chart: by its role, except that a forum `under` another
    stands one level below that one, so the chart follows the tree the agreement states."""
    by_id = {forum.id: forum for forum in organisation.forums}
    levels: dict[str, int] = {}

    def level(forum: Forum, seen: frozenset[str]) -> int:
        if forum.id not in levels:
            parent = by_id.get(forum.parent) if forum.parent is not None else None
            if parent is None or parent.id in seen:  # unknown or cyclic (SV178): by role
                levels[forum.id] = level_of(forum.role)
            else:
                levels[forum.id] = level(parent, seen | {forum.id}) + 1
        return levels[forum.id]

    for forum in organisation.forums:
        level(forum, frozenset())
    return levels


def _connect(
    parents: Sequence[ChartBox],
    rows: Sequence[Sequence[ChartBox]],
    parent_of: Mapping[str, str | None],
) -> list[ChartEdge]:
    """Orthogonal connectors: down from each parent, along a bus halfway to the row below,
    and down to each child; further rows are reached by a trunk through the first row. A
    child `under` a forum of the level above is tied to that forum alone, any other child
    to every forum of the level above."""
    above = {parent.forum_id for parent in parents}
    first = rows[0]
    buses = [row[0].y - ROW_GAP // 2 for row in rows]
    middle = max(1, len(first) // 2)
    trunk_x = first[middle - 1].x + first[middle - 1].width + COLUMN_GAP // 2
    edges = []
    for parent in parents:
        for row_index, row in enumerate(rows):
            for child in row:
                tied = parent_of.get(child.forum_id)
                if tied in above and tied != parent.forum_id:
                    continue
                points = [(parent.center_x, parent.bottom), (parent.center_x, buses[0])]
                if row_index > 0:
                    points += [(trunk_x, buses[0]), (trunk_x, buses[row_index])]
                points += [(child.center_x, buses[row_index]), (child.center_x, child.y)]
                edges.append(ChartEdge(parent.forum_id, child.forum_id, _simplify(points)))
    return edges


def _simplify(points: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[int, int]] = []
    for point in points:
        if out and out[-1] == point:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if (x0 == x1 == point[0]) or (y0 == y1 == point[1]):
                out[-1] = point
                continue
        out.append(point)
    return tuple(out)


def _chart_description(
    boxes: Sequence[ChartBox], edges: Sequence[ChartEdge], words: ChartWords
) -> str:
    titles = {box.forum_id: box.title for box in boxes}
    parts = [words.summary(len(boxes))]
    parts += [box.description for box in boxes]
    parents: dict[str, list[str]] = {}
    for edge in edges:
        parents.setdefault(edge.child, []).append(titles[edge.parent])
    children: dict[tuple[str, ...], list[str]] = {}
    for box in boxes:
        if box.forum_id in parents:
            children.setdefault(tuple(parents[box.forum_id]), []).append(box.title)
    for above, below in children.items():
        parts.append(words.linked(below, list(above)))
    return " ".join(parts)


def organisation_chart(
    organisation: Organisation, words: ChartWords = SWEDISH
) -> tuple[str, bytes]:
    """The organisation chart as (SVG text, PNG bytes), both from one layout; `words` for a
    translation's chart (`chart_words`)."""
    layout = chart_layout(organisation, words)
    return chart_svg(layout), chart_png(layout)
