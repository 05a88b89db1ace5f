"""Pérdidas de margen, de ranking y de inmersión."""

from __future__ import annotations

__all__: list[str] = []
