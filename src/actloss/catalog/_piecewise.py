"""Las entradas del catálogo: activaciones lineales a trozos y de encogimiento."""

from __future__ import annotations

from actloss.catalog._entry import Entry

ENTRIES: tuple[Entry, ...] = ()
