"""Candidates for shell completion: ids and agency codes from the data in use."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from digivisio_cli.model import Dataset


def _dataset_or_none() -> Dataset | None:
    from digivisio_cli.errors import DigivisioError
    from digivisio_cli.loader import load

    try:
        return load(os.environ.get("DIGIVISIO_DATA") or None)
    except DigivisioError:
        return None


def ids() -> list[str]:
    """Every theme, goal and measure id (none when the data cannot be loaded)."""
    from digivisio_cli.query import all_ids

    dataset = _dataset_or_none()
    return all_ids(dataset) if dataset else []


def agency_codes() -> list[str]:
    """Every declared agency code."""
    dataset = _dataset_or_none()
    return [a.code for a in dataset.agencies] if dataset else []
