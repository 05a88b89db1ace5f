"""Las entradas del catálogo: pérdidas de margen, de ranking y de inmersión."""

from __future__ import annotations

from actloss.catalog._entry import Entry

ENTRIES: tuple[Entry, ...] = ()
