"""A PDF from LibreOffice made reproducible and its metadata made to agree, with pikepdf.

LibreOffice 7.4 ignores SOURCE_DATE_EPOCH: every conversion carries its own time in the Info
dictionary, in XMP, in the header of the embedded ICC colour profile (the output intent
PDF/A needs) and, derived from it, in the document ID and LibreOffice's /DocChecksum. Here
each of those is set from the document's own moment (`docx_package.document_moment`: the
DOCX's creation date, or SOURCE_DATE_EPOCH), the ID is computed from the content, and the XMP
is completed so that Info and XMP say the same: PDF/A-2b and PDF/UA-1 identification, title,
language (dc:language, as /Lang), creation, modification and metadata dates. Two builds of
the same document then give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zlib
from typing import Any

import pikepdf

_ICC_DATE = slice(24, 36)
"""dateTimeNumber in an ICC profile's header: six big-endian 16-bit numbers."""
_ICC_ID = slice(84, 100)
_ICC_ZEROED_FOR_ID = (slice(44, 48), slice(64, 68), _ICC_ID)
"""Flags, rendering intent and the ID itself are zero when the profile ID (MD5) is taken."""
XMP_CONFORMANCE = {
    "pdfaid:part": "2",
    "pdfaid:conformance": "B",
    "pdfuaid:part": "1",
}
"""The claims a PDF from `convert_to_pdfa` makes (`pdf_append` removes the PDF/A ones)."""


def normalised_pdf(content: bytes, moment: dt.datetime) -> bytes:
    """`content` with its dates set to `moment`, a document ID from its content, no
    /DocChecksum, and XMP that agrees with the Info dictionary."""
    moment = moment.astimezone(dt.UTC).replace(microsecond=0)
    with pikepdf.open(io.BytesIO(content)) as pdf:
        _set_info(pdf, moment)
        _set_xmp(pdf, moment)
        _set_icc_dates(pdf, moment)
        for volatile in ("/DocChecksum", "/ID"):  # the ID is taken again from the content
            if volatile in pdf.trailer:
                del pdf.trailer[volatile]
        buffer = io.BytesIO()
        pdf.save(
            buffer,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
            fix_metadata_version=False,
        )
    return buffer.getvalue()


def pdf_date(moment: dt.datetime) -> str:
    """The PDF date string of `moment` (UTC): D:YYYYMMDDHHmmSS+00'00'."""
    return moment.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%S+00'00'")


def xmp_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _set_info(pdf: pikepdf.Pdf, moment: dt.datetime) -> None:
    info = pdf.docinfo
    info[pikepdf.Name.CreationDate] = pikepdf.String(pdf_date(moment))
    info[pikepdf.Name.ModDate] = pikepdf.String(pdf_date(moment))


def _set_xmp(pdf: pikepdf.Pdf, moment: dt.datetime) -> None:
    """XMP from the Info dictionary (title, subject, author, keywords, producer), the dates,
    the document's language and the conformance claims."""
    info = pdf.docinfo
    language = str(pdf.Root.get("/Lang", "")) or "sv-SE"
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta.load_from_docinfo(info, delete_missing=False)
        meta["xmp:CreateDate"] = xmp_date(moment)
        meta["xmp:ModifyDate"] = xmp_date(moment)
        meta["xmp:MetadataDate"] = xmp_date(moment)
        meta["dc:language"] = [language]
        for key, value in XMP_CONFORMANCE.items():
            if key.startswith("pdfaid:") and _get(meta, "pdfaid:part") is None:
                continue  # a PDF without the PDF/A claim (appended bilagor) gets none here
            meta[key] = value


def _get(meta: Any, key: str) -> Any:
    try:
        return meta.get(key)
    except (KeyError, ValueError):
        return None


def _set_icc_dates(pdf: pikepdf.Pdf, moment: dt.datetime) -> None:
    """The date in each output intent's ICC profile header; its MD5 profile ID, when it
    has one, taken again."""
    for intent in pdf.Root.get("/OutputIntents", pikepdf.Array()):
        profile = intent.get("/DestOutputProfile")
        if profile is None:
            continue
        data = bytearray(profile.read_bytes())
        if len(data) < 128 or data[36:40] != b"acsp":
            continue
        stamp = moment.astimezone(dt.UTC)
        fields = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
        data[_ICC_DATE] = b"".join(value.to_bytes(2, "big") for value in fields)
        if any(data[_ICC_ID]):
            copy = bytearray(data)
            for zeroed in _ICC_ZEROED_FOR_ID:
                copy[zeroed] = bytes(zeroed.stop - zeroed.start)
            data[_ICC_ID] = hashlib.md5(bytes(copy), usedforsecurity=False).digest()
        profile.write(zlib.compress(bytes(data), 9), filter=pikepdf.Name.FlateDecode)
