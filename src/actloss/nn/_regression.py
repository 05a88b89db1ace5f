"""Módulos de las pérdidas de regresión: guardan los argumentos y llaman a su función,
donde están la fórmula, los argumentos y las formas.
"""

from __future__ import annotations

from torch import Tensor

from actloss.functional import _regression as F
from actloss.nn._base import _Loss


class L1Loss(_Loss):
    """Pérdida L1 como módulo; véase :func:`actloss.functional.l1_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.L1Loss(reduction="sum")(torch.tensor([0.0, 2.0]), torch.tensor([1.0, 1.0]))
        tensor(2.)
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.l1_loss(input, target, reduction=self.reduction)


class MSELoss(_Loss):
    """Error cuadrático medio como módulo; véase :func:`actloss.functional.mse_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.MSELoss(reduction="sum")(torch.tensor([0.0, 3.0]), torch.tensor([1.0, 1.0]))
        tensor(5.)
    """

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.mse_loss(input, target, reduction=self.reduction)


class SmoothL1Loss(_Loss):
    """Smooth L1 como módulo; véase :func:`actloss.functional.smooth_l1_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.SmoothL1Loss(beta=2.0)(torch.tensor([1.0, 4.0]), torch.zeros(2))
        tensor(1.6250)
    """

    def __init__(
        self,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
        beta: float = 1.0,
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.beta = beta

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.smooth_l1_loss(input, target, reduction=self.reduction, beta=self.beta)


class HuberLoss(_Loss):
    """Pérdida de Huber como módulo; véase :func:`actloss.functional.huber_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.HuberLoss(delta=2.0)(torch.tensor([1.0, 4.0]), torch.zeros(2))
        tensor(3.2500)
    """

    def __init__(self, reduction: str = "mean", delta: float = 1.0) -> None:
        if not isinstance(delta, (float, int)):
            raise TypeError(
                f"HuberLoss: el argumento `delta` debe ser un float o un int; "
                f"se recibió {type(delta).__name__}."
            )
        super().__init__(reduction=reduction)
        self.delta = delta

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.huber_loss(input, target, reduction=self.reduction, delta=self.delta)


class PoissonNLLLoss(_Loss):
    """Log-verosimilitud negativa de Poisson como módulo.

    Véase :func:`actloss.functional.poisson_nll_loss`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.PoissonNLLLoss(log_input=False)(torch.tensor([2.0]), torch.tensor([2.0]))
        tensor(0.6137)
    """

    def __init__(
        self,
        log_input: bool = True,
        full: bool = False,
        size_average: bool | None = None,
        eps: float = 1e-8,
        reduce: bool | None = None,
        reduction: str = "mean",
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.log_input = log_input
        self.full = full
        self.eps = eps

    def forward(self, log_input: Tensor, target: Tensor) -> Tensor:
        return F.poisson_nll_loss(
            log_input,
            target,
            log_input=self.log_input,
            full=self.full,
            eps=self.eps,
            reduction=self.reduction,
        )


class GaussianNLLLoss(_Loss):
    """Log-verosimilitud negativa gaussiana como módulo.

    Véase :func:`actloss.functional.gaussian_nll_loss`. Sus argumentos solo se pasan
    por nombre, como en torch.

    Argumentos:
        full: añadir la constante :math:`\\tfrac12 \\log 2\\pi`. Por defecto: ``False``.
        eps: cota inferior de la varianza. Por defecto: ``1e-06``.
        reduction: ``'none'``, ``'mean'`` o ``'sum'``. Por defecto: ``'mean'``.

    Forma:
        - ``input``: :math:`(N, *)`; ``target``: la misma forma; ``var``: la misma, con una
          dimensión menos o con una dimensión de tamaño 1.
        - Salida: escalar, o la forma de la entrada con ``reduction='none'``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.GaussianNLLLoss()(torch.zeros(2), torch.ones(2), torch.ones(2))
        tensor(0.5000)
    """

    def __init__(self, *, full: bool = False, eps: float = 1e-6, reduction: str = "mean") -> None:
        super().__init__(None, None, reduction)
        self.full = full
        self.eps = eps

    def forward(self, input: Tensor, target: Tensor, var: Tensor | float) -> Tensor:
        return F.gaussian_nll_loss(
            input, target, var, full=self.full, eps=self.eps, reduction=self.reduction
        )


class KLDivLoss(_Loss):
    """Divergencia KL como módulo; véase :func:`actloss.functional.kl_div`.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> p = torch.tensor([[0.5, 0.5]])
        >>> nn.KLDivLoss(reduction="batchmean")(torch.tensor([[0.75, 0.25]]).log(), p)
        tensor(0.1438)
    """

    def __init__(
        self,
        size_average: bool | None = None,
        reduce: bool | None = None,
        reduction: str = "mean",
        log_target: bool = False,
    ) -> None:
        super().__init__(size_average, reduce, reduction)
        self.log_target = log_target

    def forward(self, input: Tensor, target: Tensor) -> Tensor:
        return F.kl_div(input, target, reduction=self.reduction, log_target=self.log_target)


__all__ = [
    "GaussianNLLLoss",
    "HuberLoss",
    "KLDivLoss",
    "L1Loss",
    "MSELoss",
    "PoissonNLLLoss",
    "SmoothL1Loss",
]
