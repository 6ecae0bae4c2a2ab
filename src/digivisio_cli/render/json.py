"""JSON: a listing's array (or object), or an object of sections for a multi-part export."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Tabular


def records(tab: Tabular) -> list[dict[str, Any]]:
    """The section's rows as plain dicts of its machine columns: what a json listing holds."""
    cols = tab.machine_columns()
    return [{c.key: row.get(c.key) for c in cols} for row in tab.rows]


def _json_section(tab: Tabular) -> Any:
    rows = records(tab)
    if tab.envelope is None:
        return rows
    if not tab.rows_key:
        return tab.envelope
    return {**tab.envelope, tab.rows_key: rows}


def render(sections: Sequence[Tabular], ctx: RenderContext) -> str:
    """JSON: a listing's array (or object), or an object of sections for a multi-part export."""
    if len(sections) == 1:
        data = _json_section(sections[0])
    else:
        data = {s.kind: _json_section(s) for s in sections}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
