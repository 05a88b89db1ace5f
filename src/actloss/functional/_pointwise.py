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

import functools
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import torch
from torch import Tensor

from actloss.functional import _kernels as kernels
from actloss.functional import _transforms as transforms


@dataclass(frozen=True)
class Rule:
    """Una función escalar aplicada elemento a elemento y su derivada.

    Atributos:
        value: :math:`f(x)`.
        derivative: :math:`f'(x)`, en función de la entrada.
        derivative_from_output: si no es ``None``, :math:`f'` en función de la salida
            :math:`y = f(x)`; la retropropagación la usa en lugar de ``derivative``.
        constant_pieces: :math:`f'` es constante a trozos (su propia derivada es 0 casi en
            todas partes): la retropropagación la evalúa sin grafo, también en la segunda
            derivada, y puede construirla con operaciones en el sitio.
        value_and_state: si no es ``None``, da :math:`f(x)` y un intermedio :math:`s` que
            la retropropagación guarda (como hace torch) para no volver a calcularlo.
        derivative_from_state: :math:`f'` en función de ese intermedio; la segunda
            derivada usa ``derivative`` sobre la entrada, que también se guarda.
        definition: la función de :mod:`actloss.reference`, que autograd deriva donde
            torch no anida la derivada escrita (``jvp`` de ``jvp``, véase
            :func:`~actloss.functional._transforms.closed`). Toda regla la da, salvo las de
            derivada constante a trozos: ahí la segunda derivada es 0 de todos modos.
    """

    value: Callable[[Tensor], Tensor]
    derivative: Callable[[Tensor], Tensor]
    derivative_from_output: Callable[[Tensor], Tensor] | None = None
    constant_pieces: bool = False
    value_and_state: Callable[[Tensor], tuple[Tensor, Tensor]] | None = None
    derivative_from_state: Callable[[Tensor], Tensor] | None = None
    definition: Callable[[Tensor], Tensor] | None = None


class Pointwise(torch.autograd.Function):
    """``y = rule.value(x)`` con gradiente ``grad * rule.derivative(x)``."""

    @staticmethod
    def forward(ctx: Any, x: Tensor, rule: Rule) -> Tensor:
        ctx.rule = rule
        if rule.value_and_state is not None:
            y, state = rule.value_and_state(x)
            ctx.save_for_backward(x, state)
            return y
        y = rule.value(x)
        # The derivative reads the output when the rule can: x need not be kept.
        ctx.save_for_backward(y if rule.derivative_from_output is not None else x)
        return y

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        saved = ctx.saved_tensors
        rule = ctx.rule
        derivative = rule.derivative_from_output or rule.derivative
        if rule.derivative_from_state is not None and not torch.is_grad_enabled():
            d = rule.derivative_from_state(saved[1])
        elif rule.constant_pieces:
            with torch.no_grad():
                d = derivative(saved[0])
            d = kernels.tied(d, saved[0])
        else:
            d = derivative(saved[0])
        d = transforms.backward_factor(d)
        # Without a second-order graph, the derivative's own temporary takes the product.
        # Under torch.compile the compiler fuses the product itself, and the storage
        # checks would break the graph: keep the plain product there.
        if kernels.in_place(grad) and kernels.fresh_temporary(d, grad, *saved):
            return d.mul_(grad), None
        return grad * d, None


R = TypeVar("R")


def cached(factory: Callable[..., R]) -> Callable[..., R]:
    """``factory`` (la que construye la regla de unos argumentos) con una regla por juego
    de argumentos: la misma regla, con las mismas funciones, en cada llamada.

    ``torch.jit.trace`` ejecuta el módulo dos veces y compara los grafos, donde la regla
    aparece con las direcciones de sus funciones: una regla nueva por llamada los haría
    distintos. Solo se guardan argumentos ``float``, ``int``, ``str`` y ``bool`` (un tensor
    no se puede usar de clave), sin compilar (dynamo traza la construcción, no la guarda).
    """
    rules: dict[tuple[Any, ...], R] = {}

    @functools.wraps(factory)
    def rule(*args: Any) -> R:
        key = None if kernels.compiled() else _key(args)
        if key is None:
            return factory(*args)
        found = rules.get(key)
        if found is None:
            if len(rules) >= _CACHED_RULES:  # a loop over many slopes: start again
                rules.clear()
            found = rules[key] = factory(*args)
        return found

    return rule


_CACHED_RULES = 256


def _key(args: tuple[Any, ...]) -> tuple[Any, ...] | None:
    """La clave de unos argumentos, o ``None`` si no se guardan. ``-0.0`` y ``0.0`` son
    claves distintas (el signo del cero llega a la salida), ``1``, ``1.0`` y ``True``
    también, y ``nan`` no se guarda (no es igual a sí mismo)."""
    key: list[tuple[Any, Any]] = []
    for a in args:
        if type(a) is float:
            if a != a:
                return None
            key.append((a, math.copysign(1.0, a)))
        elif type(a) in (int, str, bool):
            key.append((type(a), a))
        else:
            return None
    return tuple(key)


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
    # Under torch.func or forward AD, Pointwise cannot run: Closed, with the same written
    # derivative (not autograd's of the value's formula).
    if transforms.transformed():
        return transforms.closed(rule.value, (rule.derivative,), x, definition=rule.definition)
    return Pointwise.apply(x, rule)  # type: ignore[no-untyped-call,no-any-return]


def apply(rule: Rule, x: Tensor, inplace: bool = False) -> Tensor:
    """Aplica ``rule`` a ``x``; con ``inplace=True`` escribe el resultado en ``x``.

    Para la versión en el sitio, la entrada original se conserva (una copia)
    solo si autograd la necesita para la derivada: no cuando la derivada se escribe
    con la salida. Así ``x`` puede sobrescribirse sin invalidar el grafo.
    """
    if not inplace:
        return _evaluate(rule, x)
    keep_input = (
        torch.is_grad_enabled()
        and x.requires_grad
        and (rule.derivative_from_output is None or _through_formula or transforms.transformed())
    )
    return x.copy_(_evaluate(rule, x.clone() if keep_input else x))
