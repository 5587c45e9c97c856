"""A DOCX's zip (the reference document, or a bilaga kept as .docx) read within fixed
bounds (stdlib only).

The file may come from an untrusted repository, so nothing is decompressed
before the zip's own directory has been checked against the limits below, and the bytes are
counted again while they are read, since that directory can lie."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024
"""The reference document's size on disk (a municipality's with logos is a few MB)."""
MAX_TOTAL_BYTES = 20 * 1024 * 1024
"""All members together, uncompressed (the shipped one is 0.8 MB)."""
MAX_MEMBERS = 1000
"""Word writes some 15-60 parts; each picture or font adds one."""
MAX_DIRECTORY_BYTES = 1024 * 1024
"""The zip's central directory, read before any member."""
MAX_RATIO = 100
"""Uncompressed to compressed size of one member (Word's XML compresses some 30:1) ..."""
RATIO_FLOOR = 64 * 1024
"""... counted for members larger than this (tiny members compress arbitrarily well)."""
_CHUNK = 64 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_RECORD = struct.Struct("<4s4H2LH")


class ReferenceRefused(Exception):
    """The reference document cannot be used; `found` (Swedish phrases) says why."""

    def __init__(self, *found: str) -> None:
        super().__init__("; ".join(found))
        self.found = list(found)


def read_file(path: Path) -> bytes:
    """The reference document's bytes, refused unread when the file is too large."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReferenceRefused(
                f"filen är {_mb(size)} MB; ett referensdokument får vara högst "
                f"{_mb(MAX_FILE_BYTES)} MB"
            )
        return path.read_bytes()
    except OSError as error:
        raise ReferenceRefused(f"filen kan inte läsas ({error.strerror or error})") from None


def members_of(data: bytes) -> dict[str, bytes]:
    """Every member of the zip `data` by name, read within the limits."""
    _check_directory_record(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError):
        raise ReferenceRefused(_NOT_A_DOCX) from None
    entries = archive.infolist()
    _check_entries(entries)
    members: dict[str, bytes] = {}
    total = 0
    for entry in entries:
        if entry.is_dir():
            continue
        content = _read(archive, entry, MAX_TOTAL_BYTES - total)
        total += len(content)
        members[entry.filename] = content
    return members


_NOT_A_DOCX = "filen är inte ett Word-dokument (.docx)"


def _check_directory_record(data: bytes) -> None:
    """The end record's member count and directory size, before Python reads the
    directory: a directory of millions of entries is refused without being parsed."""
    at = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if at < 0 or len(data) - at < _END_RECORD.size:
        raise ReferenceRefused(_NOT_A_DOCX)
    fields = _END_RECORD.unpack_from(data, at)
    count, directory_size = fields[4], fields[5]
    if count > MAX_MEMBERS:
        raise ReferenceRefused(f"zip-arkivet har fler än {MAX_MEMBERS} delar")
    if directory_size > MAX_DIRECTORY_BYTES:
        raise ReferenceRefused("zip-arkivets innehållsförteckning är orimligt stor")


def _check_entries(entries: list[zipfile.ZipInfo]) -> None:
    """Count, names, methods and declared sizes of all members, before reading any."""
    if len(entries) > MAX_MEMBERS:
        raise ReferenceRefused(f"zip-arkivet har fler än {MAX_MEMBERS} delar")
    seen: set[str] = set()
    total = 0
    for entry in entries:
        name = entry.filename
        folded = name.lstrip("/").casefold()  # part names are case-insensitive (OPC)
        if folded in seen:
            raise ReferenceRefused(f"delen {shown(name)} finns två gånger i zip-arkivet")
        seen.add(folded)
        if entry.flag_bits & 0x1:
            raise ReferenceRefused(f"delen {shown(name)} är krypterad")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReferenceRefused(f"delen {shown(name)} är packad på ett sätt Word inte använder")
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise ReferenceRefused(
                f"delen {shown(name)} packas upp {int(ratio)} gånger större (högst {MAX_RATIO}); "
                "det ser ut som en zip-bomb"
            )
    if total > MAX_TOTAL_BYTES:
        raise ReferenceRefused(_too_large(total))


def _read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, room: int) -> bytes:
    """One member's bytes, never more than it declared or than `room` leaves."""
    limit = min(entry.file_size, room)
    chunks: list[bytes] = []
    read = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > limit:
                    if read > entry.file_size:
                        name = shown(entry.filename)
                        raise ReferenceRefused(f"delen {name} är större än angivet")
                    raise ReferenceRefused(_too_large(None))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError):
        raise ReferenceRefused(f"delen {shown(entry.filename)} är skadad") from None
    except NotImplementedError:
        raise ReferenceRefused(f"delen {shown(entry.filename)} kan inte packas upp") from None
    return b"".join(chunks)


def _too_large(total: int | None) -> str:
    """`total` is the size the directory declares; None when reading went past the limit."""
    size = f"{_mb(total)} MB" if total is not None else f"mer än {_mb(MAX_TOTAL_BYTES)} MB"
    return f"innehållet packas upp till {size} (högst {_mb(MAX_TOTAL_BYTES)} MB)"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")


def shown(text: str, limit: int = 80) -> str:
    """Text from the reference document as it may appear in a message: printable
    characters only (no terminal escapes), at most `limit` of them."""
    printable = "".join(c if c.isprintable() else "?" for c in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
