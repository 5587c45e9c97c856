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
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from PIL import Image, ImageDraw, ImageFont

from samverkan_cli.chart_bounds import MAX_CANVAS_PIXELS
from samverkan_cli.model.agreement import Forum, ForumRole, Organisation
from samverkan_cli.swedish import join_and

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

# Geometry, in layout units.
MARGIN = 20
BOX_WIDTH = 312
COLUMN_GAP = 28
ROW_GAP = 44
"""Vertical space between rows of boxes; the connectors turn halfway down it."""
MAX_COLUMNS = 4
"""Boxes side by side on the lowest level before it continues on a new row."""
PADDING_X = 12
HEADER_PADDING_Y = 8
BODY_PADDING_TOP = 8
BODY_PADDING_BOTTOM = 9
SECTION_GAP = 9
BULLET_INDENT = 11
CORNER_RADIUS = 5
BORDER_WIDTH = 1.5
CONNECTOR_WIDTH = 2

TITLE_SIZE = 14
TITLE_LEADING = 18
TITLE_MAX_LINES = 3
BODY_SIZE = 11
BODY_LEADING = 15

FUNCTION_MAX_CHARS = 90
"""A member function longer than this (about two lines of a box) is cut and ends with "…"."""
FUNCTION_MAX_LINES = 2
MEMBER_MAX_LINES = 4
"""Lines for the member functions in one box; functions beyond them are counted ("och 2
funktioner till")."""
MEETING_MAX_LINES = 3

# Colours: a dark blue heading band, white body, grey connectors.
BACKGROUND = "#ffffff"
HEADER_FILL = "#1f4e79"
HEADER_TEXT = "#ffffff"
BODY_FILL = "#ffffff"
BODY_TEXT = "#1b1b1b"
MEETING_TEXT = "#1f4e79"
MORE_TEXT = "#595959"
SEPARATOR = "#c5d3e2"
CONNECTOR = "#5b6b7c"

SVG_FONT_FAMILY = (
    "Arial, Helvetica, 'Liberation Sans', Arimo, 'Nimbus Sans', 'Nimbus Sans L', sans-serif"
)
"""Fonts with the widths of Arial, which are within a few per cent of the width table."""

# Advance widths in 1/1000 em of Pillow's bundled font (Aileron Regular), for " " to "~".
# They are the PNG's real widths; the SVG fits each line to the same width with textLength.
_ASCII_ADVANCE = (
    216, 242, 339, 580, 580, 740, 654, 176, 315, 315, 560, 580, 220, 274, 220, 303,
    580, 580, 580, 580, 580, 580, 580, 580, 580, 580, 220, 220, 580, 580, 580, 499,
    852, 639, 627, 699, 709, 587, 567, 710, 730, 264, 544, 609, 575, 866, 718, 737,
    598, 733, 619, 585, 612, 682, 622, 952, 625, 581, 591, 307, 303, 295, 580, 500,
    300, 531, 611, 529, 615, 549, 290, 615, 593, 238, 233, 522, 247, 855, 593, 586,
    611, 615, 330, 459, 313, 592, 514, 785, 482, 513, 462, 303, 250, 303, 580,
)  # fmt: skip
_FONT_EXTRA_ADVANCE = {
    "©": 838, "«": 557, "°": 298, "±": 580, "´": 300, "·": 202, "»": 557, "‘": 247,
    "’": 247, "“": 417, "”": 417, "…": 620, "‹": 387, "›": 387, "⁄": 235, "™": 539,
}  # fmt: skip
"""The few characters beyond ASCII that the bundled font has."""
_PNG_SUBSTITUTE = {
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u2022": "·", "\u2032": "'", "\u2033": '"', "\u00b4": "´", "\u201a": ",", "\u201e": "“",
}  # fmt: skip
"""Characters the bundled font lacks, drawn in the PNG as a near equivalent."""
_ESTIMATE_EXTRA_ADVANCE = {
    "–": 556, "—": 1000, "\u2212": 584, "•": 350, "§": 556, "€": 556, "¶": 537, "½": 834,
}  # fmt: skip
_UNKNOWN_ADVANCE = 1000
"""Generous, so that a character nobody planned for still fits its box."""
_MIN_ADVANCE = min(
    *_ASCII_ADVANCE,
    *_FONT_EXTRA_ADVANCE.values(),
    *_ESTIMATE_EXTRA_ADVANCE.values(),
    _UNKNOWN_ADVANCE,
)
"""The narrowest character by the width table: a text longer than the width over this
cannot fit."""
_MARKS = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0302": "circumflex",
    "\u0308": "diaeresis",
    "\u030a": "ring",
}
"""Combining marks the PNG draws by hand over their base letter (å, ä, ö, é, ü, …)."""

