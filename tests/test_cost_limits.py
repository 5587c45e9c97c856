"""Costs bounded by what is produced, not by what is written: issue 14.

A hostile repository can make a small file expand into a huge document (aliases), a
template repeat the data, an organisation draw a gigantic chart and two versions make
`diff` compare every paragraph with every other. Each is bounded: the data read (SV017),
the document rendered (SV018), the chart (SV019 and a pixel bound) and the alignment of
`diff` (n·log n). The tests assert on what is refused, where, and on counts of work, never
on a tight timer.
"""

from __future__ import annotations

import difflib
import io
import random
import shutil
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from PIL import Image

from samverkan_cli.build.pipeline import build_agreement
from samverkan_cli.cli.main import cli
from samverkan_cli.core.errors import ProblemsFound
from samverkan_cli.core.problems import Severity
from samverkan_cli.diff import alignment
from samverkan_cli.diff.versions import diff_agreements
from samverkan_cli.model import Agreement
from samverkan_cli.model.agreement import Organisation
from samverkan_cli.model.chart_bounds import MAX_CANVAS_PIXELS, MAX_CHART_FORUMS, chart_is_drawn
from samverkan_cli.orgchart import chart as orgchart
from samverkan_cli.orgchart import png as orgchart_png
from samverkan_cli.orgchart import text_metrics
from samverkan_cli.render import agreement_document as rendering
from samverkan_cli.source import yaml_building, yaml_limits
from samverkan_cli.source.loading import load_agreement
from samverkan_cli.source.yaml_document import YamlRefused
from samverkan_cli.source.yaml_limits import ReadBudget
from samverkan_cli.source.yaml_source import read_yaml
from tests.agreement_copy import AgreementCopy
from tests.conftest import JARVA, REPO_ROOT
from tests.test_rules import covers_rule

LAGESBILD = "bilagor/lagesbild.yaml"


@pytest.fixture(params=["libyaml", "pure"])
def yaml_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each test of the reader runs on both YAML paths."""
    if request.param == "pure":
        monkeypatch.setenv("SAMVERKAN_PURE_YAML", "1")
    else:
        monkeypatch.delenv("SAMVERKAN_PURE_YAML", raising=False)
    return str(request.param)


def refused(path: Path, budget: ReadBudget | None = None) -> YamlRefused:
    with pytest.raises(YamlRefused) as raised:
        read_yaml(path, path.name, budget)
    return raised.value


def line_column(text: str, needle: str, occurrence: int) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th (1-based) `needle` in `text`."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


# --- SV017: the data read, aliases expanded --------------------------------------------------


def test_a_long_anchor_repeated_is_refused_at_the_alias_that_crosses(
    tmp_path: Path, yaml_path: str
) -> None:
    """The attack: one 64 kB text used 999 times is an 85 kB file but 64 MB of document."""
    text = "a: &a " + "x" * 65_536 + "\nb:\n" + "  - *a\n" * 999
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    problem = refused(path).problem
    crossing = yaml_limits.MAX_DATA_CHARS // 65_536  # the aliases before it still fit
    assert problem.rule == "SV017"
    assert (problem.location.line, problem.location.column) == line_column(text, "*a", crossing)
    assert "mer än 8 miljoner tecken text när aliasen är utskrivna" in problem.message


@pytest.mark.parametrize(
    "shape",
    ["mapping-values", "nested-lists", "lines", "many-values", "key-alias-in-flow"],
)
def test_other_shapes_of_expansion_are_refused(
    tmp_path: Path, yaml_path: str, shape: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only a list of scalar aliases: aliases of lists, of mappings, as mapping values,
    texts of many short lines, and a file of very many small values."""
    monkeypatch.setattr(yaml_building, "MAX_DATA_VALUES", 5_000)  # the others stay as shipped
    if shape == "mapping-values":
        text = (
            "a: &a " + "y" * 100_000 + "\nb: {" + ", ".join(f"k{i}: *a" for i in range(90)) + "}\n"
        )
    elif shape == "nested-lists":
        text = "a: &a ['" + "z" * 50_000 + "', '" + "z" * 50_000 + "']\nb: &b [*a, *a, *a, *a]\n"
        text += "c: [" + ", ".join(["*b"] * 30) + "]\n"
    elif shape == "lines":
        text = 'a: &a "' + "rad\\n" * 2_000 + '"\nb: [' + ", ".join(["*a"] * 60) + "]\n"
    elif shape == "many-values":
        text = "lista:\n" + "- a\n" * 5_010
    else:
        text = (
            "a: &a {x: '"
            + "w" * 200_000
            + "'}\nb: {"
            + ", ".join(f"k{i}: *a" for i in range(50))
            + "}\n"
        )
    path = tmp_path / "bomb.yaml"
    path.write_text(text, encoding="utf-8")
    problem = refused(path).problem
    assert problem.rule == "SV017", problem
    assert problem.severity is Severity.ERROR
    assert problem.location.line > 1 or shape == "many-values"


