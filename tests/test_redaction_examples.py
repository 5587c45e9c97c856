"""The public versions of every example, and of an agreement seeded with personal data in
prose: every person of the data and every personal number and address is absent from every
`-publik` file, Markdown and DOCX alike (body, tables, page header, document properties and
link addresses), and the functional addresses and switchboards are still there."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from samverkan_cli.build.pipeline import BuildResult, build_agreement
from samverkan_cli.check.folder import CheckSettings
from samverkan_cli.check.settings import load_config
from samverkan_cli.model.bilaga_kinds import ContactsBilaga
from samverkan_cli.publish.redaction import names_to_redact
from samverkan_cli.source.loading import LoadedAgreement, load_agreement
from tests.conftest import REPO_ROOT

EXAMPLES = sorted(p.name for p in (REPO_ROOT / "agreements").iterdir() if p.is_dir())
TODAY = dt.date(2025, 3, 1)


def docx_everything(path: Path) -> str:
    """All the text a reader of the DOCX can meet: every XML part's text (body, headers,
    footers, document properties) with each paragraph's runs joined, and link targets."""
    texts: list[str] = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            xml = package.read(name).decode("utf-8")
            texts += re.findall(r'Target="([^"]*)"', xml)
            for paragraph in re.split(r"</w:p>", xml):
                runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)
                texts.append("".join(runs))
            texts.append(re.sub(r"<[^>]+>", " ", xml))
    return "\n".join(texts).replace("&amp;", "&")


def public_texts(out: Path) -> dict[str, str]:
    found = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*-publik.md")}
    found |= {p.name: docx_everything(p) for p in out.glob("*-publik.docx")}
    assert found, f"no public version in {out}"
    return found


def contact_details(loaded: LoadedAgreement) -> list[str]:
    """The phone numbers and e-mail addresses of the people of the contact bilagor."""
    found: list[str] = []
    for bilaga in loaded.bilagor.values():
        if isinstance(bilaga.model, ContactsBilaga):
            for person in bilaga.model.people:
                found += [v for v in (person.phone, person.email) if v]
    return found


def build(root: Path, name: str, out: Path) -> BuildResult:
    settings = CheckSettings(load_config(root), TODAY)
    folder = root / "agreements" / name
    return build_agreement(folder, out, root, settings, public=True)


@pytest.fixture(scope="module")
def built_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("publik")
    for name in EXAMPLES:
        build(REPO_ROOT, name, base / name)
    return {name: base / name for name in EXAMPLES}


def assert_absent(item: str, texts: dict[str, str]) -> None:
    pattern = re.compile(r"(?<![\w-])" + re.escape(item) + r"(?![\w-])")
    for file, text in texts.items():
        assert not pattern.search(text), f"{item!r} left in {file}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_person_of_the_data_is_left(name: str, built_examples: dict[str, Path]) -> None:
    loaded = load_agreement(REPO_ROOT / "agreements" / name)
    texts = public_texts(built_examples[name])
    for person in names_to_redact(loaded):
        for part in [person, *person.split()]:
            assert_absent(part, texts)
    for detail in contact_details(loaded):
        assert_absent(detail, texts)


def test_the_examples_have_people_to_remove() -> None:
    """The test above is not empty: the examples name people (the signatories, the
    contacts of Rinkeby-Kista)."""
    counted = {
        name: len(names_to_redact(load_agreement(REPO_ROOT / "agreements" / name)))
        for name in EXAMPLES
    }
    assert sum(counted.values()) >= 10, counted
    assert contact_details(load_agreement(REPO_ROOT / "agreements" / "rinkeby-kista-2017"))


# --- an agreement seeded with personal data in prose ---------------------------------------

SEEDED_INTRODUCTION = """\
inledning: |
  Samordnarna nås på 0739-10 12 15 och 0651/18 234. Frågor om lägesbilden besvaras av
  Mattsson, och Granhällens kollega Lena Holmqvist (lena.holmqvist@stockholm.se,
  070-765 43 21) håller i trygghetsvandringarna. Personnummer 850101-1236 och
  samordningsnummer 850161-9871 ska aldrig stå i en handling. Ärendet har diarienummer
  KS 2024/123 och Dnr 1.2.3-456/2024; organisationsnumret är 212000-0142.

  Allmänna frågor: registrator.rinkeby@polisen.se, sdf.rinkeby-kista@stockholm.se eller
  kommunens växel 08-508 000 00. Vid brott ring 114 14, vid akut fara 112.
"""
SEEDED_REMOVED = [
    "0739-10 12 15",
    "0651/18 234",
    "Mattsson",
    "Granhällens",
    "Lena Holmqvist",
    "Holmqvist",
    "lena.holmqvist@stockholm.se",
    "070-765 43 21",
    "850101-1236",
    "850161-9871",
]
SEEDED_KEPT = [
    "KS 2024/123",
    "Dnr 1.2.3-456/2024",
    "212000-0142",
    "registrator.rinkeby@polisen.se",
    "sdf.rinkeby-kista@stockholm.se",
    "08-508 000 00",
    "114 14",
    "112",
    "Allmänna frågor",
    "trygghetsvandringarna",
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    import shutil

    root = tmp_path_factory.mktemp("seeded") / "repo"
    shutil.copytree(REPO_ROOT / "agreements", root / "agreements")
    contacts = root / "agreements" / "rinkeby-kista-2017" / "bilagor" / "samordnare.yaml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(
        text.replace("personer:\n", SEEDED_INTRODUCTION + "personer:\n", 1)
        + "  - part: sdf\n    namn: Kontaktcenter\n    titel: Stadens växel\n"
        "    telefon: 08-508 000 00\n    telefonetikett: Växel\n",
        encoding="utf-8",
    )
    out = root / "out"
    return out, build(root, "rinkeby-kista-2017", out)


def test_the_seeded_prose_keeps_none_of_the_personal_data(
    seeded: tuple[Path, BuildResult],
) -> None:
    out, _ = seeded
    texts = public_texts(out)
    for item in SEEDED_REMOVED:
        assert_absent(item, texts)
    normal = (out / "samverkansoverenskommelse-rinkeby-kista-2017.md").read_text("utf-8")
    for item in SEEDED_REMOVED:
        assert item in normal  # the normal version keeps everything


def test_the_seeded_prose_keeps_the_public_data(seeded: tuple[Path, BuildResult]) -> None:
    out, _ = seeded
    for file, text in public_texts(out).items():
        if "tjansteutlatande" in file:
            continue
        for item in SEEDED_KEPT:
            assert item in text, f"{item!r} removed from {file}"
        assert "Kontaktcenter" in text  # a switchboard entry is no person


def test_the_seeded_build_reports_nothing_personal_left(seeded: tuple[Path, BuildResult]) -> None:
    _, result = seeded
    assert [str(p) for p in result.problems if p.rule == "SV166"] == []
    assert result.redacted is not None and result.redacted.ids == 2