_SENTENCE_END = re.compile(r"[.!?](?= [A-ZÅÄÖ])")
_HANGING_WORDS = frozenset(
    {"och", "samt", "eller", "men", "med", "från", "för", "i", "på", "till", "av", "om", "som",
     "de", "den", "det", "en", "ett", "att", "inom"}
)  # fmt: skip
"""Words that should not end a shortened text just before the "…"."""


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


# ---------------------------------------------------------------------------------------------
# Text measurement and wrapping


def char_advance(char: str) -> int:
    """The width of one character in 1/1000 em by the width table."""
    code = ord(char)
    if 32 <= code <= 126:
        return _ASCII_ADVANCE[code - 32]
    if char in _FONT_EXTRA_ADVANCE:
        return _FONT_EXTRA_ADVANCE[char]
    if char in _ESTIMATE_EXTRA_ADVANCE:
        return _ESTIMATE_EXTRA_ADVANCE[char]
    if char in _PNG_SUBSTITUTE:
        return char_advance(_PNG_SUBSTITUTE[char])
    base = unicodedata.normalize("NFD", char)[0]
    if base != char:
        return char_advance(base)
    return _UNKNOWN_ADVANCE


def text_width(text: str, size: int) -> int:
    """The width of `text` at font size `size`, rounded up to whole units."""
    return math.ceil(sum(char_advance(c) for c in text) * size / 1000)


def clean_text(text: str) -> str:
    """One line of text: whitespace collapsed and control characters dropped."""
    printable = "".join(c for c in text if c.isspace() or unicodedata.category(c)[0] != "C")
    return " ".join(printable.split())


def wrap(text: str, width: int, size: int, max_lines: int) -> list[str]:
    """Greedy word wrap to `width`; words too long for a line are broken, and text beyond
    `max_lines` is cut with "…".

    Wrapping stops at the first line past `max_lines`: what follows it never reaches the
    "…" (`_ellipsize` takes words off the end until the text fits one line, and the last
    line shown plus the first word after it never do), so a long text costs no more than
    a short one."""
    lines: list[str] = []
    current = ""
    for word in _words(text):
        candidate = f"{current} {word}" if current else word
        if _fits(candidate, width, size):
            current = candidate
            continue
        if current:
            lines.append(current)
        while not _fits(word, width, size) and len(lines) <= max_lines:
            cut = _longest_prefix(word, width, size)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
        if len(lines) > max_lines:
            break
    else:
        if current:
            lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _ellipsize(rest, width, size)]
    return lines


def _words(text: str) -> Iterator[str]:
    """The words of `clean_text(text)`, found one at a time, so that wrapping a long text
    stops reading it where the lines shown end."""
    for match in _WORD.finditer(text):
        word = clean_text(match.group())
        if word:
            yield word


_WORD = re.compile(r"\S+")


def _fits(text: str, width: int, size: int) -> bool:
    """`text_width(text, size) <= width`, without measuring a text too long to fit: no
    character is narrower than `_MIN_ADVANCE`."""
    return len(text) <= width * 1000 // (_MIN_ADVANCE * size) and text_width(text, size) <= width


def _longest_prefix(word: str, width: int, size: int, reserve: str = "") -> int:
    """The length of the longest start of `word` (at least one character) that fits `width`
    with `reserve` after it, measured from the start: its cost is the length of the line."""
    total = sum(char_advance(c) for c in reserve)
    cut = 0
    for char in word:
        total += char_advance(char)
        if math.ceil(total * size / 1000) > width:
            break
        cut += 1
    return max(cut, 1)


def _ellipsize(line: str, width: int, size: int) -> str:
    """`line` ending with "…", cut at a word if need be so that it fits `width`."""
    words = line.split(" ")
    while len(words) > 1 and (
        text_width(" ".join(words) + "…", size) > width or words[-1].lower() in _HANGING_WORDS
    ):
        words.pop()
    text = _trim_end(" ".join(words).rstrip("…"))
    if text_width(text + "…", size) > width:
        text = text[: _longest_prefix(text, width, size, "…")]
    return text + "…"


