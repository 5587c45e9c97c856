"""Templates cannot leave a blank, reach Python's internals, change the data they are given or
read files outside the template folders; and user data cannot change a document's structure.

A repository's own templates/overenskommelse.md.j2 (a copy of the shipped one with a line
put in) replaces the shipped template; a refused template ends the build with exit 2, a
message naming the template file and line, and nothing written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from samverkan_cli.cli.main import cli
from samverkan_cli.core.errors import TemplateProblem
from samverkan_cli.document.parsing import parse_markdown
from samverkan_cli.document.tree import (
    Block,
    BulletList,
    Heading,
    OrderedList,
    Paragraph,
    Table,
    plain_text,
)
from samverkan_cli.render.agreement_document import agreement_document
from samverkan_cli.render.templates import _bytecode_cache
from samverkan_cli.source.loading import load_agreement
from tests.conftest import JARVA, REPO_ROOT
from tests.docx_text import body_text

TEMPLATE = "overenskommelse.md.j2"
AGREEMENT = "overenskommelse.yaml"
MD = "lokal-samverkansoverenskommelse-jarva.md"
DOCX = "lokal-samverkansoverenskommelse-jarva.docx"
INSERTED_AT = 6
"""The line the test puts into the template: after the title, before anything else."""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(JARVA, root / "agreements" / "järva")
    (root / "templates").mkdir()
    monkeypatch.chdir(root)
    return root


def own_template(repo: Path, line: str | None) -> Path:
    """The shipped template with `line` as line INSERTED_AT (unchanged for None), as the
    repository's own."""
    lines = (REPO_ROOT / "templates" / TEMPLATE).read_text(encoding="utf-8").split("\n")
    if line is not None:
        lines.insert(INSERTED_AT - 1, line)
    path = repo / "templates" / TEMPLATE
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def build(repo: Path) -> Result:
    result = CliRunner().invoke(cli, ["build", "järva", "--out", "ut"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "internt fel" not in result.output
    return result


def assert_refused(repo: Path, result: Result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    place = f"templates/{TEMPLATE}:{INSERTED_AT}: "
    assert place in result.output, result.output
    for fragment in fragments:
        assert fragment in result.output, result.output
    assert not (repo / "ut").exists()


def test_the_unchanged_copy_builds(repo: Path) -> None:
    own_template(repo, None)
    assert build(repo).exit_code == 0
    golden = (REPO_ROOT / "tests" / "golden" / "järva.md").read_text(encoding="utf-8")
    assert (repo / "ut" / MD).read_text(encoding="utf-8") == golden


@pytest.mark.parametrize(
    "line",
    [
        "{{ finns_inte }}",
        "{{ a.finns_inte }}",
        "{{ a.title ~ finns_inte }}",
        "{% if a.finns_inte %}x{% endif %}",
        "{% for x in finns_inte %}{{ x }}{% endfor %}",
        "{{ parter.finns_inte.name }}",
    ],
)
def test_an_undefined_value_names_the_template_line_and_the_name(repo: Path, line: str) -> None:
    own_template(repo, line)
    assert_refused(repo, build(repo), "finns_inte")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("{{ 1/0 }}", "division med noll"),
        ("{{ 1 // 0 }}", "division med noll"),
        ("{{ 'a' + 1 }}", "fel slags värde"),
        ("{{ range(10 ** 9)|length }}", "talet är för stort"),
        ("{{ a.title|int + [] }}", "fel slags värde"),
    ],
)
def test_an_error_while_rendering_names_the_template_line(repo: Path, line: str, said: str) -> None:
    own_template(repo, line)
    assert_refused(repo, build(repo), said)


def test_a_failed_template_keeps_the_earlier_output(repo: Path) -> None:
    own_template(repo, None)
    assert build(repo).exit_code == 0
    before = {p.name: p.read_bytes() for p in (repo / "ut").iterdir()}
    own_template(repo, "{{ a.finns_inte }}")
    result = CliRunner().invoke(cli, ["build", "järva", "--out", "ut"])
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in (repo / "ut").iterdir()} == before


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        ("{{ ''.__class__.__mro__ }}", "'__class__' of 'str' object is unsafe"),
        ("{{ a.title|attr('__class__') }}", "'__class__' of 'str' object is unsafe"),
        ("{{ cycler.__init__.__globals__ }}", "'__init__'"),
        ("{{ a.__dict__ }}", "'__dict__'"),
        # Methods that change the data the template is given:
        ("{{ bilagor.clear() }}", "'clear' of 'list' object is unsafe"),
        ("{{ a.parties.append(a.parties[0]) }}", "'append' of 'list' object is unsafe"),
        ("{% set x = parter.pop('sdf') %}", "'pop' of 'dict' object is unsafe"),
        ("{% if parter.update({}) %}{% endif %}", "'update' of 'dict' object is unsafe"),
    ],
)
def test_the_sandbox_refuses(repo: Path, line: str, refused: str) -> None:
    own_template(repo, line)
    assert_refused(repo, build(repo), refused)


