"""An organisation chart of the local collaboration organisation (samverkansorganisation).

The chart is drawn from the data, in two steps:

1. `chart_layout` places one box per forum, by role on three levels: styrgrupp and lokalt BRÅ
   at the top, beredningsgrupp in the middle, and arbetsgrupper, samverkansgrupper,
   områdesgrupper and other forums at the bottom. Forums of one level stand side by side;
   when a level is missing, the next one connects to the one above it. Every box shows the
   forum's heading, its member functions (shortened when long) and how often it meets, as
   the document words it ("Möten: minst två (2) tillfällen per år"). The layout is pure: text
   is wrapped with a fixed table of character widths, so the same data always gives the
   same layout, and every text line, connector and box has its position in it.
2. `chart_svg` and `chart_png` only draw that layout, so the two pictures cannot drift apart.
   The PNG uses Pillow's bundled scalable font (Aileron), so no system font is needed. That
   font has no å, ä or ö: letters with diacritics are drawn as their base letter with the
   mark added by hand, which is what the character width table assumes as well. The SVG
   gives every line the width the table measured (`textLength`); Arial and its metric twins
   are within a few per cent of it anyway, but a viewer that ignores `textLength` (librsvg)
   and has only a wider font such as DejaVu Sans may run a long line slightly past its box.

Layout coordinates are SVG user units (CSS pixels); the PNG is drawn at `scale` pixels per
unit, or fewer when the picture would exceed `chart_bounds.MAX_CANVAS_PIXELS`. Wrapping and
shortening look at no more of a text than a box can show, so a forum with a megabyte of
heading costs no more than one with a line.

The layout is here; its parts live beside it: `layout_model` (boxes, lines, connectors),
`style` (measures and colours), `text_metrics` (the width table, wrapping and shortening),
`svg`, `png` and `png_text` (the letters with diacritics drawn by hand).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from samverkan_cli.core.swedish import join_and
from samverkan_cli.model.agreement import Forum, Organisation
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
    FUNCTION_MAX_LINES,
    HEADER_PADDING_Y,
    MARGIN,
    MAX_COLUMNS,
    MEETING_MAX_LINES,
    MEMBER_MAX_LINES,
    PADDING_X,
    ROW_GAP,
    SECTION_GAP,
    TITLE_LEADING,
    TITLE_MAX_LINES,
    TITLE_SIZE,
)
from samverkan_cli.orgchart.svg import chart_svg
from samverkan_cli.orgchart.text_metrics import clean_text, shorten, text_width, trim_end, wrap


def meeting_text(forum: Forum) -> str | None:
    """ "Möten: minst två (2) tillfällen per år", or None when the forum has no frequency."""
    if forum.meetings is None:
        return None
    return f"Möten: {forum.meetings.frequency.swedish()}"


@dataclass(slots=True)
class _Content:
    """What one box says, wrapped to the box width but not yet placed."""

    forum: Forum
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


def _content(forum: Forum) -> _Content:
    inner = BOX_WIDTH - 2 * PADDING_X
    title_lines = wrap(forum.heading, inner, TITLE_SIZE, TITLE_MAX_LINES)
    content = _Content(forum, title_lines)
    members = _member_lines(forum, inner - BULLET_INDENT)
    content.body.extend(members)
    meetings = meeting_text(forum)
    if meetings is not None:
        if members:
            content.separator_after = len(members)
        for line in wrap(meetings, inner, BODY_SIZE, MEETING_MAX_LINES):
            content.body.append((LineKind.MEETING, line))
    return content


def _member_lines(forum: Forum, width: int) -> list[tuple[LineKind, str]]:
    """The member functions in at most `MEMBER_MAX_LINES` lines: each on one line, cut with
    "…" if need be, then lines to spare go to the first functions that need two."""
    if forum.members is None:
        return []
    texts = [shorten(function) for function in forum.members.functions]
    texts = [text for text in texts if text]
    hidden = 0
    if len(texts) > MEMBER_MAX_LINES:
        hidden = len(texts) - (MEMBER_MAX_LINES - 1)
        texts = texts[: MEMBER_MAX_LINES - 1]
    chosen = [wrap(text, width, BODY_SIZE, 1) for text in texts]
    spare = MEMBER_MAX_LINES - len(chosen) - (1 if hidden else 0)
    for index, text in enumerate(texts):
        if spare <= 0:
            break
        longer = wrap(text, width, BODY_SIZE, FUNCTION_MAX_LINES)
        if len(longer) > len(chosen[index]) and len(longer) - len(chosen[index]) <= spare:
            spare -= len(longer) - len(chosen[index])
            chosen[index] = longer
    out: list[tuple[LineKind, str]] = []
    for lines in chosen:
        out.append((LineKind.MEMBER, lines[0]))
        out.extend((LineKind.CONTINUATION, line) for line in lines[1:])
    if hidden:
        noun = "funktion" if hidden == 1 else "funktioner"
        out.append((LineKind.MORE, f"och {hidden} {noun} till"))
    return out


def _baseline(line_top: int, leading: int, size: int) -> int:
    """The baseline that centres a line of capitals and descenders in its leading."""
    return line_top + round(leading / 2 + size / 4)


def _place(
    content: _Content, x: int, y: int, height: int, header_height: int, level: int
) -> ChartBox:
    forum = content.forum
    title_top = y + (header_height - len(content.title_lines) * TITLE_LEADING) // 2
    title_lines = tuple(
        ChartText(
            line,
            LineKind.TITLE,
            x + (BOX_WIDTH - text_width(line, TITLE_SIZE)) // 2,
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
        width=BOX_WIDTH,
        height=height,
        header_height=header_height,
        title=clean_text(forum.heading),
        title_lines=title_lines,
        lines=tuple(lines),
        separator_y=separator_y,
        description=_box_description(forum),
    )


def _box_description(forum: Forum) -> str:
    parts = [_sentence(clean_text(forum.heading))]
    if forum.members is not None:
        functions = [trim_end(clean_text(f)) for f in forum.members.functions]
        parts.append(_sentence("Funktioner: " + "; ".join(functions)))
    meetings = meeting_text(forum)
    if meetings is not None:
        parts.append(_sentence(meetings))
    return " ".join(parts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def chart_layout(organisation: Organisation) -> ChartLayout:
    """Place the organisation's forums as boxes on levels, with connectors between levels."""
    by_level: dict[int, list[_Content]] = {}
    levels_of = forum_levels(organisation)
    for forum in organisation.forums:
        by_level.setdefault(levels_of[forum.id], []).append(_content(forum))
    levels = sorted(by_level)

    # Only the lowest level continues on new rows: its connectors can reach a further row
    # through the gap in the middle of a full first row without crossing a box.
    rows: list[tuple[int, list[_Content]]] = []
    for level in levels:
        contents = by_level[level]
        per_row = MAX_COLUMNS if level == levels[-1] else len(contents)
        for start in range(0, len(contents), per_row):
            rows.append((level, contents[start : start + per_row]))

    content_width = max(_row_width(len(contents)) for _, contents in rows)
    width = content_width + 2 * MARGIN
    placed: dict[int, list[list[ChartBox]]] = {}
    y = MARGIN
    for level, contents in rows:
        header_height = max(c.header_height for c in contents)
        height = max(header_height + c.body_height for c in contents)
        x = MARGIN + (content_width - _row_width(len(contents))) // 2
        row = [
            _place(c, x + i * (BOX_WIDTH + COLUMN_GAP), y, height, header_height, level)
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
        description=_chart_description(boxes, edges),
    )