def test_data_within_the_limits_is_read(tmp_path: Path, yaml_path: str) -> None:
    text = "a: &a " + "x" * 1_000 + "\nb: [" + ", ".join(["*a"] * 900) + "]\n"
    path = tmp_path / "ok.yaml"
    path.write_text(text, encoding="utf-8")
    budget = ReadBudget()
    document = read_yaml(path, "ok.yaml", budget)
    assert len(document.data["b"]) == 900
    assert budget.chars == 1_000 * 901 + 2  # the keys count too
    assert budget.values == 1 + 1 + 1 + 900


def test_an_agreement_is_bounded_across_its_files(
    jarva: AgreementCopy, monkeypatch: pytest.MonkeyPatch, yaml_path: str
) -> None:
    """Each file fits alone; the agreement file, its tjänsteutlåtande and its lägesbild
    together do not. The problem is in the last file read, and says so."""
    files = ["overenskommelse.yaml", "tjansteutlatande.yaml", LAGESBILD]  # the order read
    chars = [_chars_of(jarva.folder / file) for file in files]
    monkeypatch.setattr(yaml_building, "MAX_DATA_CHARS", sum(chars) - 1)
    assert max(chars) < yaml_building.MAX_DATA_CHARS
    problems = [p for p in jarva.check() if p.rule == "SV017"]
    assert len(problems) == 1
    assert problems[0].location.file.endswith("lagesbild.yaml")
    assert problems[0].message.startswith("överenskommelsen med sina bilagor innehåller mer än")


def _chars_of(path: Path) -> int:
    budget = ReadBudget()
    read_yaml(path, path.name, budget)
    return budget.chars


def test_the_alias_bomb_builds_nothing(in_repo: Path, yaml_path: str) -> None:
    folder = in_repo / "agreements" / "järva"
    source = folder / "overenskommelse.yaml"
    text = source.read_text(encoding="utf-8")
    bomb = "\nx-bomb: &bomb " + "x" * 65_536 + "\nx-used: [" + ", ".join(["*bomb"] * 999) + "]\n"
    source.write_text(text + bomb, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "järva", "--out", "ut"])
    assert result.exit_code == 1, result.output
    assert "SV017" in result.output
    assert "Traceback" not in result.output
    assert not (in_repo / "ut").exists() or not any((in_repo / "ut").iterdir())


# --- SV018: the rendered document -----------------------------------------------------------


@pytest.mark.parametrize("limit", ["MAX_RENDERED_CHARS", "MAX_RENDERED_LINES"])
def test_a_document_larger_than_the_limit_is_refused_before_writing(
    jarva: AgreementCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str
) -> None:
    """Whatever makes the Markdown large (data or a template that repeats it), the build
    stops after rendering and writes nothing."""
    monkeypatch.setattr(rendering, limit, 100)
    out = tmp_path / "ut"
    with pytest.raises(ProblemsFound) as raised:
        build_agreement(jarva.folder, out)
    (problem,) = raised.value.problems
    assert problem.rule == "SV018"
    assert problem.location.file.endswith("overenskommelse.yaml")
    assert "dokumentet blir för stort" in problem.message
    assert not out.exists() or not any(out.iterdir())


