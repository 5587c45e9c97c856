"""How deep the table of contents goes (`innehållsförteckning:`).

An agreement asks for its contents with `innehållsförteckning: true` (headings down to level
3) or with `innehållsförteckning: {djup: 4}` where the signed original lists deeper headings
(Rinkeby-Kista 2017 lists the lägesbild's level-4 subheadings): the contents are evidence of
what the parties signed, so their depth is data, not a fixed choice of the writers.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Discriminator, Field, Tag

from samverkan_cli.document.tree import CONTENTS_DEPTH, CONTENTS_DEPTHS
from samverkan_cli.model.base import Boolean, Integer, SourceModel


class ContentsSetting(SourceModel):
    """`innehållsförteckning: {djup: N}`: a table of contents listing heading levels 1 to N."""

    depth: Integer = Field(
        CONTENTS_DEPTH, alias="djup", ge=CONTENTS_DEPTHS.start, le=CONTENTS_DEPTHS.stop - 1
    )


def _form(value: object) -> str:
    """Which form is written, so that an error names only that form's problem."""
    return "setting" if isinstance(value, dict | ContentsSetting) else "switch"


TableOfContents = Annotated[
    Annotated[Boolean, Tag("switch")] | Annotated[ContentsSetting, Tag("setting")],
    Discriminator(_form),
]
"""`true` (the default depth), `false` (no contents) or the setting with its depth."""


def contents_depth(setting: TableOfContents) -> int | None:
    """The depth of the contents `setting` asks for; None when it asks for none."""
    if isinstance(setting, ContentsSetting):
        return setting.depth
    return CONTENTS_DEPTH if setting else None
