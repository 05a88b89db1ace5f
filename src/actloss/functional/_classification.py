"""Pérdidas de clasificación y de probabilidad.

NLL, entropía cruzada, KL, BCE y afines.
"""

from __future__ import annotations

__all__: list[str] = []
