"""Messages in Swedish (the default) or English (`--lang en`, `SAMVERKAN_LANG=en` or a
`LANG`/`LC_ALL` starting with `en`).

Swedish is the source language: the documents, the YAML and the rule messages are written
in it. English is a translation layer for the people around the agreements (CI maintainers,
developers): help texts, the CLI's own words, severities, summaries, the rules' titles and
explanations, and the most common messages, matched by pattern in `locale_en.yaml`. A
message without a pattern stays Swedish, followed by its rule's English title.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, Literal

from samverkan_cli.core.safe_output import visible

Language = Literal["sv", "en"]
LANGUAGES: tuple[Language, ...] = ("sv", "en")

_current: ContextVar[Language] = ContextVar("language", default="sv")
_CATALOGUE = Path(__file__).with_name("locale_en.yaml")


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """SAMVERKAN_LANG first, then the POSIX locale variables; English only when asked for."""
    env = os.environ if environ is None else environ
    for name in ("SAMVERKAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip().lower()
        if value:
            return "en" if value.startswith("en") else "sv"
    return "sv"


def set_language(language: Language) -> None:
    _current.set(language)


def current_language() -> Language:
    return _current.get()


def english() -> bool:
    return _current.get() == "en"


@cache
def catalogue() -> dict[str, Any]:
    """locale_en.yaml as data. Parsed once and kept, as JSON keyed by the file's content, in
    the user's cache folder (`core.user_cache`), so that later runs need no YAML parser."""
    from samverkan_cli.core.user_cache import entry_key, read_entry, write_entry

    raw = _CATALOGUE.read_bytes()
    key = entry_key(_CATALOGUE.name, raw)
    kept = read_entry(_CACHE_KIND, key)
    if isinstance(kept, dict):
        return kept
    from samverkan_cli.source.yaml_source import read_yaml

    data: dict[str, Any] = read_yaml(_CATALOGUE).data
    write_entry(_CACHE_KIND, key, data)
    return data


_CACHE_KIND = "texter"


def text(key: str, **values: object) -> str:
    """A fixed text of the CLI in the current language; `key` names it in the catalogue,
    whose `sv` entry is the Swedish original. Values that are text (names, paths, messages)
    are shown `visible`, so that none can end the line the text is printed on."""
    entry = catalogue()["texter"][key]
    template: str = entry["en"] if english() else entry["sv"]
    if not values:
        return template
    shown = {k: visible(v) if isinstance(v, str | os.PathLike) else v for k, v in values.items()}
    return template.format(**shown)


def severity_word(severity_value: str) -> str:
    if not english():
        return severity_value
    return {"fel": "error", "varning": "warning", "info": "info"}[severity_value]


def rule_title(rule_id: str, swedish: str) -> str:
    if not english():
        return swedish
    return str(catalogue()["regler"].get(rule_id, {}).get("titel", swedish))


def rule_explanation(rule_id: str, swedish: str) -> str:
    if not english():
        return swedish
    return str(catalogue()["regler"].get(rule_id, {}).get("förklaring", swedish))


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p["sv"]), p["en"]) for p in catalogue()["meddelanden"]]


def message(swedish: str) -> str:
    """A message in the current language: translated when a pattern matches, else Swedish."""
    if not english():
        return swedish
    for pattern, template in _patterns():
        match = pattern.fullmatch(swedish)
        if match:
            groups = match.groupdict()
            if "message" in groups:  # a wrapper such as "(undantag: …)": translate inside too
                groups["message"] = message(groups["message"])
            return _english_counts(template.format(**groups))
    return swedish


_COUNTED = re.compile(r"\b\w+ \((\d+)\) (?:gånger|gång|tillfällen|tillfälle)")


def _english_counts(text_: str) -> str:
    """ "två (2) gånger" → "2 times" inside an English message."""
    return _COUNTED.sub(lambda m: f"{m.group(1)} time{'' if m.group(1) == '1' else 's'}", text_)


def translated(swedish: str) -> bool:
    """True when `message` has an English pattern for this Swedish message."""
    return any(pattern.fullmatch(swedish) for pattern, _ in _patterns())
