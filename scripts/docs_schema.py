"""The field reference pages of the user guide, one per JSON Schema in schemas/.

Why: a user writing YAML needs every key, what it takes and an example, in Swedish, in one
place; the schemas already hold all of it (descriptions and examples from
samverkan_cli/source/schema_texts.yaml), so the pages are made from them. Each object the
schema describes gets a section headed by the YAML path where it is first met
(`tid.förlängning`, `parter[]`), with a table of its keys; a key whose value is an object
links to that object's section. Run through scripts/docs_reference.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FILES = {
    "overenskommelse": ("Överenskommelsen", "`agreements/NAMN/overenskommelse.yaml`"),
    "bilaga": ("Bilagor", "en bilagefil, till exempel `agreements/NAMN/bilagor/lagesbild.yaml`"),
    "tjansteutlatande": ("Tjänsteutlåtandet", "`agreements/NAMN/tjansteutlatande.yaml`"),
    "oversattning": ("Översättningar", "`agreements/NAMN/oversattning.<språkkod>.yaml`"),
    "samverkan": ("Repositoriets inställningar", "`samverkan.yaml` i repositoriets rot"),
    "profil": ("Regelprofiler", "en egen regelprofil, till exempel `profiler/egen.yaml`"),
}
"""Schema name → the page's title and the file it describes; a schema not named here gets
a page titled by its own title."""

ORDER = ["overenskommelse", "bilaga", "tjansteutlatande", "oversattning", "samverkan", "profil"]

FORMATS = {
    "date": "datum (ÅÅÅÅ-MM-DD)",
    "date-time": "tidpunkt",
    "email": "e-postadress",
    "uri": "adress (URI)",
    "uri-reference": "adress eller sökväg",
}

NULL = {"type": "null"}


def schema_pages(folder: Path) -> dict[str, str]:
    """Page file name → Markdown, for every *.schema.json in `folder`."""
    names = sorted(p.name.removesuffix(".schema.json") for p in folder.glob("*.schema.json"))
    ordered = [n for n in ORDER if n in names] + [n for n in names if n not in ORDER]
    pages = {}
    for name in ordered:
        schema = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        pages[f"{name}.md"] = _Page(name, schema).markdown()
    return pages


def schema_page_titles(folder: Path) -> dict[str, str]:
    """Page file name → its title (for the index page and the navigation)."""
    titles = {}
    for path in sorted(folder.glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        schema = json.loads(path.read_text(encoding="utf-8"))
        titles[f"{name}.md"] = _title(name, schema)
    return titles


def _title(name: str, schema: dict[str, Any]) -> str:
    return FILES[name][0] if name in FILES else str(schema.get("title", name))


@dataclass
class _Section:
    anchor: str
    heading: str
    node: dict[str, Any]
    paths: list[str] = field(default_factory=list)


class _Page:
    """One schema's page: sections are registered as the walk first meets each object."""

    def __init__(self, name: str, schema: dict[str, Any]) -> None:
        self.name = name
        self.schema = schema
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.sections: list[_Section] = []
        self.by_key: dict[int | str, _Section] = {}
        self.anchors: set[str] = set()

    def markdown(self) -> str:
        title = _title(self.name, self.schema)
        lines = [
            "<!-- Genererad av scripts/docs_reference.py från "
            f"schemas/{self.name}.schema.json: ändra inte här. -->",
            "",
            f"# Fältreferens: {title}",
            "",
        ]
        if self.name in FILES:
            lines.append(f"Den här sidan beskriver {FILES[self.name][1]}, fält för fält.")
        else:
            lines.append(
                f"Den här sidan beskriver schemat *{_cell(self.schema.get('title', ''))}*."
            )
        lines += [
            f"Den är skriven från JSON-schemat `schemas/{self.name}.schema.json`, som "
            "redigerare som VS Code också använder för att kontrollera filen medan du skriver.",
            "",
        ]
        if self.schema.get("description"):
            lines += [_text(self.schema["description"]), ""]
        lines += self._root()
        done = 0
        while done < len(self.sections):  # sections found while writing one come after it
            lines += self._section(self.sections[done])
            done += 1
        return "\n".join(lines).rstrip("\n") + "\n"

    def _root(self) -> list[str]:
        variants = self.schema.get("oneOf") or self.schema.get("anyOf")
        if self.schema.get("properties"):
            return ["## Översta nivån", "", *self._table(self.schema, ""), ""]
        if variants:
            links = [self._type(v, "") for v in variants]
            lines = ["Filen har en av dessa former:", ""]
            return lines + [f"- {link}" for link in links] + [""]
        return [f"Filen är: {self._type(self.schema, '')}.", ""]

    def _section(self, section: _Section) -> list[str]:
        lines = [f"## `{section.heading}` {{#{section.anchor}}}", ""]
        description = section.node.get("description")
        if description:
            lines += [_text(description), ""]
        others = [p for p in section.paths[1:] if p != section.heading]
        if others:
            shown = ", ".join(f"`{p}`" for p in dict.fromkeys(others))
            lines += [f"Samma form används också under {shown}.", ""]
        return lines + self._table(section.node, section.heading.split(" (")[0]) + [""]

    def _table(self, node: dict[str, Any], path: str) -> list[str]:
        properties: dict[str, Any] = node.get("properties", {})
        required = set(node.get("required", []))
        lines = ["| Fält | Krävs | Värde | Beskrivning |", "|---|---|---|---|"]
        for key, value in properties.items():
            child = f"{path}.{key}" if path else key
            kind = self._type(value, child)
            text = _describe(value)
            lines.append(f"| `{key}` | {'ja' if key in required else ''} | {kind} | {text} |")
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            kind = self._type(extra, f"{path}.*" if path else "*")
            lines.append(f"| *(valfritt namn)* | | {kind} | {_describe(extra)} |")
        elif extra is False:
            lines += ["", "Andra fält än dessa är fel."]
        return lines

    def _register(self, key: int | str, node: dict[str, Any], path: str) -> _Section:
        section = self.by_key.get(key)
        if section is None:
            heading = path or "(översta nivån)"
            if any(s.heading == heading for s in self.sections) or not path:
                heading = f"{heading} ({_variant_label(node)})"
            section = _Section(self._anchor(heading), heading, node)
            self.by_key[key] = section
            self.sections.append(section)
        section.paths.append(path)
        return section

    def _anchor(self, heading: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", heading).encode("ascii", "ignore").decode()
        base = "falt-" + (re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x")
        anchor, n = base, 2
        while anchor in self.anchors:
            anchor, n = f"{base}-{n}", n + 1
        self.anchors.add(anchor)
        return anchor

    def _type(self, node: Any, path: str) -> str:
        """What a value may be, in Swedish, with links to the sections of its objects."""
        if not isinstance(node, dict):
            return "valfritt värde"
        if "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            target = self.defs.get(name)
            if target is None:
                return "samma form som hela filen"
            if _is_object(target):
                section = self._register(name, target, path)
                return f"[objekt](#{section.anchor})"
            return self._type(target, path)
        if "const" in node:
            return f"exakt {_code(node['const'])}"
        if "enum" in node:
            return "ett av " + ", ".join(_code(v) for v in node["enum"])
        for combiner in ("anyOf", "oneOf"):
            if combiner in node:
                parts = [self._type(s, path) for s in node[combiner] if s != NULL]
                return " eller ".join(dict.fromkeys(parts)) or "tomt"
        if "allOf" in node:
            return " och ".join(self._type(s, path) for s in node["allOf"])
        kinds = node.get("type")
        if isinstance(kinds, list):
            return " eller ".join(
                self._type({**node, "type": k}, path) for k in kinds if k != "null"
            )
        return self._typed(node, kinds, path)

    def _typed(self, node: dict[str, Any], kind: Any, path: str) -> str:
        if kind == "string":
            return _string(node)
        if kind in ("integer", "number"):
            return ("heltal" if kind == "integer" else "tal") + _bounds(node)
        if kind == "boolean":
            return "`true` eller `false`"
        if kind == "null":
            return "tomt"
        if kind == "array":
            items = self._type(node.get("items", {}), f"{path}[]")
            counts = []
            if node.get("minItems"):
                counts.append(f"minst {node['minItems']}")
            if node.get("maxItems") is not None:
                counts.append(f"högst {node['maxItems']}")
            if node.get("uniqueItems"):
                counts.append("utan upprepningar")
            extra = f" ({', '.join(counts)})" if counts else ""
            return f"lista{extra} av: {items}"
        if kind == "object" or "properties" in node:
            if node.get("properties"):
                section = self._register(id(node), node, path)
                return f"[objekt](#{section.anchor})"
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                return f"namn med värden: {self._type(extra, f'{path}.*')}"
            return "namn med värden"
        return "valfritt värde"


def _is_object(node: dict[str, Any]) -> bool:
    return bool(node.get("properties")) and not any(k in node for k in ("anyOf", "oneOf"))


def _variant_label(node: dict[str, Any]) -> str:
    """What tells one form from another: a key with a fixed value, else its keys."""
    for key, value in node.get("properties", {}).items():
        if isinstance(value, dict) and "const" in value:
            return f"{key}: {value['const']}"
        if isinstance(value, dict) and len(value.get("enum", [])) == 1:
            return f"{key}: {value['enum'][0]}"
    keys = list(node.get("required") or node.get("properties", {}))
    return "med " + ", ".join(keys[:4]) + (" …" if len(keys) > 4 else "")


def _string(node: dict[str, Any]) -> str:
    text = FORMATS.get(str(node.get("format")), "text")
    notes = []
    if node.get("minLength") == 1 and "maxLength" not in node:
        notes.append("inte tom")
    elif "minLength" in node or "maxLength" in node:
        low, high = node.get("minLength"), node.get("maxLength")
        if low and high:
            notes.append(f"{low}–{high} tecken")
        elif high:
            notes.append(f"högst {high} tecken")
        elif low:
            notes.append(f"minst {low} tecken")
    if "pattern" in node:
        notes.append(f"på formen {_code(node['pattern'])}")
    return text + (f" ({', '.join(notes)})" if notes else "")


def _bounds(node: dict[str, Any]) -> str:
    notes = []
    for key, word in (("minimum", "≥"), ("exclusiveMinimum", ">")):
        if key in node:
            notes.append(f"{word} {node[key]}")
    for key, word in (("maximum", "≤"), ("exclusiveMaximum", "<")):
        if key in node:
            notes.append(f"{word} {node[key]}")
    return f" ({', '.join(notes)})" if notes else ""


def _describe(node: dict[str, Any]) -> str:
    parts = []
    if node.get("description"):
        parts.append(_cell(node["description"]))
    default = node.get("default")
    if default is not None and default != [] and default != {}:
        parts.append(f"Standard: {_code(default)}.")
    examples = node.get("examples")
    if examples:
        parts.append("Exempel: " + ", ".join(_code(e) for e in examples) + ".")
    return " ".join(parts)


def _code(value: Any) -> str:
    """A value as YAML would show it, in a code span that a table cell can hold."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ").replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _text(value: Any) -> str:
    return str(value).strip()


def _cell(value: Any) -> str:
    """Prose in a table cell: one line, the cell separator and HTML escaped."""
    text = " ".join(str(value).split())
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
