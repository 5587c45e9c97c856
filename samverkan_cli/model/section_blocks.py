"""The agreement's sections as data: which typed blocks exist, the order they are printed in,
and the free prose sections the parties write themselves.

Agreements do not share one order: Stockholm's mall opens with Bakgrund and the parties, others
with Inledning, Syfte and Mål, some number their chapters or give a section per geographic
area. An agreement therefore may list its sections in `avsnitt:`; each item names a typed
block (`BLOCKS`) or is a prose section (`ProseSection`). Without `avsnitt:` the blocks come in
`STOCKHOLM_ORDER`. The registry is one dict so that a new block is one entry here and one
partial under `templates/avsnitt/`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Discriminator, Field, Tag

from samverkan_cli.model.base import SourceModel
from samverkan_cli.model.markdown_text import MarkdownText


@dataclass(frozen=True, slots=True)
class Block:
    """A typed section: the Agreement attribute that holds its data, the partial that prints
    it (`templates/avsnitt/<template>.md.j2`), whether it is printed even without data
    (the parties clause and the signature block always are), and whether it has a heading
    of its own (and so takes a number when headings are numbered)."""

    attribute: str
    template: str
    always: bool = False
    heading: bool = True

    @property
    def template_path(self) -> str:
        return f"avsnitt/{self.template}.md.j2"


BLOCKS: dict[str, Block] = {
    "bakgrund": Block("background", "bakgrund"),
    "syfte": Block("purpose", "syfte"),
    "mål": Block("goals", "mal"),
    "omfattning": Block("scope", "omfattning", always=True),
    "huvudavtal": Block("framing", "huvudavtal", heading=False),
    "löften": Block("promises", "loften"),
    "bilagor": Block("bilagor", "bilagor"),
    "tid": Block("term", "tid"),
    "organisation": Block("organisation", "organisation"),
    "samordning": Block("coordination", "samordning"),
    "resurser": Block("commitments", "resurser"),
    "lägesbild": Block("situation_picture", "lagesbild"),
    "dokumentation": Block("documentation", "dokumentation"),
    "uppdateringar": Block("updates", "uppdateringar"),
    "information": Block("information", "information"),
    "kontaktuppgifter": Block("contacts", "kontaktuppgifter"),
    "underskrifter": Block("signing", "underskrifter", always=True, heading=False),
}
"""Block name (as written in `avsnitt:`) → where its data is and which partial prints it.
`exemplar:` (the number of copies) has no block of its own: its sentence opens the
`underskrifter` block, just before the signatures."""

STOCKHOLM_ORDER: tuple[str, ...] = (
    "bakgrund",
    "syfte",
    "mål",
    "omfattning",
    "huvudavtal",
    "löften",
    "bilagor",
    "tid",
    "organisation",
    "samordning",
    "resurser",
    "lägesbild",
    "dokumentation",
    "uppdateringar",
    "information",
    "kontaktuppgifter",
    "underskrifter",
)
"""The order of the Stockholm mall (Stockholms stad and Polisen, 2015 and 2023), used when an
agreement has no `avsnitt:` list. `syfte` and `mål`, which the mall does not have, follow
Bakgrund, before the parties. `huvudavtal` (what the document lies under, replaces and
builds on) and a medborgarlöfte's `löften` follow the parties clause. The agreement's own
`kontaktuppgifter`, which the mall keeps in a bilaga, come just before the signatures."""


class ProseSection(SourceModel):
    """A section the parties write themselves (Inledning, Inriktning, Norra området …): a
    heading, Markdown text, and optionally sections of its own (prose or block names)."""

    id: str | None = Field(None, min_length=1)
    heading: str = Field(alias="rubrik", min_length=1)
    text: MarkdownText | None = Field(None, alias="text")
    sections: list[SectionItem] = Field(default_factory=list, alias="avsnitt")


def _item_kind(value: object) -> str:
    """A mapping is a prose section, anything else a block's name: a mistake inside a prose
    section is then reported once, at its key, not also as "should be a name"."""
    return "avsnitt" if isinstance(value, dict | ProseSection) else "namn"


SectionItem = Annotated[
    Annotated[str, Tag("namn")] | Annotated[ProseSection, Tag("avsnitt")],
    Discriminator(_item_kind),
]
"""An item of `avsnitt:`: a block name from `BLOCKS`, or a prose section."""

ProseSection.model_rebuild()

MAX_NESTING = 6
"""Headings go from level 2 to level 6 (Markdown has six levels)."""
