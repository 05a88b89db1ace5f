"""Pérdida de clasificación temporal conexionista (CTC) como módulo: su función de
:mod:`actloss.functional` hecha módulo (:class:`~actloss.nn._base.FunctionModule`).

La fórmula, los argumentos y las formas están en su función.
"""

from __future__ import annotations

from actloss.functional import _ctc as F
from actloss.nn._base import FunctionModule


class CTCLoss(FunctionModule, function=F.ctc_loss, constants=("blank", "reduction")):
    """Las longitudes son tensores o secuencias de enteros, como en torch.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> log_probs = torch.full((3, 1, 2), 0.5).log()  # T = 3, N = 1, C = 2
        >>> # 6 de las 8 alineaciones colapsan en "1" (todas salvo - - - y 1 - 1)
        >>> loss = nn.CTCLoss(reduction="sum")(log_probs, torch.tensor([[1]]), (3,), (1,))
        >>> round(float((-loss).exp()), 4)
        0.75
    """


__all__ = ["CTCLoss"]
