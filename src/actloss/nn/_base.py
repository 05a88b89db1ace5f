"""Bases comunes de los módulos: los constructores que se repiten, escritos una vez.

Cada módulo de :mod:`actloss.nn` guarda sus argumentos y su ``forward`` llama a la función
de :mod:`actloss.functional`, donde están la fórmula, los argumentos y las formas. Aquí
están los constructores que comparten varias familias, con la firma de torch.
"""

from __future__ import annotations

from torch import Tensor, nn

from actloss._validation import legacy_reduction


def inplace_suffix(inplace: bool) -> str:
    """El final de ``extra_repr`` de una activación con ``inplace``, como lo escribe torch."""
    return ", inplace=True" if inplace else ""


class _InplaceActivation(nn.Module):
    """Base de las activaciones cuyo único argumento es ``inplace``."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def extra_repr(self) -> str:
        return inplace_suffix(self.inplace).removeprefix(", ")


class _Loss(nn.Module):
    """Base de las pérdidas: resuelve ``size_average``/``reduce`` y valida ``reduction``."""

    def __init__(
        self,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__()
        self.reduction = legacy_reduction(size_average, reduce, reduction)


class _WeightedLoss(_Loss):
    """Base de las pérdidas con pesos por clase: guarda ``weight`` como búfer, como torch."""

    def __init__(
        self,
        weight: Tensor | None = None,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.register_buffer("weight", weight)
        self.weight: Tensor | None
