"""The rule and profile pages of the user guide (docs/referens/regler.md, profiler.md).

Why: every rule id a user can meet, with its level and explanation, comes from the rule
catalogue that `samverkan regler` prints, and every requirement of a bundled profile, with
its source and the day it applies from, from the profile files themselves, so that the
guide says exactly what the tool checks. Run through scripts/docs_reference.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from samverkan_cli.messages.rule_catalogue import all_rules
from samverkan_cli.profiles import ProfileLibrary, builtin_profile_dir
from samverkan_cli.profiles.in_force import REQUIREMENT_FIELDS, applies_from, is_verified
from samverkan_cli.profiles.requirements import Profile, Requirement

ROOT = Path(__file__).resolve().parent.parent
GENERATED = "<!-- Genererad av scripts/docs_reference.py från {source}: ändra inte här. -->"
META_KEYS = ("källa", "gäller_från", "verifierad", "dokumenttyper")
LEVELS = {"fel": "fel", "varning": "varning", "info": "info"}
ITEM_LABELS = ("roll", "typ", "namn")
"""The key that tells the items of a list of requirements apart (a forum's `roll`)."""


def rules_page() -> str:
    rules = all_rules()
    lines = [
        GENERATED.format(source="regelkatalogen (samverkan regler)"),
        "",
        "# Regler",
        "",
        "Varje problem som `samverkan validate` och `samverkan build` rapporterar har ett "
        "regel-id (SVnnn) och en nivå: **fel** stoppar bygget och ger slutkod 1, **varning** "
        "stoppar bara med `--strikt`, **info** är upplysningar. Nivån nedan är regelns "
        "standard; en profil (`allvarlighet`) eller repositoriets `samverkan.yaml` kan ändra "
        "den, och ett `undantag` i överenskommelsen gör ett fynd till info med sin motivering. "
        "Samma lista skriver `samverkan regler` i terminalen.",
        "",
        "| Regel | Nivå | Titel |",
        "|---|---|---|",
    ]
    lines += [
        f"| [{r.id}](#{r.id.lower()}) | {LEVELS[r.severity.value]} | {_cell(r.title)} |"
        for r in rules
    ]
    lines.append("")
    for rule in rules:
        lines += [
            f"## {rule.id} {rule.title} {{#{rule.id.lower()}}}",
            "",
            f"Nivå: **{LEVELS[rule.severity.value]}**",
            "",
            rule.explanation.strip(),
            "",
        ]
    return "\n".join(lines).rstrip("\n") + "\n"


def profiles_page() -> str:
    folder = builtin_profile_dir()
    descriptions = _profile_key_texts()
    lines = [
        GENERATED.format(source="samverkan_cli/profiles/"),
        "",
        "# Regelprofiler",
        "",
        "En regelprofil säger vad ett ramverk kräver av en överenskommelse: en lag, en handbok "
        "eller en övergripande överenskommelse. Varje krav anger sin **källa** och den dag det "
        "**gäller från**: ett krav gäller dokument vars avtalstid börjar den dagen eller senare. "
        "Ett krav som inte är **verifierat** mot sin källa (profilens tolkning) underkänner "
        "aldrig ett dokument; det som bara det hittar rapporteras som info. Så här väljs "
        "profilerna och skrivs egna: se [Regler och profiler](../guide/regler-och-profiler.md).",
        "",
    ]
    lines += _choice_table(folder / "val" / "profilval.yaml")
    library = ProfileLibrary()
    for name in _profile_order(library.names()):
        profile = library.load(name)
        if not isinstance(profile, Profile):
            raise SystemExit(f"the bundled profile {name} does not load: {profile}")
        raw = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
        lines += _profile(profile, raw, descriptions)
    return "\n".join(lines).rstrip("\n") + "\n"


def _profile_order(names: list[str]) -> list[str]:
    first = ["bra-samverkan", "lag-2023-196", "arlig-handlingsplan"]
    return [n for n in first if n in names] + [n for n in names if n not in first]


def _choice_table(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = [
        "## När dokumentet inte anger någon profil",
        "",
        "Anger varken dokumentet (`profil`) eller `samverkan.yaml` (`standardprofil`) någon "
        "profil, väljs den efter tabellen nedan (`samverkan_cli/profiles/val/profilval.yaml`). "
        "Raderna prövas uppifrån och den första som passar gäller; `validate` säger vilken "
        "(SV182).",
        "",
        "| Dokumenttyp | Parter | Avtalstiden börjar | Profiler | Källa |",
        "|---|---|---|---|---|",
    ]
    for row in data.get("val", []):
        kinds = ", ".join(row.get("dokumenttyper", [])) or "alla"
        groups = row.get("parter") or []
        parties = "; ".join(" eller ".join(group) for group in groups) or "alla"
        since = f"från {row['från']}" if row.get("från") else "när som helst"
        profiles = ", ".join(f"`{p}`" for p in row.get("profiler", []))
        lines.append(
            f"| {kinds} | {_cell(parties)} | {since} | {profiles} | {_cell(row.get('källa', ''))} |"
        )
    return [*lines, ""]


def _profile(profile: Profile, raw: dict[str, Any], descriptions: dict[str, str]) -> list[str]:
    since = str(profile.applies_from) if profile.applies_from else "alla dokument (inget datum)"
    lines = [
        f"## `{profile.id}` {{#{profile.id}}}",
        "",
        f"**{_cell(profile.title)}**",
        "",
        f"- Källa: {_cell(profile.source)}",
        f"- Gäller från: {since}",
        f"- Verifierad mot källan: {'ja' if profile.verified else 'nej'}",
        f"- Dokumenttyper: {', '.join(k.value for k in profile.document_kinds)}",
    ]
    for key in ("avsnitt", "bilagor"):
        if raw.get(key):
            lines.append(f"- {descriptions.get(key, key)}: {', '.join(map(str, raw[key]))}")
    if raw.get("allvarlighet"):
        levels = ", ".join(f"{rule} {level}" for rule, level in raw["allvarlighet"].items())
        lines.append(f"- Nivåer som profilen ändrar (`allvarlighet`): {levels}")
    lines.append("")
    for name in REQUIREMENT_FIELDS:
        key = Profile.model_fields[name].alias or name
        value = getattr(profile, name)
        if value is None or value == []:
            continue
        items = value if isinstance(value, list) else [value]
        raws = raw.get(key) if isinstance(value, list) else [raw.get(key)]
        for requirement, written in zip(items, raws or [], strict=False):
            lines += _requirement(profile, key, requirement, written, descriptions)
    return lines


def _requirement(
    profile: Profile,
    key: str,
    requirement: Requirement,
    written: dict[str, Any],
    descriptions: dict[str, str],
) -> list[str]:
    label = next((f": {written[k]}" for k in ITEM_LABELS if k in written), "")
    shown = {k: v for k, v in written.items() if k not in META_KEYS}
    since = applies_from(requirement, profile)
    lines = [f"### `{key}`{label}", ""]
    if descriptions.get(key):
        lines += [descriptions[key], ""]
    if shown:
        body = yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=88)
        lines += ["```yaml", body.rstrip("\n"), "```", ""]
    lines += [
        f"- Källa: {_cell(requirement.source or profile.source)}",
        f"- Gäller från: {since if since else 'alla dokument'}",
        f"- Verifierad mot källan: {'ja' if is_verified(requirement, profile) else 'nej'}",
    ]
    if requirement.document_kinds:
        lines.append(f"- Dokumenttyper: {', '.join(k.value for k in requirement.document_kinds)}")
    return [*lines, ""]


def _profile_key_texts() -> dict[str, str]:
    """The Swedish description of each top-level key of a profile, from its schema."""
    schema = json.loads((ROOT / "schemas" / "profil.schema.json").read_text(encoding="utf-8"))
    return {
        key: str(value.get("description", "")).strip()
        for key, value in schema.get("properties", {}).items()
    }


def _cell(value: Any) -> str:
    text = " ".join(str(value).split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
