"""Módulos de pérdida: guardan los argumentos y llaman a su función funcional."""

from __future__ import annotations

from torch import Tensor

from actloss import functional as F
from actloss.nn._base import _Loss


class L1Loss(_Loss):
    """Pérdida L1 como módulo; véase :func:`actloss.functional.l1_loss`.

    Argumentos:
        size_average: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduce: obsoleto; use ``reduction``. Por defecto: ``None``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(*)`; ``target``: la misma forma.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.L1Loss(reduction="sum")(torch.tensor([0.0, 2.0]), torch.tensor([1.0, 1.0]))
        tensor(2.)
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.l1_loss(input, target, reduction=self.reduction)


__all__ = ["L1Loss"]
