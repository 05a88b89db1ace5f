"""Las entradas del catálogo: activaciones vectoriales."""

from __future__ import annotations

from actloss.catalog._entry import Entry

ENTRIES: tuple[Entry, ...] = ()