def shorten(text: str, limit: int = FUNCTION_MAX_CHARS) -> str:
    """`text` in at most `limit` characters, ending with "…": cut after its last whole
    sentence or else at a word. A trailing comma, semicolon, colon or full stop is left out."""
    text = _trim_end(clean_text(text))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    sentence_ends = [m.start() for m in _SENTENCE_END.finditer(cut)]
    if sentence_ends and sentence_ends[-1] >= limit // 2:
        return _trim_end(cut[: sentence_ends[-1]]) + "…"
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    words = cut.split(" ")
    while len(words) > 1 and words[-1].lower() in _HANGING_WORDS:
        words.pop()
    return _trim_end(" ".join(words)) + "…"


def _trim_end(text: str) -> str:
    text = text.rstrip(" ,;:-–(")
    last_word = text.rsplit(" ", 1)[-1]
    if text.endswith(".") and not text.endswith("..") and "." not in last_word[:-1]:
        text = text[:-1].rstrip(" ,;:")
    return text


# ---------------------------------------------------------------------------------------------
# Layout


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
        functions = [_trim_end(clean_text(f)) for f in forum.members.functions]
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
    for forum in organisation.forums:
        by_level.setdefault(level_of(forum.role), []).append(_content(forum))
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
    for upper, lower in pairwise(levels):
        parents = [box for row in placed[upper] for box in row]
        edges.extend(_connect(parents, placed[lower]))

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


