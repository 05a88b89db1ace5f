"""Activaciones suaves.

sigmoide, tanh, softsign, logsigmoid, softplus, SiLU, Mish, GELU, ELU, CELU y SELU.
"""

from __future__ import annotations

__all__: list[str] = []
