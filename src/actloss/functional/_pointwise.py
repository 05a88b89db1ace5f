"""El mecanismo de las activaciones elemento a elemento: valor y derivada explícitos.

Cada activación declara su valor ``f(x)`` y su derivada ``f'(x)`` en forma
cerrada. :class:`Pointwise` usa esa derivada en la retropropagación en lugar de
dejar que autograd derive la fórmula, de modo que la derivada escrita es la que
se prueba. Como ``backward`` se construye con operaciones diferenciables, la
segunda derivada (``gradgradcheck``) también funciona.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import torch
from torch import Tensor


@dataclass(frozen=True)
class Rule:
    """Una función escalar aplicada elemento a elemento y su derivada."""

    value: Callable[[Tensor], Tensor]
    derivative: Callable[[Tensor], Tensor]


class Pointwise(torch.autograd.Function):
    """``y = rule.value(x)`` con gradiente ``grad * rule.derivative(x)``."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, rule: Rule) -> Tensor:
        ctx.rule = rule
        ctx.save_for_backward(x)
        return rule.value(x)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (x,) = ctx.saved_tensors
        return grad * ctx.rule.derivative(x), None


_through_formula = False


@contextmanager
def autograd_through_formula() -> Iterator[None]:
    """Dentro del bloque, autograd deriva la fórmula del valor en vez de usar la derivada escrita.

    Sirve a las pruebas: la derivada escrita debe coincidir con la que autograd obtiene
    derivando ``rule.value`` operación a operación.
    """
    global _through_formula
    previous, _through_formula = _through_formula, True
    try:
        yield
    finally:
        _through_formula = previous


def _evaluate(rule: Rule, x: Tensor) -> Tensor:
    if _through_formula:
        return rule.value(x)
    return Pointwise.apply(x, rule)  # type: ignore[no-untyped-call,no-any-return]


def apply(rule: Rule, x: Tensor, inplace: bool = False) -> Tensor:
    """Aplica ``rule`` a ``x``; con ``inplace=True`` escribe el resultado en ``x``.

    Para la versión en el sitio, la entrada original se conserva (una copia)
    solo si autograd la necesita para la derivada; así ``x`` puede
    sobrescribirse sin invalidar el grafo.
    """
    if not inplace:
        return _evaluate(rule, x)
    source = x.clone() if torch.is_grad_enabled() and x.requires_grad else x
    return x.copy_(_evaluate(rule, source))
