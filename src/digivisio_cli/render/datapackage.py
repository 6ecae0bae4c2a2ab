"""A Frictionless Data Package (v2): ``datapackage.json`` and one CSV file per table.

The sections come from :mod:`digivisio_cli.render.package`: the first holds the package's
metadata, each of the others one table with its columns' types and keys, which become the
resource's Table Schema. Every CSV file is RFC 4180 in UTF-8 with a header of the column names,
like the csv export, and its size and SHA-256 are recorded, so that a validator notices a file
changed after the export. Returns the files by name; writing them is the caller's.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from typing import Any

from digivisio_cli.render.cells import LIST_SEPARATOR, machine_cell, neutralize
from digivisio_cli.render.context import RenderContext
from digivisio_cli.render.tabular import Column, Tabular

DESCRIPTOR = "datapackage.json"
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def _field(col: Column) -> dict[str, Any]:
    kind = col.type or ("integer" if col.number else "string")
    field: dict[str, Any] = {"name": col.key, "type": kind, "title": col.label}
    if kind == "list":
        # NOTE: the separator of the csv export, so that both read alike; an item holding it
        # would be read back as two (the data's party names and codes hold none).
        field.update(delimiter=LIST_SEPARATOR, itemType="string")
    constraints: dict[str, Any] = {}
    if col.required:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(tab: Tabular) -> dict[str, Any]:
    """The Table Schema of one section: fields, primary key, foreign keys."""
    schema: dict[str, Any] = {
        "$schema": SCHEMA_PROFILE,
        "fields": [_field(c) for c in tab.machine_columns()],
        "missingValues": [""],
    }
    if tab.primary_key:
        schema["primaryKey"] = list(tab.primary_key)
    if tab.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.resource, "fields": list(fk.reference)},
            }
            for fk in tab.foreign_keys
        ]
    return schema


def table_csv(tab: Tabular) -> bytes:
    """The section as RFC 4180 CSV; texts a spreadsheet would evaluate are neutralised."""
    cols = tab.machine_columns()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.key for c in cols])
    for row in tab.rows:
        cells = []
        for c in cols:
            text = machine_cell(row.get(c.key))
            cells.append(text if c.number or c.type == "boolean" else neutralize(text))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def render_files(sections: Sequence[Tabular], ctx: RenderContext) -> dict[str, bytes]:
    """The package's files by name: ``datapackage.json`` and a ``<table>.csv`` per table."""
    meta, *tables = sections
    files: dict[str, bytes] = {}
    resources = []
    for tab in tables:
        path = f"{tab.kind}.csv"
        data = table_csv(tab)
        files[path] = data
        resources.append(
            {
                "name": tab.kind,
                "type": "table",
                "title": tab.title,
                "path": path,
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": table_schema(tab),
            }
        )
    descriptor = {"$schema": PACKAGE_PROFILE, **(meta.envelope or {}), "resources": resources}
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    files[DESCRIPTOR] = text.encode("utf-8")
    return files