def _connect(parents: Sequence[ChartBox], rows: Sequence[Sequence[ChartBox]]) -> list[ChartEdge]:
    """Orthogonal connectors: down from each parent, along a bus halfway to the row below,
    and down to each child; further rows are reached by a trunk through the first row."""
    first = rows[0]
    buses = [row[0].y - ROW_GAP // 2 for row in rows]
    middle = max(1, len(first) // 2)
    trunk_x = first[middle - 1].x + BOX_WIDTH + COLUMN_GAP // 2
    edges = []
    for parent in parents:
        for row_index, row in enumerate(rows):
            for child in row:
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


# ---------------------------------------------------------------------------------------------
# Shared drawing geometry


def bullet(line: ChartText) -> tuple[float, float, float]:
    """Centre x, centre y and radius of the bullet before a member function's first line."""
    return line.x - BULLET_INDENT / 2 - 1, line.baseline - line.size * 0.3, line.size * 0.14


def _text_colour(kind: LineKind) -> str:
    return {
        LineKind.TITLE: HEADER_TEXT,
        LineKind.MEETING: MEETING_TEXT,
        LineKind.MORE: MORE_TEXT,
    }.get(kind, BODY_TEXT)


# ---------------------------------------------------------------------------------------------
# SVG


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attr(value: str) -> str:
    return xml_escape(value).replace('"', "&quot;")


def xml_escape(value: str) -> str:
    """XML text escaping (xml.sax.saxutils would import urllib and ssl for this)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_svg(layout: ChartLayout) -> str:
    """The chart as a standalone SVG 1.1 document."""
    w, h = layout.width, layout.height
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}">',
        f"<title>{xml_escape(layout.title)}</title>",
        f"<desc>{xml_escape(layout.description)}</desc>",
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="{BACKGROUND}"/>',
        f'<g fill="none" stroke="{CONNECTOR}" stroke-width="{CONNECTOR_WIDTH}" '
        'stroke-linejoin="round" stroke-linecap="butt">',
    ]
    for edge in layout.edges:
        points = " ".join(f"{x},{y}" for x, y in edge.points)
        out.append(f'<polyline points="{points}"/>')
    out.append("</g>")
    out.append(f'<g font-family="{_attr(SVG_FONT_FAMILY)}">')
    for box in layout.boxes:
        out.extend(_svg_box(box))
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_box(box: ChartBox) -> list[str]:
    x, y, w, h = box.x, box.y, box.width, box.height
    out = [
        "<g>",
        f"<title>{xml_escape(box.description)}</title>",
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{CORNER_RADIUS}" '
        f'ry="{CORNER_RADIUS}" fill="{HEADER_FILL}"/>',
    ]
    if h > box.header_height:
        out.append(f'<path d="{_svg_body_path(box)}" fill="{BODY_FILL}"/>')
    if box.separator_y is not None:
        out.append(
            f'<line x1="{x + PADDING_X}" y1="{box.separator_y}" x2="{x + w - PADDING_X}" '
            f'y2="{box.separator_y}" stroke="{SEPARATOR}" stroke-width="1"/>'
        )
    for line in box.lines:
        if line.kind is LineKind.MEMBER:
            cx, cy, r = bullet(line)
            out.append(
                f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{_num(r)}" '
                f'fill="{_text_colour(line.kind)}"/>'
            )
    for line in (*box.title_lines, *box.lines):
        out.append(
            f'<text x="{line.x}" y="{line.baseline}" font-size="{line.size}" '
            f'fill="{_text_colour(line.kind)}" textLength="{line.width}" '
            f'lengthAdjust="spacingAndGlyphs">{xml_escape(line.text)}</text>'
        )
    out.append("</g>")
    return out


def _svg_body_path(box: ChartBox) -> str:
    """The white body inside the border, its lower corners rounded like the box."""
    b = BORDER_WIDTH
    r = CORNER_RADIUS - b
    left, right = box.x + b, box.x + box.width - b
    top, bottom = box.y + box.header_height, box.y + box.height - b
    return (
        f"M{_num(left)},{_num(top)} H{_num(right)} V{_num(bottom - r)} "
        f"A{_num(r)},{_num(r)} 0 0 1 {_num(right - r)},{_num(bottom)} H{_num(left + r)} "
        f"A{_num(r)},{_num(r)} 0 0 1 {_num(left)},{_num(bottom - r)} Z"
    )


# ---------------------------------------------------------------------------------------------
# PNG

_SUPERSAMPLING = 2
"""The PNG is drawn at twice its size and reduced, which smooths lines, corners and marks."""

_FONT_CHARS = frozenset(chr(c) for c in range(32, 127)) | frozenset(_FONT_EXTRA_ADVANCE)


def _png_glyphs(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The string the bundled font can draw, and the marks to add by hand: for each, the
    index of its base letter and the mark's name."""
    chars: list[str] = []
    marks: list[tuple[int, str]] = []
    for char in text:
        if char in _FONT_CHARS:
            chars.append(char)
            continue
        if char in _PNG_SUBSTITUTE:
            chars.append(_PNG_SUBSTITUTE[char])
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        if base in _FONT_CHARS and len(decomposed) > 1:
            for mark in decomposed[1:]:
                if mark in _MARKS:
                    marks.append((len(chars), _MARKS[mark]))
            chars.append(base)
            continue
        chars.append(char)
    return "".join(chars), marks


class _PngPainter:
    def __init__(self, image: Image.Image, pixels_per_unit: int) -> None:
        self.draw = ImageDraw.Draw(image)
        self.k = pixels_per_unit
        self._fonts: dict[int, ImageFont.FreeTypeFont] = {}

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        if size not in self._fonts:
            font = ImageFont.load_default(size=size * self.k)
            if not isinstance(font, ImageFont.FreeTypeFont):
                raise RuntimeError("Pillow saknar FreeType och kan inte rita diagrammets text")
            self._fonts[size] = font
        return self._fonts[size]

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return x * self.k, y * self.k

    def box(self, box: ChartBox) -> None:
        k = self.k
        x0, y0 = self.xy(box.x, box.y)
        x1, y1 = self.xy(box.x + box.width, box.bottom)
        self.draw.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), CORNER_RADIUS * k, HEADER_FILL)
        if box.height > box.header_height:
            b = BORDER_WIDTH * k
            self.draw.rounded_rectangle(
                (x0 + b, y0 + box.header_height * k, x1 - b - 1, y1 - b - 1),
                (CORNER_RADIUS - BORDER_WIDTH) * k,
                BODY_FILL,
                corners=(False, False, True, True),
            )
        if box.separator_y is not None:
            sy = box.separator_y * k
            self.draw.line(
                (x0 + PADDING_X * k, sy, x1 - PADDING_X * k, sy), SEPARATOR, width=max(1, k)
            )
        for line in box.lines:
            if line.kind is LineKind.MEMBER:
                cx, cy, r = bullet(line)
                self.draw.ellipse(
                    ((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k),
                    _text_colour(line.kind),
                )
        for line in (*box.title_lines, *box.lines):
            self.text(line)

    def edge(self, edge: ChartEdge) -> None:
        points = [self.xy(x, y) for x, y in edge.points]
        self.draw.line(points, CONNECTOR, width=CONNECTOR_WIDTH * self.k, joint="curve")

    def text(self, line: ChartText) -> None:
        font = self.font(line.size)
        colour = _text_colour(line.kind)
        drawable, marks = _png_glyphs(line.text)
        x, y = self.xy(line.x, line.baseline)
        self.draw.text((x, y), drawable, font=font, fill=colour, anchor="ls")
        for index, mark in marks:
            left = x + font.getlength(drawable[:index])
            ink_left, ink_top, ink_right, _ = font.getbbox(drawable[index], anchor="ls")
            centre = left + (ink_left + ink_right) / 2
            self._mark(mark, centre, y + ink_top, line.size * self.k, colour)

    def _mark(self, mark: str, cx: float, top: float, size: float, colour: str) -> None:
        """A diacritic above a letter whose ink starts at `top`, for a font of `size` px."""
        draw = self.draw
        if mark == "diaeresis":
            r = size * 0.062
            cy = top - size * 0.07 - r
            for dx in (-size * 0.13, size * 0.13):
                draw.ellipse((cx + dx - r, cy - r, cx + dx + r, cy + r), colour)
        elif mark == "ring":
            r = size * 0.095
            cy = top - size * 0.045 - r
            stroke = max(1, round(size * 0.045))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=colour, width=stroke)
        elif mark in ("acute", "grave"):
            sign = 1 if mark == "acute" else -1
            bottom, height = top - size * 0.06, size * 0.17
            start = (cx - sign * size * 0.05, bottom)
            end = (cx + sign * size * 0.07, bottom - height)
            draw.line((start, end), colour, width=max(1, round(size * 0.07)))
        elif mark == "circumflex":
            bottom, height = top - size * 0.06, size * 0.15
            peak = (cx, bottom - height)
            draw.line(
                ((cx - size * 0.1, bottom), peak, (cx + size * 0.1, bottom)),
                colour,
                width=max(1, round(size * 0.06)),
                joint="curve",
            )