def test_a_repeating_template_is_refused(in_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template from the repository that writes the data many times over."""
    monkeypatch.setattr(rendering, "MAX_RENDERED_CHARS", 300_000)  # Järva has 60,000
    templates = in_repo / "templates"
    shutil.copytree(REPO_ROOT / "templates", templates)
    main = templates / "overenskommelse.md.j2"
    repeated = "{% for i in range(20000) %}{{ a.title }}\n{% endfor %}"
    main.write_text(main.read_text(encoding="utf-8") + repeated, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "järva", "--out", "ut"])
    assert result.exit_code == 1, result.output
    assert "SV018" in result.output
    assert not (in_repo / "ut").exists() or not any((in_repo / "ut").iterdir())


# --- SV019 and the chart's size -------------------------------------------------------------


def _forums(count: int, role: str = "områdesgrupp", heading: str = "Områdesgrupp") -> Organisation:
    forums: list[dict[str, Any]] = [{"id": "styrgrupp", "roll": "styrgrupp", "rubrik": "Styrgrupp"}]
    forums += [
        {"id": f"grupp-{i}", "roll": role, "rubrik": f"{heading} {i}"} for i in range(count - 1)
    ]
    return Organisation.model_validate({"forum": forums})


@covers_rule("SV019")
def test_sv019_too_many_forums_build_without_a_chart(jarva: AgreementCopy, tmp_path: Path) -> None:
    extra = "".join(
        f"    - id: grupp-{i}\n      roll: områdesgrupp\n      rubrik: Områdesgrupp {i}\n"
        for i in range(300)
    )
    text = jarva.edit("  forum:\n", "  forum:\n" + extra)
    problems = [p for p in jarva.check() if p.rule == "SV019"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.severity is Severity.WARNING
    first_not_shown = f"grupp-{MAX_CHART_FORUMS}\n"
    line, column = line_column(text, first_not_shown, 1)
    assert (problem.location.line, problem.location.column) == (line, column - len("id: "))
    assert "organisationen har 303 forum" in problem.message
    written = build_agreement(jarva.folder, tmp_path / "ut").written
    assert not [p for p in written if "organisation" in p.name]


def test_the_most_forums_drawn_stay_within_the_pixel_bound() -> None:
    """40 forums side by side on the top level, the widest chart that is drawn: its PNG is
    drawn at a lower resolution rather than allocating more than the bound."""
    organisation = _forums(MAX_CHART_FORUMS, role="styrgrupp", heading="Lokal styrgrupp " * 18)
    assert chart_is_drawn(organisation)
    assert not chart_is_drawn(_forums(MAX_CHART_FORUMS + 1))
    layout = orgchart.chart_layout(organisation)
    scale, supersampling = orgchart_png.png_resolution(layout, 2)
    assert layout.width * layout.height * (scale * supersampling) ** 2 <= MAX_CANVAS_PIXELS


@pytest.mark.parametrize(
    ("factor", "expected"), [(16, (2, 2)), (15, (2, 1)), (4, (2, 1)), (3, (1, 1)), (1, (1, 1))]
)
def test_a_larger_chart_is_drawn_at_a_lower_resolution(
    monkeypatch: pytest.MonkeyPatch, factor: int, expected: tuple[int, int]
) -> None:
    """Supersampling goes first, then pixels per unit; a chart too large even at one pixel
    per unit is never allocated."""
    layout = orgchart.chart_layout(_forums(8, role="styrgrupp"))
    monkeypatch.setattr(orgchart_png, "MAX_CANVAS_PIXELS", layout.width * layout.height * factor)
    assert orgchart_png.png_resolution(layout, 2) == expected
    scale = expected[0]
    png = Image.open(io.BytesIO(orgchart_png.chart_png.__wrapped__(layout)))
    assert png.size == (layout.width * scale, layout.height * scale)
    monkeypatch.setattr(orgchart_png, "MAX_CANVAS_PIXELS", layout.width * layout.height - 1)
    with pytest.raises(ValueError, match="too large"):
        orgchart_png.png_resolution(layout, 2)


def test_the_examples_keep_their_resolution() -> None:
    for name in ("järva", "exempel-kommun"):
        agreement = load_agreement(REPO_ROOT / "agreements" / name).agreement
        assert agreement is not None and agreement.organisation is not None
        layout = orgchart.chart_layout(agreement.organisation)
        assert orgchart_png.png_resolution(layout, 2) == (2, 2)


def test_a_huge_heading_is_measured_only_as_far_as_it_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wrapping a forum heading of a million characters looks at a few lines of it."""
    calls = 0
    measure = text_metrics.char_advance

    def counted(char: str) -> int:
        nonlocal calls
        calls += 1
        return measure(char)

    monkeypatch.setattr(text_metrics, "char_advance", counted)
    for heading in ("Ord " * 250_000, "x" * 1_000_000):
        calls = 0
        lines = text_metrics.wrap(heading, 288, 14, 3)
        assert len(lines) == 3 and lines[-1].endswith("…")
        assert calls < 20_000, calls


# --- diff: n·log n alignment ----------------------------------------------------------------


class _CountingMatcher(difflib.SequenceMatcher):  # type: ignore[type-arg]
    products: ClassVar[list[int]] = []

    def __init__(self, isjunk: Any, a: Sequence[Hashable], b: Sequence[Hashable], **kw: Any):
        _CountingMatcher.products.append(len(a) * len(b))
        super().__init__(isjunk, a, b, **kw)


def _worst_cases(n: int) -> dict[str, tuple[list[str], list[str]]]:
    rnd = random.Random(14)
    unique = [f"Stycke {i}." for i in range(n)]
    return {
        "same-paragraph": (["Samma."] * n, ["Samma." if i % 2 else "Annat." for i in range(n)]),
        "few-values": (
            [f"p{rnd.randrange(40)}" for _ in range(n)],
            [f"p{rnd.randrange(40)}" for _ in range(n)],
        ),
        "shuffled": (unique, rnd.sample(unique, n)),
        "edited": (unique, [p if i % 97 else f"Ändrat {i}." for i, p in enumerate(unique)]),
        "blank-between": (
            [x for p in unique[: n // 2] for x in ("", p)],
            [x for p in unique[n // 2 :] for x in ("", p)],
        ),
    }


@pytest.mark.parametrize("case", list(_worst_cases(10)))
def test_alignment_work_is_bounded(monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """20,000 paragraphs a side: SequenceMatcher (quadratic or worse) only sees small gaps,
    and the opcodes still turn the old list into the new one."""
    monkeypatch.setattr(alignment, "SequenceMatcher", _CountingMatcher)
    _CountingMatcher.products = []
    old, new = _worst_cases(20_000)[case]
    codes = alignment.opcodes(old, new)
    assert max(_CountingMatcher.products, default=0) <= alignment.SMALL_PRODUCT
    assert sum(_CountingMatcher.products) <= 200 * (len(old) + len(new))
    _assert_transforms(old, new, codes)


def _assert_transforms(old: Sequence[str], new: Sequence[str], codes: list[Any]) -> None:
    rebuilt: list[str] = []
    i = j = 0
    for tag, a1, a2, b1, b2 in codes:
        assert (a1, b1) == (i, j)
        if tag == "equal":
            assert list(old[a1:a2]) == list(new[b1:b2])
        rebuilt.extend(new[b1:b2])
        i, j = a2, b2
    assert (i, j) == (len(old), len(new))
    assert rebuilt == list(new)


def test_small_lists_align_exactly_as_before() -> None:
    rnd = random.Random(3)
    for _ in range(500):
        old = [rnd.choice("abcdefg") for _ in range(rnd.randint(0, 40))]
        new = [rnd.choice("abcdefg") for _ in range(rnd.randint(0, 40))]
        if len(old) * len(new) <= alignment.SMALL_PRODUCT:
            expected = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
            assert alignment.opcodes(old, new) == expected


def test_large_random_lists_transform(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(9)
    for _ in range(30):
        n = rnd.randint(60, 600)
        old = [str(rnd.randrange(rnd.choice((3, 50, 10_000)))) for _ in range(n)]
        new = list(old)
        for _ in range(rnd.randint(0, 40)):
            position = rnd.randrange(len(new))
            if rnd.random() < 0.5:
                new[position] = str(rnd.randrange(100))
            else:
                new.insert(position, str(rnd.randrange(100)))
        _assert_transforms(old, new, alignment.opcodes(old, new))


def test_diff_of_two_agreements_of_20000_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole `diff`, on the two versions the attack used: the same paragraph many times
    on one side and alternating on the other."""
    monkeypatch.setattr(alignment, "SequenceMatcher", _CountingMatcher)
    _CountingMatcher.products = []
    agreement = load_agreement(JARVA).agreement
    assert agreement is not None and agreement.background is not None
    old_text, new_text = _worst_cases(20_000)["same-paragraph"]
    old = _with_background(agreement, old_text)
    new = _with_background(agreement, new_text)
    report = diff_agreements(old, new, "gammal", "ny")
    assert report.count("Nytt stycke") + report.count("Ändrat stycke") >= 1
    assert max(_CountingMatcher.products, default=0) <= alignment.SMALL_PRODUCT


def _with_background(agreement: Agreement, paragraphs: list[str]) -> Agreement:
    background = agreement.background
    assert background is not None
    return agreement.model_copy(
        update={"background": background.model_copy(update={"paragraphs": paragraphs})}
    )


# --- the largest file accepted builds --------------------------------------------------------


def test_a_5_mb_lagesbild_builds(jarva: AgreementCopy, tmp_path: Path) -> None:
    """A lägesbild just under the 5 MB file limit, written as prose in paragraphs of 80
    characters a line, is accepted and built (in a few seconds; see bench/benchmark.py)."""
    path = jarva.folder / LAGESBILD
    head = path.read_text(encoding="utf-8").split("text: |")[0] + "text: |\n"
    sentence = "Samverkan mellan polisen och kommunen ger trygghet i området, år för år. "
    line = "  " + (sentence * 2)[:78] + "\n"
    paragraph = line * 6 + "\n"
    count = (yaml_limits.MAX_FILE_BYTES - len(head.encode()) - 1_000) // len(paragraph.encode())
    path.write_text(head + paragraph * count, encoding="utf-8")
    assert yaml_limits.MAX_FILE_BYTES - 20_000 < path.stat().st_size <= yaml_limits.MAX_FILE_BYTES
    result = build_agreement(jarva.folder, tmp_path / "ut")
    markdown = next(p for p in result.written if p.suffix == ".md")
    assert markdown.stat().st_size > 4_000_000
