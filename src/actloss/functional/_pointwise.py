r"""El mecanismo de las activaciones elemento a elemento: valor y derivada explícitos.

Cada activación declara su valor ``f(x)`` y su derivada ``f'(x)`` en forma
cerrada. :class:`Pointwise` usa esa derivada en la retropropagación en lugar de
dejar que autograd derive la fórmula, de modo que la derivada escrita es la que
se prueba. Como ``backward`` se construye con operaciones diferenciables, la
segunda derivada (``gradgradcheck``) también funciona.

Para gastar poco sin compilar, la retropropagación no crea más temporales de los que
pide la derivada: cuando no hay que construir un grafo de segundo orden, multiplica
``grad`` sobre el tensor que devuelve la derivada (si es un temporal nuevo). Y una
activación cuya derivada se escribe con su propia salida (:math:`\sigma' = \sigma(1 -
\sigma)`, :math:`\tanh' = 1 - \tanh^2`) la declara en ``derivative_from_output``: la
retropropagación guarda entonces la salida en vez de la entrada y no vuelve a evaluar
la función, como hace torch.
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
    """Una función escalar aplicada elemento a elemento y su derivada.

    Atributos:
        value: :math:`f(x)`.
        derivative: :math:`f'(x)`, en función de la entrada.
        derivative_from_output: si no es ``None``, :math:`f'` en función de la salida
            :math:`y = f(x)`; la retropropagación la usa en lugar de ``derivative``.
    """

    value: Callable[[Tensor], Tensor]
    derivative: Callable[[Tensor], Tensor]
    derivative_from_output: Callable[[Tensor], Tensor] | None = None


def _fresh_temporary(d: Tensor, grad: Tensor, *saved: Tensor) -> bool:
    """``d`` es un temporal propio, denso y de la forma y el dtype de ``grad``.

    Solo entonces puede recibir ``grad`` en el sitio sin cambiar ni el resultado ni
    ningún otro tensor: no es una vista (ni una difusión con pasos nulos), no comparte
    almacenamiento con lo guardado ni con ``grad`` y no pide gradiente.
    """
    if (
        d.shape != grad.shape
        or d.dtype != grad.dtype
        or d.requires_grad
        or d._base is not None
        or not d.is_contiguous()
    ):
        return False
    storage = d.untyped_storage().data_ptr()
    return all(t.untyped_storage().data_ptr() != storage for t in (grad, *saved))


class Pointwise(torch.autograd.Function):
    """``y = rule.value(x)`` con gradiente ``grad * rule.derivative(x)``."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, rule: Rule) -> Tensor:
        ctx.rule = rule
        y = rule.value(x)
        # The derivative reads the output when the rule can: x need not be kept.
        ctx.save_for_backward(y if rule.derivative_from_output is not None else x)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        (saved,) = ctx.saved_tensors
        rule = ctx.rule
        if rule.derivative_from_output is not None:
            d = rule.derivative_from_output(saved)
        else:
            d = rule.derivative(saved)
        # Without a second-order graph, the derivative's own temporary takes the product.
        # Under torch.compile the compiler fuses the product itself, and the storage
        # checks would break the graph: keep the plain product there.
        if (
            not torch.compiler.is_compiling()
            and not torch.is_grad_enabled()
            and _fresh_temporary(d, grad, saved)
        ):
            return d.mul_(grad), None
        return grad * d, None


def step(z: Tensor) -> Tensor:
    r"""Escalón de Heaviside en coma flotante: 1 donde :math:`z > 0`, 0 donde :math:`z \le 0`.

    Es :math:`\min(\max(\lceil z \rceil, 0), 1)`: el techo lleva todo número positivo a
    1 o más y todo número no positivo a 0 o menos; el recorte deja solo 0 y 1. Un ``nan``
    da ``nan``, para que cada función decida con ``nan_to_num`` qué derivada le toca, como
    hace torch.

    Las activaciones construyen sus derivadas a trozos con este escalón y no con máscaras
    booleanas (``torch.where``, ``x > 0``): en un procesador con AVX-512, leer y escribir
    tensores ``bool`` cuesta decenas de veces más que una operación en coma flotante,
    tanto sin compilar como en el código que genera inductor cuando guarda una máscara
    entre la pasada hacia delante y la retropropagación.

    Ejemplos:
        >>> import torch
        >>> step(torch.tensor([-2.0, 0.0, 1e-30, 3.0]))
        tensor([0., 0., 1., 1.])
    """
    return z.ceil().clamp_(0, 1)


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
