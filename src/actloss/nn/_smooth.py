"""Módulos de las activaciones suaves: guardan los argumentos y llaman a su función.

La fórmula y la derivada de cada uno están en su función de :mod:`actloss.functional`.
"""

from __future__ import annotations

from torch import Tensor, nn

from actloss.functional import _smooth as F


class Sigmoid(nn.Module):
    """Aplica :func:`actloss.functional.sigmoid` elemento a elemento.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Argumentos:
        beta: la pendiente :math:`\\beta`. Por defecto: ``1.0``.
        threshold: por encima de :math:`\\beta x >` ``threshold`` la función es la
            identidad. Por defecto: ``20.0``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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


class _InplaceActivation(nn.Module):
    """Base de las activaciones cuyo único argumento es ``inplace``."""

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class SiLU(_InplaceActivation):
    """Aplica :func:`actloss.functional.silu` elemento a elemento.

    Argumentos:
        inplace: si es ``True``, escribe el resultado en la entrada. Por defecto: ``False``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Argumentos:
        inplace: si es ``True``, escribe el resultado en la entrada. Por defecto: ``False``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Argumentos:
        inplace: si es ``True``, escribe el resultado en la entrada. Por defecto: ``False``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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

    Argumentos:
        approximate: ``'none'`` (exacta) o ``'tanh'`` (la aproximación con tanh).
            Por defecto: ``'none'``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

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


class ELU(nn.Module):
    """Aplica :func:`actloss.functional.elu` elemento a elemento.

    Argumentos:
        alpha: el valor :math:`-\\alpha` al que tiende la parte negativa. Por defecto: ``1.0``.
        inplace: si es ``True``, escribe el resultado en la entrada. Por defecto: ``False``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.ELU(alpha=0.5)(torch.tensor([-100.0, 2.0]))
        tensor([-0.5000,  2.0000])
    """

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.elu(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        suffix = ", inplace=True" if self.inplace else ""
        return f"alpha={self.alpha}{suffix}"


class CELU(nn.Module):
    """Aplica :func:`actloss.functional.celu` elemento a elemento.

    Argumentos:
        alpha: la escala :math:`\\alpha`; no puede ser 0. Por defecto: ``1.0``.
        inplace: si es ``True``, escribe el resultado en la entrada. Por defecto: ``False``.

    Forma:
        - Entrada: :math:`(*)`. Salida: la misma forma.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.CELU(alpha=2.0)(torch.tensor([-100.0, 2.0]))
        tensor([-2.,  2.])
    """

    def __init__(self, alpha: float = 1.0, inplace: bool = False) -> None:
        super().__init__()
        self.alpha = alpha
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.celu(input, self.alpha, self.inplace)

    def extra_repr(self) -> str:
        suffix = ", inplace=True" if self.inplace else ""
        return f"alpha={self.alpha}{suffix}"


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
