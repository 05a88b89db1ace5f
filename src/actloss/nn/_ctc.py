"""Pérdida de clasificación temporal conexionista (CTC) como módulo.

La fórmula, los argumentos y las formas están en su función.
"""

from __future__ import annotations

from torch import Tensor

from actloss.functional import _ctc as F
from actloss.functional._ctc import Lengths
from actloss.nn._base import _Loss


class CTCLoss(_Loss):
    """Pérdida CTC como módulo; véase :func:`actloss.functional.ctc_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> log_probs = torch.full((3, 1, 2), 0.5).log()  # T = 3, N = 1, C = 2
        >>> # 6 de las 8 alineaciones colapsan en "1" (todas salvo - - - y 1 - 1)
        >>> loss = nn.CTCLoss(reduction="sum")(log_probs, torch.tensor([[1]]), (3,), (1,))
        >>> round(float((-loss).exp()), 4)
        0.75
    """

    def __init__(
        self, blank: int = 0, reduction: str = "mean", zero_infinity: bool = False
    ) -> None:
        super().__init__(reduction=reduction)
        self.blank = blank
        self.zero_infinity = zero_infinity

    def forward(
        self,
        log_probs: Tensor,
        targets: Tensor,
        input_lengths: Lengths,
        target_lengths: Lengths,
    ) -> Tensor:
        return F.ctc_loss(
            log_probs,
            targets,
            input_lengths,
            target_lengths,
            self.blank,
            self.reduction,
            self.zero_infinity,
        )


__all__ = ["CTCLoss"]