@lru_cache(maxsize=8)
def chart_png(layout: ChartLayout, scale: int = 2) -> bytes:
    """The chart as PNG, `scale` pixels per layout unit; the same layout gives the same bytes
    (no time, text or other metadata chunks; only the pixel density, 96 dpi per unit), so a
    process that builds again (`build --bevaka`) draws an unchanged chart only once."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    scale, supersampling = png_resolution(layout, scale)
    k = scale * supersampling
    image = Image.new("RGB", (layout.width * k, layout.height * k), BACKGROUND)
    painter = _PngPainter(image, k)
    for edge in layout.edges:
        painter.edge(edge)
    for box in layout.boxes:
        painter.box(box)
    return png_bytes(image, layout.width, layout.height, scale)


def png_resolution(layout: ChartLayout, scale: int) -> tuple[int, int]:
    """The pixels per unit and the supersampling to draw at: `scale` and `_SUPERSAMPLING`,
    lowered (supersampling first) until the drawing has at most `MAX_CANVAS_PIXELS`. A
    layout too large even at one pixel per unit is refused rather than allocated (the
    forum limit keeps every chart that is drawn far below it)."""
    units = layout.width * layout.height
    for pixels, supersampling in ((scale, _SUPERSAMPLING), (scale, 1), (1, 1)):
        if units * (pixels * supersampling) ** 2 <= MAX_CANVAS_PIXELS:
            return pixels, supersampling
    raise ValueError(f"chart of {layout.width} x {layout.height} units is too large to draw")


def png_bytes(image: Image.Image, width: int, height: int, scale: int) -> bytes:
    """The supersampled drawing scaled down to `scale` and saved as a PNG with nothing in
    it that changes between runs (no time, no text chunks).

    The reduction is a box filter: each pixel is the mean of the block it was drawn as,
    which is what supersampling means (and a third of the time of Lanczos). zlib level 3
    gives the same size as level 9 on these flat drawings in a seventh of the time."""
    final = image.resize((width * scale, height * scale), Image.Resampling.BOX)
    buffer = io.BytesIO()
    final.save(buffer, format="PNG", optimize=False, compress_level=3, dpi=(96 * scale,) * 2)
    return buffer.getvalue()


def organisation_chart(organisation: Organisation) -> tuple[str, bytes]:
    """The organisation chart as (SVG text, PNG bytes), both from one layout."""
    layout = chart_layout(organisation)
    return chart_svg(layout), chart_png(layout)
