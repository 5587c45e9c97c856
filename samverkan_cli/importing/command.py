"""`samverkan import avtal.docx NAMN` without click: the Word file read (`word_reading`),
shaped into an agreement (`shape`), written as `agreements/NAMN/overenskommelse.yaml`
(`yaml_text`) through init's atomic folder writing, with the schemas its first line
points at exported as `init` does, then what became data, what is left
to check, and the checks' summary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samverkan_cli.core.errors import UsageError
from samverkan_cli.core.exit_codes import EXIT_OK
from samverkan_cli.core.safe_output import visible

Echo = Callable[..., None]
WORD_SUFFIXES = (".docx", ".docm", ".dotx")


def import_word(cwd: Path, source: str, name: str, *, echo: Echo) -> int:
    """Write the new agreement folder from the Word file `source`, then report."""
    import yaml

    from samverkan_cli.check.folder import CheckSettings, check_folder
    from samverkan_cli.check.settings import load_config
    from samverkan_cli.importing.shape import shape
    from samverkan_cli.importing.word_reading import read_word
    from samverkan_cli.importing.yaml_text import write_yaml
    from samverkan_cli.init.command import update_repository_schemas
    from samverkan_cli.init.copy_edits import AGREEMENT_SCHEMA
    from samverkan_cli.init.file_preparation import schema_comment
    from samverkan_cli.init.new_folder import check_new_name, repository_for_init, write_folder
    from samverkan_cli.messages.problem_lines import summary
    from samverkan_cli.source.loading import display_path
    from samverkan_cli.source.repository import AGREEMENT_FILE

    repository = repository_for_init(cwd)
    repository.check_agreements_dir()
    name = check_new_name(repository, name)
    path = _word_file(cwd, source)
    imported = shape(read_word(path))
    target = repository.agreements_dir / name
    first_line = schema_comment(target / AGREEMENT_FILE, repository.root, AGREEMENT_SCHEMA)
    text = write_yaml(imported, first_line, path.name)
    yaml.safe_load(text)  # what is written is YAML, whatever the document held
    for written in write_folder(target, {Path(AGREEMENT_FILE): text.encode("utf-8")}):
        echo(f"skrev {visible(display_path(written))}")
    update_repository_schemas(repository, echo=echo)
    echo(_read_as_data(imported))
    if imported.flags:
        echo(f"Att kontrollera ({len(imported.flags)}), märkt '# IMPORT:' i filen:")
        for flag in sorted(imported.flags, key=lambda f: f.number):
            where = f"stycke {flag.number}" if flag.number else "hela dokumentet"
            under = f" (under ”{visible(flag.heading)}”)" if flag.heading else ""
            echo(f"  {where}{under}: {flag.reason}")
    config = load_config(repository.root)
    problems = check_folder(target, CheckSettings(config))[1]
    shown = Path(display_path(target)).as_posix()
    echo(summary(shown, problems))
    echo(
        f"Kör 'samverkan validate {visible(name)}' och rätta det som visas; bygg sedan med "
        f"'samverkan build {visible(name)}' (med --utkast så länge platshållare finns kvar)."
    )
    return EXIT_OK


def _word_file(cwd: Path, source: str) -> Path:
    path = (cwd / source) if not Path(source).is_absolute() else Path(source)
    if path.suffix.casefold() == ".doc":
        raise UsageError(
            f"{source} är en äldre Word-fil (.doc); öppna den i Word eller LibreOffice och "
            "spara den som .docx först"
        )
    if path.suffix.casefold() not in WORD_SUFFIXES:
        raise UsageError(f"{source} är ingen Word-fil (.docx)")
    if not path.is_file():
        raise UsageError(f"filen {source} finns inte")
    return path


def _read_as_data(imported: object) -> str:
    from samverkan_cli.importing.shape import Imported

    assert isinstance(imported, Imported)
    parts = [f"{len(imported.parties)} parter"]
    signatories = sum(len(p.signatories) for p in imported.parties)
    if signatories:
        parts.append(f"{signatories} undertecknare")
    if imported.term is not None:
        parts.append("avtalstiden")
    if imported.organisation is not None:
        parts.append(f"{len(imported.organisation['forum'])} forum")
    if imported.copies is not None:
        parts.append("antal exemplar")
    return "Läst som data: " + ", ".join(parts) + "; övriga avsnitt står som text i 'avsnitt'."


__all__ = ["import_word"]
