"""Las entradas del catálogo: pérdidas de clasificación y de probabilidad."""

from __future__ import annotations

from actloss.catalog._entry import Entry

ENTRIES: tuple[Entry, ...] = ()
