"""The organisation chart: one layout of the forums, drawn as SVG and as PNG."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from itertools import combinations, pairwise
from typing import Any

import pytest
from PIL import Image

from samverkan_cli.model.agreement import Organisation
from samverkan_cli.orgchart.chart import chart_layout, organisation_chart
from samverkan_cli.orgchart.layout_model import ChartBox, ChartLayout, LineKind
from samverkan_cli.orgchart.png import chart_png
from samverkan_cli.orgchart.style import BODY_SIZE, MAX_COLUMNS, MEMBER_MAX_FUNCTIONS, PADDING_X
from samverkan_cli.orgchart.svg import chart_svg
from samverkan_cli.orgchart.text_metrics import text_width, trim_end, wrap
from samverkan_cli.source.loading import load_agreement
from tests.conftest import REPO_ROOT

SVG = "{http://www.w3.org/2000/svg}"


def _organisation(name: str) -> Organisation:
    agreement = load_agreement(REPO_ROOT / "agreements" / name).agreement
    assert agreement is not None and agreement.organisation is not None
    return agreement.organisation


def _forum(forum_id: str, role: str, heading: str, **extra: Any) -> dict[str, Any]:
    return {"id": forum_id, "roll": role, "rubrik": heading, **extra}


def _bra_organisation(groups: int = 3) -> Organisation:
    """A lokalt BRÅ with områdesgrupper under it and no beredningsgrupp."""
    forums = [
        _forum(
            "bra",
            "lokalt brå",
            "Lokalt brottsförebyggande råd",
            funktioner={"inledning": "I rådet ingår:", "lista": ["Kommundirektör", "Polischef"]},
            möten={"frekvens": {"antal": 4, "per": "år"}},
        )
    ]
    names = ["Centrum", "Öster", "Väster", "Ängby", "Åkeshov", "Ekerö", "Norr"]
    for index in range(groups):
        forums.append(
            _forum(
                f"omrade-{index}",
                "områdesgrupp",
                f"Områdesgrupp {names[index]}",
                funktioner={"inledning": "I gruppen ingår:", "lista": ["Områdespolis"]},
                möten={"frekvens": {"varannan": "vecka"}},
            )
        )
    return Organisation.model_validate({"forum": forums})


@pytest.fixture(scope="module")
def jarva() -> ChartLayout:
    return chart_layout(_organisation("järva"))


@pytest.fixture(scope="module")
def rinkeby() -> ChartLayout:
    return chart_layout(_organisation("rinkeby-kista-2017"))


def _edges(layout: ChartLayout) -> set[tuple[str, str]]:
    return {(edge.parent, edge.child) for edge in layout.edges}


def _body(box: ChartBox) -> str:
    return " ".join(box.texts)


def _overlap(a: ChartBox, b: ChartBox) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.bottom and b.y < a.bottom


def _assert_well_formed(layout: ChartLayout) -> None:
    """Boxes inside the chart and apart, text inside its box, connectors from box to box."""
    for box in layout.boxes:
        assert box.x > 0 and box.x + box.width < layout.width
        assert box.y > 0 and box.bottom < layout.height
        for line in (*box.title_lines, *box.lines):
            assert line.x >= box.x + PADDING_X
            assert line.x + line.width <= box.x + box.width - PADDING_X
            assert box.y < line.baseline < box.bottom
        for line in box.title_lines:
            assert line.baseline < box.y + box.header_height
        for line in box.lines:
            assert line.baseline > box.y + box.header_height
    for a, b in combinations(layout.boxes, 2):
        assert not _overlap(a, b), (a.forum_id, b.forum_id)
    for edge in layout.edges:
        parent, child = layout.box(edge.parent), layout.box(edge.child)
        assert edge.points[0] == (parent.center_x, parent.bottom)
        assert edge.points[-1] == (child.center_x, child.y)
        for (x0, y0), (x1, y1) in pairwise(edge.points):
            assert x0 == x1 or y0 == y1, "connectors run straight across or down"
            for box in layout.boxes:
                # No segment runs through a box: a vertical one outside its columns, or a
                # horizontal one outside its rows.
                inside_x = box.x < min(x0, x1) and max(x0, x1) < box.x + box.width
                inside_y = box.y < min(y0, y1) and max(y0, y1) < box.bottom
                crosses_x = min(x0, x1) < box.x + box.width and box.x < max(x0, x1)
                crosses_y = min(y0, y1) < box.bottom and box.y < max(y0, y1)
                assert not (x0 == x1 and inside_x and crosses_y)
                assert not (y0 == y1 and inside_y and crosses_x)


# ---------------------------------------------------------------------------------------------
# Layout


def test_jarva_has_three_levels_connected_top_down(jarva: ChartLayout) -> None:
    assert [box.forum_id for box in jarva.boxes] == [
        "styrgrupp",
        "beredningsgrupp",
        "arbetsgrupper",
    ]
    assert [[box.forum_id for box in level] for level in jarva.levels()] == [
        ["styrgrupp"],
        ["beredningsgrupp"],
        ["arbetsgrupper"],
    ]
    styrgrupp, beredning, arbete = jarva.boxes
    assert styrgrupp.bottom < beredning.y and beredning.bottom < arbete.y
    assert _edges(jarva) == {("styrgrupp", "beredningsgrupp"), ("beredningsgrupp", "arbetsgrupper")}
    _assert_well_formed(jarva)


def test_jarva_boxes_say_who_sits_there_and_how_often_they_meet(jarva: ChartLayout) -> None:
    styrgrupp = jarva.box("styrgrupp")
    assert styrgrupp.title == "Lokal styrgrupp"
    assert [line.text for line in styrgrupp.title_lines] == ["Lokal styrgrupp"]
    assert "Möten: minst två (2) tillfällen per år" in styrgrupp.texts
    assert "Möten: minst fyra (4) tillfällen per år" in jarva.box("beredningsgrupp").texts
    assert "Möten: vid behov" in jarva.box("arbetsgrupper").texts
    members = [line.text for line in styrgrupp.lines if line.kind is LineKind.MEMBER]
    assert members[:2] == ["Stadsdelsdirektör", "Lokalpolisområdets chef"]
    # The third function is long: shown in full on three lines, never cut.
    assert "…" not in _body(styrgrupp)
    assert "Särskilt prioriterade i detta" in _body(styrgrupp)
    assert _body(styrgrupp).endswith("Möten: minst två (2) tillfällen per år")
    assert "Representanter från både stadsdelsförvaltningen och" in _body(
        jarva.box("arbetsgrupper")
    )
    for box in jarva.boxes:
        member_lines = [line for line in box.lines if line.kind is not LineKind.MEETING]
        assert sum(line.kind is LineKind.MEMBER for line in member_lines) <= MEMBER_MAX_FUNCTIONS
        # The meetings come last, below a rule.
        assert box.lines[-1].kind is LineKind.MEETING
        assert box.separator_y is not None
        assert all(line.baseline < box.separator_y for line in member_lines)


def test_rinkeby_has_the_styrgrupp_above_the_other_forum(rinkeby: ChartLayout) -> None:
    styrgrupp, plans = rinkeby.boxes
    assert (styrgrupp.forum_id, plans.forum_id) == ("styrgrupp", "atgardsplaner")
    assert (styrgrupp.level, plans.level) == (0, 2)
    assert plans.title == "Åtgärdsplaner"
    assert plans.lines == ()  # neither functions nor a frequency in the data
    assert "Möten: minst en (1) gång varje halvår" in styrgrupp.texts
    assert "Chefen för Rinkeby lokalpolisområde" in styrgrupp.texts
    # The missing beredningsgrupp: the bottom level connects to the top one.
    assert _edges(rinkeby) == {("styrgrupp", "atgardsplaner")}
    _assert_well_formed(rinkeby)


def test_lokalt_bra_with_area_groups_and_no_beredningsgrupp() -> None:
    layout = chart_layout(_bra_organisation(2))
    bra = layout.box("bra")
    groups = [box for box in layout.boxes if box.forum_id != "bra"]
    assert bra.level == 0 and all(box.level == 2 for box in groups)
    assert _edges(layout) == {("bra", f"omrade-{index}") for index in range(2)}
    # Side by side on one row, in the order of the data, under the BRÅ.
    assert len({box.y for box in groups}) == 1
    assert [box.x for box in groups] == sorted(box.x for box in groups)
    assert groups[0].x + groups[0].width < bra.center_x < groups[1].x
    assert all("Möten: varannan vecka" in box.texts for box in groups)
    assert "Möten: fyra (4) tillfällen per år" in bra.texts
    _assert_well_formed(layout)


def test_many_groups_continue_on_a_new_row_reached_through_the_first() -> None:
    layout = chart_layout(_bra_organisation(5))
    groups = [box for box in layout.boxes if box.forum_id != "bra"]
    rows = sorted({box.y for box in groups})
    assert MAX_COLUMNS == 2  # two boxes fit the printed page side by side
    assert len(rows) == 3
    assert [sum(box.y == y for box in groups) for y in rows] == [2, 2, 1]
    assert len(layout.edges) == 5
    _assert_well_formed(layout)


def test_two_forums_at_the_top_both_connect_to_the_level_below() -> None:
    organisation = Organisation.model_validate(
        {
            "forum": [
                _forum("styr", "styrgrupp", "Styrgrupp"),
                _forum("bra", "lokalt brå", "Lokalt BRÅ"),
                _forum("sam", "samverkansgrupp", "Samverkansgrupp"),
                _forum("bered", "beredningsgrupp", "Beredningsgrupp"),
            ]
        }
    )
    layout = chart_layout(organisation)
    assert [[box.forum_id for box in level] for level in layout.levels()] == [
        ["styr", "bra"],
        ["bered"],
        ["sam"],
    ]
    assert _edges(layout) == {("styr", "bered"), ("bra", "bered"), ("bered", "sam")}
    _assert_well_formed(layout)


def test_many_functions_are_counted_rather_than_listed() -> None:
    functions = [f"Funktion nummer {n}" for n in range(1, 12)]
    organisation = Organisation.model_validate(
        {
            "forum": [
                _forum(
                    "styr",
                    "styrgrupp",
                    "Styrgrupp",
                    funktioner={"inledning": "I styrgruppen ingår:", "lista": functions},
                )
            ]
        }
    )
    box = chart_layout(organisation).box("styr")
    assert box.texts == (*functions[:7], "och 4 funktioner till")
    assert box.lines[-1].kind is LineKind.MORE
    assert box.separator_y is None
    assert chart_layout(organisation).edges == ()


def test_the_layout_is_deterministic() -> None:
    assert chart_layout(_organisation("järva")) == chart_layout(_organisation("järva"))


def test_trim_end_drops_the_closing_punctuation_of_a_function() -> None:
    assert trim_end("Kommunpolis") == "Kommunpolis"
    assert trim_end("Chefen för Rinkeby lokalpolisområde.") == "Chefen för Rinkeby lokalpolisområde"
    assert trim_end("Representanter som ska utföras,") == "Representanter som ska utföras"
    assert trim_end("Socialtjänst m.fl.") == "Socialtjänst m.fl."


def test_wrap_without_a_line_limit_keeps_every_word() -> None:
    text = "Representant med mandat från relevanta förvaltningar och bolag " * 3
    lines = wrap(text, 200, BODY_SIZE)
    assert " ".join(lines) == " ".join(text.split())
    assert all(text_width(line, BODY_SIZE) <= 200 for line in lines)


def test_wrap_fits_the_width_and_cuts_at_the_line_limit() -> None:
    text = "Representant med mandat från relevanta förvaltningar och bolag " * 3
    lines = wrap(text, 200, BODY_SIZE, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line, BODY_SIZE) <= 200 for line in lines)
    long_word = "Samverkansöverenskommelsegruppsordförandeskap" * 2
    assert all(text_width(line, BODY_SIZE) <= 100 for line in wrap(long_word, 100, BODY_SIZE, 9))
    assert "".join(wrap(long_word, 100, BODY_SIZE, 9)) == long_word


# ---------------------------------------------------------------------------------------------
# SVG


def test_svg_parses_and_says_what_the_layout_says(jarva: ChartLayout) -> None:
    svg = chart_svg(jarva)
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg" and root.get("version") == "1.1"
    assert (root.get("width"), root.get("height")) == (str(jarva.width), str(jarva.height))
    assert root[0].tag == f"{SVG}title" and root[0].text == "Samverkansorganisation"
    texts = [element.text for element in root.iter(f"{SVG}text")]
    for heading in ("Lokal styrgrupp", "Lokal beredningsgrupp", "Lokala arbetsgrupper"):
        assert heading in texts
    for frequency in ("minst två (2) tillfällen per år", "minst fyra (4) tillfällen per år"):
        assert f"Möten: {frequency}" in texts
    assert len(list(root.iter(f"{SVG}polyline"))) == len(jarva.edges)
    description = root.find(f"{SVG}desc")
    assert description is not None and description.text is not None
    assert "Lokal beredningsgrupp är kopplad till Lokal styrgrupp." in description.text
    # The whole function, unshortened, in the box's own title.
    assert "Särskilt prioriterade i detta hänseende" in description.text


def test_svg_escapes_markup_in_the_data() -> None:
    organisation = Organisation.model_validate(
        {
            "forum": [
                _forum(
                    "styr",
                    "styrgrupp",
                    'Styrgrupp <Norr> & "Söder"',
                    funktioner={"inledning": "I gruppen:", "lista": ["Polis & <b>kommun</b>"]},
                    möten={"frekvens": "vid behov"},
                )
            ]
        }
    )
    svg, png = organisation_chart(organisation)
    assert "<Norr>" not in svg and "<b>" not in svg
    assert "&lt;Norr&gt; &amp;" in svg
    root = ET.fromstring(svg.encode("utf-8"))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert 'Styrgrupp <Norr> & "Söder"' in texts
    assert "Polis & <b>kommun</b>" in texts
    assert Image.open(io.BytesIO(png)).format == "PNG"


# ---------------------------------------------------------------------------------------------
# PNG


@pytest.mark.parametrize("scale", [1, 2])
def test_png_opens_with_the_expected_size(jarva: ChartLayout, scale: int) -> None:
    image = Image.open(io.BytesIO(chart_png(jarva, scale=scale)))
    assert image.format == "PNG"
    assert image.size == (jarva.width * scale, jarva.height * scale)
    assert image.getpixel((0, 0)) == (255, 255, 255)
    # The heading band of the first box is drawn where the layout put it.
    box = jarva.boxes[0]
    assert image.getpixel(((box.x + 4) * scale, (box.y + 4) * scale)) == (0x1F, 0x4E, 0x79)


def test_png_is_byte_identical_when_rendered_twice(rinkeby: ChartLayout) -> None:
    first = chart_png(rinkeby)
    assert chart_png(chart_layout(_organisation("rinkeby-kista-2017"))) == first
    # No time or text chunks: only header, density, image data and end.
    chunks = []
    position = 8
    while position < len(first):
        length = int.from_bytes(first[position : position + 4], "big")
        chunks.append(first[position + 4 : position + 8].decode("ascii"))
        position += 12 + length
    assert set(chunks) == {"IHDR", "pHYs", "IDAT", "IEND"}


def test_png_rejects_a_scale_below_one(jarva: ChartLayout) -> None:
    with pytest.raises(ValueError):
        chart_png(jarva, scale=0)


def test_organisation_chart_gives_both_from_one_layout() -> None:
    organisation = _organisation("järva")
    svg, png = organisation_chart(organisation)
    layout = chart_layout(organisation)
    assert svg == chart_svg(layout)
    assert png == chart_png(layout)


# --- forums under forums (`under`) -----------------------------------------------------------


def test_the_tree_follows_under_when_given() -> None:
    """Two groups under the council and one under the first group: each tied to its own
    forum, one level below it, not to every forum of the level above."""
    organisation = Organisation.model_validate(
        {
            "forum": [
                _forum("bra", "lokalt brå", "Lokalt brottsförebyggande råd"),
                _forum("skola", "arbetsgrupp", "Skolgruppen", under="bra"),
                _forum("trafik", "arbetsgrupp", "Trafikgruppen", under="bra"),
                _forum("sspf", "arbetsgrupp", "SSPF-gruppen", under="skola"),
            ]
        }
    )
    layout = chart_layout(organisation)
    assert [[box.forum_id for box in level] for level in layout.levels()] == [
        ["bra"],
        ["skola", "trafik"],
        ["sspf"],
    ]
    assert _edges(layout) == {("bra", "skola"), ("bra", "trafik"), ("skola", "sspf")}
    assert "SSPF-gruppen är kopplad till Skolgruppen." in layout.description
    _assert_well_formed(layout)


def test_without_under_the_levels_come_from_the_roles(jarva: ChartLayout) -> None:
    """No `under` anywhere: the chart is what it was (the examples build byte-identically)."""
    assert _edges(jarva) == {("styrgrupp", "beredningsgrupp"), ("beredningsgrupp", "arbetsgrupper")}


def test_an_organisation_of_processes_only_has_no_chart() -> None:
    from samverkan_cli.model.chart_bounds import chart_is_drawn

    organisation = Organisation.model_validate(
        {
            "processer": [
                {
                    "id": "lagesbild",
                    "namn": "Gemensam lägesbild",
                    "frekvens": {"frekvens": {"varje": "vecka"}},
                }
            ]
        }
    )
    assert organisation.forums == [] and not chart_is_drawn(organisation)


def test_an_organisation_without_forums_or_processes_is_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="minst ett forum"):
        Organisation.model_validate({"rubrik": "Organisation"})
