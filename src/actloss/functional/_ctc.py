"""Pérdida de clasificación temporal conexionista (CTC)."""

from __future__ import annotations

__all__: list[str] = []
