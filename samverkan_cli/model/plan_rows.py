"""The rows of an åtgärdsplan's table as the signed original has them.

Why: the parties signed a table, and the document must show that table – its rows in the
original's order, a row the original leaves empty kept empty, and each label as it stands
there ("Ansvarig/sammanställare" where the generated label says "Ansvarig/sammankallande").
So the rows print in the order the plan's keys are written in the YAML (which is the
template's order in every plan written before), a row given as "" prints with an empty
value (an absent one prints no row: nothing appears or disappears unless the data says
so), and `som_skrivet:` maps a row's key to its label as written.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ModelWrapValidatorHandler, PrivateAttr, model_validator

from samverkan_cli.model.base import SourceModel

PlanRow = Literal[
    "prioriterat_område",
    "definition",
    "mål_och_syfte",
    "problembild",
    "utmaningar",
    "kommunikation",
    "löptid",
    "mötesfrekvens",
    "ansvarig",
    "administratör",
    "parter",
    "övriga_deltagare",
    "finansiering",
    "nuläge",
]
"""The keys that are rows of the table, in the order the template knew before."""

ROW_ORDER: tuple[str, ...] = PlanRow.__args__  # type: ignore[attr-defined]

LabelledRow = Literal[
    "prioriterat_område",
    "definition",
    "mål_och_syfte",
    "problembild",
    "utmaningar",
    "kommunikation",
    "löptid",
    "mötesfrekvens",
    "ansvarig",
    "administratör",
    "övriga_deltagare",
    "finansiering",
    "nuläge",
]
"""The rows with a fixed label (the parties' rows take `rubrik` and `resurser_rubrik`)."""


class PlanRows(SourceModel):
    """What an åtgärdsplan knows of its table's rows besides their values."""

    row_labels: dict[LabelledRow, str] = Field(default_factory=dict, alias="som_skrivet")
    """A row's label as the original writes it, by the row's key."""
    _row_order: tuple[str, ...] = PrivateAttr(default=ROW_ORDER)

    @model_validator(mode="wrap")
    @classmethod
    def _order_as_written(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        plan = handler(data)
        if isinstance(data, dict) and isinstance(plan, PlanRows):
            written = [key for key in data if key in ROW_ORDER]
            plan._row_order = (*written, *(key for key in ROW_ORDER if key not in written))
        return plan

    @property
    def rows(self) -> tuple[str, ...]:
        """Every row key, in the order the plan's YAML writes them."""
        return self._row_order

    def label(self, row: str, generated: str) -> str:
        """The row's label: as written where `som_skrivet` gives it, else `generated`."""
        return self.row_labels.get(row, generated)  # type: ignore[call-overload, no-any-return]
