"""Módulos de los rectificadores: cada uno es su función hecha módulo
(:class:`~actloss.nn._base.FunctionModule`), donde están la fórmula, la derivada, los
argumentos y las formas.

:class:`PReLU` se escribe a mano: aprende sus pendientes, un parámetro propio.
"""

from __future__ import annotations

import numbers
import operator
from typing import Any, ClassVar

import torch
from torch import Tensor, nn

from actloss.functional import _rectifiers as F
from actloss.nn._base import FunctionModule, checked_arguments


class ReLU(FunctionModule, function=F.relu):
    pass


class LeakyReLU(FunctionModule, function=F.leaky_relu, constants=("inplace", "negative_slope")):
    pass


class PReLU(nn.Module):
    """Aplica :func:`actloss.functional.prelu` con pendientes que se aprenden.

    Argumentos:
        num_parameters: cuántas pendientes :math:`a` se aprenden: 1 (una común) o el
            número de canales de la entrada (una por canal). Por defecto: ``1``.
        init: valor inicial de cada pendiente. Por defecto: ``0.25``.
        device: dispositivo del parámetro. Por defecto: ``None``.
        dtype: dtype del parámetro. Por defecto: ``None``.

    Atributos:
        weight: el parámetro :math:`a`, de forma ``(num_parameters,)``.

    Forma:
        - Entrada: :math:`(*)`, con los canales en la dimensión 1 si ``num_parameters > 1``.
        - Salida: la misma forma.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> capa = nn.PReLU(num_parameters=3)
        >>> capa(torch.full((2, 3), -4.0))
        tensor([[-1., -1., -1.],
                [-1., -1., -1.]], grad_fn=<_PReLUBackward>)
    """

    __constants__: ClassVar[list[str]] = ["num_parameters"]

    @checked_arguments
    def __init__(
        self,
        num_parameters: int = 1,
        init: float = 0.25,
        device: torch.device | str | None = None,
        dtype: torch.dtype | None = None,
    ) -> None:
        _check_prelu(num_parameters, init)
        super().__init__()
        self.num_parameters = num_parameters
        self.init = init
        self.weight = nn.Parameter(torch.empty(num_parameters, device=device, dtype=dtype))
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Devuelve cada pendiente a su valor inicial ``init``."""
        nn.init.constant_(self.weight, self.init)

    def forward(self, input: Tensor) -> Tensor:
        return F.prelu(input, self.weight)

    def extra_repr(self) -> str:
        return f"num_parameters={self.num_parameters}"


def _check_prelu(num_parameters: Any, init: Any) -> None:
    """Los argumentos de PReLU, con la clase de excepción de torch: un entero no negativo
    (torch acepta lo que tiene ``__index__``, como un entero de NumPy, salvo un bool) y un
    número o un tensor de dimensión 0."""
    try:
        if isinstance(num_parameters, bool):
            raise TypeError
        count = operator.index(num_parameters)
    except TypeError:
        raise TypeError(
            "PReLU: el argumento `num_parameters` debe ser un int; se recibió "
            f"{type(num_parameters).__name__}."
        ) from None
    if count < 0:
        raise RuntimeError(
            f"PReLU: el argumento `num_parameters` no puede ser negativo; se recibió {count}."
        )
    if isinstance(init, Tensor):
        if init.dim() != 0:
            raise RuntimeError(
                "PReLU: el argumento `init` debe ser un número o un tensor de dimensión 0; "
                f"se recibió un tensor de forma {tuple(init.shape)}."
            )
    elif not isinstance(init, numbers.Number):
        raise TypeError(
            "PReLU: el argumento `init` debe ser un número (float); se recibió "
            f"{type(init).__name__}."
        )


class RReLU(FunctionModule, function=F.rrelu):
    """En entrenamiento sortea cada pendiente negativa en ``[lower, upper]``; en evaluación
    (``.eval()``) usa su media.

    Ejemplos:
        >>> import torch
        >>> from actloss import nn
        >>> nn.RReLU(0.1, 0.3).eval()(torch.tensor([-1.0, 1.0]))
        tensor([-0.2000,  1.0000])
    """


__all__ = ["LeakyReLU", "PReLU", "RReLU", "ReLU"]