def _row_width(count: int) -> int:
    return count * BOX_WIDTH + (count - 1) * COLUMN_GAP


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
    trunk_x = first[middle - 1].x + BOX_WIDTH + COLUMN_GAP // 2
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


def _chart_description(boxes: Sequence[ChartBox], edges: Sequence[ChartEdge]) -> str:
    titles = {box.forum_id: box.title for box in boxes}
    parts = [f"Organisationsschema med {len(boxes)} forum."]
    parts += [box.description for box in boxes]
    parents: dict[str, list[str]] = {}
    for edge in edges:
        parents.setdefault(edge.child, []).append(titles[edge.parent])
    children: dict[tuple[str, ...], list[str]] = {}
    for box in boxes:
        if box.forum_id in parents:
            children.setdefault(tuple(parents[box.forum_id]), []).append(box.title)
    for above, below in children.items():
        linked = "kopplad" if len(below) == 1 else "kopplade"
        parts.append(f"{join_and(below)} är {linked} till {join_and(list(above))}.")
    return " ".join(parts)


def organisation_chart(organisation: Organisation) -> tuple[str, bytes]:
    """The organisation chart as (SVG text, PNG bytes), both from one layout."""
    layout = chart_layout(organisation)
    return chart_svg(layout), chart_png(layout)
