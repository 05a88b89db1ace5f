"""Módulos de las activaciones lineales a trozos y de encogimiento.

Cada módulo es su función de :mod:`actloss.functional` hecha módulo
(:class:`~actloss.nn._base.FunctionModule`); en la función están la fórmula, la derivada,
los argumentos y la convención en los pliegues.

:class:`Hardtanh` se escribe a mano: acepta los nombres obsoletos ``min_value`` y
``max_value``, que su función no tiene, y comprueba el intervalo al construirse;
:class:`ReLU6` es un :class:`Hardtanh` en :math:`[0, 6]`, como en torch.
"""

from __future__ import annotations

from typing import ClassVar

from torch import Tensor, nn

from actloss._validation import warn_caller
from actloss.functional import _piecewise as F
from actloss.nn._base import FunctionModule, checked_arguments, rendered


def _renamed(value: float, old_value: float | None, old: str, new: str) -> float:
    """El valor de un argumento de Hardtanh que torch renombró: el nombre antiguo avisa y manda."""
    if old_value is None:
        return value
    warn_caller(f"Hardtanh: el argumento `{old}` está obsoleto; se llama `{new}`.", FutureWarning)
    return old_value


class Threshold(FunctionModule, function=F.threshold):
    """El umbral y el valor no tienen valor por defecto, como en torch.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.Threshold(0.0, -1.0)(torch.tensor([-2.0, 3.0]))
        tensor([-1.,  3.])
    """


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

    __constants__: ClassVar[list[str]] = ["min_val", "max_val", "inplace"]

    @checked_arguments
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
        return rendered("nombres", {n: getattr(self, n) for n in ("min_val", "max_val", "inplace")})


class ReLU6(Hardtanh):
    """Aplica :func:`actloss.functional.relu6` elemento a elemento (un :class:`Hardtanh` en [0, 6]).

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.ReLU6()(torch.tensor([-1.0, 2.0, 9.0]))
        tensor([0., 2., 6.])
    """

    @checked_arguments
    def __init__(self, inplace: bool = False) -> None:
        super().__init__(0.0, 6.0, inplace)

    def extra_repr(self) -> str:
        return rendered("nombres", {"inplace": self.inplace})


class Hardsigmoid(FunctionModule, function=F.hardsigmoid, repr_style="nada"):
    pass


class Hardswish(FunctionModule, function=F.hardswish, repr_style="nada"):
    pass


class Hardshrink(FunctionModule, function=F.hardshrink, repr_style="valor"):
    pass


class Softshrink(FunctionModule, function=F.softshrink, repr_style="valor"):
    pass


class Tanhshrink(FunctionModule, function=F.tanhshrink):
    pass


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