def test_a_refusal_is_a_template_problem(repo: Path) -> None:
    own_template(repo, "{{ bilagor.clear() }}")
    loaded = load_agreement(repo / "agreements" / "järva")
    with pytest.raises(TemplateProblem, match="unsafe"):
        agreement_document(loaded, repo)
    assert loaded.agreement is not None and loaded.agreement.bilagor is not None
    assert len(loaded.agreement.bilagor.entries) == 5


@pytest.mark.parametrize(
    "name", ["../agreements/järva/overenskommelse.yaml", "/etc/passwd", "finns-inte.md.j2"]
)
def test_an_include_outside_the_template_folders_is_refused(repo: Path, name: str) -> None:
    own_template(repo, f'{{% include "{name}" %}}')
    result = build(repo)
    assert result.exit_code == 1
    assert f"mallen '{name}' finns inte" in result.output
    assert not (repo / "ut").exists()


# --- data with Markdown and XML in it ------------------------------------------------------

SPECIAL = "A <w:p> & ]]> **x** | # y _z_ `k` [l](u) <!-- c --> \\ {x} slut"
STARTS = ["# rubrik?", "1. lista?", "- punkt?", "> citat?", "| a | b |", "<w:p>x</w:p>"]


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def markdown_literal(value: str) -> str:
    """A paragraph (inline Markdown) that reads back as `value`: every ASCII punctuation
    character escaped with a backslash, as CommonMark allows."""
    return "".join(
        "\\" + c if c.isascii() and not c.isalnum() and not c.isspace() else c for c in value
    )


def texts_of(blocks: tuple[Block, ...]) -> Iterator[str]:
    """The plain text of every heading, paragraph, list item and table cell."""
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            yield plain_text(block.content)
        elif isinstance(block, BulletList | OrderedList):
            for item in block.items:
                yield from texts_of(item.blocks)
        elif isinstance(block, Table):
            for cells in (block.header, *block.rows):
                yield from (plain_text(cell) for cell in cells)


@pytest.fixture
def special(repo: Path) -> Path:
    """Järva with SPECIAL (and the STARTS) in the title, a paragraph (escaped: a paragraph is
    inline Markdown), a party's name, a forum's heading and a list of functions."""
    source = repo / "agreements" / "järva" / AGREEMENT
    replace_once(source, "titel: Lokal samverkansöverenskommelse", f"titel: {quoted(SPECIAL)}")
    replace_once(
        source,
        "  text:\n    - >-\n      Stockholms stad",
        "  text:\n"
        + "".join(f"    - {quoted(markdown_literal(s))}\n" for s in [SPECIAL, *STARTS])
        + "    - >-\n      Stockholms stad",
    )
    replace_once(source, "namn: Järva stadsdelsförvaltning", f"namn: {quoted('Järva ' + SPECIAL)}")
    replace_once(source, "rubrik: Lokal styrgrupp", f"rubrik: {quoted('Styrgrupp ' + SPECIAL)}")
    replace_once(source, "- Stadsdelsdirektör", f"- {quoted('Stadsdelsdirektör ' + SPECIAL)}")
    return repo


def test_markdown_and_xml_characters_in_data_stay_literal(special: Path) -> None:
    result = build(special)
    assert result.exit_code == 0, result.output
    markdown = (special / "ut" / MD).read_text(encoding="utf-8")
    found = list(texts_of(parse_markdown(markdown).blocks))
    expected = [
        SPECIAL,
        *STARTS,
        f"Styrgrupp {SPECIAL}",
        f"Stadsdelsdirektör {SPECIAL}",
    ]
    for text in expected:
        assert text in found, text
    assert any(f"Järva {SPECIAL}" in text for text in found)
    document = docx.Document(str(special / "ut" / DOCX))
    paragraphs = body_text(document).split("\n")
    for text in expected:
        assert text in paragraphs, text
    assert any(f"Järva {SPECIAL}" in paragraph for paragraph in paragraphs)
    # The title property names the parties when the printed title does not (issue 18).
    assert document.core_properties.title == (
        f"{SPECIAL} mellan Järva {SPECIAL} och Lokalpolisområde Järva"
    )


def test_compiled_templates_are_kept_in_the_users_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAMVERKAN_CACHE", raising=False)  # the user's folder, as installed
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert _bytecode_cache() is not None
    assert (tmp_path / "samverkan" / "jinja").is_dir()


def test_the_template_cache_works_where_there_are_no_user_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no os.getuid; the cache folder is the user's own there."""
    monkeypatch.delenv("SAMVERKAN_CACHE", raising=False)  # the user's folder, as installed
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delattr(os, "getuid", raising=False)
    assert _bytecode_cache() is not None


def test_no_template_cache_where_the_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("inte en mapp", encoding="utf-8")
    monkeypatch.delenv("SAMVERKAN_CACHE", raising=False)  # the user's folder, as installed
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _bytecode_cache() is None
