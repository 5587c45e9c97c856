"""The form of a cross-reference to a bilaga in any text: `{bilaga:lagesbild}`.

Kept apart from the templating (`render.templates`) so that checking an agreement does not
import Jinja.
"""

from __future__ import annotations

import re

BILAGA_REFERENCE = re.compile(r"\{bilaga:([^{}\s]+)\}")
"""A cross-reference in any text: `{bilaga:lagesbild}` is written "bilaga 3"."""
