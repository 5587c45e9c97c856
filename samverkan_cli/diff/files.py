"""Every file of an agreement, as `samverkan diff` compares them.

An agreement is more than `overenskommelse.yaml`: its bilaga files hold the promises, the
contacts and the lägesbild, `tjansteutlatande.yaml` the committee report and
`oversattning.<kod>.yaml` its translations. A version is all of them, read once; a bilaga
file that is not YAML (a .docx, a .pdf) is compared by a hash of its content, since there
is nothing to read in it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from samverkan_cli.model import Agreement
from samverkan_cli.model.committee_report import Report
from samverkan_cli.model.translation import Translation
from samverkan_cli.source.loading import LoadedAgreement, inside_folder, locate_file

YAML_SUFFIXES = frozenset({".yaml", ".yml"})


@dataclass(frozen=True, slots=True)
class FileDigest:
    """A bilaga file compared by its bytes: their SHA-256, or None when it cannot be read."""

    sha256: str | None


BilagaFile = BaseModel | FileDigest
"""A bilaga file's content: its validated model, or the digest of a file that is not YAML."""


@dataclass(frozen=True, slots=True)
class AgreementVersion:
    """One version of an agreement: the agreement, its tjänsteutlåtande if it has one, its
    bilaga files by the `fil` that names them and its translations by language code."""

    name: str
    agreement: Agreement
    report: Report | None = None
    files: Mapping[str, BilagaFile] = field(default_factory=dict)
    translations: Mapping[str, Translation] = field(default_factory=dict)
    """Language code (`oversattning.<kod>.yaml`) → the translation."""


def version_of(loaded: LoadedAgreement) -> AgreementVersion:
    """A loaded agreement (without errors) as a version to compare."""
    agreement = loaded.agreement
    assert agreement is not None
    files: dict[str, BilagaFile] = {}
    for entry in agreement.bilagor.entries if agreement.bilagor else []:
        if entry.file is None:
            continue
        found = loaded.bilagor.get(entry.id)
        if found is not None and isinstance(found.model, BaseModel):
            files[entry.file] = found.model
            continue
        digest = file_digest(loaded.folder, entry.file)
        if digest is not None:
            files[entry.file] = digest
    translations = {code: found.model for code, found in loaded.translations.items()}
    return AgreementVersion(
        unicodedata.normalize("NFC", loaded.folder.name),
        agreement,
        loaded.report,
        files,
        translations,
    )


def file_digest(folder: Path, relative: str) -> FileDigest | None:
    """The digest of a bilaga file that is not read as YAML; None when there is no such
    file inside the agreement's folder (the validation rules report that)."""
    path = locate_file(folder, relative)
    if not path.is_file() or not inside_folder(path, folder):
        return None
    try:
        return FileDigest(hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return FileDigest(None)


def file_change(file: str | None, old: BilagaFile | None, new: BilagaFile | None) -> str | None:
    """What happened to a bilaga file that is not compared field by field, in a sentence;
    None when nothing did."""
    shown = f"Filen {file}" if file else "Filen"
    if isinstance(old, FileDigest) and isinstance(new, FileDigest):
        if new.sha256 is None:
            return f"{shown} kan inte läsas."
        if old.sha256 != new.sha256:
            return f"{shown} har ändrats (innehållet är inte detsamma)."
        return None
    if new is None and old is not None:
        return f"{shown} saknas i den nya versionen."
    if old is None and new is not None:
        return f"{shown} är ny (i den gamla versionen fanns den inte)."
    if old is not None and new is not None:
        return f"{shown} har bytts mot en fil av annat slag."
    return None
