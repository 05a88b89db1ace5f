"""Las entradas del catálogo: pérdida de clasificación temporal conexionista (ctc)."""

from __future__ import annotations

from actloss.catalog._entry import Entry

ENTRIES: tuple[Entry, ...] = ()
