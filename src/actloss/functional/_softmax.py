"""Activaciones vectoriales.

softmax, softmin, log_softmax, Softmax2d y GLU.
"""

from __future__ import annotations

__all__: list[str] = []
