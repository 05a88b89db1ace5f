"""Módulos de las activaciones lineales a trozos y de encogimiento.

Cada módulo guarda sus argumentos y llama a su función de :mod:`actloss.functional`,
donde están la fórmula, la derivada, los argumentos y la convención en los pliegues.
"""

from __future__ import annotations

import warnings

from torch import Tensor, nn

from actloss.functional import _piecewise as F
from actloss.nn._base import inplace_suffix


def _renamed(value: float, old_value: float | None, old: str, new: str) -> float:
    """El valor de un argumento de Hardtanh que torch renombró: el nombre antiguo avisa y manda."""
    if old_value is None:
        return value
    warnings.warn(
        f"Hardtanh: el argumento `{old}` está obsoleto; se llama `{new}`.",
        FutureWarning,
        stacklevel=3,
    )
    return old_value


class Threshold(nn.Module):
    """Aplica :func:`actloss.functional.threshold` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Threshold(0.0, -1.0)(torch.tensor([-2.0, 3.0]))
        tensor([-1.,  3.])
    """

    def __init__(self, threshold: float, value: float, inplace: bool = False) -> None:
        super().__init__()
        self.threshold = threshold
        self.value = value
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.threshold(input, self.threshold, self.value, self.inplace)

    def extra_repr(self) -> str:
        return f"threshold={self.threshold}, value={self.value}{inplace_suffix(self.inplace)}"


class Hardtanh(nn.Module):
    """Aplica :func:`actloss.functional.hardtanh` elemento a elemento.

    Argumentos:
        min_value: nombre antiguo de ``min_val``; avisa con ``FutureWarning``.
            Por defecto: ``None``.
        max_value: nombre antiguo de ``max_val``; avisa con ``FutureWarning``.
            Por defecto: ``None``.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Hardtanh(-2.0, 2.0)(torch.tensor([-5.0, 1.0, 5.0]))
        tensor([-2.,  1.,  2.])
    """

    def __init__(
        self,
        min_val: float = -1.0,
        max_val: float = 1.0,
        inplace: bool = False,
        min_value: float | None = None,
        max_value: float | None = None,
    ) -> None:
        super().__init__()
        min_val = _renamed(min_val, min_value, "min_value", "min_val")
        max_val = _renamed(max_val, max_value, "max_value", "max_val")
        if max_val <= min_val:
            raise AssertionError(
                f"Hardtanh: el argumento `max_val` ({max_val}) debe ser mayor que "
                f"`min_val` ({min_val})."
            )
        self.min_val = min_val
        self.max_val = max_val
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.hardtanh(input, self.min_val, self.max_val, self.inplace)

    def extra_repr(self) -> str:
        return f"min_val={self.min_val}, max_val={self.max_val}{inplace_suffix(self.inplace)}"


class ReLU6(Hardtanh):
    """Aplica :func:`actloss.functional.relu6` elemento a elemento (un :class:`Hardtanh` en [0, 6]).

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.ReLU6()(torch.tensor([-1.0, 2.0, 9.0]))
        tensor([0., 2., 6.])
    """

    def __init__(self, inplace: bool = False) -> None:
        super().__init__(0.0, 6.0, inplace)

    def extra_repr(self) -> str:
        return "inplace=True" if self.inplace else ""


class Hardsigmoid(nn.Module):
    """Aplica :func:`actloss.functional.hardsigmoid` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Hardsigmoid()(torch.tensor([-6.0, 0.0, 6.0]))
        tensor([0.0000, 0.5000, 1.0000])
    """

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.hardsigmoid(input, self.inplace)


class Hardswish(nn.Module):
    """Aplica :func:`actloss.functional.hardswish` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Hardswish()(torch.tensor([-6.0, 0.0, 6.0]))
        tensor([-0., 0., 6.])
    """

    def __init__(self, inplace: bool = False) -> None:
        super().__init__()
        self.inplace = inplace

    def forward(self, input: Tensor) -> Tensor:
        return F.hardswish(input, self.inplace)


class _Shrink(nn.Module):
    """Base de Hardshrink y Softshrink: guardan el umbral ``lambd`` (``0.5`` por defecto)."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def extra_repr(self) -> str:
        return str(self.lambd)


class Hardshrink(_Shrink):
    """Aplica :func:`actloss.functional.hardshrink` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Hardshrink(1.0)(torch.tensor([-2.0, 0.5, 3.0]))
        tensor([-2.,  0.,  3.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.hardshrink(input, self.lambd)


class Softshrink(_Shrink):
    """Aplica :func:`actloss.functional.softshrink` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Softshrink(1.0)(torch.tensor([-2.0, 0.5, 3.0]))
        tensor([-1.,  0.,  2.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.softshrink(input, self.lambd)


class Tanhshrink(nn.Module):
    """Aplica :func:`actloss.functional.tanhshrink` elemento a elemento.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Tanhshrink()(torch.tensor([0.0, 10.0]))
        tensor([0., 9.])
    """

    def forward(self, input: Tensor) -> Tensor:
        return F.tanhshrink(input)


__all__ = [
    "Hardshrink",
    "Hardsigmoid",
    "Hardswish",
    "Hardtanh",
    "ReLU6",
    "Softshrink",
    "Tanhshrink",
    "Threshold",
]
