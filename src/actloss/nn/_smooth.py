"""Módulos de las activaciones suaves: guardan los argumentos y llaman a su función.

La fórmula, la derivada y los argumentos de cada uno están en su función de
:mod:`actloss.functional`.
"""

from __future__ import annotations

from torch import Tensor, nn

from actloss.functional import _smooth as F
from actloss.nn._base import _InplaceActivation, inplace_suffix


class Sigmoid(nn.Module):
    """Aplica :func:`actloss.functional.sigmoid` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Sigmoid()(torch.tensor([0.0, 2.0]))
        tensor([0.5000, 0.8808])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.sigmoid(input)


class Tanh(nn.Module):
    """Aplica :func:`actloss.functional.tanh` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Tanh()(torch.tensor([0.0, 2.0]))
        tensor([0.0000, 0.9640])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.tanh(input)


class Softsign(nn.Module):
    """Aplica :func:`actloss.functional.softsign` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Softsign()(torch.tensor([-1.0, 3.0]))
        tensor([-0.5000,  0.7500])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.softsign(input)


class LogSigmoid(nn.Module):
    """Aplica :func:`actloss.functional.logsigmoid` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.LogSigmoid()(torch.tensor([-200.0, 0.0]))
        tensor([-200.0000,   -0.6931])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.logsigmoid(input)


class Softplus(nn.Module):
    """Aplica :func:`actloss.functional.softplus` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Softplus(beta=10.0)(torch.tensor([-1.0, 1.0]))
        tensor([4.5399e-06, 1.0000e+00])
    """

    def __init__(self, beta: float = 1.0, threshold: float = 20.0) -> None:
        super().__init__()
        self.beta = beta
        self.threshold = threshold

    def forward(self, input: Tensor) -> Tensor:
        return F.softplus(input, self.beta, self.threshold)

    def extra_repr(self) -> str:
        return f"beta={self.beta}, threshold={self.threshold}"


class _AlphaActivation(nn.Module):
    """Base de ELU y CELU: guardan la escala ``alpha`` (``1.0`` por defecto) e ``inplace``."""

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}{inplace_suffix(self.inplace)}"


class SiLU(_InplaceActivation):
    """Aplica :func:`actloss.functional.silu` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.SiLU()(torch.tensor([-1.0, 2.0]))
        tensor([-0.2689,  1.7616])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.silu(input, inplace=self.inplace)


class Mish(_InplaceActivation):
    """Aplica :func:`actloss.functional.mish` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Mish()(torch.tensor([-1.0, 2.0]))
        tensor([-0.3034,  1.9440])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.mish(input, inplace=self.inplace)


class SELU(_InplaceActivation):
    """Aplica :func:`actloss.functional.selu` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.SELU()(torch.tensor([-100.0, 1.0]))
        tensor([-1.7581,  1.0507])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.selu(input, inplace=self.inplace)


class GELU(nn.Module):
    """Aplica :func:`actloss.functional.gelu` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.GELU(approximate="tanh")(torch.tensor([-1.0, 2.0]))
        tensor([-0.1588,  1.9546])
    """

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = approximate

    def forward(self, input: Tensor) -> Tensor:
        return F.gelu(input, approximate=self.approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"


class ELU(_AlphaActivation):
    """Aplica :func:`actloss.functional.elu` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.ELU(alpha=0.5)(torch.tensor([-100.0, 2.0]))
        tensor([-0.5000,  2.0000])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.elu(input, self.alpha, self.inplace)


class CELU(_AlphaActivation):
    """Aplica :func:`actloss.functional.celu` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.CELU(alpha=2.0)(torch.tensor([-100.0, 2.0]))
        tensor([-2.,  2.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.celu(input, self.alpha, self.inplace)


__all__ = [
    "CELU",
    "ELU",
    "GELU",
    "SELU",
    "LogSigmoid",
    "Mish",
    "SiLU",
    "Sigmoid",
    "Softplus",
    "Softsign",
    "Tanh",
]
