"""Bases comunes de los módulos de pérdida."""

from __future__ import annotations

from torch import Tensor, nn

from actloss._validation import legacy_reduction


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
