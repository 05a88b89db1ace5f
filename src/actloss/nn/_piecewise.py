"""Activaciones lineales a trozos y de encogimiento.

umbral, Hardtanh, ReLU6, Hardsigmoid, Hardswish y los *shrink*.
"""

from __future__ import annotations

__all__: list[str] = []
